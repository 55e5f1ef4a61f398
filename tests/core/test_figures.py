import datetime as dt

import pytest

from thanthien.core import figures
from thanthien.core.figures import Figure, figure_map, figures_for, register_figures
from thanthien.core.models import AdminUnit


def test_a_rate_is_numerator_over_denominator_and_none_when_nothing_was_due():
    assert Figure("x.rate", "x", numerator=3, denominator=4).rate == 75.0
    assert Figure("x.rate", "x", numerator=0, denominator=0).rate is None
    assert Figure("x.count", "x", value=7).shown == 7
    assert Figure("x.rate", "x", numerator=1, denominator=3).shown == 33.3


@pytest.mark.django_db
def test_providers_are_asked_for_the_unit_and_period(monkeypatch):
    monkeypatch.setattr(figures, "_PROVIDERS", {})
    seen = []

    def provider(unit, start, end):
        seen.append((unit.pk, start, end))
        return [Figure("test.count", "count", value=unit.pk)]

    register_figures("test", provider)
    register_figures("test", provider)  # the same function again is harmless
    with pytest.raises(ValueError):
        register_figures("test", lambda *args: [])
    unit = AdminUnit.objects.first()
    start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    assert figure_map(unit, start, end)["test.count"].value == unit.pk
    assert seen == [(unit.pk, start, end)]
    with pytest.raises(ValueError):
        figures_for(unit, end, start)
