from django.urls import path

from . import views, views_staff

urlpatterns = [
    path("petitions/new/", views.petition_new, name="petition_new"),
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
    path("staff/petitions/<int:pk>/", views_staff.detail, name="staff_petition"),
    path(
        "staff/petitions/<int:pk>/files/<int:file_pk>/",
        views_staff.staff_file,
        name="staff_petition_file",
    ),
    path("staff/petitions/<int:pk>/<str:action>/", views_staff.act, name="staff_petition_act"),
]
