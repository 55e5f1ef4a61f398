"""The whole journey of a petition in a browser, in Vietnamese.

A citizen sends a petition from a 360 px phone and gets a tracking code; the commune's land and
construction official accepts it, starts handling it and answers with a photo; the answer waits for
the chairman (the demo unit's policy: a leader approves a handler's answer), who approves it; the
citizen opens the tracking page, sees the answer and the photo, and rates it 5/5.
"""

import importlib
import io
import re

import pytest
from playwright.sync_api import expect

from thanthien.demo.units_people import DEMO_PASSWORD

PHONE_WIDTH = 360
# The official's phone: as conftest's PHONE (its folder is no package, so it is not imported).
PHONE = {
    "viewport": {"width": PHONE_WIDTH, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}

TITLE = "Đèn đường khu phố 2 bị hỏng"
CONTENT = (
    "Đèn đường ở đầu ngõ khu phố 2, gần nhà văn hóa, đã tắt gần một tháng. "
    "Buổi tối trẻ em đi học về rất tối, xin chính quyền sớm sửa chữa."
)
ANSWER = (
    "Ngày hôm nay, tổ điện của thị trấn đã thay bóng đèn và dây dẫn. "
    "Đèn đã sáng trở lại, ảnh chụp kèm theo. Cảm ơn ông đã phản ánh."
)
RATING_COMMENT = "Cảm ơn cán bộ thị trấn, sửa rất nhanh."
CODE_RE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")


@pytest.fixture
def petition_fields(transactional_db):
    """The fields and deadline rules a data migration seeds: a transactional test's flush drops them."""
    from django.apps import apps

    seed = importlib.import_module("thanthien.petitions.migrations.0002_fields_and_deadline_rules")
    seed.forwards(apps, None)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def assert_no_horizontal_scroll(page, width=PHONE_WIDTH):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def sign_in(browser, live_server, username, context_options):
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/me/")
    return context, page


def english_left(page, where, phrases, found):
    """Note the English phrases still on the page; the test fails on them at the end, after the
    rest of the journey has run, so one run lists every untranslated page."""
    text = page.locator("body").inner_text()
    found.extend(f"{where} ({page.url}): {phrase!r}" for phrase in phrases if phrase in text)


def expect_done(page):
    """After an action the detail page shows a success message, not an error."""
    expect(page.locator("main .messages li.success")).to_be_visible()
    expect(page.locator("main .errors")).to_have_count(0)


def jpeg(path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (40, 90, 160))
    ImageDraw.Draw(image).rectangle((120, 40, 200, 200), fill=(250, 220, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.django_db(transaction=True)
def test_petition_journey_in_vietnamese(
    live_server, demo, petition_fields, media, browser, phone_page, screenshot, tmp_path
):
    citizen = phone_page
    untranslated: list[str] = []

    # 1. The citizen sends a petition from a phone.
    citizen.goto(live_server.url + "/")
    expect(citizen.locator("html")).to_have_attribute("lang", "vi")
    citizen.locator("header nav a[href='/petitions/new/']").tap()
    expect(citizen).to_have_url(re.compile(r"/petitions/new/$"))

    form = citizen.locator("#petition-form")
    form.locator("input[name=kind][value=recommendation]").check()
    form.locator("select[name=field]").select_option(label="Hạ tầng, giao thông, xây dựng")
    form.locator("select[name=unit]").select_option(label="Thị trấn Vân Du")
    village = form.locator("select[name=village] option", has_text="Thị trấn Vân Du").nth(1)
    village_label = village.inner_text().strip()
    form.locator("select[name=village]").select_option(label=village_label)
    form.locator("input[name=title]").fill(TITLE)
    form.locator("textarea[name=content]").fill(CONTENT)
    form.locator("input[name=name]").fill("Nguyễn Văn Dũng")
    form.locator("input[name=phone]").fill("0912 345 678")
    form.locator("input[name=consent_publish]").check()
    assert_no_horizontal_scroll(citizen)
    english_left(
        citizen,
        "form",
        ["Send feedback", "What happened", "Short title", "Your name", "Field"],
        untranslated,
    )
    screenshot(citizen, "journey-0-form")

    form.locator("button[type=submit]").tap()
    expect(citizen).to_have_url(re.compile(r"/petitions/track/[A-Z0-9-]+/\?sent=1$"))
    code_box = citizen.locator("#tracking-code")
    expect(code_box).to_be_visible()
    code = code_box.inner_text().strip()
    assert CODE_RE.match(code), f"tracking code {code!r} is not XXXX-XXXX"
    if "mã tra cứu" not in citizen.locator("main").inner_text().lower():
        untranslated.append(f"confirmation ({citizen.url}): no 'mã tra cứu'")
    english_left(
        citizen, "confirmation", ["Keep this tracking code", "Tracking code", "Steps"], untranslated
    )
    expect(citizen.locator("main h1")).to_have_text(TITLE)
    assert_no_horizontal_scroll(citizen)
    screenshot(citizen, "journey-1-sent")

    # 2. The land and construction official triages and answers with a photo.
    handler_context, handler = sign_in(browser, live_server, "vandu.diachinh", PHONE)
    try:
        handler.goto(live_server.url + "/staff/petitions/")
        item = handler.locator("ul.inbox li", has_text=code)
        expect(item).to_contain_text(TITLE)
        item.locator("a", has_text=TITLE).click()
        expect(handler).to_have_url(re.compile(r"/staff/petitions/\d+/$"))
        detail_url = handler.url
        expect(handler.locator("main h1")).to_have_text(TITLE)

        handler.locator("button[data-action=accept]").click()
        expect_done(handler)
        handler.locator("form[action$='/start/'] button[data-action=start]").click()
        expect_done(handler)

        answer_form = handler.locator("form[action$='/answer/']")
        answer_form.locator("textarea[name=text]").fill(ANSWER)
        answer_form.locator("input[type=file][name=files]").set_input_files(
            str(jpeg(tmp_path / "den-duong-da-sua.jpg"))
        )
        answer_form.locator("button[data-action=answer]").click()
        expect_done(handler)
        # The demo unit wants a leader's approval: the answer waits, the handler cannot approve it.
        expect(handler.locator("main .tag.warn")).to_be_visible()
        expect(handler.locator("button[data-action=approve]")).to_have_count(0)
        assert_no_horizontal_scroll(handler)
        english_left(
            handler,
            "staff detail",
            ["Done:", "Petitions inbox", "answer waiting for approval", "Forward", "History"],
            untranslated,
        )
        screenshot(handler, "journey-2-staff-pending")
    finally:
        handler_context.close()

    # The citizen does not see an answer that is not approved yet.
    citizen.goto(f"{live_server.url}/petitions/track/{code}/")
    expect(citizen.locator("#answer")).to_have_count(0)

    # 3. The chairman approves the answer.
    leader_context, leader = sign_in(browser, live_server, "vandu.chutich", DESKTOP)
    try:
        leader.goto(detail_url)
        expect(leader.locator("main")).to_contain_text(ANSWER)
        leader.locator("button[data-action=approve]").click()
        expect_done(leader)
        expect(leader.locator("button[data-action=approve]")).to_have_count(0)
        screenshot(leader, "journey-2-staff")
    finally:
        leader_context.close()

    # 4. The citizen sees the answer and the photo, and rates it.
    citizen.goto(f"{live_server.url}/petitions/track/{code}/")
    answer = citizen.locator("#answer")
    expect(answer).to_contain_text(ANSWER)
    photo = answer.locator("img.evidence")
    expect(photo).to_have_count(1)
    photo.scroll_into_view_if_needed()
    citizen.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    assert photo.evaluate("img => img.naturalWidth") == 320
    assert_no_horizontal_scroll(citizen)
    english_left(
        citizen,
        "answer",
        ["Rate the answer", "How satisfied", "Send rating", "Not satisfied?"],
        untranslated,
    )
    screenshot(citizen, "journey-3-answer")

    rate = citizen.locator("form.rate")
    rate.locator("input[name=rating][value='5']").check()
    rate.locator("textarea[name=comment]").fill(RATING_COMMENT)
    rate.locator("button").tap()
    expect(citizen).to_have_url(f"{live_server.url}/petitions/track/{code}/")
    expect(citizen.locator("main .notice")).to_contain_text("5/5")
    expect(citizen.locator("main .messages")).to_be_visible()
    expect(citizen.locator("form.rate")).to_have_count(0)
    assert_no_horizontal_scroll(citizen)
    english_left(citizen, "rated", ["Thank you", "You rated"], untranslated)
    screenshot(citizen, "journey-4-rated")

    # 5. What the database holds.
    from thanthien.petitions.models import Answer, Petition, State

    petition = Petition.objects.get(tracking_code=code)
    assert petition.state == State.ANSWERED
    assert petition.kind == "recommendation"
    assert petition.field.name == "Hạ tầng, giao thông, xây dựng"
    assert petition.unit.name == "Thị trấn Vân Du"
    assert petition.village is not None and petition.village.parent == petition.unit
    assert petition.consent_publish
    assert petition.contact.name == "Nguyễn Văn Dũng"
    assert petition.rating == 5
    assert petition.rating_comment == RATING_COMMENT
    assert list(petition.events.values_list("action", flat=True)) == [
        "submit",
        "accept",
        "start",
        "answer",
        "approve",
    ]
    approved = petition.answers.get(status=Answer.Status.APPROVED)
    assert approved.author.username == "vandu.diachinh"
    assert approved.approved_by.username == "vandu.chutich"
    assert approved.attachments.count() == 1

    # 6. In Vietnamese throughout (checked last, so that the rest of the journey is tested too).
    assert not untranslated, "English left on the citizen's and officials' pages:\n" + "\n".join(
        untranslated
    )
