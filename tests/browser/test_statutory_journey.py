"""A complaint and a denunciation walked through every stage in a browser, in Vietnamese.

Complaint (Luật Khiếu nại 2011): a citizen files it from a 360 px phone and gets a tracking code; the
land and construction official accepts it as complex, starts verification and records the dialogue;
the chairman issues the decision, downloads it as .docx and PDF; the citizen sees the decision.

Denunciation (Luật Tố cáo 2018): a citizen files it with a name, ID number and phone; the official
accepts it (and becomes its handler), starts verification and reads the denouncer's identity on
request; the chairman extends the period once and issues the conclusion, whose PDF and whose detail
page never carry the identity; the citizen sees the conclusion.
"""

import datetime as dt
import importlib
import re
import secrets
import unicodedata

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
CODE_RE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
UNIT = "Thị trấn Vân Du"

# --- The complaint ---------------------------------------------------------------------------------
C_TITLE = "Khiếu nại quyết định xử phạt xây dựng tại khu phố 3"
C_CONTENT = (
    "Ngày 05 tháng trước, Ủy ban thị trấn ra quyết định xử phạt tôi vì xây tường rào lấn lối đi. "
    "Tường rào nằm hoàn toàn trong thửa đất đã được cấp giấy chứng nhận, tôi đề nghị xem xét lại."
)
C_ACT = "Quyết định xử phạt vi phạm hành chính số 12/QĐ-XPVPHC về xây tường rào"
C_RESPONDENT = "Chủ tịch UBND thị trấn Vân Du"
C_NAME = "Hoàng Văn Khải"
DIALOGUE_RECORD = (
    "Buổi đối thoại tại trụ sở UBND thị trấn, có ông Khải, công chức địa chính và trưởng khu phố 3. "
    "Hai bên cùng xem bản đồ địa chính và giấy chứng nhận quyền sử dụng đất."
)
DIALOGUE_RESULT = "Hai bên thống nhất đo đạc lại ranh giới thửa đất."
VERIFICATION = "Đo đạc ngày 12: tường rào nằm trong ranh giới thửa đất số 45, tờ bản đồ số 7."
LEGAL_BASIS = "Luật Đất đai 2013; Nghị định 91/2019/NĐ-CP."
CONCLUSION = "Khiếu nại của ông Hoàng Văn Khải là đúng: tường rào không lấn lối đi chung."
DECISION_NUMBER = "17"

# --- The denunciation ------------------------------------------------------------------------------
D_TITLE = "Tố cáo cán bộ thu tiền ngoài quy định khi làm thủ tục"
D_CONTENT = (
    "Khi tôi đến làm thủ tục chứng thực tại bộ phận một cửa, cán bộ tiếp nhận yêu cầu nộp thêm "
    "200.000 đồng không có biên lai. Nhiều người trong khu phố cũng gặp trường hợp tương tự."
)
D_DENOUNCED = "Cán bộ tiếp nhận hồ sơ tại bộ phận một cửa"
D_ID_NUMBER = "038090012345"
EXTENSION_REASON = "Cần xác minh thêm với những người dân khác trong khu phố."
D_CONCLUSION = (
    "Nội dung tố cáo là đúng một phần: cán bộ đã thu thêm tiền không có biên lai trong hai trường "
    "hợp; đã yêu cầu hoàn trả."
)
D_MEASURES = "Kiểm điểm cán bộ, hoàn trả tiền cho người dân."


@pytest.fixture
def petition_fields(transactional_db):
    """Fields, deadline rules and legal time limits, which data migrations seed: a transactional
    test's flush drops them, so they are seeded again."""
    from django.apps import apps

    for name in ("0002_fields_and_deadline_rules", "0005_legal_rules"):
        importlib.import_module(f"thanthien.petitions.migrations.{name}").forwards(apps, None)


