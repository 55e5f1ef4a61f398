from django.urls import path

from . import views

urlpatterns = [
    path("petitions/complaint/new/", views.complaint_new, name="complaint_new"),
    path("staff/petitions/new/complaint/", views.staff_complaint_new, name="staff_complaint_new"),
]
