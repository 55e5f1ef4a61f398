"""Which days are off: the statutory public holidays, the announced decisions, and what the
``holidays`` package lists beyond them.

The package (country VN) knows the public holidays of the Labour Code with their lunar dates and the
days in lieu; it also lists days no decision here confirms (a swapped day it learned of, "Vietnam
Cultural Day" on 24 November pending an amendment of Art. 112). Those are candidates: shown to
administrators as "to be confirmed" and not applied to any deadline until an administrator confirms
one, which writes it down as a ``CalendarDay`` (LEGAL.md, "Calendar decisions").
"""

import datetime as dt
import functools
from dataclasses import dataclass

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .audit import audit_record
from .models import CalendarDay

LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"

# The package's (English) names of the public holidays of Labour Code 2019, Art. 112(1): 11 days.
# Which 5 days of Tết and which day next to 2 September are set each year (Art. 112(3)); the package
# names them as below.
STATUTORY_HOLIDAYS: dict[str, str] = {
    "New Year's Day": "Art. 112(1)(a)",
    "29 of Lunar New Year": "Art. 112(1)(b)",
    "Lunar New Year's Eve": "Art. 112(1)(b)",
    "Lunar New Year": "Art. 112(1)(b)",
    "Second Day of Lunar New Year": "Art. 112(1)(b)",
    "Third Day of Lunar New Year": "Art. 112(1)(b)",
    "Fourth Day of Lunar New Year": "Art. 112(1)(b)",
    "Fifth Day of Lunar New Year": "Art. 112(1)(b)",
    "Liberation Day/Reunification Day": "Art. 112(1)(c)",
    "International Labor Day": "Art. 112(1)(d)",
    "National Day": "Art. 112(1)(đ)",
    "Hung Kings' Commemoration Day": "Art. 112(1)(e)",
}
# A holiday falling on the weekly rest day is taken on the next working day (Art. 111(3)).
OBSERVED_SUFFIX = " (observed)"


def is_statutory(name: str) -> bool:
    return name.removesuffix(OBSERVED_SUFFIX) in STATUTORY_HOLIDAYS


@functools.lru_cache(maxsize=64)
def package_days(year: int, language: str = "en_US") -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language=language)


@functools.lru_cache(maxsize=64)
def statutory_days(year: int) -> frozenset[dt.date]:
    """The public holidays (and days in lieu) of ``year`` that apply without any decision."""
    days = package_days(year)
    return frozenset(day for day in days if any(map(is_statutory, days.get_list(day))))


def _package_language() -> str:
    return "vi" if (translation.get_language() or "vi").startswith("vi") else "en_US"


@dataclass(frozen=True)
class Candidate:
    date: dt.date
    kind: str
    name: str  # in the package's English, for the record
    label: str  # in the reader's language


def candidates(year: int) -> dict[dt.date, Candidate]:
    """What the package lists for ``year`` beyond the statutory holidays: days off, and the
    make-up working Saturdays that come with its swaps."""
    english, local = package_days(year), package_days(year, _package_language())
    found = {
        day: Candidate(day, CalendarDay.Kind.DAY_OFF, english[day], local[day])
        for day in sorted(english)
        if day not in statutory_days(year)
    }
    for day in sorted(english.weekend_workdays):
        if day.year == year:
            found[day] = Candidate(
                day, CalendarDay.Kind.WORKING_DAY, "make-up working day", _("Make-up working day")
            )
    return dict(sorted(found.items()))


class Status:
    STATUTORY = "statutory"
    DECIDED = "decided"
    TO_CONFIRM = "to_confirm"


@dataclass(frozen=True)
class YearDay:
    date: dt.date
    kind: str
    name: str
    status: str
    source: str
    note: str = ""

    @property
    def is_day_off(self) -> bool:
        return self.kind == CalendarDay.Kind.DAY_OFF

    @property
    def to_confirm(self) -> bool:
        return self.status == Status.TO_CONFIRM


def year_days(year: int) -> list[YearDay]:
    """Every day of ``year`` that differs from the plain week, for administrators: statutory
    holidays, announced days (confirmed or not), and the package's candidates."""
    local = package_days(year, _package_language())
    rows: dict[dt.date, YearDay] = {}
    for day in statutory_days(year):
        rows[day] = YearDay(
            day, CalendarDay.Kind.DAY_OFF, local.get(day, ""), Status.STATUTORY, LABOUR_CODE
        )
    for day, candidate in candidates(year).items():
        rows[day] = YearDay(day, candidate.kind, candidate.label, Status.TO_CONFIRM, "")
    for entered in CalendarDay.objects.filter(date__year=year):
        rows[entered.date] = YearDay(
            entered.date,
            entered.kind,
            local.get(entered.date) or entered.note or entered.get_kind_display(),
            Status.DECIDED if entered.verified else Status.TO_CONFIRM,
            entered.source,
            entered.note,
        )
    return [rows[day] for day in sorted(rows)]


def _vietnamese_note(candidate: Candidate) -> str:
    # Notes are data, kept in Vietnamese whatever the administrator's language.
    with translation.override("vi"):
        if candidate.kind == CalendarDay.Kind.WORKING_DAY:
            return _("Make-up working day")
        return package_days(candidate.date.year, "vi").get(candidate.date, "")[:200]


@transaction.atomic
def calendar_day_confirm(*, day: dt.date, source: str = "") -> CalendarDay:
    """An administrator confirms a shipped day whose letter was not verified, or a day the package
    lists that no decision confirmed: from now on it applies. Nothing an administrator entered is
    overwritten but the mark (and the source, when one is given)."""
    source = source.strip()[:200]
    entered = CalendarDay.objects.select_for_update().filter(date=day).first()
    if entered is not None:
        if entered.verified:
            raise ValidationError(_("This day is already confirmed."))
        entered.verified = True
        fields = ["verified"]
        if source:
            entered.source = source
            fields.append("source")
        entered.save(update_fields=fields)
        confirmed = entered
    else:
        candidate = candidates(day.year).get(day)
        if candidate is None:
            raise ValidationError(_("There is nothing to confirm on this day."))
        confirmed = CalendarDay.objects.create(
            date=day,
            kind=candidate.kind,
            note=_vietnamese_note(candidate),
            source=source or f"holidays {holidays.__version__}: {candidate.name}"[:200],
            verified=True,
        )
    audit_record(
        "calendar.day_confirmed",
        obj=confirmed,
        data={"date": day.isoformat(), "kind": confirmed.kind, "source": confirmed.source},
    )
    return confirmed