@pytest.fixture
def identity_key(settings):
    """A throw-away key for the denouncer's identity, so that the test writes no key file."""
    from cryptography.fernet import Fernet

    settings.IDENTITY_KEY = Fernet.generate_key().decode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def assert_no_horizontal_scroll(page, width=PHONE_WIDTH):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def note_too_wide(page, where, found, width=PHONE_WIDTH):
    """An official's page wider than the phone: noted, and failed on at the end with the rest."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"{where} ({page.url}): {scroll}px wide on a {width}px screen")


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


def raw_events_left(page, where, found):
    """A timeline step shown as the action's code (``verify``, ``extend``…) has no label at all."""
    labels = page.locator("ol.timeline li > strong").all_inner_texts()
    found.extend(
        f"{where} ({page.url}): timeline step {label.strip()!r} is a bare action code"
        for label in labels
        if re.fullmatch(r"[a-z_]+", label.strip())
    )


def english_in(text, where, phrases, found):
    found.extend(f"{where}: {phrase!r}" for phrase in phrases if phrase in text)


def expect_done(page):
    """After an action the detail page shows a success message, not an error."""
    expect(page.locator("main .errors")).to_have_count(0)
    expect(page.locator("main .field.invalid")).to_have_count(0)
    expect(page.locator("main .messages li.success")).to_be_visible()


def open_action(page, action):
    """The form of an action shown folded in a <details>: unfold it and return the form."""
    form = page.locator(f"form[action$='/{action}/']")
    page.locator("details", has=form).locator("summary").click()
    expect(form).to_be_visible()
    return form


def download(page, link, tmp_path):
    with page.expect_download() as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def docx_text(path):
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return unicodedata.normalize("NFC", "\n".join(parts))


def pdf_text(path):
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return unicodedata.normalize("NFC", text)


def squeeze(text):
    return re.sub(r"\s+", " ", text)


def file_statutory(page, live_server, kind):
    """Open the citizen's form for ``kind`` from the home page's link, or directly."""
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.goto(f"{live_server.url}/petitions/{kind}/new/")
    form = page.locator("main form.card")
    form.locator("select[name=field]").select_option(label="Đất đai")
    form.locator("select[name=unit]").select_option(label=UNIT)
    return form


def tracking_code(page, title, where, untranslated):
    expect(page).to_have_url(re.compile(r"/petitions/track/[A-Z0-9-]+/\?sent=1$"))
    code_box = page.locator("#tracking-code")
    expect(code_box).to_be_visible()
    code = code_box.inner_text().strip()
    assert CODE_RE.match(code), f"tracking code {code!r} is not XXXX-XXXX"
    if "mã tra cứu" not in page.locator("main").inner_text().lower():
        untranslated.append(f"{where} ({page.url}): no 'mã tra cứu'")
    expect(page.locator("main h1")).to_have_text(title)
    assert_no_horizontal_scroll(page)
    return code


def open_from_inbox(page, live_server, code, title):
    page.goto(live_server.url + "/staff/petitions/")
    item = page.locator("ul.inbox li", has_text=code)
    expect(item).to_contain_text(title)
    item.locator("a", has_text=title).click()
    expect(page).to_have_url(re.compile(r"/staff/petitions/\d+/$"))
    expect(page.locator("main h1")).to_have_text(title)
    return page.url


