"""The officials' side of the JSON API: who gets in, what they see, and every action of the workflow."""

import json

import pytest
from django.test import Client

from thanthien.api.keys import apikey_revoke
from thanthien.api.v1 import api
from thanthien.core.models import Body
from thanthien.petitions.models import Answer, Petition, PetitionEvent, State
from thanthien.petitions.workflow import TRANSITIONS

from .conftest import error_of

INBOX = "/api/v1/staff/petitions"


def detail_url(petition) -> str:
    return f"{INBOX}/{petition.pk}"


def act(client, petition, action, **data):
    return client.post(
        f"{detail_url(petition)}/actions/{action}",
        data=json.dumps(data),
        content_type="application/json",
    )


def snapshot(petition) -> tuple:
    petition = Petition.objects.get(pk=petition.pk)
    return (
        petition.state,
        petition.version,
        petition.body_id,
        petition.events.count(),
        petition.answers.count(),
    )


# --- Getting in -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_credentials_the_answer_is_401(check):
    response = Client().get(INBOX)
    error_of(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    check(response)


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_API_KEY"])
def test_a_key_works_in_either_header(clerk, key_for, header, check):
    key = key_for(clerk)
    value = f"Bearer {key}" if header == "HTTP_AUTHORIZATION" else key
    assert check(Client(**{header: value}).get(INBOX))["count"] == 0


@pytest.mark.django_db
def test_a_wrong_or_revoked_key_is_refused(clerk, key_for, check):
    key = key_for(clerk)
    error_of(Client(HTTP_AUTHORIZATION="Bearer tt_wrong").get(INBOX), 401, "invalid_api_key")
    apikey_revoke(prefix=key[:8])
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(INBOX)
    error_of(response, 401, "invalid_api_key")
    check(response)


@pytest.mark.django_db
def test_a_citizen_side_key_cannot_act_as_an_official(key_for, check):
    response = Client(HTTP_X_API_KEY=key_for(None)).get(INBOX)
    error_of(response, 403, "key_without_user")
    check(response)


@pytest.mark.django_db
def test_a_signed_in_citizen_is_not_an_official(citizen, check):
    client = Client()
    client.force_login(citizen)
    response = client.get(INBOX)
    error_of(response, 403, "permission_denied")
    check(response)


@pytest.mark.django_db
def test_a_session_works_and_needs_the_csrf_token_to_act(submit, clerk, check):
    petition = submit()
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    assert check(client.get(INBOX))["count"] == 1
    before = snapshot(petition)
    refused = act(client, petition, "accept")
    error_of(refused, 403, "csrf_failed")
    check(refused)
    assert snapshot(petition) == before
    client.get("/accounts/login/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"{detail_url(petition)}/actions/accept",
        data="{}",
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert check(response)["state"] == "accepted"


@pytest.mark.django_db
def test_the_key_acts_in_the_audit_trail_as_its_official(submit, clerk, client_with_key):
    from thanthien.core.models import AuditEvent

    petition = submit()
    act(client_with_key(clerk), petition, "accept")
    event = AuditEvent.objects.filter(action="petition.accept").latest("id")
    assert event.actor == clerk


# --- What officials see -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_inbox_holds_the_units_petitions_only(
    submit, units, land, clerk, other_official, client_with_key, check
):
    mine = submit()
    theirs = submit(
        unit=units["thach_binh"], village=None, title="Đường thôn 2 hỏng", phone="0912 000 222"
    )
    body = check(client_with_key(clerk).get(INBOX))
    assert [item["id"] for item in body["items"]] == [mine.pk]
    assert body["items"][0]["tracking_code"] == mine.tracking_code
    other = check(client_with_key(other_official).get(INBOX))
    assert [item["id"] for item in other["items"]] == [theirs.pk]


@pytest.mark.django_db
def test_a_petition_outside_the_officials_units_is_not_found(
    submit, other_official, client_with_key, check
):
    petition = submit()
    client = client_with_key(other_official)
    response = client.get(detail_url(petition))
    error_of(response, 404, "not_found")
    check(response)
    before = snapshot(petition)
    response = act(client, petition, "accept")
    error_of(response, 404, "not_found")
    assert snapshot(petition) == before


@pytest.mark.django_db
def test_the_detail_shows_contact_events_and_what_the_official_may_do(
    submit, clerk, client_with_key, check
):
    petition = submit()
    body = check(client_with_key(clerk).get(detail_url(petition)))
    assert body["contact"] == {"name": "Bùi Văn Nam", "phone": "0987111222", "email": ""}
    assert [e["action"] for e in body["events"]] == ["submit"]
    assert body["allowed_actions"] == ["accept", "forward"]
    assert body["version"] == 0


@pytest.mark.django_db
def test_an_anonymous_senders_contact_is_not_shown(submit, clerk, client_with_key, check):
    petition = submit(is_anonymous=True)
    assert check(client_with_key(clerk).get(detail_url(petition)))["contact"] is None


@pytest.mark.django_db
def test_the_inbox_filters(submit, clerk, client_with_key, check):
    submit()
    client = client_with_key(clerk)
    assert check(client.get(INBOX, {"which": "closed"}))["count"] == 0
    assert check(client.get(INBOX, {"field": "land", "state": "received"}))["count"] == 1
    assert check(client.get(INBOX, {"q": "sut lun"}))["count"] == 1
    for params, field in [
        ({"which": "some"}, "which"),
        ({"state": "lost"}, "state"),
        ({"field": "weather"}, "field"),
        ({"limit": 1000}, "limit"),
    ]:
        response = client.get(INBOX, params)
        assert field in error_of(response, 400, "invalid_input")["fields"]
        check(response)


# --- Acting -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_whole_life_of_a_feedback_through_the_api(
    submit, clerk, handler, chairman, client_with_key, check
):
    petition = submit()
    assert check(act(client_with_key(clerk), petition, "accept", version=0))["state"] == "accepted"
    body = check(act(client_with_key(handler), petition, "start"))
    assert (body["state"], body["assignee"]["name"]) == ("in_progress", "Trần Thị B")
    body = check(act(client_with_key(handler), petition, "answer", text="Đã cử người sửa đường."))
    assert body["answers"][0]["status"] == "pending"
    assert "approve" not in body["allowed_actions"]
    leader = client_with_key(chairman)
    allowed = check(leader.get(detail_url(petition)))["allowed_actions"]
    assert {"approve", "return"} <= set(allowed) and "answer" not in allowed
    body = check(act(leader, petition, "approve"))
    assert (body["state"], body["answers"][0]["status"]) == ("answered", "approved")
    assert check(act(client_with_key(clerk), petition, "close"))["state"] == "closed"
    assert list(petition.events.values_list("action", flat=True)) == [
        "submit",
        "accept",
        "start",
        "answer",
        "approve",
        "close",
    ]


