"""The petitions of the last twelve months: loaded through the services, every state present,
histories that hold together, and a second load that changes nothing. One test, because a load
takes a while."""

import pytest
from django.db.models import Prefetch
from django.utils import timezone

from thanthien.core.models import AuditEvent, Membership, User
from thanthien.demo import petitions
from thanthien.demo._helpers import DENOUNCERS
from thanthien.demo.units_people import LOGINS
from thanthien.petitions.models import (
    OPEN_STATES,
    Answer,
    Attachment,
    Contact,
    Petition,
    PetitionEvent,
    State,
)
from thanthien.petitions.workflow import TRANSITIONS


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Petition, PetitionEvent, Answer, Attachment, AuditEvent, User, Membership)
    }


@pytest.mark.django_db
def test_demo_petitions_cover_every_state_with_real_histories():
    summary = petitions.load()

    demo = petitions.petitions_of(petitions.KEY_PREFIX)
    total = demo.count()
    assert total >= 250
    assert summary["created"] == summary["total"] == total
    states = set(demo.values_list("state", flat=True))
    # Every state of the feedback workflow (complaints and denunciations have their own demo).
    feedback_states = {t.target for t in TRANSITIONS.values() if t.target} | {
        State.RECEIVED,
        State.FORWARDED,
    }
    assert states == feedback_states
    assert {k: v for k, v in summary["states"].items() if v} == {
        s: demo.filter(state=s).count() for s in feedback_states
    }

    today = timezone.localdate()
    overdue = demo.filter(state__in=OPEN_STATES, deadline__lt=today).count()
    assert 5 <= overdue <= 30 and summary["overdue"] == overdue
    assert demo.filter(state__in=OPEN_STATES, deadline__gte=today).exists()
    assert demo.filter(rating__isnull=False).count() >= 50
    assert demo.filter(rating__lte=2).exclude(rating_comment="").exists()
    assert not demo.filter(state=State.MERGED, merged_into__isnull=True).exists()
    assert demo.filter(state=State.FORWARDED, forwarded_to__startswith="Tòa án").exists()
    assert demo.filter(reopen_count=1).exclude(state=State.REOPENED).exists()  # answered again
    assert demo.filter(submitter__username="0912000001").count() >= 5
    assert Answer.objects.filter(petition__in=demo, status=Answer.Status.PENDING).exists()
    assert Attachment.objects.filter(petition__in=demo, role=Attachment.Role.ANSWER).count() >= 20
    answered = demo.filter(answered_at__isnull=False).exclude(state=State.MERGED)
    late = [p for p in answered if timezone.localdate(p.answered_at) > p.deadline]
    assert 0 < len(late) < len(answered) / 4

    texts = " ".join(f"{p.title} {p.content}" for p in demo)
    texts += " ".join(Contact.objects.filter(petition__in=demo).values_list("name", flat=True))
    assert not [name for name in DENOUNCERS if name in texts]  # their names are theirs alone

    months = {timezone.localtime(p.received_at).strftime("%Y-%m") for p in demo}
    assert len(months) >= 12
    assert demo.values("title").distinct().count() >= 40

    events = PetitionEvent.objects.order_by("at", "id")
    for petition in demo.prefetch_related(Prefetch("events", queryset=events)):
        chain = list(petition.events.all())
        assert chain, petition.submission_key
        assert chain[0].action == "submit"
        assert chain[-1].new_state == petition.state, petition.submission_key
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.old_state == before.new_state, petition.submission_key
            assert after.at >= before.at, petition.submission_key
        assert AuditEvent.objects.filter(
            object_type="petitions.petition", object_id=str(petition.pk)
        ).count() >= len([e for e in chain if e.action != "answer" or e.new_state != "merged"])

    for login in LOGINS:
        memberships = Membership.objects.filter(user__username=login.username)
        assert memberships.count() == (1 if login.role else 0), login.username

    before = _counts()
    again = petitions.load()
    assert again["created"] == 0 and again["total"] == total
    assert _counts() == before
