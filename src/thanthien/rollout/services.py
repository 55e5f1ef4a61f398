"""Writing the rollout: plans, selection, milestones and tasks, budget, inspections, reviews.

Every function is keyword-only and atomic, validates its input with a translated message
(``RolloutError``, a ``ValidationError``) and changes nothing when it refuses; every state change is
a conditional UPDATE on the old state and leaves an audit row.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.audit import audit_record
from thanthien.core.models import AdminUnit, Body
from thanthien.core.submissions import earlier_submission

from . import template_149 as tpl
from .models import (
    Assignment,
    Award,
    BudgetLine,
    Candidate,
    ChecklistItem,
    Criterion,
    Inspection,
    InspectionResult,
    Milestone,
    Plan,
    PlanUnit,
    Recommendation,
    Review,
    Score,
    Status,
    Survey,
    Task,
)


class RolloutError(ValidationError):
    """A refusal the user can read (already translated)."""


# --- Numbering (LEGAL.md: State per issuer per calendar year; Party per issuer per term) ------------

PARTY_TERM_START = 2020  # the 2020–2025 term; terms last five years
PARTY_TERM_YEARS = 5


def number_period(layout: str, day: dt.date) -> str:
    if layout == "state":
        return str(day.year)
    first = PARTY_TERM_START + (day.year - PARTY_TERM_START) // PARTY_TERM_YEARS * PARTY_TERM_YEARS
    return f"{first}-{first + PARTY_TERM_YEARS}"


def next_number(*, issuer: Body, type_code: str, period: str) -> int:
    last = Plan.objects.filter(issuer=issuer, type_code=type_code, number_period=period).aggregate(
        n=Max("number")
    )["n"]
    return (last or 0) + 1


# --- Plans ---------------------------------------------------------------------------------------

PLAN_TEXT_FIELDS = (
    "issuer_parent",
    "issuer_heading",
    "issuer_code",
    "type_code",
    "place",
    "title",
    "implements",
    "preamble_end",
    "purposes",
    "content_areas",
    "process_steps",
    "place_text",
    "signer_title",
    "signer_name",
    "recipients",
)


@transaction.atomic
def plan_create(
    *,
    actor,
    issuer: Body,
    layout: str,
    issued_on: dt.date,
    number: int | None = None,
    parent: Plan | None = None,
    submission_key: str | None = None,
    **text: str,
) -> Plan:
    """A plan; ``number`` None takes the next number of the issuer in the period."""
    existing = earlier_submission(Plan, submission_key)
    if existing is not None:
        return existing
    if layout not in ("party", "state"):
        raise RolloutError(_("Choose the Party or the State layout."))
    if parent is not None and not issuer.unit.path.startswith(parent.unit.path):
        raise RolloutError(
            _("A plan can only implement a plan of its own unit or a unit above it.")
        )
    for name in ("title", "issuer_heading", "issuer_code", "type_code", "place"):
        if not (text.get(name) or "").strip():
            raise RolloutError(_("Fill in the title, the issuing body, its code and the place."))
    type_code = text["type_code"].strip()
    period = text.pop("number_period", "") or number_period(layout, issued_on)
    if number is None:
        number = next_number(issuer=issuer, type_code=type_code, period=period)
    elif Plan.objects.filter(
        issuer=issuer, type_code=type_code, number_period=period, number=number
    ).exists():
        raise RolloutError(
            _("Number %(number)s is already used by this body in %(period)s.")
            % {"number": number, "period": period}
        )
    plan = Plan(
        issuer=issuer,
        unit=issuer.unit,
        scope_path=issuer.unit.path,
        parent=parent,
        layout=layout,
        number=number,
        number_period=period,
        issued_on=issued_on,
        created_by=actor,
        submission_key=submission_key or None,
        **{k: (v or "").strip() for k, v in text.items() if k in PLAN_TEXT_FIELDS},
    )
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:  # two clerks took the same number at once
        raise RolloutError(_("This number was just taken: try again.")) from exc
    audit_record("rollout.plan_create", obj=plan, actor=actor, data={"symbol": plan.symbol})
    return plan


def _heading(body: Body) -> tuple[str, str]:
    """The two heading lines of a body: the superior body and the body itself."""
    unit = body.unit
    if body.kind == Body.Kind.PARTY_COMMITTEE:
        above = unit.parent
        parent = f"ĐẢNG BỘ {above.name}" if above is not None else ""
        return parent.upper(), body.name.upper()
    parent = f"UBND {unit.parent.name}" if unit.parent_id else ""
    return parent.upper(), body.name.upper()


@transaction.atomic
def plan_draft_from_template(
    *,
    actor,
    issuer: Body,
    issued_on: dt.date,
    parent: Plan | None = None,
    number: int | None = None,
    submission_key: str | None = None,
) -> Plan:
    """A draft built on plan 149-KH/HU's text: for a commune, it implements the district's plan and
    carries its content areas, process steps and timeline; the clerk edits the rest."""
    existing = earlier_submission(Plan, submission_key)
    if existing is not None:
        return existing
    layout = "party" if issuer.kind == Body.Kind.PARTY_COMMITTEE else "state"
    issuer_parent, issuer_heading = _heading(issuer)
    implements = tpl.IMPLEMENTS
    if parent is not None:
        implements = [
            f"Kế hoạch số {parent.symbol} ngày {parent.issued_on:%d/%m/%Y} của "
            f"{parent.issuer.name} {parent.title[:1].lower()}{parent.title[1:]}"
        ]
    unit_name = issuer.unit.name
    plan = plan_create(
        actor=actor,
        issuer=issuer,
        layout=layout,
        issued_on=issued_on,
        parent=parent,
        number=number,
        submission_key=submission_key,
        issuer_parent=issuer_parent,
        issuer_heading=issuer_heading,
        issuer_code=issuer.short_name or "",
        type_code="KH",
        place=issuer.unit.short_name,
        title=(
            f"Xây dựng mô hình {tpl.MODEL_NAME} trên địa bàn "
            f"{unit_name[:1].lower()}{unit_name[1:]} năm {issued_on.year}"
        ),
        implements="\n".join(implements),
        preamble_end=(
            f"{issuer.name} ban hành Kế hoạch xây dựng mô hình {tpl.MODEL_NAME} như sau:"
            if parent is not None
            else tpl.PREAMBLE_END
        ),
        purposes="\n".join(tpl.PURPOSES),
        content_areas="\n".join(tpl.CONTENT_AREAS),
        process_steps="\n".join(tpl.PROCESS_STEPS),
        place_text=tpl.PLACE_TEXT if parent is None else unit_name,
        recipients="\n".join(tpl.RECIPIENTS if parent is None else ["- Như trên,", "- Lưu VT."]),
    )
    for area, text, key in tpl.CHECKLIST:
        checklist_item_add(plan=plan, area=area, text=text, figure_key=key)
    source = parent.milestones.all() if parent is not None else None
    if source is not None:
        for m in source:
            Milestone.objects.create(
                plan=plan,
                kind=m.kind,
                title=m.title,
                month_from=m.month_from,
                month_to=m.month_to,
                due_on=m.due_on,
                phase=m.phase,
                unit=issuer.unit,
            )
    else:
        for kind, first, last, title in tpl.TIMELINE:
            milestone_add(
                plan=plan,
                actor=actor,
                kind=kind,
                title=title,
                month_from=dt.date(issued_on.year, first, 1),
                month_to=dt.date(issued_on.year, last, 1),
                phase={2: 1, 3: 2}.get(first, 3),
            )
        for order, (heading, _kind, _level, duties) in enumerate(tpl.ORGANIZATION, start=1):
            Assignment.objects.create(
                plan=plan, order=order, heading=heading, duties="\n".join(duties)
            )
    return plan


# --- Selection ----------------------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    plan: Plan,
    actor,
    title: str,
    held_from: dt.date,
    held_to: dt.date,
    criteria: list[tuple[str, int]],
    units: list[AdminUnit],
) -> Survey:
    title = title.strip()
    if not title:
        raise RolloutError(_("Give the survey a title."))
    if held_to < held_from:
        raise RolloutError(_("The survey ends before it starts."))
    if len(units) < 2:
        raise RolloutError(_("A survey compares at least two units."))
    for unit in units:
        if not unit.path.startswith(plan.unit.path) or unit.pk == plan.unit_id:
            raise RolloutError(_("Candidate units must be units under the plan's unit."))
    survey = Survey.objects.create(plan=plan, title=title, held_from=held_from, held_to=held_to)
    for name, weight in criteria:
        criterion_add(survey=survey, name=name, weight=weight)
    for unit in units:
        Candidate.objects.get_or_create(survey=survey, unit=unit)
    audit_record("rollout.survey_create", obj=survey, actor=actor, unit=plan.unit)
    return survey


def criterion_add(*, survey: Survey, name: str, weight, max_score: int = 10) -> Criterion:
    name = (name or "").strip()
    if not name:
        raise RolloutError(_("Name the criterion."))
    try:
        weight = int(weight)
    except (TypeError, ValueError):
        raise RolloutError(_("The weight is a whole number from 1 to 100.")) from None
    if not 1 <= weight <= 100:
        raise RolloutError(_("The weight is a whole number from 1 to 100."))
    if survey.state != Survey.State.OPEN:
        raise RolloutError(_("The selection has been decided: the survey can no longer change."))
    if survey.criteria.filter(name=name).exists():
        raise RolloutError(_("This criterion is already in the survey."))
    return Criterion.objects.create(survey=survey, name=name, weight=weight, max_score=max_score)


@transaction.atomic
def scores_record(*, survey: Survey, surveyor, candidate: Candidate, scores: dict) -> int:
    """One surveyor's scores of one unit, criterion id → score; a second entry replaces the first."""
    if survey.state != Survey.State.OPEN:
        raise RolloutError(_("The selection has been decided: scores can no longer change."))
    if candidate.survey_id != survey.pk:
        raise RolloutError(_("This unit is not a candidate of the survey."))
    criteria = {c.pk: c for c in survey.criteria.all()}
    clean = {}
    for key, raw in scores.items():
        criterion = criteria.get(int(key))
        if criterion is None:
            raise RolloutError(_("Unknown criterion."))
        if raw in (None, ""):
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise RolloutError(_("A score is a whole number.")) from None
        if not 0 <= value <= criterion.max_score:
            raise RolloutError(
                _("The score for “%(name)s” must be between 0 and %(max)s.")
                % {"name": criterion.name, "max": criterion.max_score}
            )
        clean[criterion] = value
    if not clean:
        raise RolloutError(_("Enter at least one score."))
    for criterion, value in clean.items():
        Score.objects.update_or_create(
            candidate=candidate, criterion=criterion, surveyor=surveyor, defaults={"score": value}
        )
    audit_record(
        "rollout.scores_record",
        obj=survey,
        actor=surveyor,
        unit=candidate.unit,
        data={"unit": candidate.unit.name, "scores": {c.name: v for c, v in clean.items()}},
    )
    return len(clean)