# Strings of the pages under test, in English in the source: each one still on a page is a gap.
FORM_PHRASES = ["Short title", "Content", "Commune, ward or town", "Phone number", "Field"]
COMPLAINT_FORM_PHRASES = [
    "File a complaint",
    "Decision or act you complain about",
    "Who made the decision or did the act",
    "When you learned of it",
    "Your full name",
    "Other complainants on the same matter",
    "Send the complaint",
    "You have 90 days",
]
DENUNCIATION_FORM_PHRASES = [
    "Denounce a violation",
    "Your identity is kept secret.",
    "Person or body whose violation you denounce",
    "Send without my name",
    "(kept secret)",
    "ID number",
    "Send the denunciation",
]
SENT_PHRASES = ["Keep this tracking code", "Tracking code", "Steps", "What you sent"]
# Kind, state and outcome labels and event notes, shown on the staff's and the citizen's pages.
LABEL_PHRASES = [
    "Complaint ·",
    "Denunciation ·",
    "Verification",
    "Decided",
    "Cancel it entirely",
    "cancel it entirely",
    "Dialogue held.",
]
STAFF_PHRASES = LABEL_PHRASES + [
    "Petitions inbox",
    "Complaint",
    "Denunciation",
    "Accepted on",
    "Documents",
    "Actions",
    "Confirm",
    "History",
    "Done:",
]
COMPLAINT_STAFF_PHRASES = [
    "Decision or act complained of",
    "Complained against",
    "Learned of it on",
    "Flags",
    "complex",
    "Accept (thụ lý)",
    "Complex case (longer time limit)",
    "Start verification",
    "Record the dialogue",
    "Issue the complaint decision",
    "Notice of acceptance",
    "Record of the dialogue",
    "Complaint decision",
    "Mark the decision final",
    "Verification results",
    "Legal basis",
    "Outcome",
    "Decision number",
    "Scan of the signed document",
    "Attach",
]
DENUNCIATION_STAFF_PHRASES = [
    "Person denounced",
    "Notify the parties by",
    "Denouncer's identity",
    "confidential, kept apart from the case",
    "Show the identity (recorded)",
    "Only the assigned handler",
    "Authorize",
    "Official",
    "Start verification",
    "Extend the resolution period",
    "Issue the conclusion",
    "Extension 1",
    "Decision to accept the denunciation",
    "Extension decision no.",
    "Conclusion on the content denounced",
    "Conclusion number",
    "Measures",
]
IDENTITY_PHRASES = [
    "Denouncer's identity",
    "Confidential (Law on Denunciation",
    "Full name",
    "Address",
    "ID number",
    "Phone number",
]
TRACK_PHRASES = LABEL_PHRASES + [
    "Tracking code",
    "State",
    "Kind",
    "Where",
    "Received on",
    "Handled by",
    "Steps",
    "What you sent",
    "Withdraw",
    "Complaint decision",
    "Conclusion",
    "Not satisfied with the decision?",
    "Complain again",
    "complaint",
    "denunciation",
    "Accepted; to be resolved by",
    "Resolution period extended to",
    "Conclusion issued.",
]
DECISION_DOC_PHRASES = [
    "Pursuant to the Law on Complaints",
    "Considering the complaint",
    "What is complained of",
    "Verification results:",
    "Result of the dialogue:",
    "Legal basis:",
    "Conclusion:",
    "Article 1.",
    "Within 30 days",
    "On resolving the complaint",
    "Filed",
    "keep the decision",
    "amend it",
]
CONCLUSION_DOC_PHRASES = [
    "People's Committee received a denunciation",
    "Content denounced:",
    "Conclusion:",
    "Measures:",
    "Conclusion on the content of the denunciation",
    "The denouncer (through the handler)",
    "The person denounced",
    "Filed",
]


