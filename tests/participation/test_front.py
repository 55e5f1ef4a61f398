"""The Fatherland Front: supervision and criticism with tracked recommendations; forwarded opinions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from tests.conftest import client_for
from thanthien.participation import selectors, services
from thanthien.participation.models import ForwardedOpinion, FrontReport, Recommendation
from thanthien.petitions.models import Channel, Field, Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(mttq_officer, units, committee, today):
    return services.front_report_submit(
        actor=mttq_officer,
        unit=units["van_du"],
        kind=FrontReport.Kind.SUPERVISION,
        title="Giám sát việc giải quyết đơn thư quý II/2023",
        findings="Một số đơn quá hạn.",
        recommendations=[
            ("Giải quyết dứt điểm đơn quá hạn", committee, 10),
            ("Công khai kết quả", committee, 5),
        ],
        today=today,
    )[0]


def test_front_report_creates_tracked_recommendations(report, today):
    recs = list(report.recommendations.all())
    assert [r.number for r in recs] == [1, 2]
    assert all(r.due_on > today for r in recs)


def test_front_report_page_and_double_submit(mttq_officer, committee):
    url = reverse("participation_front_report")
    data = {
        "kind": "criticism",
        "title": "Phản biện dự thảo quy hoạch",
        "findings": "Chưa phù hợp",
        "rec_1": "Điều chỉnh quy hoạch",
        "body_1": committee.pk,
        "days_1": 15,
        "submission_key": "fr-1",
    }
    assert client_for(mttq_officer).post(url, data).status_code == 302
    client_for(mttq_officer).post(url, data)
    assert FrontReport.objects.count() == 1


def test_bad_front_report_refused(mttq_officer, units, committee):
    for recs in ([], [("", committee, 5)], [("x", committee, 0)], [("x", committee, 120)]):
        with pytest.raises(ValidationError):
            services.front_report_submit(
                actor=mttq_officer,
                unit=units["van_du"],
                kind="supervision",
                title="t",
                findings="f",
                recommendations=recs,
            )
    assert not FrontReport.objects.exists()


def test_only_front_bodies_may_report(clerk, district_supervisor, citizen, units, committee):
    for user in (clerk, district_supervisor, citizen):
        with pytest.raises(Http404):
            services.front_report_submit(
                actor=user,
                unit=units["van_du"],
                kind="supervision",
                title="t",
                findings="f",
                recommendations=[("x", committee, 5)],
            )


def test_recommendation_answered_and_late_flags(report, handler, clerk, today):
    first, second = report.recommendations.all()
    url = reverse("participation_recommendation", args=[first.pk])
    # The clerk sees it but may not answer.
    assert client_for(clerk).get(url).status_code == 200
    assert client_for(clerk).post(url, {"state": "answered", "answer": "x"}).status_code == 404
    # Answering needs the text.
    client_for(handler).post(url, {"state": "answered", "answer": ""})
    first.refresh_from_db()
    assert first.state == Recommendation.State.OPEN
    client_for(handler).post(url, {"state": "answered", "answer": "Đã giải quyết 5 đơn."})
    first.refresh_from_db()
    assert first.state == Recommendation.State.ANSWERED and not first.is_late(today)
    # Second one: let it run late.
    assert second.is_late(second.due_on + dt.timedelta(days=1))
    summary = selectors.joint_summary(handler, today=second.due_on + dt.timedelta(days=1))
    assert summary == {"asked": 2, "answered": 1, "answered_late": 0, "late": 1}
    # An answered recommendation cannot go back.
    with pytest.raises(ValidationError):
        services.recommendation_update(recommendation=first, actor=handler, state="in_progress")


def test_joint_page_visible_to_front_and_committee_not_others(
    report, mttq_officer, chairman, other_official, citizen
):
    url = reverse("participation_joint")
    for user in (mttq_officer, chairman):
        body = client_for(user).get(url).content.decode()
        assert "Giải quyết dứt điểm" in body
    assert "Giải quyết dứt điểm" not in client_for(other_official).get(url).content.decode()
    assert client_for(citizen).get(url).status_code == 404
    rec = report.recommendations.first()
    assert (
        client_for(other_official)
        .get(reverse("participation_recommendation", args=[rec.pk]))
        .status_code
        == 404
    )


def test_front_forwards_a_citizen_opinion_as_a_petition(mttq_officer, front_body, units):
    field = Field.objects.filter(is_active=True).first()
    response = client_for(mttq_officer).post(
        reverse("participation_front_forward"),
        {
            "field": field.pk,
            "title": "Đèn đường hỏng",
            "content": "Bà con khu phố 3 phản ánh đèn đường hỏng đã lâu.",
            "name": "Lê Thị Hoa",
            "phone": "0912 345 678",
            "submission_key": "fw-1",
        },
    )
    assert response.status_code == 302
    petition = Petition.objects.get(title="Đèn đường hỏng")
    assert petition.channel == Channel.FATHERLAND_FRONT
    assert petition.entered_by == mttq_officer
    assert ForwardedOpinion.objects.get(petition=petition).body == front_body


def test_forward_bad_phone_saves_nothing(mttq_officer):
    field = Field.objects.filter(is_active=True).first()
    count = Petition.objects.count()
    response = client_for(mttq_officer).post(
        reverse("participation_front_forward"),
        {"field": field.pk, "title": "T", "content": "Nội dung", "phone": "12"},
    )
    assert response.status_code == 200
    assert Petition.objects.count() == count


def test_forward_double_submit_makes_one_petition(mttq_officer):
    field = Field.objects.filter(is_active=True).first()
    data = {
        "field": field.pk,
        "title": "Cống thoát nước tắc",
        "content": "Cống thoát nước đầu khu phố 4 bị tắc, nước tràn ra đường.",
        "submission_key": "fw-twice",
    }
    client_for(mttq_officer).post(reverse("participation_front_forward"), data)
    client_for(mttq_officer).post(reverse("participation_front_forward"), data)
    assert Petition.objects.filter(title="Cống thoát nước tắc").count() == 1
    assert ForwardedOpinion.objects.count() == 1
