"""Petitions' figures for inspections and reviews (``thanthien.core.figures``): handled on time among
those due in the period, received, still open past their deadline, and the average rating."""

import datetime as dt

from django.utils import timezone

from tests.petitions.test_figures import (  # noqa: F401  (fixtures)
    answer,
    at,
    known_set,
    month_start,
    petition_on,
)
from thanthien.core.figures import figure_map, providers
from thanthien.petitions.figures import petitions_figures


def _month_end(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def test_it_is_registered():
    assert providers()["petitions"] is petitions_figures


def test_it_counts_one_month_of_a_commune(known_set, units):  # noqa: F811
    a = month_start(3)
    figures = figure_map(units["van_du"], a, _month_end(a))
    on_time = figures["petitions.on_time"]
    # Due that month: the one answered on time, the late one, the open one; the merged duplicate
    # counts nowhere.
    assert (on_time.numerator, on_time.denominator, on_time.rate) == (1, 3, 33.3)
    assert figures["petitions.received"].value == 3
    assert figures["petitions.overdue_open"].value == 1
    assert figures["petitions.rating"].value == 3.5  # 5 and 2; the duplicate's 1 is not counted
    assert "unit=" in on_time.url


def test_it_covers_the_units_below(known_set, units):  # noqa: F811
    today = timezone.localdate()
    figures = figure_map(units["district"], month_start(3), today)
    on_time = figures["petitions.on_time"]
    # Vân Du's five due by today (not the one due in five days) and Kim Tân's one.
    assert (on_time.numerator, on_time.denominator) == (3, 5)
    assert figures["petitions.received"].value == 6
    assert figures["petitions.rating"].value == 3.5


def test_a_unit_without_petitions_has_no_rate_and_no_rating(units):
    figures = figure_map(units["thach_binh"], dt.date(2001, 1, 1), dt.date(2001, 12, 31))
    assert figures["petitions.on_time"].rate is None
    assert figures["petitions.received"].value == 0
    assert "petitions.rating" not in figures
