"""The denunciations of the last ten months: loaded through the denunciation services, every state present, the
denouncers' identities encrypted and nowhere else, histories that hold together, and a second load
that changes nothing. One test, because a load takes a while."""

import datetime as dt

import pytest
from django.db.models import Prefetch
from django.utils import timezone

from thanthien.core.models import AuditEvent, Membership, User
from thanthien.demo import complaints, denunciations
from thanthien.demo._helpers import DENOUNCERS
from thanthien.petitions.confidential import identity_for_sending
from thanthien.petitions.models import (
    ConfidentialIdentity,
    Contact,
    DenunciationCase,
    Extension,
    Kind,
    Petition,
    PetitionEvent,
    State,
)
from thanthien.petitions.workflow import DENUNCIATION_TRANSITIONS


def _states(transitions) -> set[str]:
    return {t.target for t in transitions.values() if t.target} | {State.RECEIVED}


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Petition,
            PetitionEvent,
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
def test_denunciations_cover_every_state_and_keep_identities_secret():
    summary = denunciations.load()
    assert summary["seconds"] < 30

    demo = denunciations.denunciations()
    total = demo.count()
    assert summary["created"] == summary["total"] == total == 12
    assert set(demo.values_list("kind", flat=True)) == {Kind.DENUNCIATION}
    assert set(demo.values_list("state", flat=True)) == _states(DENUNCIATION_TRANSITIONS)
    assert {k: v for k, v in summary["states"].items() if v} == {
        s: demo.filter(state=s).count() for s in _states(DENUNCIATION_TRANSITIONS)
    }

    # Two anonymous self-checks, extensions, Vân Du's handler as the assignee.
    assert demo.filter(is_anonymous=True, denunciation__is_self_check=True).count() == 2
    extensions = {
        case.extension_count for case in DenunciationCase.objects.filter(petition__in=demo)
    }
    assert {1, 2} <= extensions and max(extensions) <= 2
    handled = demo.filter(unit__code="15190", assignee__isnull=False)
    assert handled.exists()
    assert set(handled.values_list("assignee__username", flat=True)) == {"vandu.diachinh"}
    assert not demo.filter(
        unit__code="15190", denunciation__accepted_on__isnull=False, assignee__isnull=True
    ).exists()

    # Identities: encrypted, apart, and nowhere else, not even in the complaints.
    complaints.load()
    assert (
        not Contact.objects.filter(petition__in=demo)
        .exclude(name="", phone="", email="", address="")
        .exists()
    )
    records = ConfidentialIdentity.objects.filter(petition__in=demo)
    assert records.count() == 10 and not records.filter(petition__is_anonymous=True).exists()
    planted = set()
    for record in records.select_related("petition"):
        identity = identity_for_sending(record.petition)
        assert identity.name in DENOUNCERS
        assert len(identity.id_number) == 12 and identity.id_number.startswith(
            denunciations.ID_PREFIX
        )
        assert identity.phone.startswith("09") and len(identity.phone) == 10
        planted.add(identity.name)
        secrets = [identity.name, identity.id_number, identity.phone]
        for other in records:
            token = bytes(other.token)
            for secret in [*secrets, *DENOUNCERS]:
                assert secret.encode("utf-8") not in token
    assert planted == set(DENOUNCERS)
    texts = " ".join(f"{p.title} {p.content} {p.search_text}" for p in Petition.objects.all())
    texts += " ".join(PetitionEvent.objects.values_list("reason", flat=True))
    texts += " ".join(Contact.objects.values_list("name", flat=True))
    for name in DENOUNCERS:
        assert name not in texts

    # Histories: every chain starts with the submission and ends at the case's state.
    events = PetitionEvent.objects.order_by("at", "id")
    limit = timezone.now()
    for petition in demo.prefetch_related(Prefetch("events", queryset=events)):
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
        assert audited >= len(chain), petition.pk

    before = _counts()
    again = denunciations.load()
    assert again["created"] == 0 and again["total"] == total
    assert _counts() == before
