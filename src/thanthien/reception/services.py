"""Citizen reception, the writes: regular days, unscheduled sessions and cancellations, bookings,
and the rows of the reception log (Form 03).

Luật Tiếp công dân 2013 and Circular 04/2021/TT-TTCP (LEGAL.md, "Citizen reception"):

- The commune chairman receives citizens in person at least one day per week (Art. 15), plus
  unscheduled sessions; the schedule is published in advance (``selectors.schedule``).
- Booking a place is optional: walk-ins remain the norm.
- Each visit is a row of the reception log (Form 03). A visit accepted for handling becomes a
  petition of its kind through the petition services, with the channel "at citizen reception".
- Reception may be refused only for the reasons of Art. 9.

Each write is an ``<entity>_<action>`` function (keyword-only, atomic) that checks who may act.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.complaints import services as complaints
from thanthien.core import permissions
from thanthien.core.audit import audit_record
from thanthien.core.models import AdminUnit, Body, Membership, Role, User
from thanthien.core.people import normalize_phone
from thanthien.core.submissions import create_once, earlier_submission
from thanthien.core.units import is_abolished, successors_on
from thanthien.denunciations import services as denunciations
from thanthien.petitions import services as petition_services
from thanthien.petitions.confidential import Identity, encrypt_bytes
from thanthien.petitions.models import (
    Channel,
    Contact,
    Field,
    Kind,
    Petition,
    ReceptionBooking,
    ReceptionRule,
    ReceptionSession,
    ReceptionVisit,
)

from .selectors import Occurrence, find_occurrence

MAX_CAPACITY = 200


# --- Schedule -------------------------------------------------------------------------------------


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
) -> dict:
    """Check what a regular day and a session have alike, with the ``errors`` found before;
    raise them all, or return those fields as they are stored."""

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
    if errors:
        raise ValidationError(errors)
    if host is not None and not host_title:
        host_title = _leader_title(host, unit)
    return {
        "start_time": start_time,
        "end_time": end_time,
        "place": place,
        "host": host,
        "host_name": "" if host else host_name,
        "host_title": host_title,
        "capacity": capacity,
    }


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
    fields = _clean_session_fields(
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
    rule = ReceptionRule.objects.create(
        unit=unit,
        weekday=weekday,
        week_of_month=week_of_month,
        **fields,
        # A leader chosen from the unit's leaders receives in person by definition.
        is_leader=True if host else bool(is_leader),
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
    fields = _clean_session_fields(
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
    session = ReceptionSession.objects.create(unit=unit, date=date, **fields, created_by=actor)
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
    existing = earlier_submission(ReceptionBooking, submission_key)
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
        existing = earlier_submission(ReceptionBooking, submission_key)
        if existing is None and session is not None:
            existing = ReceptionBooking.objects.filter(session=session, phone=phone_norm).first()
        if existing is None:
            raise
        return existing, False
    # Without the booking's code: a booking that turns out to be a denunciation is deleted, and
    # the audit trail must not tie the citizen's browser to it.
    audit_record("reception.booked", obj=session, unit=unit)
    return booking, True


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
        petition, _created = petition_services.petition_submit(
            **common, kind=kind, name=name, phone=phone
        )
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
    ``petitions.services.petition_submit``, complaints and denunciations through
    their rooms' services) with the channel "at citizen reception", entered by ``actor``;
    ``case`` holds what a complaint (``act_complained_of``, ``respondent``, ``learned_on``,
    ``late_reason``) or a denunciation (``denounced``) needs. For a denunciation the visitor's
    identity goes only into the petition's encrypted identity and, encrypted too, into this row.
    Bad input raises ValidationError and saves nothing; the same ``submission_key`` twice returns
    the row already written.
    """
    _require(actor, "reception.record", unit)
    existing = earlier_submission(ReceptionVisit, submission_key)
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
    if received_on is not None and is_abolished(unit, received_on):
        # An abolished unit holds no reception and keeps no log (a visit of June 2025 entered
        # late still goes into its log): the visit goes into the log of the commune of today.
        err(
            "unit",
            _(
                "%(unit)s no longer exists since %(day)s: record the visit in the log of the "
                "commune that took its place (%(successors)s)."
            )
            % {
                "unit": unit.name,
                "day": (unit.valid_to + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
                "successors": ", ".join(s.name for s, _e in successors_on(unit, received_on))
                or "—",
            },
        )
    if session is not None and (session.pk is None or session.unit_id != unit.pk):
        err("session", _("This session belongs to another unit."))
    if booking is not None and booking.session.unit_id != unit.pk:
        err("booking", _("This booking belongs to another unit."))
    if errors:
        raise ValidationError(errors)

    if session is None and booking is not None:
        session = booking.session
    confidential = kind == Kind.DENUNCIATION

    def write() -> ReceptionVisit:
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
        return visit

    return create_once(ReceptionVisit, submission_key, write)


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
