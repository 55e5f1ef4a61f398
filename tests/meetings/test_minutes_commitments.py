"""Answers and commitments recorded by the secretary, the minutes, progress with evidence and
who hears of it, late commitments flagged to the body and its superior."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import client_for
from thanthien.core.notify import ConsoleSender
from thanthien.meetings import selectors, services
from thanthien.meetings.models import Commitment, CommitmentUpdate, Evidence, State
from thanthien.meetings.tasks import flag_late_commitments, superior_body

from .conftest import hold, make_meeting

TEXT = "Đường vào khu phố 3 xuống cấp, mùa mưa ngập lầy; khi nào được sửa chữa?"


@pytest.fixture
def asked(dialogue, citizen):
    question, _ = services.question_submit(meeting=dialogue, text=TEXT, author=citizen)
    services.question_support(question=question, phone="0914000001")
    return question


def _answer(client, meeting, question, responsible, **extra):
    data = {
        "answer": "UBND thị trấn sẽ sửa tuyến đường trong quý III.",
        "answered_by": "Lê Văn C - Chủ tịch UBND",
        "commitment": "Rải cấp phối tuyến đường vào khu phố 3",
        "body": responsible.pk,
        "due_date": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        **extra,
    }
    return client.post(f"/staff/meetings/{meeting.pk}/questions/{question.pk}/answer/", data)


def test_the_secretary_records_answers_commitments_and_the_minutes(
    clerk, chairman, dialogue, asked, ubnd
):
    hold(dialogue, clerk)
    client = client_for(clerk)
    response = _answer(client, dialogue, asked, ubnd)
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.answered_by.startswith("Lê Văn C") and asked.answered_at
    commitment = Commitment.objects.get(question=asked)
    assert commitment.body == ubnd and commitment.state == "open"
    floor = client.post(
        f"/staff/meetings/{dialogue.pk}/questions/add/floor/",
        {"author_name": "Bà Mai", "text": "Đề nghị thêm ghế chờ ở một cửa."},
    )
    assert floor.status_code == 302
    docx = client.get(f"/staff/meetings/{dialogue.pk}/minutes.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "BIÊN BẢN" in text and "Rải cấp phối" in text and "ghế chờ" in text
    pdf = client.get(f"/staff/meetings/{dialogue.pk}/minutes.pdf")
    assert pdf.content[:4] == b"%PDF"
    # Not public until published; the deadline to publish is shown while it runs.
    assert client_for(None).get(f"/meetings/{dialogue.pk}/minutes.pdf").status_code == 404
    page = client.get(f"/staff/meetings/{dialogue.pk}/").content.decode()
    assert f"{dialogue.minutes_due:%d/%m/%Y}" in page
    client_for(chairman).post(f"/staff/meetings/{dialogue.pk}/do/publish/")
    dialogue.refresh_from_db()
    assert dialogue.state == State.MINUTES_PUBLISHED
    assert client_for(None).get(f"/meetings/{dialogue.pk}/minutes.docx").status_code == 200


def test_minutes_are_due_within_the_rule(clerk, dialogue):
    meeting = hold(dialogue, clerk)
    held_on = timezone.localtime(meeting.starts_at).date()
    assert meeting.minutes_due >= held_on + dt.timedelta(days=10)
    assert meeting.minutes_due <= held_on + dt.timedelta(days=14)


@pytest.mark.parametrize(
    "extra",
    [
        {"answer": ""},
        {"answered_by": ""},
        {"due_date": ""},
        {"body": ""},
        {"due_date": "2000-01-01"},
        {"due_date": "not a date"},
    ],
)
def test_bad_answers_change_nothing(clerk, dialogue, asked, ubnd, extra):
    hold(dialogue, clerk)
    response = _answer(client_for(clerk), dialogue, asked, ubnd, **extra)
    assert response.status_code == 400
    asked.refresh_from_db()
    assert not Commitment.objects.exists()
    assert asked.answered_at is None  # the answer and its commitment are saved together


@pytest.fixture
def commitment(clerk, dialogue, asked, diachinh_body):
    hold(dialogue, clerk)
    return services.commitment_create(
        meeting=dialogue,
        actor=clerk,
        text="Rải cấp phối tuyến đường vào khu phố 3",
        body=diachinh_body,
        due_date=timezone.localdate() + dt.timedelta(days=30),
        question=asked,
    )


def test_a_progress_update_with_evidence_notifies_asker_supporters_followers(
    handler, citizen, commitment, django_capture_on_commit_callbacks
):
    services.commitment_follow(commitment=commitment, destination="ban.tin@example.com")
    ConsoleSender.outbox.clear()
    client = client_for(handler)
    page = client.get(f"/staff/meetings/commitments/{commitment.pk}/").content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    photo = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff fake jpeg", content_type="image/jpeg")
    data = {
        "text": "Đã rải xong 200 m đầu tuyến.",
        "state": "in_progress",
        "submission_key": key,
        "files": [photo],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/meetings/commitments/{commitment.pk}/", data)
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/staff/meetings/commitments/{commitment.pk}/", {**data, "files": []})
    assert again.status_code in (200, 302)
    assert CommitmentUpdate.objects.filter(commitment=commitment).count() == 1
    assert Evidence.objects.get().name == "anh.jpg"
    commitment.refresh_from_db()
    assert commitment.state == "in_progress"
    destinations = {m.to for m in ConsoleSender.outbox}
    assert destinations == {citizen.phone or citizen.email, "0914000001", "ban.tin@example.com"}
    assert all("200 m" in m.body for m in ConsoleSender.outbox)
    public = client_for(None).get(f"/meetings/commitments/{commitment.pk}/").content.decode()
    assert "200 m" in public and "anh.jpg" in public
    evidence = Evidence.objects.get()
    assert client_for(None).get(f"/meetings/evidence/{evidence.pk}/").status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"text": "", "state": "done"},
        {"text": "Đã xong hoàn toàn.", "state": "weird"},
        {
            "text": "Đã xong hoàn toàn.",
            "state": "done",
            "files": [SimpleUploadedFile("x.exe", b"MZ", content_type="application/x-msdownload")],
        },
    ],
)
def test_bad_progress_changes_nothing(
    handler, commitment, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(handler).post(f"/staff/meetings/commitments/{commitment.pk}/", data)
    assert response.status_code == 400
    commitment.refresh_from_db()
    assert commitment.state == "open" and not CommitmentUpdate.objects.exists()
    assert not ConsoleSender.outbox


def test_a_closed_commitment_cannot_be_reopened(handler, commitment):
    services.commitment_progress(
        commitment=commitment, actor=handler, text="Đã hoàn thành.", state="done"
    )
    commitment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.commitment_progress(
            commitment=commitment, actor=handler, text="Mở lại cam kết.", state="in_progress"
        )


def test_kept_on_time_counts_for_the_rate(handler, commitment, van_du):
    today = timezone.localdate()
    services.commitment_progress(
        commitment=commitment, actor=handler, text="Đã hoàn thành.", state="done"
    )
    kept, due = selectors.fulfilment(van_du, today, today + dt.timedelta(days=60))
    assert (kept, due) == (1, 1)
    Commitment.objects.filter(pk=commitment.pk).update(due_date=today - dt.timedelta(days=1))
    kept, due = selectors.fulfilment(van_du, today - dt.timedelta(days=5), today)
    assert (kept, due) == (0, 1)  # closed after its date: kept late


def test_late_commitments_are_flagged_to_the_body_and_its_superior(
    commitment, handler, chairman, other_official
):
    for user, email in (
        (handler, "diachinh@vandu.example"),
        (chairman, "chutich@vandu.example"),
        (other_official, "thachbinh@example.com"),
    ):
        user.email = email
        user.save(update_fields=["email"])
    assert superior_body(commitment.body).name == "UBND thị trấn Vân Du"
    day = commitment.due_date + dt.timedelta(days=1)
    assert flag_late_commitments.call(day.isoformat()) == 1
    sent = list(ConsoleSender.outbox)
    assert sent and all("khu phố 3" in m.body for m in sent)
    from thanthien.meetings.tasks import body_destinations

    expected = set(body_destinations([commitment.body, superior_body(commitment.body)]))
    assert {"diachinh@vandu.example", "chutich@vandu.example"} <= expected
    assert {m.to for m in sent} == expected
    ConsoleSender.outbox.clear()
    assert flag_late_commitments.call((day + dt.timedelta(days=1)).isoformat()) == 0
    assert flag_late_commitments.call((day + dt.timedelta(days=8)).isoformat()) == 1


def test_late_commitments_are_listed_at_the_next_dialogue(clerk, commitment, van_du, ubnd):
    Commitment.objects.filter(pk=commitment.pk).update(due_date=timezone.localdate())
    following = make_meeting(clerk, van_du, ubnd, days_ahead=40, title="Đối thoại lần sau")
    assert list(selectors.open_before(following)) == [commitment]
    agenda = client_for(clerk).get(f"/staff/meetings/{following.pk}/agenda/").content.decode()
    assert "khu phố 3" in agenda
    public = client_for(None).get(f"/meetings/{following.pk}/").content.decode()
    assert "khu phố 3" in public


def test_the_public_commitments_page_filters(commitment, van_du, handler):
    client = client_for(None)
    page = client.get(f"/meetings/commitments/unit/{van_du.pk}/")
    assert page.status_code == 200 and "khu phố 3" in page.content.decode()
    assert (
        "khu phố 3"
        not in client.get(f"/meetings/commitments/unit/{van_du.pk}/?state=done").content.decode()
    )
    assert (
        "khu phố 3"
        in client.get(
            f"/meetings/commitments/unit/{van_du.pk}/?state=open&body={commitment.body_id}"
        ).content.decode()
    )
    bad = client.get(f"/meetings/commitments/unit/{van_du.pk}/?state=zzz&year=abc&page=x")
    assert bad.status_code == 200


@pytest.mark.parametrize("destination", ["", "abc", "not@an@email", "12345"])
def test_following_needs_a_phone_or_an_email(commitment, destination):
    response = client_for(None).post(
        f"/meetings/commitments/{commitment.pk}/", {"destination": destination}
    )
    assert response.status_code == 400
    assert not commitment.followers.exists()


def test_following_twice_makes_one_follower(commitment):
    for spelling in ("0913 000 888", "+84913000888"):
        response = client_for(None).post(
            f"/meetings/commitments/{commitment.pk}/", {"destination": spelling}
        )
        assert response.status_code == 200
    assert list(commitment.followers.values_list("destination", flat=True)) == ["0913000888"]


def test_commitments_of_draft_meetings_are_not_public(clerk, van_du, ubnd, diachinh_body):
    meeting = make_meeting(clerk, van_du, ubnd, announce=False)
    Commitment.objects.create(
        meeting=meeting,
        text="Bí mật nội bộ",
        body=diachinh_body,
        unit_path=van_du.path,
        due_date=timezone.localdate(),
        created_by=clerk,
    )
    page = client_for(None).get(f"/meetings/commitments/unit/{van_du.pk}/").content.decode()
    assert "Bí mật nội bộ" not in page


def test_cancelling_needs_a_reason(clerk, dialogue):
    response = client_for(clerk).post(f"/staff/meetings/{dialogue.pk}/do/cancel/", {"reason": ""})
    assert response.status_code == 400
    dialogue.refresh_from_db()
    assert dialogue.state == State.ANNOUNCED
    client_for(clerk).post(f"/staff/meetings/{dialogue.pk}/do/cancel/", {"reason": "Mưa bão"})
    dialogue.refresh_from_db()
    assert dialogue.state == State.CANCELLED
    ics = client_for(None).get(f"/meetings/{dialogue.pk}/meeting.ics").content.decode()
    assert "STATUS:CANCELLED" in ics


def test_the_invitation_as_pdf(dialogue):
    pdf = client_for(None).get(f"/meetings/{dialogue.pk}/invitation/?format=pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("do/hold/", {"secretary": ""}),
        ("questions/add/floor/", {"author_name": "", "text": "Đề nghị thêm ghế chờ."}),
        ("questions/add/floor/", {"author_name": "Bà Mai", "text": "ngắn"}),
        ("questions/add/petition/", {"code": ""}),
    ],
)
def test_bad_secretary_input_changes_nothing(clerk, dialogue, url, data):
    from thanthien.meetings.models import Question

    response = client_for(clerk).post(f"/staff/meetings/{dialogue.pk}/{url}", data)
    assert response.status_code == 400
    dialogue.refresh_from_db()
    assert dialogue.state == State.ANNOUNCED
    assert not Question.objects.exists()


def test_the_daily_command_flags_late_commitments(commitment, handler):
    from django.core.management import call_command

    handler.email = "diachinh@vandu.example"
    handler.save(update_fields=["email"])
    Commitment.objects.filter(pk=commitment.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    call_command("flag_late_commitments")
    commitment.refresh_from_db()
    assert commitment.late_flagged_on == timezone.localdate()
    assert "diachinh@vandu.example" in {m.to for m in ConsoleSender.outbox}
