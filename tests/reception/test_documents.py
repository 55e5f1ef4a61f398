"""The reception log printed and exported (xlsx, docx, PDF) in the column layout of Form 03."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.conftest import client_for
from tests.reception.conftest import denunciation_kwargs, today
from thanthien.reception import documents, selectors

FORM03 = [
    "STT",
    "Ngày tiếp",
    "Họ và tên - Địa chỉ",
    "Số CCCD/Hộ chiếu",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Hướng xử lý",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
]


# --- Print and exports --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_log_exports_in_the_layout_of_form_03(record, van_du, clerk, units):
    record(name="Bùi Văn Nam", people_count=3)
    record(action="forward", forward_to="Công an huyện Thạch Thành", name="Lê Thị Hoa")
    record(**denunciation_kwargs(action="return", guidance="Hướng dẫn gửi đơn tố cáo"))
    client = client_for(clerk)
    base = f"/staff/reception/{van_du.pk}/log/"

    xlsx = client.get(f"{base}export.xlsx")
    docx = client.get(f"{base}export.docx")
    pdf = client.get(f"{base}export.pdf")
    printed = client.get(f"{base}print/")

    assert xlsx.status_code == docx.status_code == pdf.status_code == printed.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == FORM03
    assert documents.FORM03_HEADER == FORM03
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    assert rows[1][2] == "Bùi Văn Nam - Khu phố 1, thị trấn Vân Du"
    assert rows[1][5] == "Phản ánh/3" and rows[1][7].startswith("Thụ lý giải quyết")
    assert rows[2][7] == "Chuyển đơn đến cơ quan có thẩm quyền: Công an huyện Thạch Thành"
    assert rows[3][2] == rows[3][3] == selectors.REDACTED
    assert docx.content.startswith(b"PK") and pdf.content.startswith(b"%PDF")
    text = printed.content.decode()
    for heading in [*FORM03, *documents.FORM03_DIRECTIONS]:
        assert heading in text
    assert "size: A4 landscape" in text


@pytest.mark.django_db
def test_the_export_covers_the_chosen_period(record, van_du, clerk):
    record(received_on=today() - dt.timedelta(days=40))
    record()

    xlsx = client_for(clerk).get(
        f"/staff/reception/{van_du.pk}/log/export.xlsx?since={today():%Y-%m-%d}"
    )

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert client_for(clerk).get(f"/staff/reception/{van_du.pk}/log/export.csv").status_code == 404
