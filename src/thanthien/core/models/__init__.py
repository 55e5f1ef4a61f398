from .audit import AuditEvent
from .bodies import Body, Membership, Role
from .calendar import CalendarDay
from .units import AdminUnit, UnitSuccession
from .users import LoginFailure, OneTimeCode, User

__all__ = [
    "AdminUnit",
    "AuditEvent",
    "Body",
    "CalendarDay",
    "LoginFailure",
    "Membership",
    "OneTimeCode",
    "Role",
    "UnitSuccession",
    "User",
]
