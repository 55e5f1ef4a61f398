"""Official documents (Decree 30/2020, Guide 36-HD/VPTW) as Word and PDF, and table exports.

The two samples are a commune chairman's complaint decision and the first section of Plan
149-KH/HU (shared/reference/ke-hoach-149-KH-HU-2023.md).
"""

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from urllib.parse import unquote

import pytest
from docx import Document
from openpyxl import load_workbook

from thanthien.core.documents import (
    PARTY,
    STATE,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    csv_table,
    date_line,
    document_response,
    party_number,
    render_docx,
    render_pdf,
    state_number,
    xlsx_table,
)


def complaint_decision() -> OfficialDocument:
    return OfficialDocument(
        layout=STATE,
        issuer_parent="UBND huyện Thạch Thành",
        issuer="Ủy ban nhân dân thị trấn Vân Du",
        number=5,
        type_code="QĐ",
        issuer_code="UBND",
        place="Vân Du",
        date=dt.date(2026, 1, 5),
        kind_title="Quyết định",
        subject="Về việc giải quyết khiếu nại của ông Nguyễn Văn A\n(lần đầu)",
        body=[
            Paragraph("CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN VÂN DU", bold=True, align="center"),
            Paragraph(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", italic=True
            ),
            Paragraph("Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;", italic=True),
            Paragraph(
                "Xét đơn khiếu nại đề ngày 02/12/2025 của ông Nguyễn Văn A, trú tại khu phố 3, "
                "thị trấn Vân Du, khiếu nại việc cấp giấy phép xây dựng cho hộ liền kề.",
                italic=True,
            ),
            Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False),
            Paragraph(
                "Điều 1. Giữ nguyên Giấy phép xây dựng số 12/GPXD ngày 20/10/2025; "
                "không công nhận nội dung khiếu nại của ông Nguyễn Văn A."
            ),
            Table(
                header=["TT", "Nội dung", "Ngày"],
                rows=[[1, "Đối thoại với người khiếu nại", dt.date(2025, 12, 15)]],
                col_widths_mm=[15, 110, 40],
            ),
            Paragraph(
                "Điều 2. Trong thời hạn 30 ngày kể từ ngày nhận được Quyết định này, nếu không "
                "đồng ý, ông Nguyễn Văn A có quyền khiếu nại đến Chủ tịch UBND huyện hoặc khởi "
                "kiện vụ án hành chính tại Tòa án theo quy định của pháp luật."
            ),
            Paragraph("Điều 3. Quyết định này có hiệu lực kể từ ngày ký./."),
        ],
        signer_title="Chủ tịch",
        signer_name="Trần Thị Bình",
        recipients=["- Ông Nguyễn Văn A;", "- UBND huyện (b/c);", "- Lưu: VT."],
    )


def plan_149() -> OfficialDocument:
    return OfficialDocument(
        layout=PARTY,
        issuer_parent="ĐẢNG BỘ TỈNH THANH HÓA",
        issuer="HUYỆN ỦY THẠCH THÀNH",
        number=149,
        type_code="KH",
        issuer_code="HU",
        place="Thạch Thành",
        date=dt.date(2023, 3, 7),
        kind_title="KẾ HOẠCH",
        subject=(
            "Xây dựng mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ”\n"
            "trên địa bàn huyện Thạch Thành năm 2023"
        ),
        body=[
            Paragraph(
                "Thực hiện Kế hoạch số 93-KH/BDVTU ngày 10/2/2023 của Ban Dân vận Tỉnh ủy Thanh Hóa "
                "xây dựng mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ” trên địa bàn tỉnh "
                "Thanh Hóa năm 2023; Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:"
            ),
            Heading("I. MỤC ĐÍCH, YÊU CẦU"),
            Paragraph(
                "- Thông qua việc xây dựng các mô hình điểm ở xã, thị trấn để tiếp tục tuyên truyền "
                "nâng cao nhận thức, trách nhiệm của chính quyền cấp cơ sở."
            ),
            Paragraph(
                "- Xây dựng mô hình nhằm đánh giá đúng thực trạng công tác dân vận của chính quyền ở "
                "cơ sở, từ đó rút ra bài học kinh nghiệm."
            ),
            Paragraph("- Việc xây dựng mô hình phải thiết thực, hiệu quả, có tính thực tiễn."),
        ],
        signer_title="T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC",
        signer_name="Lê Xuân Bình",
        recipients=[
            "- Ban Dân vận Tỉnh ủy (b/c),",
            "- Thường trực Huyện ủy (b/c),",
            "- Đảng ủy, UBND các xã, thị trấn,",
            "- Lưu VPHU.",
        ],
    )


