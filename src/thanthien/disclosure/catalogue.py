"""The default catalogue of disclosure categories and required disclosures (LEGAL.md: Law on
Grassroots Democracy 2022, Art. 11; forms Art. 12–13). Loaded by migration 0001; an administrator
edits it afterwards. Deadlines marked "unverified" are defaults to be confirmed locally."""

CATEGORIES = [
    # code, name, group, posting days, loudspeaker days, order
    (
        "socio-economic-plan",
        "Kế hoạch và kết quả phát triển kinh tế - xã hội",
        "Điều 11 khoản 1",
        30,
        0,
        10,
    ),
    ("budget-estimate", "Dự toán ngân sách", "Điều 11 khoản 2 — tài chính, ngân sách", 30, 0, 20),
    (
        "budget-execution",
        "Tình hình thực hiện ngân sách (quý, 6 tháng, năm)",
        "Điều 11 khoản 2 — tài chính, ngân sách",
        30,
        0,
        30,
    ),
    (
        "budget-settlement",
        "Quyết toán ngân sách",
        "Điều 11 khoản 2 — tài chính, ngân sách",
        30,
        0,
        40,
    ),
    (
        "audit-followup",
        "Thực hiện kiến nghị của kiểm toán",
        "Điều 11 khoản 2 — tài chính, ngân sách",
        30,
        0,
        50,
    ),
    (
        "investment-projects",
        "Dự án đầu tư, tiến độ thực hiện",
        "Điều 11 khoản 3 — đầu tư, đất đai",
        30,
        0,
        60,
    ),
    (
        "land-recovery",
        "Thu hồi đất, bồi thường, hỗ trợ, tái định cư",
        "Điều 11 khoản 3 — đầu tư, đất đai",
        30,
        3,
        70,
    ),
    (
        "land-use-plan",
        "Quy hoạch, kế hoạch sử dụng đất",
        "Điều 11 khoản 3 — đầu tư, đất đai",
        30,
        0,
        80,
    ),
    (
        "resident-contributions",
        "Các khoản huy động, đóng góp của Nhân dân",
        "Điều 11 — đóng góp của Nhân dân",
        30,
        3,
        90,
    ),
    (
        "inspection-results",
        "Kết quả thanh tra, kiểm tra, xử lý vi phạm",
        "Điều 11 — thanh tra, kỷ luật",
        30,
        0,
        100,
    ),
    ("other", "Nội dung công khai khác", "", 30, 0, 200),
]

REQUIREMENTS = [
    # category, name, frequency, reference, days, source
    (
        "socio-economic-plan",
        "Kế hoạch phát triển kinh tế - xã hội năm",
        "annual",
        "start",
        30,
        "Luật 10/2022/QH15 Điều 11 (hạn: chưa xác minh)",
    ),
    (
        "budget-estimate",
        "Dự toán ngân sách năm đã được HĐND quyết định",
        "annual",
        "start",
        30,
        "Luật 10/2022/QH15 Điều 11; TT 343/2016/TT-BTC (hạn: chưa xác minh)",
    ),
    (
        "budget-execution",
        "Tình hình thực hiện dự toán ngân sách quý",
        "quarterly",
        "end",
        15,
        "TT 343/2016/TT-BTC (hạn: chưa xác minh)",
    ),
    (
        "budget-settlement",
        "Quyết toán ngân sách năm trước",
        "annual",
        "end",
        210,
        "TT 343/2016/TT-BTC (hạn: chưa xác minh)",
    ),
]


def load_catalogue(apps, schema_editor) -> None:
    Category = apps.get_model("disclosure", "Category")
    Requirement = apps.get_model("disclosure", "Requirement")
    for code, name, group, posting, loudspeaker, order in CATEGORIES:
        Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "group": group,
                "posting_days": posting,
                "loudspeaker_days": loudspeaker,
                "order": order,
            },
        )
    for code, name, frequency, reference, days, source in REQUIREMENTS:
        Requirement.objects.get_or_create(
            category=Category.objects.get(code=code),
            name=name,
            defaults={
                "frequency": frequency,
                "reference": reference,
                "due_days": days,
                "source": source,
            },
        )
