"""A seeker's journeys in a real browser, accessibility scans and screenshots."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests_support import AXE_OPTIONS

from .conftest import SCHEMES


def result_names(page) -> list[str]:
    return page.locator(".results .group-card h2").all_inner_texts()


def test_search_by_typing_then_open_a_group(page):
    page.goto("/")
    page.get_by_label("What are you looking for help with?").fill("people pleasing")
    page.get_by_label("Where?").fill("Portland, OR")
    page.get_by_label("Where?").press("Enter")
    page.wait_for_url(re.compile(r"/groups\?"))
    heading = page.locator("#results-heading")
    assert re.search(r"\d+ groups? near Portland, Oregon", heading.inner_text())
    first = page.locator(".results .group-card h2 a").first
    name = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == name
    assert page.get_by_role("link", name="Add to calendar (.ics)").is_visible()


def test_filter_then_remove_the_filter_chip(page):
    page.goto("/groups?topic=grief")
    before = page.locator("#results-heading").inner_text()
    page.get_by_text("Edit search").click()
    page.locator("details.more-filters").evaluate("d => d.open = true")
    page.get_by_role("group", name="Cost").get_by_label("Free").check()
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"cost=free"))
    chip = page.get_by_role("link", name=re.compile(r"Cost: Free"))
    assert chip.is_visible()
    for card in page.locator(".results .group-card").all():
        assert "Free" in card.inner_text()
    chip.click()
    page.wait_for_url(re.compile(r"^(?!.*cost=).*$"))
    assert page.locator("#results-heading").inner_text() == before


def test_share_link_round_trip_shows_the_same_results_in_the_same_order(page):
    page.goto("/groups?q=grief&format=online&sort=soonest")
    names = result_names(page)
    assert names
    link = page.locator("#share-url").input_value()
    assert "q=grief" in link and "format=online" in link
    page.goto(link.replace("http://127.0.0.1:5000", ""))
    assert result_names(page) == names
    qr = page.locator("img.qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")


def test_use_my_location_searches_near_the_browser_position(browser, live_server):
    context = browser.new_context(
        base_url=live_server, geolocation={"latitude": 45.52, "longitude": -122.68},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url(re.compile(r"lat=45\.52"))
    assert "near your location" in page.locator("#results-heading").inner_text()
    page.goto(page.url + "&sort=distance")
    distances = page.locator(".facts dt:text-is('Distance') + dd").all_inner_texts()
    assert distances and all(d.endswith("mi") or d == "nearby" for d in distances)
    context.close()


def test_the_whole_search_works_by_keyboard_alone(page):
    page.goto("/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("grief")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=grief"))
    assert result_names(page)


def test_tz_is_filled_by_javascript_for_online_times(page):
    page.goto("/")
    page.get_by_label("What are you looking for help with?").fill("anxiety")
    page.get_by_label("What are you looking for help with?").press("Enter")
    page.wait_for_url(re.compile(r"tz=America%2FLos_Angeles"))


PAGES = {
    "home": "/",
    "results": "/groups?q=people+pleasing&near=Portland%2C+OR",
    "results-filtered": "/groups?topic=grief&format=online&cost=free&sort=soonest",
    "no-results": "/groups?q=xyzzy+plugh",
    "bad-input": "/groups?lat=999&page=0&colour=blue",
    "not-found": "/groups/no-such-group",
}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_have_no_axe_violations(page, shoot, name, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(PAGES[name])
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    shoot(name, PAGES[name], color_scheme=scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_group_page_has_no_axe_violations(page, shoot, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/groups?near=Portland%2C+OR&format=in-person")
    href = page.locator(".results .group-card h2 a").first.get_attribute("href")
    page.goto(href)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    shoot("group", href, color_scheme=scheme)


def test_online_meeting_times_are_also_shown_in_the_seekers_own_zone(browser, live_server):
    context = browser.new_context(base_url=live_server, timezone_id="Asia/Tokyo",
                                  locale="en-US")
    page = context.new_page()
    page.goto("/groups?format=online&sort=soonest")
    page.locator(".results .group-card h2 a").first.click()
    page.wait_for_url(re.compile(r"/groups/[^?]+$"))
    your_time = page.locator("[data-your-time]").first
    # Filled by deferred JavaScript: wait for it rather than read it at once (flaky under load).
    expect(your_time).to_contain_text("your time")
    # The reader's zone in words, never an abbreviation or an offset.
    assert "Japan Standard Time" in your_time.inner_text()
    assert "GMT+9" not in your_time.inner_text() and "JST" not in your_time.inner_text()
    context.close()


@pytest.mark.parametrize(("lang", "zone"), [("es", "hora estándar de Japón"),
                                            ("fr", "heure normale du Japon")])
def test_the_readers_own_zone_is_named_in_words_in_their_language(browser, live_server, lang,
                                                                  zone):
    context = browser.new_context(base_url=live_server, timezone_id="Asia/Tokyo", locale=lang)
    page = context.new_page()
    page.goto(f"/groups?format=online&sort=soonest&hl={lang}")
    page.locator(".results .group-card h2 a").first.click()
    your_time = page.locator("[data-your-time]").first
    expect(your_time).to_contain_text(zone)
    assert "GMT+9" not in your_time.inner_text()
    context.close()
