"""The petition core's fixtures, and a complaint filed through the service."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.petitions.conftest import _media, complaint_data, land, no_approval, submit  # noqa: F401
from thanthien.complaints import services as complaint_services
from thanthien.petitions.models import Field


@pytest.fixture
def complaint(units):
    def _make(**kw):
        data = {
            "field": Field.objects.get(code="land"),
            "unit": units["van_du"],
            "title": "Khiếu nại quyết định thu hồi đất",
            "content": "Tôi không đồng ý với mức bồi thường khi thu hồi đất của gia đình.",
            "act_complained_of": "Quyết định số 12/QĐ-UBND về thu hồi đất",
            "respondent": "Chủ tịch UBND thị trấn Vân Du",
            "learned_on": timezone.localdate() - dt.timedelta(days=10),
            "name": "Hoàng Văn Khải",
            "phone": "0987 333 444",
        }
        data.update(kw)
        return complaint_services.complaint_submit(**data)[0]

    return _make
