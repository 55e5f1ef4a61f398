"""Background work for meetings (django-tasks).

Run ``thanthien flag_late_commitments`` once a day (cron or a systemd timer): it enqueues the
flagging of commitments past their date to their body and the body's superior.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from thanthien.core.models import Body, Membership, Role
from thanthien.core.notify import send_message

from .models import OPEN_COMMITMENT_STATES, Commitment, CommitmentUpdate


@task()
def notify_commitment_update(update_id: int) -> int:
    from .services import commitment_recipients

    update = (
        CommitmentUpdate.objects.select_related("commitment__body", "commitment__question")
        .filter(pk=update_id)
        .first()
    )
    if update is None:
        return 0
    commitment = update.commitment
    subject = _("Progress on a commitment: %(state)s") % {"state": commitment.get_state_display()}
    body = _("%(body)s committed: “%(what)s”. Progress: %(text)s") % {
        "body": commitment.body.name,
        "what": commitment.text[:200],
        "text": update.text[:500],
    }
    sent = 0
    for destination in commitment_recipients(commitment):
        sent += len(send_message(destination, subject, body))
    return sent


@task()
def notify_registrants(meeting_id: int, event: str) -> int:
    """Tell the people registered for a meeting that it was cancelled or moved."""
    from django.utils import timezone as tz

    from .models import Meeting, Registration

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    when = tz.localtime(meeting.starts_at)
    if event == "cancelled":
        subject = _("Meeting cancelled")
        text = _("“%(title)s” on %(day)s is cancelled.") % {
            "title": meeting.title,
            "day": f"{when:%d/%m/%Y}",
        }
    else:
        subject = _("Meeting moved")
        text = _("“%(title)s” now takes place at %(time)s on %(day)s, %(place)s.") % {
            "title": meeting.title,
            "time": f"{when:%H:%M}",
            "day": f"{when:%d/%m/%Y}",
            "place": meeting.place,
        }
    sent = 0
    phones = Registration.objects.filter(meeting=meeting).exclude(phone="")
    for phone in phones.values_list("phone", flat=True).distinct():
        sent += len(send_message(phone, subject, text))
    return sent


def superior_body(body: Body) -> Body | None:
    """The body that oversees ``body``: the People's Committee of its unit for a department, else
    the body of the same kind one unit up, else that unit's People's Committee."""
    unit = body.unit
    if body.kind == Body.Kind.DEPARTMENT:
        found = Body.objects.filter(
            unit=unit, kind=Body.Kind.PEOPLES_COMMITTEE, is_active=True
        ).first()
        if found is not None:
            return found
    if unit.parent_id is None:
        return None
    parent_bodies = Body.objects.filter(unit_id=unit.parent_id, is_active=True)
    return (
        parent_bodies.filter(kind=body.kind).first()
        or parent_bodies.filter(kind=Body.Kind.PEOPLES_COMMITTEE).first()
    )


def body_destinations(bodies: list[Body]) -> list[str]:
    members = (
        Membership.objects.active_on(timezone.localdate())
        .filter(body__in=bodies, role__in=[Role.CLERK, Role.HANDLER, Role.LEADER, Role.SUPERVISOR])
        .select_related("user")
        .order_by("user_id")
    )
    destinations: list[str] = []
    for m in members:
        value = m.user.email or m.user.phone
        if value and value not in destinations:
            destinations.append(value)
    return destinations


@task()
def flag_late_commitments(today_iso: str | None = None) -> int:
    """Flag each commitment past its date to its body and the body's superior, once a week at
    most (a daily message for the same commitment would soon be ignored)."""
    today = dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    week_ago = today - dt.timedelta(days=7)
    late = (
        Commitment.objects.filter(state__in=OPEN_COMMITMENT_STATES, due_date__lt=today)
        .filter(Q(late_flagged_on__isnull=True) | Q(late_flagged_on__lte=week_ago))
        .select_related("body__unit", "meeting")
    )
    flagged = 0
    for commitment in late.iterator(chunk_size=200):
        bodies = [commitment.body]
        superior = superior_body(commitment.body)
        if superior is not None:
            bodies.append(superior)
        subject = _("Commitment past its date")
        text = _(
            "%(body)s committed at “%(meeting)s” to: “%(what)s”, by %(due)s. It is not kept yet."
        ) % {
            "body": commitment.body.name,
            "meeting": commitment.meeting.title,
            "what": commitment.text[:200],
            "due": f"{commitment.due_date:%d/%m/%Y}",
        }
        for destination in body_destinations(bodies):
            send_message(destination, subject, text)
        Commitment.objects.filter(pk=commitment.pk).update(late_flagged_on=today)
        flagged += 1
    return flagged
