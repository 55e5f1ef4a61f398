"""The one way the platform produces the documents officials sign and file, and its table exports.

A document is described once, as an ``OfficialDocument``, and rendered to Word (``render_docx``,
what the office edits, signs and files) or PDF (``render_pdf``, what is published or printed). The
layout follows the rules the office is checked against:

- ``"state"``: Decree 30/2020/NĐ-CP, Appendix I — issuing body top left, national heading top
  right, number "Số: 05/QĐ-UBND", date line under the motto, title and excerpt centred, the
  signature at the right and "Nơi nhận:" at the left.
- ``"party"``: Guide 36-HD/VPTW (2018) — issuing body and "*" top left, "ĐẢNG CỘNG SẢN VIỆT NAM"
  top right, symbol "Số 149-KH/HU" (no colon), the rest as above.

Page: A4; margins top 20, bottom 20, left 30, right 15 mm; Times New Roman, black; body 14 pt,
justified, first line indented; page numbers top centre from page 2.

The fixed Vietnamese words below (national heading, "Nơi nhận:", "ngày … tháng … năm") are part of
the legal form and are printed in Vietnamese whatever language the official's screen is in, so
they are constants here rather than translatable interface strings.

Tables leave the platform as ``xlsx_table`` / ``csv_table``, and every file goes to the browser
through ``document_response``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import ClassVar, Literal
from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

STATE = "state"
PARTY = "party"
Layout = Literal["state", "party"]

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
RECIPIENTS_LABEL = "Nơi nhận:"

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CONTENT_TYPES = {
    ".docx": DOCX_CONTENT_TYPE,
    ".pdf": PDF_CONTENT_TYPE,
    ".xlsx": XLSX_CONTENT_TYPE,
    ".csv": CSV_CONTENT_TYPE,
}

# Page geometry shared by both renderers (Decree 30: top/bottom 20–25, left 30–35, right 15–20 mm).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
# Width of the issuing body's column; the national heading's column gets the rest. In bold 13 pt
# the national heading is 95 mm wide, so it is set in 12 pt (Decree 30 allows 12–13; 88 mm) and
# fits beside a 70 mm column that holds "UBND HUYỆN THẠCH THÀNH" (64 mm) on one line. A Party
# heading's right column holds only "ĐẢNG CỘNG SẢN VIỆT NAM" and the date (82 mm), so its left
# one is wider for names set in 14 pt. The Word tables have no cell padding for the same reason.
HEADING_LEFT_MM = {STATE: 70, PARTY: 78}
NATIONAL_NAME_PT = 12
SIGNATURE_LEFT_MM = 80  # "Nơi nhận:" column; the signature gets the rest
FIRST_LINE_INDENT_MM = 12.7  # Decree 30: 1–1.27 cm
FONT = "Times New Roman"
BODY_PT = 14


# --- The document ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A section heading: level 1 "I. MỤC ĐÍCH, YÊU CẦU", level 2 "1. …", level 3 "a) …"."""

    text: str
    level: int = 1
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Paragraph:
    """Body text. A list item is a paragraph that starts with "- " (or "1. ", "a) ")."""

    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True
    align: Literal["justify", "center", "left", "right"] = "justify"
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Table:
    """A bordered table in the body; cells may be text, numbers or dates (printed dd/mm/yyyy)."""

    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    col_widths_mm: Sequence[float] | None = None
    kind: ClassVar[str] = "table"

    def widths_mm(self) -> list[float]:
        if self.col_widths_mm:
            return [float(w) for w in self.col_widths_mm]
        return [TEXT_WIDTH_MM / len(self.header)] * len(self.header)


Block = Heading | Paragraph | Table


@dataclass(kw_only=True)
class OfficialDocument:
    """What an official signs: who issues it, its number and date, title, text, signature and
    recipients. Text is given as written; the renderers put names and titles in capitals."""

    layout: Layout
    issuer_parent: str  # "UBND HUYỆN THẠCH THÀNH" / "ĐẢNG BỘ TỈNH THANH HÓA"; may be ""
    issuer: str  # "ỦY BAN NHÂN DÂN THỊ TRẤN VÂN DU" / "HUYỆN ỦY THẠCH THÀNH"
    number: int | None  # None leaves the number blank for the clerk to write in when issuing
    type_code: str  # "QĐ", "KH", "BB", "KL"; "" for an official letter (công văn)
    issuer_code: str  # "UBND", "HU"
    place: str  # "Vân Du"
    date: dt.date
    kind_title: str  # "QUYẾT ĐỊNH"; "" for an official letter
    subject: str  # trích yếu: "Về việc giải quyết khiếu nại của ông Nguyễn Văn A"
    body: Sequence[Block] = field(default_factory=list)
    signer_title: str = ""  # "CHỦ TỊCH" or "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"
    signer_name: str = ""
    recipients: Sequence[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.layout not in (STATE, PARTY):
            raise ValueError(f"layout must be {STATE!r} or {PARTY!r}, not {self.layout!r}")

    @property
    def number_line(self) -> str:
        if self.layout == PARTY:
            return party_number(self.number, self.type_code, self.issuer_code)
        return state_number(self.number, self.type_code, self.issuer_code)

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.date)


