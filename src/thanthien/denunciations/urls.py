from django.urls import path

from . import views

urlpatterns = [
    path("petitions/denunciation/new/", views.denunciation_new, name="denunciation_new"),
    path(
        "staff/petitions/new/denunciation/",
        views.staff_denunciation_new,
        name="staff_denunciation_new",
    ),
    path(
        "staff/petitions/<int:pk>/identity/",
        views.identity_show,
        name="staff_petition_identity",
    ),
    path(
        "staff/petitions/<int:pk>/identity/grant/",
        views.identity_grant_view,
        name="staff_petition_identity_grant",
    ),
]
