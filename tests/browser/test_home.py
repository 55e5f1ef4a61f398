"""The home page and signing in, on a 360 px phone in Vietnamese."""

import re

import pytest
from playwright.sync_api import expect

from thanthien.demo.units_people import DEMO_PASSWORD

PHONE_WIDTH = 360


def assert_no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"page is {width}px wide on a {PHONE_WIDTH}px phone"


def open_login(page, live_server):
    page.goto(live_server.url + "/")
    # Located by its address, not its words: the labels may still be English before translation.
    page.locator("main a[href='/accounts/login/']").first.tap()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


@pytest.mark.django_db(transaction=True)
def test_home_then_sign_in_as_chairman(live_server, demo, phone_page, screenshot):
    page = phone_page
    page.goto(live_server.url + "/")

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    tree = page.locator("ul.tree")
    expect(tree).to_contain_text("Huyện Thạch Thành")
    expect(tree).to_contain_text("Thị trấn Vân Du")
    assert_no_horizontal_scroll(page)
    screenshot(page, "home-phone")

    page.locator("main a[href='/accounts/login/']").first.tap()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.locator("input[name=username]").fill("vandu.chutich")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").tap()

    expect(page).to_have_url(live_server.url + "/me/")
    expect(page.locator("main h1")).to_have_text("Lê Văn C")
    actions = page.locator("#allowed-actions li")
    expect(actions.first).to_be_visible()
    assert actions.count() >= 1
    assert_no_horizontal_scroll(page)
    screenshot(page, "dashboard-phone")


@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_error_in_form(live_server, demo, phone_page, screenshot):
    page = phone_page
    open_login(page, live_server)
    page.locator("input[name=username]").fill("vandu.chutich")
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main form button[type=submit]").tap()

    error = page.locator("main form [role=alert]")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("input[name=password]")).to_be_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, "login-error-phone")