def ranking(survey: Survey) -> list[dict]:
    """Each candidate's weighted total out of 100: Σ weight × (mean score ÷ maximum) ÷ Σ weight.

    A criterion nobody scored for a unit counts as 0 and marks the row incomplete. Ties keep the
    same rank. Two queries.
    """
    criteria = list(survey.criteria.all())
    candidates = list(survey.candidates.select_related("unit"))
    sums: dict[tuple[int, int], list[int]] = {}
    for cand_id, crit_id, value in Score.objects.filter(candidate__survey=survey).values_list(
        "candidate_id", "criterion_id", "score"
    ):
        bucket = sums.setdefault((cand_id, crit_id), [0, 0])
        bucket[0] += value
        bucket[1] += 1
    total_weight = sum(c.weight for c in criteria) or 1
    rows = []
    for cand in candidates:
        means, total, complete = [], Decimal(0), True
        for c in criteria:
            s = sums.get((cand.pk, c.pk))
            if s is None:
                means.append(None)
                complete = False
                continue
            mean = Decimal(s[0]) / s[1]
            means.append(mean.quantize(Decimal("0.1"), ROUND_HALF_UP))
            total += c.weight * mean / c.max_score
        score = (100 * total / total_weight).quantize(Decimal("0.1"), ROUND_HALF_UP)
        rows.append(
            {
                "candidate": cand,
                "unit": cand.unit,
                "means": means,
                "total": score,
                "complete": complete,
            }
        )
    rows.sort(key=lambda r: (-r["total"], r["unit"].name))
    previous, rank = None, 0
    for i, row in enumerate(rows, start=1):
        if row["total"] != previous:
            rank, previous = i, row["total"]
        row["rank"] = rank
    return rows


