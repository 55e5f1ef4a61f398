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

from .models import State

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

register_actions({f"petitions.{name}": t.roles for name, t in TRANSITIONS.items() if t.roles})
register_actions(
    {
        "petitions.view": frozenset(Role) - {Role.ADMINISTRATOR},
        "petitions.enter": OFFICE,
        "petitions.configure": frozenset({Role.ADMINISTRATOR}),
    }
)
