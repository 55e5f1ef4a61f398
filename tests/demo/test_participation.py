"""Participation in Vân Du, 2023: loaded through the services once, shown on the pages, measured by
the figures."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from thanthien.core.figures import figure_map
from thanthien.demo import participation
from thanthien.participation.models import (
    Campaign,
    Consultation,
    Contribution,
    FrontReport,
    Household,
    Opinion,
    Recommendation,
    VillageDecision,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Consultation,
    Opinion,
    VillageDecision,
    Household,
    Campaign,
    Contribution,
    FrontReport,
    Recommendation,
]


def test_demo_loads_once_and_shows(units, mttq_officer):
    summary = participation.load()
    assert "consultation #" in summary
    counts = {m: m.objects.count() for m in MODELS}
    participation.load()
    assert counts == {m: m.objects.count() for m in MODELS}
    assert Consultation.objects.filter(version=2, previous__isnull=False).exists()
    decision = VillageDecision.objects.get()
    assert decision.state == VillageDecision.State.PUBLISHED
    assert decision.recognition.state == "recognized"
    states = sorted(Recommendation.objects.values_list("state", flat=True))
    assert states == ["answered", "in_progress", "open"]
    page = client_for(mttq_officer).get(reverse("participation_joint")).content.decode()
    assert "Bố trí lịch tiếp công dân" in page
    assert (
        client_for(None).get(reverse("participation_decision", args=[decision.pk])).status_code
        == 200
    )


def test_figures_from_the_demo(units):
    import datetime as dt

    participation.load()
    figures = figure_map(units["van_du"], dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    answered = figures["participation.opinions_answered"]
    assert (answered.numerator, answered.denominator) == (4, 4)
    on_time = figures["participation.recommendations_answered_on_time"]
    assert (on_time.numerator, on_time.denominator) == (1, 3)
    progress = figures["participation.campaign_progress"]
    assert progress.numerator == 3_300_000 and progress.denominator == 300_000_000
    assert figures["participation.village_decisions"].value == 1
    # Another commune's figures do not include Vân Du's.
    other = figure_map(units["thach_binh"], dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert other["participation.opinions_answered"].denominator == 0
