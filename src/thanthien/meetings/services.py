"""Writes for meetings: ``<entity>_<action>`` functions, keyword-only and atomic.

Each raises ``ValidationError`` with a translated message when the input is wrong (nothing is
changed), ``Http404`` when the actor may not act on the record, and writes an audit event for
every state change. State changes are conditional UPDATEs on (pk, state, version), so two
officials acting on the same old state cannot both win.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thanthien.core import permissions
from thanthien.core.audit import audit_record
from thanthien.core.models import AdminUnit, Body, Role
from thanthien.core.people import normalize_phone
from thanthien.core.submissions import earlier_submission
from thanthien.core.workdays import WorkCalendar, due_date

from .models import (
    OPEN_COMMITMENT_STATES,
    Commitment,
    CommitmentState,
    CommitmentUpdate,
    Evidence,
    Follower,
    Kind,
    Meeting,
    MeetingRule,
    Question,
    QuestionState,
    Registration,
    State,
    Support,
)

OFFICE = frozenset({Role.CLERK, Role.HANDLER, Role.LEADER})

permissions.register_actions(
    {
        # Plan, announce and cancel meetings; registrations, attendance, moderation of questions.
        # The Fatherland Front co-organizes dialogues and the Mass Mobilization board the launch
        # and trainings, so supervisors organize too.
        "meetings.manage": frozenset({Role.CLERK, Role.LEADER, Role.SUPERVISOR}),
        # The secretary's work: answers, floor questions, commitments, the minutes.
        "meetings.minutes": frozenset({Role.CLERK, Role.LEADER}),
        # Report progress on a commitment of one's body.
        "meetings.progress": OFFICE,
    },
    labels={
        "meetings.manage": gettext_lazy("Organize meetings, registrations and attendance"),
        "meetings.minutes": gettext_lazy("Record answers, commitments and the minutes"),
        "meetings.progress": gettext_lazy("Report progress on commitments"),
    },
)


MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Content type → how such a file starts: the declared type is checked against the bytes.
EVIDENCE_TYPES = {
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG",
    "application/pdf": b"%PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": b"PK",
}
MAX_QUESTION_CHARS = 2000
# Shipped defaults, used only when an administrator removed every rule row (LEGAL.md: rules are
# data; migration 0002 stores these same values as rows with their sources).
FALLBACK_DAYS = {MeetingRule.Name.ANNOUNCEMENT: 7, MeetingRule.Name.MINUTES: 10}

TRANSITIONS = {
    # action: (from states, to state)
    "announce": ({State.DRAFT}, State.ANNOUNCED),
    "hold": ({State.ANNOUNCED}, State.HELD),
    "publish_minutes": ({State.HELD}, State.MINUTES_PUBLISHED),
    "cancel": ({State.DRAFT, State.ANNOUNCED}, State.CANCELLED),
}
COMMITMENT_TRANSITIONS = {
    CommitmentState.OPEN: {
        CommitmentState.OPEN,
        CommitmentState.IN_PROGRESS,
        CommitmentState.DONE,
        CommitmentState.NOT_DONE,
    },
    CommitmentState.IN_PROGRESS: {
        CommitmentState.IN_PROGRESS,
        CommitmentState.DONE,
        CommitmentState.NOT_DONE,
    },
    CommitmentState.DONE: set(),
    CommitmentState.NOT_DONE: set(),
}


# --- Rules ----------------------------------------------------------------------------------------


def rule_for(name: str, on: dt.date) -> tuple[int, str]:
    """(days, count) of the rule in force on ``on``."""
    rule = (
        MeetingRule.objects.filter(name=name, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        return FALLBACK_DAYS[name], MeetingRule.Count.CALENDAR
    return rule.days, rule.count


def announcement_deadline(starts_at: dt.datetime) -> dt.date:
    """The last day an announcement is on time: at least N days before the meeting's day, the
    day of the meeting not counted (Civil Code Art. 147)."""
    day = timezone.localtime(starts_at).date()
    days, count = rule_for(MeetingRule.Name.ANNOUNCEMENT, day)
    if count == MeetingRule.Count.CALENDAR:
        return day - dt.timedelta(days=days)
    calendar = WorkCalendar(day - dt.timedelta(days=days * 2 + 40), day)
    counted = 0
    while counted < days:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def minutes_deadline(held_on: dt.date) -> dt.date:
    days, count = rule_for(MeetingRule.Name.MINUTES, held_on)
    return due_date(held_on, days, count)


def is_announcement_late(starts_at: dt.datetime, at: dt.datetime | None = None) -> bool:
    at = at or timezone.now()
    return timezone.localtime(at).date() > announcement_deadline(starts_at)


# --- Meetings -------------------------------------------------------------------------------------


def _require(actor, action: str, unit: AdminUnit) -> None:
    permissions.require(actor, action, unit)


def _transition(meeting: Meeting, action: str, actor, **changes) -> Meeting:
    sources, target = TRANSITIONS[action]
    if meeting.state not in sources:
        raise ValidationError(_("This cannot be done in the meeting's current state."))
    updated = Meeting.objects.filter(
        pk=meeting.pk, state=meeting.state, version=meeting.version
    ).update(state=target, version=F("version") + 1, **changes)
    if not updated:
        raise ValidationError(_("Someone else changed this meeting just now. Reload the page."))
    old = meeting.state
    meeting.refresh_from_db()
    audit_record(
        f"meetings.meeting.{action}",
        obj=meeting,
        actor=actor,
        data={"from": old, "to": target, **{k: str(v) for k, v in changes.items()}},
    )
    return meeting


def _clean_meeting(
    *, unit, organizer, kind, title, starts_at, ends_at, place, capacity, invited_bodies
) -> dict:
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = _("Choose a kind of meeting.")
    if not (title or "").strip():
        errors["title"] = _("Give the meeting a title.")
    if not (place or "").strip():
        errors["place"] = _("Say where the meeting takes place.")
    if starts_at is None:
        errors["starts_at"] = _("Give the date and time the meeting starts.")
    elif ends_at is None or ends_at < starts_at:
        errors["ends_at"] = _("The meeting cannot end before it starts.")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("The number of places must be at least 1, or left empty.")
    if organizer is not None and not unit.path.startswith(organizer.unit.path):
        errors["organizer"] = _("The organizing body must belong to this unit or above it.")
    for body in invited_bodies or []:
        if not (unit.path.startswith(body.unit.path) or body.unit.path.startswith(unit.path)):
            errors["invited_bodies"] = _("Invite bodies of this unit, above it or below it.")
    if errors:
        raise ValidationError(errors)
    return {}


@transaction.atomic
def meeting_create(
    *,
    actor,
    unit: AdminUnit,
    organizer: Body,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    chairs: str = "",
    agenda: str = "",
    is_public: bool = True,
    capacity: int | None = None,
    invited_bodies=(),
    reception_session=None,
) -> Meeting:
    _require(actor, "meetings.manage", unit)
    _clean_meeting(
        unit=unit,
        organizer=organizer,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        capacity=capacity,
        invited_bodies=invited_bodies,
    )
    meeting = Meeting.objects.create(
        kind=kind,
        unit=unit,
        unit_path=unit.path,
        organizer=organizer,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        chairs=chairs.strip(),
        agenda=agenda.strip(),
        is_public=is_public,
        capacity=capacity,
        reception_session=reception_session,
        announcement_due=announcement_deadline(starts_at),
        created_by=actor,
    )
    if invited_bodies:
        meeting.invited_bodies.set(invited_bodies)
    audit_record("meetings.meeting.create", obj=meeting, actor=actor, data={"kind": kind})
    return meeting


EDITABLE_FIELDS = [
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "chairs",
    "agenda",
    "is_public",
    "capacity",
    "organizer",
]


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, invited_bodies=None, **changes) -> Meeting:
    """Correct a meeting before it is held. Moving an announced meeting re-checks the lead time
    against the day it was announced; fewer places than people registered is refused."""
    _require(actor, "meetings.manage", meeting.unit)
    if meeting.state not in (State.DRAFT, State.ANNOUNCED):
        raise ValidationError(_("Only a meeting not yet held can be changed."))
    unknown = set(changes) - set(EDITABLE_FIELDS) - {"unit"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "unit" in changes and changes["unit"].pk != meeting.unit_id:
        raise ValidationError({"unit": _("The unit of a meeting cannot be changed.")})
    changes.pop("unit", None)
    values = {name: changes.get(name, getattr(meeting, name)) for name in EDITABLE_FIELDS}
    _clean_meeting(
        unit=meeting.unit,
        organizer=values["organizer"],
        kind=values["kind"],
        title=values["title"],
        starts_at=values["starts_at"],
        ends_at=values["ends_at"],
        place=values["place"],
        capacity=values["capacity"],
        invited_bodies=invited_bodies or [],
    )
    if values["capacity"] is not None:
        registered = Registration.objects.filter(meeting=meeting).count()
        if values["capacity"] < registered:
            raise ValidationError(
                {"capacity": _("%(n)d people are already registered.") % {"n": registered}}
            )
    extra = {"announcement_due": announcement_deadline(values["starts_at"])}
    if meeting.state == State.ANNOUNCED:
        extra["announced_late"] = meeting.announced_late or is_announcement_late(
            values["starts_at"], meeting.announced_at
        )
    for name in ("title", "place", "chairs", "agenda"):
        values[name] = (values[name] or "").strip()
    updated = Meeting.objects.filter(
        pk=meeting.pk, state=meeting.state, version=meeting.version
    ).update(version=F("version") + 1, **values, **extra)
    if not updated:
        raise ValidationError(_("Someone else changed this meeting just now. Reload the page."))
    moved = meeting.starts_at != values["starts_at"] or meeting.place != values["place"]
    meeting.refresh_from_db()
    if invited_bodies is not None:
        meeting.invited_bodies.set(invited_bodies)
    if moved and meeting.state == State.ANNOUNCED:
        _notify_registrants(meeting, "moved")
    audit_record(
        "meetings.meeting.update",
        obj=meeting,
        actor=actor,
        data={k: str(v) for k, v in changes.items() if k != "organizer"},
    )
    return meeting


@transaction.atomic
def meeting_from_reception(*, actor, session, organizer: Body | None = None) -> Meeting:
    """A meeting record for a stored reception session of ``petitions`` (read-only link): its
    date, hours, place and host are copied; the session itself is not changed. Once per session."""
    found = Meeting.objects.filter(reception_session=session).exclude(state=State.CANCELLED)
    if found.exists():
        return found.first()
    unit = session.unit
    organizer = (
        organizer
        or Body.objects.filter(unit=unit, kind=Body.Kind.PEOPLES_COMMITTEE, is_active=True).first()
    )
    if organizer is None:
        raise ValidationError({"organizer": _("This unit has no People's Committee.")})
    tz = timezone.get_current_timezone()
    host = ", ".join(part for part in (session.host_name, session.host_title) if part)
    return meeting_create(
        actor=actor,
        unit=unit,
        organizer=organizer,
        kind=Kind.RECEPTION,
        title=_("Citizen reception on %(day)s") % {"day": f"{session.date:%d/%m/%Y}"},
        starts_at=dt.datetime.combine(session.date, session.start_time, tzinfo=tz),
        ends_at=dt.datetime.combine(session.date, session.end_time, tzinfo=tz),
        place=session.place,
        chairs=host,
        capacity=session.capacity or None,
        reception_session=session,
    )


@transaction.atomic
def meeting_announce(
    *, meeting: Meeting, actor, accept_late: bool = False, at: dt.datetime | None = None
) -> Meeting:
    """Publish the announcement. Later than the legal lead time, the organizer must say so
    explicitly (``accept_late``), and the meeting keeps the mark "announced late"."""
    _require(actor, "meetings.manage", meeting.unit)
    at = at or timezone.now()
    if at >= meeting.starts_at:
        raise ValidationError(_("The meeting has already started: it can no longer be announced."))
    late = is_announcement_late(meeting.starts_at, at)
    if late and not accept_late:
        raise ValidationError(
            _(
                "The law asks for the announcement by %(day)s. Announcing now is late: tick "
                "“announce anyway” to go on, and the meeting will be marked as announced late."
            )
            % {"day": f"{announcement_deadline(meeting.starts_at):%d/%m/%Y}"}
        )
    return _transition(
        meeting,
        "announce",
        actor,
        announced_at=at,
        announced_late=late,
        announcement_due=announcement_deadline(meeting.starts_at),
    )


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    _require(actor, "meetings.manage", meeting.unit)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    meeting = _transition(meeting, "cancel", actor)
    audit_record(
        "meetings.meeting.cancel_reason", obj=meeting, actor=actor, data={"reason": reason}
    )
    _notify_registrants(meeting, "cancelled")
    return meeting


def _notify_registrants(meeting: Meeting, event: str) -> None:
    from .tasks import notify_registrants

    pk = meeting.pk
    transaction.on_commit(lambda: notify_registrants.enqueue(pk, event))


@transaction.atomic
def meeting_hold(
    *, meeting: Meeting, actor, secretary: str, summary: str = "", at: dt.datetime | None = None
) -> Meeting:
    """Record that the meeting took place; the minutes' publication deadline starts to run."""
    _require(actor, "meetings.minutes", meeting.unit)
    at = at or timezone.now()
    if not (secretary or "").strip():
        raise ValidationError({"secretary": _("Name the secretary who keeps the minutes.")})
    if at < meeting.starts_at:
        raise ValidationError(_("The meeting has not started yet."))
    held_on = timezone.localtime(meeting.starts_at).date()
    return _transition(
        meeting,
        "hold",
        actor,
        held_at=at,
        secretary=secretary.strip(),
        minutes_summary=(summary or "").strip(),
        minutes_due=minutes_deadline(held_on),
    )


