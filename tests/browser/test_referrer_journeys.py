"""Referrers in a real browser: shortlist to handout, the handout printed to PDF, the embed."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests_support import AXE_OPTIONS

from .conftest import SCHEMES


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_six_picked_groups_print_on_one_page(page):
    page.goto("/groups?near=Portland%2C+OR&per_page=12")
    links = page.locator("a.shortlist-add")
    for i in range(6):
        links.nth(i).click()
    bar = page.locator("[data-shortlist-bar]")
    assert bar.is_visible()
    assert bar.locator("[data-shortlist-count]").inner_text() == "6"
    bar.locator("[data-shortlist-link]").click()
    page.wait_for_url(re.compile(r"/handout\?group="))
    assert page.locator(".handout-item").count() == 6
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter", print_background=False)
    assert pdf_pages(pdf) == 1


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_handout_prints_and_has_no_axe_violations(page, shoot, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/handout?topic=grief&format=online")
    assert 1 <= page.locator(".handout-item").count() <= 10
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    shoot("handout", "/handout?topic=grief&format=online", color_scheme=scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_embed_has_no_axe_violations_and_opens_links_in_new_tabs(page, shoot, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/embed?topic=anxiety&format=online")
    assert page.locator("base").get_attribute("target") == "_blank"
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    shoot("embed", "/embed?topic=anxiety&format=online", color_scheme=scheme)


def test_embed_times_are_shown_in_the_readers_own_zone(browser, live_server):
    context = browser.new_context(base_url=live_server, timezone_id="Asia/Tokyo",
                                  locale="en-US")
    page = context.new_page()
    page.goto("/embed?topic=grief&format=online")
    when = page.locator("[data-reader-time]").first
    # Rewritten by deferred JavaScript: wait for it rather than read it at once.
    expect(when).to_contain_text("your time")
    text = when.inner_text()
    assert "Japan Standard Time" in text and "GMT+9" not in text
    assert re.search(r"(today|tomorrow|next \w{3}|\w{3}, \w{3} \d+|started) \d+:\d\d [AP]M", text)
    # The server's words, in the meeting's own zone, stay as the title.
    assert re.search(r" time\)?$", when.get_attribute("title"))
    assert "your time" not in when.get_attribute("title")
    context.close()


def test_embed_times_a_reader_already_shares_are_left_as_the_server_wrote_them(
        browser, live_server):
    context = browser.new_context(base_url=live_server, timezone_id="America/New_York",
                                  locale="en-US")
    page = context.new_page()
    page.goto("/embed?topic=grief&format=online&tz=America/New_York")
    page.wait_for_load_state("load")  # deferred scripts have run by "load"
    times = page.locator("[data-reader-time]")
    assert times.count() >= 1
    for i in range(times.count()):
        assert re.search(r"Eastern time\)?$", times.nth(i).inner_text())
    context.close()


def test_embed_without_javascript_names_the_meetings_zone(browser, live_server):
    context = browser.new_context(base_url=live_server, timezone_id="Asia/Tokyo",
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto("/embed?topic=grief&format=online")
    texts = page.locator("[data-reader-time]").all_inner_texts()
    assert texts and all(re.search(r"\d:\d\d [ap]m \w[\w ]* time\)?$", t) for t in texts)
    assert not any("your time" in t for t in texts)
    context.close()
