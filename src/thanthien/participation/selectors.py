"""Reads: lists, progress, the joint Front + People's Committee page, diffs, documents, figures.

Public functions other apps may call:
- ``campaign_disclosure_rows(campaign) -> tuple[list[str], list[list]]``
"""

import datetime as dt
import difflib

from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import permissions
from thanthien.core.documents import STATE, Heading, OfficialDocument, Paragraph, Table
from thanthien.core.figures import Figure
from thanthien.core.models import AdminUnit, Body
from thanthien.core.search import fold

from .models import (
    Campaign,
    Consultation,
    Contribution,
    Opinion,
    RecognitionTask,
    Recommendation,
    VillageDecision,
)
from .services import decision_outcome

PUBLIC_CONSULTATION_STATES = [
    Consultation.State.OPEN,
    Consultation.State.CLOSED,
    Consultation.State.PUBLISHED,
]


def public_consultations():
    return Consultation.objects.filter(state__in=PUBLIC_CONSULTATION_STATES).select_related("unit")


def get_public_consultation(pk: int) -> Consultation:
    c = public_consultations().filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


def staff_consultations(user):
    return Consultation.objects.filter(
        permissions.scope_q(user, "participation.manage", "unit__path")
    ).select_related("unit")


def get_staff_consultation(user, pk: int) -> Consultation:
    c = staff_consultations(user).filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


def opinions_of(consultation: Consultation):
    return consultation.opinions.select_related("section", "body").order_by(
        "section__number", "created_at", "id"
    )


def response_counts(consultation: Consultation) -> dict[str, int]:
    rows = consultation.opinions.values("response").annotate(n=Count("id"))
    counts = {r["response"] or "waiting": r["n"] for r in rows}
    counts["total"] = sum(counts.values())
    return counts


def responses_table(consultation: Consultation) -> tuple[list[str], list[list]]:
    """The published table of responses: no phone, no account, the author as published."""
    header = [_("Section"), _("Sent by"), _("Opinion"), _("Response"), _("Reason")]
    rows = [
        [
            f"{o.section.number}. {o.section.heading}" if o.section else "",
            o.public_author,
            o.text,
            o.get_response_display() if o.response else "",
            o.response_text,
        ]
        for o in opinions_of(consultation)
    ]
    return header, rows


def section_diff(old: Consultation, new: Consultation) -> list[dict]:
    """Per section (matched by number), the line-by-line differences, server-rendered."""
    olds = {s.number: s for s in old.sections.all()}
    news = {s.number: s for s in new.sections.all()}
    result = []
    for number in sorted(set(olds) | set(news)):
        a, b = olds.get(number), news.get(number)
        a_lines = a.text.splitlines() if a else []
        b_lines = b.text.splitlines() if b else []
        lines = []
        if a is not None and b is not None and a.heading != b.heading:
            lines += [{"op": "del", "text": a.heading}, {"op": "ins", "text": b.heading}]
        for line in difflib.ndiff(a_lines, b_lines):
            code, text = line[:2], line[2:]
            if code == "? ":
                continue
            lines.append({"op": {"- ": "del", "+ ": "ins"}.get(code, "same"), "text": text})
        result.append(
            {
                "number": number,
                "heading": (b or a).heading,
                "changed": a_lines != b_lines or a is None or b is None or a.heading != b.heading,
                "lines": lines,
            }
        )
    return result


def _committee_of(unit: AdminUnit) -> Body | None:
    return Body.objects.filter(unit=unit, kind=Body.Kind.PEOPLES_COMMITTEE).first()


def _issuer(unit: AdminUnit) -> tuple[str, str]:
    parent = unit.parent
    kind = (unit.kind or "").upper()
    parent_line = (
        f"UBND {(parent.kind or '').upper()} {parent.short_name.upper()}" if parent else ""
    )
    return parent_line.strip(), f"ỦY BAN NHÂN DÂN {kind} {unit.short_name.upper()}".strip()


