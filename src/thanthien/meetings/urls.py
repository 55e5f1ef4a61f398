from django.urls import path

from . import views, views_staff

urlpatterns = [
    path("meetings/", views.meetings_list, name="meetings_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meetings_detail"),
    path("meetings/<int:pk>/register/", views.meeting_register, name="meetings_register"),
    path("meetings/<int:pk>/meeting.ics", views.ics, name="meetings_ics"),
    path("meetings/<int:pk>/invitation/", views.invitation, name="meetings_invitation"),
    path("meetings/<int:pk>/minutes.<str:fmt>", views.minutes, name="meetings_minutes"),
    path("meetings/<int:pk>/questions/", views.questions, name="meetings_questions"),
    path(
        "meetings/<int:pk>/questions/verify/",
        views.questions_verify,
        name="meetings_questions_verify",
    ),
    path(
        "meetings/<int:pk>/questions/<int:qid>/support/",
        views.question_support,
        name="meetings_question_support",
    ),
    path("meetings/ticket/<str:code>/", views.registration_ticket, name="meetings_ticket"),
    path(
        "meetings/commitments/unit/<int:unit_pk>/",
        views.commitments,
        name="meetings_commitments",
    ),
    path("meetings/commitments/<int:pk>/", views.commitment_detail, name="meetings_commitment"),
    path("meetings/evidence/<int:pk>/", views.evidence_file, name="meetings_evidence"),
    path("staff/meetings/", views_staff.meeting_list, name="meetings_staff_list"),
    path("staff/meetings/new/", views_staff.meeting_new, name="meetings_staff_new"),
    path("staff/meetings/<int:pk>/", views_staff.meeting_detail, name="meetings_staff_meeting"),
    path("staff/meetings/<int:pk>/edit/", views_staff.meeting_edit, name="meetings_staff_edit"),
    path(
        "staff/meetings/<int:pk>/do/<str:action>/",
        views_staff.meeting_act,
        name="meetings_staff_act",
    ),
    path("staff/meetings/<int:pk>/register/", views_staff.register, name="meetings_staff_register"),
    path(
        "staff/meetings/<int:pk>/attendance.xlsx",
        views_staff.attendance_export,
        name="meetings_staff_attendance",
    ),
    path("staff/meetings/<int:pk>/checkin/", views_staff.checkin, name="meetings_staff_checkin"),
    path(
        "staff/meetings/<int:pk>/questions/",
        views_staff.questions,
        name="meetings_staff_questions",
    ),
    path(
        "staff/meetings/<int:pk>/questions/add/<str:source>/",
        views_staff.question_add,
        name="meetings_staff_question_add",
    ),
    path(
        "staff/meetings/<int:pk>/questions/<int:qid>/<str:action>/",
        views_staff.question_act,
        name="meetings_staff_question_act",
    ),
    path("staff/meetings/<int:pk>/agenda/", views_staff.agenda, name="meetings_staff_agenda"),
    path(
        "staff/meetings/<int:pk>/minutes.<str:fmt>",
        views_staff.minutes,
        name="meetings_staff_minutes",
    ),
    path(
        "staff/meetings/commitments/",
        views_staff.commitment_list,
        name="meetings_staff_commitments",
    ),
    path(
        "staff/meetings/commitments/<int:pk>/",
        views_staff.commitment_detail,
        name="meetings_staff_commitment",
    ),
]
