"""Participation in Vân Du town in 2023, as history, made through the real services: a draft
village convention under consultation and its revised version, a road vote by household
representatives, a road-concrete campaign with pledges and contributions, and a Fatherland Front
supervision report with its recommendations.

Idempotent: each record is looked up by its title first and only made when missing. People are
placeholders; nobody real is named.
"""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from thanthien.core.models import AdminUnit, Body
from thanthien.participation import services
from thanthien.participation.models import Campaign, Consultation, FrontReport, VillageDecision

from ._helpers import PILOT_CODE, Today, committee, legacy_unit, story, user
from .units_people import DEMO_CITIZEN

CONVENTION_TITLE = "Dự thảo Hương ước Khu phố 1, thị trấn Vân Du (sửa đổi năm 2023)"
CONVENTION_SECTIONS = [
    (
        "Giữ gìn vệ sinh môi trường",
        "Mỗi hộ gia đình thu gom rác vào túi, để đúng nơi quy định.\n"
        "Không đổ rác, xác động vật xuống kênh mương.",
    ),
    (
        "Giữ gìn đường làng, ngõ xóm",
        "Không lấn chiếm lòng đường, hành lang đường để kinh doanh, đổ vật liệu.\n"
        "Các hộ có trách nhiệm trồng và chăm sóc cây xanh trước nhà.",
    ),
    (
        "Việc cưới, việc tang",
        "Tổ chức cưới văn minh, tiết kiệm; không dùng loa công suất lớn sau 22 giờ.\n"
        "Việc tang không rải vàng mã trên đường.",
    ),
]
REVISED_SECTIONS = [
    (
        "Giữ gìn vệ sinh môi trường",
        "Mỗi hộ gia đình phân loại và thu gom rác vào túi, để đúng nơi quy định trước 19 giờ.\n"
        "Không đổ rác, xác động vật xuống kênh mương.",
    ),
    CONVENTION_SECTIONS[1],
    (
        "Việc cưới, việc tang",
        "Tổ chức cưới văn minh, tiết kiệm; không dùng loa công suất lớn sau 22 giờ.\n"
        "Việc tang không rải vàng mã trên đường; hạn chế dùng nhạc tang sau 21 giờ.",
    ),
]
VOTE_TITLE = "Đóng góp bê tông hóa đường trục Khu phố 1 (mức 500.000 đồng/hộ)"
CAMPAIGN_TITLE = "Vận động bê tông hóa đường giao thông nông thôn năm 2023"
REPORT_TITLE = "Giám sát việc giải quyết phản ánh, kiến nghị của Nhân dân 6 tháng đầu năm 2023"
HOUSEHOLDS = [
    (f"KP1-{n:02d}", name, name)
    for n, name in enumerate(
        [
            "Nguyễn Văn An",
            "Lê Thị Bình",
            "Trần Văn Cường",
            "Phạm Thị Dung",
            "Hoàng Văn Em",
            "Vũ Thị Giang",
            "Đỗ Văn Hải",
            "Bùi Thị Hoa",
            "Ngô Văn Hùng",
            "Đặng Thị Lan",
            "Trịnh Văn Long",
            "Lý Thị Mai",
            "Mai Văn Nam",
            "Cao Thị Oanh",
            "Tạ Văn Phúc",
            "Hà Thị Quế",
            "Đinh Văn Sơn",
            "Lương Thị Tâm",
            "Quách Văn Thắng",
            "Lại Thị Uyên",
        ],
        start=1,
    )
]


def _households_csv() -> SimpleUploadedFile:
    buffer = io.StringIO()
    buffer.write("Số hộ,Chủ hộ,Người đại diện\n")
    for code, head, rep in HOUSEHOLDS:
        buffer.write(f"{code},{head},{rep}\n")
    return SimpleUploadedFile("ho-kp1.csv", buffer.getvalue().encode("utf-8"))


