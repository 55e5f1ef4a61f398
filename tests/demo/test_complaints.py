"""The complaints of the last ten months: loaded through the complaint services, every state present, appeals
that became second-instance cases at the district, histories that hold together, and a second load
that changes nothing. One test, because a load takes a while."""

import datetime as dt

import pytest
from django.db.models import Prefetch
from django.utils import timezone

from thanthien.core.models import AuditEvent, Membership, User
from thanthien.demo import complaints
from thanthien.petitions import cases
from thanthien.petitions.models import ComplaintCase, Contact, Kind, Petition, PetitionEvent, State
from thanthien.petitions.workflow import COMPLAINT_TRANSITIONS


def _states(transitions) -> set[str]:
    return {t.target for t in transitions.values() if t.target} | {State.RECEIVED}


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Petition, PetitionEvent, ComplaintCase, Contact, AuditEvent, User, Membership)
    }


@pytest.mark.django_db
def test_complaints_cover_every_state_and_appeal_to_the_district():
    summary = complaints.load()
    assert summary["seconds"] < 30

    demo = complaints.complaints()
    total = demo.count()
    assert summary["created"] == summary["total"] == total
    assert set(demo.values_list("kind", flat=True)) == {Kind.COMPLAINT}
    first = demo.filter(complaint__instance=1)
    second = demo.filter(complaint__instance=2)
    assert first.count() == first.filter(submission_key__startswith=complaints.KEY_PREFIX).count()
    assert first.count() == 24
    assert total == 24 + second.count()

    # Every state of the workflow.
    assert set(demo.values_list("state", flat=True)) == _states(COMPLAINT_TRANSITIONS)
    assert {k: v for k, v in summary["first_instance"].items() if v} == {
        s: first.filter(state=s).count() for s in _states(COMPLAINT_TRANSITIONS)
    }

    # Appeals became second-instance cases at UBND huyện, some of them accepted.
    appealed = first.filter(state=State.APPEALED)
    assert second.count() == appealed.count() >= 2
    assert set(second.values_list("body__name", flat=True)) == {complaints.DISTRICT_BODY}
    assert second.filter(state__in=[State.ACCEPTED, State.VERIFYING]).exists()
    assert set(
        second.filter(state=State.VERIFYING).values_list("assignee__username", flat=True)
    ) == {complaints.DISTRICT_HANDLER}
    for petition in second:
        assert petition.complaint.first_instance.state == State.APPEALED
    for case in ComplaintCase.objects.filter(petition__in=first.filter(state=State.FINAL)):
        assert case.final_on > cases.period_end("complaint-final", case.decided_on)
    decided = ComplaintCase.objects.filter(petition__in=first, decided_on__isnull=False)
    assert decided.exclude(legal_basis__contains="Luật").count() == 0
    assert decided.filter(legal_basis__contains="Nghị định 47/2014/NĐ-CP").exists()
    assert first.filter(
        complaint__late_reason__contains="ốm đau điều trị dài ngày",
        entered_by__username="vandu.diachinh",
    ).exists()
    assert first.exclude(complaint__complainants=[]).exists()
    assert first.filter(complaint__is_complex=True).exists()
    assert first.filter(complaint__is_remote=True).exists()
    assert first.filter(unit__code="15190").count() > first.exclude(unit__code="15190").count()

    # Histories: every chain starts with the submission and ends at the case's state.
    events = PetitionEvent.objects.order_by("at", "id")
    limit = timezone.now()
    for petition in demo.select_related("complaint").prefetch_related(
        Prefetch("events", queryset=events)
    ):
        chain = list(petition.events.all())
        assert chain and chain[0].action == "submit", petition.pk
        assert chain[-1].new_state == petition.state, petition.pk
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.old_state == before.new_state, petition.pk
            assert before.at <= after.at <= limit, petition.pk
        assert timezone.localdate(petition.received_at) >= timezone.localdate() - dt.timedelta(
            days=310
        )
        audited = AuditEvent.objects.filter(
            object_type="petitions.petition", object_id=str(petition.pk)
        ).count()
        second_submit = petition.complaint.instance == 2
        assert audited >= len(chain) - (1 if second_submit else 0), petition.pk

    before = _counts()
    again = complaints.load()
    assert again["created"] == 0 and again["total"] == total
    assert _counts() == before
