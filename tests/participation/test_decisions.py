"""Village decisions: households from a spreadsheet, ballots, show of hands, the rule, recognition."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from tests.conftest import client_for
from thanthien.participation import selectors, services
from thanthien.participation.models import Ballot, Household, RecognitionTask, VillageDecision

pytestmark = pytest.mark.django_db


def csv_file(rows, name="ho.csv"):
    text = "\n".join(",".join(r) for r in rows)
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows):
    wb = Workbook()
    for r in rows:
        wb.active.append(list(r))
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("ho.xlsx", buffer.getvalue())


HOUSEHOLDS = [["Số hộ", "Chủ hộ", "Người đại diện"]] + [
    [f"H{n:02d}", f"Chủ hộ {n}", f"Đại diện {n}"] for n in range(1, 11)
]


@pytest.fixture
def make_decision(units, clerk, today):
    def _make(method="ballot", households=HOUSEHOLDS, open_=True, **overrides):
        data = {
            "actor": clerk,
            "village": units["van_du_village"],
            "title": "Đóng góp làm đường bê tông khu phố 1",
            "method": method,
            "opens_on": today - dt.timedelta(days=1),
            "closes_on": today + dt.timedelta(days=1),
            "options": ["Đồng ý mức 500.000 đ/hộ", "Không đồng ý"],
            "counting_committee": ["Ông A", "Bà B", "Ông C"] if method == "ballot" else [],
        }
        data.update(overrides)
        decision = services.decision_create(**data)
        if households:
            services.households_import(decision=decision, actor=clerk, upload=csv_file(households))
        if open_:
            services.decision_open(decision=decision, actor=clerk)
        return decision

    return _make


def test_households_import_from_xlsx_and_csv(make_decision, clerk):
    decision = make_decision(households=None, open_=False)
    assert (
        services.households_import(decision=decision, actor=clerk, upload=xlsx_file(HOUSEHOLDS))
        == 10
    )
    assert decision.households.get(code="H03").representative == "Đại diện 3"
    # Importing again replaces the list.
    assert (
        services.households_import(decision=decision, actor=clerk, upload=csv_file(HOUSEHOLDS[:4]))
        == 3
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (HOUSEHOLDS[:3] + [["", "Không số", ""]] + HOUSEHOLDS[3:], "Row 4"),
        (HOUSEHOLDS[:3] + [["H01", "Trùng", ""]], "Row 4"),
        ([["Số hộ", "Chủ hộ", "Người đại diện"]], "no households"),
    ],
)
def test_bad_household_file_names_the_row_and_saves_nothing(make_decision, clerk, rows, message):
    decision = make_decision(households=None, open_=False)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.households_import(decision=decision, actor=clerk, upload=csv_file(rows))
    assert message in str(error.value)
    assert not Household.objects.filter(decision=decision).exists()


def test_bad_household_file_through_the_page(make_decision, clerk):
    decision = make_decision(households=None, open_=False)
    url = reverse("participation_decision_act", args=[decision.pk, "households"])
    response = client_for(clerk).post(
        url, {"file": SimpleUploadedFile("ho.txt", b"abc")}, follow=True
    )
    assert "xlsx" in response.content.decode()
    assert not decision.households.exists()


def test_secret_ballot_counted_with_spoiled_and_passes(make_decision, clerk, today):
    decision = make_decision()
    for code in ["H01", "H02", "H03", "H04", "H05"]:
        services.ballot_record(decision=decision, actor=clerk, household_code=code, option_number=1)
    services.ballot_record(decision=decision, actor=clerk, household_code="H06", option_number=2)
    services.ballot_record(
        decision=decision, actor=clerk, household_code="H07", option_number=None, spoiled=True
    )
    outcome = services.decision_count(decision=decision, actor=clerk)
    assert outcome.participants == 7 and outcome.spoiled == 1
    assert outcome.passed.number == 1  # 5 × 2 = 10 > 7
    assert "5 × 2 = 10 > 7" in outcome.options[0].arithmetic


def test_a_household_voting_twice_is_refused(make_decision, clerk):
    decision = make_decision()
    services.ballot_record(decision=decision, actor=clerk, household_code="H01", option_number=1)
    with pytest.raises(ValidationError, match="H01"):
        services.ballot_record(
            decision=decision, actor=clerk, household_code="H01", option_number=2
        )
    assert Ballot.objects.filter(decision=decision).count() == 1


def test_twice_through_the_page_shows_the_message(make_decision, clerk):
    decision = make_decision()
    url = reverse("participation_decision_act", args=[decision.pk, "ballot"])
    client_for(clerk).post(url, {"household": "H01", "option": 1})
    response = client_for(clerk).post(url, {"household": "H01", "option": 2}, follow=True)
    assert "H01" in response.content.decode()
    assert Ballot.objects.filter(decision=decision).count() == 1


def test_no_vote_outside_the_period(make_decision, clerk, today):
    decision = make_decision()
    with pytest.raises(ValidationError):
        services.ballot_record(
            decision=decision,
            actor=clerk,
            household_code="H01",
            option_number=1,
            today=today + dt.timedelta(days=2),
        )
    with pytest.raises(ValidationError):
        services.ballot_record(
            decision=decision,
            actor=clerk,
            household_code="H01",
            option_number=1,
            today=today - dt.timedelta(days=2),
        )
    draft = make_decision(open_=False, title="Khác")
    with pytest.raises(ValidationError):
        services.ballot_record(decision=draft, actor=clerk, household_code="H01", option_number=1)
    assert not Ballot.objects.exists()


def test_unknown_household_and_missing_option_refused(make_decision, clerk):
    decision = make_decision()
    with pytest.raises(ValidationError):
        services.ballot_record(
            decision=decision, actor=clerk, household_code="H99", option_number=1
        )
    with pytest.raises(ValidationError):
        services.ballot_record(
            decision=decision, actor=clerk, household_code="H01", option_number=7
        )
    assert not Ballot.objects.exists()


def test_show_of_hands_tie_does_not_pass_and_bad_counts_refused(make_decision, clerk):
    decision = make_decision(method="hands")
    with pytest.raises(ValidationError):
        services.hands_result_enter(
            decision=decision, actor=clerk, participants=11, votes={1: 6, 2: 5}
        )
    with pytest.raises(ValidationError):
        services.hands_result_enter(
            decision=decision, actor=clerk, participants=8, votes={1: 6, 2: 5}
        )
    decision.refresh_from_db()
    assert decision.state == VillageDecision.State.OPEN
    outcome = services.hands_result_enter(
        decision=decision, actor=clerk, participants=8, votes={1: 4, 2: 4}
    )
    assert outcome.passed is None


def test_quorum_setting_applied(make_decision, clerk):
    decision = make_decision(method="hands", quorum_required=True)
    outcome = services.hands_result_enter(
        decision=decision, actor=clerk, participants=5, votes={1: 5, 2: 0}
    )
    assert not outcome.quorum_met and outcome.passed is None


def test_publish_creates_recognition_task_and_minutes(make_decision, clerk, chairman, handler):
    decision = make_decision(method="hands", needs_recognition=True)
    client_for(clerk).post(
        reverse("participation_decision_act", args=[decision.pk, "hands"]),
        {"participants": 8, "option_1": 6, "option_2": 2},
    )
    client_for(clerk).post(reverse("participation_decision_act", args=[decision.pk, "publish"]))
    decision.refresh_from_db()
    assert decision.state == VillageDecision.State.PUBLISHED
    task = RecognitionTask.objects.get(decision=decision)
    assert task.commune == decision.village.parent
    public = (
        client_for(None).get(reverse("participation_decision", args=[decision.pk])).content.decode()
    )
    assert "6 × 2 = 12 &gt; 8" in public
    minutes = client_for(clerk).get(
        reverse("participation_decision_minutes", args=[decision.pk, "docx"])
    )
    assert minutes.content[:2] == b"PK"
    doc = selectors.minutes_document(decision)
    assert "Đóng góp làm đường" in doc.subject
    # Only the leader recognizes.
    url = reverse("participation_recognition", args=[task.pk])
    assert client_for(handler).post(url, {"recognized": "1"}).status_code == 404
    assert client_for(chairman).post(url, {"recognized": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.state == RecognitionTask.State.RECOGNIZED


def test_counting_committee_size_for_secret_ballot(make_decision):
    for members in (["A", "B"], ["A", "B", "C", "D", "E", "F"]):
        with pytest.raises(ValidationError):
            make_decision(households=None, open_=False, counting_committee=members)
    assert not VillageDecision.objects.exists()


def test_decision_needs_two_options(make_decision):
    with pytest.raises(ValidationError):
        make_decision(households=None, open_=False, options=["Đồng ý", " "])
    with pytest.raises(ValidationError):
        make_decision(households=None, open_=False, options=["Đồng ý", "đồng ý"])


def test_cannot_open_without_households(make_decision):
    with pytest.raises(ValidationError):
        make_decision(households=None)


def test_ballot_after_another_official_counted_is_refused(make_decision, clerk):
    decision = make_decision()
    stale = VillageDecision.objects.get(pk=decision.pk)
    services.ballot_record(decision=decision, actor=clerk, household_code="H01", option_number=1)
    services.decision_count(decision=decision, actor=clerk)
    with pytest.raises(services.Conflict):
        services.ballot_record(decision=stale, actor=clerk, household_code="H02", option_number=1)
    assert Ballot.objects.filter(decision=decision).count() == 1
