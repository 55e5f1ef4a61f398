"""The life of a feedback or recommendation, as a table.

Each action names the states it may start from, the state it leads to, and who may take it: official
roles (checked at the unit of the handling body, through ``core.permissions``) or the citizen who sent
the petition. ``services.py`` applies a transition with a conditional UPDATE on (state, version), so
when two officials act at once the second one is told the petition changed and nothing is written
twice.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thanthien.core.models import Role
from thanthien.core.permissions import register_actions

from .models import Kind, State

OFFICE = frozenset({Role.CLERK, Role.HANDLER, Role.LEADER})
HANDLING = frozenset({Role.HANDLER, Role.LEADER})
LEADERS = frozenset({Role.LEADER})
CITIZEN = "citizen"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str | None  # None: the service decides (e.g. forward within the platform)
    roles: frozenset[str]
    citizen: bool = False
    label: str = ""


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "accept", frozenset({State.RECEIVED}), State.ACCEPTED, OFFICE, label=_("Accept")
        ),
        Transition(
            "start",
            frozenset({State.ACCEPTED, State.REOPENED}),
            State.IN_PROGRESS,
            HANDLING,
            label=_("Start handling"),
        ),
        Transition(
            "forward",
            frozenset({State.RECEIVED, State.ACCEPTED, State.IN_PROGRESS}),
            None,
            OFFICE,
            label=_("Forward"),
        ),
        Transition(
            "merge",
            frozenset({State.RECEIVED, State.ACCEPTED, State.IN_PROGRESS}),
            State.MERGED,
            HANDLING,
            label=_("Merge as duplicate"),
        ),
        Transition(
            "decline",
            frozenset({State.RECEIVED, State.ACCEPTED}),
            State.DECLINED,
            HANDLING,
            label=_("Decline"),
        ),
        # An answer by a handler in a unit that requires approval waits; the petition stays in progress.
        Transition(
            "answer", frozenset({State.IN_PROGRESS}), State.ANSWERED, HANDLING, label=_("Answer")
        ),
        Transition(
            "approve",
            frozenset({State.IN_PROGRESS}),
            State.ANSWERED,
            LEADERS,
            label=_("Approve the answer"),
        ),
        Transition(
            "return",
            frozenset({State.IN_PROGRESS}),
            State.IN_PROGRESS,
            LEADERS,
            label=_("Return the answer for changes"),
        ),
        Transition(
            "close",
            frozenset({State.ANSWERED}),
            State.CLOSED,
            OFFICE,
            citizen=True,
            label=_("Close"),
        ),
        Transition(
            "reopen",
            frozenset({State.ANSWERED, State.CLOSED}),
            State.REOPENED,
            frozenset(),
            citizen=True,
            label=_("Reopen"),
        ),
    ]
}

OPEN_STATUTORY = frozenset({State.RECEIVED, State.ACCEPTED, State.VERIFYING, State.DIALOGUE})


def _statutory_opening(*, refuse_label) -> list[Transition]:
    """The first steps complaints and denunciations share: accept (thụ lý) or refuse, forward, verify."""
    return [
        Transition(
            "accept",
            frozenset({State.RECEIVED}),
            State.ACCEPTED,
            HANDLING,
            label=_("Accept (thụ lý)"),
        ),
        Transition(
            "refuse", frozenset({State.RECEIVED}), State.REFUSED, HANDLING, label=refuse_label
        ),
        Transition("forward", frozenset({State.RECEIVED}), None, OFFICE, label=_("Forward")),
        Transition(
            "verify",
            frozenset({State.ACCEPTED}),
            State.VERIFYING,
            HANDLING,
            label=_("Start verification"),
        ),
    ]


# Luật Khiếu nại 2011: received → accepted (or refused) → verification → dialogue → decision → final,
# or → complained again at the superior body. Withdrawal at any time before the decision (Art. 10).
COMPLAINT_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        *_statutory_opening(refuse_label=_("Refuse in writing, with reasons")),
        Transition(
            "dialogue",
            frozenset({State.VERIFYING}),
            State.DIALOGUE,
            HANDLING,
            label=_("Record the dialogue"),
        ),
        Transition(
            "decide",
            frozenset({State.VERIFYING, State.DIALOGUE}),
            State.DECIDED,
            LEADERS,
            label=_("Issue the complaint decision"),
        ),
        Transition(
            "appeal",
            frozenset({State.DECIDED}),
            State.APPEALED,
            OFFICE,
            citizen=True,
            label=_("Complain again (second instance)"),
        ),
        Transition(
            "finalize",
            frozenset({State.DECIDED}),
            State.FINAL,
            OFFICE,
            label=_("Mark the decision final"),
        ),
        Transition(
            "withdraw",
            OPEN_STATUTORY,
            State.WITHDRAWN,
            OFFICE,
            citizen=True,
            label=_("Record the withdrawal"),
        ),
    ]
}

# Luật Tố cáo 2018: received → accepted (or not) → verification → conclusion; up to two extensions.
DENUNCIATION_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        *_statutory_opening(refuse_label=_("Do not accept, with reasons")),
        Transition(
            "extend",
            frozenset({State.ACCEPTED, State.VERIFYING}),
            None,
            LEADERS,
            label=_("Extend the resolution period"),
        ),
        Transition(
            "conclude",
            frozenset({State.VERIFYING}),
            State.DECIDED,
            LEADERS,
            label=_("Issue the conclusion"),
        ),
        Transition("close", frozenset({State.DECIDED}), State.CLOSED, OFFICE, label=_("Close")),
        Transition(
            "withdraw",
            frozenset({State.RECEIVED, State.ACCEPTED, State.VERIFYING}),
            State.WITHDRAWN,
            OFFICE,
            citizen=True,
            label=_("Record the withdrawal"),
        ),
    ]
}

WORKFLOWS: dict[str, dict[str, Transition]] = {
    Kind.FEEDBACK: TRANSITIONS,
    Kind.RECOMMENDATION: TRANSITIONS,
    Kind.COMPLAINT: COMPLAINT_TRANSITIONS,
    Kind.DENUNCIATION: DENUNCIATION_TRANSITIONS,
}


def transitions_for(kind: str) -> dict[str, Transition]:
    return WORKFLOWS[kind]


def permission_for(kind: str, action: str) -> str:
    """Feedback and recommendations share ``petitions.<action>``; the statutory kinds have their own."""
    if kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
        return f"petitions.{kind}.{action}"
    return f"petitions.{action}"


register_actions({f"petitions.{name}": t.roles for name, t in TRANSITIONS.items() if t.roles})
for _kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
    register_actions(
        {permission_for(_kind, name): t.roles for name, t in WORKFLOWS[_kind].items() if t.roles}
    )
# How people read the statutory actions on their page (/me/).
STATUTORY_ACTION_LABELS = {
    "petitions.complaint.accept": _("Accept complaints"),
    "petitions.complaint.refuse": _("Refuse complaints in writing"),
    "petitions.complaint.forward": _("Forward complaints"),
    "petitions.complaint.verify": _("Verify complaints"),
    "petitions.complaint.dialogue": _("Hold dialogues on complaints"),
    "petitions.complaint.decide": _("Issue complaint decisions"),
    "petitions.complaint.appeal": _("Record second complaints"),
    "petitions.complaint.finalize": _("Mark complaint decisions final"),
    "petitions.complaint.withdraw": _("Record withdrawn complaints"),
    "petitions.denunciation.accept": _("Accept denunciations"),
    "petitions.denunciation.refuse": _("Refuse denunciations in writing"),
    "petitions.denunciation.forward": _("Forward denunciations"),
    "petitions.denunciation.verify": _("Verify denunciations"),
    "petitions.denunciation.extend": _("Extend the time to settle denunciations"),
    "petitions.denunciation.conclude": _("Issue denunciation conclusions"),
    "petitions.denunciation.close": _("Close denunciations"),
    "petitions.denunciation.withdraw": _("Record withdrawn denunciations"),
}
register_actions({}, labels=STATUTORY_ACTION_LABELS)
register_actions(
    {
        "petitions.view": frozenset(Role) - {Role.ADMINISTRATOR},
        "petitions.enter": OFFICE,
        "petitions.configure": frozenset({Role.ADMINISTRATOR}),
    },
    # A denouncer's identity is shown only to officials who may view the petition (confidential.py).
    confidential=["petitions.view"],
)
