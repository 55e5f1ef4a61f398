"""Figures by kind of petition, on the figures page and in the JSON API."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import client_for
from thanthien.complaints import services as complaint_services
from thanthien.denunciations import services as denunciation_services
from thanthien.petitions.confidential import Identity
from thanthien.petitions.models import Field, Petition


def _complaint(units, n, **kw):
    return complaint_services.complaint_submit(
        field=Field.objects.get(code="land"),
        unit=units["van_du"],
        title=f"Khiếu nại số {n}",
        content=f"Nội dung khiếu nại số {n} về bồi thường đất.",
        act_complained_of="Quyết định 1/QĐ-UBND",
        respondent="Chủ tịch UBND",
        learned_on=timezone.localdate() - dt.timedelta(days=3),
        name=f"Người khiếu nại {n}",
        phone=f"0912 300 {n:03d}",
        **kw,
    )[0]


def _denunciation(units, n):
    return denunciation_services.denunciation_submit(
        field=Field.objects.get(code="land"),
        unit=units["van_du"],
        title=f"Tố cáo số {n}",
        content=f"Nội dung tố cáo số {n}, có chứng cứ cụ thể kèm theo.",
        denounced="Cán bộ A",
        identity=Identity(name=f"Người tố cáo {n}", phone=f"0912 400 {n:03d}"),
    )[0]


@pytest.mark.django_db
def test_the_figures_count_each_kind(units, handler, chairman, submit, check):
    first = _complaint(units, 1)
    _complaint(units, 2)
    complaint_services.complaint_accept(petition=first, actor=handler)
    complaint_services.complaint_verify(petition=Petition.objects.get(pk=first.pk), actor=handler)
    complaint_services.complaint_dialogue(
        petition=Petition.objects.get(pk=first.pk),
        actor=handler,
        record="Đối thoại đầy đủ giữa các bên liên quan.",
        result="Không thống nhất",
    )
    complaint_services.complaint_decide(
        petition=Petition.objects.get(pk=first.pk),
        actor=chairman,
        verification_result="Đã xác minh",
        legal_basis="Luật Đất đai",
        conclusion="Giữ nguyên",
        outcome="keep",
    )
    complaint_services.complaint_appeal(
        petition=Petition.objects.get(pk=first.pk), reason="Không đồng ý quyết định"
    )
    denunciation = _denunciation(units, 1)
    denunciation_services.denunciation_accept(petition=denunciation, actor=handler)
    denunciation_services.denunciation_extend(
        petition=Petition.objects.get(pk=denunciation.pk),
        actor=chairman,
        days=10,
        reason="Cần thêm thời gian xác minh",
    )
    late = _denunciation(units, 2)
    Petition.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    submit()

    body = check(client_for(None).get(f"/api/v1/figures/{units['van_du'].pk}"))
    kinds = {k["kind"]: k for k in body["kinds"]}
    assert kinds["complaint"]["received"] == 3  # two first-instance, one second-instance case
    assert kinds["complaint"]["resolved"] == 1 and kinds["complaint"]["second_instance_pct"] == 100
    assert kinds["denunciation"]["received"] == 2 and kinds["denunciation"]["accepted"] == 1
    assert kinds["denunciation"]["extended"] == 1 and kinds["denunciation"]["overdue"] == 1
    assert kinds["feedback"]["received"] >= 1
    page = client_for(None).get("/petitions/figures/", {"unit": units["van_du"].pk})
    assert [r["kind"] for r in page.context["by_kind"]] == [
        "feedback",
        "recommendation",
        "complaint",
        "denunciation",
    ]
    assert 'id="by-kind"' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/figures/999999", 404),
        ("/api/v1/figures/{unit}?since=2026-05-01&until=2026-01-01", 400),
        ("/api/v1/figures/{unit}?since=not-a-date", 400),
        ("/api/v1/figures/{unit}?since=1990-01-01", 400),
    ],
)
def test_bad_figure_requests_get_a_clear_error(units, check, url, status):
    response = client_for(None).get(url.format(unit=units["van_du"].pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert check(response)["error"]["message"]


@pytest.mark.django_db
def test_the_figures_issue_a_bounded_number_of_queries(units):
    client = client_for(None)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/v1/figures/{units['van_du'].pk}").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(12):
        _complaint(units, 100 + n)
        _denunciation(units, 100 + n)
    assert count() == before
