"""Reads for meetings, including the public functions other apps call (rollout, the figures)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import permissions
from thanthien.core.figures import Figure
from thanthien.core.models import AdminUnit

from .models import (
    OPEN_COMMITMENT_STATES,
    PUBLIC_STATES,
    Commitment,
    CommitmentState,
    Kind,
    Meeting,
    Question,
    QuestionState,
    Registration,
    State,
)


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.max, tzinfo=tz),
    )


# --- Public functions for other apps ---------------------------------------------------------------


def meetings_for(
    unit: AdminUnit, start: dt.date, end: dt.date, kinds: list[str] | None = None
) -> QuerySet[Meeting]:
    """Meetings of ``unit`` and the units below it starting from ``start`` to ``end`` (both days
    included), not cancelled, oldest first. ``kinds``: e.g. ["launch", "training"]."""
    first, last = _day_bounds(start, end)
    qs = Meeting.objects.filter(
        unit_path__startswith=unit.path, starts_at__range=(first, last)
    ).exclude(state=State.CANCELLED)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.select_related("unit").order_by("starts_at", "id")


def meeting_url(meeting: Meeting) -> str:
    """The public page of a meeting (what another app links to)."""
    return reverse("meetings_detail", args=[meeting.pk])


def attendance_summary(meeting: Meeting) -> dict:
    """{"registered": n, "attended": n, "trained": n} for one meeting (one query)."""
    return Registration.objects.filter(meeting=meeting).aggregate(
        registered=Count("id"),
        attended=Count("id", filter=Q(attended_at__isnull=False)),
        trained=Count("id", filter=Q(trained=True)),
    )


def attendance_by_meeting(meeting_ids) -> dict[int, dict]:
    """{meeting id: {"registered", "attended", "trained"}} for many meetings (one query); a
    meeting nobody registered for is absent."""
    rows = (
        Registration.objects.filter(meeting_id__in=list(meeting_ids))
        .values("meeting_id")
        .annotate(
            registered=Count("id"),
            attended=Count("id", filter=Q(attended_at__isnull=False)),
            trained=Count("id", filter=Q(trained=True)),
        )
        .order_by()
    )
    return {
        row["meeting_id"]: {k: row[k] for k in ("registered", "attended", "trained")}
        for row in rows
    }


def _counted_q() -> Q:
    today = timezone.localdate()
    return Q(due_date__lt=today) | Q(state__in=[CommitmentState.DONE, CommitmentState.NOT_DONE])


def fulfilment(unit: AdminUnit, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(kept on time, due) for commitments of ``unit`` and below whose date falls in the period.
    A commitment is kept when it was closed as kept on or before its date; one whose date has
    not come yet counts only once it is closed (it may still be kept)."""
    due = Commitment.objects.filter(
        _counted_q(), unit_path__startswith=unit.path, due_date__range=(start, end)
    )
    totals = due.aggregate(
        due=Count("id"),
        kept=Count(
            "id",
            filter=Q(state=CommitmentState.DONE, closed_at__date__lte=F("due_date")),
        ),
    )
    return totals["kept"], totals["due"]


def fulfilment_by_year(unit: AdminUnit) -> list[dict]:
    """[{"year", "kept", "due", "rate"}] for each year in which commitments of ``unit`` (and
    below) fell due, newest first (one query)."""
    from django.db.models.functions import ExtractYear

    rows = (
        Commitment.objects.filter(_counted_q(), unit_path__startswith=unit.path)
        .exclude(meeting__state__in=[State.DRAFT, State.CANCELLED])
        .annotate(year=ExtractYear("due_date"))
        .values("year")
        .annotate(
            due=Count("id"),
            kept=Count(
                "id", filter=Q(state=CommitmentState.DONE, closed_at__date__lte=F("due_date"))
            ),
        )
        .order_by("-year")
    )
    return [
        {**row, "rate": round(100 * row["kept"] / row["due"], 1) if row["due"] else None}
        for row in rows
    ]


