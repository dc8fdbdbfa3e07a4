"""One Page value and one pager macro (directory/web/paging.py, _macros/paging.html), used
by the search results, the moderation queue, the audit log and the organizations list."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from flask import render_template_string

from directory.admin import views as admin_views
from directory.models import Organization
from directory.moderation import editors
from directory.web.paging import Page, fetch_page

MACRO = '{% from "_macros/paging.html" import pagination %}{{ pagination(p, "Things") }}'


def render(app, page: Page, url: str = "/things?q=tea&topic=a&topic=b&page=1",
           macro: str = MACRO) -> str:
    with app.test_request_context(url):
        return render_template_string(macro, p=page)


def links(html: str) -> dict[str, str]:
    """rel or aria-current -> href."""
    found = {}
    for attrs in re.findall(r"<a ([^>]*)>", html):
        href = unescape(re.search(r'href="([^"]*)"', attrs).group(1))
        for key in ("prev", "next"):
            if f'rel="{key}"' in attrs:
                found[key] = href
        if 'aria-current="page"' in attrs:
            found["current"] = href
    return found


def test_a_page_knows_its_neighbours_and_its_place():
    page = Page(items=list(range(10)), page=3, per_page=10, total=95)
    assert (page.pages, page.has_prev, page.has_next, page.first_number) == (10, True, True, 21)
    assert page.numbers() == [1, 2, 3, 4, 5, None, 10]
    assert Page(items=[], page=1, per_page=10, total=0).pages == 1
    first = Page(items=[1], page=1, per_page=10, total=95)
    last = Page(items=[1], page=10, per_page=10, total=95)
    assert (first.has_prev, first.has_next, last.has_prev, last.has_next) == (
        False, True, True, False)
    assert last.numbers() == [1, None, 8, 9, 10]
    assert Page(items=[], page=2, per_page=10, total=30).numbers() == [1, 2, 3]


def test_the_default_link_keeps_every_other_argument(app):
    page = Page(items=[], page=1, per_page=10, total=95)
    with app.test_request_context("/things?q=tea&topic=a&topic=b&page=1"):
        url = page.url(2)
        assert page.url(99) == page.url(10)  # never past the last page
        assert page.url(0) == page.url(1)
    parts = urlsplit(url)
    assert parts.path == "/things"
    assert parse_qsl(parts.query) == [("q", "tea"), ("topic", "a"), ("topic", "b"),
                                      ("page", "2")]


def test_past_the_last_page_gives_the_last_page():
    rows = list(range(25))

    def fetch(n):
        return rows[(n - 1) * 10:n * 10], len(rows)

    page = fetch_page(fetch, page=99, per_page=10)
    assert (page.page, page.items) == (3, rows[20:])
    assert fetch_page(fetch, page=0, per_page=10).page == 1
    assert fetch_page(lambda n: ([], 0), page=7, per_page=10).page == 1


def test_the_macro_links_prev_and_next_keeping_the_other_arguments(app):
    html = render(app, Page(items=[], page=2, per_page=10, total=35))
    assert '<nav class="pagination" aria-label="Things">' in html
    found = links(html)
    assert parse_qsl(urlsplit(found["prev"]).query) == [
        ("q", "tea"), ("topic", "a"), ("topic", "b"), ("page", "1")]
    assert parse_qsl(urlsplit(found["next"]).query)[-1] == ("page", "3")
    assert parse_qsl(urlsplit(found["current"]).query)[-1] == ("page", "2")
    assert "Page 2 of 4" in html
    assert html.count('aria-current="page"') == 1


def test_the_first_and_last_pages_have_no_link_beyond_them_and_one_page_has_no_pager(app):
    first = links(render(app, Page(items=[], page=1, per_page=10, total=35)))
    assert "prev" not in first and "next" in first
    last = links(render(app, Page(items=[], page=4, per_page=10, total=35)))
    assert "next" not in last and "prev" in last
    assert "<nav" not in render(app, Page(items=[], page=1, per_page=10, total=10))


def test_the_macro_speaks_the_readers_language(app):
    html = render(app, Page(items=[], page=2, per_page=10, total=35),
                  url="/things?hl=es&page=2")
    assert "Página anterior" in html
    assert "Previous page" not in html


def test_the_audit_log_names_its_neighbours_newer_and_older(app):
    macro = ('{% from "_macros/paging.html" import pagination %}'
             '{{ pagination(p, "Audit", prev_label="Newer", next_label="Older") }}')
    html = render(app, Page(items=[], page=2, per_page=10, total=35), macro=macro)
    assert re.search(r'rel="prev"[^>]*>Newer<', html)
    assert re.search(r'rel="next"[^>]*>Older<', html)


@pytest.fixture
def many_organizations(session, monkeypatch):
    monkeypatch.setattr(editors, "ORGANIZATIONS_PER_PAGE", 2)
    session.add_all([Organization(name=f"Org {n:02}") for n in range(5)])
    session.commit()


def test_the_organizations_list_pages_and_a_page_past_the_end_shows_the_last(
        client, login_as, many_organizations):
    login_as("moderator")
    html = client.get("/admin/organizations?q=org&page=2").get_data(as_text=True)
    assert "Org 02" in html and "Org 00" not in html
    found = links(html)
    assert found["next"] == "/admin/organizations?q=org&page=3"
    assert found["prev"] == "/admin/organizations?q=org&page=1"
    response = client.get("/admin/organizations?q=org&page=999")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Org 04" in html and "Page 3 of 3" in html
    assert "next" not in links(html)


def test_the_audit_log_and_the_queue_past_their_end_show_their_last_page(
        client, login_as, make_group, monkeypatch):
    monkeypatch.setattr(admin_views, "AUDIT_PER_PAGE", 1)
    for n in range(3):
        make_group(name=f"Audited Circle {n}")
    login_as("admin")
    for url in ("/admin/audit?page=999", "/admin/audit?page=abc", "/admin/?page=999",
                "/admin/?page=-1"):
        assert client.get(url).status_code == 200, url


def test_search_past_the_last_page_shows_the_last_page_with_its_pager(client, make_group):
    for n in range(3):
        make_group(name=f"Paged Circle {n}")
    response = client.get("/groups?per_page=2&page=50")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Page 2 of 2" in html
    found = links(html)
    assert "next" not in found
    prev = dict(parse_qsl(urlsplit(found["prev"]).query))
    assert prev.get("page", "1") == "1"  # the first page's canonical link has no page=1
    assert prev["per_page"] == "2"
