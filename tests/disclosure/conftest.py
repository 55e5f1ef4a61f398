import io

import pytest
from openpyxl import Workbook


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are checked in Vietnamese, the language citizens and clerks read."""
    from django.utils import translation

    with translation.override("vi"):
        yield


@pytest.fixture
def register(db):
    """The disclosure demo (Vân Du, Kim Tân, Thạch Bình 2023) on top of the session's core demo."""
    from thanthien.demo import disclosure

    disclosure.load()


def xlsx_upload(rows, name="du-toan.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


GOOD_ROWS = [
    ["Mã", "Nội dung", "Dự toán", "Thực hiện"],
    ["1", "Thu ngân sách", 1_000_000, 250_000],
    ["2", "Chi thường xuyên", "2.500.000", None],
]
