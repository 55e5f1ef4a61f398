"""Each checklist criterion shows the unit's live figure under its key, from whatever providers
are registered; a key nobody provides shows "no figure"."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from thanthien.core import figures
from thanthien.core.figures import Figure


@pytest.fixture
def dialogue_provider(monkeypatch):
    calls = []

    def provider(unit, start, end):
        calls.append((unit.code, start, end))
        return [
            Figure(key="meetings.dialogues_held", label="Hội nghị đối thoại", value=2),
            Figure(
                key="meetings.commitments_kept",
                label="Cam kết đã thực hiện",
                numerator=3,
                denominator=4,
                unit="%",
            ),
        ]

    # Only the petitions' real provider beside this stand-in: the other apps' keys stay unprovided.
    monkeypatch.setattr(
        figures,
        "_PROVIDERS",
        {"petitions": figures._PROVIDERS["petitions"], "test-meetings": provider},
    )
    return calls


def test_the_checklist_shows_live_figures_and_no_figure(
    plan149, units, district_supervisor, dialogue_provider
):
    inspection = plan149.inspections.get(unit=units["van_du"])
    response = client_for(district_supervisor).get(
        reverse("rollout_inspection", args=[inspection.pk])
    )
    text = response.content.decode()
    assert dialogue_provider == [
        ("15190", inspection.held_on.replace(month=1, day=1), inspection.held_on)
    ]
    assert "Hội nghị đối thoại: 2" in text
    assert "Cam kết đã thực hiện: 75,0% (3/4)" in text  # Vietnamese decimal comma
    # Registered by nobody here: disclosure.compliance, participation.opinions_answered.
    assert text.count("no figure") + text.count("chưa có số liệu") == 3
    # The petitions provider is real: its figure is there for the petitions criterion.
    assert "trả lời đúng hạn: " in text


def test_without_the_provider_the_criterion_says_no_figure(
    plan149, units, district_supervisor, monkeypatch
):
    monkeypatch.setattr(figures, "_PROVIDERS", {"petitions": figures._PROVIDERS["petitions"]})
    inspection = plan149.inspections.get(unit=units["van_du"])
    text = (
        client_for(district_supervisor)
        .get(reverse("rollout_inspection", args=[inspection.pk]))
        .content.decode()
    )
    assert text.count("no figure") + text.count("chưa có số liệu") == 5


def test_every_demo_criterion_has_a_live_figure_from_the_apps(plan149, units, district_supervisor):
    """With disclosure, participation and meetings registered, no demo criterion lacks evidence."""
    assert {"petitions", "disclosure", "participation", "meetings"} <= set(figures.providers())
    inspection = plan149.inspections.get(unit=units["van_du"])
    text = (
        client_for(district_supervisor)
        .get(reverse("rollout_inspection", args=[inspection.pk]))
        .content.decode()
    )
    assert text.count("no figure") + text.count("chưa có số liệu") == 0
