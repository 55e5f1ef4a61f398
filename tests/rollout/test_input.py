"""Bad input through the pages gets a clear Vietnamese message and changes nothing; a double
submit makes one record."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import client_for
from thanthien.rollout.models import Plan, Score, Survey


def vi_client(user):
    client = client_for(user)
    client.cookies["django_language"] = "vi"
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def open_survey(plan149):
    Survey.objects.filter(pk=plan149.surveys.get().pk).update(state="open")
    return plan149.surveys.get()


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "số nguyên"), ("11", "từ 0 đến 10"), ("-2", "từ 0 đến 10"), ("7.5", "số nguyên")],
)
def test_a_bad_score_is_refused_in_vietnamese(open_survey, district_supervisor, value, message):
    client = vi_client(district_supervisor)
    cand = open_survey.candidates.first()
    crit = open_survey.criteria.first()
    before = list(Score.objects.order_by("pk").values_list("score", flat=True))
    response = client.post(
        reverse("rollout_survey_score", args=[open_survey.pk]),
        {"candidate": cand.pk, f"c{crit.pk}": value},
        follow=True,
    )
    assert any(message in m for m in messages_of(response)), messages_of(response)
    assert list(Score.objects.order_by("pk").values_list("score", flat=True)) == before


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("rollout_budget_add", {"item": "", "amount": "100"}, "tiền dùng vào việc gì"),
        ("rollout_budget_add", {"item": "In ấn", "amount": "mười"}, "số nguyên"),
        ("rollout_task_add", {"body": "", "title": "X", "due_on": "2023-05-01"}, "cơ quan"),
        ("rollout_task_add", {"body": "1", "title": "X", "due_on": "31/02/2023"}, "dd/mm/yyyy"),
        ("rollout_inspection_new", {"unit": "", "held_on": "2023-07-01", "team": "A"}, "đơn vị"),
        (
            "rollout_review_new",
            {
                "kind": "x",
                "held_on": "2023-11-01",
                "period_from": "2023-03-01",
                "period_to": "2023-10-31",
            },
            "sơ kết",
        ),
        (
            "rollout_milestone_add",
            {"kind": "launch", "title": "", "month_from": "2023-03-01", "month_to": "2023-03-01"},
            "mốc",
        ),
    ],
)
def test_bad_input_on_plan_forms(plan149, district_supervisor, url, data, message):
    client = vi_client(district_supervisor)
    counts = (
        plan149.budget_lines.count(),
        plan149.tasks.count(),
        plan149.inspections.count(),
        plan149.reviews.count(),
        plan149.milestones.count(),
    )
    response = client.post(reverse(url, args=[plan149.pk]), data, follow=True)
    assert response.status_code == 200
    assert any(message in m for m in messages_of(response)), messages_of(response)
    assert counts == (
        plan149.budget_lines.count(),
        plan149.tasks.count(),
        plan149.inspections.count(),
        plan149.reviews.count(),
        plan149.milestones.count(),
    )


def test_a_double_submitted_plan_makes_one_plan(plan149, district_supervisor, units):
    from thanthien.core.models import Body

    board = Body.objects.get(unit=units["district"], kind=Body.Kind.MASS_MOBILIZATION_BOARD)
    data = {"issuer": board.pk, "issued_on": "2024-02-01", "number": "", "key": "abc-1"}
    client = vi_client(district_supervisor)
    first = client.post(reverse("rollout_plan_new"), data)
    second = client.post(reverse("rollout_plan_new"), data)
    assert first["Location"] == second["Location"]
    assert Plan.objects.filter(issuer=board).count() == 1


def test_a_plan_with_a_bad_date_or_number_is_refused(district_supervisor, units):
    from thanthien.core.models import Body

    board = Body.objects.get(unit=units["district"], kind=Body.Kind.MASS_MOBILIZATION_BOARD)
    client = vi_client(district_supervisor)
    for data in (
        {"issuer": board.pk, "issued_on": "hôm qua"},
        {"issuer": board.pk, "issued_on": "2024-02-01", "number": "mười"},
        {"issuer": "999999", "issued_on": "2024-02-01"},
    ):
        response = client.post(reverse("rollout_plan_new"), data, follow=True)
        assert messages_of(response)
    assert not Plan.objects.filter(issuer=board).exists()


def test_a_commune_official_cannot_draft_a_plan_for_the_district(chairman, units):
    from thanthien.core.models import Body

    board = Body.objects.get(unit=units["district"], kind=Body.Kind.MASS_MOBILIZATION_BOARD)
    response = client_for(chairman).post(
        reverse("rollout_plan_new"), {"issuer": board.pk, "issued_on": "2024-02-01"}
    )
    assert response.status_code == 404
    assert not Plan.objects.filter(issuer=board).exists()


def test_a_double_submitted_decision_is_recorded_once(plan149, district_supervisor):
    review = plan149.reviews.get(kind="final")
    response = vi_client(district_supervisor).post(
        reverse("rollout_review_decide", args=[review.pk]), {"decision_ref": "QĐ khác"}, follow=True
    )
    assert any("đã được quyết định" in m for m in messages_of(response)), messages_of(response)
    review.refresh_from_db()
    assert review.decision_ref.startswith("Quyết định số 215")


def test_translations_are_active(district_supervisor):
    with translation.override("vi"):
        from django.utils.translation import gettext

        assert gettext("Enter a date as dd/mm/yyyy.") != "Enter a date as dd/mm/yyyy."
