from django.urls import path

from . import views, views_staff, views_statutory

urlpatterns = [
    path("petitions/new/", views.petition_new, name="petition_new"),
    path("petitions/complaint/new/", views_statutory.complaint_new, name="complaint_new"),
    path("petitions/denunciation/new/", views_statutory.denunciation_new, name="denunciation_new"),
    path(
        "petitions/track/<str:code>/case/<str:action>/",
        views_statutory.citizen_statutory_act,
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
    path("petitions/public/", views.public_list, name="petition_public_list"),
    path("petitions/public/<int:pk>/", views.public_detail, name="petition_public_detail"),
    path(
        "petitions/public/<int:pk>/files/<int:file_pk>/",
        views.public_file,
        name="petition_public_file",
    ),
    path("petitions/figures/", views.figures, name="petition_figures"),
    path("staff/petitions/", views_staff.inbox, name="staff_inbox"),
    path("staff/petitions/new/", views_staff.enter, name="staff_petition_new"),
    path(
        "staff/petitions/new/complaint/",
        views_statutory.staff_complaint_new,
        name="staff_complaint_new",
    ),
    path(
        "staff/petitions/new/denunciation/",
        views_statutory.staff_denunciation_new,
        name="staff_denunciation_new",
    ),
    path("staff/petitions/<int:pk>/", views_staff.detail, name="staff_petition"),
    path(
        "staff/petitions/<int:pk>/identity/",
        views_statutory.identity_show,
        name="staff_petition_identity",
    ),
    path(
        "staff/petitions/<int:pk>/identity/grant/",
        views_statutory.identity_grant_view,
        name="staff_petition_identity_grant",
    ),
    path(
        "staff/petitions/<int:pk>/documents/<str:name>.<str:fmt>",
        views_statutory.document,
        name="staff_petition_document",
    ),
    path(
        "staff/petitions/<int:pk>/signed-scan/",
        views_statutory.signed_scan,
        name="staff_petition_signed_scan",
    ),
    path(
        "staff/petitions/<int:pk>/files/<int:file_pk>/",
        views_staff.staff_file,
        name="staff_petition_file",
    ),
    path("staff/petitions/<int:pk>/<str:action>/", views_staff.act, name="staff_petition_act"),
]
