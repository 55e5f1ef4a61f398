"""A dialogue conference from the citizen's phone to the kept commitment, in Vietnamese.

A citizen without an account asks a question on a 360 px phone (verifying the phone with a
one-time code) and supports another's; the secretary records that the meeting took place, the
answer and a commitment of the land office, and downloads the minutes; the land official reports
progress with a photo; the citizen's phone receives the news.
"""

import datetime as dt
import importlib
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thanthien.demo.units_people import DEMO_PASSWORD

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}
SHOTS = "/tmp/shots/meetings"
QUESTION = "Đường vào khu phố 3 xuống cấp, mùa mưa ngập lầy. Khi nào thị trấn sửa chữa?"
OTHER = "Rác ở chợ Vân Du không được thu gom hằng ngày, đề nghị tăng tần suất."
CITIZEN_PHONE = "0913000777"


@pytest.fixture
def seeded(transactional_db, settings, tmp_path):
    from django.apps import apps

    settings.MEDIA_ROOT = tmp_path / "media"
    importlib.import_module("thanthien.meetings.migrations.0002_default_rules").add_rules(
        apps, None
    )


def sign_in(browser, live_server, username):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit], form button").last.click()
    expect(page).to_have_url(live_server.url + "/me/")
    return context, page


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def shot(page, name):
    import os

    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def jpeg(path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 140, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_dialogue_journey(live_server, demo, seeded, browser, phone_page, tmp_path):
    from thanthien.core.models import AdminUnit, Body, User
    from thanthien.core.notify import ConsoleSender
    from thanthien.meetings import services
    from thanthien.meetings.models import Commitment, Meeting, Question

    ConsoleSender.outbox.clear()
    van_du = AdminUnit.objects.get(level="commune", code="15190", valid_to__isnull=False)
    clerk = User.objects.get(username="vandu.vanthu")
    start = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    meeting = services.meeting_create(
        actor=clerk,
        unit=van_du,
        organizer=Body.objects.get(unit=van_du, name="UBND thị trấn Vân Du"),
        kind="dialogue",
        title="Hội nghị đối thoại với Nhân dân thị trấn Vân Du",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        place="Hội trường UBND",
        chairs="Lê Văn C - Chủ tịch UBND thị trấn",
    )
    services.meeting_announce(meeting=meeting, actor=clerk)
    other, _ = services.question_submit(
        meeting=Meeting.objects.get(pk=meeting.pk),
        text=OTHER,
        author_name="Bà Hoa",
        phone="0913000104",
    )

    # The citizen, on a phone, without an account.
    page = phone_page
    page.goto(live_server.url + "/meetings/")
    page.get_by_role("link", name=meeting.title).click()
    no_sideways_scroll(page)
    page.get_by_role("link", name="Đặt câu hỏi và ủng hộ câu hỏi").click()
    page.locator("textarea[name=text]").fill(QUESTION)
    page.locator("input[name=author_name]").fill("Ông Hùng, khu phố 3")
    page.locator("input[name=phone]").fill("0913 000 777")
    shot(page, "1-question-form")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_role("heading", name="Xác thực số điện thoại")).to_be_visible()
    code = re.search(r"\b(\d{6})\b", ConsoleSender.outbox[-1].body).group(1)
    page.locator("input[name=code]").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Câu hỏi của bạn đã được gửi")).to_be_visible()
    page.locator(f"[data-support-button='{other.pk}']").click()
    expect(page.locator(f"[data-support='{other.pk}']")).to_have_text("1 người ủng hộ")
    no_sideways_scroll(page)
    shot(page, "2-questions")
    question = Question.objects.get(meeting=meeting, phone=CITIZEN_PHONE)

    # The meeting takes place; the secretary records it on her phone.
    begun = timezone.now() - dt.timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=begun, ends_at=begun + dt.timedelta(hours=3)
    )
    context, secretary = sign_in(browser, live_server, "vandu.vanthu")
    try:
        secretary.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
        secretary.get_by_text("Cuộc họp đã diễn ra").click()
        secretary.locator("input[name=secretary]").fill("Nguyễn Văn A")
        secretary.get_by_role("button", name="Ghi nhận đã họp").click()
        secretary.get_by_role("link", name="Câu hỏi và trả lời").first.click()
        item = secretary.locator(f"#q{question.pk}")
        item.get_by_text("Ghi câu trả lời").click()
        item.locator("textarea[name=answer]").fill(
            "Thị trấn sẽ rải cấp phối tuyến đường trong quý tới."
        )
        item.locator("input[name=answered_by]").fill("Lê Văn C - Chủ tịch UBND thị trấn")
        item.locator("textarea[name=commitment]").fill("Rải cấp phối tuyến đường vào khu phố 3")
        item.locator("select[name=body]").select_option(
            label="Địa chính - Xây dựng thị trấn Vân Du"
        )
        item.locator("input[name=due_date]").fill(
            (timezone.localdate() + dt.timedelta(days=60)).isoformat()
        )
        item.get_by_role("button", name="Lưu câu trả lời").click()
        expect(secretary.locator(f"#q{question.pk}")).to_contain_text("Rải cấp phối")
        no_sideways_scroll(secretary)
        shot(secretary, "3-answered")
        secretary.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
        with secretary.expect_download() as download:
            secretary.get_by_role("link", name="Biên bản (Word)").click()
        path = download.value.path()
        from docx import Document

        minutes = "\n".join(p.text for p in Document(path).paragraphs)
        assert "BIÊN BẢN" in minutes and "khu phố 3" in minutes
    finally:
        context.close()

    # The land official reports progress with a photo.
    commitment = Commitment.objects.get(question=question)
    ConsoleSender.outbox.clear()
    context, official = sign_in(browser, live_server, "vandu.diachinh")
    try:
        official.goto(f"{live_server.url}/staff/meetings/commitments/")
        official.get_by_role("link", name="Rải cấp phối tuyến đường vào khu phố 3").click()
        official.locator("textarea[name=text]").fill("Đã rải xong 200 m đầu tuyến, ảnh kèm theo.")
        official.locator("select[name=state]").select_option("in_progress")
        official.locator("input[name=files]").set_input_files(str(jpeg(tmp_path / "duong.jpg")))
        official.get_by_role("button", name="Lưu").click()
        expect(official.get_by_text("Đã ghi tiến độ")).to_be_visible()
        no_sideways_scroll(official)
        shot(official, "4-progress")
    finally:
        context.close()
    commitment.refresh_from_db()
    assert commitment.state == "in_progress"
    told = [m for m in ConsoleSender.outbox if m.to == CITIZEN_PHONE]
    assert told and "200 m" in told[0].body

    # Anyone can read the commitment's progress on the unit's page.
    page.goto(f"{live_server.url}/meetings/commitments/{commitment.pk}/")
    expect(page.get_by_text("Đã rải xong 200 m")).to_be_visible()
    shot(page, "5-public-commitment")
