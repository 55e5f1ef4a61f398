"""The rules of the rollout: weighted ranking, document numbers, deadlines and status changes."""

import datetime as dt
from decimal import Decimal

import pytest

from thanthien.core.models import AdminUnit
from thanthien.rollout import services
from thanthien.rollout.models import Plan, PlanUnit, Score, Status, Survey, Task
from thanthien.rollout.services import RolloutError

D = dt.date


def make_plan(issuer, *, layout="party", day=D(2023, 3, 7), number=None, **extra):
    text = {
        "issuer_heading": issuer.name,
        "issuer_code": issuer.short_name,
        "type_code": "KH",
        "place": "Thạch Thành",
        "title": "Xây dựng mô hình",
        "implements": "Kế hoạch số 93-KH/BDVTU",
        "purposes": "Mục đích",
        "content_areas": "\n".join(f"Nội dung {i}" for i in range(1, 7)),
        "process_steps": "Bước 1",
        "place_text": "Vân Du",
    }
    text.update(extra)
    return services.plan_create(
        actor=None, issuer=issuer, layout=layout, issued_on=day, number=number, **text
    )


# --- Numbering ----------------------------------------------------------------------------------


def test_it_numbers_party_plans_per_issuer_per_term(district_party, district_committee):
    first = make_plan(district_party, number=149)
    assert first.symbol == "149-KH/HU"
    assert first.number_period == "2020-2025"
    # The next plan of the same committee, a year later, continues the term's sequence.
    second = make_plan(district_party, day=D(2024, 1, 10))
    assert second.number == 150
    # A new term starts again at 01.
    third = make_plan(district_party, day=D(2025, 9, 1))
    assert (third.number_period, third.number, third.symbol) == ("2025-2030", 1, "01-KH/HU")


def test_it_numbers_state_plans_per_issuer_per_year(district_committee, district_party):
    a = make_plan(district_committee, layout="state", day=D(2023, 3, 1), number=5)
    assert a.symbol == "05/KH-UBND"
    assert make_plan(district_committee, layout="state", day=D(2023, 6, 1)).number == 6
    assert make_plan(district_committee, layout="state", day=D(2024, 1, 2)).number == 1
    # Another issuer has its own sequence.
    assert make_plan(district_party, day=D(2023, 6, 1)).number == 1


def test_it_refuses_a_number_already_used(district_party):
    make_plan(district_party, number=149)
    with pytest.raises(RolloutError, match="đã được cơ quan này dùng"):
        make_plan(district_party, number=149)
    assert Plan.objects.filter(issuer=district_party).count() == 1


def test_it_refuses_a_plan_without_title(district_party):
    with pytest.raises(RolloutError):
        make_plan(district_party, title="  ")
    assert not Plan.objects.filter(issuer=district_party).exists()


def test_a_commune_plan_implements_the_district_plan(plan149, units):
    child = plan149.children.get()
    assert child.unit == units["van_du"]
    assert child.symbol == "12-KH/ĐU"
    assert "149-KH/HU" in child.implements


def test_a_commune_cannot_implement_a_sibling_commune_plan(plan149, units):
    from thanthien.core.models import Body

    child = plan149.children.get()
    kim_tan_party = Body.objects.get(unit=units["kim_tan"], kind=Body.Kind.PARTY_COMMITTEE)
    with pytest.raises(RolloutError):
        services.plan_draft_from_template(
            actor=None, issuer=kim_tan_party, issued_on=D(2023, 4, 1), parent=child
        )


# --- Weighting and ranking -------------------------------------------------------------------------


@pytest.fixture
def survey(district_party, units, district_supervisor):
    plan = make_plan(district_party)
    return services.survey_create(
        plan=plan,
        actor=district_supervisor,
        title="Khảo sát",
        held_from=D(2023, 2, 1),
        held_to=D(2023, 2, 20),
        criteria=[("Cam kết", 30), ("Năng lực", 10)],
        units=[units["van_du"], units["kim_tan"], units["thach_binh"]],
    )