@pytest.mark.django_db
def test_a_leader_returns_an_answer_with_a_note(
    submit, clerk, handler, chairman, client_with_key, check
):
    petition = submit()
    act(client_with_key(clerk), petition, "accept")
    act(client_with_key(handler), petition, "start")
    act(client_with_key(handler), petition, "answer", text="Đã cử người sửa đường.")
    body = check(act(client_with_key(chairman), petition, "return", note="Ghi rõ ngày sửa xong."))
    assert body["answers"][0]["status"] == "returned"
    assert body["state"] == "in_progress"


@pytest.mark.django_db
def test_forward_within_the_platform_and_outside_it(submit, clerk, units, client_with_key, check):
    first, second = submit(), submit(title="Đường khu phố 3 hỏng", phone="0912 000 333")
    district_committee = Body.objects.get(name="UBND huyện Thạch Thành")
    response = act(
        client_with_key(clerk),
        first,
        "forward",
        reason="Thuộc thẩm quyền huyện.",
        body=district_committee.pk,
    )
    body = check(response)
    assert (body["state"], body["body"]["id"]) == ("received", district_committee.pk)
    assert body["allowed_actions"] == []  # now out of the commune's hands
    body = check(
        act(
            client_with_key(clerk),
            second,
            "forward",
            reason="Thuộc ngành điện lực.",
            outside="Điện lực Thạch Thành",
        )
    )
    assert (body["state"], body["forwarded_to"]) == ("forwarded", "Điện lực Thạch Thành")


@pytest.mark.django_db
def test_merge_and_decline(submit, handler, client_with_key, check):
    original = submit()
    duplicate = submit(title="Đường khu phố 1 lún", phone="0912 000 444")
    other = submit(title="Xin cấp lại sổ đỏ", phone="0912 000 555")
    client = client_with_key(handler)
    body = check(act(client, duplicate, "merge", into=original.tracking_code.lower()))
    assert (body["state"], body["merged_into"]) == ("merged", original.tracking_code)
    body = check(act(client, other, "decline", reason="Không thuộc phạm vi phản ánh."))
    assert body["state"] == "declined"


