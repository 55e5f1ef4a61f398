"""Each page issues a bounded number of queries, whatever the number of plans, tasks, units."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from thanthien.core.models import AdminUnit, Body
from thanthien.rollout import services
from thanthien.rollout.models import Plan

D = dt.date


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(plan, n):
    """n more tasks, milestones, budget lines, inspections' recommendations, commune plans."""
    body = Body.objects.get(unit=plan.places.get(role="pilot").unit, kind="peoples_committee")
    for i in range(n):
        services.task_add(
            plan=plan, actor=None, body=body, title=f"Nhiệm vụ {i}", due_on=D(2023, 4 + i % 8, 10)
        )
        services.milestone_add(
            plan=plan,
            actor=None,
            kind="implementation",
            title=f"Mốc {i}",
            month_from=D(2023, 4 + i % 8, 1),
            month_to=D(2023, 4 + i % 8, 1),
            phase=3,
        )
        services.budget_line_add(plan=plan, actor=None, item=f"Khoản {i}", amount=1000 + i)
    ins = plan.inspections.first()
    for i in range(n):
        services.recommendation_add(
            inspection=ins, actor=None, text=f"Kiến nghị {i}", due_on=D(2023, 12, 31)
        )
    issuer = Body.objects.get(unit=plan.unit, kind="mass_mobilization_board")
    for i in range(n):
        Plan.objects.create(
            issuer=issuer,
            unit=plan.unit,
            scope_path=plan.unit.path,
            layout="party",
            issuer_heading="BAN DÂN VẬN",
            issuer_code="BDVHU",
            number=500 + i,
            number_period="2020-2025",
            issued_on=D(2023, 5, 1),
            place="Thạch Thành",
            title=f"Kế hoạch {i}",
        )


def test_pages_issue_bounded_queries(plan149, district_supervisor, other_official):
    board = client_for(district_supervisor)
    commune = client_for(other_official)
    survey = plan149.surveys.get()
    inspection = plan149.inspections.first()
    review = plan149.reviews.get(kind="final")
    urls = [
        reverse("rollout_plans"),
        reverse("rollout_plan", args=[plan149.pk]),
        reverse("rollout_timeline", args=[plan149.pk]),
        reverse("rollout_budget", args=[plan149.pk]),
        reverse("rollout_survey", args=[survey.pk]),
        reverse("rollout_inspection", args=[inspection.pk]),
        reverse("rollout_review", args=[review.pk]),
    ]
    before = {url: count(board, url) for url in urls}
    before_commune = count(commune, reverse("rollout_timeline", args=[plan149.pk]))
    grow(plan149, 25)
    after = {url: count(board, url) for url in urls}
    assert after == before
    assert count(commune, reverse("rollout_timeline", args=[plan149.pk])) == before_commune
    assert max(after.values()) <= 30, after


def test_the_survey_page_does_not_grow_with_candidates(plan149, district_supervisor):
    plan = plan149
    client = client_for(district_supervisor)
    units = list(AdminUnit.objects.filter(parent=plan.unit, level="commune")[:3])
    small = services.survey_create(
        plan=plan,
        actor=None,
        title="Nhỏ",
        held_from=D(2024, 2, 1),
        held_to=D(2024, 2, 2),
        criteria=[("A", 1), ("B", 2)],
        units=units[:2],
    )
    big = services.survey_create(
        plan=plan,
        actor=None,
        title="Lớn",
        held_from=D(2024, 2, 1),
        held_to=D(2024, 2, 2),
        criteria=[("A", 1), ("B", 2)],
        units=list(AdminUnit.objects.filter(parent=plan.unit, level="commune")[:20]),
    )
    assert count(client, reverse("rollout_survey", args=[small.pk])) == count(
        client, reverse("rollout_survey", args=[big.pk])
    )


def test_the_plan_list_is_paged_and_bounded(plan149, district_supervisor):
    issuer = Body.objects.get(unit=plan149.unit, kind="mass_mobilization_board")
    client = client_for(district_supervisor)
    counts = []
    for batch in (10, 40):
        for i in range(batch):
            Plan.objects.create(
                issuer=issuer,
                unit=plan149.unit,
                scope_path=plan149.unit.path,
                layout="party",
                issuer_heading="BAN DÂN VẬN",
                issuer_code="BDVHU",
                number=700 + len(counts) * 100 + i,
                number_period="2020-2025",
                issued_on=D(2023, 5, 1),
                place="Thạch Thành",
                title=f"Kế hoạch {i}",
            )
        counts.append(count(client, reverse("rollout_plans")))
    assert counts[0] == counts[1] <= 30
    page = client.get(reverse("rollout_plans")).content.decode()
    assert page.count('<li><a href="/rollout/plans/') == 20
    assert "page=2" in page
