"""The rollout's side of the meetings app: a launch or training milestone points to the meeting
that held it, and the timeline shows that meeting's attendance. Only the meetings app's public
selectors are used."""

import datetime as dt

from django.urls import reverse

from thanthien.meetings import selectors as meetings

from .meetings_link import Attendance
from .models import Milestone
from .selectors import LINKABLE_KINDS

# A launch planned for March is often held a few weeks later: offer meetings up to two months on.
GRACE = dt.timedelta(days=62)


def meetings_attendance(meeting_ids: list[int]) -> dict[int, Attendance]:
    counts = meetings.attendance_by_meeting(meeting_ids)
    return {
        pk: Attendance(
            invited=counts.get(pk, {}).get("registered", 0),
            present=counts.get(pk, {}).get("attended", 0),
            url=reverse("meetings_detail", args=[pk]),
        )
        for pk in meeting_ids
    }


def candidate_meetings(milestone: Milestone) -> list:
    """Meetings of the milestone's kind, at its unit (or the plan's) and below, held from its first
    month to two months after its last."""
    if milestone.kind not in LINKABLE_KINDS:
        return []
    unit = milestone.unit or milestone.plan.unit
    last = (milestone.month_to.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return list(
        meetings.meetings_for(
            unit, milestone.month_from, last - dt.timedelta(days=1) + GRACE, kinds=[milestone.kind]
        )
    )
