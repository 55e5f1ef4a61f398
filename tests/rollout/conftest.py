import pytest

from thanthien.core.models import Body


@pytest.fixture
def rollout_demo(db):
    """The 2023 run of plan 149-KH/HU (loaded inside the test's transaction)."""
    from thanthien.demo import rollout
    from thanthien.rollout.models import Plan

    rollout.load()
    return Plan.objects.get(submission_key="demo-149")


@pytest.fixture
def plan149(rollout_demo):
    return rollout_demo


@pytest.fixture
def district_party(units):
    return Body.objects.get(unit=units["district"], kind=Body.Kind.PARTY_COMMITTEE)


@pytest.fixture
def district_committee(units):
    return Body.objects.get(unit=units["district"], kind=Body.Kind.PEOPLES_COMMITTEE)
