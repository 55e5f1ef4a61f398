"""The administration: administrators administer people and roles, they do not impersonate them
(issue 15). The district administrator is the persona trying; a superuser made on the command line
is the only one who may do these things."""

import re

import pytest
from django.contrib.auth.models import Group

from tests.conftest import client_for
from thanthien.api.keys import apikey_create
from thanthien.api.models import ApiKey
from thanthien.core.models import AuditEvent, Body, Membership, Role, User
from thanthien.core.notify import ConsoleSender


def _person_form(user, **overrides) -> dict:
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email or "",
        "phone": user.phone or "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def _district_body(district_admin) -> Body:
    return Membership.objects.get(user=district_admin, role=Role.ADMINISTRATOR).body


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", password="x-very-long-password-1")


@pytest.mark.django_db
def test_an_administrator_cannot_set_anyones_password(district_admin, chairman):
    before = chairman.password
    client = client_for(district_admin)
    url = f"/admin/core/user/{chairman.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"password1": "i-am-the-chairman-now", "password2": "i-am-the-chairman-now"}
    )
    assert response.status_code == 403
    chairman.refresh_from_db()
    assert chairman.password == before
    # Nor their own, there: they change it where the old one is asked.
    assert client.get(f"/admin/core/user/{district_admin.pk}/password/").status_code == 403


