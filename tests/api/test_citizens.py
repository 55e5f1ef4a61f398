"""The citizens' side of the JSON API: submit, follow by tracking code, read what is published."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from thanthien.petitions import services
from thanthien.petitions.models import Answer, Contact, Petition, PetitionEvent, State

from .conftest import error_of

URL = "/api/v1/petitions"


@pytest.fixture
def payload(units):
    return {
        "field": "land",
        "unit": units["van_du"].pk,
        "village": units["van_du_village"].pk,
        "title": "Đèn đường khu phố 1 bị hỏng",
        "content": "Ba cột đèn trên đường vào khu phố 1 không sáng từ tuần trước, buổi tối rất tối.",
        "name": "Bùi Văn Nam",
        "phone": "0987 111 222",
        "consent_publish": True,
    }


def post(data, client=None, **headers):
    client = client or Client()
    return client.post(URL, data=json.dumps(data), content_type="application/json", **headers)


def counts() -> tuple[int, int, int]:
    return Petition.objects.count(), Contact.objects.count(), PetitionEvent.objects.count()


# --- Submitting -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_records_a_petition_and_gives_the_tracking_code(payload, check):
    response = post(payload)
    assert response.status_code == 201
    body = check(response)
    petition = Petition.objects.get(tracking_code=body["tracking_code"])
    assert body["state"] == "received"
    assert body["deadline"] == petition.deadline.isoformat()
    assert dt.datetime.fromisoformat(body["received_at"]).utcoffset() == dt.timedelta(hours=7)
    assert petition.body.name == "UBND thị trấn Vân Du"
    assert petition.contact.phone == "0987111222"
    assert petition.channel == "api"


@pytest.mark.django_db
def test_it_keeps_the_point_when_one_is_given(payload, check):
    response = post({**payload, "latitude": 20.1234567, "longitude": 105.6})
    body = check(response)
    petition = Petition.objects.get(tracking_code=body["tracking_code"])
    assert (str(petition.latitude), str(petition.longitude)) == ("20.123457", "105.600000")


@pytest.mark.django_db
def test_the_same_idempotency_key_twice_records_one_petition(payload, check):
    first = post({**payload, "submission_key": "app-42-7f3c"})
    again = post({**payload, "submission_key": "app-42-7f3c"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert check(first)["tracking_code"] == check(again)["tracking_code"]
    assert Petition.objects.filter(title=payload["title"]).count() == 1


@pytest.mark.django_db
def test_the_idempotency_key_header_works_like_the_field(payload, check):
    first = post(payload, HTTP_IDEMPOTENCY_KEY="c0ffee-1")
    again = post(payload, HTTP_IDEMPOTENCY_KEY="c0ffee-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert check(first)["tracking_code"] == check(again)["tracking_code"]


@pytest.mark.django_db
def test_a_reused_key_for_another_petition_reveals_nothing_and_saves_nothing(payload, check):
    first = check(post({**payload, "submission_key": "k-1"}))
    before = counts()
    other = {**payload, "title": "Rác thải ven sông", "content": "Rác đổ ven sông Bưởi nhiều ngày."}
    response = post({**other, "submission_key": "k-1"})
    error = error_of(response, 409, "idempotency_key_reused")
    check(response)
    assert first["tracking_code"] not in response.content.decode()
    assert counts() == before
    assert error["fields"] == {}


@pytest.mark.django_db
def test_the_header_and_the_field_must_agree(payload, check):
    before = counts()
    response = post({**payload, "submission_key": "a"}, HTTP_IDEMPOTENCY_KEY="b")
    assert "submission_key" in error_of(response, 400, "invalid_input")["fields"]
    check(response)
    assert counts() == before


BAD_INPUTS = [
    # (what is wrong, changes to the payload, the field named in the answer)
    ("no field", {"field": None}, "field"),
    ("unknown field", {"field": "weather"}, "field"),
    ("no unit", {"unit": None}, "unit"),
    ("unknown unit", {"unit": 999999}, "unit"),
    ("a district, not a commune", {"unit": "district"}, "unit"),
    ("village of another commune", {"unit": "kim_tan"}, "village"),
    ("title too short", {"title": "Đèn"}, "title"),
    ("title too long", {"title": "Đ" * 201}, "title"),
    ("no title", {"title": None}, "title"),
    ("content too short", {"content": "Hỏng"}, "content"),
    ("content too long", {"content": "x" * 5001}, "content"),
    ("not a phone number", {"phone": "12345"}, "phone"),
    ("not an email", {"email": "nam@", "phone": ""}, "email"),
    ("no way to answer", {"phone": "", "email": ""}, "phone"),
    ("no name", {"name": ""}, "name"),
    ("latitude alone", {"latitude": 20.1}, "latitude"),
    ("a point outside Vietnam", {"latitude": 48.85, "longitude": 2.35}, "latitude"),
    ("latitude beyond the pole", {"latitude": 91, "longitude": 105}, "latitude"),
    ("latitude not a number", {"latitude": "north", "longitude": 105}, "latitude"),
    ("unknown kind", {"kind": "complaint"}, "kind"),
    ("unit not a number", {"unit": "Vân Du"}, "unit"),
    ("consent not a boolean", {"consent_publish": "perhaps"}, "consent_publish"),
    ("a misspelt key", {"titel": "Đèn hỏng"}, "titel"),
    ("address too long", {"address": "x" * 201}, "address"),
    ("empty idempotency key", {"submission_key": ""}, "submission_key"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes,field", [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    payload, units, changes, field, check
):
    data = dict(payload)
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        elif key == "unit" and value in units:
            data[key] = units[value].pk
        else:
            data[key] = value
    before = counts()
    response = post(data)
    error = error_of(response, 400, "invalid_input")
    check(response)
    assert field in error["fields"], error
    assert all(m.strip() for m in error["fields"][field])
    assert counts() == before


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_refused(check):
    before = counts()
    response = Client().post(URL, data="title=Đèn", content_type="application/json")
    error_of(response, 400, "invalid_json")
    check(response)
    assert counts() == before


@pytest.mark.django_db
def test_messages_are_vietnamese_unless_english_is_asked_for(payload):
    data = {**payload, "title": "Đèn"}
    vi = error_of(post(data), 400, "invalid_input")
    en = error_of(post(data, HTTP_ACCEPT_LANGUAGE="en"), 400, "invalid_input")
    assert en["message"] == "Check the fields marked below."
    assert en["fields"]["title"] == ["Give a short title (at least 5 characters)."]
    assert vi["message"] != en["message"]
    assert vi["fields"]["title"] != en["fields"]["title"]


@pytest.mark.django_db
def test_pydantic_messages_are_translated_too(payload):
    vi = error_of(post({**payload, "titel": "x"}), 400, "invalid_input")
    en = error_of(post({**payload, "titel": "x"}, HTTP_ACCEPT_LANGUAGE="en"), 400, "invalid_input")
    assert en["fields"]["titel"] == ["Unknown field."]
    assert vi["fields"]["titel"] != en["fields"]["titel"]


# --- Following a petition by its tracking code --------------------------------------------------------


def status_url(code: str) -> str:
    return f"{URL}/{code}"


@pytest.mark.django_db
def test_the_holder_of_the_code_sees_the_state_and_their_own_text(submit, check):
    petition = submit()
    body = check(Client().get(status_url(petition.tracking_code)))
    assert body["tracking_code"] == petition.tracking_code
    assert body["state"] == "received"
    assert body["content"] == petition.content
    assert body["unit"]["name"] == "Thị trấn Vân Du"
    assert body["body"]["name"] == "UBND thị trấn Vân Du"
    assert [e["action"] for e in body["events"]] == ["submit"]
    assert body["answer"] is None


@pytest.mark.django_db
def test_the_code_may_be_typed_in_lower_case_without_the_dash(submit, check):
    petition = submit()
    typed = petition.tracking_code.replace("-", " ").lower()
    assert check(Client().get(status_url(typed)))["tracking_code"] == petition.tracking_code


@pytest.mark.django_db
def test_the_status_never_shows_the_contact_details(submit):
    petition = submit(email="nam@example.vn")
    raw = Client().get(status_url(petition.tracking_code)).content.decode()
    for secret in ("0987111222", "nam@example.vn", "Bùi Văn Nam"):
        assert secret not in raw


@pytest.mark.django_db
def test_internal_steps_stay_internal_and_the_approved_answer_shows(
    submit, clerk, handler, chairman, check
):
    petition = submit()
    services.petition_accept(petition=petition, actor=clerk)
    services.petition_start(petition=petition, actor=handler)
    services.petition_answer(petition=petition, actor=handler, text="Đã sửa xong đoạn đường.")
    body = check(Client().get(status_url(petition.tracking_code)))
    assert "answer" not in [e["action"] for e in body["events"]]  # waiting for approval: internal
    assert body["answer"] is None
    services.petition_approve(petition=Petition.objects.get(pk=petition.pk), actor=chairman)
    body = check(Client().get(status_url(petition.tracking_code)))
    assert body["state"] == "answered"
    assert body["answer"]["text"] == "Đã sửa xong đoạn đường."
    assert [e["action"] for e in body["events"]] == ["submit", "accept", "start", "approve"]


@pytest.mark.django_db
def test_an_unknown_code_is_not_found(check):
    response = Client().get(status_url("ABCD-EFGH"))
    error_of(response, 404, "not_found")
    check(response)


# --- The published list -------------------------------------------------------------------------------


@pytest.fixture
def answered(submit, handler, no_approval):
    """submit_answered(**overrides): a petition answered by the handler (no approval needed)."""

    def _answered(**overrides):
        petition = submit(**overrides)
        Petition.objects.filter(pk=petition.pk).update(state=State.IN_PROGRESS)
        petition.refresh_from_db()
        services.petition_answer(petition=petition, actor=handler, text="Đã kiểm tra và xử lý.")
        return Petition.objects.get(pk=petition.pk)

    return _answered


PUBLISHED = f"{URL}/published"


@pytest.mark.django_db
def test_only_answered_petitions_with_consent_are_published(answered, submit, check):
    shown = answered(title="Đường khu phố 2 ngập nước")
    answered(title="Không công khai đơn này", consent_publish=False)
    submit(title="Chưa trả lời đơn này")
    body = check(Client().get(PUBLISHED))
    assert [item["id"] for item in body["items"]] == [shown.pk]
    assert body["count"] == 1
    assert body["items"][0]["answer"] == "Đã kiểm tra và xử lý."


@pytest.mark.django_db
def test_the_published_text_hides_contact_details_and_tracking_codes(answered, check):
    petition = answered(
        content="Tôi là Bùi Văn Nam, số 0987 111 222, đường khu phố 1 bị sụt lún nặng."
    )
    raw = Client().get(PUBLISHED).content.decode()
    body = check(Client().get(PUBLISHED))
    assert "0987 111 222" not in raw and "Bùi Văn Nam" not in raw
    assert petition.tracking_code not in raw
    assert "sụt lún" in body["items"][0]["text"]


@pytest.mark.django_db
def test_the_published_list_filters_and_pages(answered, units, check):
    for n in range(3):
        answered(
            title=f"Đường khu phố {n} hư hỏng", content=f"Mặt đường khu phố {n} bị hư hỏng nặng."
        )
    page = check(Client().get(PUBLISHED, {"limit": 2, "offset": 0}))
    rest = check(Client().get(PUBLISHED, {"limit": 2, "offset": 2}))
    assert (page["count"], len(page["items"]), len(rest["items"])) == (3, 2, 1)
    assert check(Client().get(PUBLISHED, {"q": "khu pho 1"}))["count"] == 1
    assert check(Client().get(PUBLISHED, {"unit": units["kim_tan"].pk}))["count"] == 0
    assert check(Client().get(PUBLISHED, {"field": "land", "state": "answered"}))["count"] == 3
    today = timezone.localdate().isoformat()
    assert check(Client().get(PUBLISHED, {"since": today, "until": today}))["count"] == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params,field",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"since": "13/02/2026"}, "since"),
        ({"state": "received"}, "state"),
        ({"unit": "Vân Du"}, "unit"),
        ({"field": "weather"}, "field"),
    ],
)
def test_bad_filters_are_refused_clearly(params, field, check):
    response = Client().get(PUBLISHED, params)
    assert field in error_of(response, 400, "invalid_input")["fields"]
    check(response)


@pytest.mark.django_db
def test_unknown_addresses_and_methods_answer_in_the_same_shape():
    error_of(Client().get("/api/v1/nothing-here"), 404, "not_found")
    response = Client().delete(PUBLISHED)
    error_of(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"


@pytest.mark.django_db
def test_the_answer_is_published_with_the_senders_name_removed(answered, check):
    petition = answered()
    Answer.objects.filter(petition=petition).update(text="Kính gửi ông Bùi Văn Nam: đã sửa xong.")
    body = check(Client().get(PUBLISHED))
    assert "Bùi Văn Nam" not in body["items"][0]["answer"]
