"""Citizen reception (tiếp công dân): the schedule, bookings, and the reception log.

Luật Tiếp công dân 2013 and Circular 04/2021/TT-TTCP (LEGAL.md, "Citizen reception"):

- The commune chairman receives citizens in person at least one day per week (Art. 15), plus
  unscheduled sessions; the schedule is published in advance. Regular days are ``ReceptionRule``
  rows; the public schedule is generated from them for the next weeks, skipping days off (the
  working-day calendar of ``core.workdays``), with the unscheduled and cancelled sessions of
  ``ReceptionSession`` on top.
- Booking a place is optional: walk-ins remain the norm.
- Each visit is a row of the reception log (Form 03). A visit accepted for handling becomes a
  petition of its kind through the petition services, with the channel "at citizen reception".
- Reception may be refused only for the reasons of Art. 9.
- The log prints and exports in the column layout of Form 03 (``FORM03_HEADER``; its wording is
  NOT verified against the Circular's text, see there).

Writes are ``<entity>_<action>`` functions (keyword-only, atomic); reads are the selectors below.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thanthien.complaints import services as complaints
from thanthien.core import permissions
from thanthien.core.audit import audit_record
from thanthien.core.documents import (
    STATE,
    OfficialDocument,
    Table,
    render_docx,
    render_pdf,
    xlsx_table,
)
from thanthien.core.models import AdminUnit, Body, CalendarDay, Membership, Role, User
from thanthien.core.people import normalize_phone
from thanthien.core.workdays import WorkCalendar, public_holidays
from thanthien.denunciations import services as denunciations

from . import services
from .confidential import Identity, can_see_identity, decrypt_bytes, encrypt_bytes
from .models import (
    Channel,
    Contact,
    Field,
    Kind,
    Petition,
    ReceptionBooking,
    ReceptionRule,
    ReceptionSession,
    ReceptionVisit,
    Weekday,
)

OFFICE = frozenset({Role.CLERK, Role.HANDLER, Role.LEADER})

permissions.register_actions(
    {
        # Record visits, read and export the log (never public).
        "reception.record": OFFICE,
        # Unscheduled sessions, cancellations, the bookings of a session.
        "reception.sessions": OFFICE,
        # The regular reception days.
        "reception.schedule": frozenset({Role.LEADER, Role.ADMINISTRATOR}),
    },
    labels={
        "reception.record": gettext_lazy("Record citizen reception visits"),
        "reception.sessions": gettext_lazy("Manage reception sessions and bookings"),
        "reception.schedule": gettext_lazy("Set the regular reception days"),
    },
)

UPCOMING_WEEKS = 8
# Art. 15: the chairman receives in person at least one day per week. A default, not verified
# against later amendments; a unit that falls short is warned, nothing is blocked.
LEADER_DAYS_PER_WEEK = 1
MAX_CAPACITY = 200
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
    return day not in public_holidays(day.year)


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


def _leader_title(user: User, unit: AdminUnit) -> str:
    membership = (
        Membership.objects.active_on(timezone.localdate())
        .filter(user=user, role=Role.LEADER, body__unit_id__in=unit.ancestor_ids)
        .exclude(title="")
        .first()
    )
    return membership.title if membership else ""


def _require(actor, action: str, unit: AdminUnit) -> None:
    if not permissions.can(actor, action, unit):
        raise PermissionDenied(_("You may not do this in this unit."))


def _clean_session_fields(
    *,
    unit: AdminUnit,
    start_time: dt.time | None,
    end_time: dt.time | None,
    place: str,
    host: User | None,
    host_name: str,
    host_title: str,
    capacity: int | None,
    errors: dict[str, list[str]],
) -> tuple[str, str, str]:
    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    place, host_name, host_title = (
        (place or "").strip(),
        (host_name or "").strip(),
        (host_title or "").strip(),
    )
    if start_time is None:
        err("start_time", _("Give the time the session starts."))
    if end_time is None:
        err("end_time", _("Give the time the session ends."))
    if start_time and end_time and start_time >= end_time:
        err("end_time", _("The session must end after it starts."))
    if len(place) < 3:
        err("place", _("Say where citizens are received (at least 3 characters)."))
    if len(place) > 200:
        err("place", _("The place is too long (at most 200 characters)."))
    if (host is None) == (not host_name):
        err("host", _("Choose a leader of the unit, or name the official who receives."))
    elif host is not None and Role.LEADER not in permissions.roles_at(host, unit):
        err("host", _("This person does not hold a leader role in this unit."))
    if len(host_name) > 150:
        err("host_name", _("The name is too long (at most 150 characters)."))
    if len(host_title) > 120:
        err("host_title", _("The title is too long (at most 120 characters)."))
    if capacity is None or not 0 <= capacity <= MAX_CAPACITY:
        err("capacity", _("Give a number of places from 0 to %(n)d.") % {"n": MAX_CAPACITY})
    if host is not None and not host_title:
        host_title = _leader_title(host, unit)
    return place, host_name, host_title


@transaction.atomic
def rule_create(
    *,
    unit: AdminUnit,
    actor,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    host: User | None = None,
    host_name: str = "",
    host_title: str = "",
    is_leader: bool = True,
    week_of_month: int | None = None,
    capacity: int = 10,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> ReceptionRule:
    """Add a regular reception day (leaders and administrators)."""
    _require(actor, "reception.schedule", unit)
    errors: dict[str, list[str]] = {}
    if weekday not in range(6):
        errors["weekday"] = [_("Choose a day from Monday to Saturday.")]
    if week_of_month is not None and week_of_month not in range(1, 5):
        errors["week_of_month"] = [_("Choose the first to the fourth week, or every week.")]
    valid_from = valid_from or timezone.localdate()
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = [_("The end date cannot be before the start date.")]
    place, host_name, host_title = _clean_session_fields(
        unit=unit,
        start_time=start_time,
        end_time=end_time,
        place=place,
        host=host,
        host_name=host_name,
        host_title=host_title,
        capacity=capacity,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    rule = ReceptionRule.objects.create(
        unit=unit,
        weekday=weekday,
        week_of_month=week_of_month,
        start_time=start_time,
        end_time=end_time,
        place=place,
        host=host,
        host_name="" if host else host_name,
        host_title=host_title,
        # A leader chosen from the unit's leaders receives in person by definition.
        is_leader=True if host else bool(is_leader),
        capacity=capacity,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=actor,
    )
    audit_record(
        "reception.rule_added",
        obj=rule,
        actor=actor,
        unit=unit,
        data={"weekday": weekday, "from": valid_from.isoformat()},
    )
    return rule


@transaction.atomic
def rule_end(*, rule: ReceptionRule, actor, last_day: dt.date | None = None) -> ReceptionRule:
    """Stop a regular day after ``last_day`` (yesterday by default). Rules are never deleted: the
    sessions held under them stay in the record."""
    _require(actor, "reception.schedule", rule.unit)
    last_day = last_day or timezone.localdate() - dt.timedelta(days=1)
    if last_day < rule.valid_from:
        last_day = rule.valid_from
    if rule.valid_to is not None and rule.valid_to <= last_day:
        raise ValidationError(_("This regular day has already ended."))
    rule.valid_to = last_day
    rule.save(update_fields=["valid_to"])
    audit_record(
        "reception.rule_ended",
        obj=rule,
        actor=actor,
        unit=rule.unit,
        data={"to": last_day.isoformat()},
    )
    return rule


@transaction.atomic
def session_create(
    *,
    unit: AdminUnit,
    actor,
    date: dt.date | None,
    start_time: dt.time | None,
    end_time: dt.time | None,
    place: str,
    host: User | None = None,
    host_name: str = "",
    host_title: str = "",
    capacity: int = 0,
) -> ReceptionSession:
    """An unscheduled session (tiếp đột xuất) or one announced outside the regular days."""
    _require(actor, "reception.sessions", unit)
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if date is None:
        errors["date"] = [_("Give the date of the session.")]
    elif date < today:
        errors["date"] = [_("The session cannot be in the past.")]
    elif date > today + dt.timedelta(days=366):
        errors["date"] = [_("The session is more than a year ahead.")]
    place, host_name, host_title = _clean_session_fields(
        unit=unit,
        start_time=start_time,
        end_time=end_time,
        place=place,
        host=host,
        host_name=host_name,
        host_title=host_title,
        capacity=capacity,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    session = ReceptionSession.objects.create(
        unit=unit,
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place,
        host=host,
        host_name="" if host else host_name,
        host_title=host_title,
        capacity=capacity,
        created_by=actor,
    )
    audit_record(
        "reception.session_added",
        obj=session,
        actor=actor,
        unit=unit,
        data={"date": date.isoformat()},
    )
    return session


def _materialize(occurrence: Occurrence, **changes) -> ReceptionSession:
    """The stored session of an occurrence, created from its rule the first time it is needed."""
    if occurrence.session is not None:
        return occurrence.session
    rule = occurrence.rule
    session, _created = ReceptionSession.objects.get_or_create(
        rule=rule,
        date=occurrence.date,
        defaults={
            "unit_id": rule.unit_id,
            "start_time": rule.start_time,
            "end_time": rule.end_time,
            "place": rule.place,
            "host": rule.host,
            "host_name": rule.host_name,
            "host_title": rule.host_title,
            "capacity": rule.capacity,
            **changes,
        },
    )
    return session


@transaction.atomic
def session_cancel(*, unit: AdminUnit, actor, key: str, reason: str) -> ReceptionSession:
    """Cancel one upcoming session (a regular one on that date, or an unscheduled one)."""
    _require(actor, "reception.sessions", unit)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": [_("Give the reason (at least 5 characters).")]})
    if len(reason) > 300:
        raise ValidationError({"reason": [_("The reason is too long (at most 300 characters).")]})
    occurrence = find_occurrence(unit, key)
    if occurrence.cancelled:
        raise ValidationError(_("This session is already cancelled."))
    session = _materialize(occurrence, is_cancelled=True, cancel_reason=reason)
    ReceptionSession.objects.filter(pk=session.pk).update(is_cancelled=True, cancel_reason=reason)
    session.refresh_from_db()
    audit_record(
        "reception.session_cancelled",
        obj=session,
        actor=actor,
        unit=unit,
        data={"date": session.date.isoformat(), "bookings": session.booked},
    )
    return session


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


# --- Bookings ---------------------------------------------------------------------------------


def booking_create(
    *,
    unit: AdminUnit,
    key: str,
    phone: str,
    subject: str,
    name: str = "",
    submission_key: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[ReceptionBooking, bool]:
    """Book a place in an upcoming session; return the booking and whether it is new.

    No account is needed. Sending the form twice (the same ``submission_key``), or booking the same
    session again with the same phone number, returns the booking already made. A place is taken
    with a conditional UPDATE, so a session never holds more bookings than its capacity.
    """
    errors: dict[str, list[str]] = {}
    phone_norm = normalize_phone(phone or "")
    if not phone_norm:
        errors["phone"] = [_("Enter a Vietnamese phone number, e.g. 0912 345 678.")]
    subject, name = (subject or "").strip(), (name or "").strip()
    if len(subject) < 10:
        errors["subject"] = [_("Say briefly what it is about (at least 10 characters).")]
    elif len(subject) > 1000:
        errors["subject"] = [_("The text is too long (at most 1,000 characters).")]
    if len(name) > 150:
        errors["name"] = [_("The name is too long (at most 150 characters).")]
    if errors:
        raise ValidationError(errors)
    if submission_key:
        existing = ReceptionBooking.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    occurrence = find_occurrence(unit, key)
    if occurrence.cancelled:
        raise ValidationError({"session": [_("This session has been cancelled.")]})
    if occurrence.starts_at() <= (now or timezone.now()):
        raise ValidationError({"session": [_("This session has already started.")]})
    if occurrence.capacity == 0:
        raise ValidationError(
            {"session": [_("This session takes no bookings: come in person, no booking needed.")]}
        )
    session = None
    try:
        with transaction.atomic():
            session = _materialize(occurrence)
            existing = ReceptionBooking.objects.filter(session=session, phone=phone_norm).first()
            if existing is not None:
                return existing, False
            taken = ReceptionSession.objects.filter(
                pk=session.pk, is_cancelled=False, booked__lt=F("capacity")
            ).update(booked=F("booked") + 1)
            if taken != 1:
                raise ValidationError(
                    {
                        "session": [
                            _(
                                "This session is full. Choose another one, or come in person: "
                                "citizens are received without booking too."
                            )
                        ]
                    }
                )
            booking = ReceptionBooking.objects.create(
                session=session,
                name=name,
                phone=phone_norm,
                subject=subject,
                submission_key=submission_key or None,
            )
    except IntegrityError:
        # The same form sent twice at once: the other request made the booking.
        existing = None
        if submission_key:
            existing = ReceptionBooking.objects.filter(submission_key=submission_key).first()
        if existing is None and session is not None:
            existing = ReceptionBooking.objects.filter(session=session, phone=phone_norm).first()
        if existing is None:
            raise
        return existing, False
    # Without the booking's code: a booking that turns out to be a denunciation is deleted, and
    # the audit trail must not tie the citizen's browser to it.
    audit_record("reception.booked", obj=session, unit=unit)
    return booking, True


def bookings_of(session: ReceptionSession) -> list[ReceptionBooking]:
    if session.pk is None:
        return []
    return list(session.bookings.select_related("visit").order_by("created_at", "id"))


# --- The reception log ------------------------------------------------------------------------

_ID_NUMBER = re.compile(r"(\d{9}|\d{12}|[A-Z]\d{7,8})")


def _normalize_id_number(raw: str) -> str | None:
    """CCCD (12 digits), old CMND (9 digits) or a passport (a letter and 7–8 digits)."""
    value = re.sub(r"[\s.\-]", "", raw or "").upper()
    return value if _ID_NUMBER.fullmatch(value) else None


def _title_from(content: str) -> str:
    first = " ".join(content.split())
    if len(first) <= 120:
        return first
    cut = first[:120].rsplit(" ", 1)[0]
    return f"{cut}…"


def _received_at(received_on: dt.date, session: ReceptionSession | None) -> dt.datetime:
    if received_on == timezone.localdate():
        return timezone.now()
    at = session.start_time if session is not None else dt.time(8, 0)
    return timezone.make_aware(dt.datetime.combine(received_on, at))


def _create_petition(
    *,
    unit: AdminUnit,
    actor,
    kind: str,
    field: Field | None,
    content: str,
    name: str,
    address: str,
    id_number: str,
    phone: str,
    received_at: dt.datetime,
    submission_key: str | None,
    case: dict,
) -> Petition:
    """The petition of the right kind, through the services every other channel uses."""
    if field is None:
        raise ValidationError({"field": [_("Choose the field of the petition.")]})
    common = {
        "field": field,
        "unit": unit,
        "title": _title_from(content),
        "content": content,
        "channel": Channel.RECEPTION,
        "received_at": received_at,
        "entered_by": actor,
        "submission_key": submission_key,
    }
    if kind == Kind.DENUNCIATION:
        petition, _created = denunciations.denunciation_submit(
            **common,
            denounced=case.get("denounced", ""),
            identity=Identity(name=name, address=address, id_number=id_number, phone=phone),
        )
        return petition
    if kind == Kind.COMPLAINT:
        learned_on = case.get("learned_on")
        if learned_on is None:
            raise ValidationError(
                {"learned_on": [_("Give the date the complainant learned of the decision or act.")]}
            )
        petition, _created = complaints.complaint_submit(
            **common,
            act_complained_of=case.get("act_complained_of", ""),
            respondent=case.get("respondent", ""),
            learned_on=learned_on,
            late_reason=case.get("late_reason", ""),
            name=name,
            phone=phone,
        )
    else:
        petition, _created = services.petition_submit(**common, kind=kind, name=name, phone=phone)
    if address:
        # The visitor's address is where to write to them: the Contact, not the petition's
        # "address or landmark" (which may be published with an answer).
        Contact.objects.filter(petition=petition, address="").update(address=address[:200])
    return petition


def visit_record(
    *,
    unit: AdminUnit,
    actor,
    received_on: dt.date,
    kind: str,
    name: str,
    content: str,
    action: str,
    people_count: int = 1,
    address: str = "",
    id_number: str = "",
    phone: str = "",
    handled_before: str = "",
    field: Field | None = None,
    case: dict | None = None,
    guidance: str = "",
    forward_body: Body | None = None,
    forward_to: str = "",
    refusal_reason: str = "",
    refusal_note: str = "",
    refusal_notice: str = "",
    follow_up: str = "",
    notes: str = "",
    session: ReceptionSession | None = None,
    booking: ReceptionBooking | None = None,
    submission_key: str | None = None,
) -> tuple[ReceptionVisit, bool]:
    """Write one row of the reception log; return it and whether it is new.

    ``accept`` files the petition of the visit's kind (feedback and recommendations through
    ``services.petition_submit``, complaints and denunciations through their rooms' services) with the
    channel "at citizen reception", entered by ``actor``; ``case`` holds what a complaint
    (``act_complained_of``, ``respondent``, ``learned_on``, ``late_reason``) or a denunciation
    (``denounced``) needs. For a denunciation the visitor's identity goes only into the petition's
    encrypted identity and, encrypted too, into this row. Bad input raises ValidationError and
    saves nothing; the same ``submission_key`` twice returns the row already written.
    """
    _require(actor, "reception.record", unit)
    if submission_key:
        existing = ReceptionVisit.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    errors: dict[str, list[str]] = {}

    def err(field_name: str, message: str) -> None:
        errors.setdefault(field_name, []).append(message)

    today = timezone.localdate()
    name, address, content = (name or "").strip(), (address or "").strip(), (content or "").strip()
    handled_before, guidance = (handled_before or "").strip(), (guidance or "").strip()
    forward_to, refusal_note = (forward_to or "").strip(), (refusal_note or "").strip()
    refusal_notice = (refusal_notice or "").strip()
    follow_up, notes = (follow_up or "").strip(), (notes or "").strip()
    if received_on is None:
        err("received_on", _("Give the date of the visit."))
    elif received_on > today:
        err("received_on", _("The date of the visit cannot be in the future."))
    elif received_on < today - dt.timedelta(days=366):
        err("received_on", _("The date of the visit is more than a year ago."))
    if kind not in Kind.values:
        err("kind", _("Choose the kind of petition."))
    if not isinstance(people_count, int) or not 1 <= people_count <= 1000:
        err("people_count", _("Give the number of people, from 1 to 1,000."))
    if len(name) < 2:
        err("name", _("Enter the visitor's full name (the representative of a group)."))
    elif len(name) > 150:
        err("name", _("The name is too long (at most 150 characters)."))
    if len(address) > 200:
        err("address", _("The address is too long (at most 200 characters)."))
    id_norm = ""
    if (id_number or "").strip():
        id_norm = _normalize_id_number(id_number) or ""
        if not id_norm:
            err(
                "id_number",
                _(
                    "Enter a citizen ID card number (12 digits), an old ID (9) or a passport number."
                ),
            )
    phone_norm = ""
    if (phone or "").strip():
        phone_norm = normalize_phone(phone) or ""
        if not phone_norm:
            err("phone", _("Enter a Vietnamese phone number, e.g. 0912 345 678."))
    if len(content) < 10:
        err("content", _("Write what the citizen raised (at least 10 characters)."))
    elif len(content) > 5000:
        err("content", _("The text is too long (at most 5,000 characters)."))
    if len(handled_before) > 300:
        err("handled_before", _("The text is too long (at most 300 characters)."))
    for field_name, value in (("follow_up", follow_up), ("notes", notes), ("guidance", guidance)):
        if len(value) > 2000:
            err(field_name, _("The text is too long (at most 2,000 characters)."))
    if action == ReceptionVisit.Action.RETURN:
        if len(guidance) < 5:
            err("guidance", _("Write the guidance given to the citizen (at least 5 characters)."))
    elif action == ReceptionVisit.Action.FORWARD:
        if (forward_body is None) == (not forward_to):
            err("forward_to", _("Choose a body on the platform or name one outside it."))
        elif forward_body is not None and not forward_body.is_active:
            err("forward_to", _("This body is no longer active."))
        if len(forward_to) > 200:
            err("forward_to", _("The name is too long (at most 200 characters)."))
    elif action == ReceptionVisit.Action.REFUSE:
        if refusal_reason not in ReceptionVisit.RefusalReason.values:
            err(
                "refusal_reason",
                _("Reception may be refused only for one of the reasons of Art. 9."),
            )
        if len(refusal_note) < 5:
            err("refusal_note", _("Describe what happened (at least 5 characters)."))
        if refusal_reason == ReceptionVisit.RefusalReason.RESOLVED and len(refusal_notice) < 5:
            err(
                "refusal_notice",
                _("A resolved matter is refused with a written notice: give its number and date."),
            )
        if len(refusal_notice) > 200:
            err("refusal_notice", _("The text is too long (at most 200 characters)."))
    elif action != ReceptionVisit.Action.ACCEPT:
        err("action", _("Choose the action taken."))
    if session is not None and (session.pk is None or session.unit_id != unit.pk):
        err("session", _("This session belongs to another unit."))
    if booking is not None and booking.session.unit_id != unit.pk:
        err("booking", _("This booking belongs to another unit."))
    if errors:
        raise ValidationError(errors)

    if session is None and booking is not None:
        session = booking.session
    confidential = kind == Kind.DENUNCIATION
    try:
        with transaction.atomic():
            petition = None
            if action == ReceptionVisit.Action.ACCEPT:
                petition = _create_petition(
                    unit=unit,
                    actor=actor,
                    kind=kind,
                    field=field,
                    content=content,
                    name=name,
                    address=address,
                    id_number=id_norm,
                    phone=phone_norm,
                    received_at=_received_at(received_on, session),
                    submission_key=f"reception:{submission_key}" if submission_key else None,
                    case=case or {},
                )
            visit = ReceptionVisit(
                unit=unit,
                year=received_on.year,
                received_on=received_on,
                session=session,
                booking=None if confidential else booking,
                kind=kind,
                people_count=people_count,
                content=content,
                handled_before=handled_before,
                action=action,
                petition=petition,
                guidance=guidance if action == ReceptionVisit.Action.RETURN else "",
                forward_body=forward_body if action == ReceptionVisit.Action.FORWARD else None,
                forward_to=forward_to if action == ReceptionVisit.Action.FORWARD else "",
                refusal_reason=refusal_reason if action == ReceptionVisit.Action.REFUSE else "",
                refusal_note=refusal_note if action == ReceptionVisit.Action.REFUSE else "",
                refusal_notice=refusal_notice if action == ReceptionVisit.Action.REFUSE else "",
                follow_up=follow_up,
                notes=notes,
                received_by=actor,
                submission_key=submission_key or None,
            )
            if confidential:
                visit.identity_token = encrypt_bytes(
                    json.dumps(
                        {
                            "name": name,
                            "address": address,
                            "id_number": id_norm,
                            "phone": phone_norm,
                        },
                        ensure_ascii=False,
                    ).encode("utf-8")
                )
            else:
                visit.name, visit.address = name, address
                visit.id_number, visit.phone = id_norm, phone_norm
            _insert_numbered(visit)
            if confidential and booking is not None:
                # The booking names the visitor in clear, and when it was made (the audit trail
                # holds the browser's address then): it goes, and nothing links it to this row.
                ReceptionBooking.objects.filter(pk=booking.pk).delete()
            audit_record(
                "reception.visit_recorded",
                obj=visit,
                actor=actor,
                unit=unit,
                data={"no": visit.number, "year": visit.year, "action": action, "kind": kind},
            )
    except IntegrityError:
        existing = (
            ReceptionVisit.objects.filter(submission_key=submission_key).first()
            if submission_key
            else None
        )
        if existing is None:
            raise
        return existing, False
    return visit, True


def _insert_numbered(visit: ReceptionVisit, attempts: int = 5) -> None:
    """Give the row the next number of its unit and year (Form 03's "STT"). Two officials saving at
    once may pick the same number: the unique constraint refuses the second, which takes the next."""
    for attempt in range(attempts):
        last = ReceptionVisit.objects.filter(unit=visit.unit, year=visit.year).aggregate(
            n=Max("number")
        )["n"]
        visit.number = (last or 0) + 1
        try:
            with transaction.atomic():
                visit.save(force_insert=True)
            return
        except IntegrityError:
            visit.pk = None
            duplicate = (
                visit.submission_key
                and ReceptionVisit.objects.filter(submission_key=visit.submission_key).exists()
            )
            if duplicate or attempt == attempts - 1:
                raise


@transaction.atomic
def visit_update(*, visit: ReceptionVisit, actor, follow_up: str, notes: str) -> ReceptionVisit:
    """Record the follow-up of the result, and notes; the rest of a log row does not change."""
    _require(actor, "reception.record", visit.unit)
    follow_up, notes = (follow_up or "").strip(), (notes or "").strip()
    errors = {
        name: [_("The text is too long (at most 2,000 characters).")]
        for name, value in (("follow_up", follow_up), ("notes", notes))
        if len(value) > 2000
    }
    if errors:
        raise ValidationError(errors)
    visit.follow_up, visit.notes = follow_up, notes
    visit.save(update_fields=["follow_up", "notes"])
    audit_record("reception.visit_updated", obj=visit, actor=actor, unit=visit.unit)
    return visit


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


# --- Form 03: print and export ------------------------------------------------------------------

FORM03_TITLE = "SỔ TIẾP CÔNG DÂN"
FORM03_HEADER = [
    "STT",
    "Ngày tiếp",
    "Họ và tên - Địa chỉ",
    "Số CCCD/Hộ chiếu",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Hướng xử lý",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
]
FORM03_DIRECTIONS = [
    "Thụ lý giải quyết",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan có thẩm quyền",
]
"""The columns of the reception log, Form 03 (Mẫu số 03) of Circular 04/2021/TT-TTCP.

NOT VERIFIED against the Circular's text: it could not be retrieved here. The list follows the
brief of this feature and LEGAL.md; an older implementation of the reception book seen while
checking had the same columns, with "Họ tên - Địa chỉ - CMND/Hộ chiếu của công dân" as one column
and "Thụ lý để giải quyết" / "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền" as the
sub-columns of "Hướng xử lý". Confirm against the official form before relying on the wording.

The exports (xlsx, docx, PDF) have one header row, so "Hướng xử lý" is one column whose cell names
the direction (one of ``FORM03_DIRECTIONS``); the HTML print view shows the three sub-columns.
The words are those of the legal form and are printed in Vietnamese whatever the screen language.
"""
FORM03_WIDTHS_MM = [9, 17, 24, 18, 29, 15, 14, 18, 12, 9]  # 165 mm: the text width of A4 portrait

KIND_LABELS = {
    Kind.FEEDBACK: "Phản ánh",
    Kind.RECOMMENDATION: "Kiến nghị",
    Kind.COMPLAINT: "Khiếu nại",
    Kind.DENUNCIATION: "Tố cáo",
}
REFUSAL_LABELS = {
    ReceptionVisit.RefusalReason.INCAPACITATED: "Người say do dùng chất kích thích, người mắc bệnh "
    "tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi",
    ReceptionVisit.RefusalReason.THREATENING: "Có hành vi đe dọa, xúc phạm, gây rối trật tự tại nơi "
    "tiếp công dân",
    ReceptionVisit.RefusalReason.RESOLVED: "Vụ việc đã được giải quyết đúng chính sách, pháp luật, "
    "đã được kiểm tra, rà soát, thông báo bằng văn bản",
}


def direction(visit: ReceptionVisit) -> tuple[int | None, str]:
    """Which of Form 03's three directions (0, 1, 2; None for a refusal) and its text."""
    if visit.action == ReceptionVisit.Action.ACCEPT:
        code = f" ({visit.petition.tracking_code})" if visit.petition_id else ""
        return 0, f"{FORM03_DIRECTIONS[0]}{code}"
    if visit.action == ReceptionVisit.Action.RETURN:
        return 1, f"{FORM03_DIRECTIONS[1]}: {visit.guidance}"
    if visit.action == ReceptionVisit.Action.FORWARD:
        to = visit.forward_body.name if visit.forward_body_id else visit.forward_to
        return 2, f"{FORM03_DIRECTIONS[2]}: {to}"
    reason = REFUSAL_LABELS.get(visit.refusal_reason, visit.refusal_reason)
    notice = f" (văn bản: {visit.refusal_notice})" if visit.refusal_notice else ""
    return None, f"Từ chối tiếp (Điều 9 Luật Tiếp công dân): {reason}{notice}"


def follow_up_text(visit: ReceptionVisit) -> str:
    parts = [visit.follow_up] if visit.follow_up else []
    if visit.petition_id:
        with translation.override("vi"):
            parts.append(f"{visit.petition.tracking_code}: {visit.petition.get_state_display()}")
    return "; ".join(parts)


@dataclass(frozen=True)
class LogRow:
    visit: ReceptionVisit
    who: str  # name - address, or "(bảo mật)"
    id_number: str
    kind: str
    direction_index: int | None
    direction: str
    follow_up: str
    notes: str

    def cells(self) -> list[object]:
        v = self.visit
        return [
            v.number,
            v.received_on,
            self.who,
            self.id_number,
            v.content,
            self.kind,
            v.handled_before,
            self.direction,
            self.follow_up,
            self.notes,
        ]


def log_rows(visits) -> list[LogRow]:
    """Form 03's rows. A denunciation's visitor is "(bảo mật)" here whoever asks: whatever leaves
    the handler — a print, an export — carries no identity (LEGAL.md; Luật Tố cáo, Art. 47)."""
    rows = []
    for visit in visits:
        if visit.kind == Kind.DENUNCIATION:
            who, id_number = REDACTED, REDACTED
        else:
            who = " - ".join(p for p in (visit.name, visit.address) if p)
            id_number = visit.id_number
        index, text = direction(visit)
        notes = visit.notes
        if visit.action == ReceptionVisit.Action.REFUSE and visit.refusal_note:
            notes = "; ".join(p for p in (visit.refusal_note, notes) if p)
        rows.append(
            LogRow(
                visit=visit,
                who=who,
                id_number=id_number,
                kind=f"{KIND_LABELS.get(visit.kind, visit.kind)}/{visit.people_count}",
                direction_index=index,
                direction=text,
                follow_up=follow_up_text(visit),
                notes=notes,
            )
        )
    return rows


def period_text(since: dt.date, until: dt.date) -> str:
    return f"Từ ngày {since:%d/%m/%Y} đến ngày {until:%d/%m/%Y}"


def log_xlsx(unit: AdminUnit, visits, since: dt.date, until: dt.date) -> bytes:
    title = f"{FORM03_TITLE} - {unit.name} - {period_text(since, until)}"
    return xlsx_table(title, FORM03_HEADER, [row.cells() for row in log_rows(visits)])


def issuer_lines(unit: AdminUnit) -> tuple[str, str]:
    """The issuing body at the top left: "UBND HUYỆN …" above "ỦY BAN NHÂN DÂN THỊ TRẤN …"."""
    parent = unit.parent
    return (
        f"UBND {parent.name}".upper() if parent is not None else "",
        f"Ủy ban nhân dân {unit.name}".upper(),
    )


def log_document(unit: AdminUnit, visits, since: dt.date, until: dt.date) -> OfficialDocument:
    issuer_parent, issuer = issuer_lines(unit)
    return OfficialDocument(
        layout=STATE,
        issuer_parent=issuer_parent,
        issuer=issuer,
        number=None,
        type_code="",
        issuer_code="UBND",
        place=unit.short_name or unit.name,
        date=timezone.localdate(),
        kind_title=FORM03_TITLE,
        subject=period_text(since, until),
        body=[
            Table(
                header=FORM03_HEADER,
                rows=[row.cells() for row in log_rows(visits)],
                col_widths_mm=FORM03_WIDTHS_MM,
            )
        ],
    )


def log_export(unit: AdminUnit, visits, since: dt.date, until: dt.date, fmt: str) -> bytes:
    if fmt == "xlsx":
        return log_xlsx(unit, visits, since, until)
    doc = log_document(unit, visits, since, until)
    if fmt == "docx":
        return render_docx(doc)
    if fmt == "pdf":
        return render_pdf(doc)
    raise ValueError(f"unknown format {fmt!r}")