@transaction.atomic
def survey_decide(
    *, survey: Survey, actor, pilot: Candidate, replication: list[Candidate], reasons: dict
) -> Survey:
    """The selection decision: one pilot, then units for replication, each with its reason. The
    plan's places are written from it."""
    chosen = [pilot, *replication]
    if len({c.pk for c in chosen}) != len(chosen):
        raise RolloutError(_("The pilot cannot also be a replication unit."))
    if any(c.survey_id != survey.pk for c in chosen):
        raise RolloutError(_("Choose units among the survey's candidates."))
    if not replication:
        raise RolloutError(_("Choose at least one unit for replication."))
    for c in chosen:
        if not (reasons.get(c.pk) or "").strip():
            raise RolloutError(_("Give the reason for choosing %(unit)s.") % {"unit": c.unit.name})
    if Score.objects.filter(candidate__survey=survey).count() == 0:
        raise RolloutError(_("No unit has been scored yet."))
    today = timezone.localdate()
    won = Survey.objects.filter(pk=survey.pk, state=Survey.State.OPEN).update(
        state=Survey.State.DECIDED, decided_on=today, decided_by=actor
    )
    if not won:
        raise RolloutError(_("The selection has already been decided."))
    for c, role in [(pilot, PlanUnit.Role.PILOT)] + [
        (c, PlanUnit.Role.REPLICATION) for c in replication
    ]:
        reason = reasons[c.pk].strip()
        Candidate.objects.filter(pk=c.pk).update(selection=role, reason=reason)
        PlanUnit.objects.update_or_create(
            plan=survey.plan, unit=c.unit, defaults={"role": role, "reason": reason}
        )
    survey.refresh_from_db()
    audit_record(
        "rollout.survey_decide",
        obj=survey,
        actor=actor,
        unit=survey.plan.unit,
        data={"pilot": pilot.unit.name, "replication": [c.unit.name for c in replication]},
    )
    return survey


