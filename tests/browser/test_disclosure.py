"""A citizen on a phone finds Vân Du's 2023 budget estimate by typing without diacritics, reads the
table and the chart, and downloads the spreadsheet."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SHOTS = Path("/tmp/shots/disclosure")


@pytest.mark.django_db(transaction=True)
def test_find_budget_estimate_on_phone(live_server, demo, phone_page):
    from thanthien.demo import disclosure

    disclosure.load()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = phone_page
    page.goto(live_server.url + "/")
    page.locator("header nav a[href='/disclosure/']").tap()
    page.locator("input[name=q]").first.fill("du toan ngan sach")
    page.locator("form.search button").tap()
    result = page.locator("#results a", has_text="Dự toán ngân sách 2023 của Thị trấn Vân Du")
    expect(result).to_be_visible()
    page.screenshot(path=str(SHOTS / "search-phone.png"), full_page=True)
    result.tap()
    expect(page).to_have_url(re.compile(r"/disclosure/\d+/$"))
    expect(page.locator("#disclosure-table")).to_contain_text("Chi thường xuyên")
    expect(page.locator("#disclosure-table")).to_contain_text("11.980.000.000")
    expect(page.locator("#chart-items svg")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide"
    page.screenshot(path=str(SHOTS / "detail-phone.png"), full_page=True)
    with page.expect_download() as info:
        page.locator("a[href$='table.xlsx']").tap()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = download.path()
    assert path is not None and Path(path).read_bytes()[:2] == b"PK"
