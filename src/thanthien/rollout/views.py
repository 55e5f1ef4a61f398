"""Pages of the rollout. Views read the request, call a service or a selector and render; every
refusal of a service comes back as a translated message and changes nothing (``core.actions``)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.core import permissions
from thanthien.core.actions import act, safe_referer, submit
from thanthien.core.documents import document_response, render_docx, render_pdf
from thanthien.core.models import AdminUnit, Body
from thanthien.core.paging import page_of
from thanthien.disclosure import selectors as disclosure_selectors

from . import selectors, services
from .documents import plan_document, review_document
from .forms import PlanForm
from .models import (
    BudgetLine,
    Candidate,
    Inspection,
    Milestone,
    Plan,
    Recommendation,
    Review,
    Score,
    Status,
    Survey,
    Task,
)
from .services import RolloutError

PER_PAGE = 20


def _date(raw: str | None) -> dt.date:
    raw = (raw or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise RolloutError(_("Enter a date as dd/mm/yyyy."))


def _chosen(queryset, pk: str | None, refusal: str):
    """The record a select list chose, or the refusal that asks to choose one."""
    chosen = queryset.filter(pk=pk or 0).first()
    if chosen is None:
        raise RolloutError(refusal)
    return chosen


def _manage(request, plan: Plan) -> None:
    permissions.require(request.user, "rollout.manage", plan.unit)


def _managed_plan(request, pk: int) -> Plan:
    plan = selectors.get_plan_for_user(request.user, pk)
    _manage(request, plan)
    return plan


def _page(name: str, pk: int) -> str:
    return reverse(name, args=[pk])


# --- Plans ----------------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, "rollout.view"):
        raise Http404
    plans = selectors.plans_for_user(request.user).select_related("unit", "issuer", "parent")
    page = page_of(plans.order_by("-issued_on", "-pk"), request.GET.get("page"), PER_PAGE)
    issuers = Body.objects.filter(
        permissions.scope_q(request.user, "rollout.manage", "unit__path"), is_active=True
    ).select_related("unit")
    parents = plans.filter(parent__isnull=True).order_by("-issued_on")[:50]
    return render(
        request,
        "rollout/plan_list.html",
        {"page": page, "issuers": issuers, "parents": parents, "today": timezone.localdate()},
    )


@login_required
@require_POST
def plan_new(request: HttpRequest) -> HttpResponse:
    def draft() -> Plan:
        issuer = _chosen(
            Body.objects, request.POST.get("issuer", "0"), _("Choose the issuing body.")
        )
        permissions.require(request.user, "rollout.manage", issuer.unit)
        parent = None
        if request.POST.get("parent"):
            parent = selectors.get_plan_for_user(request.user, int(request.POST["parent"]))
        number = request.POST.get("number", "").strip()
        if number and not number.isdigit():
            raise RolloutError(_("The number is a whole number; leave it empty for the next one."))
        return services.plan_draft_from_template(
            actor=request.user,
            issuer=issuer,
            issued_on=_date(request.POST.get("issued_on")),
            parent=parent,
            number=int(number) if number else None,
            submission_key=request.POST.get("key") or None,
        )

    return act(
        request,
        draft,
        success_message=lambda plan: _("Plan %(symbol)s drafted.") % {"symbol": plan.symbol},
        redirect_to=lambda plan: _page("rollout_plan", plan.pk),
        refused_to=safe_referer(request, reverse("rollout_plans")),
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    manage = selectors.can_manage(request.user, plan)
    return render(
        request,
        "rollout/plan_detail.html",
        {
            "plan": plan,
            "manage": manage,
            "places": plan.places.select_related("unit"),
            "surveys": plan.surveys.all() if manage else [],
            "counts": selectors.plan_counts(plan),
            "children": selectors.progress_of_children(plan),
            "inspections": selectors.inspections_for(request.user, plan),
            "reviews": plan.reviews.all(),
            "assignments": plan.assignments.all(),
            "areas": Plan.lines(plan.content_areas),
            "checklist": plan.checklist.all() if manage else [],
            "candidates": AdminUnit.objects.filter(
                parent=plan.unit, level=AdminUnit.Level.COMMUNE
            ).order_by("name")
            if manage
            else [],
        },
    )


@login_required
def plan_document_view(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    if ext not in ("docx", "pdf"):
        raise Http404
    plan = selectors.get_plan_for_user(request.user, pk)
    doc = plan_document(plan)
    content = render_docx(doc) if ext == "docx" else render_pdf(doc)
    name = f"Kế hoạch {plan.symbol.replace('/', '-')}.{ext}"
    return document_response(content, name)


# --- Survey ---------------------------------------------------------------------------------------


def _survey(request, pk) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("plan__unit"), pk=pk)
    selectors.get_plan_for_user(request.user, survey.plan_id)
    _manage(request, survey.plan)
    return survey


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    criteria = list(survey.criteria.all())
    ranking = services.ranking(survey)
    mine = {}
    for cand_id, crit_id, score in Score.objects.filter(
        candidate__survey=survey, surveyor=request.user
    ).values_list("candidate_id", "criterion_id", "score"):
        mine[(cand_id, crit_id)] = score
    candidates = list(survey.candidates.select_related("unit"))
    for cand in candidates:
        cand.my_scores = [(c, mine.get((cand.pk, c.pk))) for c in criteria]
    return render(
        request,
        "rollout/survey_detail.html",
        {
            "survey": survey,
            "criteria": criteria,
            "ranking": ranking,
            "candidates": candidates,
            "can_score": permissions.can(request.user, "rollout.score", survey.plan.unit),
        },
    )


@login_required
@require_POST
def survey_score(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    permissions.require(request.user, "rollout.score", survey.plan.unit)
    candidate = get_object_or_404(Candidate, pk=request.POST.get("candidate") or 0, survey=survey)
    scores = {
        key.removeprefix("c"): value
        for key, value in request.POST.items()
        if key.startswith("c") and key[1:].isdigit()
    }
    return act(
        request,
        lambda: services.scores_record(
            survey=survey, surveyor=request.user, candidate=candidate, scores=scores
        ),
        success_message=_("Scores of %(unit)s saved.") % {"unit": candidate.unit.name},
        redirect_to=_page("rollout_survey", survey.pk),
    )


@login_required
@require_POST
def survey_criterion(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    name, weight = request.POST.get("name", ""), request.POST.get("weight")
    return act(
        request,
        lambda: services.criterion_add(survey=survey, name=name, weight=weight),
        redirect_to=_page("rollout_survey", survey.pk),
    )


@login_required
@require_POST
def survey_decide(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    candidates = {str(c.pk): c for c in survey.candidates.select_related("unit")}
    replication = [candidates[k] for k in request.POST.getlist("replication") if k in candidates]
    reasons = {c.pk: request.POST.get(f"reason_{c.pk}", "") for c in candidates.values()}

    def decide() -> None:
        pilot = candidates.get(request.POST.get("pilot", ""))
        if pilot is None:
            raise RolloutError(_("Choose the pilot unit."))
        services.survey_decide(
            survey=survey, actor=request.user, pilot=pilot, replication=replication, reasons=reasons
        )

    return act(
        request,
        decide,
        success_message=_("Selection decided."),
        redirect_to=_page("rollout_survey", survey.pk),
    )


# --- Timeline, tasks, budget --------------------------------------------------------------------


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    manage = selectors.can_manage(request.user, plan)
    return render(
        request,
        "rollout/timeline.html",
        {
            "plan": plan,
            "manage": manage,
            "months": selectors.timeline(request.user, plan),
            "groups": selectors.tasks_by_body(request.user, plan),
            "bodies": Body.objects.filter(unit__path__startswith=plan.unit.path, is_active=True)
            .select_related("unit")
            .order_by("unit__path", "name")
            if manage
            else [],
            "statuses": Status.choices,
            "kinds": Milestone.Kind.choices,
        },
    )


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    bodies = Body.objects.select_related("unit")
    return act(
        request,
        lambda: services.task_add(
            plan=plan,
            actor=request.user,
            body=_chosen(bodies, request.POST.get("body"), _("Choose the body.")),
            title=request.POST.get("title", ""),
            due_on=_date(request.POST.get("due_on")),
        ),
        success_message=_("Task added."),
        redirect_to=_page("rollout_timeline", plan.pk),
    )


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    phase = request.POST.get("phase") or "1"
    return act(
        request,
        lambda: services.milestone_add(
            plan=plan,
            actor=request.user,
            kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""),
            month_from=_date(request.POST.get("month_from")),
            month_to=_date(request.POST.get("month_to")),
            phase=int(phase) if phase.isdigit() else 1,
        ),
        success_message=_("Milestone added."),
        redirect_to=_page("rollout_timeline", plan.pk),
    )


@login_required
@require_POST
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.select_related("body__unit", "plan__unit"), pk=pk)
    selectors.get_plan_for_user(request.user, task.plan_id)
    if not (
        permissions.can(request.user, "rollout.report_progress", task.body.unit)
        or selectors.can_manage(request.user, task.plan)
    ):
        raise Http404
    status, note = request.POST.get("status", ""), request.POST.get("note", "")
    return act(
        request,
        lambda: services.task_set_status(task=task, actor=request.user, status=status, note=note),
        success_message=_("Progress recorded."),
        redirect_to=_page("rollout_timeline", task.plan_id),
    )


@login_required
@require_POST
def milestone_status(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("plan__unit"), pk=pk)
    selectors.get_plan_for_user(request.user, milestone.plan_id)
    _manage(request, milestone.plan)
    status = request.POST.get("status", "")
    return act(
        request,
        lambda: services.milestone_set_status(
            milestone=milestone, actor=request.user, status=status
        ),
        redirect_to=_page("rollout_timeline", milestone.plan_id),
    )


@login_required
def milestone_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a launch, training or dialogue milestone to the meeting that held it."""
    from .meetings_bridge import candidate_meetings

    milestone = get_object_or_404(Milestone.objects.select_related("plan__unit", "unit"), pk=pk)
    plan = _managed_plan(request, milestone.plan_id)
    candidates = candidate_meetings(milestone)
    status = 200
    if request.method == "POST":
        chosen = request.POST.get("meeting", "")
        meeting = next((m for m in candidates if str(m.pk) == chosen), None)
        if meeting is not None:
            services.milestone_link_meeting(
                milestone=milestone, meeting_id=meeting.pk, actor=request.user
            )
            messages.success(request, _("The milestone now shows the meeting's attendance."))
            return redirect("rollout_timeline", pk=plan.pk)
        messages.error(request, _("Choose one of the meetings listed."))
        status = 400
    return render(
        request,
        "rollout/milestone_meeting.html",
        {"plan": plan, "milestone": milestone, "candidates": candidates},
        status=status,
    )


