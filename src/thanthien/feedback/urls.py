from django.urls import path

from . import views

urlpatterns = [
    path("petitions/new/", views.petition_new, name="petition_new"),
    path("petitions/public/", views.public_list, name="petition_public_list"),
    path("petitions/public/<int:pk>/", views.public_detail, name="petition_public_detail"),
    path(
        "petitions/public/<int:pk>/files/<int:file_pk>/",
        views.public_file,
        name="petition_public_file",
    ),
    path("petitions/figures/", views.figures, name="petition_figures"),
    path("staff/petitions/new/", views.staff_petition_new, name="staff_petition_new"),
]
