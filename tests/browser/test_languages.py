"""An English-, a Spanish- and a French-speaking seeker in a real browser: their browser's
language picks the interface, home → search → group page → handout stay in it, with zero
axe-core violations at phone and desktop sizes in the light and the dark theme; the footer
switcher changes language without JavaScript."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests_support import AXE_OPTIONS

from .conftest import SCHEMES, SCREENSHOTS, VIEWPORTS

WORDS = {
    "en": {"find": "Find groups", "heading": "Find a peer-support group",
           "when": "When and where", "pick": "Add to handout",
           "print": "Scan for the live, up-to-date list", "search": "grief"},
    "es": {"find": "Buscar grupos", "heading": "Encuentra un grupo de apoyo mutuo",
           "when": "Cuándo y dónde", "pick": "Añadir a la hoja",
           "print": "Escanea para ver la lista actualizada", "search": "duelo"},
    "fr": {"find": "Chercher des groupes", "heading": "Trouver un groupe d'entraide",
           "when": "Quand et où", "pick": "Ajouter au document",
           "print": "Scannez pour la liste à jour", "search": "deuil"},
}


def assert_accessible(page) -> None:  # noqa: ANN001
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_a_seeker_goes_from_home_to_a_handout_in_their_language(browser, live_server, lang,
                                                                 size, scheme):
    context = browser.new_context(viewport=VIEWPORTS[size], base_url=live_server,
                                  locale={"en": "en-US", "es": "es-MX", "fr": "fr-CA"}[lang],
                                  timezone_id="America/Chicago", color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(10_000)
    words = WORDS[lang]
    SCREENSHOTS.mkdir(exist_ok=True)

    def shoot(step: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"lang-{lang}-{step}-{size}-{scheme}.png"),
                        full_page=True)

    try:
        page.goto("/")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").inner_text() == words["heading"]
        assert_accessible(page)
        shoot("home")

        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
            scheme == "dark")
        page.fill("#q", words["search"])
        page.get_by_role("button", name=words["find"]).click()
        page.wait_for_url(re.compile(r"/groups\?"))
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)
        shoot("search")

        page.locator(".group-card h2 a").first.click()
        page.wait_for_url(re.compile(r"/groups/[a-z0-9-]+$"))
        assert page.get_by_role("heading", name=words["when"]).is_visible()
        assert_accessible(page)
        shoot("group")

        page.go_back()
        pick = page.locator("a.shortlist-add").first
        assert pick.inner_text() == words["pick"]  # said by site.js in the page's language
        page.goto(pick.get_attribute("href"))
        assert page.locator("html").get_attribute("lang") == lang
        assert words["print"] in page.locator(".handout-qr").inner_text()
        assert_accessible(page)
        shoot("handout")
    finally:
        context.close()


def test_the_footer_switcher_changes_the_language_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/groups?topic=grief")
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".language-switch").get_by_role("link", name="Français").click()
        page.wait_for_url(re.compile(r"/groups\?topic=grief$"))
        assert page.locator("html").get_attribute("lang") == "fr"
        page.goto("/")  # remembered on this device
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("h1").inner_text() == "Trouver un groupe d'entraide"
    finally:
        context.close()
