"""Which required disclosures each commune made, on time or late, and which are due or missing.

An obligation is one requirement for one commune and one period (a year, or a quarter of it) whose
deadline falls in the period asked about. Its status on ``today``:

- done: a disclosure of the category for that commune and period started on or before the deadline;
- late: it started after the deadline;
- due: none yet, and the deadline has not passed;
- missing: none, and the deadline has passed.

The compliance rate is done ÷ (done + late + missing): obligations still due count for nobody yet.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from thanthien.core.models import AdminUnit

from .models import Disclosure, Requirement

DONE, LATE, DUE, MISSING = "done", "late", "due", "missing"
STATUSES = (DONE, LATE, DUE, MISSING)


@dataclass
class Obligation:
    unit: AdminUnit
    requirement: Requirement
    year: int
    quarter: int | None
    due_on: dt.date
    disclosure_id: int | None
    disclosed_on: dt.date | None
    status: str


@dataclass
class Tally:
    unit: AdminUnit
    counts: Counter = field(default_factory=Counter)

    @property
    def required(self) -> int:
        return self.counts[DONE] + self.counts[LATE] + self.counts[MISSING]

    @property
    def rate(self) -> float | None:
        return round(100 * self.counts[DONE] / self.required, 1) if self.required else None


def _quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def _periods(requirement: Requirement, years: range):
    for year in years:
        if requirement.frequency == Requirement.Frequency.QUARTERLY:
            for quarter in range(1, 5):
                yield year, quarter, *_quarter_bounds(year, quarter)
        else:
            yield year, None, dt.date(year, 1, 1), dt.date(year, 12, 31)


def communes_under(unit: AdminUnit, start: dt.date, end: dt.date) -> list[AdminUnit]:
    qs = AdminUnit.objects.filter(path__startswith=unit.path, level=AdminUnit.Level.COMMUNE)
    qs = qs.exclude(valid_from__gt=end).exclude(valid_to__lt=start)
    return list(qs.order_by("name"))


def obligations(unit: AdminUnit, start: dt.date, end: dt.date, today: dt.date) -> list[Obligation]:
    """Every obligation of the communes at or under ``unit`` whose deadline is in [start, end]."""
    communes = communes_under(unit, start, end)
    requirements = list(Requirement.objects.filter(is_active=True).select_related("category"))
    if not communes or not requirements:
        return []
    years = range(start.year - 1, end.year + 1)
    first: dict[tuple, tuple[dt.date, int]] = {}
    rows = Disclosure.objects.filter(
        unit__in=communes,
        category__in={r.category_id for r in requirements},
        period_year__in=list(years),
    ).values_list("unit_id", "category_id", "period_year", "period_quarter", "starts_on", "id")
    for unit_id, category_id, year, quarter, starts_on, pk in rows:
        for key in ((unit_id, category_id, year, quarter), (unit_id, category_id, year, "any")):
            if key not in first or (starts_on, pk) < first[key]:
                first[key] = (starts_on, pk)
    found: list[Obligation] = []
    for commune in communes:
        for requirement in requirements:
            for year, quarter, p_start, p_end in _periods(requirement, years):
                reference = (
                    p_start
                    if requirement.reference == Requirement.Reference.PERIOD_START
                    else p_end
                )
                due_on = reference + dt.timedelta(days=requirement.due_days)
                if not (start <= due_on <= end):
                    continue
                if commune.valid_to and commune.valid_to < due_on:
                    continue
                key_quarter = quarter if quarter is not None else "any"
                hit = first.get((commune.pk, requirement.category_id, year, key_quarter))
                if hit is None:
                    status = DUE if due_on >= today else MISSING
                else:
                    status = DONE if hit[0] <= due_on else LATE
                found.append(
                    Obligation(
                        unit=commune,
                        requirement=requirement,
                        year=year,
                        quarter=quarter,
                        due_on=due_on,
                        disclosure_id=hit[1] if hit else None,
                        disclosed_on=hit[0] if hit else None,
                        status=status,
                    )
                )
    return found


def tallies(items: list[Obligation]) -> list[Tally]:
    by_unit: dict[int, Tally] = {}
    for item in items:
        tally = by_unit.setdefault(item.unit.pk, Tally(unit=item.unit))
        tally.counts[item.status] += 1
    return sorted(by_unit.values(), key=lambda t: t.unit.name)


def total(items: list[Obligation], unit: AdminUnit) -> Tally:
    tally = Tally(unit=unit)
    for item in items:
        tally.counts[item.status] += 1
    return tally
