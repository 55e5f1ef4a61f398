"""The village-decision rule (Law 10/2022/QH15, Art. 15, 18, 21; LEGAL.md "Village decisions"): the
vote is valid when more than half of ALL the village's households take part, and an option passes when
more than half of ALL the village's households approve it, not half of those taking part."""

import pytest
from django.utils import translation

from thanthien.participation import rules
from thanthien.participation.rules import vote_outcome


def outcome(households=100, participants=60, votes=(51, 9), spoiled=0):
    options = [(n, f"option {n}", v) for n, v in enumerate(votes, 1)]
    return vote_outcome(
        households=households, participants=participants, options=options, spoiled=spoiled
    )


def test_100_households_40_present_25_yes_fails():
    # Half of those present would have passed it (25 × 2 = 50 > 40): not the law.
    result = outcome(households=100, participants=40, votes=(25, 15))
    assert not result.valid
    assert result.passed is None
    assert "40 × 2 = 80 ≤ 100" in " ".join(result.lines)
    assert "25 × 2 = 50 ≤ 100" in result.options[0].arithmetic


def test_100_households_60_present_31_yes_fails():
    # Valid (60 × 2 = 120 > 100), but 31 is not more than half of the 100 households.
    result = outcome(households=100, participants=60, votes=(31, 29))
    assert result.valid
    assert result.passed is None
    assert "60 × 2 = 120 > 100" in " ".join(result.lines)
    assert "31 × 2 = 62 ≤ 100" in result.options[0].arithmetic


def test_100_households_60_present_50_yes_fails():
    result = outcome(households=100, participants=60, votes=(50, 10))
    assert result.passed is None
    assert "50 × 2 = 100 ≤ 100" in result.options[0].arithmetic


def test_100_households_60_present_51_yes_passes():
    result = outcome(households=100, participants=60, votes=(51, 9))
    assert result.valid
    assert result.passed.number == 1
    assert "51 × 2 = 102 > 100" in result.options[0].arithmetic
    assert not result.options[1].passes


def test_50_households_26_present_26_yes_passes():
    result = outcome(households=50, participants=26, votes=(26, 0))
    assert result.valid
    assert result.passed.number == 1
    assert "26 × 2 = 52 > 50" in result.options[0].arithmetic


def test_exactly_half_the_households_present_is_not_valid():
    # Even if every one of them approves.
    result = outcome(households=50, participants=25, votes=(25, 0))
    assert not result.valid
    assert result.passed is None
    assert "25 × 2 = 50 ≤ 50" in " ".join(result.lines)


def test_just_over_half_the_households_present_is_valid():
    assert outcome(households=101, participants=51, votes=(51, 0)).valid
    assert not outcome(households=102, participants=51, votes=(51, 0)).valid


def test_odd_number_of_households_needs_the_next_whole_household():
    # 101 households: half is 50.5, so 51 approving is more than half, 50 is not.
    assert outcome(households=101, participants=80, votes=(51, 29)).passed.number == 1
    assert outcome(households=101, participants=80, votes=(50, 30)).passed is None


def test_spoiled_ballots_count_towards_validity_not_approval():
    # 51 took part, 2 of them spoiled: valid (51 × 2 = 102 > 100); 49 approving is not enough.
    result = outcome(households=100, participants=51, votes=(49, 0), spoiled=2)
    assert result.valid
    assert result.passed is None
    assert result.spoiled == 2


def test_spoiled_ballots_do_not_stop_an_option_that_has_the_households():
    result = outcome(households=100, participants=60, votes=(51, 4), spoiled=5)
    assert result.passed.number == 1


def test_tie_between_three_options_nobody_passes():
    result = outcome(households=60, participants=60, votes=(20, 20, 20))
    assert result.valid
    assert not any(o.passes for o in result.options)


def test_nobody_took_part():
    result = outcome(participants=0, votes=(0, 0))
    assert not result.valid and result.passed is None


def test_empty_list_of_households_decides_nothing():
    result = outcome(households=0, participants=0, votes=(0, 0))
    assert not result.valid and result.passed is None


def test_the_rule_is_not_a_setting():
    with pytest.raises(TypeError):
        vote_outcome(households=100, participants=40, options=[(1, "a", 25)], quorum_required=False)


def test_arithmetic_says_the_rule_in_vietnamese_with_its_source():
    with translation.override("vi"):
        result = outcome(households=100, participants=60, votes=(31, 29))
        lines = " ".join(result.lines)
        arithmetic = result.options[0].arithmetic
    assert "Hợp lệ khi số hộ có đại diện tham gia × 2 > tổng số hộ của thôn, tổ dân phố" in lines
    assert "60 × 2 = 120 > 100: hợp lệ" in lines
    assert "Luật số 10/2022/QH15, Điều 15, 18, 21" in lines
    assert arithmetic.startswith(
        "Thông qua khi số hộ đồng ý × 2 > tổng số hộ của thôn, tổ dân phố: 31 × 2 = 62 ≤ 100: "
        "không được thông qua"
    )
    assert "Nghị định số 61/2023/NĐ-CP" in arithmetic
    assert "ít nhất 51 trên 100 hộ có đại diện tham gia" in lines
    assert "ít nhất 51 hộ đồng ý" in lines


def test_arithmetic_in_english_names_the_source():
    with translation.override("en"):
        result = outcome(households=100, participants=40, votes=(25, 15))
    assert "not valid, nothing passes" in " ".join(result.lines)
    assert "Law 10/2022/QH15" in result.options[0].arithmetic


def test_rules_are_data_with_sources():
    for rule in (rules.VOTE_VALIDITY, rules.VOTE_APPROVAL, rules.CONVENTION_COMMENT_PERIOD):
        assert str(rule.source) and isinstance(rule.verified, bool)
    assert rules.CONVENTION_COMMENT_PERIOD.value == 30
    assert rules.CONVENTION_COMMENT_PERIOD.count == "calendar"


def test_an_unverified_rule_is_cited_as_to_be_confirmed():
    rule = rules.Rule(value=30, source="Decree X, Art. 1", verified=False)
    with translation.override("en"):
        assert rule.citation == "Decree X, Art. 1 (to be confirmed)"


@pytest.mark.parametrize(
    ("households", "participants", "votes", "spoiled"),
    [(10, 11, (5, 5), 0), (100, 60, (40, 30), 0), (100, 60, (30, 29), 2), (100, 60, (-1, 3), 0)],
)
def test_impossible_counts_refused(households, participants, votes, spoiled):
    with pytest.raises(ValueError):
        outcome(households=households, participants=participants, votes=votes, spoiled=spoiled)
