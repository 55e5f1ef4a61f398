"""The rollout's official documents, built from its data through ``thanthien.core.documents``:
the plan itself (sections I–V, as 149-KH/HU) and the review reports (per unit and for the district).

The words the documents print are the plan's own (data) and the legal form's fixed Vietnamese
headings, which stay Vietnamese whatever the official's screen language (as in core.documents).
"""

from collections import OrderedDict

from thanthien.core.documents import Heading, OfficialDocument, Paragraph, Table
from thanthien.core.figures import figure_map

from .models import Plan, Review
from .services import review_ranking

ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _sentence(text: str) -> str:
    return text[:1].lower() + text[1:]


def _month_label(first, last) -> str:
    if first == last:
        return f"Tháng {first.month:02d}/{first.year}"
    if first.year == last.year:
        return f"Tháng {first.month}–{last.month}/{first.year}"
    return f"Tháng {first.month}/{first.year}–{last.month}/{last.year}"


def timeline_lines(plan: Plan) -> list[str]:
    """Section IV.2: one line per phase, its milestones' texts joined, repeated ones with months."""
    phases: OrderedDict = OrderedDict()
    for m in plan.milestones.filter(unit__isnull=True).order_by("phase", "pk"):
        phases.setdefault(m.phase, []).append(m)
    lines = []
    for milestones in phases.values():
        first = min(m.month_from for m in milestones)
        last = max(m.month_to for m in milestones)
        texts: OrderedDict = OrderedDict()
        for m in milestones:
            texts.setdefault(m.title.rstrip(". "), []).append(m)
        parts = []
        for text, ms in texts.items():
            if len(ms) > 1:
                months = " và ".join(f"tháng {m.month_from.month}" for m in ms)
                text = f"{text} ({months})"
            parts.append(text)
        body = "; ".join(_sentence(part) for part in parts)
        lines.append(f"- {_month_label(first, last)}: {body}.")
    return lines


def plan_document(plan: Plan) -> OfficialDocument:
    implements = "; ".join(Plan.lines(plan.implements))
    body = [Paragraph(f"Thực hiện {implements}; {plan.preamble_end}".strip())]
    body.append(Heading("I. MỤC ĐÍCH, YÊU CẦU"))
    body += [Paragraph(f"- {line}") for line in Plan.lines(plan.purposes)]
    body.append(Heading("II. NỘI DUNG"))
    body += [Paragraph(f"{i}. {line}") for i, line in enumerate(Plan.lines(plan.content_areas), 1)]
    body.append(Heading("III. QUY TRÌNH THỰC HIỆN"))
    body += [Paragraph(f"{i}. {line}") for i, line in enumerate(Plan.lines(plan.process_steps), 1)]
    body.append(Heading("IV. ĐỊA ĐIỂM, THỜI GIAN"))
    body.append(Heading("1. Địa điểm", level=2))
    body.append(Paragraph(plan.place_text))
    body.append(Heading("2. Thời gian", level=2))
    body += [Paragraph(line) for line in timeline_lines(plan)]
    body.append(Heading("V. TỔ CHỨC THỰC HIỆN"))
    for i, a in enumerate(plan.assignments.all(), 1):
        duties = "; ".join(_sentence(d.rstrip(".")) for d in Plan.lines(a.duties))
        body.append(Paragraph(f"{i}. {a.heading}: {duties}."))
    return OfficialDocument(
        layout=plan.layout,
        issuer_parent=plan.issuer_parent,
        issuer=plan.issuer_heading,
        number=plan.number,
        type_code=plan.type_code,
        issuer_code=plan.issuer_code,
        place=plan.place,
        date=plan.issued_on,
        kind_title="KẾ HOẠCH",
        subject=plan.title,
        body=body,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        recipients=Plan.lines(plan.recipients),
    )


def _figure_rows(unit, start, end) -> list[list]:
    rows = []
    for figure in figure_map(unit, start, end).values():
        shown = figure.shown
        value = "—" if shown is None else f"{shown}{figure.unit if figure.unit == '%' else ''}"
        if figure.denominator is not None:
            value += f" ({figure.numerator}/{figure.denominator})"
        rows.append([figure.label, value])
    return rows


