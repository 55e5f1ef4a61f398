"""The 2023 run of plan 149-KH/HU, loaded through the services, twice without change."""

import time

from thanthien.demo import rollout
from thanthien.rollout import models, services

MODELS = [
    models.Plan,
    models.PlanUnit,
    models.Survey,
    models.Criterion,
    models.Candidate,
    models.Score,
    models.Milestone,
    models.Assignment,
    models.Task,
    models.BudgetLine,
    models.ChecklistItem,
    models.Inspection,
    models.InspectionResult,
    models.Recommendation,
    models.Review,
    models.Award,
]


def counts():
    return [m.objects.count() for m in MODELS]


def test_it_loads_once_quickly(db):
    started = time.monotonic()
    summary = rollout.load()
    assert time.monotonic() - started < 10
    assert "149-KH/HU" in summary
    first = counts()
    assert rollout.load().endswith("already loaded")
    assert counts() == first


def test_it_tells_the_2023_story(plan149, units):
    survey = plan149.surveys.get()
    assert (survey.held_from.month, survey.state) == (2, "decided")
    assert survey.candidates.count() == 6
    places = {p.unit.code: p.role for p in plan149.places.select_related("unit")}
    assert places == {"15190": "pilot", "15187": "replication", "15211": "replication"}
    march = plan149.milestones.filter(month_from__month=3)
    assert {"launch", "training"} <= set(march.values_list("kind", flat=True))
    statuses = set(plan149.tasks.values_list("status", flat=True))
    assert {"done", "in_progress", "planned"} <= statuses
    assert plan149.inspections.filter(state="concluded").count() == 2
    interim = plan149.reviews.get(kind="interim")
    assert [r["unit"].code for r in services.review_ranking(interim) if r["rank"]] == ["15190"]
    review = plan149.reviews.get(kind="final")
    assert (review.kind, review.held_on.month, review.state) == ("final", 11, "decided")
    assert list(review.awards.values_list("unit__code", "rank")) == [("15190", 1), ("15187", 2)]
    # The audit trail has each step.
    from thanthien.core.models import AuditEvent

    actions = set(
        AuditEvent.objects.filter(action__startswith="rollout.").values_list("action", flat=True)
    )
    assert {
        "rollout.survey_decide",
        "rollout.inspection_conclude",
        "rollout.review_decide",
    } <= actions