def _number_text(number: int | None) -> str:
    # Both rules number from "01": Decree 30 (Appendix I) adds a zero under 10, and Guide 36
    # (II.1.3.1.a) counts "từ số 01". An unnumbered draft leaves room for the clerk's pen.
    if number is None:
        return " " * 6
    if number < 1:
        raise ValueError("a document number starts at 1")
    return f"{number:02d}"


def state_number(number: int | None, type_code: str, issuer_code: str) -> str:
    """``Số: 05/QĐ-UBND``; an official letter without a type code is ``Số: 05/UBND``."""
    symbol = f"{type_code}-{issuer_code}" if type_code else issuer_code
    return f"Số: {_number_text(number)}/{symbol}"


def party_number(number: int | None, type_code: str, issuer_code: str) -> str:
    """``Số 149-KH/HU`` (Party symbols take no colon)."""
    return f"Số {_number_text(number)}-{type_code}/{issuer_code}"


def date_line(place: str, day: dt.date) -> str:
    """``Vân Du, ngày 07 tháng 3 năm 2023``: days under 10 and months 1–2 get a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def format_cell(value: object) -> str:
    """How a table cell reads on paper: dates as dd/mm/yyyy, local time for moments, None blank."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


# --- Word ------------------------------------------------------------------------------------------


def render_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr)
    rpr.append(_element("w:lang", val="vi-VN"))  # Word's spelling checker, hyphenation
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _page_numbers(section)

    _docx_heading(document, doc)
    _docx_title(document, doc)
    for block in doc.body:
        if isinstance(block, Table):
            _docx_table(document, block)
        elif isinstance(block, Heading):
            paragraph = _format(
                document.add_paragraph(),
                align="justify",
                indent=True,
                before=6,
                after=6,
                line=1.15,
                keep=True,  # a heading never ends a page
            )
            _add_run(paragraph, block.text, bold=True, italic=block.level >= 3)
        else:
            paragraph = _format(
                document.add_paragraph(), align=block.align, indent=block.indent, after=6, line=1.15
            )
            _add_run(paragraph, block.text, bold=block.bold, italic=block.italic)
    _docx_signature(document, doc)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _set_fonts(rpr) -> None:
    """Name the font for every script: Word picks w:eastAsia / w:cs for some Vietnamese marks."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = _element("w:rFonts")
        rpr.insert(0, rfonts)  # the first child of w:rPr in schema order
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), FONT)


def _add_run(paragraph, text: str, *, size=BODY_PT, bold=False, italic=False, underline=False):
    """Text in Times New Roman for every script, black; "\\n" becomes a line break."""
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(run._r.get_or_add_rPr())
    return paragraph


_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _format(paragraph, *, align="center", indent=False, before=0, after=0, line=1.0, keep=False):
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.first_line_indent = Mm(FIRST_LINE_INDENT_MM) if indent else None
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep or None
    return paragraph


def _lines(cell) -> Iterator:
    """Paragraphs for a table cell: the empty one every new cell holds, then new ones."""
    yield cell.paragraphs[0]
    while True:
        yield cell.add_paragraph()


def _short_rule(paragraph, width_mm: float, rule_mm: float) -> None:
    """The short line under the issuer and under the excerpt: the bottom border of an empty
    paragraph narrowed by equal indents, drawn alike by Word and LibreOffice."""
    side = max((width_mm - rule_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    # An exact, tiny line height puts the rule right under the text above it.
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(3)
    borders = _element("w:pBdr")
    borders.append(_element("w:bottom", val="single", sz="6", space="1", color="000000"))
    # Word refuses a file whose elements are out of schema order: insert, don't append.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _set_widths(table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _borderless_table(document, widths_mm: Sequence[float], rows: int):
    """The layout grid of the heading and the signature: no borders and no cell padding, so
    that what fits the column on paper fits it in Word too."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    tbl_pr = table._tbl.tblPr
    borders = _element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{edge}", val="nil"))
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    padding = _element("w:tblCellMar")
    padding.append(_element("w:left", w="0", type="dxa"))
    padding.append(_element("w:right", w="0", type="dxa"))
    tbl_pr.insert_element_before(padding, "w:tblLook", "w:tblCaption", "w:tblDescription")
    _set_widths(table, widths_mm)
    return table


