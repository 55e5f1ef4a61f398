"""The demo sits above every app: it may import them all, and none of them imports it."""

import re
from pathlib import Path

import thanthien

SOURCE = Path(thanthien.__file__).parent
IMPORTS_DEMO = re.compile(r"^\s*(from|import)\s+thanthien\.demo\b|^\s*from\s+\.+demo\b", re.M)


def test_no_app_imports_the_demo():
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if SOURCE / "demo" not in path.parents and IMPORTS_DEMO.search(path.read_text())
    ]
    assert offenders == []


def test_the_apps_offer_no_demo_of_their_own():
    from django.apps import apps

    assert [c.label for c in apps.get_app_configs() if hasattr(c, "demo_loader")] == []
    assert not list(SOURCE.glob("*/demo*.py"))