def synthesis_document(consultation: Consultation, day: dt.date | None = None) -> OfficialDocument:
    """The report is a legal form: in Vietnamese whatever the official's screen language.

    Báo cáo tổng hợp, tiếp thu, giải trình ý kiến: every opinion with its response."""
    unit = consultation.unit
    parent_line, issuer = _issuer(unit)
    opinions = list(opinions_of(consultation))
    counts = response_counts(consultation)
    rows = []
    for n, o in enumerate(opinions, 1):
        section = f"{o.section.number}. {o.section.heading}" if o.section else "Chung"
        rows.append(
            [
                n,
                o.public_author,
                section,
                o.text,
                o.get_response_display() if o.response else "Chưa trả lời",
                o.response_text,
            ]
        )
    body = [
        Paragraph(
            f"Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, Ủy ban nhân dân đã lấy ý kiến về "
            f"dự thảo “{consultation.title}” từ ngày {consultation.opens_on:%d/%m/%Y} đến ngày "
            f"{consultation.closes_on:%d/%m/%Y}. Kết quả tổng hợp, tiếp thu, giải trình như sau:"
        ),
        Heading("I. KẾT QUẢ LẤY Ý KIẾN"),
        Paragraph(
            f"- Tổng số ý kiến: {counts['total']}; tiếp thu: {counts.get('adopted', 0)}; "
            f"tiếp thu một phần: {counts.get('partly', 0)}; giải trình: "
            f"{counts.get('explained', 0)}; chưa trả lời: {counts.get('waiting', 0)}."
        ),
        Heading("II. TIẾP THU, GIẢI TRÌNH"),
        Table(
            header=[
                "TT",
                "Người/tổ chức góp ý",
                "Mục",
                "Nội dung ý kiến",
                "Tiếp thu",
                "Giải trình",
            ],
            rows=rows,
            col_widths_mm=[10, 30, 25, 45, 22, 33],
        ),
    ]
    return OfficialDocument(
        layout=STATE,
        issuer_parent=parent_line,
        issuer=issuer,
        number=None,
        type_code="BC",
        issuer_code="UBND",
        place=unit.short_name,
        date=day or timezone.localdate(),
        kind_title="BÁO CÁO",
        subject="Tổng hợp, tiếp thu, giải trình ý kiến góp ý "
        + (
            consultation.title
            if fold(consultation.title).startswith("du thao")
            else f"dự thảo {consultation.title}"
        ),
        body=body,
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        recipients=["- Thường trực Đảng ủy, HĐND;", "- Ủy ban MTTQ;", "- Lưu: VT."],
    )


def minutes_document(decision: VillageDecision, day: dt.date | None = None) -> OfficialDocument:
    """Dated the day of the vote; in Vietnamese whatever the official's screen language.

    Biên bản: the village's decision, with the arithmetic of the rule."""
    village = decision.village
    commune = village.parent
    outcome = decision_outcome(decision)
    body = [
        Paragraph(
            f"Ngày {decision.closes_on:%d/%m/%Y}, tại {village.name}, {commune.name}, đại diện các hộ "
            f"gia đình đã bàn và biểu quyết về "
            f"việc: {decision.title}. Hình thức: {decision.get_method_display()}."
        ),
    ]
    if decision.description:
        body.append(Paragraph(decision.description))
    members = list(decision.counting_committee.all())
    if members:
        body.append(Heading("Tổ kiểm phiếu", level=2))
        body.extend(Paragraph(f"- {m.name}{', ' + m.role if m.role else ''}") for m in members)
    body.append(Heading("Kết quả", level=2))
    if outcome is None:
        body.append(Paragraph("Chưa có kết quả."))
    else:
        body.extend(Paragraph(line) for line in outcome.lines)
        body.append(
            Table(
                header=["Phương án", "Số phiếu/biểu quyết", "Cách tính", "Kết quả"],
                rows=[
                    [o.text, o.votes, o.arithmetic, "Thông qua" if o.passes else "Không thông qua"]
                    for o in outcome.options
                ],
                col_widths_mm=[45, 25, 65, 30],
            )
        )
    return OfficialDocument(
        layout=STATE,
        issuer_parent=commune.name.upper(),
        issuer=village.name.upper(),
        number=None,
        type_code="BB",
        issuer_code="KP" if fold(village.kind).startswith("khu pho") else "TH",
        place=commune.short_name,
        date=day or decision.closes_on,
        kind_title="BIÊN BẢN",
        subject=f"Hội nghị hộ gia đình bàn và quyết định: {decision.title}",
        body=body,
        signer_title="TRƯỞNG THÔN, KHU PHỐ",
        recipients=["- UBND " + commune.name + ";", "- Lưu."],
    )


# --- Village decisions ---------------------------------------------------------------------------


def staff_decisions(user):
    return VillageDecision.objects.filter(
        permissions.scope_q(user, "participation.manage", "village__path")
    ).select_related("village__parent")


def public_decisions():
    return VillageDecision.objects.filter(
        state__in=[VillageDecision.State.OPEN, VillageDecision.State.PUBLISHED]
    ).select_related("village__parent")


def recognition_tasks(user):
    return RecognitionTask.objects.filter(
        permissions.scope_q(user, "participation.recognize", "commune__path")
    ).select_related("decision__village")


# --- Campaigns -----------------------------------------------------------------------------------


def campaign_progress(campaign: Campaign) -> list[dict]:
    """Per village: pledged and contributed money and labour days, in one query."""
    rows = (
        Contribution.objects.filter(campaign=campaign)
        .values("village_id", "kind")
        .annotate(money=Sum("money"), labour=Sum("labour_days"), n=Count("id"))
    )
    by_village: dict[int, dict] = {}
    for v in campaign.villages.all().order_by("path"):
        by_village[v.pk] = {
            "village": v,
            "pledged_money": 0,
            "pledged_labour": 0,
            "money": 0,
            "labour": 0,
            "households": 0,
        }
    for r in rows:
        row = by_village.get(r["village_id"])
        if row is None:
            continue
        if r["kind"] == Contribution.Kind.PLEDGE:
            row["pledged_money"] += r["money"] or 0
            row["pledged_labour"] += r["labour"] or 0
        else:
            row["money"] += r["money"] or 0
            row["labour"] += r["labour"] or 0
            row["households"] += r["n"]
    return list(by_village.values())


