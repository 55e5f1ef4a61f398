"""The papers of a meeting: the invitation, the minutes (biên bản), the iCalendar file.

The minutes and the invitation go through ``core.documents`` (Decree 30/2020 layout). Their fixed
Vietnamese wording is part of the legal form, as in core.documents, so it is not translated.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thanthien.core.documents import STATE, Heading, OfficialDocument, Paragraph, Table

from .models import Kind, Meeting
from .selectors import attendance_summary, open_before, ranked_questions

KIND_TITLES = {
    Kind.LAUNCH: "lễ ra mắt",
    Kind.TRAINING: "hội nghị tập huấn",
    Kind.DIALOGUE: "hội nghị đối thoại",
    Kind.RECEPTION: "buổi tiếp công dân",
    Kind.VILLAGE: "cuộc họp thôn",
}


def issuer_lines(meeting: Meeting) -> tuple[str, str]:
    organizer = meeting.organizer
    parent = organizer.unit.parent
    if organizer.kind == organizer.Kind.PEOPLES_COMMITTEE:
        return (
            f"UBND {parent.name}".upper() if parent is not None else "",
            f"Ủy ban nhân dân {organizer.unit.name}".upper(),
        )
    return (parent.name.upper() if parent is not None else "", organizer.name.upper())


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return f"{start:%H} giờ {start:%M}, ngày {start:%d/%m/%Y} (đến {end:%H} giờ {end:%M})"


def invitation_document(meeting: Meeting) -> OfficialDocument:
    issuer_parent, issuer = issuer_lines(meeting)
    invited = ", ".join(b.name for b in meeting.invited_bodies.all())
    body = [
        Paragraph(f"{meeting.organizer.name} trân trọng kính mời: {invited or 'Quý đại biểu'}."),
        Paragraph(f"Tới dự {KIND_TITLES[meeting.kind]}: {meeting.title}."),
        Paragraph(f"Thời gian: {_when(meeting)}."),
        Paragraph(f"Địa điểm: {meeting.place}."),
    ]
    if meeting.chairs:
        body.append(Paragraph(f"Chủ trì: {meeting.chairs}."))
    if meeting.agenda:
        body.append(Heading("Nội dung", level=2))
        body.extend(Paragraph(line) for line in meeting.agenda.splitlines() if line.strip())
    body.append(Paragraph("Rất mong Quý đại biểu đến dự đúng thời gian./."))
    return OfficialDocument(
        layout=STATE,
        issuer_parent=issuer_parent,
        issuer=issuer,
        number=None,
        type_code="GM",
        issuer_code=meeting.organizer.short_name or "UBND",
        place=meeting.unit.short_name or meeting.unit.name,
        date=timezone.localtime(meeting.announced_at or timezone.now()).date(),
        kind_title="GIẤY MỜI",
        subject=meeting.title,
        body=body,
        signer_title="T/M " + meeting.organizer.name.upper(),
        recipients=["Như trên;", "Lưu: VT."],
    )


def minutes_document(meeting: Meeting) -> OfficialDocument:
    issuer_parent, issuer = issuer_lines(meeting)
    counts = attendance_summary(meeting)
    questions = list(ranked_questions(meeting).prefetch_related("commitments__body"))
    body: list = [
        Heading("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"),
        Paragraph(f"Thời gian: {_when(meeting)}."),
        Paragraph(f"Địa điểm: {meeting.place}."),
        Paragraph(f"Chủ trì: {meeting.chairs or '…'}."),
        Paragraph(f"Thư ký: {meeting.secretary or '…'}."),
        Paragraph(
            f"Số người đăng ký: {counts['registered']}; số người có mặt: {counts['attended']}."
        ),
    ]
    earlier = list(open_before(meeting))
    if earlier:
        body.append(Heading("II. CÁC CAM KẾT TRƯỚC CHƯA HOÀN THÀNH"))
        body.append(
            Table(
                ["TT", "Nội dung cam kết", "Cơ quan", "Hạn"],
                [[i, c.text, c.body.name, c.due_date] for i, c in enumerate(earlier, 1)],
                col_widths_mm=[12, 83, 45, 25],
            )
        )
    body.append(
        Heading("III. Ý KIẾN, CÂU HỎI VÀ TRẢ LỜI" if earlier else "II. Ý KIẾN, CÂU HỎI VÀ TRẢ LỜI")
    )
    for i, q in enumerate(questions, 1):
        origin = "ý kiến tại hội nghị" if q.from_floor else f"{q.support_count} người ủng hộ"
        body.append(Heading(f"{i}. {q.author_name} ({origin})", level=2))
        body.append(Paragraph(f"Câu hỏi: {q.text}"))
        if q.answered_at:
            body.append(Paragraph(f"Trả lời ({q.answered_by}): {q.answer}"))
        else:
            body.append(Paragraph("Chưa trả lời tại hội nghị.", italic=True))
        for c in q.commitments.all():
            body.append(
                Paragraph(f"- Cam kết: {c.text} — {c.body.name}, hạn {c.due_date:%d/%m/%Y}.")
            )
    if meeting.minutes_summary:
        body.append(Heading("KẾT LUẬN"))
        body.extend(
            Paragraph(line) for line in meeting.minutes_summary.splitlines() if line.strip()
        )
    body.append(Paragraph("Biên bản được lập và thông qua tại hội nghị./."))
    held = timezone.localtime(meeting.starts_at).date()
    return OfficialDocument(
        layout=STATE,
        issuer_parent=issuer_parent,
        issuer=issuer,
        number=None,
        type_code="BB",
        issuer_code=meeting.organizer.short_name or "UBND",
        place=meeting.unit.short_name or meeting.unit.name,
        date=held,
        kind_title="BIÊN BẢN",
        subject=f"{KIND_TITLES[meeting.kind].capitalize()}: {meeting.title}",
        body=body,
        signer_title="CHỦ TRÌ",
        signer_name=meeting.chairs.split(",")[0].strip() if meeting.chairs else "",
        recipients=["Các cơ quan dự hội nghị;", "Niêm yết công khai;", "Lưu: VT."],
    )


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    # RFC 5545 3.1: lines of at most 75 octets, continued with a space.
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return out


def meeting_ics(meeting: Meeting, url: str, host: str = "thanthien") -> bytes:
    def stamp(moment: dt.datetime) -> str:
        return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Than Thien//meetings//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{stamp(timezone.now())}",
        f"DTSTART:{stamp(meeting.starts_at)}",
        f"DTEND:{stamp(meeting.ends_at)}",
        f"SUMMARY:{_ics_text(meeting.title)}",
        f"LOCATION:{_ics_text(meeting.place)}",
        f"DESCRIPTION:{_ics_text(meeting.agenda)}",
        f"URL:{url}",
        "STATUS:" + ("CANCELLED" if meeting.state == "cancelled" else "CONFIRMED"),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
