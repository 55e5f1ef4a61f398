"""Menu and dashboard links, and small page rules."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import client_for
from thanthien.participation import selectors, services
from thanthien.participation.templatetags.participation_tags import money

pytestmark = pytest.mark.django_db


def test_menu_links_to_participation():
    body = client_for(None).get(reverse("participation_home")).content.decode()
    assert f'href="{reverse("participation_home")}"' in body


@pytest.mark.parametrize(
    ("who", "staff_link", "joint_link"),
    [
        ("clerk", True, True),
        ("mttq_officer", True, True),
        ("district_admin", False, False),
        ("citizen", False, False),
    ],
)
def test_dashboard_links_follow_permissions(request, who, staff_link, joint_link):
    body = client_for(request.getfixturevalue(who)).get(reverse("dashboard")).content.decode()
    assert (reverse("participation_staff") in body) is staff_link
    assert (reverse("participation_joint") in body) is joint_link


def test_pledge_only_during_the_campaign(clerk, units, today):
    village = units["van_du_village"]
    ended = services.campaign_create(
        actor=clerk,
        unit=units["van_du"],
        title="Đã kết thúc",
        goal="g",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today - dt.timedelta(days=1),
        villages=[village],
        target_money=1000,
    )
    url = reverse("participation_campaign_pledge", args=[ended.pk])
    assert (
        url
        not in client_for(None)
        .get(reverse("participation_campaign", args=[ended.pk]))
        .content.decode()
    )
    running = services.campaign_create(
        actor=clerk,
        unit=units["van_du"],
        title="Đang chạy",
        goal="g",
        starts_on=today,
        ends_on=today,
        villages=[village],
        target_money=1000,
    )
    url = reverse("participation_campaign_pledge", args=[running.pk])
    assert (
        url
        in client_for(None)
        .get(reverse("participation_campaign", args=[running.pk]))
        .content.decode()
    )


def test_money_has_vietnamese_thousands_separators():
    assert money(3_300_000) == "3.300.000"
    assert money(0) == "0"
    assert money(None) == ""


def test_minutes_dated_the_day_of_the_vote(clerk, units, today):
    day = today - dt.timedelta(days=3)
    decision = services.decision_create(
        actor=clerk,
        village=units["van_du_village"],
        title="Làm đường",
        method="hands",
        opens_on=day,
        closes_on=day,
        options=["Đồng ý", "Không"],
    )
    decision.households.create(code="H1", head_name="A", representative="A")
    services.decision_open(decision=decision, actor=clerk)
    services.hands_result_enter(
        decision=decision, actor=clerk, participants=1, votes={1: 1, 2: 0}, today=day
    )
    doc = selectors.minutes_document(decision)
    assert doc.date == day
    text = " ".join(getattr(b, "text", "") for b in doc.body)
    assert day.strftime("%d/%m/%Y") in text
