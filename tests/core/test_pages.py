import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from thanthien.core.models import Body
from thanthien.core.units import village_add


@pytest.mark.django_db
def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_database(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert response.json()["reason"] == "OperationalError"


@pytest.mark.django_db
def test_the_home_page_is_vietnamese_and_shows_the_unit_tree(client):
    body = client.get("/").content.decode()
    assert '<html lang="vi">' in body
    assert "Huyện Thạch Thành" in body and "Thị trấn Vân Du" in body
    assert "Đăng nhập" in body


@pytest.mark.django_db
def test_the_language_switch_gives_english(client):
    response = client.get("/lang/en/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body and "Sign in" in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_home_unit_pages_issue_a_bounded_number_of_queries(units):
    client = client_for(None)
    pages = [
        "/",
        f"/units/{units['van_du'].pk}/",
        f"/units/{units['district'].pk}/",
        "/units/?q=thach",
    ]
    before = [_queries(client, url) for url in pages]
    for i in range(30):
        village_add(commune=units["van_du"], name=f"Mới {i}")
        Body.objects.create(
            unit=units["thach_binh"] if i % 2 else units["van_du"],
            kind=Body.Kind.DEPARTMENT,
            name=f"Ban {i}",
        )
    assert [_queries(client, url) for url in pages] == before


@pytest.mark.django_db
def test_dashboard_shows_what_the_role_allows(chairman, district_admin):
    body = client_for(chairman).get("/me/").content.decode()
    assert "Lê Văn C" in body and 'data-action="audit.view"' in body
    assert 'data-action="units.manage_villages"' not in body
    body = client_for(district_admin).get("/me/").content.decode()
    assert 'data-action="units.manage_villages"' in body
    assert "/staff/calendar/" in body


def test_amounts_are_grouped_by_thousands_in_vietnamese():
    from django.template import Context, Template
    from django.utils import translation

    template = Template('{{ amount|floatformat:"0g" }}')
    with translation.override("vi"):
        assert template.render(Context({"amount": 30_000_000})) == "30.000.000"
    with translation.override("en"):
        assert template.render(Context({"amount": 30_000_000})) == "30,000,000"