def _docx_heading(document, doc: OfficialDocument) -> None:
    left_mm = HEADING_LEFT_MM[doc.layout]
    table = _borderless_table(document, [left_mm, TEXT_WIDTH_MM - left_mm], rows=2)
    (left, right), (number_cell, date_cell) = (row.cells for row in table.rows)
    party = doc.layout == PARTY
    size = 14 if party else 13

    lines = _lines(left)
    if doc.issuer_parent:
        _add_run(_format(next(lines)), doc.issuer_parent.upper(), size=size)
    _add_run(_format(next(lines)), doc.issuer.upper(), size=size, bold=True)
    if party:
        _add_run(_format(next(lines)), "*", size=size)
    else:
        _short_rule(_format(next(lines)), left_mm, 25)

    lines = _lines(right)
    if party:
        _add_run(_format(next(lines)), PARTY_NAME, size=14, bold=True, underline=True)
    else:
        _add_run(_format(next(lines)), NATIONAL_NAME, size=NATIONAL_NAME_PT, bold=True)
        _add_run(_format(next(lines)), NATIONAL_MOTTO, size=14, bold=True, underline=True)

    _add_run(_format(number_cell.paragraphs[0], before=6), doc.number_line, size=size)
    _add_run(_format(date_cell.paragraphs[0], before=6), doc.date_line, size=14, italic=True)


def _docx_title(document, doc: OfficialDocument) -> None:
    if doc.kind_title:
        title = _format(document.add_paragraph(), before=18, keep=True)
        _add_run(title, doc.kind_title.upper(), bold=True)
    if doc.subject:
        subject = _format(document.add_paragraph(), before=0 if doc.kind_title else 18, keep=True)
        _add_run(subject, doc.subject, bold=True)
    if doc.layout == PARTY:
        _add_run(_format(document.add_paragraph(), after=12), "-----")
    else:
        _short_rule(_format(document.add_paragraph(), before=2, after=12), TEXT_WIDTH_MM, 40)


def _docx_table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = document.styles["Table Grid"]
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(_element("w:tblHeader"))  # repeats on every page
    for cell, text in zip(header.cells, block.header, strict=True):
        _add_run(_format(cell.paragraphs[0], before=2, after=2), str(text), size=13, bold=True)
    for row in block.rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            align = "right" if isinstance(value, int | float) else "left"
            paragraph = _format(cell.paragraphs[0], align=align, before=2, after=2)
            _add_run(paragraph, format_cell(value), size=13)
    _set_widths(table, block.widths_mm())
    document.add_paragraph()


def _docx_signature(document, doc: OfficialDocument) -> None:
    document.add_paragraph()
    table = _borderless_table(document, [SIGNATURE_LEFT_MM, TEXT_WIDTH_MM - SIGNATURE_LEFT_MM], 1)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))  # never split across pages
    left, right = row.cells

    lines = _lines(left)
    if doc.recipients:
        _add_run(
            _format(next(lines), align="left"), RECIPIENTS_LABEL, size=12, bold=True, italic=True
        )
        for line in doc.recipients:
            _add_run(_format(next(lines), align="left"), line, size=11)

    lines = _lines(right)
    if doc.signer_title:
        _add_run(_format(next(lines)), doc.signer_title.upper(), bold=True)
    if doc.signer_name:
        # 72 pt above the name: room for the signature and the seal.
        _add_run(_format(next(lines), before=72), doc.signer_name, bold=True)


def _page_numbers(section) -> None:
    """Decree 30: page numbers at the top centre, from the second page on."""
    section.different_first_page_header_footer = True
    paragraph = _format(section.header.paragraphs[0])
    _add_run(paragraph, "2", size=13)  # what a viewer shows until it updates the field
    run = paragraph.runs[0]._r
    paragraph._p.remove(run)
    field = _element("w:fldSimple", instr="PAGE")
    field.append(run)
    paragraph._p.append(field)


# --- PDF -------------------------------------------------------------------------------------------


def render_pdf(doc: OfficialDocument) -> bytes:
    """The same document as PDF, through WeasyPrint; nothing is fetched from anywhere."""
    from weasyprint import HTML

    html = render_to_string("documents/official.html", _pdf_context(doc))
    return HTML(string=html, url_fetcher=_offline_fetcher()).write_pdf()


