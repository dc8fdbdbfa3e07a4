"""The compact list on a phone: no sideways scrolling at 390 and 320 px wide in English,
Spanish and French (each row reflows into stacked lines), still a table to assistive technology,
axe-core clean in both colour schemes. And the share controls: the device's share sheet where
the browser has navigator.share, else "Copy link" with a visible confirmation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests_support import AXE_OPTIONS

from .conftest import SCHEMES

SIZES = {"390x844": {"width": 390, "height": 844}, "320x640": {"width": 320, "height": 640}}
LISTS = ["/groups?near=Portland%2C+OR&format=in-person&view=list",
         "/groups?format=online&view=list"]
LANGS = ["en", "es", "fr"]
HEADERS = {"en": ["Group", "Where", "Next meeting", "Format", "Cost"],
           "es": None, "fr": None}  # es/fr: same five, in the language (checked for count)


@pytest.fixture
def sized(browser, live_server):
    contexts = []

    def open_page(size: str, scheme: str = "light", **options):
        context = browser.new_context(viewport=SIZES[size], base_url=live_server,
                                      locale="en-US", timezone_id="America/Chicago",
                                      color_scheme=scheme, is_mobile=True, has_touch=True,
                                      **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def overflow(page) -> tuple[int, int]:
    return page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", LISTS)
def test_the_compact_list_fits_a_phone_without_sideways_scrolling(sized, size, lang, path):
    page = sized(size)
    page.goto(f"{path}&hl={lang}")
    table = page.get_by_role("table")
    rows = table.get_by_role("row")
    assert rows.count() > 2
    scroll_width, inner_width = overflow(page)
    assert scroll_width <= inner_width, (path, lang, size, scroll_width, inner_width)
    # Still a table to assistive technology: five column headers, a row header per group.
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert len(headers) == 5
    if HEADERS[lang]:
        assert headers == HEADERS[lang]
    assert table.get_by_role("rowheader").count() == rows.count() - 1
    # Each group's cells are stacked lines inside the screen, the name first.
    first = page.locator(".results-table tbody tr").first
    name_box = first.locator("th").bounding_box()
    where_box = first.locator("td.cell-where").bounding_box()
    next_box = first.locator("td.cell-next").bounding_box()
    assert name_box["y"] < where_box["y"] < next_box["y"]
    for cell in first.locator("th, td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= inner_width + 0.5


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_the_compact_list_on_a_phone_has_no_axe_violations(sized, lang, scheme):
    page = sized("390x844", scheme)
    page.goto(f"{LISTS[0]}&hl={lang}")
    assert page.get_by_role("table").count() == 1
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_compact_list_keeps_its_columns_on_a_wide_screen(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server)
    page = context.new_page()
    page.goto(LISTS[0])
    first = page.locator(".results-table tbody tr").first
    boxes = [cell.bounding_box() for cell in first.locator("th, td").all()]
    assert len({round(box["y"]) for box in boxes}) == 1  # one line of five cells
    assert page.locator(".results-table thead").is_visible()
    context.close()


# A stand-in for the platform share sheet: records what it was given.
FAKE_SHARE = """
window.__shared = [];
Object.defineProperty(navigator, 'share', {configurable: true, value: function (data) {
  window.__shared.push(data); return Promise.resolve(); }});
Object.defineProperty(navigator, 'canShare', {configurable: true, value: function () {
  return true; }});
"""


@pytest.mark.parametrize("path", ["/groups?topic=grief&hl=es", "GROUP"])
def test_share_uses_the_devices_share_sheet_where_there_is_one(sized, path):
    page = sized("390x844")
    page.add_init_script(FAKE_SHARE)
    if path == "GROUP":
        page.goto("/groups?topic=grief&hl=fr")
        page.locator(".results .group-card h2 a").first.click()
        page.wait_for_load_state("load")
    else:
        page.goto(path)
    lang = "fr" if path == "GROUP" else "es"
    share = page.locator('[data-action="share"]')
    assert share.is_visible()
    assert page.locator('[data-action="copy"]').count() == 0  # one control, not two
    assert not page.locator("[data-share-plain]").is_visible()
    share.click()
    page.wait_for_function("window.__shared.length === 1")
    shared = page.evaluate("window.__shared[0]")
    assert shared["url"] == page.locator("#share-url").input_value()
    assert shared["url"].endswith(f"hl={lang}")  # the link opens in the sender's language
    if path == "GROUP":
        assert shared["title"] == page.locator("h1").inner_text()
    else:
        assert shared["title"] == "Grupos de apoyo"  # never the search words


def test_without_a_share_sheet_copy_link_copies_and_says_so(browser, live_server):
    context = browser.new_context(viewport=SIZES["390x844"], base_url=live_server,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/groups?topic=grief&hl=fr")
    page.locator(".results .group-card h2 a").first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("typeof navigator.share") == "undefined"  # Chromium on Linux
    assert not page.locator('[data-action="share"]').is_visible()
    page.get_by_role("button", name="Copier le lien").click()
    status = page.locator(".share .copy-status")
    status.wait_for(state="visible")
    assert status.inner_text() == "Lien copié."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#share-url").input_value() and copied.endswith("hl=fr")
    context.close()


def test_without_javascript_the_share_control_is_a_plain_link(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/groups?topic=grief&hl=es")
    page.locator(".results .group-card h2 a").first.click()
    link = page.locator("[data-share-plain] a")
    assert link.is_visible() and link.inner_text() == "Enlace a este grupo"
    assert link.get_attribute("href") == page.locator("#share-url").input_value()
    assert not page.locator('.share button').first.is_visible()
    context.close()
