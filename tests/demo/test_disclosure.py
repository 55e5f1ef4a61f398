"""Vân Du's, Kim Tân's and Thạch Bình's disclosures of 2023, loaded through the services, twice
without change; the administrators keep the disclosure catalogue."""

from django.contrib.auth.models import Group

from tests.conftest import client_for
from thanthien.demo import disclosure
from thanthien.demo.units_people import ADMIN_GROUP
from thanthien.disclosure.models import Convention, Disclosure, Notice, SearchEntry


def _counts():
    return [m.objects.count() for m in (Disclosure, Notice, Convention, SearchEntry)]


def test_it_loads_the_2023_register_once(db):
    assert "21 records added" in disclosure.load()
    first = _counts()
    assert "0 records added" in disclosure.load()
    assert _counts() == first
    assert Disclosure.objects.filter(period_year=2023, unit__code="15211").count() == 4


def test_the_administrator_keeps_the_catalogue(district_admin):
    group = Group.objects.get(name=ADMIN_GROUP)
    assert group.permissions.filter(codename="change_requirement").exists()
    assert client_for(district_admin).get("/admin/disclosure/category/").status_code == 200