# --- Milestones and tasks -------------------------------------------------------------------------

TRANSITIONS = {
    Status.PLANNED: {Status.IN_PROGRESS, Status.DONE, Status.CANCELLED},
    Status.IN_PROGRESS: {Status.DONE, Status.CANCELLED},
    Status.DONE: {Status.IN_PROGRESS},  # reopened when the work turns out unfinished
    Status.CANCELLED: set(),
}


def _month_end(first: dt.date) -> dt.date:
    nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def milestone_add(
    *,
    plan: Plan,
    actor,
    kind: str,
    title: str,
    month_from: dt.date,
    month_to: dt.date,
    due_on: dt.date | None = None,
    unit: AdminUnit | None = None,
    phase: int = 1,
) -> Milestone:
    title = (title or "").strip()
    if not title:
        raise RolloutError(_("Say what the milestone is."))
    if kind not in Milestone.Kind.values:
        raise RolloutError(_("Choose the kind of milestone."))
    month_from, month_to = month_from.replace(day=1), month_to.replace(day=1)
    if month_to < month_from:
        raise RolloutError(_("The last month comes before the first."))
    due_on = due_on or _month_end(month_to)
    if not month_from <= due_on <= _month_end(month_to):
        raise RolloutError(_("The due date must fall within the milestone's months."))
    if unit is not None and not unit.path.startswith(plan.unit.path):
        raise RolloutError(_("The unit must be under the plan's unit."))
    milestone = Milestone.objects.create(
        plan=plan,
        kind=kind,
        title=title,
        month_from=month_from,
        month_to=month_to,
        due_on=due_on,
        unit=unit,
        phase=phase,
    )
    audit_record("rollout.milestone_add", obj=milestone, actor=actor, unit=plan.unit)
    return milestone


