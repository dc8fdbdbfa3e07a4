"""The guide's pages over HTTP: language, review date, crisis line, other languages, 404s, and
the links between the guide and the search."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from directory import ROOT, create_app
from directory.cli.listings import SEED_FILE
from directory.imports import import_listing_csv
from directory.search.params import parse_search_params
from directory.services import guide
from tests_support import FIXED_NOW

CONTENT = ROOT / "content" / "guide"
ALL = [(lang, slug) for lang in guide.LANGUAGES for slug in guide.PAGES]


def html_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang,slug", ALL)
def test_each_page_in_each_language_says_its_language_review_date_and_crisis_line(
    client, lang, slug
):
    response = client.get(f"/guide/{slug}?hl={lang}")
    assert response.status_code == 200
    html = html_of(response)
    page = guide.load_page(CONTENT, lang=lang, slug=slug)
    assert f'<html lang="{lang}">' in html
    assert response.headers["Content-Language"] == lang
    assert f"<h1 id=\"guide-title\">{page.title}</h1>" in unescape(html).replace("'", "'")
    assert f'datetime="{page.last_reviewed.isoformat()}"' in html
    assert guide.review_label(page.last_reviewed, lang) in html
    assert "988" in html  # base.html's crisis line, on every page
    # The interface around the page speaks the page's language too (no English islands).
    assert '<header class="site-header">' in html
    nav = {"en": "Find a group", "es": "Buscar un grupo", "fr": "Trouver un groupe"}[lang]
    assert f">{nav}</a></li>" in html
    base = client.application.config["BASE_URL"]
    assert f'hreflang="x-default" href="{base}/guide/{slug}"' in html
    for other in guide.LANGUAGES:
        if other != lang:
            assert f'<link rel="alternate" hreflang="{other}"' in html
            assert f'href="/guide/{slug}?hl={other}" hreflang="{other}" lang="{other}"' in html


def test_the_evidence_page_lists_its_sources(client):
    html = html_of(client.get("/guide/why-peer-support?hl=en"))
    assert "Sources" in html
    for source in guide.load_page(CONTENT, lang="en", slug="why-peer-support").sources:
        assert f'href="{source.url}"' in html


@pytest.mark.parametrize("headers,cookie,expected", [
    ({"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}, None, "es"),
    ({"Accept-Language": "fr-CA"}, None, "fr"),
    ({"Accept-Language": "de-DE,de"}, None, "en"),
    ({}, None, "en"),
    ({"Accept-Language": "es"}, "fr", "fr"),  # the switcher's cookie beats the browser
])
def test_without_hl_the_language_comes_from_the_cookie_then_the_browser(
    client, headers, cookie, expected
):
    if cookie:
        client.set_cookie("hl", cookie)
    response = client.get("/guide/first-meeting", headers=headers)
    assert response.status_code == 200
    assert f'<html lang="{expected}">' in html_of(response)
    assert {"Accept-Language", "Cookie"} <= set(response.vary)


def test_hl_beats_the_cookie_and_the_browser(client):
    client.set_cookie("hl", "fr")
    response = client.get("/guide/first-meeting?hl=es", headers={"Accept-Language": "fr"})
    assert '<html lang="es">' in html_of(response)
    assert "Accept-Language" not in response.vary  # the URL alone decides


def test_other_pages_keep_html_lang_english(client):
    assert '<html lang="en">' in html_of(client.get("/"))


@pytest.mark.parametrize("lang", guide.LANGUAGES)
def test_the_index_lists_every_page_in_its_language(client, lang):
    html = html_of(client.get(f"/guide?hl={lang}"))
    assert f'<html lang="{lang}">' in html
    for page in guide.list_pages(CONTENT, lang=lang):
        assert f'href="/guide/{page.slug}?hl={lang}"' in html
        assert unescape(page.title) in unescape(html)


def test_guide_with_a_trailing_slash_redirects_to_the_index(client):
    response = client.get("/guide/?hl=fr")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/guide?hl=fr")


def test_an_unknown_page_is_a_friendly_404_listing_the_pages(client):
    response = client.get("/guide/what-is-this?hl=es")
    assert response.status_code == 404
    html = html_of(response)
    assert '<html lang="es">' in html
    assert "No encontramos esa página" in unescape(html)
    for slug in guide.PAGES:
        assert f'href="/guide/{slug}?hl=es"' in html


def test_an_unknown_language_is_a_404_linking_the_languages_the_page_has(client):
    response = client.get("/guide/first-meeting?hl=de")
    assert response.status_code == 404
    html = html_of(response)
    assert '<html lang="en">' in html
    assert "We couldn" in html
    for lang in guide.LANGUAGES:
        assert f'href="/guide/first-meeting?hl={lang}"' in html


@pytest.mark.parametrize("path", ["/guide/%3Cscript%3E", "/guide/first-meeting?hl=%3Cb%3E",
                                  "/guide?hl=zz", "/guide/..%2F..%2Fetc%2Fpasswd"])
def test_bad_guide_input_is_a_404_never_a_500(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>" not in html_of(response) and "<b>" not in html_of(response)


def test_a_page_whose_file_holds_raw_html_shows_it_as_text(tmp_path, database_url):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "first-meeting.md").write_text(
        '+++\ntitle = "Hello"\nsummary = "S"\nlast_reviewed = 2026-12-01\n+++\n'
        "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n", encoding="utf-8")
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t",
                      "GUIDE_CONTENT_DIR": str(tmp_path)})
    html = html_of(app.test_client().get("/guide/first-meeting?hl=en"))
    body = html[html.index('<div class="guide-body">'):html.index("</article>")]
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "javascript:" not in body.replace("[x](javascript:alert(1))", "")
    # The Spanish page does not exist in that folder: a 404, not a crash.
    assert app.test_client().get("/guide/first-meeting?hl=es").status_code == 404


def search_links() -> list[str]:
    links = {href for lang, slug in ALL
             for href in guide.load_page(CONTENT, lang=lang, slug=slug).links
             if href.startswith("/groups")}
    return sorted(links)


def test_the_guide_links_to_searches_for_each_approach_format_and_family_topic():
    links = search_links()
    for approach in ("twelve-step", "smart", "secular", "faith-based", "mindfulness"):
        assert f"/groups?approach={approach}" in links
    for format in ("in-person", "online", "hybrid", "phone"):
        assert f"/groups?format={format}" in links
    assert "/groups?topic=family-and-friends" in links


def test_every_search_the_guide_links_to_finds_groups_in_the_sample_directory(client, session):
    report = import_listing_csv(session, SEED_FILE.read_text(encoding="utf-8"),
                                filename=SEED_FILE.name, now=FIXED_NOW)
    assert report.ok
    session.commit()
    empty = []
    for href in search_links():
        query = urlsplit(unescape(href)).query
        params = parse_search_params(parse_qs(query))
        assert not params.problems, (href, params.problems)  # stable, valid parameters only
        response = client.get(f"/api/v1/groups?{query}")
        assert response.status_code == 200, href
        if response.get_json()["total"] == 0:
            empty.append(href)
    assert empty == [], f"guide links to searches that find nothing: {empty}"


def test_the_home_page_links_the_guide(client):
    html = html_of(client.get("/"))
    assert re.search(r'New to groups\? <a href="/guide/first-meeting">What to expect</a>', html)
    assert 'href="/guide"' in html


def test_empty_results_link_choosing_a_group(client):
    html = html_of(client.get("/groups?q=xyzzy+plugh"))
    assert 'href="/guide/choosing-a-group"' in html


def test_thin_family_results_link_the_family_page(client, make_group):
    make_group(name="Harbor Family Circle", topics=["family-and-friends"])
    html = html_of(client.get("/groups?topic=family-and-friends"))
    assert "Harbor Family Circle" in html
    assert 'href="/guide/family-and-friends"' in html


def test_plenty_of_results_do_not_push_the_guide(client, make_group):
    for i in range(guide.THIN_RESULTS):
        make_group(name=f"Circle {i}")
    html = html_of(client.get("/groups"))
    assert 'class="guide-hint"' not in html


def test_an_online_twelve_step_group_links_the_online_and_twelve_step_sections(
    client, make_group
):
    group = make_group(approach="twelve-step", format="online", welcome="open", location=None,
                       meeting={"online_url": "https://meet.example.org/circle"})
    html = html_of(client.get(f"/groups/{group.slug}"))
    assert '<a href="/guide/first-meeting">What to expect</a>' in html
    assert '<a href="/guide/first-meeting#online">Online and phone meetings</a>' in html
    assert '<a href="/guide/first-meeting#twelve-step">At a 12-step meeting</a>' in html


def test_a_closed_in_person_smart_group_links_other_approaches_and_open_or_closed(
    client, make_group
):
    group = make_group(approach="smart", format="in-person", welcome="closed")
    html = html_of(client.get(f"/groups/{group.slug}"))
    assert 'href="/guide/first-meeting#other-approaches"' in html
    assert 'href="/guide/first-meeting#open-or-closed"' in html
    assert 'href="/guide/first-meeting#online"' not in html
    assert 'href="/guide/family-and-friends"' not in html


def test_a_family_group_also_links_the_family_page(client, make_group):
    group = make_group(topics=["family-and-friends"])
    html = html_of(client.get(f"/groups/{group.slug}"))
    assert '<a href="/guide/family-and-friends">For family and friends</a>' in html
