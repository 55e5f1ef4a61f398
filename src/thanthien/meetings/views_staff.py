"""Officials' pages: plan and announce meetings, registrations and attendance at the door,
moderation, the secretary's answers and commitments, the minutes, progress on commitments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.core import permissions
from thanthien.core.actions import apply_errors, form_status, refusal_text, submit
from thanthien.core.models import Body
from thanthien.core.paging import page_of

from . import selectors, services
from .forms import (
    AnnounceForm,
    AnswerForm,
    CancelForm,
    CodeForm,
    FloorQuestionForm,
    HideForm,
    HoldForm,
    MeetingForm,
    MergeForm,
    PetitionCodeForm,
    ProgressForm,
    RegistrationForm,
    new_key,
)
from .models import Kind, Question, QuestionState, Registration, State
from .views import minutes_response

PER_PAGE = 30


def _staff(request: HttpRequest) -> None:
    if not (
        permissions.can(request.user, "meetings.manage")
        or permissions.can(request.user, "meetings.minutes")
        or permissions.can(request.user, "meetings.progress")
    ):
        raise Http404


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    rows = selectors.meetings_for_user(request.user).select_related("unit")
    page = page_of(rows.order_by("-starts_at", "-id"), request.GET.get("page"), PER_PAGE)
    return render(
        request,
        "meetings/staff/list.html",
        {"page": page, "can_create": permissions.can(request.user, "meetings.manage")},
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "meetings.manage")
    units = (
        permissions.units_for(request.user, "meetings.manage")
        .exclude(level="province")
        .order_by("path")
    )
    form = MeetingForm(request.POST or None, units=units)
    return submit(
        request,
        form,
        lambda data: services.meeting_create(actor=request.user, **data),
        redirect_to=lambda meeting: reverse("meetings_staff_meeting", args=[meeting.pk]),
    ) or render(request, "meetings/staff/new.html", {"form": form}, status=form_status(request))


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    permissions.require(request.user, "meetings.manage", meeting.unit)
    units = permissions.units_for(request.user, "meetings.manage").filter(pk=meeting.unit_id)
    initial = {name: getattr(meeting, name) for name in services.EDITABLE_FIELDS}
    initial.update(unit=meeting.unit, invited_bodies=list(meeting.invited_bodies.all()))
    form = MeetingForm(request.POST or None, units=units, initial=initial)
    return submit(
        request,
        form,
        lambda data: services.meeting_update(meeting=meeting, actor=request.user, **data),
        success_message=_("Saved."),
        redirect_to=reverse("meetings_staff_meeting", args=[pk]),
    ) or render(
        request,
        "meetings/staff/new.html",
        {"form": form, "meeting": meeting},
        status=form_status(request),
    )


def _meeting_context(request, meeting, **forms) -> dict:
    user = request.user
    registrations = Registration.objects.filter(meeting=meeting).order_by("full_name", "id")
    q = (request.GET.get("q") or "").strip()
    if q:
        registrations = registrations.filter(Q(full_name__icontains=q) | Q(code=q.upper()))
    context = {
        "meeting": meeting,
        "summary": selectors.attendance_summary(meeting),
        "page": page_of(registrations, request.GET.get("page"), PER_PAGE),
        "query": q,
        "can_manage": permissions.can(user, "meetings.manage", meeting.unit),
        "can_minutes": permissions.can(user, "meetings.minutes", meeting.unit),
        "announce_form": forms.get("announce_form") or AnnounceForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "hold_form": forms.get("hold_form") or HoldForm(),
        "register_form": forms.get("register_form") or RegistrationForm(),
        "code_form": forms.get("code_form") or CodeForm(),
        "late_now": meeting.state == State.DRAFT
        and services.is_announcement_late(meeting.starts_at),
        "deadline": services.announcement_deadline(meeting.starts_at),
        "today": timezone.localdate(),
        "days_left": (meeting.minutes_due - timezone.localdate()).days
        if meeting.minutes_due
        else None,
    }
    return context


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/staff/meeting.html", _meeting_context(request, meeting))


@login_required
@require_POST
def meeting_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    forms = {}
    try:
        if action == "announce":
            form = forms["announce_form"] = AnnounceForm(request.POST)
            form.is_valid()
            services.meeting_announce(
                meeting=meeting,
                actor=request.user,
                accept_late=form.cleaned_data.get("accept_late", False),
            )
        elif action == "cancel":
            form = forms["cancel_form"] = CancelForm(request.POST)
            services.meeting_cancel(
                meeting=meeting,
                actor=request.user,
                reason=form.cleaned_data["reason"] if form.is_valid() else "",
            )
        elif action == "hold":
            form = forms["hold_form"] = HoldForm(request.POST)
            data = form.cleaned_data if form.is_valid() else {}
            services.meeting_hold(
                meeting=meeting,
                actor=request.user,
                secretary=data.get("secretary", ""),
                summary=data.get("summary", ""),
            )
        elif action == "publish":
            services.minutes_publish(meeting=meeting, actor=request.user)
        else:
            raise Http404
    except ValidationError as exc:
        form = next(iter(forms.values()), None)
        if form is None:
            messages.error(request, refusal_text(exc))
            return redirect("meetings_staff_meeting", pk=pk)
        apply_errors(form, exc)
        return render(
            request,
            "meetings/staff/meeting.html",
            _meeting_context(request, meeting, **forms),
            status=400,
        )
    messages.success(request, _("Saved."))
    return redirect("meetings_staff_meeting", pk=pk)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = RegistrationForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.registration_create(meeting=meeting, added_by=request.user, **data),
        success_message=lambda result: (
            _("Registered.") if result[1] else _("This person was already registered.")
        ),
        redirect_to=reverse("meetings_staff_meeting", args=[pk]),
    ) or render(
        request,
        "meetings/staff/meeting.html",
        _meeting_context(request, meeting, register_form=form),
        status=400,
    )


@login_required
def attendance_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Who registered, came and (at a training) was trained: the list the office files."""
    from thanthien.core.documents import document_response, xlsx_table

    meeting = selectors.get_meeting_for_user(request.user, pk)
    permissions.require(request.user, "meetings.manage", meeting.unit)
    rows = [
        [
            i,
            r.full_name,
            r.organization,
            r.phone,
            timezone.localtime(r.attended_at) if r.attended_at else None,
            _("yes") if r.trained else "",
        ]
        for i, r in enumerate(
            Registration.objects.filter(meeting=meeting).order_by("full_name", "id")[:5000], 1
        )
    ]
    header = [
        _("No."),
        _("Full name"),
        _("Organization or village"),
        _("Phone number"),
        _("Present"),
        _("Trained"),
    ]
    content = xlsx_table(meeting.title[:31], header, rows)
    return document_response(content, f"diem-danh-{meeting.pk}.xlsx")


