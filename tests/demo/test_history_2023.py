"""The pilot year measured: with the petitions of 2023 loaded, the inspections and the interim and
final reviews of plan 149-KH/HU read real figures for Vân Du (not "0/0"), on the pages and in the
review reports, whatever the day the demo is loaded."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document

from tests.conftest import client_for
from thanthien.core.figures import figure_map
from thanthien.demo import disclosure, history_2023, participation
from thanthien.demo.petitions import petitions_of
from thanthien.petitions.models import OPEN_STATES, Petition, PetitionEvent

RATE = re.compile(r"(\d+)/(\d+)\)")


@pytest.fixture
def year_2023(plan149):
    """Every story of 2023: the petitions, disclosures, participation, meetings and the plan."""
    summary = history_2023.load()
    disclosure.load()
    participation.load()
    return summary


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_2023_petitions_load_once_all_answered_long_since(db):
    summary = history_2023.load()
    history = petitions_of(history_2023.Year2023.key_prefix)
    assert summary["created"] == summary["total"] == history.count() >= 80
    assert not history.filter(state__in=OPEN_STATES).exists()
    assert {p.received_at.year for p in history} == {2023}
    assert set(history.values_list("unit__code", flat=True)) == {"15190", "15187", "15211"}
    # The three land feedbacks the Front found late on 3 July, answered by the chairman on 12 July.
    late_land = history.filter(
        unit__code="15190", field__code="land", answered_at__date="2023-07-12"
    )
    assert late_land.count() == 3
    assert all(p.deadline.isoformat() < "2023-07-03" for p in late_land)
    counts = (Petition.objects.count(), PetitionEvent.objects.count())
    assert history_2023.load()["created"] == 0
    assert (Petition.objects.count(), PetitionEvent.objects.count()) == counts


def test_the_reviews_measure_vandu_petitions(year_2023, plan149, units):
    van_du, kim_tan = units["van_du"], units["kim_tan"]
    for kind in ("interim", "final"):
        review = plan149.reviews.get(kind=kind)
        figures = figure_map(van_du, review.period_from, review.period_to)
        on_time = figures["petitions.on_time"]
        assert 0 < on_time.numerator < on_time.denominator, kind  # mostly on time, not all
        assert figures["petitions.received"].value > 0, kind
        assert "petitions.rating" in figures, kind
    # By the final review every rate of Vân Du has something to measure.
    assert not [key for key, f in figures.items() if f.denominator == 0]
    # The replication unit that was found with overdue petitions answered on time less often.
    theirs = figure_map(kim_tan, review.period_from, review.period_to)["petitions.on_time"]
    assert theirs.denominator > 0 and theirs.rate < on_time.rate


def test_the_inspection_page_and_the_review_report_show_real_figures(
    year_2023, plan149, units, district_supervisor
):
    client = client_for(district_supervisor)
    inspection = plan149.inspections.get(unit=units["van_du"])
    page = client.get(reverse("rollout_inspection", args=[inspection.pk])).content.decode()
    shown = re.search(r"trả lời đúng hạn: [\d,]+% \((\d+)/(\d+)\)", page)
    assert shown and int(shown[2]) > 0

    for kind in ("interim", "final"):
        review = plan149.reviews.get(kind=kind)
        url = reverse("rollout_review_document", args=[review.pk, "docx"])
        text = _docx_text(client.get(url, {"unit": units["van_du"].pk}).content)
        row = text[text.index("trả lời đúng hạn") :]
        numerator, denominator = map(int, RATE.search(row).groups())
        assert 0 < numerator <= denominator, kind
