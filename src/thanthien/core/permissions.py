"""Who may do what, where: the one place permissions are decided.

An official holds a role in a body; the body belongs to a unit; the role covers that unit and every
unit below it. An action is allowed when one of the user's active roles covering the unit is among
the roles the action names. Platform superusers may do everything. Views ask ``can`` and show 404
rather than 403 for records outside the user's units, so that a record's existence is not revealed.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import AdminUnit, Membership, Role

ALL_ROLES = frozenset(Role)

# action → roles that may take it. Apps add their own actions here, in one table.
ACTIONS: dict[str, frozenset[str]] = {
    "staff.view": ALL_ROLES,
    "audit.view": ALL_ROLES,
    "units.manage_villages": frozenset({Role.ADMINISTRATOR}),
    "bodies.manage": frozenset({Role.ADMINISTRATOR}),
    "people.manage": frozenset({Role.ADMINISTRATOR}),
    "calendar.manage": frozenset({Role.ADMINISTRATOR}),
}


# action → how a person reads it on their page ("Publish disclosures"); apps give their own.
ACTION_LABELS: dict[str, str] = {}

# Actions through which a role may come to read confidential records (a denouncer's identity is
# shown to the assigned handler and to whom a leader authorizes, among those holding such an
# action): nobody but a superuser gives themselves a role that takes one (core/admin.py).
CONFIDENTIAL_ACTIONS: set[str] = set()


def register_actions(
    actions: dict[str, Iterable[str]],
    labels: dict[str, str] | None = None,
    confidential: Iterable[str] = (),
) -> None:
    """Let an app declare its actions at import time (each name once), with their labels, and
    which of them open confidential records."""
    for name, roles in actions.items():
        if name in ACTIONS and ACTIONS[name] != frozenset(roles):
            raise ValueError(f"action {name!r} declared twice with different roles")
        ACTIONS[name] = frozenset(roles)
    for name, label in (labels or {}).items():
        if name not in ACTIONS:
            raise ValueError(f"label for an undeclared action {name!r}")
        ACTION_LABELS[name] = label
    for name in confidential:
        if name not in ACTIONS:
            raise ValueError(f"confidential mark on an undeclared action {name!r}")
        CONFIDENTIAL_ACTIONS.add(name)


def confidential_roles() -> frozenset[str]:
    """The roles that may come to read confidential records."""
    return frozenset().union(*(ACTIONS[name] for name in CONFIDENTIAL_ACTIONS))


def active_memberships(user, today: dt.date | None = None) -> list[Membership]:
    """The user's memberships in force today, with body and unit; cached on the user object."""
    if user is None or not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    cache = getattr(user, "_membership_cache", None)
    if cache is not None and cache[0] == today:
        return cache[1]
    memberships = list(
        Membership.objects.active_on(today)
        .filter(user=user, body__is_active=True)
        .select_related("body__unit")
    )
    user._membership_cache = (today, memberships)
    return memberships


def roles_at(user, unit: AdminUnit) -> set[str]:
    return {m.role for m in active_memberships(user) if unit.path.startswith(m.body.unit.path)}


def is_official(user) -> bool:
    return bool(active_memberships(user)) or bool(getattr(user, "is_superuser", False))


def can(user, action: str, unit: AdminUnit | None = None) -> bool:
    """May ``user`` take ``action`` at ``unit``? Without a unit: at any unit at all."""
    allowed_roles = ACTIONS[action]
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if unit is None:
        return any(m.role in allowed_roles for m in active_memberships(user))
    return bool(roles_at(user, unit) & allowed_roles)


def require(user, action: str, unit: AdminUnit | None = None) -> None:
    if not can(user, action, unit):
        raise Http404


def scope_paths(user, action: str) -> list[str] | None:
    """Unit paths under which ``user`` may take ``action``; None means everywhere (superuser)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    allowed_roles = ACTIONS[action]
    paths = sorted({m.body.unit.path for m in active_memberships(user) if m.role in allowed_roles})
    # Drop paths inside another path already in the list: fewer OR terms in the query.
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def scope_q(user, action: str, path_field: str = "path") -> Q:
    """A filter for rows whose unit path (``path_field``) lies in the user's scope for ``action``."""
    paths = scope_paths(user, action)
    if paths is None:
        return Q()
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def units_for(user, action: str) -> QuerySet[AdminUnit]:
    return AdminUnit.objects.filter(scope_q(user, action))
