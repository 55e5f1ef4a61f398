"""The official day-off decisions shipped as data, and the days the holidays package adds that only
an administrator's confirmation makes days off (LEGAL.md, "Calendar decisions")."""

import datetime as dt

import pytest

from tests.conftest import client_for
from thanthien.core import daysoff
from thanthien.core.models import AuditEvent, CalendarDay
from thanthien.core.workdays import due_date, is_working_day

D = dt.date
CONFIRM = "/staff/calendar/confirm/"


@pytest.mark.django_db
def test_2_1_2026_is_a_day_off_and_10_1_2026_is_a_working_day():
    assert not is_working_day(D(2026, 1, 1))  # New Year's Day, Labour Code Art. 112
    assert not is_working_day(D(2026, 1, 2))  # swapped off
    assert is_working_day(D(2026, 1, 10))  # Saturday worked in exchange
    # Received Wednesday 31/12/2025: Thursday 1/1 to Sunday 4/1 off; 5, 6, 7, 8, 9 and Saturday 10/1.
    assert due_date(D(2025, 12, 31), 6) == D(2026, 1, 10)
    day = CalendarDay.objects.get(date=D(2026, 1, 2))
    assert day.kind == CalendarDay.Kind.DAY_OFF and "Tết Dương lịch 2026" in day.source


@pytest.mark.django_db
def test_a_10_working_day_deadline_from_9_2_2026_skips_tet_14_22_2_2026():
    # Monday 9/2: 10, 11, 12, 13 Feb; Tết 14–22 Feb; 23, 24, 25, 26, 27 Feb and Monday 2 March.
    assert due_date(D(2026, 2, 9), 10) == D(2026, 3, 2)
    assert all(not is_working_day(D(2026, 2, d)) for d in range(14, 23))


@pytest.mark.django_db
def test_the_2025_swap_of_2_5_with_saturday_26_4_is_shipped():
    assert not is_working_day(D(2025, 5, 2))
    assert is_working_day(D(2025, 4, 26))


@pytest.mark.django_db
def test_shipped_decisions_never_overwrite_what_an_administrator_entered():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("thanthien.core.migrations.0004_calendar_decisions")
    day = CalendarDay.objects.get(date=D(2026, 1, 2))
    day.kind, day.note, day.verified = CalendarDay.Kind.WORKING_DAY, "entered", True
    day.save()
    migration.add_days(apps, None)
    day.refresh_from_db()
    assert (day.kind, day.note, day.verified) == ("working_day", "entered", True)


def test_the_statutory_holidays_are_the_labour_codes_eleven_days():
    # 2026: 1/1; Tết 16–20/2; Hùng Kings 26/4 (Sunday, in lieu 27/4); 30/4; 1/5; 1–2/9.
    assert daysoff.statutory_days(2026) == {
        D(2026, 1, 1),
        *[D(2026, 2, d) for d in range(16, 21)],
        D(2026, 4, 26),
        D(2026, 4, 27),
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 9, 1),
        D(2026, 9, 2),
    }


@pytest.mark.django_db
def test_24_11_is_not_a_day_off_until_an_administrator_confirms_it(district_admin):
    if D(2026, 11, 24) not in daysoff.package_days(2026):
        pytest.skip("this version of the holidays package does not list Vietnam Cultural Day")
    # Tuesday 24/11/2026: a working day, so a 1-day period from Monday 23/11 ends on it.
    assert is_working_day(D(2026, 11, 24))
    assert due_date(D(2026, 11, 23), 1) == D(2026, 11, 24)
    page = client_for(district_admin).get("/staff/calendar/", {"year": "2026"})
    row = next(d for d in page.context["days"] if d.date == D(2026, 11, 24))
    assert row.status == "to_confirm"
    assert "Ngày Văn hóa Việt Nam" in page.content.decode()

    response = client_for(district_admin).post(
        CONFIRM, {"date": "2026-11-24", "source": "Nghị quyết số 1/2026"}
    )

    assert response.status_code == 302 and response["Location"].endswith("?year=2026")
    assert not is_working_day(D(2026, 11, 24))
    assert due_date(D(2026, 11, 23), 1) == D(2026, 11, 25)
    day = CalendarDay.objects.get(date=D(2026, 11, 24))
    assert (day.kind, day.verified, day.source) == ("day_off", True, "Nghị quyết số 1/2026")
    event = AuditEvent.objects.get(action="calendar.day_confirmed")
    assert event.actor == district_admin and event.data["date"] == "2026-11-24"


