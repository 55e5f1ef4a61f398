"""2023 in Thạch Thành, as history: a year of disclosures of Vân Du, Kim Tân and Thạch Bình
(plans, a budget estimate and quarterly execution, a land-recovery plan, resident contributions),
some late or missing; notices with loudspeaker schedules; two village conventions. Made through the
services; a second run adds nothing."""

import datetime as dt

from thanthien.core.models import AdminUnit
from thanthien.disclosure import budget, services
from thanthien.disclosure.models import Convention, Disclosure, Notice

from ._helpers import (
    KIM_TAN,
    PILOT_CODE,
    THACH_BINH,
    Today,
    committee,
    legacy_unit,
    moment,
    story,
    user,
)

BUDGET_2023 = [
    ["1", "Thu ngân sách trên địa bàn", 12_450_000_000, None],
    ["2", "Thu bổ sung từ ngân sách cấp trên", 8_320_000_000, None],
    ["3", "Chi đầu tư phát triển", 5_600_000_000, None],
    ["4", "Chi thường xuyên", 11_980_000_000, None],
    ["5", "Chi sự nghiệp giáo dục, đào tạo", 1_150_000_000, None],
    ["6", "Chi sự nghiệp y tế, văn hóa, thể thao", 640_000_000, None],
    ["7", "Dự phòng ngân sách", 380_000_000, None],
]
QUARTER_SHARE = {1: 0.21, 2: 0.26, 3: 0.24}


def _publish(
    where, key, category, title, start, *, year=None, quarter=None, rows=None, summary="", number=""
):
    if Disclosure.objects.filter(source_key=key).exists():
        return 0
    header = budget.BUDGET_HEADER if rows else []
    services.publish_table_disclosure(
        unit=where,
        body=committee(where),
        category_code=category,
        title=title,
        header=header,
        rows=rows or [],
        starts_on=start,
        ends_on=start + dt.timedelta(days=44),
        actor=None,
        source_key=key,
        summary=summary,
        period_year=year,
        period_quarter=quarter,
        document_number=number,
        document_date=start - dt.timedelta(days=10) if number else None,
        document_issuer=f"HĐND {where.name}" if number else "",
    )
    return 1


