"""Citizen reception, the reads: the published schedule (regular days, unscheduled and cancelled
sessions, days off skipped), the Art. 15 weekly check, a session's bookings, and the reception log.

The schedule is generated from the ``ReceptionRule`` rows for the next weeks, skipping days off (the
working-day calendar of ``core.workdays``), with the unscheduled and cancelled sessions of
``ReceptionSession`` on top. Nothing here writes, except that reading a denouncer's identity leaves
a row in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import permissions
from thanthien.core.audit import audit_record
from thanthien.core.daysoff import statutory_days
from thanthien.core.models import AdminUnit, CalendarDay, Membership, Role, User
from thanthien.core.workdays import WorkCalendar
from thanthien.petitions.confidential import can_see_identity, decrypt_bytes
from thanthien.petitions.models import (
    Kind,
    ReceptionBooking,
    ReceptionRule,
    ReceptionSession,
    ReceptionVisit,
    Weekday,
)

UPCOMING_WEEKS = 8
# Art. 15: the chairman receives in person at least one day per week. A default, not verified
# against later amendments; a unit that falls short is warned, nothing is blocked.
LEADER_DAYS_PER_WEEK = 1
REDACTED = "(bảo mật)"


# --- Schedule -------------------------------------------------------------------------------------


@dataclass
class Occurrence:
    """A session on the schedule: stored (``session``) or generated from a rule (``rule``)."""

    unit_id: int
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    place: str
    host_label: str
    host_title: str
    capacity: int
    booked: int
    regular: bool
    cancelled: bool = False
    cancel_reason: str = ""
    session: ReceptionSession | None = None
    rule: ReceptionRule | None = None

    @property
    def key(self) -> str:
        """How URLs name it: ``r3-20260305`` (rule 3 on that date, stored or not: the key does not
        change when the first booking stores it) or ``s12`` (an unscheduled session)."""
        if self.rule is not None:
            return f"r{self.rule.pk}-{self.date:%Y%m%d}"
        return f"s{self.session.pk}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)

    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    def is_bookable(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return not self.cancelled and self.places_left > 0 and self.starts_at() > now


def _week_of_month(day: dt.date) -> int:
    return (day.day - 1) // 7 + 1


def _rule_applies(rule: ReceptionRule, day: dt.date) -> bool:
    if day.weekday() != rule.weekday:
        return False
    if rule.week_of_month and _week_of_month(day) != rule.week_of_month:
        return False
    return rule.valid_from <= day and (rule.valid_to is None or day <= rule.valid_to)


def _open_on(calendar: WorkCalendar, day: dt.date) -> bool:
    """Is the office open for reception? Monday to Friday: on working days. A Saturday session (some
    communes receive on Saturday mornings) is held unless it is a public holiday or a day off."""
    if day.weekday() != Weekday.SATURDAY:
        return calendar.is_working_day(day)
    kind = calendar.overrides.get(day)
    if kind is not None:
        return kind == CalendarDay.Kind.WORKING_DAY
    return day not in statutory_days(day.year)


def _from_session(session: ReceptionSession, calendar: WorkCalendar) -> Occurrence:
    cancelled, reason = session.is_cancelled, session.cancel_reason
    if session.rule_id and not cancelled and not _open_on(calendar, session.date):
        # A regular session already booked, on a day declared off since: shown as cancelled so
        # that whoever booked it sees it.
        cancelled, reason = True, _("Day off")
    return Occurrence(
        unit_id=session.unit_id,
        date=session.date,
        start_time=session.start_time,
        end_time=session.end_time,
        place=session.place,
        host_label=session.host_label,
        host_title=session.host_title,
        capacity=session.capacity,
        booked=session.booked,
        regular=session.rule_id is not None,
        cancelled=cancelled,
        cancel_reason=reason,
        session=session,
        rule=session.rule,
    )


def schedule(
    units: list[AdminUnit] | None,
    *,
    start: dt.date | None = None,
    weeks: int = UPCOMING_WEEKS,
) -> dict[int, list[Occurrence]]:
    """Sessions from ``start`` (today) for ``weeks`` weeks, per unit id; ``units=None``: every unit.

    Three queries whatever the number of rules and sessions: the rules, the stored sessions and the
    days off. A regular day that falls on a public holiday or an announced day off is skipped.
    """
    start = start or timezone.localdate()
    end = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    rules = ReceptionRule.objects.filter(valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    sessions = ReceptionSession.objects.filter(date__range=(start, end))
    if units is not None:
        ids = [u.pk for u in units]
        rules, sessions = rules.filter(unit_id__in=ids), sessions.filter(unit_id__in=ids)
    rules = list(rules.select_related("host"))
    sessions = list(sessions.select_related("host", "rule"))
    calendar = WorkCalendar(start, end)

    result: dict[int, list[Occurrence]] = defaultdict(list)
    taken: set[tuple[int, dt.date]] = set()
    for session in sessions:
        if session.rule_id:
            taken.add((session.rule_id, session.date))
        result[session.unit_id].append(_from_session(session, calendar))
    for rule in rules:
        day = start
        while day <= end:
            if _rule_applies(rule, day) and (rule.pk, day) not in taken and _open_on(calendar, day):
                result[rule.unit_id].append(
                    Occurrence(
                        unit_id=rule.unit_id,
                        date=day,
                        start_time=rule.start_time,
                        end_time=rule.end_time,
                        place=rule.place,
                        host_label=rule.host_label,
                        host_title=rule.host_title,
                        capacity=rule.capacity,
                        booked=0,
                        regular=True,
                        rule=rule,
                    )
                )
            day += dt.timedelta(days=1)
    for occurrences in result.values():
        occurrences.sort(key=lambda o: (o.date, o.start_time, o.place))
    return dict(result)


def unit_schedule(
    unit: AdminUnit, *, start: dt.date | None = None, weeks: int = UPCOMING_WEEKS
) -> list[Occurrence]:
    return schedule([unit], start=start, weeks=weeks).get(unit.pk, [])


def find_occurrence(unit: AdminUnit, key: str, *, start: dt.date | None = None) -> Occurrence:
    """The upcoming session ``key`` of ``unit``; ValidationError when it is not on the schedule."""
    for occurrence in unit_schedule(unit, start=start):
        if occurrence.key == key:
            return occurrence
    raise ValidationError({"session": [_("This session is not on the schedule.")]})


def public_units() -> QuerySet[AdminUnit]:
    """Units that have published a schedule (a regular day in force or a session to come)."""
    today = timezone.localdate()
    with_rules = ReceptionRule.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    with_sessions = ReceptionSession.objects.filter(date__gte=today)
    return (
        AdminUnit.objects.filter(
            Q(pk__in=with_rules.values("unit_id")) | Q(pk__in=with_sessions.values("unit_id"))
        )
        .select_related("parent")
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class ScheduleCheck:
    leader_days: int  # distinct weekdays on which a leader receives every week
    required: int

    @property
    def ok(self) -> bool:
        return self.leader_days >= self.required


def schedule_checks(units, *, on: dt.date | None = None) -> dict[int, ScheduleCheck]:
    """Does the chairman (or a vice-chairman) of each unit receive at least one day per week
    (Art. 15)? Only weekly rules count: a day once a month is not a day per week. One query."""
    on = on or timezone.localdate()
    units = list(units)
    weekdays: dict[int, set[int]] = defaultdict(set)
    rows = (
        ReceptionRule.objects.filter(
            unit__in=units, is_leader=True, week_of_month__isnull=True, valid_from__lte=on
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .values_list("unit_id", "weekday")
    )
    for unit_id, weekday in rows:
        weekdays[unit_id].add(weekday)
    return {
        u.pk: ScheduleCheck(leader_days=len(weekdays[u.pk]), required=LEADER_DAYS_PER_WEEK)
        for u in units
    }


def schedule_check(unit: AdminUnit, *, on: dt.date | None = None) -> ScheduleCheck:
    return schedule_checks([unit], on=on)[unit.pk]


def leaders_of(unit: AdminUnit) -> QuerySet[User]:
    """Officials holding a leader role at ``unit`` (in a body of the unit or of a unit above it)."""
    ids = [
        m.user_id
        for m in Membership.objects.active_on(timezone.localdate())
        .filter(role=Role.LEADER, body__is_active=True, body__unit_id__in=unit.ancestor_ids)
        .only("user_id")
    ]
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "username")


def rules_in_force(unit: AdminUnit) -> list[ReceptionRule]:
    """The regular days of ``unit`` that have not ended (the officials' schedule page)."""
    today = timezone.localdate()
    return list(
        ReceptionRule.objects.filter(unit=unit)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("host")
    )


# --- Sessions and bookings -------------------------------------------------------------------


def session_for_staff(unit: AdminUnit, key: str) -> tuple[Occurrence | None, ReceptionSession]:
    """A session of ``unit`` by key, stored or not (for its page and its bookings), else 404."""
    stored = ReceptionSession.objects.select_related("host", "rule").filter(unit=unit)
    session = None
    if match := re.fullmatch(r"s(\d+)", key):
        session = stored.filter(pk=int(match.group(1)), rule__isnull=True).first()
    elif match := re.fullmatch(r"r(\d+)-(\d{8})", key):
        try:
            day = dt.datetime.strptime(match.group(2), "%Y%m%d").date()
        except ValueError:
            raise Http404 from None
        session = stored.filter(rule_id=int(match.group(1)), date=day).first()
    if session is not None:
        return None, session
    try:
        occurrence = find_occurrence(unit, key)
    except ValidationError:
        raise Http404 from None
    return occurrence, _unsaved_session(occurrence)


def _unsaved_session(occurrence: Occurrence) -> ReceptionSession:
    rule = occurrence.rule
    return ReceptionSession(
        unit_id=rule.unit_id,
        rule=rule,
        date=occurrence.date,
        start_time=rule.start_time,
        end_time=rule.end_time,
        place=rule.place,
        host=rule.host,
        host_name=rule.host_name,
        host_title=rule.host_title,
        capacity=rule.capacity,
    )


def bookings_of(session: ReceptionSession) -> list[ReceptionBooking]:
    if session.pk is None:
        return []
    return list(session.bookings.select_related("visit").order_by("created_at", "id"))


# --- The reception log ------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitIdentity:
    name: str
    address: str
    id_number: str
    phone: str
    hidden: bool = False


def visit_identity(visit: ReceptionVisit, user) -> VisitIdentity:
    """Who came. For a denunciation: only for those who may see the denouncer's identity in the
    petition the visit created (every reading is audited); for everyone else "(bảo mật)"."""
    if visit.kind != Kind.DENUNCIATION:
        return VisitIdentity(visit.name, visit.address, visit.id_number, visit.phone)
    hidden = VisitIdentity(REDACTED, REDACTED, REDACTED, REDACTED, hidden=True)
    if visit.petition is None or not visit.identity_token:
        return hidden
    if not can_see_identity(user, visit.petition):
        return hidden
    data = json.loads(decrypt_bytes(visit.identity_token))
    audit_record(
        "reception.identity_viewed",
        obj=visit,
        actor=user,
        unit=visit.unit,
        data={"petition": visit.petition_id},
    )
    return VisitIdentity(
        data.get("name", ""),
        data.get("address", ""),
        data.get("id_number", ""),
        data.get("phone", ""),
    )


def get_visit_for_user(user, unit: AdminUnit, pk: int) -> ReceptionVisit:
    permissions.require(user, "reception.record", unit)
    visit = (
        ReceptionVisit.objects.select_related(
            "unit", "petition__body__unit", "forward_body", "received_by", "session", "booking"
        )
        .filter(unit=unit, pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    return visit


def log_entries(
    unit: AdminUnit, *, since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[ReceptionVisit]:
    """The log of ``unit`` for a period, in the order of the book (one query with its joins)."""
    qs = ReceptionVisit.objects.filter(unit=unit)
    if since is not None:
        qs = qs.filter(received_on__gte=since)
    if until is not None:
        qs = qs.filter(received_on__lte=until)
    return qs.select_related("petition", "forward_body", "received_by").order_by(
        "received_on", "year", "number"
    )
