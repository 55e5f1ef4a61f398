"""Pages that anyone may read set no cookie and do not vary on cookies, so that one copy serves every
visitor who is not signed in: core/middleware.py keeps it for PUBLIC_CACHE_SECONDS, and a change
shows within that delay. The addresses come from the URL resolver, the objects from the demo data:
a new public page is checked without being listed here; a new address with parameters must say
which demo object it shows, or what it is instead of a page."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from tests.conftest import client_for
from thanthien import demo as demo_data
from thanthien.api.keys import apikey_create
from thanthien.core.models import Body

# Addresses for officials only, by their first segment: they answer a visitor with the way to sign in.
FOR_OFFICIALS = ("admin/", "staff/", "api/v1/staff/", "rollout/")

# GET pages that show a form to POST: the form carries a CSRF token, which sets the CSRF cookie.
PAGES_WITH_A_POST_FORM = {
    "login": "the sign-in form",
    "signup": "the sign-up form",
    "password_reset": "the form that asks for a link to choose a new password",
    "petition_new": "the petition form",
    "complaint_new": "the complaint form",
    "denunciation_new": "the denunciation form",
    "petition_track": "the sender rates, reopens or closes their petition",
    "reception_book": "booking a place at a reception session",
    "notice_subscribe": "the subscription form",
    "notice_unsubscribe": "the button that confirms unsubscribing",
    "disclosure_ask": "the question form",
    "participation_consultation_comment": "the comment form",
    "participation_organization_opinion": "an organisation's opinion form",
    "participation_campaign_pledge": "the pledge form",
    "meetings_detail": "the registration form, while registration is open",
    "meetings_register": "the registration form",
    "meetings_questions": "the question form and the support buttons, while questions are open",
    "meetings_commitment": "the form to follow its progress",
}

# Addresses with parameters that are not pages to read: what they are instead.
NOT_PAGES = {
    "password_reset_confirm": "one person's one-time link to choose a new password: never kept",
    "language_switch": "sets the language cookie the visitor asked for, and goes back (tested below)",
    "petition_citizen_act": "POST only: the sender rates, reopens or closes",
    "petition_statutory_act": "POST only: the sender withdraws, appeals or escalates",
    "meetings_question_support": "POST only: supporting a question",
    "meetings_questions_verify": "the code sent to a phone, for a visitor with a pending question",
    "reception_booking": "one visitor's booking, by its code: never kept",
    "petition_public_file": "an attached file, streamed: never kept",
    "petition_citizen_file": "an attached file, streamed: never kept",
    "disclosure_file": "an attached file, streamed: never kept",
    "disclosure_posting_photo": "an attached file, streamed: never kept",
    "notice_file": "an attached file, streamed: never kept",
    "meetings_evidence": "an attached file, streamed: never kept",
    "api_not_found": "the API's 404",
    "open311_not_found": "Open311's 404",
}


def _routes(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), f"{namespace.strip(':')}:{entry.name}".strip(":")


def _examples(units) -> dict[str, list[dict]]:
    """The demo objects each address with parameters shows, by URL name."""
    from thanthien.disclosure.models import Category, Convention, Disclosure, Notice, Subscription
    from thanthien.meetings import selectors as meetings
    from thanthien.meetings.models import Commitment, Kind, Registration
    from thanthien.participation import selectors as participation
    from thanthien.petitions import selectors as petitions
    from thanthien.petitions.models import Field

    today = timezone.localdate()
    published = petitions.public_petitions(petitions.PublicFilter()).first()
    disclosure = Disclosure.objects.filter(starts_on__lte=today).exclude(table_rows=[]).first()
    notice = Notice.objects.filter(published_on__lte=today).first()
    convention = Convention.objects.first()
    meeting = meetings.public_meetings().filter(kind=Kind.DIALOGUE).first()
    commitment = Commitment.objects.filter(
        pk__in=meetings.public_commitments(units["van_du"])
    ).first()
    consultation = participation.public_consultations().first()
    subscription = Subscription.objects.create(
        unit=units["van_du"], channel="sms", destination="0912000009"
    )
    van_du = units["van_du"].pk
    category = Category.objects.first()
    formats = ["json", "xml"]
    return {
        "unit_detail": [{"pk": van_du}, {"pk": units["district"].pk}],
        "petition_public_detail": [{"pk": published.pk}],
        "petition_track": [{"code": published.tracking_code}],
        "reception_unit": [{"unit_id": van_du}],
        "reception_book": [_first_link(reverse("reception_unit", args=[van_du]), r"/book/")],
        "disclosure_detail": [{"pk": disclosure.pk}],
        "disclosure_table_download": [{"pk": disclosure.pk, "fmt": "csv"}],
        "disclosure_ask": [{"pk": disclosure.pk}],
        # For officials: a visitor is sent to sign in.
        **{
            name: [{"pk": disclosure.pk}]
            for name in [
                "disclosure_edit",
                "disclosure_import",
                "disclosure_lines",
                "disclosure_posting",
                "disclosure_attach",
            ]
        },
        "disclosure_feed": [{"unit": van_du}],
        "disclosure_feed_category": [{"unit": van_du, "category": category.code}],
        "notice_unsubscribe": [{"token": subscription.token}],
        "notice_detail": [{"pk": notice.pk}],
        "notice_print": [{"pk": notice.pk}],
        "notice_document": [{"pk": notice.pk, "fmt": "docx"}],
        "convention_detail": [{"pk": convention.pk}],
        "convention_change": [{"pk": convention.pk}],
        "participation_consultation": [
            {"pk": c.pk} for c in participation.public_consultations()[:3]
        ],
        "participation_consultation_comment": [{"pk": consultation.pk}],
        "participation_consultation_responses_xlsx": [{"pk": consultation.pk}],
        "participation_consultation_changes": [
            {"pk": c.pk} for c in participation.public_consultations()[:3]
        ],
        "participation_organization_opinion": [{"pk": consultation.pk}],
        "participation_decision": [{"pk": d.pk} for d in participation.public_decisions()[:2]],
        "participation_campaign": [{"pk": c.pk} for c in participation.public_campaigns()[:2]],
        "participation_campaign_pledge": [
            {"pk": c.pk} for c in participation.public_campaigns()[:1]
        ],
        "meetings_detail": [{"pk": m.pk} for m in meetings.public_meetings()[:3]],
        "meetings_register": [{"pk": m.pk} for m in meetings.public_meetings()[:3]],
        "meetings_ics": [{"pk": meeting.pk}],
        "meetings_invitation": [{"pk": meeting.pk}],
        "meetings_minutes": [{"pk": meeting.pk, "fmt": "docx"}],
        "meetings_questions": [{"pk": meeting.pk}],
        "meetings_ticket": [{"code": Registration.objects.first().code}],
        "meetings_commitments": [{"unit_pk": van_du}],
        "meetings_commitment": [{"pk": commitment.pk}],
        "api-v1:petitions_published": [{}],
        "api-v1:petition_status": [{"tracking_code": published.tracking_code}],
        "api-v1:figures": [{"unit_id": van_du}],
        "open311_discovery": [{"fmt": f} for f in formats],
        "open311_services": [{"fmt": f} for f in formats],
        "open311_service": [
            {"fmt": f, "service_code": Field.objects.first().code} for f in formats
        ],
        "open311_requests": [{"fmt": f} for f in formats],
        "open311_request": [{"fmt": f, "request_id": published.pk} for f in formats],
        "open311_token": [{"fmt": f, "token": published.tracking_code} for f in formats],
    }


def _first_link(page: str, part: str) -> dict:
    """The parameters of the first link on a page whose address has ``part`` in it."""
    body = Client().get(page).content.decode()
    href = re.search(rf'href="([^"]*{part}[^"]*)"', body).group(1)
    return resolve(href).kwargs


def _addresses(units) -> list[tuple[str, str]]:
    examples = _examples(units)
    found = []
    routes = list(_routes(get_resolver().url_patterns))
    names = {name for _route, name in routes}
    assert set(PAGES_WITH_A_POST_FORM) | set(NOT_PAGES) <= names, "a listed address is gone"
    for route, name in routes:
        if route.startswith(FOR_OFFICIALS) or name in NOT_PAGES:
            continue
        short = name.rsplit(":", 1)[-1]
        if "<" not in route and "(?P" not in route:
            found.append((short, reverse(name)))
            continue
        assert name in examples, f"{route} ({name}): give demo objects in _examples or list it"
        found += [(short, reverse(name, kwargs=kwargs)) for kwargs in examples[name]]
    return found


@pytest.fixture
def demo(units):
    """The apps' demo data (meetings, consultations, disclosures…) on top of the units."""
    demo_data.load()
    return units