def task_add(
    *,
    plan: Plan,
    actor,
    body: Body,
    title: str,
    due_on: dt.date,
    owner=None,
    milestone: Milestone | None = None,
    assignment: Assignment | None = None,
) -> Task:
    title = (title or "").strip()
    if not title:
        raise RolloutError(_("Say what the task is."))
    if not body.unit.path.startswith(plan.unit.path):
        raise RolloutError(_("The body must belong to the plan's unit or a unit under it."))
    if due_on < plan.issued_on:
        raise RolloutError(_("A task cannot be due before the plan is issued."))
    if milestone is not None and milestone.plan_id != plan.pk:
        raise RolloutError(_("The milestone belongs to another plan."))
    if owner is not None and not owner.memberships.filter(body=body).exists():
        raise RolloutError(_("The owner must be an official of the body."))
    task = Task.objects.create(
        plan=plan,
        body=body,
        scope_path=body.unit.path,
        title=title,
        due_on=due_on,
        owner=owner,
        milestone=milestone,
        assignment=assignment,
    )
    audit_record("rollout.task_add", obj=task, actor=actor, unit=body.unit)
    return task


def _move(
    model, obj, *, actor, status: str, note: str = "", day: dt.date | None = None, action: str
):
    old = obj.status
    if status not in TRANSITIONS.get(old, set()):
        raise RolloutError(_("This change of status is not allowed."))
    day = day or timezone.localdate()
    fields = {"status": status, "done_on": day if status == Status.DONE else None}
    if note and hasattr(obj, "note"):
        fields["note"] = note.strip()
    if note and hasattr(obj, "result"):
        fields["result"] = note.strip()
    won = model.objects.filter(pk=obj.pk, status=old).update(**fields)
    if not won:
        raise RolloutError(_("Someone else changed it just now: reload the page."))
    for k, v in fields.items():
        setattr(obj, k, v)
    audit_record(action, obj=obj, actor=actor, data={"old": old, "new": status, "note": note})
    return obj


@transaction.atomic
def task_set_status(*, task: Task, actor, status: str, note: str = "", day=None) -> Task:
    return _move(
        Task, task, actor=actor, status=status, note=note, day=day, action="rollout.task_status"
    )


@transaction.atomic
def milestone_set_status(*, milestone: Milestone, actor, status: str, day=None) -> Milestone:
    return _move(
        Milestone, milestone, actor=actor, status=status, day=day, action="rollout.milestone_status"
    )


def milestone_link_meeting(*, milestone: Milestone, meeting_id: int, actor) -> None:
    """For the meetings app (after merge): the meeting that held this launch or training."""
    Milestone.objects.filter(pk=milestone.pk).update(meeting_id=meeting_id)
    audit_record(
        "rollout.milestone_meeting", obj=milestone, actor=actor, data={"meeting": meeting_id}
    )


# --- Support budget -------------------------------------------------------------------------------


def _amount(raw, *, allow_none=False) -> int | None:
    if raw in (None, "") and allow_none:
        return None
    try:
        value = int(str(raw).replace(".", "").replace(",", "").replace(" ", ""))
    except (TypeError, ValueError):
        raise RolloutError(_("An amount is a whole number of đồng.")) from None
    if value < 0:
        raise RolloutError(_("An amount cannot be negative."))
    return value


def budget_line_add(
    *, plan: Plan, actor, item: str, amount, unit: AdminUnit | None = None
) -> BudgetLine:
    item = (item or "").strip()
    if not item:
        raise RolloutError(_("Say what the money is for."))
    amount = _amount(amount)
    if amount == 0:
        raise RolloutError(_("The estimate must be more than zero."))
    if unit is not None and not plan.places.filter(unit=unit).exists():
        raise RolloutError(_("Support goes to a unit of the plan."))
    line = BudgetLine.objects.create(plan=plan, item=item, amount=amount, unit=unit)
    audit_record(
        "rollout.budget_add", obj=line, actor=actor, unit=plan.unit, data={"amount": amount}
    )
    return line