# --- Numbers and dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "type_code", "issuer_code", "expected"),
    [
        (5, "QĐ", "UBND", "Số: 05/QĐ-UBND"),  # LEGAL.md
        (149, "QĐ", "UBND", "Số: 149/QĐ-UBND"),
        (10, "BB", "UBND", "Số: 10/BB-UBND"),
        (12, "", "UBND", "Số: 12/UBND"),  # an official letter has no type code
        (None, "QĐ", "UBND", "Số:       /QĐ-UBND"),  # the clerk writes it in when issuing
    ],
)
def test_it_formats_state_numbers(number, type_code, issuer_code, expected):
    assert state_number(number, type_code, issuer_code) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (149, "Số 149-KH/HU"),  # the plan's own symbol
        (93, "Số 93-KH/HU"),
        (5, "Số 05-KH/HU"),  # Guide 36 II.1.3.1.a numbers "từ số 01"
    ],
)
def test_it_formats_party_numbers(number, expected):
    assert party_number(number, "KH", "HU") == expected


def test_it_refuses_number_zero():
    with pytest.raises(ValueError):
        state_number(0, "QĐ", "UBND")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2023, 3, 7), "Vân Du, ngày 07 tháng 3 năm 2023"),  # the plan's date
        (dt.date(2026, 1, 5), "Vân Du, ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "Vân Du, ngày 28 tháng 02 năm 2026"),
        (dt.date(2025, 12, 10), "Vân Du, ngày 10 tháng 12 năm 2025"),
        (dt.date(2025, 10, 9), "Vân Du, ngày 09 tháng 10 năm 2025"),
    ],
)
def test_it_writes_the_date_line_in_full(day, expected):
    assert date_line("Vân Du", day) == expected


def test_it_refuses_an_unknown_layout():
    with pytest.raises(ValueError):
        OfficialDocument(**{**complaint_decision().__dict__, "layout": "company"})


# --- Word -------------------------------------------------------------------------------------------


def _docx_lines(document):
    """Every paragraph of the document in reading order, table cells included."""
    body = document.element.body
    lines = []
    for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        text = "".join(
            node.text if node.tag.endswith("}t") else "\n"
            for node in p.iter()
            if node.tag.endswith("}t") or node.tag.endswith("}br")
        )
        if text.strip():
            lines.append(text)
    return lines


def _assert_in_order(lines, expected):
    position = 0
    for needle in expected:
        for index in range(position, len(lines)):
            if needle in lines[index]:
                position = index + 1
                break
        else:
            raise AssertionError(f"{needle!r} missing or out of order in {lines}")


