"""Registration limits, one place per person, attendance at the door by QR code or list."""

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import client_for
from thanthien.meetings import selectors, services
from thanthien.meetings.models import Kind, Registration

from .conftest import make_meeting


def test_a_citizen_registers_once_and_gets_a_qr_ticket(citizen, dialogue):
    client = client_for(citizen)
    first = client.post(f"/meetings/{dialogue.pk}/register/", {"full_name": "Đỗ Thị K"})
    again = client.post(f"/meetings/{dialogue.pk}/register/", {"full_name": "Đỗ Thị K"})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Registration.objects.filter(meeting=dialogue).count() == 1
    ticket = client.get(first["Location"])
    body = ticket.content.decode()
    registration = Registration.objects.get(meeting=dialogue)
    assert "<svg" in body and registration.code in body


def test_the_same_phone_makes_one_registration(dialogue):
    client = client_for(None)
    for spelling in ("0913 000 111", "+84913000111"):
        client.post(
            f"/meetings/{dialogue.pk}/register/",
            {"full_name": "Nguyễn Văn Hùng", "phone": spelling},
        )
    assert Registration.objects.filter(meeting=dialogue).count() == 1


def test_capacity_is_a_hard_limit(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, capacity=2)
    client = client_for(None)
    for i in range(2):
        r = client.post(
            f"/meetings/{meeting.pk}/register/",
            {"full_name": f"Người {i}", "phone": f"091300020{i}"},
        )
        assert r.status_code == 302
    full = client.post(
        f"/meetings/{meeting.pk}/register/", {"full_name": "Người 3", "phone": "0913000209"}
    )
    assert full.status_code == 400
    assert Registration.objects.filter(meeting=meeting).count() == 2
    with pytest.raises(ValidationError):
        services.registration_create(meeting=meeting, full_name="Cán bộ", added_by=clerk)
    assert (
        "All places" in client.get(f"/meetings/{meeting.pk}/").content.decode()
        or "hết chỗ" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    "data",
    [{"full_name": ""}, {"full_name": "A", "phone": "12ab"}, {"full_name": "x" * 200}],
)
def test_bad_registration_input_changes_nothing(dialogue, data):
    response = client_for(None).post(f"/meetings/{dialogue.pk}/register/", data)
    assert response.status_code == 400
    assert Registration.objects.filter(meeting=dialogue).count() == 0


def test_invited_only_meetings_take_staff_additions_only(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, kind=Kind.TRAINING, is_public=False)
    refused = client_for(None).post(
        f"/meetings/{meeting.pk}/register/", {"full_name": "Người lạ", "phone": "0913000301"}
    )
    assert refused.status_code == 400
    added = client_for(clerk).post(
        f"/staff/meetings/{meeting.pk}/register/",
        {"full_name": "Công chức X", "organization": "UBND"},
    )
    assert added.status_code == 302
    assert Registration.objects.get(meeting=meeting).added_by == clerk


def test_attendance_by_the_scanned_or_typed_code(clerk, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, kind=Kind.TRAINING)
    registration, _ = services.registration_create(
        meeting=meeting, full_name="Trần Thị Lan", phone="0913000102", added_by=clerk
    )
    client = client_for(clerk)
    scan = client.get(f"/staff/meetings/{meeting.pk}/checkin/")
    assert scan.status_code == 200 and b"scan.js" in scan.content
    # What the camera reads may be the bare code; typed codes may be lower case with spaces.
    typed = " ".join(registration.code.lower()[i : i + 5] for i in (0, 5))
    response = client.post(f"/staff/meetings/{meeting.pk}/checkin/", {"code": typed})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended_at is not None and registration.checked_in_by == clerk
    assert registration.trained  # a training records who was trained
    first = registration.attended_at
    client.post(f"/staff/meetings/{meeting.pk}/checkin/", {"code": registration.code})
    registration.refresh_from_db()
    assert registration.attended_at == first
    assert selectors.attendance_summary(meeting) == {"registered": 1, "attended": 1, "trained": 1}


def test_a_wrong_or_foreign_code_is_refused(clerk, van_du, ubnd, dialogue):
    other = make_meeting(clerk, van_du, ubnd, title="Cuộc họp khác")
    foreign, _ = services.registration_create(meeting=other, full_name="Khách", added_by=clerk)
    client = client_for(clerk)
    for code in ("", "NOPE123456", foreign.code):
        response = client.post(f"/staff/meetings/{dialogue.pk}/checkin/", {"code": code})
        assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.attended_at is None


def test_ticking_on_the_list_without_javascript(clerk, dialogue):
    registration, _ = services.registration_create(
        meeting=dialogue, full_name="Lê Văn Minh", added_by=clerk
    )
    client = client_for(clerk)
    page = client.get(f"/staff/meetings/{dialogue.pk}/").content.decode()
    assert f'value="{registration.code}"' in page
    response = client.post(
        f"/staff/meetings/{dialogue.pk}/checkin/", {"code": registration.code, "next": "list"}
    )
    assert response["Location"] == f"/staff/meetings/{dialogue.pk}/"
    registration.refresh_from_db()
    assert registration.attended_at is not None and not registration.trained


def test_registrants_hear_of_a_cancellation_and_a_move(
    clerk, van_du, ubnd, django_capture_on_commit_callbacks
):
    import datetime as dt

    from thanthien.core.notify import ConsoleSender

    meeting = make_meeting(clerk, van_du, ubnd)
    services.registration_create(meeting=meeting, full_name="A", phone="0913000401", added_by=clerk)
    services.registration_create(meeting=meeting, full_name="B", added_by=clerk)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting,
            actor=clerk,
            starts_at=meeting.starts_at + dt.timedelta(days=1),
            ends_at=meeting.ends_at + dt.timedelta(days=1),
        )
    assert [m.to for m in ConsoleSender.outbox] == ["0913000401"]
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, actor=clerk, reason="Mưa bão")
    assert [m.to for m in ConsoleSender.outbox] == ["0913000401", "0913000401"]
    assert meeting.title in ConsoleSender.outbox[-1].body


def test_the_attendance_list_exports_who_was_trained(clerk, van_du, ubnd, handler):
    import io

    from openpyxl import load_workbook

    meeting = make_meeting(clerk, van_du, ubnd, kind=Kind.TRAINING)
    registration, _ = services.registration_create(
        meeting=meeting, full_name="Trần Thị Lan", added_by=clerk
    )
    services.attendance_record(meeting=meeting, code=registration.code, actor=clerk)
    response = client_for(clerk).get(f"/staff/meetings/{meeting.pk}/attendance.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Trần Thị Lan" in values
    assert (
        client_for(handler).get(f"/staff/meetings/{meeting.pk}/attendance.xlsx").status_code == 404
    )
