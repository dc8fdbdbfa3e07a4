"""The first-timer guide in a real browser: zero axe-core violations on every page in every
language at phone and desktop sizes, and each English page prints on one or two pages."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from directory.services import guide
from tests_support import AXE_OPTIONS

from .conftest import SCHEMES, VIEWPORTS

GUIDE_PATHS = {f"{slug}-{lang}": f"/guide/{slug}?hl={lang}"
               for lang in guide.LANGUAGES for slug in guide.PAGES}
GUIDE_PATHS.update({f"index-{lang}": f"/guide?hl={lang}" for lang in guide.LANGUAGES})
GUIDE_PATHS["not-found"] = "/guide/no-such-page?hl=fr"


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def sized_page(request, browser, live_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], base_url=live_server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(GUIDE_PATHS))
def test_guide_pages_have_no_axe_violations(sized_page, name, scheme):
    sized_page.emulate_media(color_scheme=scheme)
    response = sized_page.goto(GUIDE_PATHS[name])
    assert response.status == (404 if name == "not-found" else 200)
    results = Axe().run(sized_page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("slug", guide.PAGES)
def test_each_english_page_prints_on_one_or_two_pages_without_the_nav(page, slug):
    page.goto(f"/guide/{slug}?hl=en")
    page.emulate_media(media="print")
    assert not page.locator(".site-header nav").is_visible()
    assert not page.locator(".guide-nav").is_visible()
    assert page.locator(".crisis").is_visible()
    assert page.locator(".guide-reviewed").is_visible()
    pdf = page.pdf(format="Letter", print_background=False)
    assert 1 <= pdf_pages(pdf) <= 2


def test_a_first_timer_goes_from_the_home_page_to_a_matching_search(page, shoot):
    page.goto("/")
    page.get_by_role("link", name="What to expect").click()
    page.wait_for_url(re.compile(r"/guide/first-meeting"))
    assert page.locator("h1").inner_text() == "Your first meeting"
    page.get_by_role("link", name="Groups online").click()
    page.wait_for_url(re.compile(r"/groups\?format=online"))
    assert page.locator(".results .group-card").count() > 0
    shoot("guide-first-meeting", "/guide/first-meeting?hl=en")


def test_a_spanish_browser_gets_the_spanish_page_and_can_switch_language(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="es-MX")
    page = context.new_page()
    page.goto("/guide/choosing-a-group")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Cómo elegir un grupo"
    # the page's own language links (the footer's switcher names the languages too)
    page.locator(".guide-langs").get_by_role("link", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Choisir un groupe"
    context.close()
