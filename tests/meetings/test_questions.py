"""Questions before a dialogue: who may ask (signed in or phone-verified), support once per
person, moderation with reasons shown to the author, questions taken from petitions."""

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import client_for
from thanthien.core.models import AuditEvent
from thanthien.meetings import services
from thanthien.meetings.models import Question, QuestionState, Support

from .conftest import hold, make_meeting, otp_from_outbox

TEXT = "Đường vào khu phố 3 xuống cấp, mùa mưa ngập lầy; khi nào được sửa chữa?"


def test_a_signed_in_citizen_asks_once_even_when_the_form_is_sent_twice(citizen, dialogue):
    client = client_for(citizen)
    form = client.get(f"/meetings/{dialogue.pk}/questions/").content.decode()
    key = form.split('name="submission_key" value="')[1].split('"')[0]
    for _ in range(2):
        response = client.post(
            f"/meetings/{dialogue.pk}/questions/", {"text": TEXT, "submission_key": key}
        )
        assert response.status_code == 302
    question = Question.objects.get(meeting=dialogue)
    assert question.author == citizen and question.author_name == citizen.display_name


def test_without_an_account_the_phone_is_verified_by_a_one_time_code(dialogue):
    client = client_for(None)
    response = client.post(
        f"/meetings/{dialogue.pk}/questions/",
        {"text": TEXT, "author_name": "Ông Hùng", "phone": "0913 000 101"},
    )
    assert response["Location"] == f"/meetings/{dialogue.pk}/questions/verify/"
    assert not Question.objects.exists()
    wrong = client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 400 and not Question.objects.exists()
    code = otp_from_outbox("0913000101")
    done = client.post(response["Location"], {"code": code})
    assert done.status_code == 302, done.content.decode()[-3000:]
    question = Question.objects.get(meeting=dialogue)
    assert question.phone == "0913000101" and question.author is None
    # The phone is remembered for this browser: a second question needs no new code.
    client.post(
        f"/meetings/{dialogue.pk}/questions/",
        {"text": TEXT + " (2)", "author_name": "Ông Hùng", "phone": "0913000101"},
    )
    assert Question.objects.filter(meeting=dialogue).count() == 2
    page = client_for(None).get(f"/meetings/{dialogue.pk}/questions/").content.decode()
    assert "0913000101" not in page  # phone numbers are never shown


@pytest.mark.parametrize(
    "data",
    [
        {"text": "ngắn", "phone": "0913000101"},
        {"text": TEXT, "phone": ""},
        {"text": TEXT, "phone": "abc"},
        {"text": "x" * 2100, "phone": "0913000101"},
    ],
)
def test_bad_questions_change_nothing(dialogue, data):
    response = client_for(None).post(f"/meetings/{dialogue.pk}/questions/", data)
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_support_counts_once_per_person_and_never_for_ones_own(citizen, mttq_officer, dialogue):
    question, _ = services.question_submit(meeting=dialogue, text=TEXT, author=citizen)
    client = client_for(mttq_officer)
    for _ in range(2):
        client.post(f"/meetings/{dialogue.pk}/questions/{question.pk}/support/")
    question.refresh_from_db()
    assert question.support_count == 1
    own = client_for(citizen).post(f"/meetings/{dialogue.pk}/questions/{question.pk}/support/")
    assert own.status_code == 400
    question.refresh_from_db()
    assert question.support_count == 1
    anonymous = client_for(None).post(f"/meetings/{dialogue.pk}/questions/{question.pk}/support/")
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


def test_questions_are_ranked_by_support(citizen, dialogue):
    a, _ = services.question_submit(meeting=dialogue, text=TEXT, author=citizen)
    b, _ = services.question_submit(
        meeting=dialogue,
        text="Rác ở chợ không được thu gom.",
        author_name="Bà Hoa",
        phone="0913000104",
    )
    for i in range(3):
        services.question_support(question=b, phone=f"091400000{i}")
    page = client_for(None).get(f"/meetings/{dialogue.pk}/questions/").content.decode()
    assert page.index("Rác ở chợ") < page.index("Đường vào khu phố 3")
    del a


def test_hiding_needs_a_reason_which_the_author_reads(citizen, clerk, dialogue):
    question, _ = services.question_submit(meeting=dialogue, text=TEXT, author=citizen)
    client = client_for(clerk)
    refused = client.post(
        f"/staff/meetings/{dialogue.pk}/questions/{question.pk}/hide/", {"reason": ""}
    )
    assert refused.status_code == 400
    assert Question.objects.get(pk=question.pk).state == QuestionState.PUBLISHED
    client.post(
        f"/staff/meetings/{dialogue.pk}/questions/{question.pk}/hide/",
        {"reason": "Lời lẽ xúc phạm người khác"},
    )
    question.refresh_from_db()
    assert question.state == QuestionState.HIDDEN
    assert AuditEvent.objects.filter(action="meetings.question.hide").exists()
    public = client_for(None).get(f"/meetings/{dialogue.pk}/questions/").content.decode()
    assert "khu phố 3" not in public
    mine = client_for(citizen).get(f"/meetings/{dialogue.pk}/questions/").content.decode()
    assert "Lời lẽ xúc phạm người khác" in mine
    client.post(f"/staff/meetings/{dialogue.pk}/questions/{question.pk}/restore/")
    question.refresh_from_db()
    assert question.state == QuestionState.PUBLISHED and question.hidden_reason == ""


