from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import permissions
from .audit import audit_record
from .forms import (
    CalendarDayForm,
    CodeForm,
    DueDateForm,
    LoginForm,
    SignupForm,
    VillageForm,
    VillageImportForm,
)
from .models import (
    AdminUnit,
    AuditEvent,
    Body,
    CalendarDay,
    Membership,
    OneTimeCode,
    UnitSuccession,
)
from .people import account_verify, citizen_signup, otp_send
from .search import filter_folded
from .units import village_add, villages_import
from .workdays import due_date, end_of_day, public_holidays


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure makes the instance unhealthy
        return JsonResponse(
            {"status": "error", "database": "unreachable", "reason": exc.__class__.__name__},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def hello(request: HttpRequest) -> HttpResponse:
    """The smallest page this server can give: the yardstick of the benchmarks in bench/."""
    return HttpResponse("Hello, world", content_type="text/plain")


@require_GET
@never_cache
def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    """Keep the language in its cookie and go back to the page the person was on.

    A plain link, not Django's set_language form: that form needs a CSRF token, so every page that
    showed it set a cookie and could be kept by no cache. Switching the language by a link from
    another site does no harm.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    response = redirect(_safe_next(request, reverse("home")))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def home(request: HttpRequest) -> HttpResponse:
    """The units that run the platform, as a tree, and the way in for each kind of person."""
    active_units = AdminUnit.objects.filter(bodies__is_active=True).distinct().order_by("path")
    active = list(active_units)
    ancestor_ids = {pk for unit in active for pk in unit.ancestor_ids}
    tree_units = list(AdminUnit.objects.filter(pk__in=ancestor_ids).order_by("path"))
    body_counts = dict(
        Body.objects.filter(is_active=True)
        .values("unit")
        .annotate(n=Count("id"))
        .values_list("unit", "n")
    )
    active_ids = {u.pk for u in active}
    rows = [
        {
            "unit": u,
            "depth": len(u.ancestor_ids) - 1,
            "bodies": body_counts.get(u.pk, 0),
            "active": u.pk in active_ids,
        }
        for u in tree_units
    ]
    return render(request, "core/home.html", {"rows": rows})


def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    units = AdminUnit.objects.select_related("parent")
    if query:
        units = filter_folded(units, "name_folded", query).order_by("level", "valid_to", "path")[
            :50
        ]
    else:
        units = units.filter(level=AdminUnit.Level.PROVINCE)
    return render(request, "core/unit_list.html", {"units": list(units), "query": query})


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(AdminUnit, pk=pk)
    children = list(unit.children.order_by("valid_to", "code"))
    successors = list(UnitSuccession.objects.filter(predecessor=unit).select_related("successor"))
    predecessors = list(
        UnitSuccession.objects.filter(successor=unit).select_related("predecessor__parent")
    )
    return render(
        request,
        "core/unit_detail.html",
        {
            "unit": unit,
            "ancestors": list(unit.ancestors().exclude(pk=unit.pk)),
            "current_children": [c for c in children if c.valid_to is None],
            "former_children": [c for c in children if c.valid_to is not None],
            "bodies": list(unit.bodies.filter(is_active=True)),
            "successors": successors,
            "now_part_of": unit.current_successors() if unit.valid_to else [],
            "predecessors": predecessors,
            "can_manage_villages": unit.level == AdminUnit.Level.COMMUNE
            and permissions.can(request.user, "units.manage_villages", unit),
        },
    )


# --- Signing in, signing up ----------------------------------------------------------------------


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.get_user())
        return redirect(_safe_next(request, "dashboard"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("home")


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = citizen_signup(
                identifier=form.cleaned_data["identifier"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            auth_login(request, user, backend="thanthien.core.auth.PhoneEmailOrUsernameBackend")
            messages.success(
                request, _("We sent a 6-digit code to %(to)s.") % {"to": user.username}
            )
            return redirect("verify")
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified:
        return redirect("dashboard")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        otp_send(user=user, destination=user.username, purpose=OneTimeCode.Purpose.VERIFY_ACCOUNT)
        messages.info(request, _("We sent a new code to %(to)s.") % {"to": user.username})
        return redirect("verify")
    if request.method == "POST" and form.is_valid():
        try:
            account_verify(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            messages.success(request, _("Your account is verified."))
            return redirect("dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/verify.html", {"form": form}, status=status)


# --- What a signed-in person may do -------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = permissions.active_memberships(request.user)
    actions = sorted(name for name in permissions.ACTIONS if permissions.can(request.user, name))
    return render(
        request,
        "core/dashboard.html",
        {
            "memberships": memberships,
            "actions": actions,
            "action_rows": [(name, permissions.ACTION_LABELS.get(name)) for name in actions],
            "can_manage_calendar": permissions.can(request.user, "calendar.manage"),
            "can_view_audit": permissions.can(request.user, "audit.view"),
            "village_units": list(
                permissions.units_for(request.user, "units.manage_villages").filter(
                    level=AdminUnit.Level.COMMUNE, valid_to__isnull=True
                )[:50]
            )
            if permissions.can(request.user, "units.manage_villages")
            else [],
        },
    )


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "audit.view")
    events = AuditEvent.objects.filter(permissions.scope_q(request.user, "audit.view", "unit_path"))
    if not request.user.is_superuser:
        events = events.exclude(unit_path="")
    action = request.GET.get("action", "").strip()[:80]
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events.select_related("unit"), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page": page, "action": action})


@login_required
@require_http_methods(["GET", "POST"])
def villages(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(AdminUnit, pk=pk, level=AdminUnit.Level.COMMUNE)
    permissions.require(request.user, "units.manage_villages", unit)
    add_form = VillageForm(request.POST if "add" in request.POST else None)
    import_form = VillageImportForm(
        request.POST if "import" in request.POST else None,
        request.FILES if "import" in request.POST else None,
    )
    status = 200
    if request.method == "POST":
        form = add_form if "add" in request.POST else import_form
        if form.is_valid():
            try:
                if form is add_form:
                    village = village_add(
                        commune=unit, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
                    )
                    messages.success(request, _("Added %(name)s.") % {"name": village.name})
                else:
                    upload = form.cleaned_data["file"]
                    created = villages_import(
                        commune=unit, upload_name=upload.name, content=upload.read()
                    )
                    messages.success(request, _("Imported %(n)d villages.") % {"n": len(created)})
                return redirect("villages", pk=unit.pk)
            except ValidationError as exc:
                form.add_error(None, exc)
        status = 400
    return render(
        request,
        "core/villages.html",
        {
            "unit": unit,
            "villages": list(unit.children.order_by("code")),
            "add_form": add_form,
            "import_form": import_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_days(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "calendar.manage")
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    form = CalendarDayForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            day = form.save()
            audit_record(
                "calendar.day_added", obj=day, data={"date": day.date.isoformat(), "kind": day.kind}
            )
            messages.success(request, _("Saved %(day)s.") % {"day": day})
            return redirect(f"{request.path}?year={day.date.year}")
        status = 400
    check = DueDateForm(request.GET if "start" in request.GET else None)
    result = None
    if check.is_bound and check.is_valid():
        last = due_date(
            check.cleaned_data["start"], check.cleaned_data["days"], check.cleaned_data["count"]
        )
        result = {"date": last, "ends": end_of_day(last)}
    return render(
        request,
        "core/calendar.html",
        {
            "year": year,
            "form": form,
            "check": check,
            "result": result,
            "days": list(CalendarDay.objects.filter(date__year=year)),
            "holidays": sorted(public_holidays(year).items()),
        },
        status=status,
    )


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """Officials in the bodies of the units the user administers."""
    permissions.require(request.user, "people.manage")
    memberships = (
        Membership.objects.filter(
            permissions.scope_q(request.user, "people.manage", "body__unit__path")
        )
        .select_related("user", "body__unit")
        .order_by("body__unit__path", "body__name", "role")
    )
    query = request.GET.get("q", "").strip()[:100]
    if query:
        memberships = memberships.filter(
            Q(user__full_name__icontains=query) | Q(user__username__icontains=query)
        )
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    return render(request, "core/people.html", {"page": page, "query": query})
