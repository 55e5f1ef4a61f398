"""Sending a petition: the form, the tracking code, duplicates, anonymity, deadlines, bad input."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.conftest import client_for
from thanthien.core.notify import ConsoleSender
from thanthien.petitions.models import Contact, DeadlineRule, Field, Petition, PetitionEvent


@pytest.fixture
def form_data(units):
    field = Field.objects.get(code="infrastructure")
    return {
        "kind": "feedback",
        "field": field.pk,
        "unit": units["van_du"].pk,
        "village": units["van_du_village"].pk,
        "title": "Đèn đường hỏng",
        "content": "Ba bóng đèn đường trên trục chính khu phố 1 không sáng từ tuần trước.",
        "name": "Lò Thị Mai",
        "phone": "0987 222 333",
        "email": "",
        "consent_publish": "on",
        "submission_key": "a" * 32,
    }


def counts():
    return Petition.objects.count(), Contact.objects.count(), PetitionEvent.objects.count()


@pytest.mark.django_db
def test_a_citizen_sends_feedback_and_gets_a_tracking_code_on_screen_and_by_sms(
    client, form_data, django_capture_on_commit_callbacks
):
    ConsoleSender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/petitions/new/", form_data)
    assert response.status_code == 302
    petition = Petition.objects.get(title="Đèn đường hỏng")
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", petition.tracking_code)
    page = client.get(response.url).content.decode()
    assert petition.tracking_code in page and 'id="tracking-code"' in page
    sms = [m for m in ConsoleSender.outbox if m.to == "0987222333"]
    assert len(sms) == 1 and petition.tracking_code in sms[0].body
    assert "bóng đèn" not in sms[0].body  # the text of the petition never goes into a message
    assert petition.contact.phone == "0987222333"
    assert petition.body.name == "UBND thị trấn Vân Du"


@pytest.mark.django_db
def test_a_double_submit_makes_one_record(client, form_data):
    first = client.post("/petitions/new/", form_data)
    second = client.post("/petitions/new/", form_data)
    assert first.url == second.url
    assert Petition.objects.filter(title="Đèn đường hỏng").count() == 1


@pytest.mark.django_db
def test_the_same_text_resent_within_minutes_makes_one_record(submit):
    first = submit(submission_key=None)
    second = submit(submission_key=None, content=first.content.upper() + "  ")
    assert first.pk == second.pk


@pytest.mark.django_db
def test_the_same_text_from_someone_else_or_later_makes_a_new_record(submit):
    first = submit()
    assert submit(phone="0911 000 999").pk != first.pk
    Petition.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=11)
    )
    assert submit(phone="0911 000 999", name="Người khác").pk != first.pk
    assert submit().pk != first.pk


@pytest.mark.django_db
def test_an_anonymous_petition_keeps_no_contact_and_sends_no_message(
    submit, django_capture_on_commit_callbacks
):
    ConsoleSender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        petition = submit(is_anonymous=True, name="Tên bị bỏ", phone="0987 111 222")
    assert (petition.contact.name, petition.contact.phone, petition.contact.email) == ("", "", "")
    assert ConsoleSender.outbox == []


@pytest.mark.django_db
def test_a_signed_in_citizen_finds_the_petition_in_my_petitions(citizen, form_data):
    client = client_for(citizen)
    client.post("/petitions/new/", {**form_data, "name": "", "phone": ""})
    petition = Petition.objects.get(title="Đèn đường hỏng")
    assert petition.submitter == citizen and petition.contact.phone == "0912000001"
    assert petition.tracking_code in client.get("/petitions/mine/").content.decode()


@pytest.mark.django_db
def test_the_deadline_is_ten_working_days_across_tet(submit):
    received = timezone.make_aware(dt.datetime(2026, 2, 13, 9, 0))
    if received < timezone.now() - dt.timedelta(days=360):
        pytest.skip("the date is too far in the past for the submission check")
    petition = submit(received_at=received)
    assert petition.deadline == dt.date(2026, 3, 6)


@pytest.mark.django_db
def test_a_units_own_deadline_rule_wins_over_the_default(submit, units):
    DeadlineRule.objects.create(kind="feedback", unit=units["district"], days=5, count="working")
    DeadlineRule.objects.create(kind="feedback", unit=units["van_du"], days=3, count="calendar")
    received = timezone.make_aware(dt.datetime(2026, 11, 2, 9, 0))  # a Monday
    assert submit(received_at=received).deadline == dt.date(2026, 11, 5)
    kim_tan = submit(unit=units["kim_tan"], village=None, received_at=received)
    assert kim_tan.deadline == dt.date(2026, 11, 9)
    recommendation = submit(
        kind="recommendation",
        received_at=received,
        title="Đề nghị lắp đèn",
        content="Đề nghị lắp thêm đèn đường ở ngõ 3 khu phố 1.",
    )
    assert recommendation.deadline == dt.date(2026, 11, 16)


BAD = [
    ({"field": ""}, "field"),
    ({"field": "999999"}, "field"),
    ({"unit": ""}, "unit"),
    ({"village": "__other_commune__"}, "village"),
    ({"title": "Đèn"}, "title"),
    ({"content": "ngắn"}, "content"),
    ({"content": "x" * 5001}, "content"),
    ({"name": ""}, "name"),
    ({"phone": "", "email": ""}, "phone"),
    ({"phone": "12345"}, "phone"),
    ({"email": "not-an-email", "phone": ""}, "email"),
    ({"kind": "complaint-typo"}, "kind"),
    ({"share_location": "on", "latitude": "48.85", "longitude": "2.35"}, "latitude"),
    ({"share_location": "on", "latitude": "21.0"}, "latitude"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field"), BAD)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, form_data, units, change, field):
    if change.get("village") == "__other_commune__":
        change = {"village": units["thach_binh"].children.first().pk}
    before = counts()
    response = client.post("/petitions/new/", {**form_data, **change}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert all(str(message) for message in errors[field])
    assert counts() == before


@pytest.mark.django_db
def test_the_form_is_in_vietnamese(client):
    body = client.get("/petitions/new/").content.decode()
    assert "Lĩnh vực" in body and "Gửi" in body


@pytest.mark.django_db
def test_staff_enter_a_paper_petition_with_its_real_date_of_receipt(clerk, form_data):
    received = timezone.localtime() - dt.timedelta(days=3)
    response = client_for(clerk).post(
        "/staff/petitions/new/",
        {
            **form_data,
            "channel": "paper",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "submission_key": "b" * 32,
        },
    )
    assert response.status_code == 302
    petition = Petition.objects.get(title="Đèn đường hỏng")
    assert petition.channel == "paper" and petition.entered_by == clerk
    assert timezone.localtime(petition.received_at).date() == received.date()


@pytest.mark.django_db
@pytest.mark.parametrize("received_at", ["", "2099-01-01T10:00", "2000-01-01T10:00", "hôm qua"])
def test_staff_entry_refuses_a_bad_date_of_receipt(clerk, form_data, received_at):
    before = counts()
    response = client_for(clerk).post(
        "/staff/petitions/new/", {**form_data, "channel": "paper", "received_at": received_at}
    )
    assert response.status_code == 400
    assert "received_at" in response.context["form"].errors
    assert counts() == before


@pytest.mark.django_db
def test_staff_cannot_enter_for_a_commune_outside_their_units(other_official, form_data):
    before = counts()
    response = client_for(other_official).post(
        "/staff/petitions/new/",
        {
            **form_data,
            "channel": "phone",
            "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400 and "unit" in response.context["form"].errors
    assert counts() == before


@pytest.mark.django_db
def test_citizens_and_supervisors_cannot_open_staff_entry(citizen, mttq_officer):
    assert client_for(citizen).get("/staff/petitions/new/").status_code == 404
    assert client_for(mttq_officer).get("/staff/petitions/new/").status_code == 404
    assert client_for(None).get("/staff/petitions/new/").status_code == 302


@pytest.mark.django_db
def test_lookup_by_tracking_code_as_people_type_it(client, submit):
    petition = submit()
    typed = petition.tracking_code.lower().replace("-", " ")
    response = client.get("/petitions/track/", {"code": typed})
    assert response.status_code == 302 and response.url.endswith(f"/{petition.tracking_code}/")
    response = client.get("/petitions/track/", {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 404 and response.context["form"].errors


def test_the_same_text_entered_with_an_earlier_date_is_not_a_double_of_a_later_one(submit):
    """A history entered with its own clock (an import, the demo's 2023) comes after today's records
    in the table: only what was made in the ten minutes before a submission is its double."""
    from unittest import mock

    later = submit(phone="", name="", is_anonymous=True)
    earlier_clock = timezone.now() - dt.timedelta(days=400)
    with mock.patch("django.utils.timezone.now", return_value=earlier_clock):
        earlier = submit(phone="", name="", is_anonymous=True)
    assert earlier.pk != later.pk
    again = submit(phone="", name="", is_anonymous=True)
    assert again.pk == later.pk  # within the window, before now: the same petition
