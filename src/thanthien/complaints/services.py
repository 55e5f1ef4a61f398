"""Complaints (khiếu nại, Luật Khiếu nại 2011, Nghị định 124/2020): filing within the time limit,
acceptance, verification, dialogue, the decision, its finality and the second complaint.

A complaint is a petition of kind ``complaint`` with a ``ComplaintCase`` (tables of the petition core).
Every time limit comes from ``LegalRule`` rows through ``petitions.cases.period_end``; every step goes
through ``services._transition`` (conditional update, a log row, an audit event).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import permissions
from thanthien.core.models import AdminUnit
from thanthien.petitions import cases, services
from thanthien.petitions.cases import period_end
from thanthien.petitions.models import (
    Channel,
    CompetenceRule,
    ComplaintCase,
    Field,
    Kind,
    Petition,
    State,
)
from thanthien.petitions.notifications import notify_citizen


def _resolution_code(instance: int, is_complex: bool, is_remote: bool) -> str:
    code = "complaint-first" if instance == 1 else "complaint-second"
    if is_remote:
        code += "-remote"
    if is_complex:
        code += "-complex"
    return code


def complaint_filing_deadline(
    *, learned_on: dt.date, instance: int = 1, is_remote: bool = False
) -> dt.date:
    if instance == 1:
        return period_end("complaint-filing-first", learned_on)
    return period_end(
        "complaint-filing-second-remote" if is_remote else "complaint-filing-second", learned_on
    )


def complaint_submit(
    *,
    field: Field,
    unit: AdminUnit,
    title: str,
    content: str,
    act_complained_of: str,
    respondent: str,
    learned_on: dt.date,
    name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    village: AdminUnit | None = None,
    complainants: list[str] | None = None,
    is_remote: bool = False,
    late_reason: str = "",
    files: list | None = None,
    submitter=None,
    channel: str = Channel.ONLINE,
    received_at: dt.datetime | None = None,
    entered_by=None,
    submission_key: str | None = None,
) -> tuple[Petition, bool]:
    """File a first-instance complaint. Filed after the 90-day limit it is refused with a clear
    message, unless a handler entering it records why the delay is accepted (illness, disaster…)."""
    received_at = received_at or timezone.now()
    errors: dict[str, list[str]] = {}
    act_complained_of, respondent = (act_complained_of or "").strip(), (respondent or "").strip()
    if len(act_complained_of) < 5:
        errors["act_complained_of"] = [_("Say which decision or act you complain about.")]
    if len(respondent) < 2:
        errors["respondent"] = [_("Say who made the decision or did the act.")]
    if not (name or "").strip() and submitter is None:
        errors["name"] = [
            _("A complaint needs the complainant's name (anonymous complaints are not accepted).")
        ]
    received_day = timezone.localtime(received_at).date()
    if learned_on > received_day:
        errors["learned_on"] = [_("This date cannot be after the complaint was received.")]
    else:
        limit = complaint_filing_deadline(learned_on=learned_on)
        late_reason = (late_reason or "").strip()
        if received_day > limit:
            if entered_by is None or not late_reason:
                errors["learned_on"] = [
                    _(
                        "The time to complain ended on %(day)s (90 days). If illness, a natural disaster or "
                        "another obstacle prevented you, say so at the reception: an official can accept it."
                    )
                    % {"day": limit.strftime("%d/%m/%Y")}
                ]
            elif not permissions.can(entered_by, "petitions.complaint.accept", unit):
                errors["late_reason"] = [
                    _("Only a handler of this unit may accept a late complaint.")
                ]
    if errors:
        raise ValidationError(errors)
    others = [n.strip()[:150] for n in (complainants or []) if n and n.strip()][:500]

    def build(petition: Petition) -> None:
        ComplaintCase.objects.create(
            petition=petition,
            instance=1,
            act_complained_of=act_complained_of,
            respondent=respondent[:200],
            learned_on=learned_on,
            is_remote=is_remote,
            late_reason=late_reason,
            complainants=others,
        )

    return services.petition_submit(
        kind=Kind.COMPLAINT,
        field=field,
        unit=unit,
        village=village,
        title=title,
        content=content,
        address=address,
        name=name,
        phone=phone,
        email=email,
        files=files,
        submitter=submitter,
        channel=channel,
        received_at=received_at,
        entered_by=entered_by,
        submission_key=submission_key,
        case_builder=build,
        deadline=period_end("complaint-acceptance", received_at),
    )


def _case(petition: Petition) -> ComplaintCase:
    if petition.kind != Kind.COMPLAINT:
        raise ValidationError(_("This is not a complaint."))
    return ComplaintCase.objects.select_for_update().get(petition=petition)


@transaction.atomic
def complaint_accept(
    *, petition: Petition, actor, is_complex: bool = False, is_remote: bool | None = None
) -> Petition:
    services._require(actor, petition, "accept")
    case = _case(petition)
    today = timezone.localdate()
    case.is_complex = is_complex
    if is_remote is not None:
        case.is_remote = is_remote
    case.accepted_on = today
    case.save(update_fields=["is_complex", "is_remote", "accepted_on"])
    deadline = period_end(_resolution_code(case.instance, case.is_complex, case.is_remote), today)
    return cases.accepted(petition, actor, deadline=deadline)


def complaint_refuse(*, petition: Petition, actor, reason: str) -> Petition:
    return cases.refuse(petition=petition, actor=actor, reason=reason, case_for=_case)


@transaction.atomic
def complaint_verify(*, petition: Petition, actor, assignee=None) -> Petition:
    services._require(actor, petition, "verify")
    return services._transition(
        petition, "verify", actor, target=State.VERIFYING, assignee=assignee or actor
    )


@transaction.atomic
def complaint_dialogue(
    *, petition: Petition, actor, record: str, result: str, verification: str = ""
) -> Petition:
    services._require(actor, petition, "dialogue")
    record, result = (record or "").strip(), (result or "").strip()
    if len(record) < 20:
        raise ValidationError(
            {"record": [_("Write the record of the dialogue (at least 20 characters).")]}
        )
    if len(result) < 5:
        raise ValidationError({"result": [_("Write the result of the dialogue.")]})
    case = _case(petition)
    case.dialogue_record, case.dialogue_result = record, result
    if verification.strip():
        case.verification_result = verification.strip()
    case.save(update_fields=["dialogue_record", "dialogue_result", "verification_result"])
    return services._transition(
        petition, "dialogue", actor, target=State.DIALOGUE, public=False, reason=_("Dialogue held.")
    )


DECISION_FIELDS = ["verification_result", "legal_basis", "conclusion", "outcome"]


@transaction.atomic
def complaint_decide(
    *,
    petition: Petition,
    actor,
    verification_result: str,
    legal_basis: str,
    conclusion: str,
    outcome: str,
    compensation: str = "",
    dialogue_result: str = "",
    decision_number: int | None = None,
) -> Petition:
    """Issue the decision with the contents Art. 31 lists. The document is generated from the case."""
    services._require(actor, petition, "decide")
    values = {
        "verification_result": verification_result,
        "legal_basis": legal_basis,
        "conclusion": conclusion,
    }
    errors = {
        k: [_("This part of the decision is required.")]
        for k, v in values.items()
        if len((v or "").strip()) < 5
    }
    if outcome not in ComplaintCase.Outcome.values:
        errors["outcome"] = [
            _("Choose the outcome: keep, amend, cancel in part or cancel entirely.")
        ]
    if decision_number is not None and decision_number < 1:
        errors["decision_number"] = [_("A decision number is a positive number.")]
    if errors:
        raise ValidationError(errors)
    case = _case(petition)
    if not case.dialogue_result and not (dialogue_result or "").strip():
        raise ValidationError(
            {"dialogue_result": [_("Record the dialogue before deciding (Art. 30).")]}
        )
    for key, value in values.items():
        setattr(case, key, value.strip())
    if dialogue_result.strip():
        case.dialogue_result = dialogue_result.strip()
    case.outcome, case.compensation = outcome, compensation.strip()
    case.decision_number, case.decided_on = decision_number, timezone.localdate()
    case.save()
    petition = services._transition(
        petition,
        "decide",
        actor,
        target=State.DECIDED,
        answered_at=timezone.now(),
        reason=case.conclusion,
    )
    transaction.on_commit(lambda: notify_citizen(petition.pk, "answered"))
    return petition


def _final_code(case: ComplaintCase) -> str:
    return "complaint-final-remote" if case.is_remote else "complaint-final"


def complaint_may_finalize(case: ComplaintCase, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return case.decided_on is not None and today > period_end(_final_code(case), case.decided_on)


@transaction.atomic
def complaint_finalize(*, petition: Petition, actor=None, today: dt.date | None = None) -> Petition:
    """The decision becomes final when its period passed without a second complaint."""
    case = _case(petition)
    today = today or timezone.localdate()
    if not complaint_may_finalize(case, today):
        raise ValidationError(
            _("The decision can still be complained against until %(day)s.")
            % {"day": period_end(_final_code(case), case.decided_on).strftime("%d/%m/%Y")}
        )
    if actor is not None:
        services._require(actor, petition, "finalize")
    case.final_on = today
    case.save(update_fields=["final_on"])
    return services._transition(
        petition, "finalize", actor, target=State.FINAL, closed_at=timezone.now()
    )


@transaction.atomic
def complaint_appeal(*, petition: Petition, reason: str, actor=None) -> Petition:
    """A second complaint: to the body the competence rules name, as a new case linked to the first."""
    services._require(actor, petition, "appeal", as_citizen=actor is None)
    reason = services._reason(reason, required=True)
    case = _case(petition)
    limit = period_end(
        "complaint-filing-second-remote" if case.is_remote else "complaint-filing-second",
        case.decided_on,
    )
    if timezone.localdate() > limit:
        raise ValidationError(
            _("The time to complain again ended on %(day)s.") % {"day": limit.strftime("%d/%m/%Y")}
        )
    # Who decides a second complaint is data (``CompetenceRule``): since 1 July 2025 a commune's
    # chairman's decision goes to the province's, before it to the district's.
    superior = cases.competent_body(
        CompetenceRule.Procedure.COMPLAINT_SECOND, petition.body.unit, timezone.localdate()
    )
    now = timezone.now()
    second = Petition.objects.create(
        kind=Kind.COMPLAINT,
        field=petition.field,
        unit=petition.unit,
        village=petition.village,
        title=petition.title,
        content=f"{reason}\n\n—\n{petition.content}",
        channel=Channel.ONLINE,
        received_at=now,
        submitter=petition.submitter,
        body=superior,
        scope_path=superior.unit.path,
        deadline=period_end("complaint-acceptance", now),
    )
    contact = getattr(petition, "contact", None)
    if contact is not None:
        contact.pk, contact.petition = None, second
        contact.save()
    ComplaintCase.objects.create(
        petition=second,
        instance=2,
        first_instance=petition,
        act_complained_of=case.act_complained_of,
        respondent=case.respondent,
        learned_on=case.decided_on,
        is_remote=case.is_remote,
        complainants=case.complainants,
    )
    services.PetitionEvent.objects.create(
        petition=second,
        action="submit",
        new_state=State.RECEIVED,
        body=superior,
        reason=_("Second complaint on %(code)s") % {"code": petition.tracking_code},
    )
    return services._transition(
        petition,
        "appeal",
        actor,
        target=State.APPEALED,
        reason=reason,
        forwarded_to=f"{superior.name} ({second.tracking_code})"[:200],
    )