@transaction.atomic
def minutes_publish(*, meeting: Meeting, actor, at: dt.datetime | None = None) -> Meeting:
    _require(actor, "meetings.minutes", meeting.unit)
    return _transition(meeting, "publish_minutes", actor, minutes_published_at=at or timezone.now())


# --- Registration and attendance ------------------------------------------------------------------


def _clean_phone(raw: str, *, required: bool = False) -> str:
    raw = (raw or "").strip()
    if not raw:
        if required:
            raise ValidationError({"phone": _("Give a phone number.")})
        return ""
    phone = normalize_phone(raw)
    if phone is None:
        raise ValidationError({"phone": _("This is not a Vietnamese phone number.")})
    return phone


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    full_name: str,
    phone: str = "",
    organization: str = "",
    user=None,
    added_by=None,
    at: dt.datetime | None = None,
) -> tuple[Registration, bool]:
    """Register one person; (registration, created). The same person twice gets their first
    registration back; a full meeting refuses. Staff (``added_by``) may add people to any meeting
    of their units, even invited-only ones; citizens only to public, announced ones."""
    if added_by is not None:
        _require(added_by, "meetings.manage", meeting.unit)
    # Lock the meeting row: two last-place registrations cannot both pass the capacity check.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state not in (State.ANNOUNCED, State.DRAFT) or (
        added_by is None and meeting.state != State.ANNOUNCED
    ):
        raise ValidationError(_("Registration for this meeting is closed."))
    if added_by is None and not meeting.is_public:
        raise ValidationError(_("This meeting is by invitation only."))
    if added_by is None and (at or timezone.now()) >= meeting.starts_at:
        raise ValidationError(_("Registration for this meeting is closed."))
    full_name = (full_name or "").strip()
    if user is not None and not full_name:
        full_name = user.full_name or user.display_name
    if not full_name:
        raise ValidationError({"full_name": _("Give the person's full name.")})
    if len(full_name) > 150:
        raise ValidationError({"full_name": _("The name is too long.")})
    phone = _clean_phone(phone or (getattr(user, "phone", "") or ""))
    same_person = Q(pk__in=[])
    if user is not None:
        same_person |= Q(user=user)
    if phone:
        same_person |= Q(phone=phone)
    found = Registration.objects.filter(meeting=meeting).filter(same_person).first()
    if found is not None:
        return found, False
    if meeting.capacity is not None:
        taken = Registration.objects.filter(meeting=meeting).count()
        if taken >= meeting.capacity:
            raise ValidationError(_("All places at this meeting are taken."))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                meeting=meeting,
                user=user,
                full_name=full_name,
                phone=phone,
                organization=(organization or "").strip()[:200],
                added_by=added_by,
            )
    except IntegrityError:
        found = Registration.objects.filter(meeting=meeting).filter(same_person).first()
        if found is None:
            raise
        return found, False
    audit_record(
        "meetings.registration.create",
        obj=registration,
        actor=added_by or user,
        unit=meeting.unit,
        data={"meeting": meeting.pk, "by_staff": added_by is not None},
    )
    return registration, True


