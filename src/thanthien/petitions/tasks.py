"""Background work for petitions (django-tasks; the database backend needs no extra server).

Run a worker with ``thanthien db_worker``; run ``thanthien remind`` once a day (cron or a systemd
timer) to enqueue the deadline reminders.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from thanthien.core.models import Role
from thanthien.core.notify import send_message
from thanthien.core.workdays import due_date

from .models import OPEN_STATES, Petition, PetitionReminder
from .notifications import official_message, official_recipients, send_to_citizen

DUE_SOON_WORKING_DAYS = 2


@task()
def send_citizen_notice(petition_id: int, event: str) -> int:
    petition = Petition.objects.select_related("contact").filter(pk=petition_id).first()
    if petition is None:
        return 0
    return len(send_to_citizen(petition, event))


@task()
def send_official_notice(petition_id: int, event: str) -> int:
    petition = Petition.objects.select_related("body", "assignee").filter(pk=petition_id).first()
    if petition is None:
        return 0
    roles = (Role.LEADER,) if event == "approval" else (Role.CLERK, Role.HANDLER, Role.LEADER)
    subject, body = official_message(petition, event)
    sent = 0
    for destination in official_recipients(petition, roles):
        sent += len(send_message(destination, subject, body))
    return sent


@task()
def send_deadline_reminders(today_iso: str | None = None) -> dict:
    """Remind the body's officials of petitions due soon, and its officials and leaders of overdue
    ones. Each petition is reminded at most once a day per kind of reminder."""
    today = dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    soon = due_date(today, DUE_SOON_WORKING_DAYS)
    due = (
        Petition.objects.filter(state__in=OPEN_STATES, deadline__isnull=False)
        .filter(Q(deadline__lte=soon))
        .select_related("body", "assignee")
    )
    counts = {"due_soon": 0, "overdue": 0}
    already = set(PetitionReminder.objects.filter(day=today).values_list("petition_id", "kind"))
    new_rows = []
    for petition in due.iterator(chunk_size=500):
        kind = "overdue" if petition.deadline < today else "due_soon"
        if (petition.pk, kind) in already:
            continue
        roles = (Role.HANDLER, Role.LEADER) if kind == "overdue" else (Role.CLERK, Role.HANDLER)
        subject, body = official_message(petition, kind)
        for destination in official_recipients(petition, roles):
            send_message(destination, subject, body)
        new_rows.append(PetitionReminder(petition=petition, kind=kind, day=today))
        counts[kind] += 1
    PetitionReminder.objects.bulk_create(new_rows, ignore_conflicts=True)
    return counts