@transaction.atomic
def budget_line_update(*, line: BudgetLine, actor, approved, spent) -> BudgetLine:
    approved = _amount(approved, allow_none=True)
    spent = _amount(spent)
    if approved is not None and approved > line.amount:
        raise RolloutError(_("The approved amount cannot exceed the estimate."))
    if spent > (approved if approved is not None else 0):
        raise RolloutError(_("Nothing can be spent beyond the approved amount."))
    old = {"approved": line.approved, "spent": line.spent}
    BudgetLine.objects.filter(pk=line.pk).update(approved=approved, spent=spent)
    line.approved, line.spent = approved, spent
    audit_record(
        "rollout.budget_update",
        obj=line,
        actor=actor,
        unit=line.plan.unit,
        data={"old": old, "new": {"approved": approved, "spent": spent}},
    )
    return line


# --- Inspection -----------------------------------------------------------------------------------


def checklist_item_add(
    *, plan: Plan, area, text: str, figure_key: str = "", max_score=10
) -> ChecklistItem:
    text = (text or "").strip()
    try:
        area, max_score = int(area), int(max_score)
    except (TypeError, ValueError):
        raise RolloutError(_("Choose one of the plan's content areas.")) from None
    if not 1 <= area <= len(Plan.lines(plan.content_areas)):
        raise RolloutError(_("Choose one of the plan's content areas."))
    if not text:
        raise RolloutError(_("Write the criterion."))
    if not 1 <= max_score <= 100:
        raise RolloutError(_("The maximum score is from 1 to 100."))
    return ChecklistItem.objects.create(
        plan=plan, area=area, text=text, figure_key=(figure_key or "").strip(), max_score=max_score
    )


@transaction.atomic
def inspection_create(
    *, plan: Plan, actor, unit: AdminUnit, held_on: dt.date, team: str
) -> Inspection:
    if not plan.places.filter(unit=unit).exists():
        raise RolloutError(_("Only a unit of the plan can be inspected."))
    if not Plan.lines(team or ""):
        raise RolloutError(_("Name the members of the inspection team."))
    if not plan.checklist.exists():
        raise RolloutError(_("The plan has no checklist yet."))
    if Inspection.objects.filter(plan=plan, unit=unit, held_on=held_on).exists():
        raise RolloutError(_("This unit already has an inspection on that day."))
    inspection = Inspection.objects.create(
        plan=plan, unit=unit, scope_path=unit.path, held_on=held_on, team=team.strip()
    )
    InspectionResult.objects.bulk_create(
        InspectionResult(inspection=inspection, item=item) for item in plan.checklist.all()
    )
    audit_record("rollout.inspection_create", obj=inspection, actor=actor)
    return inspection


@transaction.atomic
def inspection_record(*, inspection: Inspection, actor, results: dict, findings: str) -> None:
    """Scores and evidence per checklist criterion (result id → (score, evidence)) and findings."""
    if inspection.state != Inspection.State.OPEN:
        raise RolloutError(_("The inspection is concluded: its record can no longer change."))
    rows = {r.pk: r for r in inspection.results.select_related("item")}
    for key, (raw, evidence) in results.items():
        row = rows.get(int(key))
        if row is None:
            raise RolloutError(_("Unknown criterion."))
        if raw in (None, ""):
            value = None
        else:
            try:
                value = int(raw)
            except (TypeError, ValueError):
                raise RolloutError(_("A score is a whole number.")) from None
            if not 0 <= value <= row.item.max_score:
                raise RolloutError(
                    _("The score for “%(name)s” must be between 0 and %(max)s.")
                    % {"name": row.item.text, "max": row.item.max_score}
                )
        row.score, row.evidence = value, (evidence or "").strip()
    InspectionResult.objects.bulk_update(rows.values(), ["score", "evidence"])
    Inspection.objects.filter(pk=inspection.pk).update(findings=(findings or "").strip())
    inspection.findings = (findings or "").strip()
    audit_record("rollout.inspection_record", obj=inspection, actor=actor)