def normalize_code(raw: str) -> str:
    """What a person typed or a camera read: a bare code, or a URL ending in the code."""
    raw = (raw or "").strip().upper()
    if "/" in raw:
        raw = raw.rstrip("/").rsplit("/", 1)[-1]
    return "".join(ch for ch in raw if ch.isalnum())


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, code: str, actor, at: dt.datetime | None = None
) -> tuple[Registration, bool]:
    """Mark the holder of ``code`` present; (registration, newly marked). At a training, who
    attended is recorded as trained."""
    _require(actor, "meetings.manage", meeting.unit)
    if meeting.state not in (State.ANNOUNCED, State.HELD):
        raise ValidationError(_("Attendance can be recorded only at an announced meeting."))
    code = normalize_code(code)
    if not code:
        raise ValidationError({"code": _("Type or scan the code of the registration.")})
    registration = Registration.objects.filter(meeting=meeting, code=code).first()
    if registration is None:
        raise ValidationError({"code": _("No registration for this meeting has this code.")})
    if registration.attended_at is not None:
        return registration, False
    at = at or timezone.now()
    updated = Registration.objects.filter(pk=registration.pk, attended_at__isnull=True).update(
        attended_at=at, checked_in_by=actor, trained=meeting.kind == Kind.TRAINING
    )
    registration.refresh_from_db()
    if updated:
        audit_record(
            "meetings.registration.attend",
            obj=registration,
            actor=actor,
            unit=meeting.unit,
            data={"meeting": meeting.pk},
        )
    return registration, bool(updated)


