"""The demo complaints and denunciations: loaded through the complaint and denunciation services, every state present, the
denouncers' identities encrypted and nowhere else, histories that hold together, and a second load
that changes nothing. One test, because a load takes a while."""

import datetime as dt

import pytest
from django.db.models import Prefetch
from django.utils import timezone

from thanthien.core.models import AuditEvent, Membership, User
from thanthien.petitions import cases
from thanthien.petitions.confidential import identity_for_sending
from thanthien.petitions.demo_statutory import (
    DENOUNCERS,
    DISTRICT_BODY,
    DISTRICT_OFFICIAL,
    ID_PREFIX,
    KEY_PREFIX,
    demo_statutory_petitions,
    load_statutory_demo,
)
from thanthien.petitions.models import (
    ComplaintCase,
    ConfidentialIdentity,
    Contact,
    DenunciationCase,
    Extension,
    Kind,
    Petition,
    PetitionEvent,
    State,
)
from thanthien.petitions.workflow import COMPLAINT_TRANSITIONS, DENUNCIATION_TRANSITIONS


def _states(transitions) -> set[str]:
    return {t.target for t in transitions.values() if t.target} | {State.RECEIVED}


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Petition,
            PetitionEvent,
            ComplaintCase,
            DenunciationCase,
            Extension,
            ConfidentialIdentity,
            Contact,
            AuditEvent,
            User,
            Membership,
        )
    }


@pytest.mark.django_db
def test_statutory_demo_covers_every_state_and_keeps_identities_secret():
    summary = load_statutory_demo()
    assert summary["seconds"] < 30

    demo = demo_statutory_petitions()
    total = demo.count()
    assert summary["created"] == summary["total"] == total
    complaints = demo.filter(kind=Kind.COMPLAINT)
    first = complaints.filter(complaint__instance=1)
    second = complaints.filter(complaint__instance=2)
    denunciations = demo.filter(kind=Kind.DENUNCIATION)
    assert first.count() == first.filter(submission_key__startswith=KEY_PREFIX).count() == 24
    assert denunciations.count() == 12
    assert total == 24 + 12 + second.count()

    # Every state of both workflows.
    assert set(complaints.values_list("state", flat=True)) == _states(COMPLAINT_TRANSITIONS)
    assert set(denunciations.values_list("state", flat=True)) == _states(DENUNCIATION_TRANSITIONS)
    assert {k: v for k, v in summary["denunciations"].items() if v} == {
        s: denunciations.filter(state=s).count() for s in _states(DENUNCIATION_TRANSITIONS)
    }

    # Complaints: appeals became second-instance cases at UBND huyện, some of them accepted.
    appealed = first.filter(state=State.APPEALED)
    assert second.count() == appealed.count() >= 2
    assert set(second.values_list("body__name", flat=True)) == {DISTRICT_BODY}
    assert second.filter(state__in=[State.ACCEPTED, State.VERIFYING]).exists()
    assert set(
        second.filter(state=State.VERIFYING).values_list("assignee__username", flat=True)
    ) == {DISTRICT_OFFICIAL.username}
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

    # Denunciations: two anonymous self-checks, extensions, Vân Du's handler as the assignee.
    assert denunciations.filter(is_anonymous=True, denunciation__is_self_check=True).count() == 2
    extensions = {
        case.extension_count for case in DenunciationCase.objects.filter(petition__in=demo)
    }
    assert {1, 2} <= extensions and max(extensions) <= 2
    handled = denunciations.filter(unit__code="15190", assignee__isnull=False)
    assert handled.exists()
    assert set(handled.values_list("assignee__username", flat=True)) == {"vandu.diachinh"}
    assert not denunciations.filter(
        unit__code="15190", denunciation__accepted_on__isnull=False, assignee__isnull=True
    ).exists()

    # Identities: encrypted, apart, and nowhere else.
    assert (
        not Contact.objects.filter(petition__in=denunciations)
        .exclude(name="", phone="", email="", address="")
        .exists()
    )
    records = ConfidentialIdentity.objects.filter(petition__in=demo)
    assert records.count() == 10 and not records.filter(petition__is_anonymous=True).exists()
    planted = set()
    for record in records.select_related("petition"):
        identity = identity_for_sending(record.petition)
        assert identity.name in DENOUNCERS
        assert len(identity.id_number) == 12 and identity.id_number.startswith(ID_PREFIX)
        assert identity.phone.startswith("09") and len(identity.phone) == 10
        planted.add(identity.name)
        secrets = [identity.name, identity.id_number, identity.phone]
        for other in records:
            token = bytes(other.token)
            for secret in [*secrets, *DENOUNCERS]:
                assert secret.encode("utf-8") not in token
    assert planted == set(DENOUNCERS)
    texts = " ".join(
        f"{p.title} {p.content} {p.search_text}" for p in Petition.objects.filter(pk__in=demo)
    )
    texts += " ".join(
        PetitionEvent.objects.filter(petition__in=demo).values_list("reason", flat=True)
    )
    texts += " ".join(Contact.objects.values_list("name", flat=True))
    for name in DENOUNCERS:
        assert name not in texts

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
        second_submit = petition.kind == Kind.COMPLAINT and petition.complaint.instance == 2
        assert audited >= len(chain) - (1 if second_submit else 0), petition.pk

    assert Membership.objects.filter(user__username=DISTRICT_OFFICIAL.username).count() == 1

    before = _counts()
    again = load_statutory_demo()
    assert again["created"] == 0 and again["total"] == total
    assert _counts() == before
