import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from thanthien.core.audit import audit_record
from thanthien.core.models import AuditEvent, Body
from thanthien.core.models.audit import AuditTrailIsAppendOnly


@pytest.mark.django_db
def test_the_trail_cannot_be_changed_or_deleted(units):
    event = audit_record("test.something", obj=units["van_du"])
    event.action = "forged"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.something"


@pytest.mark.django_db
def test_the_database_refuses_changes_on_postgresql(units):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    event = audit_record("test.something", obj=units["van_du"])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])


@pytest.mark.django_db
def test_sign_in_is_recorded_with_who_and_from_where(client, chairman):
    client.post(
        "/accounts/login/",
        {"username": "vandu.chutich", "password": "thanthien-demo"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Phone",
    )
    event = AuditEvent.objects.filter(action="auth.login").latest("id")
    assert event.actor == chairman
    assert event.ip == "203.0.113.9"
    assert event.user_agent == "Phone"


@pytest.mark.django_db
def test_a_failed_sign_in_is_recorded_without_the_password(client):
    client.post("/accounts/login/", {"username": "vandu.chutich", "password": "secret-typo-123"})
    event = AuditEvent.objects.filter(action="auth.login_failed").latest("id")
    assert event.data == {"identifier": "vandu.chutich"}
    assert "secret-typo-123" not in str(event.data)


@pytest.mark.django_db
def test_changes_in_the_administration_are_recorded(district_admin, units):
    client = client_for(district_admin)
    body = Body.objects.get(name="UBND thị trấn Vân Du")
    response = client.post(
        f"/admin/core/body/{body.pk}/change/",
        {
            "unit": units["van_du"].pk,
            "kind": body.kind,
            "name": body.name,
            "short_name": "UBND-VD",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = AuditEvent.objects.filter(action="admin.change").latest("id")
    assert event.actor == district_admin
    assert (event.object_type, event.object_id) == ("core.body", str(body.pk))
    assert event.data == {"fields": ["short_name"]}
    assert event.unit == units["van_du"]


@pytest.mark.django_db
def test_the_administration_shows_an_administrator_only_bodies_of_their_units(
    district_admin, units
):
    outside = Body.objects.create(
        unit=units["province"], kind=Body.Kind.PEOPLES_COMMITTEE, name="UBND tỉnh"
    )
    client = client_for(district_admin)
    listing = client.get("/admin/core/body/").content.decode()
    assert "UBND thị trấn Vân Du" in listing
    assert "UBND tỉnh" not in listing
    assert (
        client.get(f"/admin/core/body/{outside.pk}/change/").status_code == 302
    )  # "doesn't exist"


@pytest.mark.django_db
def test_nobody_edits_the_trail_in_the_administration(district_admin, units):
    event = audit_record("test.something", obj=units["van_du"])
    client = client_for(district_admin)
    assert (
        client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_officials_read_the_trail_of_their_units_only(clerk, other_official, units):
    audit_record("test.van_du", obj=units["van_du_village"])
    audit_record("test.thach_binh", obj=units["thach_binh"])
    mine = {e.action for e in client_for(clerk).get("/staff/audit/?action=test.").context["page"]}
    assert mine == {"test.van_du"}
    theirs = {
        e.action
        for e in client_for(other_official).get("/staff/audit/?action=test.").context["page"]
    }
    assert theirs == {"test.thach_binh"}


@pytest.mark.django_db
def test_the_audit_page_issues_a_bounded_number_of_queries(clerk, units):
    client = client_for(clerk)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/staff/audit/").status_code == 200
        return len(ctx.captured_queries)

    first = count()
    for i in range(60):
        audit_record("test.bulk", obj=units["van_du"], data={"i": i})
    assert count() == first
