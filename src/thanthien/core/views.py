import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import permissions
from .actions import act, form_status, submit
from .audit import audit_record
from .daysoff import calendar_day_confirm, year_days
from .forms import (
    CalendarDayForm,
    CodeForm,
    DueDateForm,
    LoginForm,
    PasswordResetRequestForm,
    SignupForm,
    VillageForm,
    VillageImportForm,
)
from .models import (
    AdminUnit,
    AuditEvent,
    Body,
    Membership,
    OneTimeCode,
    UnitSuccession,
)
from .people import account_verify, citizen_signup, otp_send, password_reset_request
from .search import filter_folded
from .units import village_add, villages_import
from .workdays import due_date, end_of_day


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


# The web app manifest's colours: site.css's --brand (the header) and --bg (the page).
THEME_COLOUR = "#b3261e"
BACKGROUND_COLOUR = "#f6f7f9"
ICON_SIZES = (192, 512)  # drawn by scripts/make_icons.py


@require_GET
@cache_control(max_age=86400)
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, so that a phone can install the site like an app. A view, not a static
    file: the icons' addresses carry their hashes, and the name is the configured SITE_NAME."""
    payload = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "description": _("A friendly government that serves the people"),
        "lang": get_language(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {
                "src": static(f"thanthien/icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in ICON_SIZES
        ],
    }
    return JsonResponse(
        payload,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


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
    status = form_status(request)
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


def admin_login(request: HttpRequest) -> HttpResponse:
    """The administration signs in through the site's own page, so it has the same limits."""
    target = _safe_next(request, reverse("admin:index"))
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link to choose a new password; the page says the same whether the account exists."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_reset_request(identifier=form.cleaned_data["identifier"])
        messages.info(
            request,
            _(
                "If an account with a phone number or email matches, we sent it a link to choose a "
                "new password."
            ),
        )
        return redirect("login")
    status = form_status(request)
    return render(request, "registration/password_reset.html", {"form": form}, status=status)


class PasswordResetConfirm(PasswordResetConfirmView):
    """Django's one-time link check; the new password is recorded (not its value) in the trail."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record("account.password_reset", actor=form.user, obj=form.user)
        messages.success(self.request, _("Your new password is set. Sign in with it."))
        return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("home")


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)

    def sign_up(data: dict):
        user = citizen_signup(
            identifier=data["identifier"], full_name=data["full_name"], password=data["password"]
        )
        auth_login(request, user, backend="thanthien.core.auth.PhoneEmailOrUsernameBackend")
        return user

    return submit(
        request,
        form,
        sign_up,
        success_message=lambda user: _("We sent a 6-digit code to %(to)s.") % {"to": user.username},
        redirect_to="verify",
    ) or render(request, "registration/signup.html", {"form": form}, status=form_status(request))


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
    status = form_status(request)
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
    back = reverse("villages", args=[unit.pk])
    return (
        submit(
            request,
            add_form,
            lambda data: village_add(commune=unit, name=data["name"], kind=data["kind"]),
            success_message=lambda village: _("Added %(name)s.") % {"name": village.name},
            redirect_to=back,
        )
        or submit(
            request,
            import_form,
            lambda data: villages_import(
                commune=unit, upload_name=data["file"].name, content=data["file"].read()
            ),
            success_message=lambda created: _("Imported %(n)d villages.") % {"n": len(created)},
            redirect_to=back,
        )
        or render(
            request,
            "core/villages.html",
            {
                "unit": unit,
                "villages": list(unit.children.order_by("code")),
                "add_form": add_form,
                "import_form": import_form,
            },
            status=form_status(request),
        )
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
            "days": year_days(year),
        },
        status=status,
    )


@login_required
@require_POST
def calendar_day_confirm_view(request: HttpRequest) -> HttpResponse:
    """An administrator confirms a day: a shipped decision whose letter was not verified, or a day
    the ``holidays`` package lists that no decision confirms. Only then does it apply."""
    permissions.require(request.user, "calendar.manage")
    back = reverse("calendar")

    def confirm():
        try:
            day = dt.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            raise ValidationError(_("Enter a valid date.")) from None
        return calendar_day_confirm(day=day, source=request.POST.get("source", ""))

    return act(
        request,
        confirm,
        success_message=lambda day: _("Confirmed %(day)s.") % {"day": day},
        redirect_to=lambda day: f"{back}?year={day.date.year}",
        refused_to=back,
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
