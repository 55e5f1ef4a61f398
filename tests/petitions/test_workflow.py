"""The state machine: every action × every state × every persona, the citizen's own actions, and two
officials acting at once."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import client_for
from thanthien.core.models import User
from thanthien.petitions import services
from thanthien.petitions.models import Petition, PetitionEvent, State

# Written out independently of workflow.TRANSITIONS, so that a change there shows here.
SOURCES = {
    "accept": {"received"},
    "start": {"accepted", "reopened"},
    "forward": {"received", "accepted", "in_progress"},
    "merge": {"received", "accepted", "in_progress"},
    "decline": {"received", "accepted"},
    "answer": {"in_progress"},
    "approve": {"in_progress"},
    "return": {"in_progress"},
    "close": {"answered"},
    "reopen": {"answered", "closed"},
}
ROLES = {
    "accept": {"clerk", "handler", "leader"},
    "start": {"handler", "leader"},
    "forward": {"clerk", "handler", "leader"},
    "merge": {"handler", "leader"},
    "decline": {"handler", "leader"},
    "answer": {"handler", "leader"},
    "approve": {"leader"},
    "return": {"leader"},
    "close": {"clerk", "handler", "leader"},
    "reopen": set(),
}
CITIZEN_ACTIONS = {"close", "reopen"}
# persona → the role it holds over Vân Du's petitions (None: no role there)
PERSONAS = {
    "vandu.vanthu": "clerk",
    "vandu.diachinh": "handler",
    "vandu.chutich": "leader",
    "vandu.mttq": None,  # supervisor: may read, not act
    "huyen.bandanvan": None,  # supervisor at the district
    "huyen.quantri": None,  # administrator: configures, does not handle
    "thachbinh.canbo": None,  # handler of another commune
    "0912000001": None,  # a citizen with an account is no official
}


@pytest.fixture
def petition_in(submit):
    def _make(state: str) -> Petition:
        petition = submit()
        Petition.objects.filter(pk=petition.pk).update(state=state)
        petition.refresh_from_db()
        return petition

    return _make


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(State.values))
def test_matrix(state, petition_in):
    petition = petition_in(state)
    users = {name: User.objects.get(username=name) for name in PERSONAS}
    for action in SOURCES:
        for name, role in PERSONAS.items():
            expected = state in SOURCES[action] and role in ROLES[action]
            assert services.may(users[name], petition, action) is expected, (state, action, name)
        assert services.may(AnonymousUser(), petition, action) is False
        expected_citizen = state in SOURCES[action] and action in CITIZEN_ACTIONS
        assert services.may(None, petition, action, as_citizen=True) is expected_citizen, (
            state,
            action,
        )


@pytest.mark.django_db
def test_a_supervisor_reads_but_cannot_act(submit, mttq_officer):
    petition = submit()
    client = client_for(mttq_officer)
    assert client.get(f"/staff/petitions/{petition.pk}/").status_code == 200
    response = client.post(f"/staff/petitions/{petition.pk}/accept/", {"version": petition.version})
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.state == State.RECEIVED
    assert PetitionEvent.objects.filter(petition=petition).count() == 1


@pytest.mark.django_db
def test_an_official_of_another_commune_does_not_see_the_petition(submit, other_official):
    petition = submit()
    client = client_for(other_official)
    assert client.get(f"/staff/petitions/{petition.pk}/").status_code == 404
    assert client.post(f"/staff/petitions/{petition.pk}/accept/", {"version": 0}).status_code == 404
    assert petition.tracking_code not in client.get("/staff/petitions/?which=all").content.decode()


@pytest.mark.django_db
def test_two_officials_acting_at_once_make_one_transition(submit, clerk, handler):
    petition = submit()
    first = Petition.objects.get(pk=petition.pk)
    second = Petition.objects.get(pk=petition.pk)
    services.petition_accept(petition=first, actor=clerk)
    with pytest.raises(services.Conflict):
        services.petition_accept(petition=second, actor=handler)
    with pytest.raises(services.Conflict):
        services.petition_decline(petition=second, actor=handler, reason="Không thuộc thẩm quyền")
    assert list(
        PetitionEvent.objects.filter(petition=petition).values_list("action", flat=True)
    ) == ["submit", "accept"]


@pytest.mark.django_db
def test_a_stale_page_is_told_that_someone_else_acted(submit, clerk, handler):
    petition = submit()
    stale_version = petition.version
    services.petition_accept(petition=petition, actor=clerk)
    response = client_for(handler).post(
        f"/staff/petitions/{petition.pk}/decline/",
        {"version": stale_version, "reason": "Trùng nội dung"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "Someone else has just changed this petition" in response.content.decode()
    petition.refresh_from_db()
    assert petition.state == State.ACCEPTED


@pytest.mark.django_db
def test_every_transition_writes_a_log_row_and_an_audit_event(submit, clerk, handler, no_approval):
    from thanthien.core.models import AuditEvent

    petition = submit()
    services.petition_accept(petition=petition, actor=clerk)
    services.petition_start(petition=petition, actor=handler)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk),
        actor=handler,
        text="Đã sửa chữa xong đoạn đường.",
    )
    rows = list(
        PetitionEvent.objects.filter(petition=petition).values_list(
            "old_state", "new_state", "actor"
        )
    )
    assert rows == [
        ("", "received", None),
        ("received", "accepted", clerk.pk),
        ("accepted", "in_progress", handler.pk),
        ("in_progress", "answered", handler.pk),
    ]
    actions = set(
        AuditEvent.objects.filter(
            object_type="petitions.petition", object_id=str(petition.pk)
        ).values_list("action", flat=True)
    )
    assert {"petition.submitted", "petition.accept", "petition.start", "petition.answer"} <= actions


@pytest.mark.django_db
def test_an_answer_waits_for_the_leader_where_the_unit_requires_it(
    submit, clerk, handler, chairman
):
    petition = submit()
    services.petition_accept(petition=petition, actor=clerk)
    services.petition_start(petition=petition, actor=handler)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk),
        actor=handler,
        text="Dự thảo trả lời của cán bộ.",
    )
    response = client_for(None).get(f"/petitions/track/{petition.tracking_code}/")
    assert "Dự thảo trả lời" not in response.content.decode()
    services.petition_return(
        petition=Petition.objects.get(pk=petition.pk),
        actor=chairman,
        note="Bổ sung thời gian sửa chữa",
    )
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk),
        actor=handler,
        text="Sẽ sửa chữa trước ngày 15.",
    )
    services.petition_approve(petition=Petition.objects.get(pk=petition.pk), actor=chairman)
    body = client_for(None).get(f"/petitions/track/{petition.tracking_code}/").content.decode()
    assert "Sẽ sửa chữa trước ngày 15." in body and "Dự thảo trả lời" not in body


@pytest.mark.django_db
def test_a_leader_answers_directly(submit, clerk, chairman):
    petition = submit()
    services.petition_accept(petition=petition, actor=clerk)
    services.petition_start(petition=petition, actor=chairman)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk),
        actor=chairman,
        text="UBND đã chỉ đạo sửa chữa.",
    )
    assert Petition.objects.get(pk=petition.pk).state == State.ANSWERED


@pytest.mark.django_db
def test_the_citizen_rates_reopens_once_and_closes_by_tracking_code(
    submit, clerk, handler, no_approval
):
    petition = submit()
    services.petition_accept(petition=petition, actor=clerk)
    services.petition_start(petition=petition, actor=handler)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk),
        actor=handler,
        text="Đã kiểm tra, chưa có kinh phí.",
    )
    client = client_for(None)
    url = f"/petitions/track/{petition.tracking_code}"
    assert client.post(f"{url}/reopen/", {"reason": "Chưa được giải quyết"}).status_code == 302
    petition.refresh_from_db()
    assert petition.state == State.REOPENED and petition.reopen_count == 1
    services.petition_start(petition=petition, actor=handler)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk),
        actor=handler,
        text="Đã bố trí kinh phí, sửa trong tháng.",
    )
    response = client.post(f"{url}/reopen/", {"reason": "Vẫn chưa sửa"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert Petition.objects.get(pk=petition.pk).state == State.ANSWERED
    assert client.post(f"{url}/rate/", {"rating": "4", "comment": "Tốt"}).status_code == 302
    assert client.post(f"{url}/close/").status_code == 302
    petition.refresh_from_db()
    assert (petition.state, petition.rating) == (State.CLOSED, 4)