# --- Questions ------------------------------------------------------------------------------------


def questions_open(meeting: Meeting, at: dt.datetime | None = None) -> bool:
    at = at or timezone.now()
    return (
        meeting.kind == Kind.DIALOGUE
        and meeting.state == State.ANNOUNCED
        and (at < meeting.starts_at)
    )


def _clean_text(text: str, field: str = "text", max_chars: int = MAX_QUESTION_CHARS) -> str:
    text = (text or "").strip()
    if len(text) < 10:
        raise ValidationError({field: _("Write at least 10 characters.")})
    if len(text) > max_chars:
        raise ValidationError({field: _("Write at most %(n)d characters.") % {"n": max_chars}})
    return text


def question_validate(
    *, meeting: Meeting, text: str, author_name: str, at: dt.datetime | None = None
) -> tuple[str, str]:
    """Check a question before anything is sent (e.g. before a one-time code goes out)."""
    if not questions_open(meeting, at):
        raise ValidationError(_("Questions for this meeting are closed."))
    text = _clean_text(text)
    name = (author_name or "").strip()
    if len(name) > 150:
        raise ValidationError({"author_name": _("The name is too long.")})
    return text, name


@transaction.atomic
def question_submit(
    *,
    meeting: Meeting,
    text: str,
    author=None,
    author_name: str = "",
    phone: str = "",
    submission_key: str | None = None,
    at: dt.datetime | None = None,
) -> tuple[Question, bool]:
    """A citizen's question before a dialogue: signed in (``author``) or phone-verified
    (``phone``, verified by the caller). Published at once; staff moderate afterwards."""
    found = earlier_submission(Question, submission_key)
    if found is not None:
        return found, False
    text, author_name = question_validate(
        meeting=meeting, text=text, author_name=author_name, at=at
    )
    if author is None and not phone:
        raise ValidationError(_("Sign in or verify your phone number to send a question."))
    name = (author_name or "").strip() or (author.display_name if author else "")
    if not name:
        raise ValidationError({"author_name": _("Give the name to show with your question.")})
    try:
        with transaction.atomic():
            question = Question.objects.create(
                meeting=meeting,
                text=text,
                author=author,
                author_name=name[:150],
                phone=phone if author is None else (author.phone or ""),
                submission_key=submission_key or None,
            )
    except IntegrityError:
        return Question.objects.get(submission_key=submission_key), False
    audit_record("meetings.question.submit", obj=question, actor=author, unit=meeting.unit, data={})
    return question, True