def test_it_renders_a_state_decision_as_docx():
    doc = complaint_decision()
    document = Document(io.BytesIO(render_docx(doc)))

    section = document.sections[0]
    # Word stores twips, so millimetres come back rounded to a twentieth of a point.
    mm = [
        round(length.mm, 1)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 20, 20, 30, 15]

    lines = _docx_lines(document)
    _assert_in_order(
        lines,
        [
            "UBND HUYỆN THẠCH THÀNH",
            "ỦY BAN NHÂN DÂN THỊ TRẤN VÂN DU",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 05/QĐ-UBND",
            "Vân Du, ngày 05 tháng 01 năm 2026",
            "QUYẾT ĐỊNH",
            "Về việc giải quyết khiếu nại của ông Nguyễn Văn A\n(lần đầu)",
            *[block.text for block in doc.body if isinstance(block, Paragraph)],
            "Nơi nhận:",
            "- Lưu: VT.",
            "CHỦ TỊCH",
            "Trần Thị Bình",
        ],
    )
    # The body table sits between Điều 1 and Điều 2.
    _assert_in_order(lines, ["Điều 1.", "Đối thoại với người khiếu nại", "15/12/2025", "Điều 2."])

    # Times New Roman for every script, black, 14 pt body, bold title and signer.
    runs = [run for p in document.paragraphs for run in p.runs if run.text.strip()]
    cell_runs = [
        run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
        if run.text.strip()
    ]
    for run in runs + cell_runs:
        fonts = run._r.rPr.rFonts
        assert {
            fonts.get(f"{{{fonts.nsmap['w']}}}{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")
        } == {"Times New Roman"}
        assert str(run.font.color.rgb) == "000000"
    body = next(run for run in runs if run.text.startswith("Điều 3."))
    assert body.font.size.pt == 14
    title = next(run for run in runs if run.text == "QUYẾT ĐỊNH")
    assert title.bold and title.font.size.pt == 14
    national = next(run for run in cell_runs if run.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert national.bold and national.font.size.pt == 12
    date = next(run for run in cell_runs if run.text.startswith("Vân Du, ngày"))
    assert date.italic
    label = next(run for run in cell_runs if run.text == "Nơi nhận:")
    assert label.bold and label.italic and label.font.size.pt == 12
    recipient = next(run for run in cell_runs if run.text == "- Lưu: VT.")
    assert recipient.font.size.pt == 11
    signer = next(run for run in cell_runs if run.text == "Trần Thị Bình")
    assert signer.bold


def test_it_renders_a_party_plan_as_docx():
    document = Document(io.BytesIO(render_docx(plan_149())))
    lines = _docx_lines(document)
    _assert_in_order(
        lines,
        [
            "ĐẢNG BỘ TỈNH THANH HÓA",
            "HUYỆN ỦY THẠCH THÀNH",
            "*",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 149-KH/HU",
            "Thạch Thành, ngày 07 tháng 3 năm 2023",
            "KẾ HOẠCH",
            "Xây dựng mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ”",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "- Việc xây dựng mô hình phải thiết thực",
            "Nơi nhận:",
            "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC",
            "Lê Xuân Bình",
        ],
    )
    assert not any("CỘNG HÒA" in line for line in lines)


def test_it_numbers_pages_from_the_second_one():
    section = Document(io.BytesIO(render_docx(plan_149()))).sections[0]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert not section.first_page_header.paragraphs[0].text


# --- PDF --------------------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode("utf-8")
    else:
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFC", text)


def test_it_renders_a_state_decision_as_pdf():
    pdf = render_pdf(complaint_decision())
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN THỊ TRẤN VÂN DU",
        "Số: 05/QĐ-UBND",
        "Vân Du, ngày 05 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc giải quyết khiếu nại của ông Nguyễn Văn A",
        "Trần Thị Bình",
    ]:
        assert expected in text