def _consultation(van_du, clerk, handler, mttq, citizen) -> Consultation:
    existing = Consultation.objects.filter(title=CONVENTION_TITLE, version=1).first()
    if existing:
        return existing
    opens, closes = dt.date(2023, 5, 2), dt.date(2023, 6, 1)
    village = AdminUnit.objects.get(parent=van_du, short_name="1")
    c = services.consultation_create(
        actor=clerk,
        unit=van_du,
        kind=Consultation.Kind.CONVENTION,
        title=CONVENTION_TITLE,
        summary="Lấy ý kiến Nhân dân Khu phố 1 và Ủy ban MTTQ thị trấn về dự thảo hương ước.",
        opens_on=opens,
        closes_on=closes,
        audiences=[Consultation.Audience.VILLAGES, Consultation.Audience.FRONT],
        target_units=[village],
        sections=CONVENTION_SECTIONS,
    )
    services.consultation_open(consultation=c, actor=clerk)
    s1, _s2, s3 = c.sections.all()
    day = dt.date(2023, 5, 10)
    a, _ = services.opinion_submit_citizen(
        consultation=c,
        section=s1,
        text="Đề nghị quy định giờ để rác trước 19 giờ để xe thu gom kịp.",
        user=citizen,
        today=day,
    )
    b, _ = services.opinion_submit_citizen(
        consultation=c,
        section=s3,
        text="Nên cấm hẳn nhạc tang sau 21 giờ.",
        verified_phone="0987000111",
        name="Hà Thị Quế",
        today=day,
    )
    f, _ = services.opinion_submit_organization(
        consultation=c,
        actor=mttq,
        section=s1,
        text="Ủy ban MTTQ thị trấn đề nghị bổ sung việc phân loại rác tại nguồn.",
        today=dt.date(2023, 5, 25),
    )
    m, _ = services.opinion_enter(
        consultation=c,
        actor=clerk,
        source="meeting",
        source_note="Hội nghị Khu phố 1 ngày 20/5/2023",
        author_name="Trần Văn Cường",
        text="Đề nghị miễn đóng góp cho hộ nghèo.",
    )
    services.consultation_close(consultation=c, actor=clerk, today=closes + dt.timedelta(days=1))
    services.opinion_respond(opinion=a, actor=handler, response="adopted", text="")
    services.opinion_respond(
        opinion=b,
        actor=handler,
        response="partly",
        text="Hạn chế (không cấm hẳn) nhạc tang sau 21 giờ, vì phong tục của một số gia đình.",
    )
    services.opinion_respond(opinion=f, actor=handler, response="adopted", text="")
    services.opinion_respond(
        opinion=m,
        actor=handler,
        response="explained",
        text="Hương ước không quy định khoản đóng góp; việc miễn giảm do hội nghị khu phố quyết định.",
    )
    services.consultation_publish(consultation=c, actor=handler)
    services.consultation_new_version(
        consultation=c, actor=handler, sections=REVISED_SECTIONS, on=dt.date(2023, 6, 20)
    )
    return c


def _decision(van_du, clerk, chairman) -> VillageDecision:
    existing = VillageDecision.objects.filter(title=VOTE_TITLE).first()
    if existing:
        return existing
    village = AdminUnit.objects.get(parent=van_du, short_name="1")
    day = dt.date(2023, 6, 10)
    decision = services.decision_create(
        actor=clerk,
        village=village,
        title=VOTE_TITLE,
        description="Làm 650 m đường bê tông trục chính Khu phố 1; Nhà nước hỗ trợ xi măng.",
        method=VillageDecision.Method.HANDS,
        opens_on=day,
        closes_on=day,
        options=["Đồng ý mức 500.000 đồng/hộ", "Không đồng ý"],
        needs_recognition=True,
    )
    services.households_import(decision=decision, actor=clerk, upload=_households_csv())
    services.decision_open(decision=decision, actor=clerk)
    services.hands_result_enter(
        decision=decision, actor=clerk, participants=17, votes={1: 14, 2: 3}, today=day
    )
    services.decision_publish(decision=decision, actor=clerk)
    services.recognition_decide(
        task=decision.recognition, actor=chairman, recognized=True, note="Công nhận."
    )
    return decision