def inspection_score(inspection: Inspection) -> Decimal | None:
    got = total = 0
    for score, max_score in inspection.results.values_list("score", "item__max_score"):
        if score is None:
            return None
        got, total = got + score, total + max_score
    if not total:
        return None
    return (Decimal(100 * got) / total).quantize(Decimal("0.1"), ROUND_HALF_UP)


@transaction.atomic
def inspection_conclude(*, inspection: Inspection, actor) -> Inspection:
    if not (inspection.findings or "").strip():
        raise RolloutError(_("Write the findings before concluding."))
    score = inspection_score(inspection)
    if score is None:
        raise RolloutError(_("Score every criterion before concluding."))
    won = Inspection.objects.filter(pk=inspection.pk, state=Inspection.State.OPEN).update(
        state=Inspection.State.CONCLUDED, score=score
    )
    if not won:
        raise RolloutError(_("The inspection is already concluded."))
    inspection.state, inspection.score = Inspection.State.CONCLUDED, score
    audit_record(
        "rollout.inspection_conclude", obj=inspection, actor=actor, data={"score": str(score)}
    )
    return inspection


def recommendation_add(
    *, inspection: Inspection, actor, text: str, due_on: dt.date
) -> Recommendation:
    text = (text or "").strip()
    if not text:
        raise RolloutError(_("Write the recommendation."))
    if due_on <= inspection.held_on:
        raise RolloutError(_("The deadline must come after the inspection."))
    rec, created = Recommendation.objects.get_or_create(
        inspection=inspection, text=text, defaults={"due_on": due_on}
    )
    if created:
        audit_record("rollout.recommendation_add", obj=rec, actor=actor, unit=inspection.unit)
    return rec


@transaction.atomic
def recommendation_set_status(
    *, recommendation: Recommendation, actor, status: str, note: str = "", day=None
):
    return _move(
        Recommendation,
        recommendation,
        actor=actor,
        status=status,
        note=note,
        day=day,
        action="rollout.recommendation_status",
    )


# --- Reviews and awards ---------------------------------------------------------------------------


def review_ranking(review: Review) -> list[dict]:
    """Each unit of the plan ranked by its latest concluded inspection in the review's period."""
    latest: dict[int, Inspection] = {}
    for ins in (
        Inspection.objects.filter(
            plan=review.plan,
            state=Inspection.State.CONCLUDED,
            held_on__range=(review.period_from, review.period_to),
        )
        .select_related("unit")
        .order_by("held_on")
    ):
        latest[ins.unit_id] = ins
    places = list(review.plan.places.select_related("unit"))
    rows = [
        {
            "unit": p.unit,
            "role": p.get_role_display(),
            "inspection": latest.get(p.unit_id),
            "score": latest[p.unit_id].score if p.unit_id in latest else None,
        }
        for p in places
    ]
    rows.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0), r["unit"].name))
    previous, rank = object(), 0
    for i, row in enumerate(rows, start=1):
        if row["score"] != previous:
            rank, previous = i, row["score"]
        row["rank"] = rank if row["score"] is not None else None
    return rows


@transaction.atomic
def review_create(
    *,
    plan: Plan,
    actor,
    kind: str,
    held_on: dt.date,
    period_from: dt.date,
    period_to: dt.date,
    summary: str = "",
) -> Review:
    if kind not in Review.Kind.values:
        raise RolloutError(_("Choose an interim or a final review."))
    if period_to < period_from or held_on < period_from:
        raise RolloutError(
            _(
                "The period must end after it starts, and the review be held after the period starts."
            )
        )
    review, created = Review.objects.get_or_create(
        plan=plan,
        kind=kind,
        held_on=held_on,
        defaults={"period_from": period_from, "period_to": period_to, "summary": summary.strip()},
    )
    if created:
        audit_record("rollout.review_create", obj=review, actor=actor, unit=plan.unit)
    return review


