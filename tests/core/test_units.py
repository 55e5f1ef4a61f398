import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.conftest import client_for
from thanthien.core.models import AdminUnit, UnitSuccession
from thanthien.core.units import load_province

THACH_THANH_CODES = {
    "15187",
    "15190",
    "15196",
    "15199",
    "15202",
    "15205",
    "15208",
    "15211",
    "15214",
    "15220",
    "15223",
    "15226",
    "15229",
    "15232",
    "15235",
    "15238",
    "15241",
    "15247",
    "15250",
    "15253",
    "15256",
    "15259",
    "15265",
    "15268",
}


@pytest.mark.django_db
def test_it_loads_thach_thanh_as_before_the_reorganization():
    district = AdminUnit.objects.get(level="district", code="391")
    assert district.name == "Huyện Thạch Thành"
    assert district.parent.code == "38" and district.parent.name == "Tỉnh Thanh Hóa"
    assert district.valid_to == dt.date(2025, 6, 30)
    communes = district.children.all()
    assert communes.count() == 24
    assert set(communes.values_list("code", flat=True)) == THACH_THANH_CODES
    assert communes.get(code="15190").name == "Thị trấn Vân Du"
    assert communes.filter(kind="Thị trấn").count() == 2  # Kim Tân and Vân Du


@pytest.mark.django_db
def test_it_loads_the_units_in_force_since_july_2025():
    province = AdminUnit.objects.get(level="province", code="38")
    assert province.valid_to is None
    current = AdminUnit.objects.current().filter(level="commune", parent=province)
    assert current.count() == 166
    assert not AdminUnit.objects.current().filter(level="district").exists()
    assert current.get(code="15190").name == "Xã Vân Du"
    assert current.get(code="15190").valid_from == dt.date(2025, 7, 1)


@pytest.mark.django_db
def test_it_maps_van_du_town_to_van_du_commune():
    town = AdminUnit.objects.get(level="commune", code="15190", valid_to__isnull=False)
    commune = AdminUnit.objects.get(level="commune", code="15190", valid_to__isnull=True)
    assert town.current_successors() == [commune]
    merged = set(
        UnitSuccession.objects.filter(successor=commune).values_list("predecessor__name", flat=True)
    )
    assert merged == {"Thị trấn Vân Du", "Xã Thành Công", "Xã Thành Tân"}


@pytest.mark.django_db
def test_it_keeps_the_default_successor_of_a_split_commune():
    splits = UnitSuccession.objects.filter(successor__parent__code="38", is_default=False)
    assert splits.exists()
    for step in splits[:5]:
        defaults = UnitSuccession.objects.filter(predecessor=step.predecessor, is_default=True)
        assert defaults.count() == 1


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    before = (AdminUnit.objects.count(), UnitSuccession.objects.count())
    result = load_province("38")
    assert (result.created, result.updated, result.successions) == (0, 0, 0)
    assert (AdminUnit.objects.count(), UnitSuccession.objects.count()) == before


@pytest.mark.django_db
def test_loadunits_command_accepts_a_legacy_province_code_and_refuses_an_unknown_one(capsys):
    call_command("loadunits", "--province", "38")
    assert "0 created, 0 updated" in capsys.readouterr().out
    with pytest.raises(CommandError, match="99"):
        call_command("loadunits", "--province", "99")


@pytest.mark.django_db
def test_a_record_keeps_its_unit_and_the_page_shows_what_it_is_now_part_of(units):
    response = client_for(None).get(f"/units/{units['van_du'].pk}/")
    assert response.status_code == 200
    assert "Xã Vân Du" in response.content.decode()
    assert units["van_du"].valid_to == dt.date(2025, 6, 30)


@pytest.mark.django_db
def test_unit_search_ignores_diacritics():
    response = client_for(None).get("/units/", {"q": "thach dinh"})
    assert "Xã Thạch Định" in response.content.decode()


# --- Villages -----------------------------------------------------------------------------------


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("villages.csv", text.encode("utf-8"), content_type="text/csv")


def _xlsx(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("villages.xlsx", buffer.getvalue())


@pytest.mark.django_db
def test_administrator_adds_a_village(district_admin, units):
    response = client_for(district_admin).post(
        f"/staff/units/{units['kim_tan'].pk}/villages/",
        {"add": "1", "kind": "Thôn", "name": "Đồng Mới"},
    )
    assert response.status_code == 302
    village = units["kim_tan"].children.get(short_name="Đồng Mới")
    assert village.name == "Thôn Đồng Mới" and village.level == "village"
    assert village.path.startswith(units["kim_tan"].path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"add": "1", "kind": "Thôn", "name": ""}, "name"),
        ({"add": "1", "kind": "Quận", "name": "X"}, "kind"),
        ({"add": "1", "kind": "Khu phố", "name": "1"}, "already exists"),
        ({"add": "1", "kind": "Thôn", "name": "x" * 101}, "name"),
    ],
)
def test_bad_village_input_is_refused_and_nothing_is_saved(
    district_admin, units, data, message, settings
):
    settings.LANGUAGE_CODE = "en"
    before = AdminUnit.objects.count()
    response = client_for(district_admin).post(
        f"/staff/units/{units['van_du'].pk}/villages/", data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert AdminUnit.objects.count() == before
    assert response.context["add_form"].errors


@pytest.mark.django_db
def test_villages_import_from_csv_and_xlsx(district_admin, units):
    client = client_for(district_admin)
    url = f"/staff/units/{units['kim_tan'].pk}/villages/"
    response = client.post(
        url, {"import": "1", "file": _csv("tên,loại\nĐồng Tâm,Thôn\nKhu 9,Khu phố\n")}
    )
    assert response.status_code == 302
    response = client.post(
        url, {"import": "1", "file": _xlsx([["Tên", "Loại"], ["Bãi Cời", "Bản"]])}
    )
    assert response.status_code == 302
    names = set(units["kim_tan"].children.values_list("name", flat=True))
    assert {"Thôn Đồng Tâm", "Khu phố Khu 9", "Bản Bãi Cời"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: _csv("ten,loai\nGood,Thôn\n,Thôn\n"), "Row 3"),
        (lambda: _csv("village\nA\n"), "first row"),
        (lambda: _csv(""), "empty"),
        (lambda: SimpleUploadedFile("v.csv", "tên\nĐồng\n".encode("utf-16")), "UTF-8"),
        (lambda: SimpleUploadedFile("v.xlsx", b"not a workbook"), ".xlsx"),
        (lambda: SimpleUploadedFile("v.pdf", b"%PDF-1.4"), ".csv or .xlsx"),
        (lambda: _csv("tên,loại\nA,Quận\n"), "Row 2"),
    ],
)
def test_a_bad_village_file_is_refused_whole(district_admin, units, upload, message):
    before = AdminUnit.objects.count()
    response = client_for(district_admin).post(
        f"/staff/units/{units['kim_tan'].pk}/villages/",
        {"import": "1", "file": upload()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    errors = response.context["import_form"].errors
    assert message in " ".join(str(e) for errs in errors.values() for e in errs)
    assert AdminUnit.objects.count() == before


@pytest.mark.django_db
def test_an_official_of_another_commune_cannot_manage_villages(other_official, chairman, units):
    url = f"/staff/units/{units['van_du'].pk}/villages/"
    assert client_for(other_official).get(url).status_code == 404
    assert client_for(chairman).get(url).status_code == 404  # leaders are not administrators