@pytest.mark.django_db
def test_confirming_the_packages_swap_makes_31_8_off_and_saturday_22_8_worked(district_admin):
    if D(2026, 8, 22) not in daysoff.package_days(2026).weekend_workdays:
        pytest.skip("this version of the holidays package does not swap 31/8/2026")
    client = client_for(district_admin)
    client.post(CONFIRM, {"date": "2026-08-31"})
    client.post(CONFIRM, {"date": "2026-08-22"})
    assert due_date(D(2026, 8, 21), 1) == D(2026, 8, 22)
    assert due_date(D(2026, 8, 28), 3) == D(2026, 9, 7)


@pytest.mark.django_db
def test_an_administrator_confirms_a_shipped_day_and_writes_in_its_letter(district_admin):
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).verified is False

    response = client_for(district_admin).post(
        CONFIRM, {"date": "2026-02-14", "source": "Công văn số 123/BNV"}
    )

    assert response.status_code == 302
    day = CalendarDay.objects.get(date=D(2026, 2, 14))
    assert (day.kind, day.verified, day.source) == ("day_off", True, "Công văn số 123/BNV")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "date",
    [
        "2026-03-10",  # a plain Tuesday: nothing to confirm
        "2026-01-01",  # a statutory holiday: nothing to confirm
        "10/01/2026",  # not a date
        "",
    ],
)
def test_there_is_nothing_to_confirm_and_nothing_is_saved(district_admin, date):
    before = CalendarDay.objects.count()
    response = client_for(district_admin).post(CONFIRM, {"date": date})
    assert response.status_code == 302
    assert CalendarDay.objects.count() == before
    assert not AuditEvent.objects.filter(action="calendar.day_confirmed").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["citizen", "clerk", "handler", "chairman", "district_supervisor", "other_official"]
)
def test_only_an_administrator_confirms_a_day(request, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(CONFIRM, {"date": "2026-11-24"})
    assert response.status_code in (403, 404)
    response = client_for(user).post(CONFIRM, {"date": "2026-02-14"})
    assert response.status_code in (403, 404)
    assert not CalendarDay.objects.filter(date=D(2026, 11, 24)).exists()
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).verified is False
    assert not AuditEvent.objects.filter(action="calendar.day_confirmed").exists()


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in_and_nothing_is_saved():
    response = client_for(None).post(CONFIRM, {"date": "2026-11-24"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not CalendarDay.objects.filter(date=D(2026, 11, 24)).exists()


@pytest.mark.django_db
def test_confirming_takes_a_post(district_admin):
    assert client_for(district_admin).get(CONFIRM, {"date": "2026-11-24"}).status_code == 405


@pytest.mark.django_db
def test_the_calendar_page_shows_vietnamese_names_and_dd_mm_yyyy_dates(district_admin):
    body = client_for(district_admin).get("/staff/calendar/", {"year": "2026"}).content.decode()
    for name in [
        "Tết Dương lịch",
        "Giao thừa Tết Nguyên Đán",
        "Ngày Giỗ Tổ Hùng Vương",
        "Quốc khánh",
    ]:
        assert name in body
    for english in ["New Year's Day", "Lunar New Year", "National Day", "Hung Kings"]:
        assert english not in body
    assert "02/01/2026" in body and "10/01/2026" in body and "01/02/2026" not in body
    assert "chờ xác nhận" in body and "Bộ luật Lao động 2019, Điều 112" in body


@pytest.mark.django_db
def test_the_calendar_page_reads_the_year_in_one_query_however_many_days(district_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(district_admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/staff/calendar/", {"year": "2026"}).status_code == 200
        return len(captured)

    before = queries()
    CalendarDay.objects.bulk_create(
        CalendarDay(date=D(2026, 3, 2) + dt.timedelta(days=i), kind="day_off") for i in range(20)
    )
    assert queries() == before
