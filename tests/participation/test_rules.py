"""The village-decision rule: more than half of the representatives taking part; optional quorum."""

import pytest

from thanthien.participation.rules import vote_outcome


def outcome(households=100, participants=60, votes=(31, 29), spoiled=0, quorum=False):
    options = [(n, f"option {n}", v) for n, v in enumerate(votes, 1)]
    return vote_outcome(
        households=households,
        participants=participants,
        options=options,
        spoiled=spoiled,
        quorum_required=quorum,
    )


def test_more_than_half_passes():
    result = outcome(votes=(31, 29))
    assert result.passed.number == 1
    assert "31 × 2 = 62 > 60" in result.options[0].arithmetic


def test_exactly_half_does_not_pass():
    result = outcome(participants=60, votes=(30, 30))
    assert result.passed is None
    assert "30 × 2 = 60 ≤ 60" in result.options[0].arithmetic


def test_tie_between_three_options_nobody_passes():
    result = outcome(participants=60, votes=(20, 20, 20))
    assert result.passed is None
    assert not any(o.passes for o in result.options)


def test_spoiled_ballots_count_as_taking_part():
    # 31 of 60 valid would pass; with 2 spoiled among 62 taking part, 31 × 2 = 62 is not > 62.
    result = outcome(participants=62, votes=(31, 29), spoiled=2)
    assert result.passed is None
    assert result.spoiled == 2 and len(result.lines) == 3


def test_quorum_not_met_nothing_passes():
    result = outcome(households=100, participants=50, votes=(50, 0), quorum=True)
    assert not result.quorum_met
    assert result.passed is None


def test_quorum_met_just_above_half():
    result = outcome(households=100, participants=51, votes=(40, 11), quorum=True)
    assert result.quorum_met
    assert result.passed.number == 1


def test_without_quorum_setting_low_turnout_still_decides():
    result = outcome(households=100, participants=10, votes=(6, 4))
    assert result.passed.number == 1


def test_nobody_took_part():
    result = outcome(participants=0, votes=(0, 0))
    assert result.passed is None


@pytest.mark.parametrize(
    ("households", "participants", "votes", "spoiled"),
    [(10, 11, (5, 5), 0), (100, 60, (40, 30), 0), (100, 60, (30, 29), 2), (100, 60, (-1, 3), 0)],
)
def test_impossible_counts_refused(households, participants, votes, spoiled):
    with pytest.raises(ValueError):
        outcome(households=households, participants=participants, votes=votes, spoiled=spoiled)
