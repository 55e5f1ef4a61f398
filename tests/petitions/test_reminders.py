"""Deadline reminders: the daily task tells officials of petitions due soon and of overdue ones, once a
day per petition and kind, with the tracking code and never the petition's text."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from thanthien.core.models import Membership, Role, User
from thanthien.core.notify import ConsoleSender
from thanthien.petitions import services
from thanthien.petitions.models import Petition, PetitionReminder, State
from thanthien.petitions.tasks import send_deadline_reminders

# A Wednesday: "due soon" reaches two working days ahead, to Friday 13 June.
TODAY = dt.date(2025, 6, 11)
CONTENT = "Đoạn đường trước nhà văn hóa khu phố 1 bị sụt lún sau mưa, xe máy đi lại nguy hiểm."


@pytest.fixture(autouse=True)
def outbox():
    ConsoleSender.outbox.clear()
    yield ConsoleSender.outbox
    ConsoleSender.outbox.clear()


@pytest.fixture(autouse=True)
def officials_have_email(db):
    for user in User.objects.filter(memberships__isnull=False).distinct():
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@thanthien.test")


def email(user) -> str:
    return f"{user.username}@thanthien.test"


def due_on(petition: Petition, deadline: dt.date) -> Petition:
    Petition.objects.filter(pk=petition.pk).update(deadline=deadline)
    petition.refresh_from_db()
    return petition


def remind(day: dt.date = TODAY) -> dict:
    return send_deadline_reminders.call(today_iso=day.isoformat())


def sent_to(outbox, petition: Petition) -> dict[str, list[str]]:
    """Recipient → bodies of the messages about ``petition``."""
    found: dict[str, list[str]] = {}
    for message in outbox:
        if petition.tracking_code in message.subject + message.body:
            found.setdefault(message.to, []).append(message.body)
    return found


@pytest.fixture
def in_progress(submit, clerk, handler):
    """A petition the handler is working on."""
    petition = services.petition_accept(petition=submit(), actor=clerk)
    return services.petition_start(petition=petition, actor=handler)


@pytest.mark.django_db
@pytest.mark.parametrize("deadline", [TODAY, TODAY + dt.timedelta(days=1), dt.date(2025, 6, 13)])
def test_it_reminds_the_handling_official_of_a_petition_due_soon(
    outbox, in_progress, deadline, handler, chairman
):
    petition = due_on(in_progress, deadline)
    outbox.clear()

    counts = remind()

    assert counts == {"due_soon": 1, "overdue": 0}
    messages = sent_to(outbox, petition)
    assert set(messages) >= {email(handler)}
    assert email(chairman) not in messages  # leaders hear of overdue petitions only
    body = messages[email(handler)][0]
    assert petition.tracking_code in body and deadline.strftime("%d/%m/%Y") in body
    assert "sụt lún" not in body and CONTENT not in body
    assert PetitionReminder.objects.filter(petition=petition, kind="due_soon", day=TODAY).exists()


@pytest.mark.django_db
def test_it_says_nothing_of_a_petition_due_next_week(outbox, in_progress):
    due_on(in_progress, dt.date(2025, 6, 16))
    outbox.clear()

    assert remind() == {"due_soon": 0, "overdue": 0}
    assert outbox == []
    assert not PetitionReminder.objects.exists()


@pytest.mark.django_db
def test_it_reminds_the_handler_and_the_leaders_of_an_overdue_petition(
    outbox, in_progress, handler, chairman, clerk, other_official, mttq_officer
):
    petition = due_on(in_progress, TODAY - dt.timedelta(days=1))
    outbox.clear()

    assert remind() == {"due_soon": 0, "overdue": 1}

    messages = sent_to(outbox, petition)
    assert set(messages) >= {email(handler), email(chairman)}
    assert not set(messages) & {email(clerk), email(other_official), email(mttq_officer)}
    body = messages[email(chairman)][0]
    assert petition.tracking_code in body
    assert "10/06/2025" in body
    assert "sụt lún" not in body
    assert PetitionReminder.objects.filter(petition=petition, kind="overdue").count() == 1


@pytest.mark.django_db
def test_it_reminds_the_communes_clerk_and_handler_of_an_unassigned_petition_due_soon(
    outbox, submit, clerk, handler
):
    petition = due_on(submit(), TODAY + dt.timedelta(days=1))
    outbox.clear()

    assert remind() == {"due_soon": 1, "overdue": 0}
    assert set(sent_to(outbox, petition)) >= {email(clerk), email(handler)}


@pytest.mark.django_db
def test_it_reminds_each_petition_once_a_day_per_kind(outbox, in_progress, submit, handler):
    overdue = due_on(in_progress, TODAY - dt.timedelta(days=3))
    soon = due_on(
        submit(title="Cột điện nghiêng", content="Cột điện đầu ngõ 5 nghiêng, có nguy cơ đổ."),
        TODAY,
    )
    Petition.objects.filter(pk=soon.pk).update(assignee=handler)
    outbox.clear()

    first = remind()
    sent_first = list(outbox)
    second = remind()

    assert first == {"due_soon": 1, "overdue": 1}
    assert second == {"due_soon": 0, "overdue": 0}
    assert list(outbox) == sent_first  # nothing new on the second run
    rows = PetitionReminder.objects.filter(day=TODAY).order_by("kind")
    assert [(r.petition_id, r.kind) for r in rows] == [
        (soon.pk, "due_soon"),
        (overdue.pk, "overdue"),
    ]

    next_day = remind(TODAY + dt.timedelta(days=1))

    assert next_day == {"due_soon": 0, "overdue": 2}  # the next day is another day
    assert PetitionReminder.objects.count() == 4


@pytest.mark.django_db
def test_it_never_reminds_of_a_finished_petition(
    outbox, submit, clerk, handler, chairman, no_approval
):
    answered = services.petition_start(
        petition=services.petition_accept(petition=submit(), actor=clerk), actor=handler
    )
    services.petition_answer(petition=answered, actor=handler, text="Đã sửa xong đoạn đường.")
    closed = submit(title="Rác thải ven đường", content="Rác thải đổ ven đường khu phố 2.")
    closed = services.petition_start(
        petition=services.petition_accept(petition=closed, actor=clerk), actor=handler
    )
    services.petition_answer(petition=closed, actor=handler, text="Đã thu gom rác thải.")
    services.petition_close(petition=Petition.objects.get(pk=closed.pk), actor=clerk)
    declined = submit(title="Xin hỗ trợ riêng", content="Nội dung không thuộc thẩm quyền xã.")
    services.petition_decline(petition=declined, actor=handler, reason="Không thuộc thẩm quyền.")
    finished = Petition.objects.filter(pk__in=[answered.pk, closed.pk, declined.pk])
    assert sorted(finished.values_list("state", flat=True)) == [
        State.ANSWERED,
        State.CLOSED,
        State.DECLINED,
    ]
    finished.update(deadline=TODAY - dt.timedelta(days=5))
    outbox.clear()

    assert remind() == {"due_soon": 0, "overdue": 0}
    assert outbox == []
    assert not PetitionReminder.objects.exists()


@pytest.mark.django_db
def test_a_reopened_petition_is_reminded_again(outbox, submit, clerk, handler, no_approval):
    petition = services.petition_start(
        petition=services.petition_accept(petition=submit(), actor=clerk), actor=handler
    )
    services.petition_answer(petition=petition, actor=handler, text="Đã sửa xong đoạn đường.")
    services.petition_reopen(
        petition=Petition.objects.get(pk=petition.pk), reason="Đường vẫn còn sụt lún."
    )
    due_on(petition, TODAY - dt.timedelta(days=1))
    outbox.clear()

    assert remind() == {"due_soon": 0, "overdue": 1}


@pytest.mark.django_db
def test_the_remind_command_sends_todays_reminders_now(outbox, in_progress, handler):
    today = timezone.localdate()
    petition = due_on(in_progress, today - dt.timedelta(days=1))
    outbox.clear()

    out = io.StringIO()
    call_command("remind", "--now", stdout=out)

    assert "'overdue': 1" in out.getvalue()
    assert email(handler) in sent_to(outbox, petition)
    assert PetitionReminder.objects.filter(petition=petition, day=today, kind="overdue").exists()


@pytest.mark.django_db
def test_the_remind_command_enqueues_the_task(outbox, in_progress):
    # In tests the task backend runs what is enqueued at once.
    petition = due_on(in_progress, timezone.localdate() - dt.timedelta(days=1))

    out = io.StringIO()
    call_command("remind", stdout=out)

    assert out.getvalue().startswith("enqueued ")
    assert PetitionReminder.objects.filter(petition=petition, kind="overdue").exists()


@pytest.mark.django_db
def test_it_reminds_the_leader_in_post_today_not_the_one_who_has_left(outbox, submit, chairman):
    today = timezone.localdate()
    petition = submit(received_at=timezone.now() - dt.timedelta(days=20))
    petition = due_on(petition, today - dt.timedelta(days=1))
    old = Membership.objects.get(user=chairman, role=Role.LEADER)
    Membership.objects.filter(pk=old.pk).update(valid_to=today - dt.timedelta(days=10))
    successor = User.objects.create(
        username="vandu.chutich2", full_name="Ngô Văn M", email="vandu.chutich2@thanthien.test"
    )
    Membership.objects.create(
        user=successor, body=old.body, role=Role.LEADER, valid_from=today - dt.timedelta(days=9)
    )
    outbox.clear()

    call_command("remind", "--now", stdout=io.StringIO())

    recipients = set(sent_to(outbox, petition))
    assert email(successor) in recipients
    assert email(chairman) not in recipients