def campaign_totals(campaign: Campaign) -> dict:
    progress = campaign_progress(campaign)
    totals = {
        key: sum(r[key] for r in progress)
        for key in ("pledged_money", "pledged_labour", "money", "labour", "households")
    }
    totals["money_pct"] = (
        round(100 * totals["money"] / campaign.target_money, 1) if campaign.target_money else None
    )
    totals["labour_pct"] = (
        round(100 * totals["labour"] / campaign.target_labour_days, 1)
        if campaign.target_labour_days
        else None
    )
    return totals


def campaign_disclosure_rows(campaign: Campaign) -> tuple[list[str], list[list]]:
    """What the disclosure register publishes about a campaign: header and rows.

    When the commune hides household amounts, the rows are per village (totals only) and name no
    household; otherwise one row per contribution with the household's name and amounts."""
    if campaign.hide_household_amounts:
        header = [
            _("Village"),
            _("Households contributing"),
            _("Money (VND)"),
            _("Labour days"),
        ]
        rows = [
            [r["village"].name, r["households"], r["money"], r["labour"]]
            for r in campaign_progress(campaign)
        ]
        return header, rows
    header = [
        _("Date"),
        _("Village"),
        _("Household"),
        _("Money (VND)"),
        _("Labour days"),
        _("Materials"),
    ]
    rows = [
        [c.on_date, c.village.name, c.household_name, c.money, c.labour_days, c.materials]
        for c in campaign.contributions.filter(kind=Contribution.Kind.CONTRIBUTION)
        .select_related("village")
        .order_by("on_date", "id")
    ]
    return header, rows


def public_campaigns():
    return Campaign.objects.select_related("unit")


def staff_campaigns(user):
    return Campaign.objects.filter(
        permissions.scope_q(user, "participation.manage", "unit__path")
    ).select_related("unit")


# --- The Fatherland Front ------------------------------------------------------------------------


def joint_recommendations(user):
    """Recommendations the user may see: the responsible body's officials and the Front."""
    return Recommendation.objects.filter(
        permissions.scope_q(user, "participation.joint_view", "scope_path")
    ).select_related("report__body", "responsible")


def joint_summary(user, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    qs = joint_recommendations(user)
    return qs.aggregate(
        asked=Count("id"),
        answered=Count("id", filter=Q(state=Recommendation.State.ANSWERED)),
        answered_late=Count(
            "id",
            filter=Q(state=Recommendation.State.ANSWERED, answered_on__gt=F("due_on")),
        ),
        late=Count("id", filter=~Q(state=Recommendation.State.ANSWERED) & Q(due_on__lt=today)),
    )


# --- Figures -------------------------------------------------------------------------------------


def participation_figures(unit: AdminUnit, start: dt.date, end: dt.date) -> list[Figure]:
    opinions = Opinion.objects.filter(
        consultation__unit__path__startswith=unit.path,
        consultation__closes_on__range=(start, end),
    ).aggregate(total=Count("id"), answered=Count("id", filter=~Q(response="")))
    recs = Recommendation.objects.filter(
        scope_path__startswith=unit.path, due_on__range=(start, end)
    ).aggregate(
        total=Count("id"),
        on_time=Count(
            "id",
            filter=Q(state=Recommendation.State.ANSWERED, answered_on__lte=F("due_on")),
        ),
    )
    campaigns = Campaign.objects.filter(
        unit__path__startswith=unit.path, starts_on__lte=end, ends_on__gte=start
    )
    target = campaigns.aggregate(t=Sum("target_money"))["t"] or 0
    raised = (
        Contribution.objects.filter(
            campaign__in=campaigns, kind=Contribution.Kind.CONTRIBUTION
        ).aggregate(m=Sum("money"))["m"]
        or 0
    )
    decisions = VillageDecision.objects.filter(
        village__path__startswith=unit.path,
        state=VillageDecision.State.PUBLISHED,
        closes_on__range=(start, end),
    ).count()
    return [
        Figure(
            "participation.opinions_answered",
            _("Opinions on drafts answered"),
            numerator=opinions["answered"],
            denominator=opinions["total"],
            unit="%",
        ),
        Figure(
            "participation.recommendations_answered_on_time",
            _("Front recommendations answered on time"),
            numerator=recs["on_time"],
            denominator=recs["total"],
            unit="%",
        ),
        Figure(
            "participation.campaign_progress",
            _("Campaign money raised against target"),
            numerator=min(raised, target) if target else raised,
            denominator=target,
            unit="%",
        ),
        Figure(
            "participation.village_decisions",
            _("Village decisions published"),
            value=decisions,
        ),
    ]