@pytest.mark.django_db(transaction=True)
def test_complaint_journey_in_vietnamese(
    live_server, demo, petition_fields, media, browser, phone_page, screenshot, tmp_path
):
    from django.utils import timezone

    citizen = phone_page
    untranslated: list[str] = []
    too_wide: list[str] = []  # officials' pages on the phone
    learned_on = timezone.localdate() - dt.timedelta(days=10)

    # 1. The citizen files the complaint from a phone.
    form = file_statutory(citizen, live_server, "complaint")
    form.locator("input[name=title]").fill(C_TITLE)
    form.locator("textarea[name=content]").fill(C_CONTENT)
    form.locator("textarea[name=act_complained_of]").fill(C_ACT)
    form.locator("input[name=respondent]").fill(C_RESPONDENT)
    form.locator("input[name=learned_on]").fill(learned_on.isoformat())
    form.locator("input[name=name]").fill(C_NAME)
    form.locator("input[name=phone]").fill("0987 654 321")
    assert_no_horizontal_scroll(citizen)
    english_left(citizen, "complaint form", FORM_PHRASES + COMPLAINT_FORM_PHRASES, untranslated)
    screenshot(citizen, "complaint-0-form")
    form.locator("button[type=submit]").tap()
    code = tracking_code(citizen, C_TITLE, "complaint sent", untranslated)
    english_left(citizen, "complaint sent", SENT_PHRASES + TRACK_PHRASES, untranslated)
    screenshot(citizen, "complaint-1-sent")

    # 2. The land and construction official accepts it as complex, verifies, holds the dialogue.
    handler_context, handler = sign_in(browser, live_server, "vandu.diachinh", PHONE)
    try:
        detail_url = open_from_inbox(handler, live_server, code, C_TITLE)
        expect(handler.locator("main")).to_contain_text(C_ACT)
        expect(handler.locator("main")).to_contain_text(C_NAME)
        accept = open_action(handler, "accept")
        accept.locator("input[name=is_complex]").check()
        accept.locator("button[data-action=accept]").click()
        expect_done(handler)
        expect(handler.locator("a[href$='/documents/acceptance.docx']")).to_be_visible()
        note_too_wide(handler, "complaint accepted", too_wide)
        english_left(
            handler,
            "complaint accepted",
            STAFF_PHRASES + COMPLAINT_STAFF_PHRASES,
            untranslated,
        )
        screenshot(handler, "complaint-2-accepted")

        handler.locator("form[action$='/verify/'] button[data-action=verify]").click()
        expect_done(handler)
        dialogue = open_action(handler, "dialogue")
        dialogue.locator("textarea[name=record]").fill(DIALOGUE_RECORD)
        dialogue.locator("textarea[name=result]").fill(DIALOGUE_RESULT)
        dialogue.locator("textarea[name=verification]").fill(VERIFICATION)
        dialogue.locator("button[data-action=dialogue]").click()
        expect_done(handler)
        expect(handler.locator("a[href$='/documents/dialogue.pdf']")).to_be_visible()
        # Deciding is the leader's: the handler is not offered it.
        expect(handler.locator("form[action$='/decide/']")).to_have_count(0)
        note_too_wide(handler, "complaint dialogue", too_wide)
        english_left(
            handler, "complaint dialogue", STAFF_PHRASES + COMPLAINT_STAFF_PHRASES, untranslated
        )
        screenshot(handler, "complaint-3-dialogue")
    finally:
        handler_context.close()

    # 3. The chairman issues the decision and downloads it.
    leader_context, leader = sign_in(browser, live_server, "vandu.chutich", DESKTOP)
    try:
        leader.goto(detail_url)
        decide = open_action(leader, "decide")
        expect(decide.locator("textarea[name=verification_result]")).to_have_value(VERIFICATION)
        decide.locator("textarea[name=legal_basis]").fill(LEGAL_BASIS)
        decide.locator("textarea[name=conclusion]").fill(CONCLUSION)
        decide.locator("select[name=outcome]").select_option("cancel_all")
        decide.locator("input[name=decision_number]").fill(DECISION_NUMBER)
        english_left(leader, "complaint decision form", COMPLAINT_STAFF_PHRASES, untranslated)
        decide.locator("button[data-action=decide]").click()
        expect_done(leader)
        expect(leader.locator("main")).to_contain_text(CONCLUSION)
        english_left(
            leader, "complaint decided", STAFF_PHRASES + COMPLAINT_STAFF_PHRASES, untranslated
        )
        raw_events_left(leader, "complaint decided", untranslated)
        screenshot(leader, "complaint-4-decided")

        docx_path = download(
            leader, leader.locator("a[href$='/documents/decision.docx']"), tmp_path
        )
        assert docx_path.suffix == ".docx", docx_path.name
        text = docx_text(docx_path)
        assert CONCLUSION in text, "the decision .docx does not carry the conclusion"
        assert LEGAL_BASIS in text and C_ACT in text
        assert "QUYẾT ĐỊNH" in text
        english_in(text, f"decision .docx ({docx_path.name})", DECISION_DOC_PHRASES, untranslated)

        pdf_path = download(leader, leader.locator("a[href$='/documents/decision.pdf']"), tmp_path)
        assert pdf_path.read_bytes().startswith(b"%PDF"), f"{pdf_path.name} is no PDF"
        pdf = squeeze(pdf_text(pdf_path))
        assert "tường rào không lấn lối đi chung" in pdf, "the decision PDF lacks the conclusion"
        english_in(pdf, f"decision PDF ({pdf_path.name})", DECISION_DOC_PHRASES, untranslated)
    finally:
        leader_context.close()

    # 4. The citizen sees the decision.
    citizen.goto(f"{live_server.url}/petitions/track/{code}/")
    decision = citizen.locator("main section.answer", has_text=CONCLUSION)
    expect(decision).to_be_visible()
    # The timeline does not show the internal dialogue record.
    expect(citizen.locator("main")).not_to_contain_text(DIALOGUE_RECORD)
    assert_no_horizontal_scroll(citizen)
    english_left(citizen, "complaint decided (citizen)", TRACK_PHRASES, untranslated)
    raw_events_left(citizen, "complaint decided (citizen)", untranslated)
    screenshot(citizen, "complaint-5-track")

    # 5. What the database holds.
    from thanthien.petitions.models import Petition, State

    petition = Petition.objects.get(tracking_code=code)
    assert petition.kind == "complaint"
    assert petition.state == State.DECIDED
    case = petition.complaint
    assert case.is_complex and case.learned_on == learned_on
    assert case.conclusion == CONCLUSION and case.outcome == "cancel_all"
    assert case.decision_number == int(DECISION_NUMBER)
    assert case.dialogue_record == DIALOGUE_RECORD
    assert list(petition.events.values_list("action", flat=True)) == [
        "submit",
        "accept",
        "verify",
        "dialogue",
        "decide",
    ]
    assert petition.events.get(action="decide").actor.username == "vandu.chutich"

    assert not (untranslated or too_wide), (
        "English left on the complaint's pages and documents:\n"
        + "\n".join(untranslated)
        + "\nOfficials' pages too wide for a phone:\n"
        + "\n".join(too_wide)
    )


