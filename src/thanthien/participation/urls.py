from django.urls import path

from . import views

urlpatterns = [
    path(
        "staff/participation/opinions/<int:pk>/document/",
        views.opinion_document,
        name="participation_opinion_document",
    ),
    path("participation/", views.home, name="participation_home"),
    path(
        "participation/drafts/<int:pk>/",
        views.consultation_detail,
        name="participation_consultation",
    ),
    path(
        "participation/drafts/<int:pk>/comment/",
        views.consultation_comment,
        name="participation_consultation_comment",
    ),
    path(
        "participation/drafts/<int:pk>/responses.xlsx",
        views.consultation_responses_xlsx,
        name="participation_consultation_responses_xlsx",
    ),
    path(
        "participation/drafts/<int:pk>/changes/",
        views.consultation_changes,
        name="participation_consultation_changes",
    ),
    path(
        "participation/drafts/<int:pk>/organization-opinion/",
        views.organization_opinion,
        name="participation_organization_opinion",
    ),
    path("participation/decisions/<int:pk>/", views.decision_detail, name="participation_decision"),
    path("participation/campaigns/<int:pk>/", views.campaign_detail, name="participation_campaign"),
    path(
        "participation/campaigns/<int:pk>/pledge/",
        views.campaign_pledge,
        name="participation_campaign_pledge",
    ),
    path("staff/participation/", views.staff_home, name="participation_staff"),
    path(
        "staff/participation/drafts/new/",
        views.consultation_new,
        name="participation_consultation_new",
    ),
    path(
        "staff/participation/drafts/<int:pk>/",
        views.staff_consultation,
        name="participation_staff_consultation",
    ),
    path(
        "staff/participation/drafts/<int:pk>/act/<str:action>/",
        views.consultation_act,
        name="participation_consultation_act",
    ),
    path(
        "staff/participation/drafts/<int:pk>/opinions/",
        views.opinion_enter,
        name="participation_opinion_enter",
    ),
    path(
        "staff/participation/drafts/<int:pk>/version/",
        views.consultation_version,
        name="participation_consultation_version",
    ),
    path(
        "staff/participation/drafts/<int:pk>/report.<str:fmt>",
        views.synthesis_report,
        name="participation_synthesis_report",
    ),
    path(
        "staff/participation/opinions/<int:pk>/respond/",
        views.opinion_respond,
        name="participation_opinion_respond",
    ),
    path(
        "staff/participation/decisions/new/", views.decision_new, name="participation_decision_new"
    ),
    path(
        "staff/participation/decisions/<int:pk>/",
        views.staff_decision,
        name="participation_staff_decision",
    ),
    path(
        "staff/participation/decisions/<int:pk>/act/<str:action>/",
        views.decision_act,
        name="participation_decision_act",
    ),
    path(
        "staff/participation/decisions/<int:pk>/minutes.<str:fmt>",
        views.decision_minutes,
        name="participation_decision_minutes",
    ),
    path(
        "staff/participation/recognition/<int:pk>/",
        views.recognition_decide,
        name="participation_recognition",
    ),
    path(
        "staff/participation/campaigns/new/", views.campaign_new, name="participation_campaign_new"
    ),
    path(
        "staff/participation/campaigns/<int:pk>/",
        views.staff_campaign,
        name="participation_staff_campaign",
    ),
    path(
        "staff/participation/front/report/",
        views.front_report_new,
        name="participation_front_report",
    ),
    path(
        "staff/participation/front/forward/",
        views.front_forward,
        name="participation_front_forward",
    ),
    path("staff/participation/joint/", views.joint, name="participation_joint"),
    path(
        "staff/participation/recommendations/<int:pk>/",
        views.recommendation_detail,
        name="participation_recommendation",
    ),
]