def award_propose(*, review: Review, actor, unit: AdminUnit, form: str, reason: str) -> Award:
    form, reason = (form or "").strip(), (reason or "").strip()
    if review.state != Review.State.DRAFT:
        raise RolloutError(_("The awards are decided: proposals can no longer change."))
    if not form or not reason:
        raise RolloutError(_("Say what award is proposed and why."))
    ranked = {r["unit"].pk: r for r in review_ranking(review)}
    row = ranked.get(unit.pk)
    if row is None:
        raise RolloutError(_("Only a unit of the plan can be proposed."))
    if row["score"] is None:
        raise RolloutError(_("This unit has no concluded inspection in the review's period."))
    award, _created = Award.objects.update_or_create(
        review=review,
        unit=unit,
        defaults={"form": form, "reason": reason, "rank": row["rank"], "score": row["score"]},
    )
    audit_record("rollout.award_propose", obj=award, actor=actor, unit=unit, data={"form": form})
    return award


@transaction.atomic
def review_decide(*, review: Review, actor, decision_ref: str) -> Review:
    """Record the awards once decided; the ranking and the proposals are frozen."""
    decision_ref = (decision_ref or "").strip()
    if not decision_ref:
        raise RolloutError(_("Give the number and date of the award decision."))
    if not review.awards.exists():
        raise RolloutError(_("Propose at least one award first."))
    won = Review.objects.filter(pk=review.pk, state=Review.State.DRAFT).update(
        state=Review.State.DECIDED, decided_on=timezone.localdate(), decision_ref=decision_ref
    )
    if not won:
        raise RolloutError(_("The awards have already been decided."))
    review.awards.update(decided=True)
    review.refresh_from_db()
    audit_record("rollout.review_decide", obj=review, actor=actor, unit=review.plan.unit)
    return review


@transaction.atomic
def plan_update(*, plan: Plan, actor, changes: dict) -> Plan:
    """Save the plan's edited text; a number already used by the issuer in the period is refused."""
    number, period = changes.get("number"), changes.get("number_period") or plan.number_period
    type_code = changes.get("type_code") or plan.type_code
    if number is not None and (
        Plan.objects.filter(
            issuer=plan.issuer, type_code=type_code, number_period=period, number=number
        )
        .exclude(pk=plan.pk)
        .exists()
    ):
        raise RolloutError(
            _("Number %(number)s is already used by this body in %(period)s.")
            % {"number": number, "period": period}
        )
    used_areas = plan.checklist.aggregate(n=Max("area"))["n"] or 0
    if len(Plan.lines(changes.get("content_areas", plan.content_areas))) < used_areas:
        raise RolloutError(_("The checklist uses a content area that would no longer exist."))
    old = {name: getattr(plan, name) for name in changes}
    for name, value in changes.items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    plan.save(update_fields=list(changes))
    changed = sorted(name for name in changes if old[name] != getattr(plan, name))
    audit_record("rollout.plan_update", obj=plan, actor=actor, data={"changed": changed})
    return plan


# --- Disclosure of the support budget ------------------------------------------------------------

BUDGET_POSTING_DAYS = 30


def budget_disclose(*, plan: Plan, actor, on: dt.date | None = None):
    """Publish (or bring up to date) the plan's support budget in the disclosure register of the
    plan's unit, in the issuing body's name: one disclosure per plan. Returns the disclosure."""
    from thanthien.disclosure.services import publish_table_disclosure

    from . import selectors

    if not selectors.can_manage(actor, plan):
        raise RolloutError(_("Only the plan's managers publish its budget."))
    if not plan.budget_lines.exists():
        raise RolloutError(_("The support budget has no line yet: there is nothing to publish."))
    header, rows = selectors.support_budget_disclosure_rows(plan)
    on = on or timezone.localdate()
    disclosure = publish_table_disclosure(
        unit=plan.unit,
        body=plan.issuer,
        category_code="other",
        title=_("Support budget for the model under plan %(symbol)s") % {"symbol": plan.symbol},
        header=[str(h) for h in header],
        rows=rows,
        starts_on=on,
        ends_on=on + dt.timedelta(days=BUDGET_POSTING_DAYS),
        actor=actor,
        source_key=f"rollout:budget:{plan.pk}",
        summary=plan.title,
        period_year=on.year,
        document_number=plan.symbol,
        document_date=plan.issued_on,
        document_issuer=plan.issuer.name,
    )
    audit_record(
        "rollout.budget_disclosed", obj=plan, actor=actor, data={"disclosure": disclosure.pk}
    )
    return disclosure