def _campaign(van_du, clerk, citizen) -> Campaign:
    existing = Campaign.objects.filter(title=CAMPAIGN_TITLE).first()
    if existing:
        return existing
    villages = list(AdminUnit.objects.filter(parent=van_du, level="village").order_by("path")[:3])
    campaign = services.campaign_create(
        actor=clerk,
        unit=van_du,
        title=CAMPAIGN_TITLE,
        goal="Bê tông hóa 2,5 km đường khu phố, Nhà nước hỗ trợ xi măng, Nhân dân góp tiền và ngày công.",
        starts_on=dt.date(2023, 4, 1),
        ends_on=dt.date(2023, 12, 31),
        villages=villages,
        target_money=300_000_000,
        target_labour_days=600,
        target_materials="Cát, đá, xi măng",
        hide_household_amounts=True,
    )
    entries = [
        (0, "Hộ ông Nguyễn Văn An", "pledge", 1_000_000, 4, dt.date(2023, 4, 10)),
        (0, "Hộ ông Nguyễn Văn An", "contribution", 1_000_000, 4, dt.date(2023, 6, 20)),
        (0, "Hộ bà Lê Thị Bình", "contribution", 500_000, 2, dt.date(2023, 6, 21)),
        (1, "Hộ ông Tạ Văn Phúc", "pledge", 2_000_000, 0, dt.date(2023, 4, 15)),
        (1, "Hộ ông Tạ Văn Phúc", "contribution", 1_500_000, 3, dt.date(2023, 7, 2)),
        (2, "Hộ bà Cao Thị Oanh", "contribution", 300_000, 5, dt.date(2023, 7, 5)),
    ]
    for n, (i, name, kind, money, labour, day) in enumerate(entries):
        services.contribution_record(
            campaign=campaign,
            village=villages[i],
            household_name=name,
            kind=kind,
            money=money,
            labour_days=labour,
            on_date=day,
            actor=clerk,
            submission_key=f"demo-campaign-{n}",
        )
    services.contribution_record(
        campaign=campaign,
        village=villages[0],
        household_name="Hộ bà Đỗ Thị K",
        kind="pledge",
        money=700_000,
        on_date=dt.date(2023, 5, 1),
        citizen=citizen,
        submission_key="demo-campaign-citizen",
    )
    # The commune posts the contributions in its disclosure register (village totals only).
    services.campaign_disclose(campaign=campaign, actor=clerk, on=dt.date(2023, 7, 10))
    return campaign


def _front(van_du, mttq, handler, chairman) -> FrontReport:
    existing = FrontReport.objects.filter(title=REPORT_TITLE).first()
    if existing:
        return existing
    ubnd = committee(van_du)
    land = Body.objects.get(unit=van_du, name__startswith="Địa chính")
    start = dt.date(2023, 7, 3)
    report, _ = services.front_report_submit(
        actor=mttq,
        unit=van_du,
        kind=FrontReport.Kind.SUPERVISION,
        title=REPORT_TITLE,
        findings="Qua giám sát, còn 3 phản ánh về đất đai quá hạn trả lời; việc công khai kết "
        "quả giải quyết tại nhà văn hóa khu phố chưa thường xuyên.",
        recommendations=[
            ("Trả lời dứt điểm 3 phản ánh đất đai quá hạn.", land, 10),
            ("Niêm yết kết quả giải quyết phản ánh tại nhà văn hóa các khu phố.", ubnd, 15),
            ("Bố trí lịch tiếp công dân của Chủ tịch vào sáng thứ Năm hằng tuần.", ubnd, 5),
        ],
        today=start,
    )
    first, second, third = report.recommendations.all()
    services.recommendation_update(
        recommendation=first,
        actor=handler,
        state="answered",
        answer="Đã trả lời 3 phản ánh ngày 12/7/2023.",
        today=dt.date(2023, 7, 12),
    )
    services.recommendation_update(recommendation=second, actor=chairman, state="in_progress")
    # The third stays open, past its deadline: the joint page shows it late.
    return report


@story
def load(today: Today) -> str:
    van_du = legacy_unit(PILOT_CODE)
    clerk, handler = user("vandu.vanthu"), user("vandu.diachinh")
    chairman, mttq, citizen = user("vandu.chutich"), user("vandu.mttq"), user(DEMO_CITIZEN)
    c = _consultation(van_du, clerk, handler, mttq, citizen)
    d = _decision(van_du, clerk, chairman)
    k = _campaign(van_du, clerk, citizen)
    r = _front(van_du, mttq, handler, chairman)
    return (
        f"consultation #{c.pk} ({c.opinions.count()} opinions), "
        f"village decision #{d.pk}, campaign #{k.pk}, "
        f"Front report #{r.pk} ({r.recommendations.count()} recommendations)"
    )
