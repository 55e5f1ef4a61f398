"""Citizen reception pages: the public schedule and booking; for officials, the schedule, the
sessions and their bookings, and the reception log (Form 03) with its print view and exports.

The log is never public. Every staff page answers 404 for a unit outside the user's units."""

import datetime as dt
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thanthien.core import permissions
from thanthien.core.documents import NATIONAL_MOTTO, NATIONAL_NAME, document_response
from thanthien.core.models import AdminUnit, Body

from . import reception
from .models import (
    Field,
    Kind,
    ReceptionBooking,
    ReceptionRule,
    ReceptionVisit,
    Weekday,
)
from .views import apply_errors

LOG_PAGE_SIZE = 50
STAFF_LEVELS = [AdminUnit.Level.COMMUNE, AdminUnit.Level.DISTRICT]

# --- Forms ----------------------------------------------------------------------------------------


def _time_field(label):
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"],
    )


def _date_field(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


def _new_key(form: forms.Form) -> None:
    if not form.is_bound:
        form.initial.setdefault("submission_key", uuid.uuid4().hex)


def _clean_key(form: forms.Form) -> str:
    key = (form.cleaned_data.get("submission_key") or "").strip()
    return key if len(key) >= 16 else ""


class BookingForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=150, required=False)
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    subject = forms.CharField(
        label=gettext_lazy("What do you want to raise?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _new_key(self)

    def clean_submission_key(self):
        return _clean_key(self)


class HostFields(forms.Form):
    """Who receives: a leader of the unit, or a named official."""

    host = forms.ModelChoiceField(
        label=gettext_lazy("Leader who receives"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("— another official, named below —"),
    )
    host_name = forms.CharField(
        label=gettext_lazy("Or the official who receives"), max_length=150, required=False
    )
    host_title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("e.g. Chủ tịch UBND. Empty for a leader: the title of the role."),
    )

    def __init__(self, *args, unit: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = reception.leaders_of(unit)
        self.fields["host"].label_from_instance = lambda u: u.display_name


class RuleForm(HostFields):
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("Day of the week"), choices=Weekday.choices, coerce=int
    )
    week_of_month = forms.TypedChoiceField(
        label=gettext_lazy("Which week"),
        choices=[("", gettext_lazy("every week"))]
        + list(ReceptionRule._meta.get_field("week_of_month").choices),
        coerce=int,
        empty_value=None,
        required=False,
    )
    start_time = _time_field(gettext_lazy("Starts at"))
    end_time = _time_field(gettext_lazy("Ends at"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    is_leader = forms.BooleanField(
        label=gettext_lazy("The official named above is the chairman or a vice-chairman"),
        required=False,
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Places that can be booked (0: no booking)"),
        min_value=0,
        max_value=reception.MAX_CAPACITY,
        initial=10,
    )
    valid_from = _date_field(gettext_lazy("Valid from"))
    valid_to = _date_field(gettext_lazy("Valid to (empty: until changed)"), required=False)

    field_order = ["weekday", "week_of_month", "start_time", "end_time", "place"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())


class SessionForm(HostFields):
    date = _date_field(gettext_lazy("Date"))
    start_time = _time_field(gettext_lazy("Starts at"))
    end_time = _time_field(gettext_lazy("Ends at"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    capacity = forms.IntegerField(
        label=gettext_lazy("Places that can be booked (0: no booking)"),
        min_value=0,
        max_value=reception.MAX_CAPACITY,
        initial=0,
    )

    field_order = ["date", "start_time", "end_time", "place"]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown on the public schedule)"), max_length=300
    )


class PeriodForm(forms.Form):
    since = _date_field(gettext_lazy("From"), required=False)
    until = _date_field(gettext_lazy("To"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end of the period is before its start."))
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        since, until = dt.date(today.year, 1, 1), today
        if self.is_bound and self.is_valid():
            since = self.cleaned_data["since"] or since
            until = self.cleaned_data["until"] or until
            if since > until:
                since = dt.date(until.year, 1, 1)
        return since, until


class VisitForm(forms.Form):
    received_on = _date_field(gettext_lazy("Date of reception"))
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of petition"), choices=Kind.choices, widget=forms.RadioSelect
    )
    people_count = forms.IntegerField(
        label=gettext_lazy("Number of people"), min_value=1, max_value=1000, initial=1
    )
    name = forms.CharField(
        label=gettext_lazy("Full name (the representative of a group)"), max_length=150
    )
    address = forms.CharField(label=gettext_lazy("Address"), max_length=200, required=False)
    id_number = forms.CharField(
        label=gettext_lazy("ID card or passport number"), max_length=20, required=False
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    content = forms.CharField(
        label=gettext_lazy("Content"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    handled_before = forms.CharField(
        label=gettext_lazy("Body that already handled it (if any)"),
        max_length=300,
        required=False,
    )
    action = forms.ChoiceField(
        label=gettext_lazy("Action taken"),
        choices=ReceptionVisit.Action.choices,
        widget=forms.RadioSelect,
    )
    # Accept for handling
    field = forms.ModelChoiceField(
        label=gettext_lazy("Field"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        empty_label=gettext_lazy("— choose —"),
    )
    act_complained_of = forms.CharField(
        label=gettext_lazy("Decision or act complained of"), max_length=2000, required=False
    )
    respondent = forms.CharField(
        label=gettext_lazy("Person or body complained against"), max_length=200, required=False
    )
    learned_on = _date_field(gettext_lazy("Date the complainant learned of it"), required=False)
    late_reason = forms.CharField(
        label=gettext_lazy("Reason a late complaint is accepted (if late)"),
        max_length=2000,
        required=False,
    )
    denounced = forms.CharField(
        label=gettext_lazy("Person or body denounced"), max_length=200, required=False
    )
    # Return with guidance
    guidance = forms.CharField(
        label=gettext_lazy("Guidance given"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Forward
    forward_body = forms.ModelChoiceField(
        label=gettext_lazy("To a body on the platform"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=gettext_lazy("— none —"),
    )
    forward_to = forms.CharField(
        label=gettext_lazy("Or to a body outside the platform"), max_length=200, required=False
    )
    # Refuse (Art. 9)
    refusal_reason = forms.ChoiceField(
        label=gettext_lazy("Reason (Luật Tiếp công dân, Art. 9)"),
        choices=[("", gettext_lazy("— choose —")), *ReceptionVisit.RefusalReason.choices],
        required=False,
    )
    refusal_note = forms.CharField(
        label=gettext_lazy("What happened"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    refusal_notice = forms.CharField(
        label=gettext_lazy("Written notice (number and date), for a resolved matter"),
        max_length=200,
        required=False,
    )
    follow_up = forms.CharField(
        label=gettext_lazy("Result follow-up"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    booking = forms.CharField(widget=forms.HiddenInput, required=False, max_length=12)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    SECTIONS = [
        (
            gettext_lazy("Visitor"),
            ["received_on", "name", "address", "id_number", "phone", "people_count"],
        ),
        (gettext_lazy("What it is about"), ["kind", "content", "handled_before"]),
        (gettext_lazy("Action taken"), ["action"]),
        (gettext_lazy("If accepted for handling"), ["field"]),
        (
            gettext_lazy("For a complaint"),
            ["act_complained_of", "respondent", "learned_on", "late_reason"],
        ),
        (gettext_lazy("For a denunciation"), ["denounced"]),
        (gettext_lazy("If returned with guidance"), ["guidance"]),
        (gettext_lazy("If forwarded"), ["forward_body", "forward_to"]),
        (gettext_lazy("If refused (only for a reason of Art. 9)"), ["refusal_reason"]),
        (None, ["refusal_note", "refusal_notice"]),
        (gettext_lazy("Follow-up"), ["follow_up", "notes"]),
    ]

    def __init__(self, *args, unit: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forward_body"].queryset = (
            Body.objects.filter(is_active=True)
            .select_related("unit")
            .order_by("unit__path", "name")
        )
        self.fields["forward_body"].label_from_instance = lambda b: f"{b.name} ({b.unit.name})"
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            self.initial.setdefault("people_count", 1)
        _new_key(self)

    def clean_submission_key(self):
        return _clean_key(self)

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


class VisitUpdateForm(forms.Form):
    follow_up = forms.CharField(
        label=gettext_lazy("Result follow-up"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- Public pages ---------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """Units that publish a reception schedule, each with its next session."""
    units = list(reception.public_units())
    by_unit = reception.schedule(units) if units else {}
    rows = []
    for unit in units:
        upcoming = [o for o in by_unit.get(unit.pk, []) if not o.cancelled]
        rows.append({"unit": unit, "next": upcoming[0] if upcoming else None})
    return render(request, "petitions/reception/public_list.html", {"rows": rows})


def public_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's reception schedule for the coming weeks, with a booking link where places are left."""
    unit = get_object_or_404(AdminUnit.objects.select_related("parent"), pk=unit_id)
    occurrences = reception.unit_schedule(unit)
    now = timezone.now()
    return render(
        request,
        "petitions/reception/public_unit.html",
        {
            "unit": unit,
            "items": [{"o": o, "bookable": o.is_bookable(now)} for o in occurrences],
            "weeks": reception.UPCOMING_WEEKS,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, unit_id: int, key: str) -> HttpResponse:
    unit = get_object_or_404(AdminUnit, pk=unit_id)
    try:
        occurrence = reception.find_occurrence(unit, key)
    except ValidationError:
        raise Http404 from None
    form = BookingForm(request.POST or None)
    context = {"unit": unit, "o": occurrence, "form": form}
    if request.method != "POST":
        return render(request, "petitions/reception/book.html", context)
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking, _created = reception.booking_create(
                unit=unit,
                key=key,
                name=data["name"],
                phone=data["phone"],
                subject=data["subject"],
                submission_key=data["submission_key"] or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("reception_booking", code=booking.code)
    return render(request, "petitions/reception/book.html", context, status=400)


@never_cache
def booking_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The booking code on screen. Whoever holds the code sees the session, not the person."""
    booking = get_object_or_404(
        ReceptionBooking.objects.select_related("session__unit", "session__host"),
        code=code.strip().upper(),
    )
    phone = booking.phone
    masked = f"{'•' * max(len(phone) - 3, 0)}{phone[-3:]}" if phone else ""
    return render(
        request,
        "petitions/reception/booking.html",
        {"booking": booking, "session": booking.session, "masked_phone": masked},
    )


# --- Staff: the schedule ------------------------------------------------------------------------

STAFF_ACTIONS = ("reception.record", "reception.sessions", "reception.schedule")


def _staff_unit(request: HttpRequest, unit_id: int, *actions: str) -> AdminUnit:
    """The unit, if the user may take one of ``actions`` there; 404 otherwise."""
    unit = AdminUnit.objects.select_related("parent").filter(pk=unit_id).first()
    if unit is None or not any(permissions.can(request.user, a, unit) for a in actions):
        raise Http404
    return unit


@login_required
def staff_index(request: HttpRequest) -> HttpResponse:
    """The units whose reception the official works on, each with the Art. 15 check."""
    if not any(permissions.can(request.user, a) for a in STAFF_ACTIONS):
        raise Http404
    scope = Q(pk__in=[])
    for action in STAFF_ACTIONS:
        scope |= permissions.scope_q(request.user, action)
    units = AdminUnit.objects.filter(scope, level__in=STAFF_LEVELS).order_by("path")
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    checks = reception.schedule_checks(page.object_list)
    return render(
        request,
        "petitions/reception/staff_index.html",
        {"page": page, "rows": [{"unit": u, "check": checks[u.pk]} for u in page]},
    )


def _unit_context(request, unit: AdminUnit, **forms) -> dict:
    user = request.user
    can_schedule = permissions.can(user, "reception.schedule", unit)
    can_sessions = permissions.can(user, "reception.sessions", unit)
    today = timezone.localdate()
    rules = (
        ReceptionRule.objects.filter(unit=unit)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("host")
    )
    return {
        "unit": unit,
        "check": reception.schedule_check(unit),
        "rules": list(rules),
        "occurrences": [
            {
                "o": o,
                "cancel_form": forms["cancel_form"]
                if o.key == forms.get("cancel_key")
                else CancelForm(auto_id=f"id_{o.key}_%s"),
            }
            for o in reception.unit_schedule(unit)
        ],
        "can_schedule": can_schedule,
        "can_sessions": can_sessions,
        "can_record": permissions.can(user, "reception.record", unit),
        "rule_form": forms.get("rule_form") or (RuleForm(unit=unit) if can_schedule else None),
        "session_form": forms.get("session_form")
        or (SessionForm(unit=unit) if can_sessions else None),
        "cancel_key": forms.get("cancel_key", ""),
        "weeks": reception.UPCOMING_WEEKS,
    }


@login_required
def staff_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, *STAFF_ACTIONS)
    return render(request, "petitions/reception/staff_unit.html", _unit_context(request, unit))


def _host_kwargs(data: dict) -> dict:
    return {"host": data["host"], "host_name": data["host_name"], "host_title": data["host_title"]}


def _service_error(request, form, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        apply_errors(form, exc)
    else:
        form.add_error(None, str(exc))


@login_required
@require_POST
def rule_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.schedule")
    form = RuleForm(request.POST, unit=unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            reception.rule_create(
                unit=unit,
                actor=request.user,
                weekday=data["weekday"],
                week_of_month=data["week_of_month"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                place=data["place"],
                is_leader=data["is_leader"],
                capacity=data["capacity"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                **_host_kwargs(data),
            )
        except (ValidationError, PermissionDenied) as exc:
            _service_error(request, form, exc)
        else:
            messages.success(request, _("The regular reception day is saved."))
            return redirect("reception_staff_unit", unit_id=unit.pk)
    return render(
        request,
        "petitions/reception/staff_unit.html",
        _unit_context(request, unit, rule_form=form),
        status=400,
    )


@login_required
@require_POST
def rule_stop(request: HttpRequest, unit_id: int, pk: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.schedule")
    rule = get_object_or_404(ReceptionRule, pk=pk, unit=unit)
    try:
        reception.rule_end(rule=rule, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The regular reception day has ended."))
    return redirect("reception_staff_unit", unit_id=unit.pk)


@login_required
@require_POST
def session_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.sessions")
    form = SessionForm(request.POST, unit=unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            reception.session_create(
                unit=unit,
                actor=request.user,
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                place=data["place"],
                capacity=data["capacity"],
                **_host_kwargs(data),
            )
        except (ValidationError, PermissionDenied) as exc:
            _service_error(request, form, exc)
        else:
            messages.success(request, _("The session is on the schedule."))
            return redirect("reception_staff_unit", unit_id=unit.pk)
    return render(
        request,
        "petitions/reception/staff_unit.html",
        _unit_context(request, unit, session_form=form),
        status=400,
    )


@login_required
@require_POST
def session_cancel(request: HttpRequest, unit_id: int, key: str) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.sessions")
    form = CancelForm(request.POST, auto_id=f"id_{key}_%s")
    if form.is_valid():
        try:
            reception.session_cancel(
                unit=unit, actor=request.user, key=key, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as exc:
            _service_error(request, form, exc)
        else:
            messages.success(request, _("The session is cancelled."))
            return redirect("reception_staff_unit", unit_id=unit.pk)
    return render(
        request,
        "petitions/reception/staff_unit.html",
        _unit_context(request, unit, cancel_form=form, cancel_key=key),
        status=400,
    )


@login_required
def session_detail(request: HttpRequest, unit_id: int, key: str) -> HttpResponse:
    """A session and its bookings, from which the visits are recorded."""
    unit = _staff_unit(request, unit_id, "reception.sessions", "reception.record")
    _occurrence, session = reception.session_for_staff(unit, key)
    return render(
        request,
        "petitions/reception/staff_session.html",
        {
            "unit": unit,
            "session": session,
            "key": key,
            "bookings": reception.bookings_of(session),
            "can_record": permissions.can(request.user, "reception.record", unit),
        },
    )


# --- Staff: the reception log -------------------------------------------------------------------


@login_required
@require_GET
def log_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.record")
    period = PeriodForm(request.GET or None)
    since, until = period.period()
    entries = reception.log_entries(unit, since=since, until=until)
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = f"since={since:%Y-%m-%d}&until={until:%Y-%m-%d}"
    return render(
        request,
        "petitions/reception/log_list.html",
        {
            "unit": unit,
            "period": period,
            "since": since,
            "until": until,
            "page": page,
            "rows": reception.log_rows(page.object_list),
            "params": params.urlencode(),
            "query": query,
            "redacted": reception.REDACTED,
        },
        status=400 if period.is_bound and not period.is_valid() else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.record")
    booking = None
    code = (request.POST.get("booking") or request.GET.get("booking") or "").strip().upper()
    if code:
        booking = (
            ReceptionBooking.objects.select_related("session")
            .filter(code=code, session__unit=unit)
            .first()
        )
        if booking is None:
            raise Http404
    form = VisitForm(request.POST or None, unit=unit)
    if booking is not None and not form.is_bound:
        form.initial.update(
            {
                "booking": booking.code,
                "name": booking.name,
                "phone": booking.phone,
                "content": booking.subject,
                "received_on": min(booking.session.date, timezone.localdate()),
            }
        )
    context = {"unit": unit, "form": form, "booking": booking}
    if request.method != "POST":
        return render(request, "petitions/reception/visit_form.html", context)
    if form.is_valid():
        data = form.cleaned_data
        if booking is not None and hasattr(booking, "visit"):
            form.add_error(None, _("A visit has already been recorded for this booking."))
        else:
            try:
                visit, _created = reception.visit_record(
                    unit=unit,
                    actor=request.user,
                    received_on=data["received_on"],
                    kind=data["kind"],
                    people_count=data["people_count"],
                    name=data["name"],
                    address=data["address"],
                    id_number=data["id_number"],
                    phone=data["phone"],
                    content=data["content"],
                    handled_before=data["handled_before"],
                    action=data["action"],
                    field=data["field"],
                    case={
                        "act_complained_of": data["act_complained_of"],
                        "respondent": data["respondent"],
                        "learned_on": data["learned_on"],
                        "late_reason": data["late_reason"],
                        "denounced": data["denounced"],
                    },
                    guidance=data["guidance"],
                    forward_body=data["forward_body"],
                    forward_to=data["forward_to"],
                    refusal_reason=data["refusal_reason"],
                    refusal_note=data["refusal_note"],
                    refusal_notice=data["refusal_notice"],
                    follow_up=data["follow_up"],
                    notes=data["notes"],
                    booking=booking,
                    submission_key=data["submission_key"] or None,
                )
            except (ValidationError, PermissionDenied) as exc:
                _service_error(request, form, exc)
            else:
                message = _("Recorded as no. %(no)d/%(year)d.") % {
                    "no": visit.number,
                    "year": visit.year,
                }
                if visit.petition_id:
                    message += " " + _("Give the citizen the tracking code %(code)s.") % {
                        "code": visit.petition.tracking_code
                    }
                messages.success(request, message)
                return redirect("reception_visit", unit_id=unit.pk, pk=visit.pk)
    return render(request, "petitions/reception/visit_form.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def visit_detail(request: HttpRequest, unit_id: int, pk: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.record")
    visit = reception.get_visit_for_user(request.user, unit, pk)
    form = VisitUpdateForm(
        request.POST or None, initial={"follow_up": visit.follow_up, "notes": visit.notes}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                reception.visit_update(
                    visit=visit,
                    actor=request.user,
                    follow_up=form.cleaned_data["follow_up"],
                    notes=form.cleaned_data["notes"],
                )
            except (ValidationError, PermissionDenied) as exc:
                _service_error(request, form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("reception_visit", unit_id=unit.pk, pk=visit.pk)
        status = 400
    identity = reception.visit_identity(visit, request.user)
    row = reception.log_rows([visit])[0]
    response = render(
        request,
        "petitions/reception/visit_detail.html",
        {"unit": unit, "visit": visit, "identity": identity, "row": row, "form": form},
        status=status,
    )
    if visit.kind == Kind.DENUNCIATION:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def log_print(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Form 03 on A4 landscape, for the browser's print command."""
    unit = _staff_unit(request, unit_id, "reception.record")
    since, until = PeriodForm(request.GET or None).period()
    rows = reception.log_rows(reception.log_entries(unit, since=since, until=until))
    return render(
        request,
        "petitions/reception/log_print.html",
        {
            "unit": unit,
            "since": since,
            "until": until,
            "rows": rows,
            "title": reception.FORM03_TITLE,
            "period": reception.period_text(since, until),
            "issuer": reception.issuer_lines(unit),
            "national_name": NATIONAL_NAME,
            "national_motto": NATIONAL_MOTTO,
            "header": reception.FORM03_HEADER,
            "directions": reception.FORM03_DIRECTIONS,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def log_export(request: HttpRequest, unit_id: int, fmt: str) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.record")
    if fmt not in ("xlsx", "docx", "pdf"):
        raise Http404
    since, until = PeriodForm(request.GET or None).period()
    visits = reception.log_entries(unit, since=since, until=until)
    content = reception.log_export(unit, visits, since, until, fmt)
    filename = f"Sổ tiếp công dân - {unit.name} - {since:%Y%m%d}-{until:%Y%m%d}.{fmt}"
    return document_response(content, filename)
