"""Denunciations (tố cáo, Luật Tố cáo 2018, Nghị định 31/2019): filing (anonymous or named), the
classification and resolution time limits, extensions, the conclusion and the case's close.

The denouncer's identity goes to ``petitions.confidential.identity_store`` and nowhere else; a
denunciation is a petition of kind ``denunciation`` with a ``DenunciationCase`` (petition core tables).
"""

import datetime as dt
import hmac

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.models import AdminUnit
from thanthien.core.workdays import due_date
from thanthien.petitions import cases, services
from thanthien.petitions.cases import period_end, rule
from thanthien.petitions.confidential import Identity, _keys, identity_store
from thanthien.petitions.models import (
    Channel,
    DenunciationCase,
    Extension,
    Field,
    Kind,
    Petition,
    State,
)
from thanthien.petitions.notifications import notify_citizen

MAX_EXTENSIONS = 2


def denunciation_submit(
    *,
    field: Field,
    unit: AdminUnit,
    title: str,
    content: str,
    denounced: str,
    identity: Identity,
    is_anonymous: bool = False,
    village: AdminUnit | None = None,
    files: list | None = None,
    submitter=None,
    channel: str = Channel.ONLINE,
    received_at: dt.datetime | None = None,
    entered_by=None,
    submission_key: str | None = None,
) -> tuple[Petition, bool]:
    """Record a denunciation; the identity is encrypted apart from the case.

    An anonymous denunciation is not handled as a denunciation (Art. 25); one that names the violator
    and gives specific evidence becomes a case the body checks itself.
    """
    received_at = received_at or timezone.now()
    denounced = (denounced or "").strip()
    errors: dict[str, list[str]] = {}
    if len(denounced) < 2:
        errors["denounced"] = [_("Name the person or body whose violation you denounce.")]
    if is_anonymous:
        if len((content or "").strip()) < 50 or not denounced:
            errors["content"] = [
                _(
                    "An anonymous denunciation is only checked when it names the violator and gives "
                    "specific evidence (at least 50 characters). Otherwise give your name: it is kept "
                    "secret."
                )
            ]
        identity = Identity()
    else:
        if len(identity.name.strip()) < 2:
            errors["name"] = [
                _("Give your full name: it is kept secret, only the handler sees it.")
            ]
        if not (identity.phone or identity.email or identity.address):
            errors["address"] = [
                _("Give an address, a phone number or an email, so that you can be notified.")
            ]
        if identity.phone:
            from thanthien.core.people import normalize_phone

            phone = normalize_phone(identity.phone)
            if not phone:
                errors["phone"] = [_("Enter a Vietnamese phone number, e.g. 0912 345 678.")]
            identity.phone = phone or ""
    if errors:
        raise ValidationError(errors)
    who = identity.phone or identity.email or identity.id_number or identity.name or "anonymous"
    # Keyed, so that the duplicate check's digest cannot confirm a guessed phone number.
    who = hmac.new(_keys()[0], who.encode(), "sha256").hexdigest()

    def build(petition: Petition) -> None:
        DenunciationCase.objects.create(
            petition=petition,
            denounced=denounced[:200],
            is_self_check=is_anonymous,
            classify_by=period_end("denunciation-classification", received_at),
        )
        if not identity.is_empty():
            identity_store(petition=petition, identity=identity)

    return services.petition_submit(
        kind=Kind.DENUNCIATION,
        field=field,
        unit=unit,
        village=village,
        title=title,
        content=content,
        files=files,
        submitter=None,  # no link from the case to the denouncer's account; they have the code
        channel=channel,
        received_at=received_at,
        entered_by=entered_by,
        submission_key=submission_key,
        is_anonymous=is_anonymous,
        case_builder=build,
        deadline=period_end("denunciation-classification", received_at),
        confidential_who=f"denouncer:{who}",
    )


def _denunciation(petition: Petition) -> DenunciationCase:
    if petition.kind != Kind.DENUNCIATION:
        raise ValidationError(_("This is not a denunciation."))
    return DenunciationCase.objects.select_for_update().get(petition=petition)


@transaction.atomic
def denunciation_accept(*, petition: Petition, actor, assignee=None) -> Petition:
    services._require(actor, petition, "accept")
    case = _denunciation(petition)
    today = timezone.localdate()
    case.accepted_on = today
    case.notice_by = period_end("denunciation-notice", today)
    case.save(update_fields=["accepted_on", "notice_by"])
    deadline = period_end("denunciation-resolution", today)
    return cases.accepted(petition, actor, deadline=deadline, assignee=assignee or actor)


def denunciation_refuse(*, petition: Petition, actor, reason: str) -> Petition:
    return cases.refuse(petition=petition, actor=actor, reason=reason, case_for=_denunciation)


@transaction.atomic
def denunciation_verify(*, petition: Petition, actor) -> Petition:
    services._require(actor, petition, "verify")
    return services._transition(petition, "verify", actor, target=State.VERIFYING)


@transaction.atomic
def denunciation_extend(*, petition: Petition, actor, days: int, reason: str) -> Extension:
    """One of at most two extensions, each a written decision sent to the denouncer and the denounced."""
    services._require(actor, petition, "extend")
    reason = services._reason(reason, required=True)
    case = _denunciation(petition)
    number = case.extensions.count() + 1
    if number > MAX_EXTENSIONS:
        raise ValidationError(_("A denunciation can be extended at most twice."))
    limit = rule("denunciation-extension").days
    if not isinstance(days, int) or not 1 <= days <= limit:
        raise ValidationError({"days": [_("An extension is from 1 to %(n)d days.") % {"n": limit}]})
    new_deadline = due_date(petition.deadline, days, "calendar")
    extension = Extension.objects.create(
        case=case,
        number=number,
        days=days,
        reason=reason,
        decided_by=actor,
        decided_on=timezone.localdate(),
        new_deadline=new_deadline,
    )
    services._transition(
        petition,
        "extend",
        actor,
        target=petition.state,
        deadline=new_deadline,
        reason=_("Resolution period extended to %(day)s.")
        % {"day": new_deadline.strftime("%d/%m/%Y")},
    )
    transaction.on_commit(lambda: notify_citizen(petition.pk, "extended"))
    return extension


@transaction.atomic
def denunciation_conclude(
    *,
    petition: Petition,
    actor,
    conclusion: str,
    measures: str = "",
    conclusion_number: int | None = None,
) -> Petition:
    services._require(actor, petition, "conclude")
    conclusion = (conclusion or "").strip()
    if len(conclusion) < 20:
        raise ValidationError(
            {
                "conclusion": [
                    _("Write the conclusion on the content denounced (at least 20 characters).")
                ]
            }
        )
    case = _denunciation(petition)
    case.conclusion, case.measures = conclusion, (measures or "").strip()
    case.conclusion_number, case.concluded_on = conclusion_number, timezone.localdate()
    case.save(update_fields=["conclusion", "measures", "conclusion_number", "concluded_on"])
    petition = services._transition(
        petition,
        "conclude",
        actor,
        target=State.DECIDED,
        answered_at=timezone.now(),
        reason=_("Conclusion issued."),
    )
    transaction.on_commit(lambda: notify_citizen(petition.pk, "answered"))
    return petition


@transaction.atomic
def denunciation_close(*, petition: Petition, actor) -> Petition:
    services._require(actor, petition, "close")
    return services._transition(
        petition, "close", actor, target=State.CLOSED, closed_at=timezone.now()
    )
