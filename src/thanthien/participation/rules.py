"""The rules of participation, as plain functions with no database access.

Village decisions (Law on Grassroots Democracy 2022, Art. 15, 18; Decree 59/2023 Art. 3): an option
passes with the votes of MORE than half of the household representatives taking part (spoiled
ballots are cast by representatives who took part, so they count in the denominator). Whether a
quorum of all households is also needed is unverified (LEGAL.md): it is a per-decision setting.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _


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
    quorum_required: bool
    quorum_met: bool
    options: list[OptionResult] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def passed(self) -> OptionResult | None:
        winners = [o for o in self.options if o.passes]
        return winners[0] if winners else None


def _pct(part: int, whole: int) -> str:
    if not whole:
        return "—"
    text = f"{100 * part / whole:.1f}%"
    # Vietnamese writes a decimal comma.
    return text.replace(".", ",") if (get_language() or "").startswith("vi") else text


def vote_outcome(
    *,
    households: int,
    participants: int,
    options: list[tuple[int, str, int]],
    spoiled: int = 0,
    quorum_required: bool = False,
) -> VoteOutcome:
    """Which option passes, and the arithmetic to show on the page and in the minutes.

    ``options``: (number, text, valid votes). Raises ValueError on impossible counts (more
    participants than households, more votes than participants) rather than computing nonsense.
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
    quorum_met = (not quorum_required) or participants * 2 > households
    lines = [
        _("Households on the list: %(h)d; representatives taking part: %(p)d (%(pct)s).")
        % {"h": households, "p": participants, "pct": _pct(participants, households)},
    ]
    if spoiled:
        lines.append(_("Spoiled ballots: %(s)d (counted as taking part).") % {"s": spoiled})
    if quorum_required:
        lines.append(
            (
                _("Quorum: %(p)d × 2 = %(p2)d > %(h)d households: met.")
                if quorum_met
                else _("Quorum: %(p)d × 2 = %(p2)d ≤ %(h)d households: NOT met, nothing passes.")
            )
            % {"p": participants, "p2": participants * 2, "h": households}
        )
    results = []
    for number, text, votes in options:
        majority = votes * 2 > participants
        passes = majority and quorum_met and participants > 0
        arithmetic = _(
            "%(v)d of %(p)d = %(pct)s; %(v)d × 2 = %(v2)d %(cmp)s %(p)d: %(verdict)s"
        ) % {
            "v": votes,
            "p": participants,
            "pct": _pct(votes, participants),
            "v2": votes * 2,
            "cmp": ">" if majority else "≤",
            "verdict": _("passes") if passes else _("does not pass"),
        }
        results.append(OptionResult(number, text, votes, passes, arithmetic))
    if not any(r.passes for r in results):
        lines.append(_("No option has more than half of the representatives taking part."))
    return VoteOutcome(
        households=households,
        participants=participants,
        spoiled=spoiled,
        quorum_required=quorum_required,
        quorum_met=quorum_met,
        options=results,
        lines=lines,
    )


def in_period(day, opens_on, closes_on) -> bool:
    return opens_on <= day <= closes_on


COUNTING_COMMITTEE_SIZE = (3, 5)
