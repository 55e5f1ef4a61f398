"""The rules of participation, as plain functions with no database access.

Village decisions (Law on Grassroots Democracy 10/2022/QH15, Art. 15, 18, 21; Decree 61/2023/ND-CP,
Art. 10 for conventions; LEGAL.md, "Village decisions"): household representatives vote by show of
hands or by secret ballot, and both tests count against ALL the households of the village (thôn, tổ
dân phố) on the list, never against those who took part:

- the vote is valid only when MORE than half of the village's households are represented;
- an option passes only when MORE than half of ALL the village's household representatives approve it.

So with 100 households, 60 taking part and 31 in favour the vote is valid (60 × 2 = 120 > 100) but
nothing passes (31 × 2 = 62 ≤ 100). A spoiled ballot is cast by a representative who took part: it
counts towards validity, never as approval. Both tests always apply; there is no per-decision switch.

A draft village convention (hương ước, quy ước) is open for comment at least 30 days (Decree 61/2023,
Art. 9). Counting those days needs the working-day calendar (a database), so ``services`` applies that
rule with ``core.workdays.due_date``; its number and source live here with the others.

The numbers are data (``Rule``: value, source, whether the source was verified), not constants in
the arithmetic, and every line of arithmetic shown to people names its source.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rule:
    """A number the law sets, and where it comes from. ``verified``: the source was checked
    (LEGAL.md); an unverified rule is cited as "to be confirmed" wherever it is shown."""

    value: Fraction | int
    source: str | Promise
    verified: bool
    count: str = ""  # for periods: "calendar" or "working" days (``core.workdays.DayCount``)

    @property
    def citation(self) -> str:
        if self.verified:
            return str(self.source)
        return _("%(source)s (to be confirmed)") % {"source": self.source}


# Verified: LEGAL.md states both after the legal review of turn 2 ("not 50% of those present").
# The words shown ("× 2 >") say "more than half": a different share would need new words.
VILLAGE_VOTE_SOURCE = gettext_lazy(
    "Law 10/2022/QH15, Art. 15, 18, 21; Decree 61/2023/ND-CP, Art. 10"
)
VOTE_VALIDITY = Rule(value=Fraction(1, 2), source=VILLAGE_VOTE_SOURCE, verified=True)
"""The vote is valid when MORE than this share of the village's households take part."""
VOTE_APPROVAL = Rule(value=Fraction(1, 2), source=VILLAGE_VOTE_SOURCE, verified=True)
"""An option passes when MORE than this share of ALL the village's households approve it."""
CONVENTION_COMMENT_PERIOD = Rule(
    value=30,
    source=gettext_lazy("Decree 61/2023/ND-CP, Art. 9"),
    verified=True,
    count="calendar",
)
"""A draft village convention is open for comment at least this many days."""
DAY_COUNTING_SOURCE = gettext_lazy("Civil Code 2015, Art. 147–148")

COUNTING_COMMITTEE_SIZE = (3, 5)


@dataclass(frozen=True)
class OptionResult:
    number: int
    text: str
    votes: int
    passes: bool
    arithmetic: str


@dataclass(frozen=True)
class VoteOutcome:
    households: int
    participants: int
    spoiled: int
    valid: bool
    options: list[OptionResult] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def passed(self) -> OptionResult | None:
        # At most one: two options each approved by more than half of all households would need
        # more votes than there are households.
        winners = [o for o in self.options if o.passes]
        return winners[0] if winners else None


def _pct(part: int, whole: int) -> str:
    if not whole:
        return "—"
    text = f"{100 * part / whole:.1f}%"
    # Vietnamese writes a decimal comma.
    return text.replace(".", ",") if (get_language() or "").startswith("vi") else text


def _more_than(count: int, households: int, share: Fraction) -> bool:
    """``count`` is more than ``share`` of ``households``, in whole numbers (no rounding)."""
    return count * share.denominator > households * share.numerator


def _least(households: int, share: Fraction) -> int:
    """The smallest whole count that is more than ``share`` of ``households``."""
    return households * share.numerator // share.denominator + 1


def vote_outcome(
    *,
    households: int,
    participants: int,
    options: list[tuple[int, str, int]],
    spoiled: int = 0,
) -> VoteOutcome:
    """Whether the vote is valid, which option passes, and the arithmetic to show on the page and
    in the minutes.

    ``households``: all the village's households on the list; ``participants``: the household
    representatives who took part (spoiled ballots included); ``options``: (number, text, valid
    votes). Raises ValueError on impossible counts (more participants than households, more votes
    than participants) rather than computing nonsense.

    There is no ``quorum_required`` any more: validity is the law, not a setting, and a caller that
    still passes it should fail loudly rather than have its meaning silently changed.
    """
    if min(households, participants, spoiled, *(v for _n, _t, v in options), 0) < 0:
        raise ValueError(_("Counts cannot be negative."))
    if participants > households:
        raise ValueError(
            _("%(p)d taking part is more than the %(h)d households on the list.")
            % {"p": participants, "h": households}
        )
    counted = sum(v for _n, _t, v in options) + spoiled
    if counted > participants:
        raise ValueError(
            _("The votes and spoiled ballots (%(c)d) exceed those taking part (%(p)d).")
            % {"c": counted, "p": participants}
        )
    validity, approval = VOTE_VALIDITY.value, VOTE_APPROVAL.value
    valid = _more_than(participants, households, validity)
    lines = [
        _("Households on the list: %(h)d; representatives taking part: %(p)d (%(pct)s).")
        % {"h": households, "p": participants, "pct": _pct(participants, households)},
        _(
            "At least %(valid)d of the %(h)d households must take part for the vote to be valid, "
            "and at least %(pass)d must approve an option for it to pass."
        )
        % {
            "valid": _least(households, validity),
            "pass": _least(households, approval),
            "h": households,
        },
    ]
    if spoiled:
        lines.append(
            _("Spoiled ballots: %(s)d (they count as taking part, not as approving).")
            % {"s": spoiled}
        )
    lines.append(
        _(
            "Valid when the households taking part × 2 > all the village's households: "
            "%(p)d × 2 = %(p2)d %(cmp)s %(h)d: %(verdict)s (%(source)s)."
        )
        % {
            "p": participants,
            "p2": participants * 2,
            "cmp": ">" if valid else "≤",
            "h": households,
            "verdict": _("valid") if valid else _("not valid, nothing passes"),
            "source": VOTE_VALIDITY.citation,
        }
    )
    results = []
    for number, text, votes in options:
        approved = _more_than(votes, households, approval)
        passes = valid and approved
        arithmetic = _(
            "Passes when the households approving × 2 > all the village's households: "
            "%(v)d × 2 = %(v2)d %(cmp)s %(h)d: %(verdict)s (%(source)s)."
        ) % {
            "v": votes,
            "v2": votes * 2,
            "cmp": ">" if approved else "≤",
            "h": households,
            "verdict": _("passes") if passes else _("does not pass"),
            "source": VOTE_APPROVAL.citation,
        }
        results.append(OptionResult(number, text, votes, passes, arithmetic))
    if not any(r.passes for r in results):
        lines.append(_("No option was approved by more than half of all the village's households."))
    return VoteOutcome(
        households=households,
        participants=participants,
        spoiled=spoiled,
        valid=valid,
        options=results,
        lines=lines,
    )


def in_period(day, opens_on, closes_on) -> bool:
    return opens_on <= day <= closes_on
