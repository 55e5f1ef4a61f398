"""Budget spreadsheets: a good one imports; a malformed or hostile one says which row is wrong and
changes nothing; exported cells never run as formulas."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.conftest import client_for
from thanthien.disclosure import budget, services
from thanthien.disclosure.models import Category, Disclosure

from .conftest import GOOD_ROWS, xlsx_upload


@pytest.fixture
def disclosure(db, units, clerk):
    from thanthien.core.models import Body

    unit = units["van_du"]
    return services.disclosure_create(
        unit=unit,
        body=Body.objects.get(unit=unit, kind="peoples_committee"),
        category=Category.objects.get(code="budget-estimate"),
        title="Dự toán ngân sách 2024",
        starts_on=dt.date(2024, 1, 5),
        ends_on=dt.date(2024, 2, 10),
        actor=clerk,
        period_year=2024,
    )


def test_good_spreadsheet_imports(disclosure, clerk):
    services.import_budget(disclosure=disclosure, upload=xlsx_upload(GOOD_ROWS), actor=clerk)
    disclosure.refresh_from_db()
    assert disclosure.table_header == budget.BUDGET_HEADER
    assert disclosure.table_rows == [
        ["1", "Thu ngân sách", 1_000_000, 250_000],
        ["2", "Chi thường xuyên", 2_500_000, None],
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["A", "B", "C"], ["1", "x", 1]], "Mã, Nội dung, Dự toán, Thực hiện"),
        ([*GOOD_ROWS, ["3", "Hack", '=HYPERLINK("http://x")', 1]], "Dòng 4"),
        ([*GOOD_ROWS, ["3", "=cmd|' /C calc'!A0", 5, 1]], "Dòng 4"),
        ([*GOOD_ROWS, ["4", "Chi khác", "nhiều tiền", 1]], "Dòng 4"),
        ([*GOOD_ROWS, ["5", "", 5, 1]], "Dòng 4"),
        ([*GOOD_ROWS, ["6", "Âm", -5, 1]], "Dòng 4"),
        ([GOOD_ROWS[0]], "không có dòng"),
    ],
)
def test_bad_spreadsheet_changes_nothing(disclosure, clerk, rows, message):
    services.import_budget(disclosure=disclosure, upload=xlsx_upload(GOOD_ROWS), actor=clerk)
    before = Disclosure.objects.get(pk=disclosure.pk).table_rows
    with pytest.raises(ValidationError) as error:
        services.import_budget(disclosure=disclosure, upload=xlsx_upload(rows), actor=clerk)
    assert message in " ".join(error.value.messages)
    assert Disclosure.objects.get(pk=disclosure.pk).table_rows == before


def test_not_a_spreadsheet_and_huge_files(disclosure, clerk):
    with pytest.raises(ValidationError, match="không phải bảng tính"):
        services.import_budget(
            disclosure=disclosure, upload=SimpleUploadedFile("a.xlsx", b"hello"), actor=clerk
        )
    huge = SimpleUploadedFile("a.xlsx", b"PK" + b"0" * (budget.MAX_BYTES + 10))
    with pytest.raises(ValidationError, match="2 MB"):
        services.import_budget(disclosure=disclosure, upload=huge, actor=clerk)
    many = [GOOD_ROWS[0]] + [[str(i), "x", 1, 1] for i in range(budget.MAX_ROWS + 1)]
    with pytest.raises(ValidationError, match="hơn"):
        services.import_budget(disclosure=disclosure, upload=xlsx_upload(many), actor=clerk)
    assert Disclosure.objects.get(pk=disclosure.pk).table_rows == []


def test_import_page_shows_vietnamese_message(disclosure, clerk):
    client = client_for(clerk)
    client.cookies["django_language"] = "vi"
    bad = xlsx_upload([["A", "B"], ["1", "x"]])
    response = client.post(f"/disclosure/{disclosure.pk}/import/", {"spreadsheet": bad})
    assert response.status_code == 200
    assert "Dự toán" in response.content.decode()
    assert Disclosure.objects.get(pk=disclosure.pk).table_rows == []


def test_form_entry_of_lines(disclosure, clerk):
    client = client_for(clerk)
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
    data |= {
        "form-0-code": "1",
        "form-0-item": "Thu",
        "form-0-planned": "1.000",
        "form-0-actual": "",
    }
    data |= {
        "form-1-code": "2",
        "form-1-item": "=evil()",
        "form-1-planned": "5",
        "form-1-actual": "",
    }
    response = client.post(f"/disclosure/{disclosure.pk}/lines/", data)
    assert response.status_code == 200 and "Dòng 2" in response.content.decode()
    assert Disclosure.objects.get(pk=disclosure.pk).table_rows == []
    data["form-1-item"] = "Chi"
    response = client.post(f"/disclosure/{disclosure.pk}/lines/", data)
    assert response.status_code == 302
    assert Disclosure.objects.get(pk=disclosure.pk).table_rows[0] == ["1", "Thu", 1000, None]


def test_exported_cells_never_run_as_formulas(disclosure, clerk):
    services.set_table(
        disclosure=disclosure,
        header=["Mã", "Nội dung"],
        rows=[["1", '=HYPERLINK("http://evil","x")'], ["2", "@SUM(1)"]],
        actor=clerk,
    )
    client = client_for(None)
    csv = client.get(f"/disclosure/{disclosure.pk}/table.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "'@SUM" in csv
    data = client.get(f"/disclosure/{disclosure.pk}/table.xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["B2"].data_type == "s"
    assert client.get(f"/disclosure/{disclosure.pk}/table.exe").status_code == 404


def test_new_disclosure_form_with_spreadsheet(db, units, clerk):
    from thanthien.core.models import Body

    unit = units["van_du"]
    data = {
        "unit": unit.pk,
        "body": Body.objects.get(unit=unit, kind="peoples_committee").pk,
        "category": Category.objects.get(code="budget-execution").pk,
        "title": "Thực hiện ngân sách quý 1/2024",
        "forms": ["website", "office"],
        "starts_on": "2024-04-05",
        "ends_on": "2024-05-10",
        "period_year": "2024",
        "period_quarter": "1",
    }
    client = client_for(clerk)
    bad = client.post("/disclosure/new/", {**data, "spreadsheet": xlsx_upload([["x"], ["1"]])})
    assert bad.status_code == 200 and not Disclosure.objects.filter(period_year=2024).exists()
    short = client.post(
        "/disclosure/new/", {**data, "ends_on": "2024-04-20", "spreadsheet": xlsx_upload(GOOD_ROWS)}
    )
    assert short.status_code == 200 and "ít nhất 30 ngày" in short.content.decode()
    ok = client.post("/disclosure/new/", {**data, "spreadsheet": xlsx_upload(GOOD_ROWS)})
    assert ok.status_code == 302
    d = Disclosure.objects.get(period_year=2024, period_quarter=1)
    assert len(d.table_rows) == 2 and d.created_by == clerk


def test_zip_bomb_is_refused(disclosure, clerk):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (budget.MAX_UNZIPPED + 1))
    assert len(out.getvalue()) < budget.MAX_BYTES
    with pytest.raises(ValidationError, match="quá lớn khi giải nén"):
        services.import_budget(
            disclosure=disclosure, upload=SimpleUploadedFile("b.xlsx", out.getvalue()), actor=clerk
        )
