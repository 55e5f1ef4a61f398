"""The transition tables: every state × every action; only the listed moves happen, each audited."""

import pytest

from thanthien.core.models import AuditEvent, User
from thanthien.participation import workflow
from thanthien.participation.models import Consultation, VillageDecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root-participation", password="x")


@pytest.mark.parametrize("state", Consultation.State.values)
@pytest.mark.parametrize("action", list(workflow.CONSULTATION))
def test_consultation_state_by_action(make_consultation, superuser, state, action):
    c = make_consultation(state="draft")
    Consultation.objects.filter(pk=c.pk).update(state=state)
    c.refresh_from_db()
    step = workflow.CONSULTATION[action]
    if state in step.sources:
        workflow.transition(c, action, actor=superuser, unit=c.unit)
        c.refresh_from_db()
        assert c.state == step.target
        event = AuditEvent.objects.get(action=f"participation.consultation_{action}")
        assert event.data["from"] == state and event.data["to"] == step.target
    else:
        with pytest.raises(workflow.Conflict):
            workflow.transition(c, action, actor=superuser, unit=c.unit)
        c.refresh_from_db()
        assert c.state == state


@pytest.mark.parametrize("state", VillageDecision.State.values)
@pytest.mark.parametrize("action", list(workflow.DECISION))
def test_decision_state_by_action(clerk, units, today, superuser, state, action):
    from thanthien.participation import services

    d = services.decision_create(
        actor=clerk,
        village=units["van_du_village"],
        title="t",
        method="hands",
        opens_on=today,
        closes_on=today,
        options=["a", "b"],
    )
    VillageDecision.objects.filter(pk=d.pk).update(state=state)
    d.refresh_from_db()
    step = workflow.DECISION[action]
    if state in step.sources:
        workflow.transition(d, action, actor=superuser, unit=d.village)
        d.refresh_from_db()
        assert d.state == step.target
    else:
        with pytest.raises(workflow.Conflict):
            workflow.transition(d, action, actor=superuser, unit=d.village)
        d.refresh_from_db()
        assert d.state == state


def test_a_stale_copy_loses(make_consultation, clerk):
    c = make_consultation(state="draft")
    stale = Consultation.objects.get(pk=c.pk)
    workflow.transition(c, "open", actor=clerk, unit=c.unit)
    with pytest.raises(workflow.Conflict):
        workflow.transition(stale, "open", actor=clerk, unit=c.unit)
    assert AuditEvent.objects.filter(action="participation.consultation_open").count() == 1