@login_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """The door: a camera scanner where the browser has one, a typed code, or a tick on the list."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    permissions.require(request.user, "meetings.manage", meeting.unit)
    if request.method != "POST":
        return render(
            request,
            "meetings/staff/scan.html",
            {
                "meeting": meeting,
                "form": CodeForm(),
                "summary": selectors.attendance_summary(meeting),
            },
        )
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            registration, new = services.attendance_record(
                meeting=meeting, code=form.cleaned_data["code"], actor=request.user
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if new:
                messages.success(
                    request, _("%(name)s is present.") % {"name": registration.full_name}
                )
            else:
                messages.info(
                    request,
                    _("%(name)s was already marked present.") % {"name": registration.full_name},
                )
            target = request.POST.get("next") == "list"
            return redirect(
                reverse("meetings_staff_meeting", args=[pk])
                if target
                else reverse("meetings_staff_checkin", args=[pk])
            )
    return render(
        request,
        "meetings/staff/scan.html",
        {"meeting": meeting, "form": form, "summary": selectors.attendance_summary(meeting)},
        status=400,
    )


# --- Questions, answers, commitments --------------------------------------------------------------


def _bodies_for(meeting):
    ancestors = meeting.unit.ancestor_ids
    return list(
        Body.objects.filter(
            Q(unit_id__in=ancestors) | Q(unit__path__startswith=meeting.unit_path), is_active=True
        )
        .select_related("unit")
        .order_by("unit__path", "name")
    )


def _questions_context(request, meeting, **extra) -> dict:
    rows = (
        meeting.questions.select_related("petition", "merged_into")
        .prefetch_related("commitments__body")
        .order_by("state", "from_floor", "-support_count", "created_at", "id")
    )
    state = request.GET.get("state", "")
    if state in QuestionState.values:
        rows = rows.filter(state=state)
    return {
        "meeting": meeting,
        "page": page_of(rows, request.GET.get("page"), PER_PAGE),
        "state": state,
        "states": QuestionState.choices,
        "can_manage": permissions.can(request.user, "meetings.manage", meeting.unit),
        "can_minutes": permissions.can(request.user, "meetings.minutes", meeting.unit),
        "hide_form": HideForm(),
        "merge_form": MergeForm(),
        "answer_form": AnswerForm(bodies=_bodies_for(meeting)),
        "floor_form": FloorQuestionForm(),
        "petition_form": PetitionCodeForm(),
        "error_for": None,
        **extra,
    }


@login_required
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if meeting.kind != Kind.DIALOGUE:
        raise Http404
    return render(request, "meetings/staff/questions.html", _questions_context(request, meeting))


@login_required
@require_POST
def question_act(request: HttpRequest, pk: int, qid: int, action: str) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    question = (
        Question.objects.filter(meeting=meeting, pk=qid).select_related("meeting__unit").first()
    )
    if question is None:
        raise Http404
    form = None
    try:
        if action == "hide":
            form = HideForm(request.POST)
            services.question_hide(
                question=question,
                actor=request.user,
                reason=form.cleaned_data["reason"] if form.is_valid() else "",
            )
        elif action == "restore":
            services.question_restore(question=question, actor=request.user)
        elif action == "merge":
            form = MergeForm(request.POST)
            into = None
            if form.is_valid():
                into = Question.objects.filter(
                    meeting=meeting, pk=form.cleaned_data["into"]
                ).first()
            if into is None:
                raise ValidationError({"into": _("Choose another question of the same meeting.")})
            services.question_merge(question=question, into=into, actor=request.user)
        elif action == "answer":
            form = AnswerForm(request.POST, bodies=_bodies_for(meeting))
            if not form.is_valid():
                raise ValidationError(_("Check the answer form."))
            data = form.cleaned_data
            with transaction.atomic():
                services.question_answer(
                    question=question,
                    actor=request.user,
                    answer=data["answer"],
                    answered_by=data["answered_by"],
                )
                if data["commitment"]:
                    services.commitment_create(
                        meeting=meeting,
                        actor=request.user,
                        text=data["commitment"],
                        body=data["body"],
                        due_date=data["due_date"],
                        question=question,
                    )
        else:
            raise Http404
    except ValidationError as exc:
        if form is None:
            messages.error(request, refusal_text(exc))
            return redirect("meetings_staff_questions", pk=pk)
        if not (form.is_bound and form.errors):
            apply_errors(form, exc)
        name = {"hide": "hide_form", "merge": "merge_form", "answer": "answer_form"}[action]
        return render(
            request,
            "meetings/staff/questions.html",
            _questions_context(request, meeting, **{name: form, "error_for": question.pk}),
            status=400,
        )
    messages.success(request, _("Saved."))
    return redirect(reverse("meetings_staff_questions", args=[pk]) + f"#q{question.pk}")


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int, source: str) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    try:
        if source == "floor":
            name = "floor_form"
            form = FloorQuestionForm(request.POST)
            data = form.cleaned_data if form.is_valid() else {}
            services.question_floor(
                meeting=meeting,
                actor=request.user,
                text=data.get("text", ""),
                author_name=data.get("author_name", ""),
            )
        elif source == "petition":
            from thanthien.petitions.selectors import normalize_tracking_code, petitions_for_user

            form = PetitionCodeForm(request.POST)
            name = "petition_form"
            petition = None
            if form.is_valid():
                petition = (
                    petitions_for_user(request.user)
                    .filter(tracking_code=normalize_tracking_code(form.cleaned_data["code"]))
                    .first()
                )
            if petition is None:
                raise ValidationError({"code": _("No petition of your units has this code.")})
            services.question_from_petition(meeting=meeting, actor=request.user, petition=petition)
        else:
            raise Http404
    except ValidationError as exc:
        if not form.errors:
            apply_errors(form, exc)
        return render(
            request,
            "meetings/staff/questions.html",
            _questions_context(request, meeting, **{name: form}),
            status=400,
        )
    messages.success(request, _("Saved."))
    return redirect("meetings_staff_questions", pk=pk)


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranked list of questions for the chairs, on A4, with the late commitments to read out
    at the opening."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(
        request,
        "meetings/staff/agenda.html",
        {
            "meeting": meeting,
            "questions": selectors.ranked_questions(meeting).select_related("petition")[:300],
            "earlier": selectors.open_before(meeting)[:100],
            "today": timezone.localdate(),
        },
    )


@login_required
def minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    permissions.require(request.user, "meetings.minutes", meeting.unit)
    if meeting.state not in (State.HELD, State.MINUTES_PUBLISHED):
        raise Http404
    return minutes_response(meeting, fmt)


@login_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    rows = selectors.commitments_for_user(request.user)
    show = request.GET.get("show", "open")
    if show == "open":
        rows = rows.filter(state__in=["open", "in_progress"])
    page = page_of(rows.order_by("due_date", "id"), request.GET.get("page"), PER_PAGE)
    return render(
        request,
        "meetings/staff/commitments.html",
        {"page": page, "show": show, "today": timezone.localdate()},
    )


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.get_commitment_for_user(request.user, pk)
    can_update = services.can_report_progress(request.user, commitment)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={"submission_key": new_key(), "state": commitment.state},
        allowed_states=services.COMMITMENT_TRANSITIONS.get(commitment.state, set()),
    )
    if request.method == "POST" and not can_update:
        raise Http404
    return submit(
        request,
        form,
        lambda data: services.commitment_progress(
            commitment=commitment,
            actor=request.user,
            text=data["text"],
            state=data["state"],
            files=request.FILES.getlist("files"),
            submission_key=data["submission_key"] or None,
        ),
        success_message=_("Progress recorded; the people following it are told."),
        redirect_to=reverse("meetings_staff_commitment", args=[pk]),
    ) or render(
        request,
        "meetings/staff/commitment.html",
        {
            "commitment": commitment,
            "form": form,
            "can_update": can_update,
            "updates": commitment.updates.select_related("author").prefetch_related("evidence")[
                :50
            ],
            "late": selectors.is_late(commitment),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
