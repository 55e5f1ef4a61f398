"""A consultation on a phone, end to end, in Vietnamese.

A citizen comments on a section of a draft village convention from a 360 px phone; the Fatherland
Front sends its formal opinion; the period ends (the test moves the closing day back: time is
controlled, not waited for); the clerk closes it; the land official responds to both opinions;
the synthesis report is downloaded as .docx and PDF; the responses are published and the citizen
reads them.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thanthien.demo.units_people import DEMO_PASSWORD

SHOTS = Path("/tmp/shots/participation")
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}
CITIZEN_TEXT = "Đề nghị quy định giờ để rác trước 19 giờ để xe thu gom kịp."
FRONT_TEXT = "Ủy ban MTTQ thị trấn đề nghị bổ sung việc phân loại rác tại nguồn."


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def consultation(demo):
    from thanthien.core.models import AdminUnit, User
    from thanthien.participation import services

    today = timezone.localdate()
    van_du = AdminUnit.objects.get(level="commune", code="15190", valid_to__isnull=False)
    c = services.consultation_create(
        actor=User.objects.get(username="vandu.vanthu"),
        unit=van_du,
        kind="convention",
        title="Dự thảo Hương ước Khu phố 1",
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=45),  # a convention: at least 30 days of comment
        audiences=["citizens", "fatherland_front"],
        sections=[
            ("Giữ gìn vệ sinh môi trường", "Mỗi hộ thu gom rác vào túi, để đúng nơi quy định."),
            ("Giữ gìn đường làng, ngõ xóm", "Không lấn chiếm lòng đường."),
        ],
    )
    services.consultation_open(consultation=c, actor=User.objects.get(username="vandu.vanthu"))
    return c


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide"


def signed_in(browser, live_server, username):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/me/")
    return context, page


@pytest.mark.django_db(transaction=True)
def test_consultation_on_a_phone(browser, live_server, consultation, media):
    from thanthien.participation.models import Consultation, Opinion

    base = live_server.url
    # 1. The citizen comments on section 2 from the phone.
    context, page = signed_in(browser, live_server, "0912000001")
    page.goto(f"{base}/participation/")
    page.get_by_role("link", name="Dự thảo Hương ước Khu phố 1").click()
    expect(page.locator("h1")).to_have_text("Dự thảo Hương ước Khu phố 1")
    no_sideways_scroll(page)
    shot(page, "01-draft-on-phone")
    page.locator("#section-1").get_by_role("link", name="Góp ý mục này").click()
    page.locator("textarea[name=text]").fill(CITIZEN_TEXT)
    shot(page, "02-comment-form")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Ý kiến của bạn đã được tiếp nhận")
    context.close()
    opinion = Opinion.objects.get(text=CITIZEN_TEXT)
    assert opinion.section.number == 1

    # 2. The Fatherland Front sends its formal opinion.
    context, page = signed_in(browser, live_server, "vandu.mttq")
    page.goto(f"{base}/participation/drafts/{consultation.pk}/")
    page.get_by_role("link", name="Ý kiến chính thức của tổ chức").click()
    page.locator("textarea[name=text]").fill(FRONT_TEXT)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Đã tiếp nhận ý kiến của tổ chức")
    context.close()
    assert Opinion.objects.get(text=FRONT_TEXT).body.kind == "fatherland_front"

    # 3. The period ends (moved back, not waited for); the clerk closes it.
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    context, page = signed_in(browser, live_server, "vandu.vanthu")
    page.goto(f"{base}/staff/participation/drafts/{consultation.pk}/")
    page.get_by_role("button", name="Kết thúc lấy ý kiến").click()
    expect(page.locator(".state").first).to_contain_text("đang tiếp thu, giải trình")
    context.close()

    # 4. The land official responds to both opinions and gets the synthesis report.
    context, page = signed_in(browser, live_server, "vandu.diachinh")
    page.goto(f"{base}/staff/participation/drafts/{consultation.pk}/")
    citizen_item = page.locator(f"#opinion-{opinion.pk}")
    citizen_item.locator("select[name=response]").select_option("adopted")
    citizen_item.get_by_role("button", name="Lưu tiếp thu, giải trình").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu tiếp thu, giải trình")
    front_item = page.locator(f"#opinion-{Opinion.objects.get(text=FRONT_TEXT).pk}")
    front_item.locator("select[name=response]").select_option("partly")
    front_item.locator("textarea[name=text]").fill(
        "Tiếp thu việc phân loại rác; lộ trình do UBND quy định."
    )
    front_item.get_by_role("button", name="Lưu tiếp thu, giải trình").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu tiếp thu, giải trình")
    no_sideways_scroll(page)
    shot(page, "03-staff-responses")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Báo cáo tổng hợp, tiếp thu, giải trình (.docx)").click()
    docx = Path(download_info.value.path()).read_bytes()
    assert docx[:2] == b"PK"
    assert download_info.value.suggested_filename.endswith(".docx")
    response = page.request.get(f"{base}/staff/participation/drafts/{consultation.pk}/report.pdf")
    assert response.body()[:4] == b"%PDF"
    page.get_by_role("button", name="Công khai tiếp thu, giải trình").click()
    expect(page.locator(".state").first).to_contain_text("đã công khai")
    context.close()

    # 5. Anyone reads the responses on a phone.
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{base}/participation/drafts/{consultation.pk}/")
    expect(page.locator("table")).to_contain_text("lộ trình do UBND quy định")
    expect(page.locator("table")).to_contain_text("Ủy ban MTTQ Việt Nam thị trấn Vân Du")
    no_sideways_scroll(page)
    shot(page, "04-published-responses")
    context.close()
    import io

    from docx import Document

    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(docx)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert CITIZEN_TEXT in text and FRONT_TEXT in text
