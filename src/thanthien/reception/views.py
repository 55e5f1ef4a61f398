"""Citizen reception pages: the public schedule and booking; for officials, the schedule, the
sessions and their bookings, and the reception log (Form 03) with its print view and exports.

The log is never public. Every staff page answers 404 for a unit outside the user's units."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thanthien.core import permissions
from thanthien.core.actions import act, form_status, submit
from thanthien.core.documents import NATIONAL_MOTTO, NATIONAL_NAME, document_response
from thanthien.core.models import AdminUnit
from thanthien.petitions.models import Kind, ReceptionBooking, ReceptionRule, ReceptionVisit

from . import documents, selectors, services
from .forms import (
    BookingForm,
    CancelForm,
    PeriodForm,
    RuleForm,
    SessionForm,
    VisitForm,
    VisitUpdateForm,
)

LOG_PAGE_SIZE = 50
STAFF_LEVELS = [AdminUnit.Level.COMMUNE, AdminUnit.Level.DISTRICT]


# --- Public pages ---------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """Units that publish a reception schedule, each with its next session."""
    units = list(selectors.public_units())
    by_unit = selectors.schedule(units) if units else {}
    rows = []
    for unit in units:
        upcoming = [o for o in by_unit.get(unit.pk, []) if not o.cancelled]
        rows.append({"unit": unit, "next": upcoming[0] if upcoming else None})
    return render(request, "reception/public_list.html", {"rows": rows})


def public_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's reception schedule for the coming weeks, with a booking link where places are left."""
    unit = get_object_or_404(AdminUnit.objects.select_related("parent"), pk=unit_id)
    occurrences = selectors.unit_schedule(unit)
    now = timezone.now()
    return render(
        request,
        "reception/public_unit.html",
        {
            "unit": unit,
            "items": [{"o": o, "bookable": o.is_bookable(now)} for o in occurrences],
            "weeks": selectors.UPCOMING_WEEKS,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, unit_id: int, key: str) -> HttpResponse:
    unit = get_object_or_404(AdminUnit, pk=unit_id)
    try:
        occurrence = selectors.find_occurrence(unit, key)
    except ValidationError:
        raise Http404 from None
    form = BookingForm(request.POST or None)

    def book_place(data: dict):
        booking, _created = services.booking_create(
            unit=unit,
            key=key,
            name=data["name"],
            phone=data["phone"],
            subject=data["subject"],
            submission_key=data["submission_key"] or None,
        )
        return booking

    return submit(
        request,
        form,
        book_place,
        redirect_to=lambda booking: reverse("reception_booking", args=[booking.code]),
    ) or render(
        request,
        "reception/book.html",
        {"unit": unit, "o": occurrence, "form": form},
        status=form_status(request),
    )


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
        "reception/booking.html",
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
    checks = selectors.schedule_checks(page.object_list)
    return render(
        request,
        "reception/staff_index.html",
        {"page": page, "rows": [{"unit": u, "check": checks[u.pk]} for u in page]},
    )


def _unit_context(request, unit: AdminUnit, **forms) -> dict:
    user = request.user
    can_schedule = permissions.can(user, "reception.schedule", unit)
    can_sessions = permissions.can(user, "reception.sessions", unit)
    return {
        "unit": unit,
        "check": selectors.schedule_check(unit),
        "rules": selectors.rules_in_force(unit),
        "occurrences": [
            {
                "o": o,
                "cancel_form": forms["cancel_form"]
                if o.key == forms.get("cancel_key")
                else CancelForm(auto_id=f"id_{o.key}_%s"),
            }
            for o in selectors.unit_schedule(unit)
        ],
        "can_schedule": can_schedule,
        "can_sessions": can_sessions,
        "can_record": permissions.can(user, "reception.record", unit),
        "rule_form": forms.get("rule_form") or (RuleForm(unit=unit) if can_schedule else None),
        "session_form": forms.get("session_form")
        or (SessionForm(unit=unit) if can_sessions else None),
        "cancel_key": forms.get("cancel_key", ""),
        "weeks": selectors.UPCOMING_WEEKS,
    }


@login_required
def staff_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, *STAFF_ACTIONS)
    return render(request, "reception/staff_unit.html", _unit_context(request, unit))


def _unit_page(request, unit: AdminUnit, **forms) -> HttpResponse:
    """The unit's schedule page again, with the form that was refused."""
    return render(
        request, "reception/staff_unit.html", _unit_context(request, unit, **forms), status=400
    )


@login_required
@require_POST
def rule_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.schedule")
    form = RuleForm(request.POST, unit=unit)
    return submit(
        request,
        form,
        lambda data: services.rule_create(unit=unit, actor=request.user, **data),
        success_message=_("The regular reception day is saved."),
        redirect_to=reverse("reception_staff_unit", args=[unit.pk]),
    ) or _unit_page(request, unit, rule_form=form)


