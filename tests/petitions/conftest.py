import datetime as dt

import pytest
from django.utils import timezone

from thanthien.petitions import services
from thanthien.petitions.models import Field, Petition, UnitPolicy


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def land(db):
    return Field.objects.get(code="land")


@pytest.fixture
def submit(db, units, land):
    """Submit a petition to Vân Du as a named citizen; keyword arguments override the defaults."""

    def _submit(**overrides):
        data = {
            "field": land,
            "unit": units["van_du"],
            "village": units["van_du_village"],
            "title": "Đường khu phố 1 bị sụt lún",
            "content": "Đoạn đường trước nhà văn hóa khu phố 1 bị sụt lún sau mưa, xe máy đi lại nguy hiểm.",
            "name": "Bùi Văn Nam",
            "phone": "0987 111 222",
            "consent_publish": True,
        }
        data.update(overrides)
        petition, created = services.petition_submit(**data)
        return petition

    return _submit


@pytest.fixture
def no_approval(units):
    """Vân Du lets handlers send answers without a leader's approval."""
    return UnitPolicy.objects.create(unit=units["van_du"], answer_needs_approval=False)


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


def fresh(p):
    return Petition.objects.get(pk=p.pk)


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