def _score(survey, who, unit, values):
    cand = survey.candidates.get(unit=unit)
    crits = list(survey.criteria.all())
    services.scores_record(
        survey=survey, surveyor=who, candidate=cand, scores={c.pk: v for c, v in zip(crits, values)}
    )


def test_it_weights_criteria_and_ranks(survey, units, district_supervisor, chairman):
    # Vân Du: commitment 10, capacity 0 → 100 × (30×1.0 + 10×0) / 40 = 75.0
    _score(survey, district_supervisor, units["van_du"], [10, 0])
    # Kim Tân: 0 and 10 → 25.0: the weight, not the raw sum, decides.
    _score(survey, district_supervisor, units["kim_tan"], [0, 10])
    # Thạch Bình scored by two surveyors: means 7 and 5 → 100 × (30×.7 + 10×.5)/40 = 65.0
    _score(survey, district_supervisor, units["thach_binh"], [8, 4])
    _score(survey, chairman, units["thach_binh"], [6, 6])
    rows = services.ranking(survey)
    assert [(r["unit"].code, r["total"], r["rank"]) for r in rows] == [
        ("15190", Decimal("75.0"), 1),
        ("15211", Decimal("65.0"), 2),
        ("15187", Decimal("25.0"), 3),
    ]
    assert rows[1]["means"] == [Decimal("7.0"), Decimal("5.0")]


def test_equal_totals_share_a_rank_and_unscored_is_incomplete(survey, units, district_supervisor):
    _score(survey, district_supervisor, units["van_du"], [5, 5])
    _score(survey, district_supervisor, units["kim_tan"], [5, 5])
    rows = services.ranking(survey)
    assert [r["rank"] for r in rows] == [1, 1, 3]
    assert rows[2]["unit"] == units["thach_binh"]
    assert rows[2]["complete"] is False and rows[2]["total"] == 0


def test_a_second_entry_replaces_the_surveyors_score(survey, units, district_supervisor):
    _score(survey, district_supervisor, units["van_du"], [5, 5])
    _score(survey, district_supervisor, units["van_du"], [9, 5])
    assert Score.objects.filter(candidate__survey=survey).count() == 2
    assert services.ranking(survey)[0]["means"][0] == Decimal("9.0")


@pytest.mark.parametrize("bad", [11, -1, "x", "7.5"])
def test_it_refuses_a_score_out_of_range(survey, units, district_supervisor, bad):
    cand = survey.candidates.get(unit=units["van_du"])
    crit = survey.criteria.first()
    with pytest.raises(RolloutError):
        services.scores_record(
            survey=survey, surveyor=district_supervisor, candidate=cand, scores={crit.pk: bad}
        )
    assert not Score.objects.exists()


@pytest.mark.parametrize("weight", [0, 101, "a", None])
def test_it_refuses_a_bad_weight(survey, weight):
    with pytest.raises(RolloutError):
        services.criterion_add(survey=survey, name="Khác", weight=weight)
    assert survey.criteria.count() == 2


def test_the_decision_writes_the_places_once(survey, units, district_supervisor):
    _score(survey, district_supervisor, units["van_du"], [9, 9])
    c = {x.unit.code: x for x in survey.candidates.select_related("unit")}
    kwargs = {
        "survey": survey,
        "actor": district_supervisor,
        "pilot": c["15190"],
        "replication": [c["15187"], c["15211"]],
        "reasons": {x.pk: "Lý do" for x in c.values()},
    }
    services.survey_decide(**kwargs)
    places = {p.unit.code: p.role for p in survey.plan.places.select_related("unit")}
    assert places == {"15190": "pilot", "15187": "replication", "15211": "replication"}
    # A second submit of the same decision is refused and changes nothing.
    with pytest.raises(RolloutError):
        services.survey_decide(**kwargs)
    assert PlanUnit.objects.filter(plan=survey.plan).count() == 3
    # Scores are frozen after the decision.
    with pytest.raises(RolloutError):
        _score(survey, district_supervisor, units["kim_tan"], [1, 1])


