"""Sending notices to subscribers in the background (django-tasks), with retries and a record of
every delivery. Run a worker with ``thanthien db_worker``."""

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from .channels import DeliveryError, adapter_for
from .models import Delivery, Notice, Subscription

MAX_ATTEMPTS = 4
BACKOFF = [dt.timedelta(minutes=1), dt.timedelta(minutes=10), dt.timedelta(hours=1)]


def recipients(notice: Notice):
    """Active subscriptions to the notice's commune, and to its target villages (all of the
    commune's villages when none is named)."""
    village_ids = list(notice.villages.values_list("pk", flat=True))
    villages = Q(unit_id__in=village_ids) if village_ids else Q(unit__parent_id=notice.unit_id)
    return Subscription.objects.filter(is_active=True).filter(Q(unit_id=notice.unit_id) | villages)


@task()
def send_notice(notice_id: int) -> int:
    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is None:
        return 0
    subscription_ids = list(recipients(notice).values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(notice=notice, subscription_id=pk) for pk in subscription_ids],
        ignore_conflicts=True,
    )
    pending = list(
        Delivery.objects.filter(
            notice=notice, state=Delivery.State.PENDING, attempts=0
        ).values_list("pk", flat=True)
    )
    for pk in pending:
        deliver.enqueue(pk)
    return len(pending)


def _message(notice: Notice, subscription: Subscription) -> tuple[str, str]:
    from django.conf import settings
    from django.urls import reverse

    text = notice.text if len(notice.text) <= 300 else notice.text[:297] + "…"
    # The public address: SITE_URL if the deployment sets it, else its first trusted origin.
    origins = list(getattr(settings, "CSRF_TRUSTED_ORIGINS", []) or [])
    base = (getattr(settings, "SITE_URL", "") or (origins[0] if origins else "")).rstrip("/")
    read = base + reverse("notice_detail", args=[notice.pk])
    stop = base + reverse("notice_unsubscribe", args=[subscription.token])
    return f"{notice.unit.name}: {notice.title}", f"{text}\n{read}\nStop: {stop}"


@task()
def deliver(delivery_id: int) -> str:
    """One attempt to send one delivery; on failure, try again later up to MAX_ATTEMPTS."""
    delivery = (
        Delivery.objects.select_related("notice__unit", "subscription")
        .filter(pk=delivery_id, state=Delivery.State.PENDING)
        .first()
    )
    if delivery is None:
        return "skipped"
    attempt = delivery.attempts + 1
    # Claim this attempt: two workers cannot both send it.
    if not Delivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts).update(
        attempts=F("attempts") + 1
    ):
        return "skipped"
    if not delivery.subscription.is_active:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.FAILED, last_error="unsubscribed"
        )
        return "unsubscribed"
    subject, text = _message(delivery.notice, delivery.subscription)
    try:
        adapter_for(delivery.subscription.channel).send(
            delivery.subscription.destination, subject, text
        )
    except DeliveryError as exc:
        final = attempt >= MAX_ATTEMPTS
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.FAILED if final else Delivery.State.PENDING,
            last_error=str(exc)[:300],
        )
        if not final:
            _retry(delivery.pk, attempt)
        return "failed" if final else "retry"
    Delivery.objects.filter(pk=delivery.pk).update(
        state=Delivery.State.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _retry(delivery_id: int, attempt: int) -> None:
    if default_task_backend.supports_defer:
        delay = BACKOFF[min(attempt - 1, len(BACKOFF) - 1)]
        deliver.using(run_after=timezone.now() + delay).enqueue(delivery_id)
    else:
        deliver.enqueue(delivery_id)
