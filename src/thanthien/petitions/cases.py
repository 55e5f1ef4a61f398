"""Steps shared by complaints and denunciations, on the petition core: the legal time limits
(``LegalRule`` rows, editable by an administrator), withdrawal, and asking the superior body to step in.

The procedures themselves live in their own rooms: ``thanthien.complaints`` (Luật Khiếu nại 2011) and
``thanthien.denunciations`` (Luật Tố cáo 2018). Every step goes through ``services._transition``.
"""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.models import AdminUnit, Body
from thanthien.core.workdays import due_date

from . import services
from .models import STATUTORY_KINDS, CompetenceRule, Kind, LegalRule, Petition, State
from .notifications import notify_citizen

__all__ = [
    "STATUTORY_KINDS",
    "accepted",
    "competent_body",
    "escalation_request",
    "period_end",
    "refuse",
    "rule",
    "withdraw",
]


def rule(code: str, on: dt.date | None = None) -> LegalRule:
    """The rule ``code`` in force on ``on`` (today by default)."""
    on = on or timezone.localdate()
    found = (
        LegalRule.objects.filter(code=code, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if found is None:
        raise ValidationError(
            _("The time limit %(code)s is not set up. Ask an administrator.") % {"code": code}
        )
    return found


def period_end(code: str, event: dt.date | dt.datetime) -> dt.date:
    day = timezone.localtime(event).date() if isinstance(event, dt.datetime) else event
    found = rule(code, day)
    return due_date(event, found.days, found.count)


def competent_body(procedure: str, unit: AdminUnit, on: dt.date | None = None) -> Body:
    """The body competent for ``procedure`` on a case decided by a body of ``unit``, by the
    ``CompetenceRule`` in force on ``on`` (today by default): the body of that kind at the rule's
    level among ``unit``'s ancestors. Where no rule covers ``unit``'s level, the People's
    Committee nearest above it, as before there were rules."""
    on = on or timezone.localdate()
    if settings.ABOLISHED_UNITS_TAKE_RECORDS and unit.valid_to is not None and unit.valid_to < on:
        on = unit.valid_to  # the demo's 2023 ground lives by the rules of its time (settings)
    found = (
        CompetenceRule.objects.filter(
            procedure=procedure, from_level=unit.level, effective_from__lte=on
        )
        .order_by("-effective_from")
        .first()
    )
    bodies = Body.objects.filter(unit_id__in=unit.ancestor_ids[:-1], is_active=True)
    if found is None:
        bodies = bodies.filter(kind=Body.Kind.PEOPLES_COMMITTEE)
    else:
        bodies = bodies.filter(kind=found.body_kind, unit__level=found.to_level)
    body = bodies.select_related("unit").order_by("-unit__path", "pk").first()
    if body is None:
        raise ValidationError(_("No superior body receives second complaints on the platform yet."))
    return body


@transaction.atomic
def withdraw(*, petition: Petition, reason: str, actor=None) -> Petition:
    """A complainant or denouncer withdraws in writing (the official records it); recorded, never deleted."""
    services._require(actor, petition, "withdraw", as_citizen=actor is None)
    reason = services._reason(reason, required=True)
    return services._transition(
        petition, "withdraw", actor, target=State.WITHDRAWN, reason=reason, closed_at=timezone.now()
    )


def accepted(petition: Petition, actor, *, deadline: dt.date, **changes) -> Petition:
    """Accept the case, to be resolved by ``deadline``, and tell the citizen. The procedure's
    service has checked who may and recorded its own part; ``changes`` go onto the petition too."""
    petition = services._transition(
        petition,
        "accept",
        actor,
        target=State.ACCEPTED,
        deadline=deadline,
        reason=_("Accepted; to be resolved by %(day)s.") % {"day": deadline.strftime("%d/%m/%Y")},
        **changes,
    )
    transaction.on_commit(lambda: notify_citizen(petition.pk, "accepted"))
    return petition


@transaction.atomic
def refuse(
    *, petition: Petition, actor, reason: str, case_for: Callable[[Petition], object]
) -> Petition:
    """Refuse to accept a complaint or a denunciation: the reason goes onto the case
    (``case_for(petition)``, the procedure's locked case record) and the citizen is told."""
    services._require(actor, petition, "refuse")
    reason = services._reason(reason, required=True)
    case = case_for(petition)
    case.refusal_reason = reason
    case.save(update_fields=["refusal_reason"])
    petition = services._transition(
        petition, "refuse", actor, target=State.REFUSED, reason=reason, closed_at=timezone.now()
    )
    transaction.on_commit(lambda: notify_citizen(petition.pk, "declined"))
    return petition


def require_statutory(petition: Petition, kind: str) -> None:
    if petition.kind != kind:
        raise PermissionDenied


@transaction.atomic
def escalation_request(*, petition: Petition, reason: str) -> Petition:
    """A complainant or denouncer whose case is overdue asks the superior body to step in (Luật Tố
    cáo 2018, Art. 38). It is logged on the case, which the superior body sees in its overdue list."""
    reason = services._reason(reason, required=True)
    if petition.kind not in (Kind.COMPLAINT, Kind.DENUNCIATION):
        raise ValidationError(_("Only complaints and denunciations can be escalated."))
    if not (petition.is_open and petition.deadline and petition.deadline < timezone.localdate()):
        raise ValidationError(
            _("You can ask the superior body to step in once the time limit has passed.")
        )
    services.PetitionEvent.objects.create(
        petition=petition,
        action="escalate",
        old_state=petition.state,
        new_state=petition.state,
        body=petition.body,
        reason=reason,
    )
    from thanthien.core.audit import audit_record

    audit_record(
        "petition.escalation_requested",
        obj=petition,
        unit=petition.body.unit,
        anonymous=petition.kind == Kind.DENUNCIATION,
    )
    from .notifications import notify_officials

    transaction.on_commit(lambda: notify_officials(petition.pk, "overdue"))
    return petition