def test_the_decision_needs_reasons_and_distinct_units(survey, units, district_supervisor):
    _score(survey, district_supervisor, units["van_du"], [9, 9])
    c = {x.unit.code: x for x in survey.candidates.select_related("unit")}
    with pytest.raises(RolloutError, match="Nêu lý do"):
        services.survey_decide(
            survey=survey,
            actor=district_supervisor,
            pilot=c["15190"],
            replication=[c["15187"]],
            reasons={c["15190"].pk: "Lý do"},
        )
    with pytest.raises(RolloutError):
        services.survey_decide(
            survey=survey,
            actor=district_supervisor,
            pilot=c["15190"],
            replication=[c["15190"]],
            reasons={x.pk: "Lý do" for x in c.values()},
        )
    survey.refresh_from_db()
    assert survey.state == Survey.State.OPEN
    assert not survey.plan.places.exists()


# --- Milestones and tasks ---------------------------------------------------------------------------


def test_a_milestone_is_due_at_the_end_of_its_last_month(plan149):
    m = services.milestone_add(
        plan=plan149,
        actor=None,
        kind="dialogue",
        title="Đối thoại",
        month_from=D(2024, 2, 10),
        month_to=D(2024, 2, 10),
    )
    assert (m.month_from, m.due_on) == (D(2024, 2, 1), D(2024, 2, 29))
    with pytest.raises(RolloutError):
        services.milestone_add(
            plan=plan149,
            actor=None,
            kind="dialogue",
            title="Đối thoại",
            month_from=D(2024, 5, 1),
            month_to=D(2024, 4, 1),
        )
    with pytest.raises(RolloutError):
        services.milestone_add(
            plan=plan149,
            actor=None,
            kind="dialogue",
            title="Đối thoại",
            month_from=D(2024, 5, 1),
            month_to=D(2024, 5, 1),
            due_on=D(2024, 6, 3),
        )


def test_a_task_is_overdue_only_while_open_past_its_date(plan149, units):
    from thanthien.core.models import Body

    body = Body.objects.get(unit=units["kim_tan"], kind=Body.Kind.PEOPLES_COMMITTEE)
    task = services.task_add(
        plan=plan149, actor=None, body=body, title="Niêm yết", due_on=D(2023, 5, 31)
    )
    assert task.scope_path == units["kim_tan"].path
    assert not task.is_overdue(D(2023, 5, 31))
    assert task.is_overdue(D(2023, 6, 1))
    services.task_set_status(task=task, actor=None, status=Status.DONE, day=D(2023, 6, 2))
    assert not task.is_overdue(D(2023, 7, 1))
    assert task.done_on == D(2023, 6, 2)


def test_task_transitions_are_explicit_and_conditional(plan149, units):
    task = plan149.tasks.filter(status=Status.PLANNED).first()
    with pytest.raises(RolloutError):
        services.task_set_status(task=task, actor=None, status="bogus")
    stale = Task.objects.get(pk=task.pk)
    services.task_set_status(task=task, actor=None, status=Status.IN_PROGRESS)
    # A second official acting on the old state loses and changes nothing.
    with pytest.raises(RolloutError):
        services.task_set_status(task=stale, actor=None, status=Status.CANCELLED)
    assert Task.objects.get(pk=task.pk).status == Status.IN_PROGRESS
    services.task_set_status(task=task, actor=None, status=Status.CANCELLED)
    with pytest.raises(RolloutError):
        services.task_set_status(task=task, actor=None, status=Status.DONE)


def test_a_task_belongs_to_a_body_under_the_plan(plan149, units):
    from thanthien.core.models import Body

    child = plan149.children.get()  # Vân Du's plan
    other = Body.objects.get(unit=units["kim_tan"], kind=Body.Kind.PEOPLES_COMMITTEE)
    with pytest.raises(RolloutError):
        services.task_add(plan=child, actor=None, body=other, title="X", due_on=D(2023, 5, 1))
    with pytest.raises(RolloutError):
        services.task_add(plan=plan149, actor=None, body=other, title="X", due_on=D(2022, 12, 31))