def _unit_section(plan: Plan, review: Review, unit, number: int) -> list:
    blocks: list = [Heading(f"{number}. {unit.name}", level=2)]
    figures = _figure_rows(unit, review.period_from, review.period_to)
    if figures:
        blocks.append(Table(header=["Chỉ số", "Kết quả"], rows=figures, col_widths_mm=[115, 50]))
    else:
        blocks.append(Paragraph("Chưa có số liệu."))
    for ins in plan.inspections.filter(
        unit=unit, held_on__range=(review.period_from, review.period_to)
    ).prefetch_related("recommendations"):
        score = f"{ins.score} điểm" if ins.score is not None else "chưa chấm điểm"
        blocks.append(
            Paragraph(f"- Kiểm tra ngày {ins.held_on:%d/%m/%Y} ({score}): {ins.findings or '…'}")
        )
        for rec in ins.recommendations.all():
            state = "đã thực hiện" if rec.status == "done" else "chưa thực hiện xong"
            blocks.append(
                Paragraph(f"+ Kiến nghị: {rec.text} (thời hạn {rec.due_on:%d/%m/%Y}, {state}).")
            )
    return blocks


def review_document(review: Review, unit=None) -> OfficialDocument:
    """The review report: for one unit when ``unit`` is given, else for the whole plan (district)."""
    plan = review.plan
    kind = "sơ kết" if review.kind == Review.Kind.INTERIM else "tổng kết"
    where = unit.name if unit is not None else plan.unit.name
    period = f"từ ngày {review.period_from:%d/%m/%Y} đến ngày {review.period_to:%d/%m/%Y}"
    body: list = [
        Paragraph(
            f"Thực hiện Kế hoạch số {plan.symbol} ngày {plan.issued_on:%d/%m/%Y}, báo cáo {kind} "
            f"kết quả xây dựng mô hình tại {_sentence(where)} {period} như sau:"
        ),
        Heading("I. KẾT QUẢ THỰC HIỆN"),
    ]
    units = [unit] if unit is not None else [p.unit for p in plan.places.select_related("unit")]
    for i, u in enumerate(units, 1):
        body += _unit_section(plan, review, u, i)
    if unit is None:
        body.append(Heading("II. XẾP LOẠI THI ĐUA VÀ ĐỀ NGHỊ KHEN THƯỞNG"))
        awards = {a.unit_id: a for a in review.awards.all()}
        rows = []
        for r in review_ranking(review):
            award = awards.get(r["unit"].pk)
            rows.append(
                [
                    r["rank"] or "—",
                    r["unit"].name,
                    float(r["score"]) if r["score"] is not None else "—",
                    award.form if award else "",
                    award.reason if award else "",
                ]
            )
        body.append(
            Table(
                header=["Hạng", "Đơn vị", "Điểm", "Hình thức khen thưởng", "Lý do"],
                rows=rows,
                col_widths_mm=[15, 35, 18, 45, 52],
            )
        )
        if review.state == Review.State.DECIDED:
            body.append(Paragraph(f"Đã quyết định khen thưởng: {review.decision_ref}."))
    body.append(Heading("III. ĐÁNH GIÁ CHUNG" if unit is None else "II. ĐÁNH GIÁ CHUNG"))
    body += [Paragraph(line) for line in Plan.lines(review.summary)] or [Paragraph("…")]
    return OfficialDocument(
        layout=plan.layout,
        issuer_parent=plan.issuer_parent,
        issuer=plan.issuer_heading,
        number=None,
        type_code="BC",
        issuer_code=plan.issuer_code,
        place=plan.place,
        date=review.held_on,
        kind_title="BÁO CÁO",
        subject=f"{kind.capitalize()} xây dựng mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ”"
        + (f"\ntại {_sentence(unit.name)}" if unit is not None else "")
        + f" năm {review.held_on.year}",
        body=body,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        recipients=Plan.lines(plan.recipients),
    )