@transaction.atomic
def question_support(
    *, question: Question, user=None, phone: str = "", at: dt.datetime | None = None
) -> bool:
    """One support per person (account or verified phone); True if it was counted now."""
    if user is None and not phone:
        raise ValidationError(_("Sign in or verify your phone number to support a question."))
    if question.state != QuestionState.PUBLISHED or not questions_open(question.meeting, at):
        raise ValidationError(_("This question can no longer be supported."))
    if user is not None and question.author_id == user.pk:
        raise ValidationError(_("You asked this question: your support is already counted."))
    if user is None and question.phone and question.phone == phone:
        raise ValidationError(_("You asked this question: your support is already counted."))
    try:
        with transaction.atomic():
            Support.objects.create(
                question=question, user=user, phone="" if user is not None else phone
            )
    except IntegrityError:
        return False
    Question.objects.filter(pk=question.pk).update(support_count=F("support_count") + 1)
    return True


def _require_moderation(actor, question: Question) -> None:
    _require(actor, "meetings.manage", question.meeting.unit)


@transaction.atomic
def question_hide(*, question: Question, actor, reason: str) -> Question:
    _require_moderation(actor, question)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Give the reason: the author will read it.")})
    updated = Question.objects.filter(pk=question.pk, state=QuestionState.PUBLISHED).update(
        state=QuestionState.HIDDEN, hidden_reason=reason[:300]
    )
    if not updated:
        raise ValidationError(_("Only a published question can be hidden."))
    question.refresh_from_db()
    audit_record(
        "meetings.question.hide",
        obj=question,
        actor=actor,
        unit=question.meeting.unit,
        data={"reason": reason},
    )
    return question


