"""Open311 GeoReport v2, checked against the specification (http://wiki.open311.org/GeoReport_v2):
field names, open/closed, ISO 8601 times with an offset, XML and JSON, and its error format."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from thanthien.core.workdays import end_of_day
from thanthien.petitions import services
from thanthien.petitions.models import Channel, Contact, Kind, Petition, State

BASE = "/open311/v2"
FORMATS = ["json", "xml"]

# The fields of each resource, as the specification lists them.
SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
CREATED_FIELDS = ["service_request_id", "token", "service_notice", "account_id"]
TOKEN_FIELDS = ["service_request_id", "token"]
DATETIME_FIELDS = ["requested_datetime", "updated_datetime", "expected_datetime"]


def get(path: str, fmt: str, params=None, **headers):
    return Client().get(f"{BASE}/{path}.{fmt}", params or {}, **headers)


def items(response, fmt: str, root: str, item: str) -> list[dict]:
    """The resources of an answer, as dicts of text, in either format; checks the content type."""
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        body = json.loads(response.content)
        assert isinstance(body, list)
        return body
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    element = ET.fromstring(response.content)
    assert element.tag == root
    assert all(child.tag == item for child in element)
    return [{field.tag: field.text for field in child} for child in element]


def errors(response, fmt: str, status: int) -> list[str]:
    """The error descriptions, after checking the specification's error format."""
    assert response.status_code == status, response.content
    found = items(response, fmt, "errors", "error")
    assert found
    for error in found:
        assert list(error) == ["code", "description"]
        assert str(error["code"]) == str(status)
        assert error["description"].strip()
    return [e["description"] for e in found]


def assert_request_fields(request: dict, fmt: str) -> None:
    assert list(request) == REQUEST_FIELDS
    assert request["status"] in ("open", "closed")
    for name in DATETIME_FIELDS:
        if request[name] is not None:
            moment = dt.datetime.fromisoformat(request[name])
            assert moment.utcoffset() is not None, name
            assert request[name].endswith("+07:00")


# --- Discovery and services ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_names_the_specification_and_the_formats(fmt):
    response = get("discovery", fmt)
    if fmt == "json":
        body = json.loads(response.content)
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "discovery"
        endpoint = root.find("endpoints/endpoint")
        body = {
            "changeset": root.findtext("changeset"),
            "endpoints": [
                {
                    "specification": endpoint.findtext("specification"),
                    "url": endpoint.findtext("url"),
                    "formats": [f.text for f in endpoint.findall("formats/format")],
                }
            ],
        }
    assert dt.datetime.fromisoformat(body["changeset"]).utcoffset() is not None
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_services_are_the_fields(fmt):
    services_ = items(get("services", fmt), fmt, "services", "service")
    assert [s["service_code"] for s in services_][:2] == ["land", "environment"]
    for service in services_:
        assert list(service) == SERVICE_FIELDS
        assert str(service["metadata"]).lower() == "false"
        assert service["type"] == "realtime"
    assert services_[0]["service_name"] == "Đất đai"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_definition_has_no_attributes(fmt):
    response = get("services/land", fmt)
    assert response.status_code == 200
    if fmt == "json":
        assert json.loads(response.content) == {"service_code": "land", "attributes": []}
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "service_definition"
        assert [c.tag for c in root] == ["service_code", "attributes"]
        assert root.findtext("service_code") == "land" and len(root.find("attributes")) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_services_and_jurisdictions_are_404_in_the_spec_format(fmt):
    assert "weather" in errors(get("services/weather", fmt), fmt, 404)[0]
    assert "99999" in errors(get("services", fmt, {"jurisdiction_id": "99999"}), fmt, 404)[0]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_resources_and_methods_answer_in_the_spec_format(fmt):
    errors(Client().get(f"{BASE}/nothing.{fmt}"), fmt, 404)
    response = Client().delete(f"{BASE}/services.{fmt}")
    errors(response, fmt, 405)
    assert response["Allow"] == "GET"


