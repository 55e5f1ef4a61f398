"""Shared test set-up: the demo's ground (Thạch Thành's units, bodies and people) is loaded once per
session and each test runs in a transaction that is rolled back. Personas follow STYLE.md: a citizen, a commune official, a
commune chairman, an official of another commune, an MTTQ officer, the district administrator."""

import pytest
from django.test import Client


def pytest_configure(config):
    from django.conf import settings

    # Tests serve static files from the app folders; production serves collected, hashed ones.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    # The test ground is the demo's, the 2023 units: until it moves to today's units (issue 13)
    # they keep taking records; tests/petitions/test_abolished_units.py turns the rule on.
    settings.ABOLISHED_UNITS_TAKE_RECORDS = True
    # Background tasks run at once in tests, inside the request that enqueues them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Tests see every change at once; tests/core/test_cacheable.py turns the public page cache on.
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if not hasattr(config, "workerinput"):
        # The identity key file (var/identity.key) is created on first use. Under pytest-xdist two
        # workers loading the demo at once on a fresh checkout would race to create it (one fails
        # on O_EXCL or reads it empty): create it here, in the one process that starts them.
        from thanthien.petitions.confidential import cipher

        cipher()


def pytest_collection_modifyitems(items):
    # The kind travels with the test's report, also from an xdist worker to the controller.
    for item in items:
        if item.get_closest_marker("catalogue"):
            item.user_properties.append(("kind", "catalogue"))


def pytest_terminal_summary(terminalreporter):
    """One line that tells behavioural tests apart from catalogue checks (one test per catalogue,
    looking at every entry: see tests/test_translations.py), above pytest's own closing line."""
    counts = {"behavioural tests": {}, "catalogue checks": {}}
    for outcome in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") == "collect" or not hasattr(report, "nodeid"):
                continue
            kind = (
                "catalogue checks"
                if ("kind", "catalogue") in map(tuple, report.user_properties)
                else "behavioural tests"
            )
            counts[kind][outcome] = counts[kind].get(outcome, 0) + 1
    if any(counts.values()):
        terminalreporter.write_line(
            "; ".join(
                f"{kind}: "
                + (", ".join(f"{n} {outcome}" for outcome, n in found.items()) or "none")
                for kind, found in counts.items()
            )
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from thanthien.demo import units_people

    with django_db_blocker.unblock():
        units_people.load()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests that check hashing use it explicitly.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def _user(username):
    from thanthien.core.models import User

    return User.objects.get(username=username)


@pytest.fixture
def citizen(db):
    return _user("0912000001")


@pytest.fixture
def clerk(db):
    return _user("vandu.vanthu")


@pytest.fixture
def handler(db):
    return _user("vandu.diachinh")


@pytest.fixture
def chairman(db):
    return _user("vandu.chutich")


@pytest.fixture
def mttq_officer(db):
    return _user("vandu.mttq")


@pytest.fixture
def district_supervisor(db):
    return _user("huyen.bandanvan")


@pytest.fixture
def district_admin(db):
    return _user("huyen.quantri")


@pytest.fixture
def other_official(db):
    return _user("thachbinh.canbo")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def units(db):
    """The demo's units by short name (2023 generation)."""
    from thanthien.core.models import AdminUnit

    legacy = AdminUnit.objects.filter(valid_to__isnull=False)
    return {
        "district": legacy.get(level="district", code="391"),
        "van_du": legacy.get(level="commune", code="15190"),
        "kim_tan": legacy.get(level="commune", code="15187"),
        "thach_binh": legacy.get(level="commune", code="15211"),
        "van_du_village": legacy.get(level="village", parent__code="15190", short_name="1"),
        "province": AdminUnit.objects.get(level="province", code="38"),
    }
