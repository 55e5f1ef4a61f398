"""Headless-browser set-up: Debian's Chromium driven by Playwright's sync API.

Every test in this folder is marked ``browser``. The browser is Debian's ``chromium`` package
(``scripts/ensure-chromium.sh`` installs it); Playwright never downloads one. When the executable is
missing the tests are skipped, not failed. ``CHROMIUM`` overrides the path.

Tests drive pytest-django's ``live_server``, so they need ``@pytest.mark.django_db(transaction=True)``;
that flushes the session's demo data, so each test loads what it needs (see the ``demo`` fixture).
"""

import os
from pathlib import Path

# Playwright's sync API keeps an event loop running in this thread; Django then refuses ORM calls
# from test code (SynchronousOnlyOperation) unless told it is safe. It is: nothing here is async.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Plain static storage: the manifest storage needs collectstatic. tests/conftest.py sets it too.
os.environ.setdefault("STATIC_PLAIN", "1")

import pytest  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
SCREENSHOTS_DIR = BROWSER_DIR.parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google services, which on a closed network only times out.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}


def pytest_collection_modifyitems(config, items):
    # A conftest hook sees every collected item, not only this folder's: mark ours only.
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: run scripts/ensure-chromium.sh as root "
            "(installs Debian's chromium) or set CHROMIUM to the executable"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def phone_page(browser):
    """A page in a fresh context the size of a small Android phone, in Vietnamese."""
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves a full-page PNG to tests/screenshots/name.png."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def demo(transactional_db):
    """The demo data, loaded again for this test (a transactional test starts from an empty DB,
    without even the rows data migrations put there: those are restored first)."""
    import importlib

    from django.apps import apps

    from thanthien.demo import units_people
    from thanthien.disclosure.catalogue import load_catalogue

    load_catalogue(apps, None)
    importlib.import_module("thanthien.meetings.migrations.0002_default_rules").add_rules(
        apps, None
    )
    return units_people.load()
