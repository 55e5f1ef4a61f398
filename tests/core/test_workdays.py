"""Deadlines by the counting rules of LEGAL.md, around Tết, 30/4–1/5, 2/9 and make-up Saturdays."""

import datetime as dt
import zoneinfo

import pytest

from tests.conftest import client_for
from thanthien.core.models import CalendarDay
from thanthien.core.workdays import due_date, end_of_day, is_working_day, working_days_between

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("event", "days", "count", "expected"),
    [
        # Tết 2026: announced off 14–22 February (shipped data); received Friday 13 Feb.
        (D(2026, 2, 13), 10, "working", D(2026, 3, 6)),
        (D(2026, 2, 13), 1, "working", D(2026, 2, 23)),
        # Received on a day off (Tết): the first counted day is the first working day after it.
        (D(2026, 2, 17), 1, "working", D(2026, 2, 23)),
        # Tết 2023 (20–26 January, from the holidays package).
        (D(2023, 1, 19), 1, "working", D(2023, 1, 27)),
        # 30/4 and 1/5 2026 fall on Thursday and Friday.
        (D(2026, 4, 29), 2, "working", D(2026, 5, 5)),
        # Hùng Kings' day 2026 is Sunday 26/4, observed Monday 27/4.
        (D(2026, 4, 24), 1, "working", D(2026, 4, 28)),
        # 2/9 2026: the holidays package swaps 31/8 with Saturday 22/8, but no decision confirms
        # it (yet): 22/8 stays a Saturday and 31/8 a working Monday; 1–2/9 are National Day.
        (D(2026, 8, 21), 1, "working", D(2026, 8, 24)),
        (D(2026, 8, 28), 3, "working", D(2026, 9, 4)),
        # A plain week: Monday + 5 working days = next Monday.
        (D(2026, 11, 2), 5, "working", D(2026, 11, 9)),
        # Calendar days: 30 days from 15/1/2026 is Saturday 14/2 (Tết): ends on the next working day.
        (D(2026, 1, 15), 30, "calendar", D(2026, 2, 23)),
        # Calendar days ending on a working day stay as they are.
        (D(2026, 3, 2), 10, "calendar", D(2026, 3, 12)),
        # Zero days: the same day if it is a working day.
        (D(2026, 3, 2), 0, "working", D(2026, 3, 2)),
    ],
)
def test_due_date(event, days, count, expected):
    assert due_date(event, days, count) == expected


@pytest.mark.django_db
def test_an_announced_make_up_saturday_counts_and_an_announced_day_off_does_not():
    assert due_date(D(2026, 3, 6), 1) == D(2026, 3, 9)
    CalendarDay.objects.create(date=D(2026, 3, 7), kind=CalendarDay.Kind.WORKING_DAY)
    assert due_date(D(2026, 3, 6), 1) == D(2026, 3, 7)
    CalendarDay.objects.create(date=D(2026, 3, 9), kind=CalendarDay.Kind.DAY_OFF)
    assert due_date(D(2026, 3, 7), 1) == D(2026, 3, 10)
    assert not is_working_day(D(2026, 3, 9))


@pytest.mark.django_db
def test_the_day_of_the_event_is_taken_in_vietnam_time():
    # 23:30 in Hà Nội on Thursday 26 Nov 2026 is 16:30 UTC the same day; 01:00 on Friday 27 Nov is
    # 18:00 UTC on the 26th, and must count as received on Friday.
    late_thursday = dt.datetime(2026, 11, 26, 16, 30, tzinfo=dt.UTC)
    early_friday = dt.datetime(2026, 11, 26, 18, 0, tzinfo=dt.UTC)
    assert due_date(late_thursday, 1) == D(2026, 11, 27)
    assert due_date(early_friday, 1) == D(2026, 11, 30)


@pytest.mark.django_db
def test_a_period_ends_at_the_end_of_its_last_day_in_vietnam_time():
    moment = end_of_day(D(2026, 3, 6))
    local = moment.astimezone(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (local.date(), local.hour, local.minute) == (D(2026, 3, 6), 23, 59)


def test_a_negative_period_is_refused():
    with pytest.raises(ValueError):
        due_date(D(2026, 3, 2), -1)


@pytest.mark.django_db
def test_working_days_between():
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0


@pytest.mark.django_db
def test_the_calendar_page_computes_a_deadline(district_admin):
    response = client_for(district_admin).get(
        "/staff/calendar/",
        {"start": "2026-02-13", "days": "10", "count": "working", "year": "2026"},
    )
    assert response.status_code == 200
    assert response.context["result"]["date"] == D(2026, 3, 6)


@pytest.mark.django_db
def test_administrator_enters_a_make_up_working_day(district_admin):
    response = client_for(district_admin).post(
        "/staff/calendar/",
        {"date": "2026-03-14", "kind": "working_day", "note": "Làm bù", "source": "CV 1"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2026, 3, 14)).kind == "working_day"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"date": "", "kind": "day_off"},
        {"date": "31/02/2026", "kind": "day_off"},
        {"date": "2026-03-10", "kind": "holiday"},
        {"date": "2026-03-10", "kind": "working_day"},  # a Tuesday is already a working day
        {"date": "2026-02-14", "kind": "day_off"},  # already entered (Tết)
        {"date": "1800-01-01", "kind": "day_off"},
    ],
)
def test_bad_calendar_input_is_refused_and_nothing_is_saved(district_admin, data):
    before = CalendarDay.objects.count()
    response = client_for(district_admin).post("/staff/calendar/", data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert CalendarDay.objects.count() == before


@pytest.mark.django_db
def test_bad_deadline_question_gets_a_message(district_admin):
    response = client_for(district_admin).get(
        "/staff/calendar/", {"start": "x", "days": "-3", "count": "w"}
    )
    assert response.status_code == 200
    assert set(response.context["check"].errors) == {"start", "days", "count"}
    assert response.context["result"] is None