def _offline_fetcher():
    from weasyprint.urls import URLFetcher

    # A document's text comes from citizens; a stray <img src="http://…"> must never make the
    # server call out (SSRF) or read its own files. Only inline data: URLs are allowed.
    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def _pdf_context(doc: OfficialDocument) -> dict:
    blocks = []
    for block in doc.body:
        if isinstance(block, Table):
            widths = block.widths_mm()
            blocks.append(
                {
                    "kind": "table",
                    # Widths as CSS strings: the template would print 15,0 in Vietnamese.
                    "header": [
                        (label, f"{width:.1f}mm")
                        for label, width in zip(block.header, widths, strict=True)
                    ],
                    "rows": [
                        [(format_cell(value), isinstance(value, int | float)) for value in row]
                        for row in block.rows
                    ],
                }
            )
        else:
            blocks.append(block)
    return {
        "doc": doc,
        "party": doc.layout == PARTY,
        "national_name": NATIONAL_NAME,
        "national_motto": NATIONAL_MOTTO,
        "party_name": PARTY_NAME,
        "recipients_label": RECIPIENTS_LABEL,
        "issuer_parent": doc.issuer_parent.upper(),
        "issuer": doc.issuer.upper(),
        "kind_title": doc.kind_title.upper(),
        "signer_title": doc.signer_title.upper(),
        "blocks": blocks,
        "page": {
            "margins": f"{MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm",
            "heading_left": f"{HEADING_LEFT_MM[doc.layout]}mm",
            "signature_left": f"{SIGNATURE_LEFT_MM}mm",
            "indent": f"{FIRST_LINE_INDENT_MM}mm",
        },
    }


# --- Tables ----------------------------------------------------------------------------------------


def xlsx_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """One sheet: a bold header row that stays in view, sized columns, dates stored as dates."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    workbook.properties.title = title
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    widths = [len(str(h)) for h in header]

    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border

    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, dt.datetime):
                if timezone.is_aware(value):
                    value = timezone.make_naive(value)  # Excel has no time zones: local time
                cell.value = value
                cell.number_format = "DD/MM/YYYY HH:MM"
                shown = 16
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "DD/MM/YYYY"
                shown = 10
            elif value is None or isinstance(value, bool | int | float):
                cell.value = value
                shown = len(str(value or ""))
            else:
                cell.value = str(value)
                # openpyxl reads a leading "=" as a formula; citizens' text is only ever text.
                cell.data_type = "s"
                shown = max((len(line) for line in str(value).splitlines()), default=0)
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
            if c <= len(widths):
                widths[c - 1] = max(widths[c - 1], shown)

    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.center.text = title.replace("&", "&&")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'")
    return cleaned[:31] or "Sheet1"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark, which is what makes Excel read Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()  # the one date form every spreadsheet reads as a date
    if isinstance(value, bool | int | float):
        return str(value)
    text = str(value)
    # A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection).
    return "'" + text if text.startswith(_FORMULA_START) else text


# --- HTTP ------------------------------------------------------------------------------------------


def document_response(
    content: bytes,
    filename: str,
    content_type: str | None = None,
    *,
    as_attachment: bool = True,
) -> HttpResponse:
    """A file download whose Vietnamese name survives: ``filename*`` (RFC 5987/6266, UTF-8) for
    browsers, an ASCII ``filename`` for the rest. Never cached by shared caches: these files carry
    personal data."""
    name = _clean_filename(filename)
    if content_type is None:
        content_type = CONTENT_TYPES.get(
            PurePosixPath(name).suffix.lower(), "application/octet-stream"
        )
    response = HttpResponse(content, content_type=content_type)
    disposition = "attachment" if as_attachment else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{ascii_filename(name)}"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    response["Content-Length"] = str(len(content))
    patch_cache_control(response, private=True, no_store=True)
    return response


def _clean_filename(filename: str) -> str:
    name = unicodedata.normalize("NFC", filename)
    name = name.replace("/", "-").replace("\\", "-")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name or "document"


def ascii_filename(filename: str) -> str:
    """``Quyết định 05-QĐ-UBND.pdf`` → ``Quyet dinh 05-QD-UBND.pdf``."""
    text = filename.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9 ._()\-]+", "_", text)
    text = re.sub(r"\s+", " ", text).strip(" ._")
    suffix = PurePosixPath(filename).suffix
    if not text or text == suffix.strip("."):
        text = "document" + (suffix if suffix.isascii() else "")
    return text
