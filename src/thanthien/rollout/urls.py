from django.urls import path

from . import views

urlpatterns = [
    path("rollout/", views.plan_list, name="rollout_plans"),
    path("rollout/plans/new/", views.plan_new, name="rollout_plan_new"),
    path("rollout/plans/<int:pk>/", views.plan_detail, name="rollout_plan"),
    path("rollout/plans/<int:pk>/edit/", views.plan_edit, name="rollout_plan_edit"),
    path(
        "rollout/plans/<int:pk>/plan.<str:ext>",
        views.plan_document_view,
        name="rollout_plan_document",
    ),
    path("rollout/plans/<int:pk>/timeline/", views.timeline, name="rollout_timeline"),
    path("rollout/plans/<int:pk>/tasks/new/", views.task_add, name="rollout_task_add"),
    path(
        "rollout/plans/<int:pk>/milestones/new/", views.milestone_add, name="rollout_milestone_add"
    ),
    path("rollout/plans/<int:pk>/budget/", views.budget, name="rollout_budget"),
    path("rollout/plans/<int:pk>/budget/new/", views.budget_add, name="rollout_budget_add"),
    path(
        "rollout/plans/<int:pk>/inspections/new/",
        views.inspection_new,
        name="rollout_inspection_new",
    ),
    path("rollout/plans/<int:pk>/reviews/new/", views.review_new, name="rollout_review_new"),
    path("rollout/budget/<int:pk>/", views.budget_update, name="rollout_budget_update"),
    path(
        "rollout/plans/<int:pk>/budget/disclose/",
        views.budget_disclose,
        name="rollout_budget_disclose",
    ),
    path("rollout/tasks/<int:pk>/status/", views.task_status, name="rollout_task_status"),
    path(
        "rollout/milestones/<int:pk>/meeting/",
        views.milestone_meeting,
        name="rollout_milestone_meeting",
    ),
    path(
        "rollout/milestones/<int:pk>/status/",
        views.milestone_status,
        name="rollout_milestone_status",
    ),
    path("rollout/plans/<int:pk>/surveys/new/", views.survey_new, name="rollout_survey_new"),
    path("rollout/plans/<int:pk>/checklist/", views.checklist_add, name="rollout_checklist_add"),
    path("rollout/surveys/<int:pk>/", views.survey_detail, name="rollout_survey"),
    path("rollout/surveys/<int:pk>/score/", views.survey_score, name="rollout_survey_score"),
    path(
        "rollout/surveys/<int:pk>/criteria/",
        views.survey_criterion,
        name="rollout_survey_criterion",
    ),
    path("rollout/surveys/<int:pk>/decide/", views.survey_decide, name="rollout_survey_decide"),
    path("rollout/inspections/<int:pk>/", views.inspection_detail, name="rollout_inspection"),
    path(
        "rollout/inspections/<int:pk>/record/",
        views.inspection_record,
        name="rollout_inspection_record",
    ),
    path(
        "rollout/inspections/<int:pk>/recommendations/",
        views.recommendation_add,
        name="rollout_recommendation_add",
    ),
    path(
        "rollout/recommendations/<int:pk>/status/",
        views.recommendation_status,
        name="rollout_recommendation_status",
    ),
    path("rollout/reviews/<int:pk>/", views.review_detail, name="rollout_review"),
    path("rollout/reviews/<int:pk>/awards/", views.award_propose, name="rollout_award_propose"),
    path("rollout/reviews/<int:pk>/decide/", views.review_decide, name="rollout_review_decide"),
    path(
        "rollout/reviews/<int:pk>/report.<str:ext>",
        views.review_document_view,
        name="rollout_review_document",
    ),
]
