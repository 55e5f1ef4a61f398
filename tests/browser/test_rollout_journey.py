"""The Mass Mobilization board runs the model from the survey to the final report, in a browser on
a 360 px phone, in Vietnamese: it drafts the 2024 plan from the template, surveys three communes and
scores them, decides the pilot and the replication units, inspects the pilot against the checklist,
holds the final review, proposes and records an award, and downloads the district report."""

import io
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from thanthien.demo.units_people import DEMO_PASSWORD

SHOTS = Path("/tmp/shots/rollout")
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}
SCORES = {  # unit → four criteria (weights 30, 25, 25, 20)
    "Xã Thạch Bình": ["10", "9", "9", "8"],
    "Thị trấn Vân Du": ["8", "8", "7", "9"],
    "Thị trấn Kim Tân": ["6", "7", "6", "5"],
}


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def too_wide(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") > 360


@pytest.mark.django_db(transaction=True)
def test_board_goes_from_survey_to_final_report(live_server, demo, browser):
    from thanthien.demo import rollout

    rollout.load()
    context = browser.new_context(**PHONE, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    wide: list[str] = []

    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill("huyen.bandanvan")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/me/")
    page.get_by_role("link", name="Triển khai mô hình").click()
    expect(page.locator("h1")).to_have_text("Kế hoạch xây dựng mô hình")
    expect(page.locator("#plans")).to_contain_text("149-KH/HU")

    # Draft the 2024 plan from the template: the Party committee's next number in its term.
    page.locator("#issuer").select_option(label="Huyện ủy Thạch Thành")
    page.locator("#issued_on").fill("2024-01-15")
    page.get_by_role("button", name="Soạn kế hoạch").click()
    expect(page.locator("h1")).to_contain_text("150-KH/HU")
    plan_url = page.url
    shot(page, "01-plan")
    wide += ["plan"] if too_wide(page) else []

    # The survey of three communes.
    page.get_by_text("Khảo sát mới").click()
    page.locator("#sv-title").fill("Khảo sát lựa chọn đơn vị năm 2024")
    page.locator("#sv-from").fill("2024-02-01")
    page.locator("#sv-to").fill("2024-02-20")
    for unit in SCORES:
        page.get_by_label(unit, exact=True).check()
    page.get_by_role("button", name="Bắt đầu khảo sát").click()
    expect(page.locator("h1")).to_have_text("Khảo sát lựa chọn đơn vị năm 2024")
    for unit, values in SCORES.items():
        card = page.locator("details.card", has_text=unit)
        card.locator("summary").click()
        for field, value in zip(card.locator("input[inputmode=numeric]").all(), values):
            field.fill(value)
        card.get_by_role("button", name="Lưu điểm").click()
        expect(page.locator(".messages")).to_contain_text(f"Đã lưu điểm của {unit}")
    ranking = page.locator("#ranking tbody tr")
    expect(ranking.nth(0)).to_contain_text("Xã Thạch Bình")
    expect(ranking.nth(0)).to_contain_text("91,0")  # (30×10 + 25×9 + 25×9 + 20×8) / 10
    expect(ranking.nth(2)).to_contain_text("Thị trấn Kim Tân")
    shot(page, "02-survey-ranked")
    wide += ["survey"] if too_wide(page) else []

    # The decision: a missing reason is refused, then the complete decision is recorded.
    page.locator("#pilot").select_option(label="1. Xã Thạch Bình (91,0)")
    page.locator("fieldset", has_text="Đơn vị nhân rộng").get_by_label("Thị trấn Vân Du").check()
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".messages")).to_contain_text("Nêu lý do lựa chọn")
    page.locator("#pilot").select_option(label="1. Xã Thạch Bình (91,0)")
    page.locator("fieldset", has_text="Đơn vị nhân rộng").get_by_label("Thị trấn Vân Du").check()
    page.get_by_label("Lý do chọn Xã Thạch Bình (nếu chọn)").fill("Điểm khảo sát cao nhất.")
    page.get_by_label("Lý do chọn Thị trấn Vân Du (nếu chọn)").fill("Đã có kinh nghiệm năm 2023.")
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".messages")).to_contain_text("Đã quyết định lựa chọn")
    expect(page.locator("#selection")).to_contain_text("mô hình điểm")
    shot(page, "03-selection")

    # The plan now has its places; the timeline runs month by month.
    page.goto(plan_url)
    expect(page.locator("#places")).to_contain_text("Xã Thạch Bình")
    page.get_by_role("link", name="Tiến độ và nhiệm vụ").click()
    expect(page.locator("#timeline")).to_contain_text("Tháng 02/2024")
    expect(page.locator("#timeline")).to_contain_text("Khảo sát lựa chọn đơn vị triển khai.")
    shot(page, "04-timeline")
    wide += ["timeline"] if too_wide(page) else []

    # The inspection of the pilot, against the checklist from the six content areas.
    page.goto(plan_url)
    page.get_by_text("Đợt kiểm tra mới").click()
    page.locator("#ins-unit").select_option(label="Xã Thạch Bình")
    page.locator("#ins-date").fill("2024-06-20")
    page.locator("#ins-team").fill("Hoàng Văn E\nĐại diện UBND huyện")
    page.get_by_role("button", name="Bắt đầu kiểm tra").click()
    expect(page.locator("h1")).to_contain_text("Xã Thạch Bình")
    expect(page.locator(".criterion", has_text="Giải quyết đơn thư")).to_contain_text(
        "trả lời đúng hạn"
    )
    # The disclosure app's own figure, live: the share of required disclosures made on time.
    expect(page.locator(".criterion", has_text="Công khai, minh bạch")).to_contain_text(
        "được công khai đúng hạn"
    )
    for field in page.locator("input[name^=score_]").all():
        field.fill("8")
    page.locator("#findings").fill("Xã triển khai đủ sáu nội dung; cần công khai kịp thời hơn.")
    page.get_by_role("button", name="Lưu và kết luận").click()
    expect(page.locator(".messages")).to_contain_text("Đã kết luận kiểm tra")
    expect(page.locator("main")).to_contain_text("80,0/100")
    page.get_by_text("Thêm kiến nghị").click()
    page.locator("#rec-text").fill("Niêm yết công khai tại nhà văn hóa các thôn")
    page.locator("#rec-due").fill("2024-08-31")
    page.get_by_role("button", name="Thêm", exact=True).last.click()
    expect(page.locator("#recommendations")).to_contain_text("Niêm yết công khai")
    shot(page, "05-inspection")
    wide += ["inspection"] if too_wide(page) else []

    # The final review: ranking, an award proposed and recorded, the district report.
    page.goto(plan_url)
    page.get_by_text("Sơ kết, tổng kết mới").click()
    page.locator("#rv-kind").select_option("final")
    page.locator("#rv-date").fill("2024-11-28")
    page.locator("#rv-from").fill("2024-03-01")
    page.locator("#rv-to").fill("2024-11-30")
    page.locator("#rv-summary").fill("Mô hình được triển khai đúng kế hoạch.")
    page.get_by_role("button", name="Bắt đầu đánh giá").click()
    first = page.locator("#ranking tbody tr").nth(0)
    expect(first).to_contain_text("Xã Thạch Bình")
    expect(first).to_contain_text("80,0")
    page.locator("#aw-unit").select_option(label="Xã Thạch Bình")
    page.locator("#aw-form").fill("Giấy khen của Ban Thường vụ Huyện ủy")
    page.locator("#aw-reason").fill("Dẫn đầu xếp loại năm 2024.")
    page.get_by_role("button", name="Đề nghị", exact=True).click()
    expect(page.locator("#ranking")).to_contain_text("Giấy khen của Ban Thường vụ Huyện ủy")
    page.locator("#decision").fill("Quyết định số 300-QĐ/HU ngày 10/12/2024")
    page.get_by_role("button", name="Ghi nhận đã quyết định").click()
    expect(page.locator(".notice")).to_contain_text("300-QĐ/HU")
    shot(page, "06-review")
    wide += ["review"] if too_wide(page) else []

    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo của huyện (.docx)").click()
    path = download.value.path()
    text = "\n".join(p.text for p in Document(io.BytesIO(Path(path).read_bytes())).paragraphs)
    cells = "\n".join(c.text for t in Document(path).tables for row in t.rows for c in row.cells)
    assert "BÁO CÁO" in text and "Tổng kết xây dựng mô hình" in text
    assert "Kiểm tra ngày 20/06/2024" in text
    assert "Giấy khen của Ban Thường vụ Huyện ủy" in cells
    assert "Quyết định số 300-QĐ/HU" in text
    context.close()
    assert not wide, f"pages wider than the phone: {wide}"
