"""Who sees and does what: the board sees all of its plan; a commune sees its part; others nothing.

Every persona × every page and action, on the demo's plan 149-KH/HU and Vân Du's own plan."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from thanthien.core.models import AdminUnit, Body, Membership, User
from thanthien.rollout.models import Status, Task

PERSONAS = [
    "citizen",
    "clerk",
    "handler",
    "chairman",
    "mttq_officer",
    "district_supervisor",
    "district_admin",
    "other_official",
    "outsider",
]


@pytest.fixture
def outsider(db, units):
    """An official of a Thạch Thành commune that is not in the plan."""
    commune = (
        AdminUnit.objects.filter(parent=units["district"], level="commune")
        .exclude(code__in=["15190", "15187", "15211"])
        .first()
    )
    body = Body.objects.create(unit=commune, kind=Body.Kind.PEOPLES_COMMITTEE, name="UBND khác")
    user = User.objects.create(username="outsider.leader", full_name="Ngoài Kế Hoạch")
    Membership.objects.create(user=user, body=body, role="leader")
    return user


@pytest.fixture
def who(request):
    return lambda name: request.getfixturevalue(name)


def _get(user, url):
    return client_for(user).get(url).status_code


# persona → (plan list, plan 149, Vân Du's plan, survey, Vân Du inspection, Kim Tân inspection)
VIEW = {
    "citizen": (404, 404, 404, 404, 404, 404),
    "clerk": (200, 200, 200, 404, 200, 404),
    "handler": (200, 200, 200, 404, 200, 404),
    "chairman": (200, 200, 200, 404, 200, 404),
    "mttq_officer": (200, 200, 200, 404, 200, 404),
    "district_supervisor": (200, 200, 200, 200, 200, 200),
    "district_admin": (200, 200, 200, 404, 200, 200),
    "other_official": (200, 200, 404, 404, 404, 404),
    "outsider": (200, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_view_matrix(persona, who, plan149, units):
    user = who(persona)
    child = plan149.children.get()
    survey = plan149.surveys.get()
    van_du = plan149.inspections.get(unit=units["van_du"])
    kim_tan = plan149.inspections.get(unit=units["kim_tan"])
    got = (
        _get(user, reverse("rollout_plans")),
        _get(user, reverse("rollout_plan", args=[plan149.pk])),
        _get(user, reverse("rollout_plan", args=[child.pk])),
        _get(user, reverse("rollout_survey", args=[survey.pk])),
        _get(user, reverse("rollout_inspection", args=[van_du.pk])),
        _get(user, reverse("rollout_inspection", args=[kim_tan.pk])),
    )
    assert got == VIEW[persona]


def test_anonymous_visitors_are_sent_to_log_in(client, plan149):
    response = client.get(reverse("rollout_plan", args=[plan149.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


# persona → may report progress on a Vân Du task of plan 149; may change a milestone; may add a
# budget line; may decide the awards.
ACT = {
    "citizen": (False, False),
    "clerk": (True, False),
    "handler": (True, False),
    "chairman": (True, False),
    "mttq_officer": (True, False),
    "district_supervisor": (True, True),
    "district_admin": (False, False),
    "other_official": (False, False),
    "outsider": (False, False),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("status", [Status.PLANNED, Status.IN_PROGRESS])
def test_action_matrix(persona, status, who, plan149, units):
    user = who(persona)
    client = client_for(user)
    task = plan149.tasks.filter(scope_path=units["van_du"].path).first()
    Task.objects.filter(pk=task.pk).update(status=status)
    response = client.post(reverse("rollout_task_status", args=[task.pk]), {"status": "done"})
    task.refresh_from_db()
    may_report, may_manage = ACT[persona]
    assert (task.status == Status.DONE) is may_report
    if not may_report:
        assert response.status_code == 404

    lines = plan149.budget_lines.count()
    response = client.post(
        reverse("rollout_budget_add", args=[plan149.pk]), {"item": "Tài liệu", "amount": "1000"}
    )
    assert (plan149.budget_lines.count() == lines + 1) is may_manage
    milestone = plan149.milestones.filter(status=Status.IN_PROGRESS).first()
    client.post(reverse("rollout_milestone_status", args=[milestone.pk]), {"status": "done"})
    milestone.refresh_from_db()
    assert (milestone.status == Status.DONE) is may_manage
    review = plan149.reviews.get(kind="final")
    response = client.post(
        reverse("rollout_award_propose", args=[review.pk]),
        {"unit": units["van_du"].pk, "form": "Bằng khen", "reason": "x"},
    )
    if not may_manage:
        assert response.status_code == 404


def test_a_commune_sees_its_part_of_the_district_plan(plan149, other_official, district_supervisor):
    mine = client_for(other_official).get(reverse("rollout_timeline", args=[plan149.pk]))
    body = mine.content.decode()
    assert "Đảng ủy xã Thạch Bình" in body
    assert "Đảng ủy thị trấn Vân Du" not in body
    assert "Ban Dân vận Huyện ủy Thạch Thành" not in body
    assert "Add a task" not in body and "Thêm nhiệm vụ" not in body
    board = client_for(district_supervisor).get(reverse("rollout_timeline", args=[plan149.pk]))
    text = board.content.decode()
    for name in ["Đảng ủy xã Thạch Bình", "Đảng ủy thị trấn Vân Du", "Ban Dân vận"]:
        assert name in text
    # Vân Du's launch is a milestone of Vân Du: the board sees it, Thạch Bình does not.
    assert "Lễ ra mắt mô hình điểm tại thị trấn Vân Du" in text
    assert "Lễ ra mắt mô hình điểm tại thị trấn Vân Du" not in body


def test_the_district_sees_each_communes_plan_and_progress(plan149, district_supervisor):
    body = client_for(district_supervisor).get(reverse("rollout_plan", args=[plan149.pk]))
    text = body.content.decode()
    assert "12-KH/ĐU" in text
    child = plan149.children.get()
    done = child.tasks.filter(status=Status.DONE).count()
    assert f"{done} / {child.tasks.count()}" in text


def test_the_survey_scores_are_not_shown_to_communes(plan149, chairman):
    text = client_for(chairman).get(reverse("rollout_plan", args=[plan149.pk])).content.decode()
    assert "Khảo sát lựa chọn đơn vị xây dựng" not in text


def test_the_plan_list_offers_only_plans_in_scope(plan149, other_official, district_supervisor):
    """Thạch Bình's official sees the district plan it takes part in, never Vân Du's own plan,
    neither in the list nor among the plans a new plan may implement."""
    text = client_for(other_official).get(reverse("rollout_plans")).content.decode()
    assert "149-KH/HU" in text
    assert "12-KH/ĐU" not in text
    board = client_for(district_supervisor).get(reverse("rollout_plans")).content.decode()
    assert "12-KH/ĐU" in board


def test_a_commune_leader_drafts_the_communes_plan_under_the_district_plan(plan149, units):
    from thanthien.core.models import Body, User

    leader = User.objects.get(username="thachbinh.chutich")
    committee = Body.objects.get(unit=units["thach_binh"], kind=Body.Kind.PEOPLES_COMMITTEE)
    client = client_for(leader)
    response = client.post(
        reverse("rollout_plan_new"),
        {"issuer": committee.pk, "parent": plan149.pk, "issued_on": "2023-04-03"},
    )
    assert response.status_code == 302
    plan = plan149.children.get(unit=units["thach_binh"])
    assert plan.symbol == "01/KH-UBND"  # State layout, first of the year for this issuer
    assert "149-KH/HU" in plan.implements
    assert client.get(reverse("rollout_plan", args=[plan.pk])).status_code == 200
    # …and cannot issue one for the district.
    board = Body.objects.get(unit=units["district"], kind=Body.Kind.MASS_MOBILIZATION_BOARD)
    response = client.post(
        reverse("rollout_plan_new"), {"issuer": board.pk, "issued_on": "2023-04-03"}
    )
    assert response.status_code == 404
