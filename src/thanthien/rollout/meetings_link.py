"""Launches and trainings are held as meetings (the meetings app): a milestone keeps the id of the
meeting that held it (``services.milestone_link_meeting``) and shows its attendance counts, which
the meetings app provides through a function registered here. The rollout never imports the
meetings app; without a registered provider the timeline shows no counts.

After the merge, the meetings app (or the lead) registers in its ``AppConfig.ready()``::

    from thanthien.rollout.meetings_link import Attendance, register_attendance
    register_attendance(lambda ids: {m.pk: Attendance(invited=…, present=…, url=…) for m in …})
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Attendance:
    invited: int
    present: int
    url: str = ""


AttendanceProvider = Callable[[list[int]], dict[int, Attendance]]

_PROVIDER: list[AttendanceProvider] = []


def register_attendance(provider: AttendanceProvider) -> None:
    _PROVIDER[:] = [provider]


def attendance_for(meeting_ids: Iterable[int | None]) -> dict[int, Attendance]:
    """Attendance of the given meetings, in one call to the provider (none: an empty dict)."""
    ids = sorted({i for i in meeting_ids if i})
    if not ids or not _PROVIDER:
        return {}
    return _PROVIDER[0](ids)
