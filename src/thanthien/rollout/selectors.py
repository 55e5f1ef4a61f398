"""Reading the rollout: who sees which plan, the timeline, tasks per body, progress, the budget."""

import datetime as dt
from collections import OrderedDict

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from thanthien.core import permissions
from thanthien.core.figures import figure_map

from .meetings_link import attendance_for
from .models import OPEN_STATUSES, Inspection, Plan, PlanUnit, Status, Task


def plans_for_user(user) -> QuerySet[Plan]:
    """Plans of the user's units, and the plans above in which one of the user's units takes part."""
    in_scope = permissions.scope_q(user, "rollout.view", "scope_path")
    places = PlanUnit.objects.filter(permissions.scope_q(user, "rollout.view", "unit__path"))
    return Plan.objects.filter(in_scope | Q(pk__in=places.values("plan"))).distinct()


def get_plan_for_user(user, pk: int) -> Plan:
    plan = plans_for_user(user).select_related("issuer", "unit", "parent").filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def can_manage(user, plan: Plan) -> bool:
    return permissions.can(user, "rollout.manage", plan.unit)


def visible_scope_q(user, plan: Plan, path_field: str = "scope_path") -> Q:
    """Inside a plan, a manager of the plan sees all; a commune official, its own part."""
    if can_manage(user, plan) or permissions.can(user, "rollout.view", plan.unit):
        return Q()
    return permissions.scope_q(user, "rollout.view", path_field)


def tasks_for(user, plan: Plan) -> QuerySet[Task]:
    return (
        plan.tasks.filter(visible_scope_q(user, plan))
        .select_related("body", "owner", "milestone")
        .order_by("due_on", "pk")
    )


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


# Milestones held as a meeting of the meetings app (the timeline offers to link them).
LINKABLE_KINDS = ("launch", "training", "dialogue")


def timeline(user, plan: Plan, today: dt.date | None = None) -> list[dict]:
    """Month by month (like section IV.2): the milestones running that month and the tasks due in it,
    each flagged when overdue. Two queries."""
    today = today or timezone.localdate()
    visible = visible_scope_q(user, plan, "unit__path")
    milestones = plan.milestones.select_related("unit")
    if visible:  # an empty Q() would vanish from the OR below and hide every unit's milestone
        milestones = milestones.filter(visible | Q(unit__isnull=True))
    milestones = list(milestones)
    tasks = list(tasks_for(user, plan))
    dates = [m.month_from for m in milestones] + [m.month_to for m in milestones]
    dates += [t.due_on for t in tasks]
    if not dates:
        return []
    attendance = attendance_for(m.meeting_id for m in milestones)
    for m in milestones:
        m.attendance = attendance.get(m.meeting_id)
        m.linkable = m.kind in LINKABLE_KINDS and not m.meeting_id
    months = OrderedDict(
        (m, {"month": m, "milestones": [], "tasks": []}) for m in _months(min(dates), max(dates))
    )
    for m in milestones:
        m.overdue = m.status in OPEN_STATUSES and m.due_on < today
        for month in _months(m.month_from, m.month_to):
            months[month]["milestones"].append(m)
    for t in tasks:
        t.overdue = t.is_overdue(today)
        months[t.due_on.replace(day=1)]["tasks"].append(t)
    return list(months.values())


def tasks_by_body(user, plan: Plan, today: dt.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    groups: OrderedDict = OrderedDict()
    for t in sorted(tasks_for(user, plan), key=lambda t: (t.body.name, t.due_on)):
        t.overdue = t.is_overdue(today)
        group = groups.setdefault(t.body_id, {"body": t.body, "tasks": [], "done": 0, "overdue": 0})
        group["tasks"].append(t)
        group["done"] += t.status == Status.DONE
        group["overdue"] += t.overdue
    return list(groups.values())


def overdue_q(today: dt.date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


def progress_of_children(plan: Plan, today: dt.date | None = None) -> list[Plan]:
    """The commune plans implementing ``plan``, each with its task counts (one query)."""
    today = today or timezone.localdate()
    return list(
        plan.children.select_related("unit", "issuer").annotate(
            tasks_total=Count("tasks", filter=~Q(tasks__status=Status.CANCELLED)),
            tasks_done=Count("tasks", filter=Q(tasks__status=Status.DONE)),
            tasks_overdue=Count(
                "tasks", filter=Q(tasks__status__in=OPEN_STATUSES, tasks__due_on__lt=today)
            ),
        )
    )


def plan_counts(plan: Plan, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    counts = plan.tasks.aggregate(
        total=Count("id", filter=~Q(status=Status.CANCELLED)),
        done=Count("id", filter=Q(status=Status.DONE)),
        overdue=Count("id", filter=overdue_q(today)),
    )
    counts["milestones_overdue"] = plan.milestones.filter(overdue_q(today)).count()
    return counts


def inspections_for(user, plan: Plan) -> QuerySet[Inspection]:
    return plan.inspections.filter(visible_scope_q(user, plan)).select_related("unit")


def checklist_with_figures(inspection: Inspection, start: dt.date, end: dt.date) -> list[dict]:
    """The inspection's criteria by content area, each with the unit's live figure when one is
    registered under the criterion's key (``thanthien.core.figures``); None means "no figure"."""
    figures = figure_map(inspection.unit, start, end)
    areas = Plan.lines(inspection.plan.content_areas)
    out: OrderedDict = OrderedDict()
    for result in inspection.results.select_related("item"):
        item = result.item
        area = out.setdefault(
            item.area,
            {
                "number": item.area,
                "text": areas[item.area - 1] if item.area <= len(areas) else "",
                "rows": [],
            },
        )
        area["rows"].append(
            {
                "result": result,
                "item": item,
                "figure": figures.get(item.figure_key) if item.figure_key else None,
            }
        )
    return list(out.values())


def budget_totals(plan: Plan) -> dict:
    lines = list(plan.budget_lines.select_related("unit"))
    return {
        "lines": lines,
        "amount": sum(line.amount for line in lines),
        "approved": sum(line.approved or 0 for line in lines),
        "spent": sum(line.spent for line in lines),
    }


def support_budget_disclosure_rows(plan: Plan) -> tuple[list[str], list[list]]:
    """For the disclosure app: the support budget as a table to publish (header, rows), amounts in
    đồng, with a total row. Nothing personal is in it."""
    from django.utils.translation import gettext as _

    totals = budget_totals(plan)
    header = [
        _("No."),
        _("Item of expenditure"),
        _("Unit supported"),
        _("Estimate (đồng)"),
        _("Approved (đồng)"),
        _("Spent (đồng)"),
    ]
    rows: list[list] = [
        [i, line.item, line.unit.name if line.unit else "", line.amount, line.approved, line.spent]
        for i, line in enumerate(totals["lines"], start=1)
    ]
    rows.append(["", _("Total"), "", totals["amount"], totals["approved"], totals["spent"]])
    return header, rows