@transaction.atomic
def question_restore(*, question: Question, actor) -> Question:
    _require_moderation(actor, question)
    updated = Question.objects.filter(pk=question.pk, state=QuestionState.HIDDEN).update(
        state=QuestionState.PUBLISHED, hidden_reason=""
    )
    if not updated:
        raise ValidationError(_("Only a hidden question can be shown again."))
    question.refresh_from_db()
    audit_record("meetings.question.restore", obj=question, actor=actor, unit=question.meeting.unit)
    return question


@transaction.atomic
def question_merge(*, question: Question, into: Question, actor) -> Question:
    """Merge a duplicate into another question of the same meeting: its supporters (and its
    author) count for the other one, each person once."""
    _require_moderation(actor, question)
    if into.meeting_id != question.meeting_id or into.pk == question.pk:
        raise ValidationError({"into": _("Choose another question of the same meeting.")})
    if into.state != QuestionState.PUBLISHED:
        raise ValidationError({"into": _("Merge into a published question.")})
    updated = Question.objects.filter(pk=question.pk, state=QuestionState.PUBLISHED).update(
        state=QuestionState.MERGED, merged_into=into
    )
    if not updated:
        raise ValidationError(_("Only a published question can be merged."))
    people = [(s.user_id, s.phone) for s in question.supports.all()]
    people.append((question.author_id, "" if question.author_id else question.phone))
    for user_id, phone in people:
        if user_id is None and not phone:
            continue
        if user_id is not None and user_id == into.author_id:
            continue
        if user_id is None and phone and phone == into.phone:
            continue
        try:
            with transaction.atomic():
                Support.objects.create(question=into, user_id=user_id, phone=phone)
        except IntegrityError:
            pass
    Question.objects.filter(pk=into.pk).update(
        support_count=Support.objects.filter(question=into).count()
    )
    question.refresh_from_db()
    audit_record(
        "meetings.question.merge",
        obj=question,
        actor=actor,
        unit=question.meeting.unit,
        data={"into": into.pk},
    )
    return question