def test_it_renders_a_party_plan_as_pdf_with_its_fonts():
    from pypdf import PdfReader

    pdf = render_pdf(plan_149())
    text = _pdf_text(pdf)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 149-KH/HU" in text
    assert "Thạch Thành, ngày 07 tháng 3 năm 2023" in text

    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    # A4 in points (1 pt = 1/72 in).
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = {
        str(font["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Times New Roman, or Liberation Serif (its metric twin on Debian). Any other face means a
    # Vietnamese letter was missing from the font and was drawn from a fallback: Debian's old
    # fonts-liberation lacks ơ, ư, ạ, ế…; scripts/ensure-doc-deps.sh installs fonts-liberation2.
    assert fonts, fonts
    assert all(
        name.replace("-", "").startswith(("TimesNewRoman", "LiberationSerif")) for name in fonts
    ), fonts


def test_it_prints_citizens_text_as_text_not_markup():
    doc = complaint_decision()
    doc.body = [Paragraph('<img src="http://169.254.169.254/latest"> <b>not markup</b>')]
    text = _pdf_text(render_pdf(doc))
    assert '<img src="http://169.254.169.254/latest"> <b>not markup</b>' in text


def test_it_fetches_only_data_urls(monkeypatch):
    import urllib.request

    from thanthien.core.documents import _offline_fetcher

    calls = []
    real_open = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        calls.append(getattr(url, "full_url", url))
        return real_open(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    fetcher = _offline_fetcher()
    for url in ["http://169.254.169.254/latest", "https://example.org/a.css", "file:///etc/passwd"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert calls == []
    assert fetcher.fetch("data:text/plain;base64,eGluIGNow6Bv").read() == "xin chào".encode()
    assert [url[:5] for url in calls] == ["data:"]


# --- Tables -----------------------------------------------------------------------------------------


RECEPTION_HEADER = ["STT", "Ngày tiếp", "Họ tên, địa chỉ", "Nội dung", "Ghi chú"]
RECEPTION_ROWS = [
    [
        1,
        dt.date(2023, 3, 15),
        "Nguyễn Văn A, khu phố 3, Vân Du",
        "Đề nghị cấp giấy chứng nhận",
        None,
    ],
    [
        2,
        dt.date(2023, 3, 22),
        "Lê Thị Hoa, khu phố 1, Vân Du",
        '=HYPERLINK("http://x")',
        "Đã hướng dẫn",
    ],
]


def test_it_exports_a_table_as_xlsx():
    content = xlsx_table("Sổ tiếp công dân: quý I/2023", RECEPTION_HEADER, RECEPTION_ROWS)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(RECEPTION_HEADER)
    assert rows[1][:4] == (
        1,
        dt.datetime(2023, 3, 15),
        "Nguyễn Văn A, khu phố 3, Vân Du",
        "Đề nghị cấp giấy chứng nhận",
    )
    assert sheet["B2"].is_date and sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["D3"].data_type == "s"  # a citizen's "=…" stays text, never a formula
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    assert sheet.title == "Sổ tiếp công dân  quý I 2023"


def test_it_exports_aware_datetimes_in_local_time():
    moment = dt.datetime(2023, 3, 15, 1, 30, tzinfo=dt.UTC)
    sheet = load_workbook(io.BytesIO(xlsx_table("t", ["Lúc"], [[moment]]))).active
    assert sheet["A2"].value == dt.datetime(2023, 3, 15, 8, 30)  # Asia/Ho_Chi_Minh, UTC+7


def test_it_exports_a_table_as_csv_for_excel():
    content = csv_table(RECEPTION_HEADER, RECEPTION_ROWS)
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == 'STT,Ngày tiếp,"Họ tên, địa chỉ",Nội dung,Ghi chú'
    assert "2023-03-15" in text
    assert "'=HYPERLINK" in text  # CSV injection neutralized


# --- HTTP -------------------------------------------------------------------------------------------


def test_it_sends_a_vietnamese_file_name():
    response = document_response(b"%PDF-1.7", "Quyết định 05-QĐ-UBND.pdf")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Quyet dinh 05-QD-UBND.pdf"; ')
    assert disposition.isascii()
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "Quyết định 05-QĐ-UBND.pdf"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == "8"
    assert "no-store" in response["Cache-Control"]
    assert response.content == b"%PDF-1.7"


def test_it_cleans_unsafe_file_names():
    response = document_response(b"x", 'Biên bản "tiếp dân"\r\n../ngày 1.docx')
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert "/" not in fallback and '"' not in fallback
    assert fallback.endswith(".docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
