"""What every case shares on the pages: the overdue list."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import client_for
from thanthien.petitions.models import Field, Petition


@pytest.fixture
def complaint_data(units):
    return {
        "field": Field.objects.get(code="land").pk,
        "unit": units["van_du"].pk,
        "title": "Khiếu nại mức bồi thường",
        "content": "Mức bồi thường thấp hơn giá thị trường nhiều lần.",
        "act_complained_of": "Quyết định 12/QĐ-UBND",
        "respondent": "Chủ tịch UBND thị trấn",
        "learned_on": (timezone.localdate() - dt.timedelta(days=5)).isoformat(),
        "name": "Đinh Văn Sơn",
        "phone": "0987 444 555",
        "submission_key": "c" * 32,
    }


@pytest.fixture
def denunciation_data(units):
    return {
        "field": Field.objects.get(code="land").pk,
        "unit": units["van_du"].pk,
        "title": "Tố cáo thu tiền sai quy định",
        "content": "Thu tiền làm sổ đỏ ngoài quy định, có biên lai viết tay.",
        "denounced": "Cán bộ địa chính",
        "name": "Danh Tính Bí Mật QW",
        "address": "Khu phố 5",
        "id_number": "038090001111",
        "phone": "0911 888 777",
        "submission_key": "d" * 32,
    }


@pytest.mark.django_db
def test_the_overdue_list_shows_what_passed_its_time_limit(
    client, complaint_data, district_supervisor
):
    client.post("/petitions/complaint/new/", complaint_data)
    petition = Petition.objects.get(title="Khiếu nại mức bồi thường")
    Petition.objects.filter(pk=petition.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=2)
    )
    page = client_for(district_supervisor).get("/staff/petitions/?which=overdue")
    assert petition.pk in [p.pk for p in page.context["page"]]