# --- Reading service requests ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_request_has_every_field_of_the_specification(submit, fmt):
    petition = submit(
        latitude=20.123456, longitude=105.654321, share_location=True, address="Khu phố 1"
    )
    [request] = items(get("requests", fmt), fmt, "service_requests", "request")
    assert_request_fields(request, fmt)
    assert request["service_request_id"] == str(petition.pk)
    assert request["status"] == "open"
    assert (request["service_code"], request["service_name"]) == ("land", "Đất đai")
    assert request["agency_responsible"] == "UBND thị trấn Vân Du"
    assert request["description"] == petition.content
    assert request["address"] == "Khu phố 1"
    assert float(request["lat"]) == 20.123456 and float(request["long"]) == 105.654321
    expected = dt.datetime.fromisoformat(request["expected_datetime"])
    assert expected == end_of_day(petition.deadline).replace(microsecond=0)
    assert expected.time() == dt.time(23, 59, 59)
    requested = dt.datetime.fromisoformat(request["requested_datetime"])
    assert requested == petition.received_at.replace(microsecond=0)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_answered_request_is_closed_with_the_answer_as_its_notes(
    submit, handler, no_approval, fmt
):
    petition = submit()
    Petition.objects.filter(pk=petition.pk).update(state=State.IN_PROGRESS)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk), actor=handler, text="Đã sửa xong đoạn đường."
    )
    [request] = items(get(f"requests/{petition.pk}", fmt), fmt, "service_requests", "request")
    assert_request_fields(request, fmt)
    assert (request["status"], request["status_notes"]) == ("closed", "Đã sửa xong đoạn đường.")
    assert request["updated_datetime"] >= request["requested_datetime"]


@pytest.mark.django_db
def test_open_and_closed_follow_the_state(submit):
    states = {
        State.RECEIVED: "open",
        State.ACCEPTED: "open",
        State.IN_PROGRESS: "open",
        State.REOPENED: "open",
        State.ANSWERED: "closed",
        State.CLOSED: "closed",
        State.FORWARDED: "closed",
        State.MERGED: "closed",
        State.DECLINED: "closed",
        # the statutory states, should a complaint ever be listed (they are not: Open311 is for feedback)
        State.VERIFYING: "open",
        State.DIALOGUE: "open",
        State.REFUSED: "closed",
        State.DECIDED: "closed",
        State.APPEALED: "closed",
        State.FINAL: "closed",
        State.WITHDRAWN: "closed",
    }
    assert set(states) == set(State)
    petitions = {}
    for n, state in enumerate(states):
        p = submit(title=f"Đơn số {n} về đường", phone=f"0912 000 {n:03d}")
        Petition.objects.filter(pk=p.pk).update(state=state)
        petitions[str(p.pk)] = states[state]
    found = json.loads(get("requests", "json").content)
    assert {r["service_request_id"]: r["status"] for r in found} == petitions
    opened = json.loads(get("requests", "json", {"status": "open"}).content)
    assert {r["status"] for r in opened} == {"open"} and len(opened) == 6
    both = json.loads(get("requests", "json", {"status": "open,closed"}).content)
    assert len(both) == len(states)


@pytest.mark.django_db
def test_only_petitions_with_consent_are_listed_or_found_by_number(submit):
    shown = submit()
    hidden = submit(consent_publish=False, title="Không công khai", phone="0912 000 999")
    listed = json.loads(get("requests", "json").content)
    assert [r["service_request_id"] for r in listed] == [str(shown.pk)]
    errors(get(f"requests/{hidden.pk}", "json"), "json", 404)
    by_ids = json.loads(
        get("requests", "json", {"service_request_id": f"{shown.pk},{hidden.pk}"}).content
    )
    assert [r["service_request_id"] for r in by_ids] == [str(shown.pk)]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_holder_of_the_tracking_code_finds_it_without_its_text(submit, fmt):
    hidden = submit(consent_publish=False, latitude=20.1, longitude=105.6, share_location=True)
    [request] = items(
        get(f"requests/{hidden.tracking_code}", fmt), fmt, "service_requests", "request"
    )
    assert_request_fields(request, fmt)
    assert request["service_request_id"] == str(hidden.pk)
    assert request["description"] in (None, "")
    assert request["lat"] in (None, "") and request["address"] in (None, "")


@pytest.mark.django_db
def test_tracking_codes_never_appear_in_lists(submit):
    petition = submit()
    for fmt in FORMATS:
        assert petition.tracking_code not in get("requests", fmt).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_token_gives_the_request_id(submit, fmt):
    petition = submit(consent_publish=False)
    [found] = items(
        get(f"tokens/{petition.tracking_code}", fmt), fmt, "service_requests", "request"
    )
    assert list(found) == TOKEN_FIELDS
    assert (str(found["service_request_id"]), found["token"]) == (
        str(petition.pk),
        petition.tracking_code,
    )
    errors(get("tokens/ZZZZ-ZZZZ", fmt), fmt, 404)


