"""The lives of participation records, as tables: (action) → from which states, to which state,
who may take it (an action name of ``core.permissions``) and the audit action each records.

Services move a record only through ``transition``: a conditional UPDATE on the old state, so two
officials acting at once cannot both win, and one audit row with the old and new state."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.core import actions, permissions
from thanthien.core.audit import audit_record

from .models import Consultation, RecognitionTask, Recommendation, VillageDecision


class Conflict(actions.Conflict):
    """The record changed since the official loaded it (someone else acted first)."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    permission: str


C, D, R, K = Consultation.State, VillageDecision.State, RecognitionTask.State, Recommendation.State

CONSULTATION = {
    "open": Transition(frozenset({C.DRAFT}), C.OPEN, "participation.manage"),
    "close": Transition(frozenset({C.OPEN}), C.CLOSED, "participation.manage"),
    "publish": Transition(frozenset({C.CLOSED}), C.PUBLISHED, "participation.respond"),
    # A revised version is the text as adopted: published at once, not another round.
    "publish_version": Transition(frozenset({C.DRAFT}), C.PUBLISHED, "participation.respond"),
}
DECISION = {
    "open": Transition(frozenset({D.DRAFT}), D.OPEN, "participation.manage"),
    "count": Transition(frozenset({D.OPEN}), D.COUNTED, "participation.manage"),
    "publish": Transition(frozenset({D.COUNTED}), D.PUBLISHED, "participation.manage"),
}
RECOGNITION = {
    "recognize": Transition(frozenset({R.PENDING}), R.RECOGNIZED, "participation.recognize"),
    "refuse": Transition(frozenset({R.PENDING}), R.REFUSED, "participation.recognize"),
}
RECOMMENDATION = {
    "start": Transition(frozenset({K.OPEN}), K.IN_PROGRESS, "participation.respond"),
    "answer": Transition(frozenset({K.OPEN, K.IN_PROGRESS}), K.ANSWERED, "participation.respond"),
}
TABLES = {
    Consultation: CONSULTATION,
    VillageDecision: DECISION,
    RecognitionTask: RECOGNITION,
    Recommendation: RECOMMENDATION,
}


def allowed(obj, action: str) -> bool:
    step = TABLES[type(obj)].get(action)
    return step is not None and obj.state in step.sources


def transition(obj, action: str, *, actor, unit, data: dict | None = None, **fields):
    """Take ``action`` on ``obj``: check who, move conditionally, record the audit row."""
    step = TABLES[type(obj)][action]
    permissions.require(actor, step.permission, unit)
    old = obj.state
    if old not in step.sources:
        raise Conflict(_("This step is not possible now."))
    with transaction.atomic():
        changed = (
            type(obj)
            .objects.filter(pk=obj.pk, state__in=step.sources)
            .update(state=step.target, **fields)
        )
        if not changed:
            raise Conflict(_("This record was changed by someone else. Reload the page."))
        obj.state = step.target
        for name, value in fields.items():
            setattr(obj, name, value)
        audit_record(
            f"participation.{type(obj).__name__.lower()}_{action}",
            obj=obj,
            actor=actor,
            unit=unit,
            data={"from": old, "to": step.target, **(data or {})},
        )
    return obj
