"""Citizen reception, the documents: the reception log (sổ tiếp công dân) in the column layout of
Form 03 of Circular 04/2021/TT-TTCP, for the print view and the xlsx, docx and PDF exports.

A denunciation's visitor is "(bảo mật)" in every row that leaves the platform, whoever asks. The
wording of the columns (``FORM03_HEADER``) is NOT verified against the Circular's text, see there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation

from thanthien.core.documents import (
    STATE,
    OfficialDocument,
    Table,
    render_docx,
    render_pdf,
    xlsx_table,
)
from thanthien.core.models import AdminUnit
from thanthien.petitions.models import Kind, ReceptionVisit

from .selectors import REDACTED

FORM03_TITLE = "SỔ TIẾP CÔNG DÂN"
FORM03_HEADER = [
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
FORM03_DIRECTIONS = [
    "Thụ lý giải quyết",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan có thẩm quyền",
]
"""The columns of the reception log, Form 03 (Mẫu số 03) of Circular 04/2021/TT-TTCP.

NOT VERIFIED against the Circular's text: it could not be retrieved here. The list follows the
brief of this feature and LEGAL.md; an older implementation of the reception book seen while
checking had the same columns, with "Họ tên - Địa chỉ - CMND/Hộ chiếu của công dân" as one column
and "Thụ lý để giải quyết" / "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền" as the
sub-columns of "Hướng xử lý". Confirm against the official form before relying on the wording.

The exports (xlsx, docx, PDF) have one header row, so "Hướng xử lý" is one column whose cell names
the direction (one of ``FORM03_DIRECTIONS``); the HTML print view shows the three sub-columns.
The words are those of the legal form and are printed in Vietnamese whatever the screen language.
"""
FORM03_WIDTHS_MM = [9, 17, 24, 18, 29, 15, 14, 18, 12, 9]  # 165 mm: the text width of A4 portrait

KIND_LABELS = {
    Kind.FEEDBACK: "Phản ánh",
    Kind.RECOMMENDATION: "Kiến nghị",
    Kind.COMPLAINT: "Khiếu nại",
    Kind.DENUNCIATION: "Tố cáo",
}
REFUSAL_LABELS = {
    ReceptionVisit.RefusalReason.INCAPACITATED: "Người say do dùng chất kích thích, người mắc bệnh "
    "tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi",
    ReceptionVisit.RefusalReason.THREATENING: "Có hành vi đe dọa, xúc phạm, gây rối trật tự tại nơi "
    "tiếp công dân",
    ReceptionVisit.RefusalReason.RESOLVED: "Vụ việc đã được giải quyết đúng chính sách, pháp luật, "
    "đã được kiểm tra, rà soát, thông báo bằng văn bản",
}


def direction(visit: ReceptionVisit) -> tuple[int | None, str]:
    """Which of Form 03's three directions (0, 1, 2; None for a refusal) and its text."""
    if visit.action == ReceptionVisit.Action.ACCEPT:
        code = f" ({visit.petition.tracking_code})" if visit.petition_id else ""
        return 0, f"{FORM03_DIRECTIONS[0]}{code}"
    if visit.action == ReceptionVisit.Action.RETURN:
        return 1, f"{FORM03_DIRECTIONS[1]}: {visit.guidance}"
    if visit.action == ReceptionVisit.Action.FORWARD:
        to = visit.forward_body.name if visit.forward_body_id else visit.forward_to
        return 2, f"{FORM03_DIRECTIONS[2]}: {to}"
    reason = REFUSAL_LABELS.get(visit.refusal_reason, visit.refusal_reason)
    notice = f" (văn bản: {visit.refusal_notice})" if visit.refusal_notice else ""
    return None, f"Từ chối tiếp (Điều 9 Luật Tiếp công dân): {reason}{notice}"


def follow_up_text(visit: ReceptionVisit) -> str:
    parts = [visit.follow_up] if visit.follow_up else []
    if visit.petition_id:
        with translation.override("vi"):
            parts.append(f"{visit.petition.tracking_code}: {visit.petition.get_state_display()}")
    return "; ".join(parts)


@dataclass(frozen=True)
class LogRow:
    visit: ReceptionVisit
    who: str  # name - address, or "(bảo mật)"
    id_number: str
    kind: str
    direction_index: int | None
    direction: str
    follow_up: str
    notes: str

    def cells(self) -> list[object]:
        v = self.visit
        return [
            v.number,
            v.received_on,
            self.who,
            self.id_number,
            v.content,
            self.kind,
            v.handled_before,
            self.direction,
            self.follow_up,
            self.notes,
        ]


def log_rows(visits) -> list[LogRow]:
    """Form 03's rows. A denunciation's visitor is "(bảo mật)" here whoever asks: whatever leaves
    the handler — a print, an export — carries no identity (LEGAL.md; Luật Tố cáo, Art. 47)."""
    rows = []
    for visit in visits:
        if visit.kind == Kind.DENUNCIATION:
            who, id_number = REDACTED, REDACTED
        else:
            who = " - ".join(p for p in (visit.name, visit.address) if p)
            id_number = visit.id_number
        index, text = direction(visit)
        notes = visit.notes
        if visit.action == ReceptionVisit.Action.REFUSE and visit.refusal_note:
            notes = "; ".join(p for p in (visit.refusal_note, notes) if p)
        rows.append(
            LogRow(
                visit=visit,
                who=who,
                id_number=id_number,
                kind=f"{KIND_LABELS.get(visit.kind, visit.kind)}/{visit.people_count}",
                direction_index=index,
                direction=text,
                follow_up=follow_up_text(visit),
                notes=notes,
            )
        )
    return rows


def period_text(since: dt.date, until: dt.date) -> str:
    return f"Từ ngày {since:%d/%m/%Y} đến ngày {until:%d/%m/%Y}"


def log_xlsx(unit: AdminUnit, visits, since: dt.date, until: dt.date) -> bytes:
    title = f"{FORM03_TITLE} - {unit.name} - {period_text(since, until)}"
    return xlsx_table(title, FORM03_HEADER, [row.cells() for row in log_rows(visits)])


def issuer_lines(unit: AdminUnit) -> tuple[str, str]:
    """The issuing body at the top left: "UBND HUYỆN …" above "ỦY BAN NHÂN DÂN THỊ TRẤN …"."""
    parent = unit.parent
    return (
        f"UBND {parent.name}".upper() if parent is not None else "",
        f"Ủy ban nhân dân {unit.name}".upper(),
    )


def log_document(unit: AdminUnit, visits, since: dt.date, until: dt.date) -> OfficialDocument:
    issuer_parent, issuer = issuer_lines(unit)
    return OfficialDocument(
        layout=STATE,
        issuer_parent=issuer_parent,
        issuer=issuer,
        number=None,
        type_code="",
        issuer_code="UBND",
        place=unit.short_name or unit.name,
        date=timezone.localdate(),
        kind_title=FORM03_TITLE,
        subject=period_text(since, until),
        body=[
            Table(
                header=FORM03_HEADER,
                rows=[row.cells() for row in log_rows(visits)],
                col_widths_mm=FORM03_WIDTHS_MM,
            )
        ],
    )


def log_export(unit: AdminUnit, visits, since: dt.date, until: dt.date, fmt: str) -> bytes:
    if fmt == "xlsx":
        return log_xlsx(unit, visits, since, until)
    doc = log_document(unit, visits, since, until)
    if fmt == "docx":
        return render_docx(doc)
    if fmt == "pdf":
        return render_pdf(doc)
    raise ValueError(f"unknown format {fmt!r}")