def meetings_figures(unit: AdminUnit, start: dt.date, end: dt.date) -> list[Figure]:
    first, last = _day_bounds(start, end)
    held = Meeting.objects.filter(
        unit_path__startswith=unit.path,
        starts_at__range=(first, last),
        state__in=[State.HELD, State.MINUTES_PUBLISHED],
    ).aggregate(
        dialogues=Count("id", filter=Q(kind=Kind.DIALOGUE)),
        launches=Count("id", filter=Q(kind=Kind.LAUNCH)),
        trainings=Count("id", filter=Q(kind=Kind.TRAINING)),
        published=Count(
            "id",
            filter=Q(
                kind=Kind.DIALOGUE,
                minutes_published_at__isnull=False,
                minutes_published_at__date__lte=F("minutes_due"),
            ),
        ),
        # Minutes still within their period are not counted against the unit yet.
        minutes_due=Count(
            "id",
            filter=Q(kind=Kind.DIALOGUE)
            & (Q(minutes_published_at__isnull=False) | Q(minutes_due__lt=timezone.localdate())),
        ),
    )
    trained = Registration.objects.filter(
        meeting__unit_path__startswith=unit.path,
        meeting__starts_at__range=(first, last),
        meeting__kind=Kind.TRAINING,
        trained=True,
    ).count()
    kept, due = fulfilment(unit, start, end)
    url = reverse("meetings_commitments", args=[unit.pk])
    return [
        Figure(
            "meetings.dialogues_held",
            _("Dialogue conferences held"),
            value=held["dialogues"],
            url=reverse("meetings_list") + f"?unit={unit.pk}&kind=dialogue",
        ),
        Figure(
            "meetings.minutes_on_time",
            _("Dialogue minutes published on time"),
            numerator=held["published"],
            denominator=held["minutes_due"],
            unit="%",
        ),
        Figure(
            "meetings.commitments_kept",
            _("Commitments kept on time"),
            numerator=kept,
            denominator=due,
            unit="%",
            url=url,
        ),
        Figure("meetings.launches_held", _("Launch ceremonies held"), value=held["launches"]),
        Figure("meetings.trainings_held", _("Trainings held"), value=held["trainings"]),
        Figure("meetings.people_trained", _("People trained"), value=trained, unit="người"),
    ]


# --- Pages ----------------------------------------------------------------------------------------


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(state__in=PUBLIC_STATES).select_related("unit")


def get_public_meeting(pk: int) -> Meeting:
    meeting = (
        public_meetings()
        .select_related("organizer__unit", "reception_session")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meetings_for_user(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        permissions.scope_q(user, "meetings.manage", "unit_path")
        | permissions.scope_q(user, "meetings.minutes", "unit_path")
    )


def get_meeting_for_user(user, pk: int) -> Meeting:
    meeting = (
        meetings_for_user(user).select_related("unit", "organizer__unit").filter(pk=pk).first()
    )
    if meeting is None:
        raise Http404
    return meeting


def ranked_questions(meeting: Meeting) -> QuerySet[Question]:
    """The published questions, most supported first: the agenda of answers."""
    return meeting.questions.filter(state=QuestionState.PUBLISHED).order_by(
        "from_floor", "-support_count", "created_at", "id"
    )


def public_commitments(unit: AdminUnit) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(unit_path__startswith=unit.path)
        .exclude(meeting__state__in=[State.DRAFT, State.CANCELLED])
        .select_related("body", "meeting")
    )


def commitments_for_user(user) -> QuerySet[Commitment]:
    return Commitment.objects.filter(
        permissions.scope_q(user, "meetings.progress", "body__unit__path")
        | permissions.scope_q(user, "meetings.minutes", "unit_path")
    ).select_related("body", "meeting")


def get_commitment_for_user(user, pk: int) -> Commitment:
    commitment = (
        commitments_for_user(user)
        .select_related("body__unit", "meeting__unit", "question")
        .filter(pk=pk)
        .first()
    )
    if commitment is None:
        raise Http404
    return commitment


def open_before(meeting: Meeting) -> QuerySet[Commitment]:
    """Commitments of earlier meetings of the unit not yet kept when ``meeting`` opens: read out
    at the opening of the next dialogue."""
    return (
        Commitment.objects.filter(
            unit_path__startswith=meeting.unit_path,
            meeting__starts_at__lt=meeting.starts_at,
            state__in=OPEN_COMMITMENT_STATES,
        )
        .select_related("body", "meeting")
        .order_by("due_date", "id")
    )


def is_late(commitment: Commitment, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return commitment.state in OPEN_COMMITMENT_STATES and commitment.due_date < today
