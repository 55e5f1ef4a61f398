"""Pages issue a bounded number of queries whatever the number of rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from thanthien.participation import services
from thanthien.participation.models import FrontReport, Opinion

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def grow(make_consultation, clerk, handler, mttq_officer, units, committee, today):
    c = make_consultation()
    section = c.sections.first()
    decision = services.decision_create(
        actor=clerk,
        village=units["van_du_village"],
        title="Làm đường",
        method="ballot",
        opens_on=today,
        closes_on=today,
        options=["Đồng ý", "Không"],
        counting_committee=["A", "B", "C"],
    )
    campaign = services.campaign_create(
        actor=clerk,
        unit=units["van_du"],
        title="Vận động",
        goal="Đường",
        starts_on=today,
        ends_on=today,
        villages=[units["van_du_village"]],
        target_money=1000,
        hide_household_amounts=False,
    )

    def _grow(n):
        start = c.opinions.count()
        Opinion.objects.bulk_create(
            Opinion(
                consultation=c,
                section=section if i % 2 else None,
                source="citizen",
                verification="none",
                text=f"ý kiến {i}",
            )
            for i in range(start, n)
        )
        start = decision.households.count()
        for i in range(start, n):
            decision.households.create(code=f"H{i:03d}", head_name=f"Hộ {i}", representative="x")
        for i in range(campaign.contributions.count(), n):
            services.contribution_record(
                campaign=campaign,
                village=units["van_du_village"],
                household_name=f"Hộ {i}",
                kind="contribution",
                on_date=today,
                money=1000 + i,
                actor=clerk,
            )
        for _i in range(FrontReport.objects.count(), n // 5):
            services.front_report_submit(
                actor=mttq_officer,
                unit=units["van_du"],
                kind="supervision",
                title="t",
                findings="f",
                recommendations=[("a", committee, 5), ("b", committee, 5)],
            )
        return c, decision, campaign

    return _grow


def pages(c, decision, campaign):
    return [
        (None, reverse("participation_home")),
        (None, reverse("participation_consultation", args=[c.pk])),
        (None, reverse("participation_campaign", args=[campaign.pk])),
        ("clerk", reverse("participation_staff")),
        ("clerk", reverse("participation_staff_consultation", args=[c.pk])),
        ("clerk", reverse("participation_staff_decision", args=[decision.pk])),
        ("clerk", reverse("participation_staff_campaign", args=[campaign.pk])),
        ("mttq_officer", reverse("participation_joint")),
    ]


def test_query_counts_do_not_grow_with_rows(request, grow):
    small = grow(10)
    counts_small = {
        url: count_queries(client_for(request.getfixturevalue(who) if who else None), url)
        for who, url in pages(*small)
    }
    large = grow(60)
    counts_large = {
        url: count_queries(client_for(request.getfixturevalue(who) if who else None), url)
        for who, url in pages(*large)
    }
    for url, n in counts_small.items():
        assert counts_large[url] <= n + 2, (url, n, counts_large[url])
        assert counts_large[url] <= 25, (url, counts_large[url])


def test_published_consultation_page_is_bounded(
    make_consultation, handler, clerk, citizen, django_assert_max_num_queries
):
    c = make_consultation()
    for i in range(30):
        services.opinion_submit_citizen(
            consultation=c, section=c.sections.first(), text=f"ý kiến {i}", user=citizen
        )
    services.consultation_close(
        consultation=c, actor=clerk, today=c.closes_on + dt.timedelta(days=1)
    )
    for o in c.opinions.all():
        services.opinion_respond(opinion=o, actor=handler, response="adopted", text="")
    services.consultation_publish(consultation=c, actor=handler)
    with django_assert_max_num_queries(12):
        client_for(None).get(reverse("participation_consultation", args=[c.pk]))