# --- Budget, inspection, review -------------------------------------------------------------------


def test_budget_amounts_are_checked(plan149):
    line = plan149.budget_lines.first()
    for approved, spent in [(line.amount + 1, 0), (1000, 2000), ("abc", 0), (-5, 0), ("", 10)]:
        with pytest.raises(RolloutError):
            services.budget_line_update(line=line, actor=None, approved=approved, spent=spent)
    line.refresh_from_db()
    assert line.spent == 28_500_000
    services.budget_line_update(line=line, actor=None, approved="30.000.000", spent="29.000.000")
    line.refresh_from_db()
    assert (line.approved, line.spent) == (30_000_000, 29_000_000)


def test_an_inspection_scores_out_of_100_and_is_concluded_once(plan149, units):
    ins = services.inspection_create(
        plan=plan149, actor=None, unit=units["thach_binh"], held_on=D(2023, 11, 10), team="A\nB"
    )
    results = list(ins.results.select_related("item"))
    assert len(results) == plan149.checklist.count() == 9
    with pytest.raises(RolloutError, match="Chấm điểm mọi tiêu chí"):
        services.inspection_record(inspection=ins, actor=None, results={}, findings="Tốt")
        services.inspection_conclude(inspection=ins, actor=None)
    services.inspection_record(
        inspection=ins,
        actor=None,
        results={r.pk: (5, "") for r in results},
        findings="Đạt yêu cầu",
    )
    ins = services.inspection_conclude(inspection=ins, actor=None)
    assert ins.score == Decimal("50.0")
    with pytest.raises(RolloutError):
        services.inspection_conclude(inspection=ins, actor=None)
    with pytest.raises(RolloutError):
        services.inspection_record(inspection=ins, actor=None, results={}, findings="x")


def test_only_a_unit_of_the_plan_is_inspected(plan149):
    outside = AdminUnit.objects.filter(level="commune", parent=plan149.unit).exclude(
        pk__in=plan149.places.values("unit")
    )[0]
    with pytest.raises(RolloutError):
        services.inspection_create(
            plan=plan149, actor=None, unit=outside, held_on=D(2023, 7, 1), team="A"
        )


def test_the_final_ranking_follows_the_latest_inspection(plan149, units):
    review = plan149.reviews.get(kind="final")
    rows = services.review_ranking(review)
    assert [r["unit"].code for r in rows] == ["15190", "15187", "15211"]
    assert [r["rank"] for r in rows] == [1, 2, None]
    assert rows[0]["score"] > rows[1]["score"]
    assert review.state == "decided"
    assert set(review.awards.values_list("decided", flat=True)) == {True}
    with pytest.raises(RolloutError):
        services.award_propose(
            review=review, actor=None, unit=units["thach_binh"], form="Giấy khen", reason="x"
        )


def test_an_award_needs_an_inspected_unit_form_and_reason(plan149, units):
    review = services.review_create(
        plan=plan149,
        actor=None,
        kind="interim",
        held_on=D(2023, 7, 15),
        period_from=D(2023, 3, 1),
        period_to=D(2023, 6, 30),
    )
    with pytest.raises(RolloutError):
        services.award_propose(
            review=review, actor=None, unit=units["kim_tan"], form="Giấy khen", reason="Tốt"
        )  # Kim Tân was inspected only in October
    with pytest.raises(RolloutError):
        services.award_propose(review=review, actor=None, unit=units["van_du"], form="", reason="")
    with pytest.raises(RolloutError):
        services.review_decide(review=review, actor=None, decision_ref="QĐ 1")
    award = services.award_propose(
        review=review, actor=None, unit=units["van_du"], form="Giấy khen", reason="Dẫn đầu"
    )
    assert award.rank == 1
    services.review_decide(review=review, actor=None, decision_ref="QĐ 1")
    with pytest.raises(RolloutError):
        services.review_decide(review=review, actor=None, decision_ref="QĐ 2")
