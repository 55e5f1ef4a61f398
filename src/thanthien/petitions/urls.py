from django.urls import path

from . import case_views, views, views_staff

urlpatterns = [
    path(
        "petitions/track/<str:code>/case/<str:action>/",
        case_views.citizen_case_act,
        name="petition_statutory_act",
    ),
    path("petitions/track/", views.petition_lookup, name="petition_lookup"),
    path("petitions/track/<str:code>/", views.petition_track, name="petition_track"),
    path(
        "petitions/track/<str:code>/files/<int:pk>/",
        views.petition_citizen_file,
        name="petition_citizen_file",
    ),
    path(
        "petitions/track/<str:code>/<str:action>/",
        views.petition_citizen_act,
        name="petition_citizen_act",
    ),
    path("petitions/mine/", views.my_petitions, name="my_petitions"),
    path("staff/petitions/", views_staff.inbox, name="staff_inbox"),
    path("staff/petitions/find/", views_staff.find, name="staff_find"),
    path("staff/petitions/mine/", views_staff.waiting, name="staff_waiting"),
    path("staff/petitions/<int:pk>/", views_staff.detail, name="staff_petition"),
    path(
        "staff/petitions/<int:pk>/documents/<str:name>.<str:fmt>",
        case_views.document,
        name="staff_petition_document",
    ),
    path(
        "staff/petitions/<int:pk>/signed-scan/",
        case_views.signed_scan,
        name="staff_petition_signed_scan",
    ),
    path(
        "staff/petitions/<int:pk>/files/<int:file_pk>/",
        views_staff.staff_file,
        name="staff_petition_file",
    ),
    path("staff/petitions/<int:pk>/<str:action>/", views_staff.act, name="staff_petition_act"),
]
