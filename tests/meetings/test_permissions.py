"""Who may do what: every role × every staff action, and every meeting state × transition."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import client_for
from thanthien.meetings import services
from thanthien.meetings.models import Meeting, Question, Registration, State

from .conftest import make_meeting

ROLES = [
    "citizen",
    "clerk",
    "handler",
    "chairman",
    "mttq_officer",
    "district_supervisor",
    "district_admin",
    "other_official",
]
ORGANIZERS = {"clerk", "chairman", "mttq_officer", "district_supervisor"}
SECRETARIES = {"clerk", "chairman"}
PROGRESS = {"clerk", "handler", "chairman"}  # the body's officials and the secretary

TEXT = "Đường vào khu phố 3 xuống cấp, mùa mưa ngập lầy; khi nào được sửa chữa?"


@pytest.fixture
def setting(clerk, citizen, van_du, ubnd, diachinh_body):
    draft = make_meeting(clerk, van_du, ubnd, announce=False, title="Nháp")
    announced = make_meeting(clerk, van_du, ubnd, title="Đã thông báo")
    question, _ = services.question_submit(meeting=announced, text=TEXT, author=citizen)
    registration, _ = services.registration_create(
        meeting=announced, full_name="Trần Thị Lan", added_by=clerk
    )
    commitment = services.commitment_create(
        meeting=announced,
        actor=clerk,
        text="Sửa đường khu phố 3 trong quý III",
        body=diachinh_body,
        due_date=timezone.localdate() + dt.timedelta(days=60),
        question=question,
    )
    return {"draft": draft, "m": announced, "q": question, "r": registration, "c": commitment}


def _requests(s):
    m, q, r, c = s["m"], s["q"], s["r"], s["c"]
    return {
        "view meeting": ("get", f"/staff/meetings/{m.pk}/", {}, ORGANIZERS | SECRETARIES),
        "announce": (
            "post",
            f"/staff/meetings/{s['draft'].pk}/do/announce/",
            {"accept_late": "on"},
            ORGANIZERS,
        ),
        "add a person": (
            "post",
            f"/staff/meetings/{m.pk}/register/",
            {"full_name": "Người mới"},
            ORGANIZERS,
        ),
        "check in": ("post", f"/staff/meetings/{m.pk}/checkin/", {"code": r.code}, ORGANIZERS),
        "hide": (
            "post",
            f"/staff/meetings/{m.pk}/questions/{q.pk}/hide/",
            {"reason": "Trùng lặp, không phù hợp"},
            ORGANIZERS,
        ),
        "answer": (
            "post",
            f"/staff/meetings/{m.pk}/questions/{q.pk}/answer/",
            {"answer": "Sẽ sửa trong quý III.", "answered_by": "Chủ tịch UBND"},
            SECRETARIES,
        ),
        "floor question": (
            "post",
            f"/staff/meetings/{m.pk}/questions/add/floor/",
            {"author_name": "Bà Mai", "text": "Đề nghị thêm ghế chờ ở một cửa."},
            SECRETARIES,
        ),
        "progress": (
            "post",
            f"/staff/meetings/commitments/{c.pk}/",
            {"text": "Đã khảo sát tuyến đường.", "state": "in_progress"},
            PROGRESS,
        ),
    }


def _done(name, s):
    m, q, r, c = s["m"], s["q"], s["r"], s["c"]
    return {
        "view meeting": lambda: True,
        "announce": lambda: Meeting.objects.get(pk=s["draft"].pk).state == State.ANNOUNCED,
        "add a person": lambda: Registration.objects.filter(
            meeting=m, full_name="Người mới"
        ).exists(),
        "check in": lambda: Registration.objects.get(pk=r.pk).attended_at is not None,
        "hide": lambda: Question.objects.get(pk=q.pk).state == "hidden",
        "answer": lambda: Question.objects.get(pk=q.pk).answered_at is not None,
        "floor question": lambda: Question.objects.filter(meeting=m, from_floor=True).exists(),
        "progress": lambda: c.updates.exists(),
    }[name]()


ACTIONS = [
    "view meeting",
    "announce",
    "add a person",
    "check in",
    "hide",
    "answer",
    "floor question",
    "progress",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(request, setting, role, action):
    user = request.getfixturevalue(role)
    method, url, data, allowed = _requests(setting)[action]
    response = getattr(client_for(user), method)(url, data)
    if role in allowed:
        assert response.status_code in (200, 302), (role, action, response.status_code)
        assert _done(action, setting)
    else:
        expected = 302 if role == "citizen" and "/staff/" in url else 404
        if role == "citizen":
            assert response.status_code in (302, 404)
            if response.status_code == 302:
                assert "/login" in response["Location"]
        else:
            assert response.status_code == expected, (role, action, response.status_code)
        if action != "view meeting":
            assert not _done(action, setting)


STATES = [State.DRAFT, State.ANNOUNCED, State.HELD, State.MINUTES_PUBLISHED, State.CANCELLED]
ALLOWED = {
    "announce": {State.DRAFT},
    "hold": {State.ANNOUNCED},
    "publish": {State.HELD},
    "cancel": {State.DRAFT, State.ANNOUNCED},
}


def _put_in(meeting, state, actor):
    start = timezone.now() - dt.timedelta(hours=4)
    if state == State.DRAFT:
        return meeting
    services.meeting_announce(meeting=meeting, actor=actor, accept_late=True)
    meeting.refresh_from_db()
    if state == State.CANCELLED:
        return services.meeting_cancel(meeting=meeting, actor=actor, reason="Mưa bão")
    if state == State.ANNOUNCED:
        return meeting
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    meeting.refresh_from_db()
    meeting = services.meeting_hold(meeting=meeting, actor=actor, secretary="Nguyễn Văn A")
    if state == State.MINUTES_PUBLISHED:
        meeting = services.minutes_publish(meeting=meeting, actor=actor)
    return meeting


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_state_matrix(chairman, van_du, ubnd, state, action):
    meeting = _put_in(make_meeting(chairman, van_du, ubnd, announce=False), state, chairman)
    if action == "hold" and state == State.ANNOUNCED:
        start = timezone.now() - dt.timedelta(hours=1)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=3)
        )
        meeting.refresh_from_db()
    run = {
        "announce": lambda: services.meeting_announce(
            meeting=meeting, actor=chairman, accept_late=True
        ),
        "hold": lambda: services.meeting_hold(meeting=meeting, actor=chairman, secretary="A"),
        "publish": lambda: services.minutes_publish(meeting=meeting, actor=chairman),
        "cancel": lambda: services.meeting_cancel(meeting=meeting, actor=chairman, reason="Bão"),
    }[action]
    if state in ALLOWED[action]:
        run()
    else:
        with pytest.raises(ValidationError):
            run()
        assert Meeting.objects.get(pk=meeting.pk).state == state


def test_two_officials_cannot_both_move_the_same_old_state(clerk, chairman, van_du, ubnd):
    meeting = make_meeting(clerk, van_du, ubnd, announce=False)
    stale = Meeting.objects.get(pk=meeting.pk)
    services.meeting_announce(meeting=meeting, actor=clerk, accept_late=True)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=stale, actor=chairman, reason="Trùng lịch")
    assert Meeting.objects.get(pk=meeting.pk).state == State.ANNOUNCED


def test_other_communes_meetings_are_invisible(other_official, clerk, setting):
    client = client_for(other_official)
    assert (
        client.get("/staff/meetings/").status_code == 404
        or setting["m"].title not in client.get("/staff/meetings/").content.decode()
    )
    assert client.get(f"/staff/meetings/{setting['m'].pk}/agenda/").status_code == 404
    assert client.get(f"/staff/meetings/{setting['m'].pk}/minutes.pdf").status_code == 404


def test_registrant_details_are_not_public(setting, clerk):
    services.registration_create(
        meeting=setting["m"], full_name="Trần Văn Riêng", phone="0913000555", added_by=clerk
    )
    page = client_for(None).get(f"/meetings/{setting['m'].pk}/").content.decode()
    assert "Trần Văn Riêng" not in page and "0913000555" not in page
    assert setting["r"].code not in page