@pytest.mark.django_db
def test_the_description_hides_contact_details(submit):
    submit(content="Tôi là Bùi Văn Nam, số 0987 111 222: đường khu phố 1 bị sụt lún.")
    [request] = json.loads(get("requests", "json").content)
    assert (
        "0987 111 222" not in request["description"] and "Bùi Văn Nam" not in request["description"]
    )


@pytest.mark.django_db
def test_the_filters_of_the_specification(submit, units):
    land = submit()
    env = submit(
        field=services.Field.objects.get(code="environment"), title="Khói bụi", phone="0912 000 777"
    )
    old = submit(title="Đơn cũ về đường", phone="0912 000 888")
    Petition.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=120))

    def ids(**params):
        return [
            int(r["service_request_id"])
            for r in json.loads(get("requests", "json", params).content)
        ]

    assert ids() == [env.pk, land.pk]  # the most recent 90 days, newest first
    assert ids(service_code="environment") == [env.pk]
    assert ids(service_code="land,environment") == [env.pk, land.pk]
    start = (timezone.now() - dt.timedelta(days=130)).isoformat(timespec="seconds")
    end = (timezone.now() - dt.timedelta(days=100)).isoformat(timespec="seconds")
    assert ids(start_date=start, end_date=end) == [old.pk]
    assert ids(jurisdiction_id="15190") == [env.pk, land.pk]
    assert ids(service_request_id=f"{old.pk}") == [old.pk]  # overrides the date range


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "params,status",
    [
        ({"status": "pending"}, 400),
        ({"start_date": "13/02/2026"}, 400),
        ({"start_date": "2026-02-13T09:30:00"}, 400),  # no time zone
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, 400),
        ({"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, 400),
        ({"service_code": "weather"}, 400),
        ({"service_request_id": "ABCD-EFGH"}, 400),  # tracking codes one at a time only
        ({"jurisdiction_id": "99999"}, 404),
    ],
)
def test_bad_filters_are_refused_in_the_spec_format(params, status, fmt):
    errors(get("requests", fmt, params), fmt, status)


# --- Creating service requests ----------------------------------------------------------------------------


@pytest.fixture
def form(key_for):
    return {
        "api_key": key_for(None),
        "jurisdiction_id": "15190",
        "service_code": "land",
        "lat": "20.123456",
        "long": "105.654321",
        "address_string": "Khu phố 1, thị trấn Vân Du",
        "description": "Đường trước nhà văn hóa khu phố 1 bị sụt lún sau mưa lớn.",
        "first_name": "Văn Nam",
        "last_name": "Bùi",
        "phone": "0987111222",
        "device_id": "abc",
        "account_id": "42",
        "media_url": "https://example.org/photo.jpg",
    }


def counts() -> tuple[int, int]:
    return Petition.objects.count(), Contact.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_request_is_created_at_once(form, fmt):
    response = Client().post(f"{BASE}/requests.{fmt}", form)
    assert response.status_code == 200, response.content
    [created] = items(response, fmt, "service_requests", "request")
    assert list(created) == CREATED_FIELDS
    assert created["account_id"] in (None, "")
    petition = Petition.objects.get(pk=int(created["service_request_id"]))
    assert created["token"] == petition.tracking_code
    assert petition.tracking_code in created["service_notice"]
    assert petition.unit.code == "15190" and petition.body.name == "UBND thị trấn Vân Du"
    assert petition.contact.name == "Bùi Văn Nam"
    assert (str(petition.latitude), petition.address) == ("20.123456", "Khu phố 1, thị trấn Vân Du")
    assert petition.content.endswith("media_url: https://example.org/photo.jpg")
    assert petition.channel == Channel.API and petition.entered_by is None
    assert not petition.consent_publish
    assert petition.title == "Đường trước nhà văn hóa khu phố 1 bị sụt lún sau mưa lớn."


@pytest.mark.django_db
def test_a_key_that_acts_for_an_official_records_the_api_channel(form, key_for, clerk):
    response = Client().post(f"{BASE}/requests.json", {**form, "api_key": key_for(clerk)})
    petition = Petition.objects.get(pk=int(json.loads(response.content)[0]["service_request_id"]))
    assert (petition.channel, petition.entered_by) == (Channel.API, clerk)