@login_required
@require_POST
def rule_stop(request: HttpRequest, unit_id: int, pk: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.schedule")
    rule = get_object_or_404(ReceptionRule, pk=pk, unit=unit)
    return act(
        request,
        lambda: services.rule_end(rule=rule, actor=request.user),
        success_message=_("The regular reception day has ended."),
        redirect_to=reverse("reception_staff_unit", args=[unit.pk]),
    )


@login_required
@require_POST
def session_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.sessions")
    form = SessionForm(request.POST, unit=unit)
    return submit(
        request,
        form,
        lambda data: services.session_create(unit=unit, actor=request.user, **data),
        success_message=_("The session is on the schedule."),
        redirect_to=reverse("reception_staff_unit", args=[unit.pk]),
    ) or _unit_page(request, unit, session_form=form)


@login_required
@require_POST
def session_cancel(request: HttpRequest, unit_id: int, key: str) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.sessions")
    form = CancelForm(request.POST, auto_id=f"id_{key}_%s")
    return submit(
        request,
        form,
        lambda data: services.session_cancel(
            unit=unit, actor=request.user, key=key, reason=data["reason"]
        ),
        success_message=_("The session is cancelled."),
        redirect_to=reverse("reception_staff_unit", args=[unit.pk]),
    ) or _unit_page(request, unit, cancel_form=form, cancel_key=key)


@login_required
def session_detail(request: HttpRequest, unit_id: int, key: str) -> HttpResponse:
    """A session and its bookings, from which the visits are recorded."""
    unit = _staff_unit(request, unit_id, "reception.sessions", "reception.record")
    _occurrence, session = selectors.session_for_staff(unit, key)
    return render(
        request,
        "reception/staff_session.html",
        {
            "unit": unit,
            "session": session,
            "key": key,
            "bookings": selectors.bookings_of(session),
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
    entries = selectors.log_entries(unit, since=since, until=until)
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = f"since={since:%Y-%m-%d}&until={until:%Y-%m-%d}"
    return render(
        request,
        "reception/log_list.html",
        {
            "unit": unit,
            "period": period,
            "since": since,
            "until": until,
            "page": page,
            "rows": documents.log_rows(page.object_list),
            "params": params.urlencode(),
            "query": query,
            "redacted": selectors.REDACTED,
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

    def record(data: dict) -> ReceptionVisit:
        if booking is not None and hasattr(booking, "visit"):
            raise ValidationError(_("A visit has already been recorded for this booking."))
        visit, _created = services.visit_record(
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
        return visit

    return submit(
        request,
        form,
        record,
        success_message=_visit_recorded,
        redirect_to=lambda visit: _visit_page(unit, visit),
    ) or render(
        request,
        "reception/visit_form.html",
        {"unit": unit, "form": form, "booking": booking},
        status=form_status(request),
    )


def _visit_recorded(visit: ReceptionVisit) -> str:
    message = _("Recorded as no. %(no)d/%(year)d.") % {"no": visit.number, "year": visit.year}
    if visit.petition_id:
        message += " " + _("Give the citizen the tracking code %(code)s.") % {
            "code": visit.petition.tracking_code
        }
    return message


def _visit_page(unit: AdminUnit, visit: ReceptionVisit) -> str:
    return reverse("reception_visit", kwargs={"unit_id": unit.pk, "pk": visit.pk})


@login_required
@require_http_methods(["GET", "POST"])
def visit_detail(request: HttpRequest, unit_id: int, pk: int) -> HttpResponse:
    unit = _staff_unit(request, unit_id, "reception.record")
    visit = selectors.get_visit_for_user(request.user, unit, pk)
    form = VisitUpdateForm(
        request.POST or None, initial={"follow_up": visit.follow_up, "notes": visit.notes}
    )
    done = submit(
        request,
        form,
        lambda data: services.visit_update(visit=visit, actor=request.user, **data),
        success_message=_("Saved."),
        redirect_to=_visit_page(unit, visit),
    )
    if done:
        return done
    identity = selectors.visit_identity(visit, request.user)
    row = documents.log_rows([visit])[0]
    response = render(
        request,
        "reception/visit_detail.html",
        {"unit": unit, "visit": visit, "identity": identity, "row": row, "form": form},
        status=form_status(request),
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
    rows = documents.log_rows(selectors.log_entries(unit, since=since, until=until))
    return render(
        request,
        "reception/log_print.html",
        {
            "unit": unit,
            "since": since,
            "until": until,
            "rows": rows,
            "title": documents.FORM03_TITLE,
            "period": documents.period_text(since, until),
            "issuer": documents.issuer_lines(unit),
            "national_name": NATIONAL_NAME,
            "national_motto": NATIONAL_MOTTO,
            "header": documents.FORM03_HEADER,
            "directions": documents.FORM03_DIRECTIONS,
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
    visits = selectors.log_entries(unit, since=since, until=until)
    content = documents.log_export(unit, visits, since, until, fmt)
    filename = f"Sổ tiếp công dân - {unit.name} - {since:%Y%m%d}-{until:%Y%m%d}.{fmt}"
    return document_response(content, filename)
