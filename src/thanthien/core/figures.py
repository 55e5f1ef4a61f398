"""Each app's figures about a unit, gathered in one place for inspections, reviews and dashboards.

An app registers a provider in its ``AppConfig.ready()``::

    register_figures("petitions", petitions_figures)

A provider takes a unit (the figures cover it and every unit below it) and a period (both days
included) and returns a list of ``Figure``. Apps never read each other's models for figures: they
ask ``figures_for`` and get what the registered providers compute.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .models import AdminUnit


@dataclass(frozen=True)
class Figure:
    """One measured figure: ``numerator`` of ``denominator`` when it is a rate, else ``value``."""

    key: str  # stable, dotted: "petitions.on_time", "disclosure.compliance"
    label: str  # translated, for people
    value: float | int | None = None
    numerator: int | None = None
    denominator: int | None = None
    unit: str = ""  # "%" for rates, "" for counts, or a measure ("VND", "người")
    url: str = ""  # where the evidence can be read

    @property
    def rate(self) -> float | None:
        """numerator / denominator as a percentage, or None when nothing was due."""
        if self.numerator is None or not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator, 1)

    @property
    def shown(self) -> float | int | None:
        return self.rate if self.denominator is not None else self.value


Provider = Callable[[AdminUnit, dt.date, dt.date], list[Figure]]

_PROVIDERS: dict[str, Provider] = {}


def register_figures(name: str, provider: Provider) -> None:
    """Declare an app's provider (once per name; registering the same function again is harmless)."""
    if name in _PROVIDERS and _PROVIDERS[name] is not provider:
        raise ValueError(f"figures provider {name!r} registered twice")
    _PROVIDERS[name] = provider


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def figures_for(unit: AdminUnit, start: dt.date, end: dt.date) -> list[Figure]:
    """Every registered provider's figures for ``unit`` (and below) from ``start`` to ``end``."""
    if end < start:
        raise ValueError("the period ends before it starts")
    figures: list[Figure] = []
    for provider in _PROVIDERS.values():
        figures.extend(provider(unit, start, end))
    return figures


def figure_map(unit: AdminUnit, start: dt.date, end: dt.date) -> dict[str, Figure]:
    return {figure.key: figure for figure in figures_for(unit, start, end)}
