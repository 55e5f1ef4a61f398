from django.contrib import admin
from django.urls import include, path

from .core import views as core

urlpatterns = [
    path("", core.home, name="home"),
    path("healthz", core.healthz, name="healthz"),
    path("manifest.webmanifest", core.manifest, name="manifest"),
    path("units/", core.unit_list, name="unit_list"),
    path("units/<int:pk>/", core.unit_detail, name="unit_detail"),
    path("accounts/login/", core.login_view, name="login"),
    path("accounts/logout/", core.logout_view, name="logout"),
    path("accounts/signup/", core.signup, name="signup"),
    path("accounts/verify/", core.verify, name="verify"),
    path("accounts/password/reset/", core.password_reset, name="password_reset"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        core.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("me/", core.dashboard, name="dashboard"),
    path("staff/audit/", core.audit_list, name="audit_list"),
    path("staff/units/<int:pk>/villages/", core.villages, name="villages"),
    path("staff/calendar/", core.calendar_days, name="calendar"),
    path("staff/calendar/confirm/", core.calendar_day_confirm_view, name="calendar_confirm"),
    path("staff/people/", core.people, name="people"),
    path("hello", core.hello, name="hello"),
    path("lang/<str:code>/", core.language_switch, name="language_switch"),
    # The rooms before the core: their staff paths are more specific than the core's "<pk>/<action>/".
    path("", include("thanthien.feedback.urls")),
    path("", include("thanthien.complaints.urls")),
    path("", include("thanthien.denunciations.urls")),
    path("", include("thanthien.petitions.urls")),
    path("", include("thanthien.reception.urls")),
    path("", include("thanthien.disclosure.urls")),
    path("", include("thanthien.participation.urls")),
    path("", include("thanthien.meetings.urls")),
    path("", include("thanthien.rollout.urls")),
    path("", include("thanthien.api.urls")),
    # Before the administration's own: it signs in on the site's page, with the sign-in limits.
    path("admin/login/", core.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