def test_merging_a_duplicate_carries_its_supporters(citizen, clerk, dialogue):
    target, _ = services.question_submit(meeting=dialogue, text=TEXT, author=citizen)
    duplicate, _ = services.question_submit(
        meeting=dialogue,
        text="Đường khu phố 3 hư hỏng nặng, đề nghị sửa.",
        author_name="Ông Minh",
        phone="0913000103",
    )
    services.question_support(question=duplicate, phone="0914000001")
    services.question_support(question=target, phone="0914000001")  # supports both
    services.question_support(question=duplicate, phone="0914000002")
    response = client_for(clerk).post(
        f"/staff/meetings/{dialogue.pk}/questions/{duplicate.pk}/merge/", {"into": target.pk}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.state == QuestionState.MERGED and duplicate.merged_into == target
    # 0914000001 once, 0914000002, and the duplicate's author 0913000103.
    assert target.support_count == 3 == Support.objects.filter(question=target).count()
    bad = client_for(clerk).post(
        f"/staff/meetings/{dialogue.pk}/questions/{target.pk}/merge/", {"into": target.pk}
    )
    assert bad.status_code == 400
    mine = client_for(None)
    session = mine.session
    session["meetings_phone"] = "0913000103"
    session.save()
    assert (
        "merged" in mine.get(f"/meetings/{dialogue.pk}/questions/").content.decode()
        or "gộp" in mine.get(f"/meetings/{dialogue.pk}/questions/").content.decode()
    )


def test_questions_close_when_the_meeting_starts(citizen, clerk, dialogue):
    hold(dialogue, clerk)
    with pytest.raises(ValidationError):
        services.question_submit(meeting=dialogue, text=TEXT, author=citizen)
    response = client_for(citizen).post(f"/meetings/{dialogue.pk}/questions/", {"text": TEXT})
    assert response.status_code == 400


def test_a_question_is_taken_from_a_petition_read_only(clerk, dialogue, petition):
    response = client_for(clerk).post(
        f"/staff/meetings/{dialogue.pk}/questions/add/petition/", {"code": petition.tracking_code}
    )
    assert response.status_code == 302
    question = Question.objects.get(meeting=dialogue)
    assert question.petition == petition and "Đèn đường" in question.text
    assert petition.tracking_code not in question.author_name  # the tracking code stays private
    staff = client_for(clerk).get(f"/staff/meetings/{dialogue.pk}/questions/").content.decode()
    assert f"/staff/petitions/{petition.pk}/" in staff
    public = client_for(None).get(f"/meetings/{dialogue.pk}/questions/").content.decode()
    assert petition.tracking_code not in public


def test_complaints_denunciations_and_other_units_petitions_are_not_taken(
    clerk, other_official, dialogue, petition, units, ubnd
):
    from thanthien.petitions.models import Petition

    Petition.objects.filter(pk=petition.pk).update(kind="denunciation")
    petition.refresh_from_db()
    with pytest.raises(ValidationError):
        services.question_from_petition(meeting=dialogue, actor=clerk, petition=petition)
    response = client_for(clerk).post(
        f"/staff/meetings/{dialogue.pk}/questions/add/petition/", {"code": "ZZZZ-ZZZZ"}
    )
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_non_dialogues_have_no_questions(clerk, van_du, ubnd):
    launch = make_meeting(clerk, van_du, ubnd, kind="launch")
    assert client_for(None).get(f"/meetings/{launch.pk}/questions/").status_code == 404


def test_codes_to_one_phone_are_limited(dialogue):
    from thanthien.core.models import OneTimeCode

    for i in range(5):
        response = client_for(None).post(
            f"/meetings/{dialogue.pk}/questions/",
            {"text": TEXT, "author_name": "Ông Hùng", "phone": "0913000101"},
        )
        assert response.status_code == (302 if i < 3 else 400)
    assert OneTimeCode.objects.filter(destination="0913000101").count() == 3


def test_support_with_htmx_returns_the_updated_item(citizen, mttq_officer, dialogue):
    question, _ = services.question_submit(meeting=dialogue, text=TEXT, author=citizen)
    url = f"/meetings/{dialogue.pk}/questions/{question.pk}/support/"
    response = client_for(mttq_officer).post(url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith("<li")
    assert f'id="q{question.pk}"' in body and "1 " in body
    own = client_for(citizen).post(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'role="alert"' in own