def test_it_sets_no_cookie_on_a_page_anyone_may_read(demo):
    # One test for every page: the apps' demo data takes half a minute to load.
    readable, personal = set(), []
    for name, address in _addresses(demo):
        response = Client().get(address)
        vary = response.get("Vary", "")
        if not response.cookies and "cookie" not in vary.lower():
            if response.status_code == 200:
                readable.add(name)
        elif name not in PAGES_WITH_A_POST_FORM or 'method="post"' not in response.text:
            personal.append(f"{name} {address}: sets {list(response.cookies)}, Vary: {vary}")
    assert not personal, "pages for everyone that set a cookie or vary on it:\n" + "\n".join(
        personal
    )
    # The pages the public reads most are among them (the check did not pass for lack of pages).
    assert {
        "home",
        "unit_detail",
        "petition_public_list",
        "petition_public_detail",
        "petition_figures",
        "disclosure_list",
        "disclosure_detail",
        "disclosure_feed",
        "notice_list",
        "notice_detail",
        "convention_list",
        "convention_detail",
        "participation_home",
        "participation_decision",
        "meetings_list",
        "meetings_commitments",
        "petitions_published",
        "open311_requests",
    } <= readable


# --- The language switch: a link, no form --------------------------------------------------------


def _switch_link(body: str, code: str) -> str:
    href = re.search(rf'<a href="(/lang/{code}/[^"]*)"', body).group(1)
    return href.replace("&amp;", "&")


