"""The announcement lead time (LEGAL.md: at least 7 days ahead), kept as data."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import client_for
from thanthien.core.models import AuditEvent
from thanthien.meetings import services
from thanthien.meetings.models import Meeting, MeetingRule, State

from .conftest import make_meeting


def test_it_ships_the_legal_defaults_as_rows(db):
    rule = MeetingRule.objects.get(name="announcement")
    assert (rule.days, rule.count, rule.to_be_confirmed) == (7, "calendar", False)
    assert MeetingRule.objects.get(name="minutes").to_be_confirmed


def test_the_deadline_is_seven_days_before_the_day(db):
    start = timezone.make_aware(dt.datetime(2023, 6, 20, 14))
    assert services.announcement_deadline(start) == dt.date(2023, 6, 13)
    assert not services.is_announcement_late(
        start, timezone.make_aware(dt.datetime(2023, 6, 13, 17))
    )
    assert services.is_announcement_late(start, timezone.make_aware(dt.datetime(2023, 6, 14, 8)))


def test_a_new_rule_with_an_effective_date_wins(db):
    MeetingRule.objects.create(
        name="announcement",
        days=10,
        count="working",
        effective_from=dt.date(2025, 7, 1),
        source="test",
    )
    old = timezone.make_aware(dt.datetime(2023, 6, 20, 14))
    new = timezone.make_aware(dt.datetime(2025, 9, 12, 14))  # a Friday
    assert services.announcement_deadline(old) == dt.date(2023, 6, 13)
    # 10 working days before Fri 12/9/2025, skipping weekends and the 1–2 September holidays.
    assert services.announcement_deadline(new) == dt.date(2025, 8, 27)


def test_announcing_on_time_is_not_marked(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, days_ahead=10)
    assert meeting.state == State.ANNOUNCED
    assert not meeting.announced_late


def test_announcing_late_is_refused_unless_confirmed_and_then_marked(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, days_ahead=3, announce=False)
    with pytest.raises(ValidationError) as error:
        services.meeting_announce(meeting=meeting, actor=clerk)
    assert "late" in str(error.value) or "muộn" in str(error.value)
    meeting.refresh_from_db()
    assert meeting.state == State.DRAFT
    services.meeting_announce(meeting=meeting, actor=clerk, accept_late=True)
    meeting.refresh_from_db()
    assert meeting.state == State.ANNOUNCED and meeting.announced_late
    assert AuditEvent.objects.filter(
        action="meetings.meeting.announce", object_id=str(meeting.pk)
    ).exists()


def test_the_staff_page_warns_and_the_public_page_shows_it(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, days_ahead=3, announce=False)
    client = client_for(clerk)
    page = client.get(f"/staff/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "muộn" in page.content.decode().lower()
    refused = client.post(f"/staff/meetings/{meeting.pk}/do/announce/", {})
    assert refused.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).state == State.DRAFT
    done = client.post(f"/staff/meetings/{meeting.pk}/do/announce/", {"accept_late": "on"})
    assert done.status_code == 302
    public = client_for(None).get(f"/meetings/{meeting.pk}/")
    assert public.status_code == 200
    assert "announced late" in public.content.decode() or "muộn" in public.content.decode()


def test_a_draft_is_not_public_and_a_started_meeting_cannot_be_announced(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, days_ahead=3, announce=False)
    assert client_for(None).get(f"/meetings/{meeting.pk}/").status_code == 404
    with pytest.raises(ValidationError):
        services.meeting_announce(
            meeting=meeting,
            actor=clerk,
            accept_late=True,
            at=meeting.starts_at + dt.timedelta(minutes=1),
        )


def test_bad_meeting_input_is_refused_and_changes_nothing(clerk, van_du, ubnd):
    before = Meeting.objects.count()
    response = client_for(clerk).post(
        "/staff/meetings/new/",
        {
            "kind": "dialogue",
            "title": "",
            "unit": van_du.pk,
            "organizer": ubnd.pk,
            "starts_at": "2030-06-20T14:00",
            "ends_at": "2030-06-20T10:00",
            "place": "",
            "capacity": "0",
        },
    )
    assert response.status_code == 400
    assert Meeting.objects.count() == before
    response = client_for(clerk).post(
        "/staff/meetings/new/",
        {
            "kind": "dialogue",
            "title": "Đối thoại",
            "unit": van_du.pk,
            "organizer": ubnd.pk,
            "starts_at": "2030-06-20T14:00",
            "ends_at": "2030-06-20T10:00",
            "place": "Hội trường",
        },
    )
    assert response.status_code == 400
    assert "trước giờ bắt đầu" in response.content.decode()
    assert Meeting.objects.count() == before


def test_a_meeting_is_created_through_the_form(clerk, van_du, ubnd):
    response = client_for(clerk).post(
        "/staff/meetings/new/",
        {
            "kind": "dialogue",
            "title": "Đối thoại 2030",
            "unit": van_du.pk,
            "organizer": ubnd.pk,
            "starts_at": "2030-06-20T14:00",
            "ends_at": "2030-06-20T17:00",
            "place": "Hội trường",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Đối thoại 2030")
    assert meeting.announcement_due == dt.date(2030, 6, 13)


def test_ics_and_invitation(clerk, dialogue):
    client = client_for(None)
    ics = client.get(f"/meetings/{dialogue.pk}/meeting.ics")
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert "BEGIN:VEVENT" in text and f"UID:meeting-{dialogue.pk}@" in text
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert client.get(f"/meetings/{dialogue.pk}/invitation/").status_code == 200
    docx = client.get(f"/meetings/{dialogue.pk}/invitation/?format=docx")
    assert docx.content[:2] == b"PK"


def test_the_rules_are_editable_in_the_admin(admin_client):
    page = admin_client.get("/admin/meetings/meetingrule/")
    assert page.status_code == 200
    assert "Luật Tổ chức chính quyền địa phương 2025" in page.content.decode()


def test_moving_an_announced_meeting_earlier_marks_it_late(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, days_ahead=20)
    assert not meeting.announced_late
    client = client_for(clerk)
    page = client.get(f"/staff/meetings/{meeting.pk}/edit/")
    assert page.status_code == 200
    start = timezone.localtime(timezone.now() + dt.timedelta(days=2))
    data = {
        "kind": "dialogue",
        "title": "Đối thoại (dời lịch)",
        "unit": van_du.pk,
        "organizer": ubnd.pk,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Hội trường",
        "is_public": "on",
    }
    assert client.post(f"/staff/meetings/{meeting.pk}/edit/", data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Đối thoại (dời lịch)" and meeting.announced_late
    bad = client.post(f"/staff/meetings/{meeting.pk}/edit/", {**data, "place": ""})
    assert bad.status_code == 400
    meeting.refresh_from_db()
    assert meeting.place == "Hội trường"


def test_capacity_cannot_drop_below_the_registered(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd)
    for i in range(3):
        services.registration_create(meeting=meeting, full_name=f"Người {i}", added_by=clerk)
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, actor=clerk, capacity=2)
    assert Meeting.objects.get(pk=meeting.pk).capacity is None
