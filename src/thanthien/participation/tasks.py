"""Background work: reminders of the Front's recommendations due soon or late.

Run ``thanthien participation_remind`` once a day (cron or a systemd timer), beside ``remind``.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from thanthien.core.models import Membership, Role
from thanthien.core.notify import send_message
from thanthien.core.workdays import due_date

from .models import Recommendation

DUE_SOON_WORKING_DAYS = 2


def _destinations(body_ids: set[int], roles, today: dt.date) -> dict[int, list[str]]:
    """Email or phone of the officials of each body, in post today (one query)."""
    found: dict[int, list[str]] = {pk: [] for pk in body_ids}
    members = (
        Membership.objects.active_on(today)
        .filter(body_id__in=body_ids, role__in=roles)
        .select_related("user")
        .order_by("user_id")
    )
    for m in members:
        destination = m.user.email or m.user.phone
        if destination and destination not in found[m.body_id]:
            found[m.body_id].append(destination)
    return found


@task()
def send_recommendation_reminders(today_iso: str | None = None) -> dict:
    """The responsible body hears of recommendations due within two working days; when one is
    late, the Front that made it hears too. Each recommendation is reminded at most once a day."""
    today = dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    soon = due_date(today, DUE_SOON_WORKING_DAYS)
    due = list(
        Recommendation.objects.exclude(state=Recommendation.State.ANSWERED)
        .filter(due_on__lte=soon)
        .exclude(reminded_on=today)
        .select_related("report__body", "responsible")
    )
    bodies = {r.responsible_id for r in due} | {r.report.body_id for r in due}
    office = _destinations(bodies, (Role.CLERK, Role.HANDLER, Role.LEADER), today)
    front = _destinations(bodies, (Role.SUPERVISOR,), today)
    counts = {"due_soon": 0, "overdue": 0}
    for rec in due:
        late = rec.due_on < today
        subject = _("Front recommendation late") if late else _("Front recommendation due soon")
        body = _("%(from)s recommended: “%(text)s”. Answer due on %(due)s.") % {
            "from": rec.report.body.name,
            "text": rec.text[:200],
            "due": rec.due_on.strftime("%d/%m/%Y"),
        }
        recipients = list(office[rec.responsible_id])
        if late:
            recipients += [d for d in front[rec.report.body_id] if d not in recipients]
        for destination in recipients:
            send_message(destination, subject, body)
        counts["overdue" if late else "due_soon"] += 1
    Recommendation.objects.filter(pk__in=[r.pk for r in due]).update(reminded_on=today)
    return counts
