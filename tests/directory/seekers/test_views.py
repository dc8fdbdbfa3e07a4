"""The views seekers expect (#15): join buttons, zone names in words, the compact list chosen
by `view=` and remembered, larger text, and dark-mode-ready pages that still make no
third-party request."""

from __future__ import annotations

import re

import pytest

from directory.seekers.preferences import VIEW_COOKIE


@pytest.fixture
def directory(make_group):
    """An in-person group in Portland, an online Zoom group, a phone group."""
    make_group(slug="pdx-family", name="Eastside Family Circle", topics=["family-and-friends"])
    make_group(slug="zoom-grief", name="Good Mourning Online", topics=["grief"],
               format="online", location=None,
               meeting={"online_url": "https://us02web.zoom.us/j/81234567890?pwd=quiet",
                        "online_phone": "+1 646-555-0100,,81234567890#",
                        "timezone": "America/Toronto"})
    make_group(slug="phone-anxiety", name="Calm Line", topics=["anxiety"], format="phone",
               location=None, meeting={"online_phone": "+1 312-555-0194"})


def visible_text(html: str) -> str:
    """The page's text without tags and attribute values (what a reader sees)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


# --- join buttons and zones in words --------------------------------------------------------


def test_group_page_offers_join_on_zoom_and_a_one_tap_call_in_instead_of_raw_details(
        client, directory):
    html = client.get("/groups/zoom-grief").get_data(as_text=True)
    assert re.search(r'<a class="button join-button" href="https://us02web\.zoom\.us/j/'
                     r'81234567890\?pwd=quiet"[^>]*>Join on Zoom</a>', html)
    assert 'href="tel:+16465550100,,81234567890%23"' in html
    assert "Call in" in html and "One tap" in html
    text = visible_text(html)
    assert "zoom.us" not in text and "pwd=" not in text  # the URL is a button, not text
    assert "(Eastern time)" in text and "America/Toronto" not in text


def test_unknown_conference_hosts_get_a_plain_join_online_button(client, make_group):
    group = make_group(format="online", location=None,
                       meeting={"online_url": "https://video.example.net/room/7"})
    html = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert ">Join online</a>" in html and "video.example.net/room/7" not in visible_text(html)


def test_result_cards_offer_the_join_button_of_the_next_online_meeting(client, directory):
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    card = html[html.index("Good Mourning Online"):]
    card = card[:card.index("</article>")]
    assert ">Join on Zoom</a>" in card and 'href="tel:+16465550100,,81234567890%23"' in card


def test_in_person_cards_have_no_join_button(client, directory):
    html = client.get("/groups?topic=family-and-friends").get_data(as_text=True)
    assert "Eastside Family Circle" in html and "join-button" not in html


# --- the compact list -----------------------------------------------------------------------


def test_view_list_shows_a_table_with_column_and_row_headers_and_remembers_it(client, directory):
    response = client.get("/groups?view=list")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<table class="results-table">' in html and "<caption" in html
    headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert headers == ["Group", "Where", "Next meeting", "Format", "Cost"]
    assert html.count('<th scope="row">') == 3
    assert 'class="group-card"' not in html
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{VIEW_COOKIE}=list") and "SameSite=Lax" in cookie
    assert "Max-Age=31536000" in cookie
    # The next search on this device, with no parameter, is a list again.
    again = client.get("/groups?topic=grief").get_data(as_text=True)
    assert '<table class="results-table">' in again
    assert "Set-Cookie" not in client.get("/groups?topic=grief").headers


def test_the_list_names_where_each_group_meets(client, directory):
    html = client.get("/groups?view=list").get_data(as_text=True)
    rows = dict(re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*<td[^>]*>([^<]+)',
                           html))
    assert rows["Eastside Family Circle"].startswith("Harbor Lane Hall, Portland")
    assert rows["Good Mourning Online"].strip() == "Online"
    assert rows["Calm Line"].strip() == "By phone"


def test_view_cards_switches_back(client, directory):
    client.get("/groups?view=list")
    html = client.get("/groups?view=cards").get_data(as_text=True)
    assert 'class="group-card"' in html and "results-table" not in html
    assert 'class="group-card"' in client.get("/groups").get_data(as_text=True)


def test_a_list_view_link_keeps_the_view_in_its_links_and_share_link(client, directory):
    html = client.get("/groups?topic=grief&topic=anxiety&per_page=1&view=list").get_data(
        as_text=True)
    assert re.search(r'rel="next" href="/groups\?[^"]*page=2[^"]*&amp;view=list"', html)
    share = re.search(r'id="share-url" type="text" readonly value="([^"]+)"', html).group(1)
    assert share.endswith("view=list")
    assert 'aria-current="true">Compact list</a>' in html
    # Remembered by the cookie, the next page's links need no parameter.
    remembered = client.get("/groups?topic=grief&topic=anxiety&per_page=1").get_data(
        as_text=True)
    assert '<table class="results-table">' in remembered
    next_link = re.search(r'rel="next" href="(/groups\?[^"]*page=2[^"]*)"', remembered).group(1)
    assert "view=" not in next_link


def test_the_view_switch_links_carry_the_search_and_mark_the_current_view(client, directory):
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    assert '<a href="/groups?topic=grief&amp;view=cards" aria-current="true">Cards</a>' in html
    assert '<a href="/groups?topic=grief&amp;view=list">Compact list</a>' in html


@pytest.mark.parametrize("value", ["table", "<script>alert(1)</script>", "x" * 5000])
def test_an_unknown_view_is_ignored_with_a_notice(client, directory, value):
    response = client.get("/groups", query_string={"view": value})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Unknown view" in html and "<script>alert" not in html
    assert 'class="group-card"' in html
    assert "Set-Cookie" not in response.headers


def test_a_tampered_view_cookie_falls_back_to_cards(client, directory):
    client.set_cookie(VIEW_COOKIE, "<b>")
    response = client.get("/groups")
    assert response.status_code == 200 and 'class="group-card"' in response.get_data(as_text=True)


def test_the_api_accepts_the_view_parameter_without_changing_its_answer(client, directory):
    plain = client.get("/api/v1/groups?topic=grief").get_json()
    listed = client.get("/api/v1/groups?topic=grief&view=list")
    assert listed.status_code == 200 and listed.get_json()["total"] == plain["total"]


def test_html_pages_vary_on_cookie_in_one_vary_header(client, directory):
    response = client.get("/groups", headers={"Accept-Encoding": "gzip"})
    # Pages differ by cookie (view, text size, language), encoding and Accept-Language.
    assert response.headers.getlist("Vary") == ["Cookie, Accept-Encoding, Accept-Language"]


# --- larger text ----------------------------------------------------------------------------


def test_the_larger_text_link_remembers_and_returns_to_the_page(client, directory):
    home = client.get("/").get_data(as_text=True)
    assert re.search(r'href="/preferences/text-size\?size=large&amp;next=/"', home)
    response = client.get("/preferences/text-size?size=large&next=/groups?topic=grief")
    assert response.status_code == 303
    assert response.headers["Location"] == "/groups?topic=grief"
    assert response.headers["Set-Cookie"].startswith("circles_text=large")
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    assert '<html lang="en" class="text-large">' in html
    assert ">Standard text</a>" in html
    client.get("/preferences/text-size?size=normal&next=/")
    assert 'class="text-large"' not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)", ""])
def test_the_text_size_link_never_sends_anyone_elsewhere(client, target):
    response = client.get("/preferences/text-size", query_string={"size": "large",
                                                                  "next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/"


@pytest.mark.parametrize("size", ["huge", "", "<script>"])
def test_an_unknown_text_size_is_a_clear_400(client, size):
    response = client.get("/preferences/text-size", query_string={"size": size, "next": "/"})
    assert response.status_code == 400
    assert "That request didn't make sense" in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers


# --- favicon and manifest -------------------------------------------------------------------


def test_favicon_is_our_own_icon_cached_for_a_day(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/vnd.microsoft.icon"
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an icon resource
        assert response.headers["Cache-Control"] == "public, max-age=86400"


def test_manifest_names_the_site_and_its_icons_are_served_immutable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    assert response.headers["Cache-Control"] == "public, max-age=86400"
    manifest = response.get_json(force=True)
    assert manifest["short_name"] == "Circles" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512", "any"} <= sizes
    for icon in manifest["icons"]:
        with client.get(icon["src"]) as image:
            assert image.status_code == 200, icon["src"]
            assert image.mimetype == icon["type"]
            assert "immutable" in image.headers["Cache-Control"]


def test_every_page_links_the_icons_and_manifest_and_declares_both_colour_schemes(client):
    html = client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert '<meta name="color-scheme" content="light dark">' in html


def test_the_stylesheet_has_a_dark_scheme_and_a_larger_text_size(client):
    with client.get("/static/css/site.css") as response:
        css = response.get_data(as_text=True)
    assert "@media (prefers-color-scheme: dark)" in css
    assert "html.text-large" in css


# --- no map unless configured ---------------------------------------------------------------


EXTERNAL = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//',
                      re.I)


@pytest.mark.parametrize("path", ["/", "/groups", "/groups?view=list", "/groups/pdx-family"])
def test_without_map_tiles_there_is_no_map_and_nothing_third_party(client, directory, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "data-map" not in html and "leaflet" not in html.lower() and "map.js" not in html
    # Our own absolute links (the hreflang alternates name this site) are not third party.
    own = client.application.config["BASE_URL"]
    assert EXTERNAL.search(html.replace(f'href="{own}', 'href="')) is None
    csp = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:;" in csp and "http" not in csp


def test_the_view_links_keep_the_interface_language(client, directory):
    html = client.get("/groups?topic=grief&hl=es").get_data(as_text=True)
    assert re.search(r'<a [^>]*href="/groups\?topic=grief&amp;view=list&amp;hl=es"', html)


def test_search_links_on_a_page_opened_with_hl_are_well_formed(client, directory):
    # Every link built from the search keeps the language once, after the search itself.
    html = client.get("/groups?topic=grief&format=online&hl=fr&view=list").get_data(as_text=True)
    hrefs = re.findall(r'href="(/groups\?[^"]*)"', html)
    assert hrefs
    for href in hrefs:
        assert href.count("?") == 1, href
        assert href.count("hl=fr") == 1 and href.endswith("hl=fr"), href


def test_the_manifest_speaks_the_language_of_the_page_that_links_it(client):
    html = client.get("/?hl=fr").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest?hl=fr">' in html
    manifest = client.get("/manifest.webmanifest?hl=fr").get_json(force=True)
    assert manifest["lang"] == "fr" and manifest["start_url"] == "/?hl=fr"
    assert manifest["name"].startswith("Circles") and "peer-support" not in manifest["name"]
    assert "Trouvez un groupe" in manifest["description"]
    response = client.get("/manifest.webmanifest", headers={"Accept-Language": "es"})
    assert response.get_json(force=True)["lang"] == "es"
    assert "Accept-Language" in response.headers["Vary"]
