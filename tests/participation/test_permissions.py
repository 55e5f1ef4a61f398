"""Every role × every action on a Vân Du record (in the state where the action is possible).

Allowed: the page answers (200, or 302 after the change). Refused: 404 for officials and
citizens (a record's existence is not revealed), a redirect to sign in for visitors."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import client_for
from thanthien.participation import services
from thanthien.participation.models import Consultation, FrontReport, RecognitionTask

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "clerk",
    "handler",
    "chairman",
    "mttq_officer",
    "district_supervisor",
    "district_admin",
    "other_official",
]

# action → roles allowed
MATRIX = {
    "staff_home": {
        "clerk",
        "handler",
        "chairman",
        "mttq_officer",
        "district_supervisor",
        "other_official",
    },
    "consultation_new": {"clerk", "handler", "chairman", "other_official"},
    "staff_consultation": {"clerk", "handler", "chairman"},
    "open_consultation": {"clerk", "handler", "chairman"},
    "respond_opinion": {"handler", "chairman"},
    "organization_opinion": {"mttq_officer"},
    "synthesis_report": {"clerk", "handler", "chairman"},
    "staff_decision": {"clerk", "handler", "chairman"},
    "recognize": {"chairman"},
    "staff_campaign": {"clerk", "handler", "chairman"},
    "front_report": {"mttq_officer"},
    # other_official sees the page, but only Thạch Bình's rows (test_front checks Vân Du's are absent)
    "joint": {
        "clerk",
        "handler",
        "chairman",
        "mttq_officer",
        "district_supervisor",
        "other_official",
    },
    "answer_recommendation": {"handler", "chairman"},
}


@pytest.fixture
def world(make_consultation, clerk, handler, mttq_officer, citizen, units, committee, today):
    draft = make_consultation(state="draft", title="Nháp")
    open_ = make_consultation(title="Đang lấy ý kiến")
    closed = make_consultation(title="Đã đóng")
    Consultation.objects.filter(pk=closed.pk).update(
        opens_on=today - dt.timedelta(days=10), closes_on=today - dt.timedelta(days=5)
    )
    closed.refresh_from_db()
    services.opinion_submit_citizen(
        consultation=closed, section=None, text="Ý kiến", user=citizen, today=closed.closes_on
    )
    services.consultation_close(consultation=closed, actor=clerk)
    decision = services.decision_create(
        actor=clerk,
        village=units["van_du_village"],
        title="Làm đường",
        method="hands",
        opens_on=today,
        closes_on=today,
        options=["Đồng ý", "Không"],
        needs_recognition=True,
    )
    decision.households.create(code="H1", head_name="A", representative="A")
    services.decision_open(decision=decision, actor=clerk)
    services.hands_result_enter(decision=decision, actor=clerk, participants=1, votes={1: 1, 2: 0})
    services.decision_publish(decision=decision, actor=clerk)
    campaign = services.campaign_create(
        actor=clerk,
        unit=units["van_du"],
        title="Vận động",
        goal="Đường",
        starts_on=today,
        ends_on=today,
        villages=[units["van_du_village"]],
        target_money=1000,
    )
    report, _ = services.front_report_submit(
        actor=mttq_officer,
        unit=units["van_du"],
        kind=FrontReport.Kind.SUPERVISION,
        title="Giám sát",
        findings="f",
        recommendations=[("Khuyến nghị", committee, 5)],
    )
    return {
        "draft": draft,
        "open": open_,
        "closed": closed,
        "decision": decision,
        "task": RecognitionTask.objects.get(decision=decision),
        "campaign": campaign,
        "rec": report.recommendations.get(),
    }


def request_for(action, w):
    if action == "staff_home":
        return "get", reverse("participation_staff"), None
    if action == "consultation_new":
        return "get", reverse("participation_consultation_new"), None
    if action == "staff_consultation":
        return "get", reverse("participation_staff_consultation", args=[w["open"].pk]), None
    if action == "open_consultation":
        return "post", reverse("participation_consultation_act", args=[w["draft"].pk, "open"]), {}
    if action == "respond_opinion":
        opinion = w["closed"].opinions.get()
        return (
            "post",
            reverse("participation_opinion_respond", args=[opinion.pk]),
            {"response": "adopted"},
        )
    if action == "organization_opinion":
        return (
            "post",
            reverse("participation_organization_opinion", args=[w["open"].pk]),
            {"text": "Ý kiến MTTQ"},
        )
    if action == "synthesis_report":
        return "get", reverse("participation_synthesis_report", args=[w["closed"].pk, "docx"]), None
    if action == "staff_decision":
        return "get", reverse("participation_staff_decision", args=[w["decision"].pk]), None
    if action == "recognize":
        return (
            "post",
            reverse("participation_recognition", args=[w["task"].pk]),
            {"recognized": "1"},
        )
    if action == "staff_campaign":
        return "get", reverse("participation_staff_campaign", args=[w["campaign"].pk]), None
    if action == "front_report":
        return "get", reverse("participation_front_report"), None
    if action == "joint":
        return "get", reverse("participation_joint"), None
    if action == "answer_recommendation":
        return (
            "post",
            reverse("participation_recommendation", args=[w["rec"].pk]),
            {"state": "in_progress"},
        )
    raise AssertionError(action)


def effect(action, w):
    """Whether the allowed change happened (for POST actions)."""
    if action == "open_consultation":
        w["draft"].refresh_from_db()
        return w["draft"].state == "open"
    if action == "respond_opinion":
        return w["closed"].opinions.get().response == "adopted"
    if action == "organization_opinion":
        return w["open"].opinions.exists()
    if action == "recognize":
        w["task"].refresh_from_db()
        return w["task"].state == "recognized"
    if action == "answer_recommendation":
        w["rec"].refresh_from_db()
        return w["rec"].state == "in_progress"
    return None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(request, world, role, action):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    method, url, data = request_for(action, world)
    response = (
        getattr(client_for(user), method)(url, data)
        if data is not None
        else client_for(user).get(url)
    )
    allowed = role in MATRIX[action]
    changed = effect(action, world)
    if allowed:
        assert response.status_code in (200, 302), (role, action, response.status_code)
        if response.status_code == 302:
            assert "/login" not in response.url and "accounts" not in response.url
        assert changed in (None, True), (role, action)
    else:
        if role == "anonymous":
            assert response.status_code == 302 and "next=" in response.url, (role, action)
        else:
            assert response.status_code == 404, (role, action, response.status_code)
        assert changed in (None, False), (role, action)
