"""Steps shared by complaints and denunciations, on the petition core: the legal time limits
(``LegalRule`` rows, editable by an administrator), withdrawal, and asking the superior body to step in.

The procedures themselves live in their own rooms: ``thanthien.complaints`` (Luật Khiếu nại 2011) and
``thanthien.denunciations`` (Luật Tố cáo 2018). Every step goes through ``services._transition``.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.workdays import due_date

from . import services
from .models import STATUTORY_KINDS, Kind, LegalRule, Petition, State

__all__ = ["STATUTORY_KINDS", "escalation_request", "period_end", "rule", "withdraw"]


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


@transaction.atomic
def withdraw(*, petition: Petition, reason: str, actor=None) -> Petition:
    """A complainant or denouncer withdraws in writing (the official records it); recorded, never deleted."""
    services._require(actor, petition, "withdraw", as_citizen=actor is None)
    reason = services._reason(reason, required=True)
    return services._transition(
        petition, "withdraw", actor, target=State.WITHDRAWN, reason=reason, closed_at=timezone.now()
    )


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