@pytest.mark.django_db(transaction=True)
def test_denunciation_journey_in_vietnamese(
    live_server,
    demo,
    petition_fields,
    identity_key,
    media,
    browser,
    phone_page,
    screenshot,
    tmp_path,
):
    citizen = phone_page
    untranslated: list[str] = []
    too_wide: list[str] = []  # officials' pages on the phone
    marker = "MK" + secrets.token_hex(4).upper()
    name = f"Đỗ Thị Hạnh {marker}"

    # 1. The citizen files the denunciation with a name, ID number and phone.
    form = file_statutory(citizen, live_server, "denunciation")
    form.locator("input[name=title]").fill(D_TITLE)
    form.locator("textarea[name=content]").fill(D_CONTENT)
    form.locator("input[name=denounced]").fill(D_DENOUNCED)
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=id_number]").fill(D_ID_NUMBER)
    form.locator("input[name=phone]").fill("0912 888 777")
    assert_no_horizontal_scroll(citizen)
    english_left(
        citizen, "denunciation form", FORM_PHRASES + DENUNCIATION_FORM_PHRASES, untranslated
    )
    screenshot(citizen, "denunciation-0-form")
    form.locator("button[type=submit]").tap()
    code = tracking_code(citizen, D_TITLE, "denunciation sent", untranslated)
    assert marker not in citizen.content(), "the tracking page shows the denouncer's name"
    english_left(citizen, "denunciation sent", SENT_PHRASES + TRACK_PHRASES, untranslated)
    screenshot(citizen, "denunciation-1-sent")

    # 2. The official accepts it (and so handles it), starts verification, reads the identity.
    handler_context, handler = sign_in(browser, live_server, "vandu.diachinh", PHONE)
    try:
        detail_url = open_from_inbox(handler, live_server, code, D_TITLE)
        assert marker not in handler.content(), "the detail page shows the denouncer's name"
        handler.locator("form[action$='/accept/'] button[data-action=accept]").click()
        expect_done(handler)
        handler.locator("form[action$='/verify/'] button[data-action=verify]").click()
        expect_done(handler)
        assert marker not in handler.content(), "the detail page shows the denouncer's name"
        note_too_wide(handler, "denunciation verifying", too_wide)
        english_left(
            handler,
            "denunciation verifying",
            STAFF_PHRASES + DENUNCIATION_STAFF_PHRASES,
            untranslated,
        )
        screenshot(handler, "denunciation-2-verifying")

        handler.locator("#identity-panel form[action$='/identity/'] button").click()
        expect(handler).to_have_url(re.compile(r"/staff/petitions/\d+/identity/$"))
        expect(handler.locator("main dl.facts")).to_contain_text(name)
        expect(handler.locator("main dl.facts")).to_contain_text(D_ID_NUMBER)
        note_too_wide(handler, "identity", too_wide)
        english_left(handler, "identity", IDENTITY_PHRASES, untranslated)
        screenshot(handler, "denunciation-3-identity")
    finally:
        handler_context.close()

    # 3. The chairman extends the period once, then issues the conclusion.
    leader_context, leader = sign_in(browser, live_server, "vandu.chutich", DESKTOP)
    try:
        leader.goto(detail_url)
        # The chairman is not the handler and was not authorized: no identity for him.
        expect(leader.locator("#identity-panel form[action$='/identity/']")).to_have_count(0)
        extend = open_action(leader, "extend")
        expect(extend.locator("input[name=days]")).to_have_value("30")
        extend.locator("textarea[name=reason]").fill(EXTENSION_REASON)
        extend.locator("button[data-action=extend]").click()
        expect_done(leader)
        expect(leader.locator("a[href$='/documents/extension-1.pdf']")).to_be_visible()
        english_left(
            leader,
            "denunciation extended",
            STAFF_PHRASES + DENUNCIATION_STAFF_PHRASES,
            untranslated,
        )
        screenshot(leader, "denunciation-4-extended")

        conclude = open_action(leader, "conclude")
        conclude.locator("textarea[name=conclusion]").fill(D_CONCLUSION)
        conclude.locator("textarea[name=measures]").fill(D_MEASURES)
        conclude.locator("input[name=conclusion_number]").fill("3")
        conclude.locator("button[data-action=conclude]").click()
        expect_done(leader)
        expect(leader.locator("main")).to_contain_text(D_CONCLUSION)
        html = leader.content()
        assert marker not in html, "the chairman's detail page shows the denouncer's name"
        assert D_ID_NUMBER not in html, "the chairman's detail page shows the denouncer's ID"
        english_left(
            leader,
            "denunciation concluded",
            STAFF_PHRASES + DENUNCIATION_STAFF_PHRASES,
            untranslated,
        )
        raw_events_left(leader, "denunciation concluded", untranslated)
        screenshot(leader, "denunciation-5-concluded")

        pdf_path = download(
            leader, leader.locator("a[href$='/documents/conclusion.pdf']"), tmp_path
        )
        raw = pdf_path.read_bytes()
        assert raw.startswith(b"%PDF"), f"{pdf_path.name} is no PDF"
        pdf = squeeze(pdf_text(pdf_path))
        assert "hoàn trả" in pdf, "the conclusion PDF lacks the conclusion (or its text is unread)"
        assert marker not in pdf, "the conclusion PDF carries the denouncer's name"
        assert D_ID_NUMBER not in pdf, "the conclusion PDF carries the denouncer's ID number"
        english_in(pdf, f"conclusion PDF ({pdf_path.name})", CONCLUSION_DOC_PHRASES, untranslated)
    finally:
        leader_context.close()

    # 4. The citizen sees the conclusion.
    citizen.goto(f"{live_server.url}/petitions/track/{code}/")
    expect(citizen.locator("main section.answer", has_text=D_CONCLUSION)).to_be_visible()
    assert marker not in citizen.content()
    assert_no_horizontal_scroll(citizen)
    english_left(citizen, "denunciation concluded (citizen)", TRACK_PHRASES, untranslated)
    raw_events_left(citizen, "denunciation concluded (citizen)", untranslated)
    screenshot(citizen, "denunciation-6-track")

    # 5. What the database holds: the identity only in the encrypted store.
    from thanthien.petitions.models import ConfidentialIdentity, Petition, State

    petition = Petition.objects.get(tracking_code=code)
    assert petition.kind == "denunciation"
    assert petition.state == State.DECIDED
    assert petition.assignee.username == "vandu.diachinh"
    case = petition.denunciation
    assert case.conclusion == D_CONCLUSION and case.conclusion_number == 3
    extensions = list(case.extensions.all())
    assert [(e.number, e.days) for e in extensions] == [(1, 30)]
    assert list(petition.events.values_list("action", flat=True)) == [
        "submit",
        "accept",
        "verify",
        "extend",
        "conclude",
    ]
    token = bytes(ConfidentialIdentity.objects.get(petition=petition).token)
    assert marker.encode() not in token
    assert getattr(petition, "contact", None) is None or marker not in (petition.contact.name or "")

    assert not (untranslated or too_wide), (
        "English left on the denunciation's pages and documents:\n"
        + "\n".join(untranslated)
        + "\nOfficials' pages too wide for a phone:\n"
        + "\n".join(too_wide)
    )