@pytest.mark.django_db
def test_consent_and_anonymity(form):
    data = {**form, "consent_publish": "true"}
    for name in ("first_name", "last_name", "phone"):
        data.pop(name)
    response = Client().post(f"{BASE}/requests.json", data)
    petition = Petition.objects.get(pk=int(json.loads(response.content)[0]["service_request_id"]))
    assert petition.consent_publish and petition.is_anonymous
    listed = json.loads(get("requests", "json").content)
    assert [r["service_request_id"] for r in listed] == [str(petition.pk)]


@pytest.mark.django_db
def test_the_same_report_posted_twice_is_one_petition(form):
    before = counts()
    first = json.loads(Client().post(f"{BASE}/requests.json", form).content)
    again = json.loads(Client().post(f"{BASE}/requests.json", form).content)
    assert first[0]["service_request_id"] == again[0]["service_request_id"]
    assert counts() == (before[0] + 1, before[1] + 1)


BAD_POSTS = [
    # (what is wrong, changes, status, a word the description names)
    ("no api_key", {"api_key": None}, 403, "api_key"),
    ("wrong api_key", {"api_key": "tt_nope"}, 403, "api_key"),
    ("no jurisdiction", {"jurisdiction_id": None}, 400, "jurisdiction_id"),
    ("unknown jurisdiction", {"jurisdiction_id": "99999"}, 404, "jurisdiction_id"),
    ("no service", {"service_code": None}, 400, "service_code"),
    ("unknown service", {"service_code": "weather"}, 404, "service_code"),
    ("no location", {"lat": None, "long": None, "address_string": None}, 400, "lat"),
    (
        "address_id only",
        {"lat": None, "long": None, "address_string": None, "address_id": "7"},
        400,
        "address_id",
    ),
    ("lat alone", {"long": None}, 400, "long"),
    ("lat not a number", {"lat": "north"}, 400, "lat"),
    ("lat beyond the pole", {"lat": "91"}, 400, "lat"),
    ("outside Vietnam", {"lat": "48.85", "long": "2.35"}, 400, "lat"),
    ("no description", {"description": None}, 400, "description"),
    ("description too long", {"description": "x" * 4001}, 400, "description"),
    ("bad phone", {"phone": "12345"}, 400, "phone"),
    ("bad email", {"email": "nam@"}, 400, "email"),
    ("name without a way to answer", {"phone": None}, 400, "phone"),
    ("bad media_url", {"media_url": "javascript:alert(1)"}, 400, "media_url"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "changes,status,word", [b[1:] for b in BAD_POSTS], ids=[b[0] for b in BAD_POSTS]
)
def test_bad_posts_are_refused_clearly_and_save_nothing(form, changes, status, word, fmt):
    data = {k: v for k, v in {**form, **changes}.items() if v is not None}
    before = counts()
    response = Client().post(f"{BASE}/requests.{fmt}", data, HTTP_ACCEPT_LANGUAGE="en")
    descriptions = errors(response, fmt, status)
    assert any(word in d for d in descriptions), descriptions
    assert counts() == before


@pytest.mark.django_db
def test_errors_are_in_vietnamese_by_default(form):
    response = Client().post(f"{BASE}/requests.json", {**form, "jurisdiction_id": ""})
    vi = errors(response, "json", 400)
    en = errors(
        Client().post(
            f"{BASE}/requests.json", {**form, "jurisdiction_id": ""}, HTTP_ACCEPT_LANGUAGE="en"
        ),
        "json",
        400,
    )
    assert vi != en


# --- Following a request by its token ----------------------------------------------------------------

PRIVATE = [  # what the form fixture sends, and what the answer below says: none of it may leak
    "sụt lún",
    "Khu phố 1",
    "20.123456",
    "105.654321",
    "Bùi",
    "Văn Nam",
    "0987111222",
    "example.org",
    "Đã sửa xong",
]


def assert_private(response) -> None:
    body = response.content.decode()
    for text in PRIVATE:
        assert text not in body, text


def post_unpublished(form, fmt: str) -> tuple[Petition, dict]:
    response = Client().post(f"{BASE}/requests.{fmt}", form)
    [created] = items(response, fmt, "service_requests", "request")
    assert list(created) == CREATED_FIELDS
    petition = Petition.objects.get(pk=int(created["service_request_id"]))
    assert not petition.consent_publish
    return petition, created


def answer(petition: Petition, handler) -> None:
    Petition.objects.filter(pk=petition.pk).update(state=State.IN_PROGRESS)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk),
        actor=handler,
        text="Đã sửa xong đoạn đường trước nhà ông Bùi Văn Nam.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_token_follows_an_unpublished_request_to_its_status_only(
    form, handler, no_approval, fmt
):
    petition, created = post_unpublished(form, fmt)
    answer(petition, handler)
    token_response = get(f"tokens/{created['token']}", fmt)
    [found] = items(token_response, fmt, "service_requests", "request")
    assert list(found) == TOKEN_FIELDS
    assert (found["service_request_id"], found["token"]) == (
        str(petition.pk),
        petition.tracking_code,
    )

    by_id = get(f"requests/{found['service_request_id']}", fmt, {"token": found["token"]})
    by_token = get(f"requests/{found['token']}", fmt)
    for response in (by_id, by_token):
        [request] = items(response, fmt, "service_requests", "request")
        assert_request_fields(request, fmt)
        assert request["service_request_id"] == str(petition.pk)
        assert (request["status"], request["agency_responsible"]) == (
            "closed",
            "UBND thị trấn Vân Du",
        )
        assert request["updated_datetime"] and request["requested_datetime"]
        for name in ("status_notes", "description", "address", "lat", "long", "media_url"):
            assert request[name] in (None, ""), name
        assert request["service_notice"].startswith(
            "Nội dung đơn và câu trả lời có tại trang tra cứu"
        )
        assert f"/petitions/track/{petition.tracking_code}/" in request["service_notice"]
        assert_private(response)
    assert_private(token_response)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_without_its_token_an_unpublished_request_is_nowhere(
    form, submit, handler, no_approval, fmt
):
    petition, _created = post_unpublished(form, fmt)
    answer(petition, handler)
    other = submit(
        consent_publish=False, title="Một đơn khác", content="Đèn đường khu phố 2 bị hỏng."
    )
    published = submit(
        title="Cây đổ chắn đường khu phố 3",
        content="Cây xà cừ đổ chắn ngang đường khu phố 3 sau cơn bão đêm qua.",
        name="Trần Thị Hoa",
        phone="0912 333 444",
    )
    responses = {
        "by number": get(f"requests/{petition.pk}", fmt),
        "another's token": get(f"requests/{petition.pk}", fmt, {"token": other.tracking_code}),
        "a published one's token": get(
            f"requests/{petition.pk}", fmt, {"token": published.tracking_code}
        ),
        "a malformed token": get(f"requests/{petition.pk}", fmt, {"token": "ZZZZ"}),
        "a guessed token": get("tokens/ZZZZ-ZZZZ", fmt),
    }
    for why, response in responses.items():
        errors(response, fmt, 404)
        assert petition.tracking_code not in response.content.decode(), why
        assert_private(response)
    for response in (
        get("requests", fmt),
        get("requests", fmt, {"service_request_id": f"{petition.pk},{published.pk}"}),
    ):
        [listed] = items(response, fmt, "service_requests", "request")
        assert listed["service_request_id"] == str(published.pk)
        assert_private(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    [
        "ZZZZ",
        "ABCD-EFG1",  # 1, 0, O, I, L and U are not in the alphabet
        "0000-0000",
        "ABCD-EFGHJ",
        "x" * 300,
        "%27%20OR%201%3D1",
    ],
)
def test_malformed_tokens_are_refused_before_any_query(django_assert_num_queries, token):
    for path, params in [
        (f"tokens/{token}", None),
        (f"requests/{token}", None),
        ("requests/1", {"token": token}),
    ]:
        with django_assert_num_queries(0):
            response = get(path, "json", params)
        errors(response, "json", 404)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.DENUNCIATION])
def test_complaints_and_denunciations_are_never_reachable(submit, kind):
    petition = submit(consent_publish=True)
    Petition.objects.filter(pk=petition.pk).update(kind=kind)
    code = petition.tracking_code
    for fmt in FORMATS:
        for path, params in [
            (f"tokens/{code}", None),
            (f"requests/{code}", None),
            (f"requests/{petition.pk}", None),
            (f"requests/{petition.pk}", {"token": code}),
        ]:
            errors(get(path, fmt, params), fmt, 404)
        assert items(get("requests", fmt), fmt, "service_requests", "request") == []
