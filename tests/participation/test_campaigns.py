"""Campaigns: pledges and contributions, progress per village, and privacy of household amounts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import client_for
from thanthien.core.models import AdminUnit
from thanthien.participation import selectors, services
from thanthien.participation.models import Contribution

pytestmark = pytest.mark.django_db

SECRET_NAME = "Hộ ông Nguyễn Văn Khó"
SECRET_AMOUNT = 123457


@pytest.fixture
def villages(units):
    return list(
        AdminUnit.objects.filter(parent=units["van_du"], level="village").order_by("path")[:2]
    )


@pytest.fixture
def make_campaign(units, clerk, today, villages):
    def _make(**overrides):
        data = {
            "actor": clerk,
            "unit": units["van_du"],
            "title": "Bê tông hóa đường khu phố",
            "goal": "Làm 2 km đường bê tông",
            "starts_on": today - dt.timedelta(days=5),
            "ends_on": today + dt.timedelta(days=30),
            "villages": villages,
            "target_money": 200_000_000,
            "target_labour_days": 500,
        }
        data.update(overrides)
        return services.campaign_create(**data)

    return _make


def contribute(campaign, village, clerk, today, name, money, kind="contribution", labour=0):
    return services.contribution_record(
        campaign=campaign,
        village=village,
        household_name=name,
        kind=kind,
        on_date=today,
        money=money,
        labour_days=labour,
        actor=clerk,
    )[0]


def test_progress_per_village(make_campaign, villages, clerk, today):
    campaign = make_campaign()
    contribute(campaign, villages[0], clerk, today, "Hộ A", 1_000_000, labour=2)
    contribute(campaign, villages[0], clerk, today, "Hộ B", 500_000)
    contribute(campaign, villages[1], clerk, today, "Hộ C", 2_000_000, kind="pledge")
    progress = {r["village"].pk: r for r in selectors.campaign_progress(campaign)}
    assert progress[villages[0].pk]["money"] == 1_500_000
    assert progress[villages[0].pk]["labour"] == 2
    assert progress[villages[0].pk]["households"] == 2
    assert progress[villages[1].pk]["pledged_money"] == 2_000_000
    assert progress[villages[1].pk]["money"] == 0
    totals = selectors.campaign_totals(campaign)
    assert totals["money"] == 1_500_000 and totals["money_pct"] == 0.8


def test_hidden_household_amounts_appear_nowhere_public(make_campaign, villages, clerk, today):
    campaign = make_campaign(hide_household_amounts=True)
    contribute(campaign, villages[0], clerk, today, SECRET_NAME, SECRET_AMOUNT)
    contribute(campaign, villages[0], clerk, today, "Hộ khác", 2_500_000)
    pages = [
        reverse("participation_campaign", args=[campaign.pk]),
        reverse("participation_home"),
    ]
    for url in pages:
        body = client_for(None).get(url).content.decode()
        assert SECRET_NAME not in body
        assert str(SECRET_AMOUNT) not in body
        assert "123.457" not in body and "123,457" not in body
    header, rows = selectors.campaign_disclosure_rows(campaign)
    flat = " ".join(str(c) for row in rows for c in row) + " ".join(header)
    assert SECRET_NAME not in flat and str(SECRET_AMOUNT) not in flat
    # The village total is published.
    assert rows[0][2] == SECRET_AMOUNT + 2_500_000
    # Staff still see the household's amount.
    staff = (
        client_for(clerk)
        .get(reverse("participation_staff_campaign", args=[campaign.pk]))
        .content.decode()
    )
    assert SECRET_NAME in staff


def test_shown_household_amounts_when_the_commune_allows(make_campaign, villages, clerk, today):
    campaign = make_campaign(hide_household_amounts=False)
    contribute(campaign, villages[0], clerk, today, SECRET_NAME, SECRET_AMOUNT)
    body = (
        client_for(None).get(reverse("participation_campaign", args=[campaign.pk])).content.decode()
    )
    assert SECRET_NAME in body and ("123.457" in body or "123457" in body)
    header, rows = selectors.campaign_disclosure_rows(campaign)
    assert rows[0][2] == SECRET_NAME and rows[0][3] == SECRET_AMOUNT


def test_citizen_pledges_and_double_submit_makes_one(make_campaign, villages, citizen):
    campaign = make_campaign()
    url = reverse("participation_campaign_pledge", args=[campaign.pk])
    data = {
        "village": villages[0].pk,
        "household_name": "Hộ bà K",
        "kind": "pledge",
        "money": 300000,
        "on_date": "2000-01-01",
        "submission_key": "abc",
    }
    assert client_for(citizen).post(url, data).status_code == 302
    client_for(citizen).post(url, data)
    row = Contribution.objects.get(campaign=campaign)
    assert row.by_citizen and row.kind == "pledge" and row.money == 300000
    assert client_for(None).get(url).status_code == 302  # sign in first


@pytest.mark.parametrize(
    "overrides",
    [
        {"money": 0, "labour_days": 0, "materials": ""},
        {"money": -5},
        {"household_name": ""},
        {"on_date": "far"},
        {"village": "other"},
        {"kind": "gift"},
    ],
)
def test_bad_contribution_refused(make_campaign, villages, clerk, today, units, overrides):
    campaign = make_campaign()
    data = {
        "campaign": campaign,
        "village": villages[0],
        "household_name": "Hộ A",
        "kind": "contribution",
        "on_date": today,
        "money": 1000,
        "actor": clerk,
    }
    data.update(overrides)
    if data["on_date"] == "far":
        data["on_date"] = campaign.ends_on + dt.timedelta(days=1)
    if data["village"] == "other":
        data["village"] = (
            AdminUnit.objects.filter(parent=units["van_du"], level="village")
            .order_by("-path")
            .first()
        )
    with pytest.raises(ValidationError):
        services.contribution_record(**data)
    assert not Contribution.objects.exists()


def test_bad_contribution_through_the_page(make_campaign, villages, clerk):
    campaign = make_campaign()
    response = client_for(clerk).post(
        reverse("participation_staff_campaign", args=[campaign.pk]),
        {
            "village": villages[0].pk,
            "household_name": "Hộ A",
            "kind": "contribution",
            "on_date": "2001-01-01",
            "money": 5,
        },
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not Contribution.objects.exists()


def test_campaign_needs_a_target(make_campaign):
    with pytest.raises(ValidationError):
        make_campaign(target_money=0, target_labour_days=0)


# --- In the disclosure register ------------------------------------------------------------------


def test_contributions_go_to_the_disclosure_register_without_household_amounts(
    make_campaign, villages, clerk, today
):
    from thanthien.disclosure.models import Disclosure

    campaign = make_campaign(hide_household_amounts=True)
    contribute(campaign, villages[0], clerk, today, SECRET_NAME, SECRET_AMOUNT)
    contribute(campaign, villages[0], clerk, today, "Hộ khác", 2_500_000)
    response = client_for(clerk).post(
        reverse("participation_campaign_disclose", args=[campaign.pk])
    )
    assert response.status_code == 302
    disclosure = Disclosure.objects.get(source_key=f"participation:campaign:{campaign.pk}")
    assert disclosure.category.code == "resident-contributions"
    assert disclosure.unit == campaign.unit
    page = client_for(None).get(reverse("disclosure_detail", args=[disclosure.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert campaign.title in body
    assert SECRET_NAME not in body and "123.457" not in body and str(SECRET_AMOUNT) not in body
    assert "2.623.457" in body or "2623457" in body  # the village total
    # Publishing again after a new contribution updates the same disclosure.
    contribute(campaign, villages[1], clerk, today, "Hộ thứ ba", 1_000_000)
    services.campaign_disclose(campaign=campaign, actor=clerk)
    assert Disclosure.objects.filter(source_key__startswith="participation:campaign:").count() == 1
    disclosure.refresh_from_db()
    assert len(disclosure.table_rows) == 2
    staff = client_for(clerk).get(reverse("participation_staff_campaign", args=[campaign.pk]))
    assert reverse("disclosure_detail", args=[disclosure.pk]) in staff.content.decode()


def test_nothing_to_disclose_and_no_permission_change_nothing(
    make_campaign, villages, clerk, other_official
):
    from thanthien.disclosure.models import Disclosure

    campaign = make_campaign()
    before = Disclosure.objects.count()
    with pytest.raises(ValidationError, match="chưa có|Nothing"):
        services.campaign_disclose(campaign=campaign, actor=clerk)
    response = client_for(clerk).post(
        reverse("participation_campaign_disclose", args=[campaign.pk]), follow=True
    )
    assert "Chưa có khoản đóng góp nào" in response.content.decode()
    outsider = client_for(other_official).post(
        reverse("participation_campaign_disclose", args=[campaign.pk])
    )
    assert outsider.status_code == 404
    assert Disclosure.objects.count() == before
