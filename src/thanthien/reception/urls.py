"""Citizen reception: the public schedule and booking, and the officials' schedule and log."""

from django.urls import path

from . import views

urlpatterns = [
    path("reception/", views.public_list, name="reception_list"),
    path("reception/<int:unit_id>/", views.public_unit, name="reception_unit"),
    path("reception/<int:unit_id>/book/<str:key>/", views.book, name="reception_book"),
    path("reception/booking/<str:code>/", views.booking_detail, name="reception_booking"),
    path("staff/reception/", views.staff_index, name="reception_staff"),
    path("staff/reception/<int:unit_id>/", views.staff_unit, name="reception_staff_unit"),
    path("staff/reception/<int:unit_id>/rules/", views.rule_add, name="reception_rule_add"),
    path(
        "staff/reception/<int:unit_id>/rules/<int:pk>/end/",
        views.rule_stop,
        name="reception_rule_end",
    ),
    path(
        "staff/reception/<int:unit_id>/sessions/", views.session_add, name="reception_session_add"
    ),
    path(
        "staff/reception/<int:unit_id>/sessions/<str:key>/",
        views.session_detail,
        name="reception_session",
    ),
    path(
        "staff/reception/<int:unit_id>/sessions/<str:key>/cancel/",
        views.session_cancel,
        name="reception_session_cancel",
    ),
    path("staff/reception/<int:unit_id>/log/", views.log_list, name="reception_log"),
    path("staff/reception/<int:unit_id>/log/new/", views.visit_new, name="reception_visit_new"),
    path("staff/reception/<int:unit_id>/log/print/", views.log_print, name="reception_log_print"),
    path(
        "staff/reception/<int:unit_id>/log/export.<str:fmt>",
        views.log_export,
        name="reception_log_export",
    ),
    path("staff/reception/<int:unit_id>/log/<int:pk>/", views.visit_detail, name="reception_visit"),
]
