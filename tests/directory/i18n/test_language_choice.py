"""Which language a page speaks: hl, then the switcher's cookie, then Accept-Language, then
English; bad input of any kind is English with no error; links made for others keep hl."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from directory.i18n.web import LANGUAGE_COOKIE

NAV = {"en": "Find a group", "es": "Buscar un grupo", "fr": "Trouver un groupe"}


def spoken(response) -> str:  # noqa: ANN001
    html = response.get_data(as_text=True)
    lang = re.search(r'<html lang="([^"]+)">', html).group(1)
    assert f">{NAV[lang]}</a>" in html  # the words match what <html lang> says
    return lang


def test_a_page_without_any_preference_is_english(client):
    response = client.get("/")
    assert spoken(response) == "en"
    assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize("header,expected", [
    ("es-MX,es;q=0.9,en;q=0.5", "es"),
    ("fr-CA", "fr"),
    ("de-DE, fr;q=0.3", "fr"),
    ("en-GB,en;q=0.9,es;q=0.8", "en"),
    ("ja, zh-CN", "en"),
])
def test_accept_language_chooses_when_nothing_else_does(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header})
    assert spoken(response) == expected
    assert "Accept-Language" in response.headers["Vary"]


def test_the_cookie_beats_accept_language(client):
    client.set_cookie(LANGUAGE_COOKIE, "fr")
    assert spoken(client.get("/", headers={"Accept-Language": "es"})) == "fr"


def test_hl_beats_the_cookie_and_accept_language(client):
    client.set_cookie(LANGUAGE_COOKIE, "fr")
    response = client.get("/?hl=es", headers={"Accept-Language": "en"})
    assert spoken(response) == "es"
    assert "Accept-Language" not in response.headers.get("Vary", "")  # the URL decides


@pytest.mark.parametrize("hl", ["xx", "<script>alert(1)</script>", "", "e", "es" * 40,
                                "../../etc", "\u00e9s"])
def test_an_hl_we_do_not_have_is_english_without_an_error(client, hl):
    response = client.get("/groups", query_string={"hl": hl})
    assert response.status_code == 200
    assert spoken(response) == "en"
    assert "<script>alert" not in response.get_data(as_text=True)


@pytest.mark.parametrize("header", [
    "x" * 10_000,
    "es;q=" + "9" * 5000,
    "fr;q=abc, es;q=nonsense",
    ";;;,,,q=,=",
    "es;q=0",
    ",".join(f"l{i};q=0.{i % 10}" for i in range(2000)),
])
def test_a_garbage_accept_language_is_english_or_its_best_reading_never_an_error(client,
                                                                               header):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert spoken(response) in ("en", "es", "fr")
    if header in ("x" * 10_000, ";;;,,,q=,=", "es;q=0"):
        assert spoken(response) == "en"


def test_a_bad_cookie_is_ignored(client):
    client.set_cookie(LANGUAGE_COOKIE, "<b>klingon</b>")
    assert spoken(client.get("/", headers={"Accept-Language": "es"})) == "es"


def test_the_switcher_sets_a_first_party_cookie_and_goes_back(client):
    response = client.get("/language/es?next=/groups%3Ftopic%3Dgrief")
    assert response.status_code == 303
    assert response.headers["Location"] == "/groups?topic=grief"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("hl=es;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain" not in cookie
    assert spoken(client.get("/groups?topic=grief")) == "es"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x",
                                    "/\\evil.example", "javascript:alert(1)", "\r\nSet-Cookie: x",
                                    "x" * 3000])
def test_the_switcher_never_sends_the_reader_to_another_site(client, target):
    response = client.get("/language/fr", query_string={"next": target})
    if response.status_code == 400:  # control characters in a URL: refused before any view
        assert "\r" in target
        return
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_an_unknown_switcher_language_is_a_404(client):
    assert client.get("/language/xx").status_code == 404


def test_every_page_links_the_switcher_without_javascript(client):
    html = client.get("/groups?topic=grief&hl=fr").get_data(as_text=True)
    nav = html[html.index('class="language-switch"'):]
    # the other languages are plain links back to this page without its hl
    assert 'href="/language/es?next=/groups?topic%3Dgrief"' in nav
    assert '<span aria-current="true" lang="fr">Français</span>' in nav


def test_a_page_names_its_other_languages_with_hreflang(client, app):
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    base = app.config["BASE_URL"]
    for code in ("en", "es", "fr"):
        url = f"{base}/groups?topic=grief&amp;hl={code}"
        assert f'<link rel="alternate" hreflang="{code}" href="{url}">' in html
    assert f'hreflang="x-default" href="{base}/groups?topic=grief"' in html


def test_links_on_a_page_opened_with_hl_keep_it(client):
    html = client.get("/?hl=es").get_data(as_text=True)
    assert 'href="/groups?topic=grief&amp;hl=es"' in html
    assert '<input type="hidden" name="hl" value="es">' in html  # the search form too


def test_the_share_link_qr_code_handout_and_embed_keep_the_language(client, make_group):
    make_group(topics=["grief"])
    client.set_cookie(LANGUAGE_COOKIE, "fr")  # chosen with the switcher, not in the URL
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    share = re.search(r'id="share-url" type="text" readonly value="([^"]+)"', html).group(1)
    assert parse_qs(urlsplit(share.replace("&amp;", "&")).query)["hl"] == ["fr"]
    embed = re.search(r'&lt;iframe src="([^"]+)"', html).group(1)
    assert "hl=fr" in embed
    assert 'src="/groups/qr.svg?topic=grief&amp;hl=fr"' in html
    assert 'href="/handout?topic=grief&amp;hl=fr"' in html
    handout = client.get("/handout?topic=grief&hl=fr").get_data(as_text=True)
    assert '<html lang="fr">' in handout
    assert re.search(r'class="handout-url">[^<]*hl=fr', handout)
    widget = client.get("/embed?topic=grief&hl=fr").get_data(as_text=True)
    assert '<html lang="fr">' in widget
    assert re.search(r'href="[^"]*/groups/test-group-\d+\?hl=fr"', widget)


def test_an_english_page_makes_share_links_without_hl(client):
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    assert "hl=" not in re.search(r'id="share-url"[^>]*>', html).group(0)


def test_staff_pages_follow_the_same_rule_and_say_so(client):
    """Moderators and editors get their language as seekers do: hl, cookie, Accept-Language."""
    response = client.get("/admin/login", headers={"Accept-Language": "es"})
    assert '<html lang="es">' in response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "es"
    assert "Entrada de moderadores" in response.get_data(as_text=True)
    client.set_cookie("hl", "fr")
    assert '<html lang="fr">' in client.get("/organization/login").get_data(as_text=True)
    html = client.get("/admin/login?hl=en&next=/admin/").get_data(as_text=True)
    assert '<html lang="en">' in html and "Moderator login" in html


def test_the_api_speaks_hl_only(client, make_group):
    make_group(topics=["grief"])
    english = client.get("/api/v1/groups?topic=grief", headers={"Accept-Language": "es"})
    spanish = client.get("/api/v1/groups?topic=grief&hl=es")
    assert english.get_json()["results"][0]["reasons"][0] == "Grief & loss"
    assert spanish.get_json()["results"][0]["reasons"][0] == "Duelo y pérdida"
