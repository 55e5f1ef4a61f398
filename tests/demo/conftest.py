"""The demo's stories, each loaded inside the test's transaction on top of the session's ground
(``units_people``, loaded once by tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # Evidence photos and other files the stories attach.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan149(db):
    """The 2023 run of plan 149-KH/HU (with the meetings it links to)."""
    from thanthien.demo import rollout
    from thanthien.rollout.models import Plan

    rollout.load()
    return Plan.objects.get(submission_key="demo-149")
