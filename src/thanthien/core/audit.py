"""Writing to the audit trail: every state change and every view of confidential data."""

from typing import Any

from django.db import models

from .middleware import client_ip, current_request
from .models import AdminUnit, AuditEvent


def audit_record(
    action: str,
    *,
    obj: models.Model | None = None,
    actor=None,
    unit: AdminUnit | None = None,
    data: dict[str, Any] | None = None,
    anonymous: bool = False,
) -> AuditEvent:
    """Append one event. ``actor`` and the address default to the current request's.

    ``anonymous``: the person acting must not be identifiable (a denouncer filing or following
    their case): no account, no address, no browser is recorded.
    """
    request = None if anonymous else current_request.get()
    user = getattr(request, "user", None)
    if anonymous:
        actor = None
    elif actor is None and user is not None and user.is_authenticated:
        actor = user
    if unit is None and obj is not None:
        unit = _unit_of(obj)
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=(actor.display_name if actor is not None else "")[:200],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        unit=unit,
        unit_path=unit.path if unit is not None else "",
        ip=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""),
        data=data or {},
    )


def _unit_of(obj: models.Model) -> AdminUnit | None:
    if isinstance(obj, AdminUnit):
        return obj
    unit = getattr(obj, "unit", None)
    if isinstance(unit, AdminUnit):
        return unit
    body = getattr(obj, "body", None)
    return getattr(body, "unit", None)