@pytest.mark.django_db
def test_every_action_of_the_workflow_has_an_endpoint(openapi):
    paths = [p for p in openapi["paths"] if "/actions/" in p]
    actions = {p.rsplit("/", 1)[1] for p in paths}
    assert actions == {name for name, t in TRANSITIONS.items() if t.roles}
    assert api.docs_url is None  # the docs page would load scripts from a CDN


@pytest.mark.django_db
def test_someone_who_acted_first_wins_and_the_other_gets_409(submit, clerk, client_with_key, check):
    petition = submit()
    act(client_with_key(clerk), petition, "accept", version=0)
    before = snapshot(petition)
    response = act(
        client_with_key(clerk),
        petition,
        "forward",
        version=0,
        reason="Chuyển huyện xử lý.",
        outside="UBND huyện",
    )
    error_of(response, 409, "conflict")
    check(response)
    assert snapshot(petition) == before


@pytest.mark.django_db
def test_an_action_not_allowed_now_or_for_this_role_changes_nothing(
    submit, clerk, mttq_officer, client_with_key, check
):
    petition = submit()
    before = snapshot(petition)
    for user, action, data in [
        (clerk, "approve", {}),  # nothing waits for approval, and the state is wrong
        (clerk, "close", {}),  # not answered yet
        (clerk, "decline", {"reason": "Không thuộc thẩm quyền."}),  # clerks do not decline
    ]:
        response = act(client_with_key(user), petition, action, **data)
        error_of(response, 403, "permission_denied")
        check(response)
    # The Fatherland Front sees the petition but takes no step in its handling.
    response = act(client_with_key(mttq_officer), petition, "accept")
    error_of(response, 403, "permission_denied")
    assert snapshot(petition) == before


BAD_ACTIONS = [
    # (action, data, field named in the answer)
    ("forward", {"reason": "Nhé", "outside": "UBND huyện"}, "reason"),
    ("forward", {"reason": "Thuộc thẩm quyền huyện."}, "body"),
    ("forward", {"reason": "Thuộc thẩm quyền huyện.", "body": 999999}, "body"),
    ("forward", {"reason": "Thuộc thẩm quyền huyện.", "outside": "x" * 201}, "outside"),
    ("forward", {}, "reason"),
    ("decline", {"reason": ""}, "reason"),
    ("merge", {"into": "ZZZZ-ZZZZ"}, "into"),
    ("merge", {}, "into"),
    ("accept", {"version": "latest"}, "version"),
    ("accept", {"verison": 0}, "verison"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("action,data,field", BAD_ACTIONS)
def test_bad_input_to_an_action_is_refused_and_changes_nothing(
    submit, chairman, client_with_key, action, data, field, check
):
    petition = submit()
    before = snapshot(petition)
    response = act(client_with_key(chairman), petition, action, **data)
    assert field in error_of(response, 400, "invalid_input")["fields"]
    check(response)
    assert snapshot(petition) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action,data,field",
    [
        ("answer", {"text": "Xong."}, "text"),
        ("answer", {}, "text"),
        ("start", {"assignee": 999999}, "assignee"),
    ],
)
def test_bad_input_while_in_progress_changes_nothing(
    submit, clerk, handler, client_with_key, action, data, field, check
):
    petition = submit()
    act(client_with_key(clerk), petition, "accept")
    if action == "answer":
        act(client_with_key(handler), petition, "start")
    before = snapshot(petition)
    response = act(client_with_key(handler), petition, action, **data)
    assert field in error_of(response, 400, "invalid_input")["fields"]
    check(response)
    assert snapshot(petition) == before
    assert not Answer.objects.filter(petition=petition).exists()


@pytest.mark.django_db
def test_a_second_answer_while_one_waits_is_refused(submit, clerk, handler, client_with_key, check):
    petition = submit()
    act(client_with_key(clerk), petition, "accept")
    act(client_with_key(handler), petition, "start")
    act(client_with_key(handler), petition, "answer", text="Đã cử người sửa đường.")
    before = snapshot(petition)
    response = act(client_with_key(handler), petition, "answer", text="Câu trả lời thứ hai.")
    error = error_of(response, 400, "invalid_input")
    assert error["fields"] == {} and error["message"]
    check(response)
    assert snapshot(petition) == before
    assert PetitionEvent.objects.filter(petition=petition, action="answer").count() == 1
    assert Petition.objects.get(pk=petition.pk).state == State.IN_PROGRESS
