"""Who may do what in citizen reception: every persona × every action, through the services and
through the pages; the log is never public and another commune's official gets 404."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.conftest import client_for
from tests.reception.conftest import THURSDAY, T, booking_key, rule_post, today
from thanthien.core import permissions
from thanthien.core.models import User
from thanthien.petitions.models import Kind, ReceptionRule, ReceptionVisit
from thanthien.reception import services

# --- Who may do what ----------------------------------------------------------------------------

PERSONAS = {
    "vandu.vanthu": {"reception.record", "reception.sessions"},
    "vandu.diachinh": {"reception.record", "reception.sessions"},
    "vandu.chutich": {"reception.record", "reception.sessions", "reception.schedule"},
    "vandu.mttq": set(),
    "huyen.bandanvan": set(),
    "huyen.quantri": {"reception.schedule"},
    "thachbinh.canbo": set(),
    "0912000001": set(),
}
ACTIONS = ["reception.record", "reception.sessions", "reception.schedule"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", PERSONAS)
def test_matrix(username, van_du):
    user = User.objects.get(username=username)
    for action in ACTIONS:
        expected = action in PERSONAS[username]
        assert permissions.can(user, action, van_du) is expected, (username, action)
        assert permissions.can(AnonymousUser(), action, van_du) is False


@pytest.mark.django_db
@pytest.mark.parametrize("username", PERSONAS)
def test_matrix_through_the_pages(username, van_du, add_rule, record, land):
    rule = add_rule()
    visit = record()
    user = User.objects.get(username=username)
    allowed = PERSONAS[username]
    client = client_for(user)
    base = f"/staff/reception/{van_du.pk}/"
    key = booking_key(rule)

    def status(url, data=None):
        return (client.post(url, data) if data is not None else client.get(url)).status_code

    log_pages = ["log/", f"log/{visit.pk}/", "log/new/", "log/print/", "log/export.xlsx"]
    for page in log_pages:
        assert (status(base + page) == 200) is ("reception.record" in allowed), page
        if "reception.record" not in allowed:
            assert status(base + page) == 404, page
    assert (status(base) == 200) is bool(allowed)
    assert (status(f"{base}sessions/{key}/") == 200) is bool(
        allowed & {"reception.record", "reception.sessions"}
    )
    rules = ReceptionRule.objects.count()
    response = status(f"{base}rules/", rule_post(weekday="1", host_name="Phạm Văn Phó"))
    assert (response == 302) is ("reception.schedule" in allowed)
    assert ReceptionRule.objects.count() == rules + ("reception.schedule" in allowed)
    response = status(f"{base}sessions/{key}/cancel/", {"reason": "Chủ tịch đi họp tỉnh"})
    assert (response == 302) is ("reception.sessions" in allowed)
    # Anyone sees the public schedule.
    assert status(f"/reception/{van_du.pk}/") == 200


@pytest.mark.django_db
def test_the_log_is_never_public(van_du, record):
    visit = record()
    client = client_for(None)

    for page in ["", "log/", f"log/{visit.pk}/", "log/print/", "log/export.xlsx"]:
        response = client.get(f"/staff/reception/{van_du.pk}/{page}")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_an_official_of_another_commune_gets_404(record, units, other_official, van_du):
    visit = record()
    client = client_for(other_official)

    assert client.get(f"/staff/reception/{units['thach_binh'].pk}/log/").status_code == 200
    assert client.get(f"/staff/reception/{van_du.pk}/log/{visit.pk}/").status_code == 404
    assert (
        client.get(f"/staff/reception/{units['thach_binh'].pk}/log/{visit.pk}/").status_code == 404
    )


@pytest.mark.django_db
def test_services_refuse_who_may_not(van_du, clerk, mttq_officer, land):
    with pytest.raises(PermissionDenied):
        services.rule_create(
            unit=van_du,
            actor=clerk,
            weekday=THURSDAY,
            start_time=T(8),
            end_time=T(11),
            place="Phòng tiếp công dân",
            host_name="Phạm Văn Phó",
        )
    with pytest.raises(PermissionDenied):
        services.visit_record(
            unit=van_du,
            actor=mttq_officer,
            received_on=today(),
            kind=Kind.FEEDBACK,
            name="Bùi Văn Nam",
            content="Đường khu phố 1 bị sụt lún.",
            action="return",
            guidance="Hướng dẫn",
        )
    assert ReceptionRule.objects.count() == ReceptionVisit.objects.count() == 0