@story
def load(today: Today) -> str:
    clerk = user("vandu.vanthu")
    van_du, kim_tan, thach_binh = (
        legacy_unit(PILOT_CODE),
        legacy_unit(KIM_TAN),
        legacy_unit(THACH_BINH),
    )
    officials = {THACH_BINH: user("thachbinh.canbo")}
    made = 0
    for unit, delay in ((van_du, 0), (kim_tan, 20), (thach_binh, 45)):
        short = unit.name
        made += _publish(
            unit,
            f"demo:{unit.code}:estimate:2023",
            "budget-estimate",
            f"Dự toán ngân sách 2023 của {short}",
            dt.date(2023, 1, 6) + dt.timedelta(days=delay),
            year=2023,
            rows=[r[:] for r in BUDGET_2023],
            number="12/NQ-HĐND",
            summary=f"Dự toán thu, chi ngân sách năm 2023 của {short} đã được HĐND quyết định.",
        )
        made += _publish(
            unit,
            f"demo:{unit.code}:plan:2023",
            "socio-economic-plan",
            f"Kế hoạch phát triển kinh tế - xã hội năm 2023 của {short}",
            dt.date(2023, 1, 10),
            year=2023,
            summary="Tăng thu nhập bình quân, hoàn thành các tiêu chí đô thị văn minh.",
        )
        for quarter, share in QUARTER_SHARE.items():
            if unit == thach_binh and quarter == 3:
                continue  # missing: the compliance view shows it
            start = dt.date(2023, 3 * quarter + 1, 10) + dt.timedelta(days=delay)
            rows = [
                [c, item, planned, int(planned * share * (1 + 0.03 * i))]
                for i, (c, item, planned, _a) in enumerate(BUDGET_2023)
            ]
            made += _publish(
                unit,
                f"demo:{unit.code}:execution:2023q{quarter}",
                "budget-execution",
                f"Tình hình thực hiện ngân sách quý {quarter}/2023 của {short}",
                start,
                year=2023,
                quarter=quarter,
                rows=rows,
            )
    made += _publish(
        van_du,
        "demo:15190:land:2023",
        "land-recovery",
        "Phương án bồi thường, hỗ trợ thu hồi đất mở rộng đường Nguyễn Trãi, khu phố 3",
        dt.date(2023, 5, 15),
        year=2023,
        summary="Thu hồi 1,2 ha đất của 18 hộ gia đình; đơn giá bồi thường theo Quyết định 44/2019 của UBND tỉnh.",
    )
    made += _publish(
        van_du,
        "demo:15190:contributions:2023",
        "resident-contributions",
        "Công khai các khoản đóng góp làm đường giao thông nông thôn khu phố 2 năm 2023",
        dt.date(2023, 8, 1),
        year=2023,
        rows=[
            ["1", "Hộ gia đình đóng góp (126 hộ)", 378_000_000, 365_500_000],
            ["2", "Ngân sách thị trấn hỗ trợ", 250_000_000, 250_000_000],
        ],
    )
    notices = [
        (
            van_du,
            "schedule",
            "Lịch tiếp công dân tháng 6/2023",
            "Chủ tịch UBND thị trấn tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở UBND.",
            dt.date(2023, 6, 1),
        ),
        (
            van_du,
            "warning",
            "Cảnh báo mưa lớn, lũ quét cuối tháng 9/2023",
            "Các khu phố chủ động kiểm tra, di dời hộ dân ở khu vực trũng thấp ven sông Bưởi.",
            dt.date(2023, 9, 25),
        ),
        (
            thach_binh,
            "policy",
            "Tuyên truyền chính sách bảo hiểm y tế hộ gia đình 2023",
            "Từ 1/7/2023 mức đóng bảo hiểm y tế hộ gia đình thay đổi theo mức lương cơ sở mới.",
            dt.date(2023, 7, 3),
        ),
    ]
    for unit, kind, title, text, day in notices:
        key = f"demo:notice:{unit.code}:{day.isoformat()}"
        if Notice.objects.filter(submission_key=key).exists():
            continue
        moments = [moment(day + dt.timedelta(days=i), 6, 30) for i in range(3)]
        services.notice_create(
            unit=unit,
            kind=kind,
            title=title,
            text=text,
            published_on=day,
            actor=clerk if unit == van_du else officials[unit.code],
            loudspeaker_script=text,
            broadcasts=moments,
            submission_key=key,
            send=False,
        )
        made += 1
    villages = list(AdminUnit.objects.filter(parent=van_du, level="village").order_by("path")[:2])
    texts = [
        (
            "Hương ước khu phố 1",
            "Chương I. Quy định chung. Điều 1: Mọi người dân trong khu phố giữ gìn vệ sinh môi trường, không đổ rác ra đường, tham gia tổng vệ sinh sáng Chủ nhật cuối tháng.",
        ),
        (
            "Quy ước khu phố 2",
            "Điều 1: Tổ chức việc cưới, việc tang văn minh, tiết kiệm; không sử dụng loa công suất lớn sau 22 giờ. Điều 2: Khuyến khích hỏa táng.",
        ),
    ]
    admin = user("vandu.chutich")
    for village, (title, text) in zip(villages, texts, strict=False):
        if Convention.objects.filter(village=village, title=title).exists():
            continue
        convention = services.convention_create(
            village=village, title=title, text=text, actor=admin
        )
        services.convention_change(convention=convention, status="consultation", actor=admin)
        if village == villages[0]:
            services.convention_change(
                convention=convention,
                status="recognized",
                actor=admin,
                decision_number="45/QĐ-UBND",
                decision_date=dt.date(2023, 4, 20),
            )
        made += 1
    return f"disclosure: {made} records added ({Disclosure.objects.count()} disclosures, {Notice.objects.count()} notices, {Convention.objects.count()} conventions)"
