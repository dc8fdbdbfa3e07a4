"""Referrers in a real browser: shortlist to handout, the handout printed to PDF, the embed."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

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