@transaction.atomic
def question_from_petition(*, meeting: Meeting, actor, petition) -> Question:
    """Put a citizen's feedback or recommendation on the agenda. Complaints and denunciations
    are never taken (their parties and identities are not for a public list)."""
    from thanthien.petitions.models import SIMPLE_KINDS

    _require(actor, "meetings.manage", meeting.unit)
    if meeting.kind != Kind.DIALOGUE or meeting.state not in (State.DRAFT, State.ANNOUNCED):
        raise ValidationError(_("Questions can be added only to a dialogue not yet held."))
    if petition.kind not in SIMPLE_KINDS or petition.is_anonymous:
        raise ValidationError(
            {"code": _("Only feedback and recommendations can become questions.")}
        )
    if not petition.scope_path.startswith(meeting.unit_path):
        raise ValidationError({"code": _("This petition is not from this unit.")})
    found = Question.objects.filter(meeting=meeting, petition=petition).first()
    if found is not None:
        return found
    question = Question.objects.create(
        meeting=meeting,
        text=f"{petition.title}\n\n{petition.content}"[:MAX_QUESTION_CHARS],
        author=petition.submitter,
        # No part of the tracking code: it is the key to the petition's own page.
        author_name=_("A citizen's petition"),
        petition=petition,
    )
    audit_record(
        "meetings.question.from_petition",
        obj=question,
        actor=actor,
        unit=meeting.unit,
        data={"petition": petition.pk},
    )
    return question


@transaction.atomic
def question_floor(*, meeting: Meeting, actor, text: str, author_name: str) -> Question:
    _require(actor, "meetings.minutes", meeting.unit)
    if meeting.state not in (State.ANNOUNCED, State.HELD):
        raise ValidationError(_("Floor questions are recorded during or after the meeting."))
    text = _clean_text(text)
    if not (author_name or "").strip():
        raise ValidationError({"author_name": _("Give the name of who asked.")})
    question = Question.objects.create(
        meeting=meeting, text=text, author_name=author_name.strip()[:150], from_floor=True
    )
    audit_record("meetings.question.floor", obj=question, actor=actor, unit=meeting.unit)
    return question


@transaction.atomic
def question_answer(
    *, question: Question, actor, answer: str, answered_by: str, at: dt.datetime | None = None
) -> Question:
    meeting = question.meeting
    _require(actor, "meetings.minutes", meeting.unit)
    if meeting.state not in (State.ANNOUNCED, State.HELD):
        raise ValidationError(_("Answers are recorded during or after the meeting."))
    if question.state != QuestionState.PUBLISHED:
        raise ValidationError(_("Answer the question this one was merged into."))
    answer = _clean_text(answer, "answer", 5000)
    if not (answered_by or "").strip():
        raise ValidationError({"answered_by": _("Say who gave the answer.")})
    Question.objects.filter(pk=question.pk).update(
        answer=answer, answered_by=answered_by.strip()[:200], answered_at=at or timezone.now()
    )
    question.refresh_from_db()
    audit_record("meetings.question.answer", obj=question, actor=actor, unit=meeting.unit)
    return question


# --- Commitments ----------------------------------------------------------------------------------


@transaction.atomic
def commitment_create(
    *, meeting: Meeting, actor, text: str, body: Body, due_date: dt.date, question=None
) -> Commitment:
    _require(actor, "meetings.minutes", meeting.unit)
    if meeting.state not in (State.ANNOUNCED, State.HELD):
        raise ValidationError(_("Commitments are recorded during or after the meeting."))
    text = _clean_text(text, "text", 2000)
    errors = {}
    if body is None or not (
        meeting.unit_path.startswith(body.unit.path) or body.unit.path.startswith(meeting.unit_path)
    ):
        errors["body"] = _("Choose a body of this unit, above it or below it.")
    if due_date is None:
        errors["due_date"] = _("Give the date by which it will be done.")
    elif due_date < timezone.localtime(meeting.starts_at).date():
        errors["due_date"] = _("The date cannot be before the meeting.")
    if question is not None and question.meeting_id != meeting.pk:
        errors["question"] = _("Choose a question of this meeting.")
    if errors:
        raise ValidationError(errors)
    commitment = Commitment.objects.create(
        meeting=meeting,
        question=question,
        text=text,
        body=body,
        unit_path=meeting.unit_path,
        due_date=due_date,
        created_by=actor,
    )
    audit_record(
        "meetings.commitment.create",
        obj=commitment,
        actor=actor,
        unit=meeting.unit,
        data={"body": body.pk, "due": due_date.isoformat()},
    )
    return commitment


def can_report_progress(user, commitment: Commitment) -> bool:
    return permissions.can(user, "meetings.progress", commitment.body.unit) or permissions.can(
        user, "meetings.minutes", commitment.meeting.unit
    )