@pytest.mark.django_db
def test_the_language_switch_gives_english_and_back_on_the_same_page():
    visitor = Client()
    page = "/disclosure/?q=ng%C3%A2n+s%C3%A1ch&kind=budget"
    response = visitor.get(page)
    assert not response.cookies
    assert '<html lang="vi">' in response.text and "Đăng nhập" in response.text

    response = visitor.get(_switch_link(response.text, "en"))
    assert response.status_code == 302 and response["Location"] == page
    response = visitor.get(page)
    assert '<html lang="en">' in response.text and "Sign in" in response.text

    response = visitor.get(_switch_link(response.text, "vi"))
    assert response.status_code == 302 and response["Location"] == page
    assert '<html lang="vi">' in visitor.get(page).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_page", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_the_language_switch_goes_back_only_to_this_site(next_page):
    response = Client().get("/lang/en/", {"next": next_page})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_the_language_switch_knows_only_the_sites_languages():
    assert Client().get("/lang/fr/?next=/").status_code == 404


# --- The cache of public pages ---------------------------------------------------------------------


@pytest.fixture
def public_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_a_change_shows_on_a_kept_page_within_the_stated_delay(public_cache, units):
    page = f"/units/{units['van_du'].pk}/"
    with time_machine.travel(NOW, tick=False) as clock:
        assert "Ban Mới Lập" not in Client().get(page).text
        Body.objects.create(unit=units["van_du"], kind=Body.Kind.DEPARTMENT, name="Ban Mới Lập")
        clock.shift(dt.timedelta(seconds=29))
        assert "Ban Mới Lập" not in Client().get(page).text  # the kept copy
        clock.shift(dt.timedelta(seconds=1))
        assert "Ban Mới Lập" in Client().get(page).text


@pytest.mark.django_db
def test_a_signed_in_person_gets_their_own_page_and_it_is_not_kept(public_cache, units, chairman):
    page = f"/units/{units['van_du'].pk}/"
    assert "Đăng nhập" in Client().get(page).text
    Body.objects.create(unit=units["van_du"], kind=Body.Kind.DEPARTMENT, name="Ban Mới Lập")
    body = client_for(chairman).get(page).text
    assert "Lê Văn C" in body and "Ban Mới Lập" in body
    body = Client().get(page).text
    assert "Lê Văn C" not in body and "Ban Mới Lập" not in body


@pytest.mark.django_db
def test_each_language_and_each_query_has_its_own_copy(public_cache):
    assert '<html lang="vi">' in Client().get("/units/?q=thach").text
    english = Client()
    english.cookies["lang"] = "en"
    assert '<html lang="en">' in english.get("/units/?q=thach").text
    assert "Thạch Bình" in Client().get("/units/?q=thach").text
    assert "Thạch Bình" not in Client().get("/units/?q=van+du").text


@pytest.mark.django_db
def test_a_message_waiting_for_a_visitor_is_shown_on_a_kept_page(public_cache):
    assert "Cảm ơn bạn" not in Client().get("/units/").text
    visitor = Client()
    message = Message(constants.SUCCESS, "Cảm ơn bạn đã góp ý.")
    visitor.cookies["messages"] = CookieStorage(HttpRequest())._encode([message])
    assert "Cảm ơn bạn đã góp ý." in visitor.get("/units/").text


@pytest.mark.django_db
def test_a_page_with_a_form_is_never_kept(public_cache):
    first, second = Client().get("/petitions/new/"), Client().get("/petitions/new/")
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


@pytest.mark.django_db
def test_an_answer_to_an_api_key_is_never_kept(public_cache, handler):
    key = apikey_create(name="inbox app", username=handler.username)[1]
    assert Client().get("/api/v1/staff/petitions", headers={"X-API-Key": key}).status_code == 200
    assert Client().get("/api/v1/staff/petitions").status_code == 401
