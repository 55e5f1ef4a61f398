"""The petition core's fixtures, and a denunciation filed through the service or the form."""

import pytest

from tests.petitions.conftest import _media, land, no_approval, submit  # noqa: F401
from thanthien.denunciations import services as denunciation_services
from thanthien.petitions.confidential import Identity
from thanthien.petitions.models import Field


@pytest.fixture
def denunciation(units):
    def _make(**kw):
        data = {
            "field": Field.objects.get(code="land"),
            "unit": units["van_du"],
            "title": "Tố cáo cán bộ nhận tiền",
            "content": "Cán bộ địa chính nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận cho một số hộ.",
            "denounced": "Một cán bộ địa chính thị trấn",
            "identity": Identity(
                name="Người Tố Cáo ZQX", phone="0911 222 333", address="Khu phố 9"
            ),
        }
        data.update(kw)
        return denunciation_services.denunciation_submit(**data)[0]

    return _make


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