@login_required
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    manage = selectors.can_manage(request.user, plan)
    return render(
        request,
        "rollout/budget.html",
        {
            "plan": plan,
            "manage": manage,
            "totals": selectors.budget_totals(plan),
            "places": plan.places.select_related("unit"),
            "disclosure": disclosure_selectors.by_source_key(f"rollout:budget:{plan.pk}"),
        },
    )


@login_required
@require_POST
def budget_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)

    def add() -> None:
        unit = None
        if request.POST.get("unit"):
            place = plan.places.filter(unit_id=request.POST["unit"] or 0).first()
            if place is None:
                raise RolloutError(_("Support goes to a unit of the plan."))
            unit = place.unit
        services.budget_line_add(
            plan=plan,
            actor=request.user,
            item=request.POST.get("item", ""),
            amount=request.POST.get("amount"),
            unit=unit,
        )

    return act(request, add, redirect_to=_page("rollout_budget", plan.pk))


@login_required
@require_POST
def budget_disclose(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the support budget in the disclosure register (or bring it up to date)."""
    plan = _managed_plan(request, pk)
    return act(
        request,
        lambda: services.budget_disclose(plan=plan, actor=request.user),
        success_message=lambda disclosure: (
            _("Published in the disclosure register: %(title)s") % {"title": disclosure}
        ),
        redirect_to=_page("rollout_budget", plan.pk),
    )


@login_required
@require_POST
def budget_update(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(BudgetLine.objects.select_related("plan__unit"), pk=pk)
    selectors.get_plan_for_user(request.user, line.plan_id)
    _manage(request, line.plan)
    approved, spent = request.POST.get("approved"), request.POST.get("spent")
    return act(
        request,
        lambda: services.budget_line_update(
            line=line, actor=request.user, approved=approved, spent=spent
        ),
        redirect_to=_page("rollout_budget", line.plan_id),
    )


# --- Inspections ----------------------------------------------------------------------------------


@login_required
@require_POST
def inspection_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    refusal = _("Only a unit of the plan can be inspected.")
    return act(
        request,
        lambda: services.inspection_create(
            plan=plan,
            actor=request.user,
            unit=_chosen(AdminUnit.objects, request.POST.get("unit"), refusal),
            held_on=_date(request.POST.get("held_on")),
            team=request.POST.get("team", ""),
        ),
        redirect_to=lambda inspection: _page("rollout_inspection", inspection.pk),
        refused_to=_page("rollout_plan", plan.pk),
    )


def _inspection(request, pk) -> Inspection:
    inspection = get_object_or_404(Inspection.objects.select_related("plan__unit", "unit"), pk=pk)
    plan = selectors.get_plan_for_user(request.user, inspection.plan_id)
    if not selectors.inspections_for(request.user, plan).filter(pk=pk).exists():
        raise Http404
    return inspection


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    start = dt.date(inspection.held_on.year, 1, 1)
    today = timezone.localdate()
    recommendations = list(inspection.recommendations.all())
    for rec in recommendations:
        rec.overdue = rec.status in (Status.PLANNED, Status.IN_PROGRESS) and rec.due_on < today
    return render(
        request,
        "rollout/inspection_detail.html",
        {
            "inspection": inspection,
            "areas": selectors.checklist_with_figures(inspection, start, inspection.held_on),
            "figures_from": start,
            "manage": selectors.can_manage(request.user, inspection.plan),
            "recommendations": recommendations,
            "statuses": Status.choices,
        },
    )


@login_required
@require_POST
def inspection_record(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    _manage(request, inspection.plan)
    results = {
        r.pk: (request.POST.get(f"score_{r.pk}"), request.POST.get(f"evidence_{r.pk}", ""))
        for r in inspection.results.all()
    }
    conclude = bool(request.POST.get("conclude"))

    def record() -> None:
        services.inspection_record(
            inspection=inspection,
            actor=request.user,
            results=results,
            findings=request.POST.get("findings", ""),
        )
        if conclude:
            services.inspection_conclude(inspection=inspection, actor=request.user)

    return act(
        request,
        record,
        success_message=_("Inspection concluded.") if conclude else _("Inspection record saved."),
        redirect_to=_page("rollout_inspection", inspection.pk),
    )


@login_required
@require_POST
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    _manage(request, inspection.plan)
    text = request.POST.get("text", "")
    return act(
        request,
        lambda: services.recommendation_add(
            inspection=inspection,
            actor=request.user,
            text=text,
            due_on=_date(request.POST.get("due_on")),
        ),
        redirect_to=_page("rollout_inspection", inspection.pk),
    )


@login_required
@require_POST
def recommendation_status(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_object_or_404(
        Recommendation.objects.select_related("inspection__unit", "inspection__plan__unit"), pk=pk
    )
    inspection = _inspection(request, rec.inspection_id)
    if not (
        permissions.can(request.user, "rollout.report_progress", inspection.unit)
        or selectors.can_manage(request.user, inspection.plan)
    ):
        raise Http404
    status, note = request.POST.get("status", ""), request.POST.get("note", "")
    return act(
        request,
        lambda: services.recommendation_set_status(
            recommendation=rec, actor=request.user, status=status, note=note
        ),
        redirect_to=_page("rollout_inspection", inspection.pk),
    )


# --- Reviews --------------------------------------------------------------------------------------


@login_required
@require_POST
def review_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    return act(
        request,
        lambda: services.review_create(
            plan=plan,
            actor=request.user,
            kind=request.POST.get("kind", ""),
            held_on=_date(request.POST.get("held_on")),
            period_from=_date(request.POST.get("period_from")),
            period_to=_date(request.POST.get("period_to")),
            summary=request.POST.get("summary", ""),
        ),
        redirect_to=lambda review: _page("rollout_review", review.pk),
        refused_to=_page("rollout_plan", plan.pk),
    )


def _review(request, pk) -> Review:
    review = get_object_or_404(Review.objects.select_related("plan__unit"), pk=pk)
    selectors.get_plan_for_user(request.user, review.plan_id)
    return review


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    awards = {a.unit_id: a for a in review.awards.all()}
    ranking = services.review_ranking(review)
    for row in ranking:
        row["award"] = awards.get(row["unit"].pk)
    return render(
        request,
        "rollout/review_detail.html",
        {
            "review": review,
            "ranking": ranking,
            "manage": selectors.can_manage(request.user, review.plan),
        },
    )


@login_required
@require_POST
def award_propose(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    _manage(request, review.plan)
    refusal = _("Only a unit of the plan can be proposed.")
    return act(
        request,
        lambda: services.award_propose(
            review=review,
            actor=request.user,
            unit=_chosen(AdminUnit.objects, request.POST.get("unit"), refusal),
            form=request.POST.get("form", ""),
            reason=request.POST.get("reason", ""),
        ),
        redirect_to=_page("rollout_review", review.pk),
    )


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    _manage(request, review.plan)
    decision_ref = request.POST.get("decision_ref", "")
    return act(
        request,
        lambda: services.review_decide(
            review=review, actor=request.user, decision_ref=decision_ref
        ),
        success_message=_("Awards recorded as decided."),
        redirect_to=_page("rollout_review", review.pk),
    )


@login_required
def review_document_view(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    if ext not in ("docx", "pdf"):
        raise Http404
    review = _review(request, pk)
    unit = None
    if request.GET.get("unit"):
        place = (
            review.plan.places.filter(
                unit_id=request.GET["unit"] if request.GET["unit"].isdigit() else 0
            )
            .select_related("unit")
            .first()
        )
        if place is None:
            raise Http404
        unit = place.unit
        if not (
            permissions.can(request.user, "rollout.view", unit)
            or selectors.can_manage(request.user, review.plan)
        ):
            raise Http404
    elif not permissions.can(request.user, "rollout.view", review.plan.unit):
        raise Http404
    doc = review_document(review, unit)
    content = render_docx(doc) if ext == "docx" else render_pdf(doc)
    kind = "Sơ kết" if review.kind == Review.Kind.INTERIM else "Tổng kết"
    name = f"Báo cáo {kind} {unit.name if unit else review.plan.unit.name}.{ext}"
    return document_response(content, name)


def _criteria(text: str) -> list[tuple[str, str]]:
    """The survey's criteria, one “name | weight” a line."""
    criteria = []
    for line in Plan.lines(text):
        name, _sep, weight = line.rpartition("|")
        if not name.strip():
            raise RolloutError(_("Write each criterion as “name | weight”."))
        criteria.append((name.strip(), weight.strip()))
    if not criteria:
        raise RolloutError(_("Write each criterion as “name | weight”."))
    return criteria


@login_required
@require_POST
def survey_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    ids = [int(x) for x in request.POST.getlist("units") if x.isdigit()]
    return act(
        request,
        lambda: services.survey_create(
            plan=plan,
            actor=request.user,
            criteria=_criteria(request.POST.get("criteria", "")),
            units=list(AdminUnit.objects.filter(pk__in=ids, path__startswith=plan.unit.path)),
            title=request.POST.get("title", ""),
            held_from=_date(request.POST.get("held_from")),
            held_to=_date(request.POST.get("held_to")),
        ),
        redirect_to=lambda survey: _page("rollout_survey", survey.pk),
        refused_to=_page("rollout_plan", plan.pk),
    )


@login_required
@require_POST
def checklist_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    return act(
        request,
        lambda: services.checklist_item_add(
            plan=plan,
            area=request.POST.get("area"),
            text=request.POST.get("text", ""),
            figure_key=request.POST.get("figure_key", ""),
            max_score=request.POST.get("max_score") or 10,
        ),
        success_message=_("Criterion added to the checklist."),
        redirect_to=_page("rollout_plan", plan.pk),
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    form = PlanForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk))
    return submit(
        request,
        form,
        lambda data: services.plan_update(
            plan=plan, actor=request.user, changes={name: data[name] for name in form.changed_data}
        ),
        success_message=_("Plan saved."),
        redirect_to=_page("rollout_plan", plan.pk),
    ) or render(request, "rollout/plan_edit.html", {"plan": plan, "form": form})
