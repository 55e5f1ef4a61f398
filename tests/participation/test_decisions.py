"""Village decisions: households from a spreadsheet, ballots, show of hands, the rule, recognition.

The rule (Law 10/2022/QH15, Art. 15, 18, 21): valid when more than half of ALL the village's
households take part; an option passes when more than half of ALL of them approve it."""

import datetime as dt
import html
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


def _ballots(decision, clerk, yes, no=(), spoiled=()):
    for code in yes:
        services.ballot_record(decision=decision, actor=clerk, household_code=code, option_number=1)
    for code in no:
        services.ballot_record(decision=decision, actor=clerk, household_code=code, option_number=2)
    for code in spoiled:
        services.ballot_record(
            decision=decision, actor=clerk, household_code=code, option_number=None, spoiled=True
        )


def test_10_households_secret_ballot_6_yes_1_spoiled_passes(make_decision, clerk):
    decision = make_decision()
    _ballots(decision, clerk, yes=["H01", "H02", "H03", "H04", "H05", "H06"], no=["H07"])
    _ballots(decision, clerk, yes=[], spoiled=["H08"])
    outcome = services.decision_count(decision=decision, actor=clerk)
    assert outcome.participants == 8 and outcome.spoiled == 1 and outcome.valid
    assert outcome.passed.number == 1
    assert "6 × 2 = 12 > 10" in outcome.options[0].arithmetic


def test_10_households_secret_ballot_5_of_6_yes_fails(make_decision, clerk):
    # 5 of the 6 ballots would be a majority of those taking part; of the village's 10, it is not.
    decision = make_decision()
    _ballots(decision, clerk, yes=["H01", "H02", "H03", "H04", "H05"], spoiled=["H06"])
    outcome = services.decision_count(decision=decision, actor=clerk)
    assert outcome.valid  # 6 × 2 = 12 > 10
    assert outcome.passed is None
    assert "5 × 2 = 10 ≤ 10" in outcome.options[0].arithmetic


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


def test_exactly_half_the_households_present_is_not_valid(make_decision, clerk):
    decision = make_decision(method="hands")
    outcome = services.hands_result_enter(
        decision=decision, actor=clerk, participants=5, votes={1: 5, 2: 0}
    )
    assert not outcome.valid and outcome.passed is None


def test_validity_applies_to_every_decision_whatever_its_old_setting(make_decision, clerk):
    # Records made before the rule was corrected may carry quorum_required=False: it is not read.
    decision = make_decision(method="hands")
    VillageDecision.objects.filter(pk=decision.pk).update(quorum_required=False)
    decision.refresh_from_db()
    outcome = services.hands_result_enter(
        decision=decision, actor=clerk, participants=4, votes={1: 4, 2: 0}
    )
    assert not outcome.valid and outcome.passed is None


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
    assert "6 × 2 = 12 &gt; 10" in public
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


# --- The rule through the pages: 100 households, a show of hands ---------------------------------

HUNDRED = [["Số hộ", "Chủ hộ", "Người đại diện"]] + [
    [f"H{n:03d}", f"Chủ hộ {n}", f"Đại diện {n}"] for n in range(1, 101)
]


def _hands_through_the_page(make_decision, clerk, participants, yes, no):
    decision = make_decision(method="hands", households=HUNDRED, needs_recognition=True)
    act = "participation_decision_act"
    client = client_for(clerk)
    client.post(
        reverse(act, args=[decision.pk, "hands"]),
        {"participants": participants, "option_1": yes, "option_2": no},
    )
    client.post(reverse(act, args=[decision.pk, "publish"]))
    decision.refresh_from_db()
    assert decision.state == VillageDecision.State.PUBLISHED
    public = client_for(None).get(reverse("participation_decision", args=[decision.pk]))
    staff = client.get(reverse("participation_staff_decision", args=[decision.pk]))
    with translation.override("vi"):
        doc = selectors.minutes_document(decision)
    minutes = [getattr(part, "text", "") for part in doc.body] + [
        str(cell) for part in doc.body for row in getattr(part, "rows", []) for cell in row
    ]
    pages = [html.unescape(r.content.decode()) for r in (public, staff)]
    return decision, *pages, "\n".join(minutes)


def test_100_households_40_present_25_yes_fails_on_the_page_and_in_the_minutes(
    make_decision, clerk
):
    decision, public, staff, minutes = _hands_through_the_page(make_decision, clerk, 40, 25, 15)
    for text in (public, staff, minutes):
        assert "40 × 2 = 80 ≤ 100: không hợp lệ" in text
        assert "25 × 2 = 50 ≤ 100: không được thông qua" in text
        assert "Luật số 10/2022/QH15, Điều 15, 18, 21" in text
    assert "Không thông qua" in minutes
    assert not RecognitionTask.objects.filter(decision=decision).exists()


def test_100_households_60_present_31_yes_fails_on_the_page_and_in_the_minutes(
    make_decision, clerk
):
    decision, public, staff, minutes = _hands_through_the_page(make_decision, clerk, 60, 31, 29)
    for text in (public, staff, minutes):
        assert "60 × 2 = 120 > 100: hợp lệ" in text
        assert (
            "Thông qua khi số hộ đồng ý × 2 > tổng số hộ của thôn, tổ dân phố: "
            "31 × 2 = 62 ≤ 100: không được thông qua"
        ) in text
    assert not RecognitionTask.objects.filter(decision=decision).exists()


def test_100_households_60_present_51_yes_passes_on_the_page_and_in_the_minutes(
    make_decision, clerk
):
    decision, public, staff, minutes = _hands_through_the_page(make_decision, clerk, 60, 51, 9)
    for text in (public, staff, minutes):
        assert "51 × 2 = 102 > 100: được thông qua" in text
    assert RecognitionTask.objects.filter(decision=decision).exists()


def test_the_decision_form_has_no_quorum_switch(clerk):
    page = client_for(clerk).get(reverse("participation_decision_new")).content.decode()
    assert "quorum_required" not in page


def test_the_household_list_asks_for_every_household(make_decision, clerk):
    decision = make_decision(households=None, open_=False)
    page = client_for(clerk).get(reverse("participation_staff_decision", args=[decision.pk]))
    assert "Liệt kê đủ tất cả các hộ của thôn, tổ dân phố" in page.content.decode()
