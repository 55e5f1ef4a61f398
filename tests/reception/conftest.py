"""Fixtures and helpers of the citizen reception tests: Vân Du's regular Thursday, a visit recorded
by its clerk, a denouncer who must never appear in the log. Media files go to a temporary folder, as
in the petition core's tests."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from tests.petitions.conftest import _media  # noqa: F401  (media files go to a temporary folder)
from thanthien.petitions.models import Field, Kind, ReceptionVisit
from thanthien.reception import services

D = dt.date
T = dt.time
THURSDAY = 3
DENOUNCER = "Người Tố Cáo QWZ"
DENOUNCER_ADDRESS = "Số 9 ngõ Bí Mật"
DENOUNCER_ID = "038099001234"
_serial = itertools.count(1)


def today() -> dt.date:
    return timezone.localdate()


def next_weekday(weekday: int, after: dt.date | None = None) -> dt.date:
    """The first ``weekday`` strictly after ``after`` (today) that is a working day."""
    from thanthien.core.workdays import is_working_day

    day = (after or today()) + dt.timedelta(days=1)
    while day.weekday() != weekday or not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def van_du(units):
    return units["van_du"]


@pytest.fixture
def land(db):
    return Field.objects.get(code="land")


@pytest.fixture
def add_rule(van_du, chairman):
    """A regular day of Vân Du, received by the chairman; keywords override the defaults."""

    def _add(**kw):
        data = {
            "unit": van_du,
            "actor": chairman,
            "weekday": THURSDAY,
            "start_time": T(7, 30),
            "end_time": T(11, 0),
            "place": "Phòng tiếp công dân UBND thị trấn",
            "host": chairman,
            "capacity": 10,
            "valid_from": today(),
        }
        data.update(kw)
        return services.rule_create(**data)

    return _add


@pytest.fixture
def record(van_du, clerk, land):
    """Record a visit to Vân Du as the clerk; keywords override the defaults."""

    def _record(**kw):
        n = next(_serial)
        data = {
            "unit": van_du,
            "actor": clerk,
            "received_on": today(),
            "kind": Kind.FEEDBACK,
            "name": "Bùi Văn Nam",
            "address": "Khu phố 1, thị trấn Vân Du",
            "id_number": "038 085 001 234",
            "phone": "0987 111 222",
            "content": f"Đường khu phố 1 bị sụt lún sau mưa, đề nghị sửa chữa (lần {n}).",
            "action": ReceptionVisit.Action.ACCEPT,
            "field": land,
        }
        data.update(kw)
        return services.visit_record(**data)[0]

    return _record


def denunciation_kwargs(**kw):
    data = {
        "kind": Kind.DENUNCIATION,
        "name": DENOUNCER,
        "address": DENOUNCER_ADDRESS,
        "id_number": DENOUNCER_ID,
        "phone": "0911 222 333",
        "content": "Cán bộ địa chính nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận cho các hộ.",
        "case": {"denounced": "Một cán bộ địa chính thị trấn"},
    }
    data.update(kw)
    return data


def booking_key(rule, day=None) -> str:
    return f"r{rule.pk}-{(day or next_weekday(THURSDAY)):%Y%m%d}"


def rule_post(**kw) -> dict:
    data = {
        "weekday": "3",
        "week_of_month": "",
        "start_time": "07:30",
        "end_time": "11:00",
        "place": "Phòng tiếp công dân",
        "host": "",
        "host_name": "",
        "host_title": "",
        "capacity": "10",
        "valid_from": today().isoformat(),
        "valid_to": "",
    }
    data.update(kw)
    return data