@transaction.atomic
def commitment_progress(
    *,
    commitment: Commitment,
    actor,
    text: str,
    state: str,
    files=(),
    submission_key: str | None = None,
    at: dt.datetime | None = None,
    notify: bool = True,
) -> tuple[CommitmentUpdate, bool]:
    """Report progress, with evidence; the askers, supporters and followers hear of it
    (``notify=False`` only for loading past records, e.g. the demo)."""
    found = earlier_submission(CommitmentUpdate, submission_key)
    if found is not None:
        return found, False
    if not can_report_progress(actor, commitment):
        from django.http import Http404

        raise Http404
    text = _clean_text(text, "text", 3000)
    if state not in COMMITMENT_TRANSITIONS.get(commitment.state, set()):
        raise ValidationError({"state": _("This change of state is not allowed.")})
    for f in files:
        if f.size > MAX_EVIDENCE_BYTES:
            raise ValidationError({"files": _("Each file must be under 10 MB.")})
        magic = EVIDENCE_TYPES.get(getattr(f, "content_type", ""))
        f.seek(0)
        head = f.read(8)
        f.seek(0)
        if magic is None or not head.startswith(magic):
            raise ValidationError({"files": _("Attach photos (JPEG, PNG), PDF or Word files.")})
    at = at or timezone.now()
    closed = state in (CommitmentState.DONE, CommitmentState.NOT_DONE)
    updated = Commitment.objects.filter(
        pk=commitment.pk, state=commitment.state, version=commitment.version
    ).update(state=state, version=F("version") + 1, closed_at=at if closed else None)
    if not updated:
        raise ValidationError(_("Someone else changed this commitment just now. Reload the page."))
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        text=text,
        state_before=commitment.state,
        state_after=state,
        author=actor,
        submission_key=submission_key or None,
        created_at=at,
    )
    for f in files:
        Evidence.objects.create(
            update=update, file=f, name=f.name[:200], content_type=f.content_type, size=f.size
        )
    audit_record(
        "meetings.commitment.progress",
        obj=commitment,
        actor=actor,
        unit=commitment.meeting.unit,
        data={"from": commitment.state, "to": state, "update": update.pk},
    )
    commitment.refresh_from_db()
    from .tasks import notify_commitment_update

    if notify:
        transaction.on_commit(lambda: notify_commitment_update.enqueue(update.pk))
    return update, True


def commitment_follow(*, commitment: Commitment, destination: str) -> bool:
    raw = (destination or "").strip()
    if "@" in raw:
        from django.core.validators import validate_email

        try:
            validate_email(raw)
        except ValidationError:
            raise ValidationError({"destination": _("This is not an email address.")}) from None
        value = raw.lower()
    else:
        value = normalize_phone(raw) or ""
        if not value:
            raise ValidationError(
                {"destination": _("Give a Vietnamese phone number or an email address.")}
            )
    _obj, created = Follower.objects.get_or_create(commitment=commitment, destination=value)
    return created


def commitment_recipients(commitment: Commitment) -> list[str]:
    """Who hears of progress: the asker, the supporters (also of questions merged into it), the
    followers. Each destination once."""
    destinations: list[str] = []

    def add(value):
        if value and value not in destinations:
            destinations.append(value)

    question = commitment.question
    if question is not None:
        questions = [question, *Question.objects.filter(merged_into=question)]
        for q in questions:
            if q.author_id:
                add(q.author.phone or q.author.email)
            else:
                add(q.phone)
        for s in Support.objects.filter(question__in=questions).select_related("user"):
            add((s.user.phone or s.user.email) if s.user_id else s.phone)
    for f in commitment.followers.all():
        add(f.destination)
    return destinations


def late_commitments(*, unit_path: str, on: dt.date):
    """Commitments of a unit (and below) not kept and past their date on ``on``."""
    return (
        Commitment.objects.filter(
            unit_path__startswith=unit_path, state__in=OPEN_COMMITMENT_STATES, due_date__lt=on
        )
        .select_related("body", "meeting")
        .order_by("due_date", "id")
    )


def registrations_count(meeting: Meeting) -> dict:
    return Registration.objects.filter(meeting=meeting).aggregate(
        registered=Count("id"), attended=Count("id", filter=Q(attended_at__isnull=False))
    )
