"""The working-day calendar and the one function that computes legal deadlines.

Counting rules (Civil Code 2015, Art. 147–148; see LEGAL.md): the day of the event is not counted;
a period ends at the end of its last day; when that day is a day off it ends at the end of the next
working day. A working-day period skips weekends, public holidays and announced days off, and counts
announced make-up working Saturdays. A calendar-day period counts every day and then applies the
day-off rule to its last day.

The statutory public holidays, with their lunar dates and days in lieu, come from the ``holidays``
package (country VN); the announced days (``CalendarDay``) win over them. Whatever else the package
lists applies only once an administrator confirms it (``daysoff``).
"""

import datetime as dt
from enum import StrEnum

from django.utils import timezone

from .daysoff import statutory_days
from .models import CalendarDay


class DayCount(StrEnum):
    WORKING = "working"
    CALENDAR = "calendar"


class WorkCalendar:
    """Answers "is this a working day?" for a span of dates with one database query."""

    def __init__(self, first: dt.date, last: dt.date):
        self.first, self.last = first, last
        self.overrides = dict(
            CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "kind")
        )

    def is_working_day(self, day: dt.date) -> bool:
        if not (self.first <= day <= self.last):
            raise ValueError("day outside the loaded span")
        kind = self.overrides.get(day)
        if kind is not None:
            return kind == CalendarDay.Kind.WORKING_DAY
        if day in statutory_days(day.year):
            return False
        return day.weekday() < 5


def _as_local_date(moment: dt.date | dt.datetime) -> dt.date:
    if isinstance(moment, dt.datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


def is_working_day(day: dt.date) -> bool:
    return WorkCalendar(day, day).is_working_day(day)


def due_date(
    event: dt.date | dt.datetime, days: int, count: DayCount | str = DayCount.WORKING
) -> dt.date:
    """The last day of a period of ``days`` days after ``event`` (the event's day not counted)."""
    if days < 0:
        raise ValueError("a period cannot be negative")
    count = DayCount(count)
    start = _as_local_date(event)
    # Enough span for the longest runs of days off (Tết: 9 days) several times over.
    span_end = start + dt.timedelta(days=days * 2 + 40 if count is DayCount.WORKING else days + 40)
    calendar = WorkCalendar(start, span_end)
    day = start
    if count is DayCount.WORKING:
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if calendar.is_working_day(day):
                counted += 1
    else:
        day = start + dt.timedelta(days=days)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in the platform's time zone: when a period ending that day ends."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def working_days_between(first: dt.date | dt.datetime, last: dt.date | dt.datetime) -> int:
    """Working days after ``first`` up to and including ``last`` (0 when last <= first)."""
    start, end = _as_local_date(first), _as_local_date(last)
    if end <= start:
        return 0
    calendar = WorkCalendar(start, end)
    return sum(
        calendar.is_working_day(start + dt.timedelta(days=i))
        for i in range(1, (end - start).days + 1)
    )