@pytest.mark.django_db
def test_an_administrator_cannot_make_anyone_superuser_staff_or_change_groups(
    district_admin, chairman
):
    group = Group.objects.create(name="all powers")
    client = client_for(district_admin)
    for person in (district_admin, chairman):
        response = client.post(
            f"/admin/core/user/{person.pk}/change/",
            _person_form(person, is_superuser="on", is_staff="on", groups=[group.pk]),
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert not person.is_superuser
        assert not person.groups.filter(pk=group.pk).exists()
    assert not chairman.is_staff
    # Groups themselves are a superuser's.
    assert client.get(f"/admin/auth/group/{group.pk}/change/").status_code == 403


@pytest.mark.django_db
def test_an_administrator_cannot_redirect_someones_password_link_to_himself(
    district_admin, chairman
):
    client = client_for(district_admin)
    client.post(
        f"/admin/core/user/{chairman.pk}/change/",
        _person_form(chairman, email="quantri@example.vn", phone="0999999999"),
    )
    chairman.refresh_from_db()
    assert chairman.email != "quantri@example.vn" and chairman.phone != "0999999999"


@pytest.mark.django_db
def test_an_administrator_cannot_give_himself_a_role_that_reads_identities(district_admin):
    body = _district_body(district_admin)
    client = client_for(district_admin)
    before = Membership.objects.filter(user=district_admin).count()
    for role in (Role.LEADER, Role.HANDLER):
        response = client.post(
            "/admin/core/membership/add/",
            {"user": district_admin.pk, "body": body.pk, "role": role, "title": ""},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200
        assert "You cannot give yourself a role" in response.content.decode()
    assert Membership.objects.filter(user=district_admin).count() == before
    # Nor turn his administrator role into one.
    own = Membership.objects.get(user=district_admin, role=Role.ADMINISTRATOR)
    client.post(
        f"/admin/core/membership/{own.pk}/change/",
        {"user": district_admin.pk, "body": body.pk, "role": Role.LEADER, "title": ""},
    )
    own.refresh_from_db()
    assert own.role == Role.ADMINISTRATOR


@pytest.mark.django_db
def test_an_administrator_gives_roles_only_in_his_units(district_admin, handler, units):
    outside = Body.objects.create(
        unit=units["province"], kind=Body.Kind.PEOPLES_COMMITTEE, name="UBND tỉnh"
    )
    client = client_for(district_admin)
    response = client.post(
        "/admin/core/membership/add/",
        {"user": handler.pk, "body": outside.pk, "role": Role.ADMINISTRATOR, "title": ""},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(body=outside).exists()


@pytest.mark.django_db
def test_a_role_given_to_someone_else_is_in_the_trail(district_admin, handler):
    body = _district_body(district_admin)
    client = client_for(district_admin)
    response = client.post(
        "/admin/core/membership/add/",
        {"user": handler.pk, "body": body.pk, "role": Role.LEADER, "title": "Phó Chủ tịch"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="admin.add", object_type="core.membership").latest(
        "id"
    )
    assert event.actor == district_admin
    assert event.data["user"] == handler.username and event.data["role"] == Role.LEADER


@pytest.mark.django_db
def test_a_change_to_a_person_is_in_the_trail(district_admin, chairman):
    client = client_for(district_admin)
    client.post(
        f"/admin/core/user/{chairman.pk}/change/", _person_form(chairman, full_name="Tên mới")
    )
    event = AuditEvent.objects.filter(action="admin.change", object_type="core.user").latest("id")
    assert event.actor == district_admin and event.object_id == str(chairman.pk)
    assert event.data["fields"] == ["full_name"]


@pytest.mark.django_db
def test_an_administrator_sends_a_link_and_the_person_chooses_the_password(
    district_admin, chairman
):
    User.objects.filter(pk=chairman.pk).update(email="chutich@vandu.example.vn")
    client = client_for(district_admin)
    response = client.post(
        "/admin/core/user/",
        {"action": "send_password_reset", "_selected_action": [chairman.pk]},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="account.password_reset_sent").latest("id")
    assert event.actor == district_admin and event.object_id == str(chairman.pk)
    message = [m for m in ConsoleSender.outbox if m.to == "chutich@vandu.example.vn"][-1]
    link = re.search(r"http\S+/accounts/password/reset/\S+/", message.body).group(0)
    # The administrator has no password to read: only the chairman's mailbox has the link.
    assert "password" not in event.data
    chairman_client = client_for(None)
    response = chairman_client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = chairman_client.post(
        form_url,
        {"new_password1": "chu-tich-moi-2026!", "new_password2": "chu-tich-moi-2026!"},
    )
    assert response.status_code == 302
    chairman.refresh_from_db()
    assert chairman.check_password("chu-tich-moi-2026!")
    assert AuditEvent.objects.filter(action="account.password_reset", actor=chairman).exists()
    # The link works once.
    response = chairman_client.get(link, follow=True)
    assert not response.context["validlink"]


@pytest.mark.django_db
def test_a_person_added_by_an_administrator_has_no_password_until_they_choose_one(
    district_admin,
):
    client = client_for(district_admin)
    response = client.post(
        "/admin/core/user/add/",
        {"username": "vandu.moi", "full_name": "Cán bộ Mới", "email": "", "phone": "0912 888 777"},
    )
    new = User.objects.get(username="vandu.moi")
    assert response.status_code == 302
    assert response.url == f"/admin/core/membership/add/?user={new.pk}"
    assert not new.has_usable_password() and not new.is_staff
    assert any(
        m.to == "0912888777" and "/accounts/password/reset/" in m.body for m in ConsoleSender.outbox
    )


@pytest.mark.django_db
def test_a_superuser_may_set_a_password_and_it_is_in_the_trail(superuser, chairman):
    client = client_for(superuser)
    response = client.post(
        f"/admin/core/user/{chairman.pk}/password/",
        {"password1": "dat-lai-2026-abc", "password2": "dat-lai-2026-abc"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="admin.password_set").latest("id")
    assert event.actor == superuser and event.object_id == str(chairman.pk)


@pytest.mark.django_db
def test_api_keys_are_revoked_in_the_administration_with_a_trail(superuser, district_admin):
    key, _raw = apikey_create(name="Ứng dụng phản ánh")
    assert client_for(district_admin).get("/admin/api/apikey/").status_code == 403
    response = client_for(superuser).post(
        "/admin/api/apikey/", {"action": "revoke", "_selected_action": [key.pk]}
    )
    assert response.status_code == 302
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
    event = AuditEvent.objects.filter(action="api.key_revoked").latest("id")
    assert event.actor == superuser and event.object_id == str(key.pk)
