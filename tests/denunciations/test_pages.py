"""Denunciations through the pages: filing, bad input, the identity only on request."""

import pytest

from tests.conftest import client_for
from thanthien.core.models import AuditEvent
from thanthien.petitions.models import Petition


@pytest.mark.django_db
def test_a_denunciation_shows_the_identity_only_on_request_to_the_handler(
    client, denunciation_data, handler, chairman, clerk
):
    assert client.post("/petitions/denunciation/new/", denunciation_data).status_code == 302
    petition = Petition.objects.get(title="Tố cáo thu tiền sai quy định")
    for user in (handler, chairman, clerk):
        page = client_for(user).get(f"/staff/petitions/{petition.pk}/").content.decode()
        assert "Danh Tính Bí Mật QW" not in page and "038090001111" not in page
    staff = client_for(handler)
    assert (
        staff.post(
            f"/staff/petitions/{petition.pk}/accept/", {"version": petition.version}
        ).status_code
        == 302
    )
    assert client_for(chairman).post(f"/staff/petitions/{petition.pk}/identity/").status_code == 404
    shown = staff.post(f"/staff/petitions/{petition.pk}/identity/")
    assert shown.status_code == 200 and "Danh Tính Bí Mật QW" in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(
        action="denunciation.identity_viewed", object_id=str(petition.pk), actor=handler
    ).exists()
    assert "Danh Tính Bí Mật QW" not in str(
        list(AuditEvent.objects.values_list("data", "actor_label"))
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"denounced": ""}, "denounced"),
        ({"name": ""}, "name"),
        ({"id_number": "12345"}, "id_number"),
        ({"is_anonymous": "on", "content": "Ngắn quá"}, "content"),
        ({"phone": "123", "email": "", "address": ""}, "phone"),
    ],
)
def test_bad_denunciation_input_is_refused_and_nothing_saved(
    client, denunciation_data, change, field
):
    before = Petition.objects.count()
    response = client.post("/petitions/denunciation/new/", {**denunciation_data, **change})
    assert response.status_code == 400 and field in response.context["form"].errors
    assert Petition.objects.count() == before
