"""A seeker in crisis on a phone (390×844, real Chromium): the crisis panel comes first, its
numbers are big tappable tel:/sms: links, in the seeker's language; axe finds nothing; the
quick-exit control leaves (one tap, or Escape twice) and replaces the history entry."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCHEMES, VIEWPORTS
from tests_support import AXE_OPTIONS

CRISIS_SEARCHES = [
    ("en-US", "/groups?q=i+want+to+die", "You don't have to face this alone", "Call 988"),
    ("es-MX", "/groups?q=quiero+morir", "No tienes que pasar por esto a solas", "Llamar 988"),
    ("fr-CA", "/groups?q=je+veux+mourir&tz=America/Toronto",
     "Vous n'avez pas à traverser cela seul·e", "Appeler 9-8-8"),
]


@pytest.fixture
def phone(browser, live_server):
    contexts = []

    def open_phone(locale: str = "en-US", *, javascript: bool = True):
        context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=live_server,
                                      locale=locale, timezone_id="America/Chicago",
                                      has_touch=True, is_mobile=True,
                                      java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_phone
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("locale", "path", "heading", "call"), CRISIS_SEARCHES)
def test_the_crisis_panel_comes_first_with_tappable_links(phone, shoot, locale, path, heading,
                                                          call):
    page = phone(locale)
    page.goto(path)
    panel = page.locator("[data-crisis-panel]")
    assert panel.get_by_role("heading", level=2).inner_text() == heading
    box = panel.bounding_box()
    assert box["y"] < VIEWPORTS["phone"]["height"]  # in the first screen
    call_link = panel.get_by_role("link", name=call)
    assert call_link.get_attribute("href").startswith("tel:")
    tap = call_link.bounding_box()
    assert tap["y"] + tap["height"] <= VIEWPORTS["phone"]["height"]  # tappable without scrolling
    assert tap["height"] >= 44 and tap["width"] >= 44  # WCAG 2.5.5 target size
    assert panel.locator('a[href^="sms:"]').count() >= 1
    first_group = page.locator(".results .group-card").first
    if first_group.count():
        assert first_group.bounding_box()["y"] > box["y"] + box["height"]
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    shoot(f"crisis-{locale}", path)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_embed_shows_the_panel_without_axe_violations(phone, scheme):
    page = phone()
    page.emulate_media(color_scheme=scheme)
    page.goto("/embed?q=kill+myself")
    assert page.locator("[data-crisis-panel] a[href='tel:988']").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_escape_twice_leaves_and_replaces_the_history_entry(phone):
    page = phone()
    page.goto("/")
    page.goto("/groups?q=my+husband+hits+me")
    page.keyboard.press("Escape")
    page.wait_for_timeout(100)
    assert "/groups" in page.url  # one Escape alone does nothing
    page.keyboard.press("Escape")
    page.wait_for_url("about:blank")
    page.go_back()
    assert "/groups" not in page.url  # the crisis search is no longer in the history


def test_one_tap_on_quick_exit_leaves(phone):
    page = phone()
    page.goto("/groups?q=self+harm")
    exit_link = page.get_by_role("link", name="Quick exit")
    box = exit_link.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORTS["phone"]["height"]
    exit_link.tap()
    page.wait_for_url("about:blank")


def test_quick_exit_is_a_plain_link_without_javascript(phone):
    page = phone(javascript=False)
    page.goto("/groups?q=suicidal")
    assert page.locator("[data-crisis-panel] a[href^='tel:']").first.is_visible()
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("about:blank")
