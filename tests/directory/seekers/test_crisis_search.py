"""Crisis-aware search: the panel first on the page, the API's `crisis` object, the embed,
the seeker's country and language, the crisis-line table and its settings, clean logs, and
the quick-exit control on every page."""

from __future__ import annotations

import logging
import re

import pytest

from directory import create_app
from directory.models import Location
from directory.services.crisis import (
    DEFAULT_LINES,
    INTERNATIONAL,
    CrisisConfigError,
    build_panel,
    crisis_plan,
    dial_string,
    lines_for,
    load_lines,
    panel_language,
    seeker_country,
)
from directory.templating import tel_links
from matching.crisis import detect_crisis

LONDON = dict(name="Hall", address="1 Strand", city="London", region="England",
              postal_code="WC2N 5DN", country="GB", latitude=51.5081, longitude=-0.1248)


@pytest.fixture
def directory(make_group):
    make_group(slug="blue-days", name="Blue Days Circle", topics=["depression"],
               format="online", location=None,
               meeting={"online_url": "https://meet.example.org/blue",
                        "timezone": "America/New_York"})
    make_group(slug="after-loss", name="After Loss Circle", topics=["grief"],
               format="online", location=None,
               meeting={"online_url": "https://meet.example.org/loss",
                        "timezone": "America/Chicago"})
    make_group(slug="pdx-family", name="Eastside Family Circle", topics=["codependency"])
    make_group(slug="london-calm", name="Calm Minds London", topics=["depression"],
               location=Location(**LONDON), meeting={"timezone": "Europe/London"})


def _html(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_crisis_search_opens_with_the_panel_before_any_group(client, directory):
    html = _html(client, "/groups?q=i+want+to+die")
    panel = html.index("data-crisis-panel")
    assert panel < html.index('class="results"')
    assert panel < html.index("Blue Days Circle")
    assert panel < html.index('id="filters"')  # before the form, right under the heading
    assert 'href="tel:988"' in html and 'href="sms:988"' in html


def test_a_crisis_search_finds_groups_that_help_instead_of_nothing(client, directory):
    html = _html(client, "/groups?q=i+want+to+die")
    assert "Blue Days Circle" in html and "After Loss Circle" in html  # depression, grief
    assert "Eastside Family Circle" not in html
    assert "Search without the words" not in html
    assert re.search(r"<p class=\"crisis-groups\">", html)


def test_a_crisis_with_other_words_searches_those_words(client, directory):
    body = client.get("/api/v1/groups?q=suicidal+family+circle").get_json()
    assert body["crisis"]["kind"] == "suicide"
    assert "pdx-family" in [r["group"]["slug"] for r in body["results"]]


def test_chosen_topics_are_kept_in_a_crisis_search(client, directory):
    body = client.get("/api/v1/groups?q=kill+myself&topic=codependency").get_json()
    assert [r["group"]["slug"] for r in body["results"]] == ["pdx-family"]
    assert body["crisis"]["lines"]


@pytest.mark.parametrize("q", ["grief after suicide", "suicide loss survivors",
                               "harm reduction", "overdose prevention", "codependency"])
def test_group_topics_get_no_panel_and_no_crisis_object(client, directory, q):
    assert "data-crisis-panel" not in _html(client, f"/groups?q={q}")
    assert "crisis" not in client.get(f"/api/v1/groups?q={q}").get_json()


def test_the_api_adds_a_crisis_object_with_lines(client, directory):
    body = client.get("/api/v1/groups?q=self+harm").get_json()
    crisis = body["crisis"]
    assert crisis["kind"] == "self-harm" and crisis["country"] == "US"
    assert crisis["message"].startswith("If you are thinking about suicide")
    assert crisis["lines"][0] == {"name": "988 Suicide & Crisis Lifeline", "country": "US",
                                  "phone": "988", "sms": "988",
                                  "url": "https://988lifeline.org/chat"}
    assert crisis["lines"][-1]["url"] == "https://findahelpline.com"
    assert body["total"] >= 1  # groups still follow


@pytest.mark.parametrize(("url", "headers", "language", "start"), [
    ("/api/v1/groups?q=quiero+morir", {}, "es", "Si estás pensando"),
    ("/api/v1/groups?q=je+veux+mourir", {}, "fr", "Si vous pensez"),
    ("/api/v1/groups?q=je+veux+mourir&hl=es", {"Accept-Language": "fr-FR"}, "es", "Si estás"),
    ("/api/v1/groups?q=quiero+morir", {"Accept-Language": "fr-CA,fr;q=0.9"}, "fr", "Si vous"),
    ("/api/v1/groups?q=quiero+morir", {"Accept-Language": "de-DE,en;q=0.5"}, "es", "Si estás"),
    ("/api/v1/groups?q=i+want+to+die&hl=xx", {"Accept-Language": "en-GB"}, "en", "If you"),
])
def test_the_message_language_is_hl_else_accept_language_else_the_words(
        client, directory, url, headers, language, start):
    crisis = client.get(url, headers=headers).get_json()["crisis"]
    assert crisis["language"] == language and crisis["message"].startswith(start)


def test_the_page_panel_is_marked_with_its_language(client, directory):
    html = _html(client, "/groups?q=quiero+morir", **{"Accept-Language": "es-MX"})
    assert 'lang="es" data-crisis-panel' in html
    assert "No tienes que pasar por esto a solas" in html
    assert ">Llamar 988</a>" in html


@pytest.mark.parametrize(("query", "lang", "names"), [
    ("q=quiero+morir", "es", ["988 Línea de Prevención del Suicidio y Crisis",
                              "Find A Helpline (líneas de crisis en todos los países)"]),
    ("q=je+veux+mourir&tz=America/Toronto", "fr",
     ["9-8-8\u00a0: Ligne d’aide en cas de crise de suicide",
      "Find A Helpline (lignes d’écoute dans tous les pays)"]),
])
def test_the_lines_names_are_said_in_the_panels_language(client, directory, query, lang,
                                                          names):
    html = _html(client, f"/groups?{query}&hl={lang}")
    shown = re.findall(r'<span class="crisis-line-name">([^<]*)</span>', html)
    assert [name.replace("&amp;", "&") for name in shown] == names
    assert "Suicide & Crisis" not in html and "every country" not in html
    crisis = client.get(f"/api/v1/groups?{query}&hl={lang}").get_json()["crisis"]
    assert [line["name"] for line in crisis["lines"]] == names


def test_configured_lines_keep_the_names_they_were_given(directory):
    table = load_lines({"GB": [{"name": "Our local line", "phone": "0800 000 000"}]})
    panel = build_panel(detect_crisis("i want to die"), country="GB", language="fr",
                        table=table)
    assert [line.name for line in panel.lines][0] == "Our local line"


@pytest.mark.parametrize(("query", "country", "first_tel"), [
    ("near=London", "GB", "tel:116123"),
    ("near=Dublin%2C+Ireland", "IE", "tel:116123"),
    ("tz=Australia/Sydney", "AU", "tel:131114"),
    ("tz=Pacific/Auckland", "NZ", "tel:1737"),
    ("tz=America/Toronto", "CA", "tel:988"),
    ("near=London&tz=America/Chicago", "GB", "tel:116123"),  # the place comes first
    ("lat=-33.87&lon=151.21", "AU", "tel:131114"),
    ("", "US", "tel:988"),  # DEFAULT_COUNTRY
])
def test_the_lines_are_for_the_seekers_country(client, directory, query, country, first_tel):
    crisis = client.get(f"/api/v1/groups?q=suicidal&{query}").get_json()["crisis"]
    assert crisis["country"] == country
    html = _html(client, f"/groups?q=suicidal&{query}")
    assert html.index(f'href="{first_tel}"') < html.index('class="results"')


@pytest.mark.parametrize(("accept_language", "country"), [
    ("en-AU,en;q=0.8", "AU"), ("fr-CA", "CA"), ("en-GB", "GB"), ("es", "US"),
    ("es-MX", "US")])  # es-MX is also how many Spanish speakers in the US set their browser
def test_without_place_or_zone_the_lines_follow_the_browsers_country(
        client, directory, accept_language, country):
    crisis = client.get("/api/v1/groups?q=suicidal",
                        headers={"Accept-Language": accept_language}).get_json()["crisis"]
    assert crisis["country"] == country


def test_a_factory_set_us_english_browser_does_not_outrank_the_default_country(
        app, client, directory):
    app.config["DEFAULT_COUNTRY"] = "GB"
    crisis = client.get("/api/v1/groups?q=suicidal",
                        headers={"Accept-Language": "en-US,en;q=0.9"}).get_json()["crisis"]
    assert crisis["country"] == "GB"


@pytest.mark.parametrize("query", ["tz=Europe/Paris", "near=Paris%2C+France"])
def test_a_country_without_lines_gets_the_international_fallback(client, directory, query):
    crisis = client.get(f"/api/v1/groups?q=suicidal&{query}").get_json()["crisis"]
    assert crisis["country"] is None
    assert [line["url"] for line in crisis["lines"]] == ["https://findahelpline.com"]
    assert "local emergency number" in crisis["message"]


def test_an_unknown_default_country_gets_the_international_fallback(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "DEFAULT_COUNTRY": "FR"})
    from sqlmodel import SQLModel

    from directory.db import get_engine

    SQLModel.metadata.create_all(get_engine(app))
    crisis = app.test_client().get("/api/v1/groups?q=suicidal").get_json()["crisis"]
    assert crisis["country"] is None and len(crisis["lines"]) == 1


def test_a_crisis_phrase_inside_a_ten_kilobyte_query_is_still_recognised(client, directory):
    words = "looking for a group that meets on tuesday evenings near my work " * 80
    q = words[:5000] + " honestly i want to kill myself " + words[:5000]
    assert len(q) > 10_000
    response = client.get("/groups", query_string={"q": q})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "data-crisis-panel" in html and "shortened" in html
    api = client.get("/api/v1/groups", query_string={"q": q})  # too long for the API …
    assert api.status_code == 400 and api.get_json()["error"]["details"][0]["param"] == "q"
    assert api.get_json()["crisis"]["kind"] == "suicide"  # … which still says where help is


def test_the_embed_shows_the_panel_with_its_links(client, directory):
    html = _html(client, "/embed?q=i+took+too+many+pills")
    assert html.index("data-crisis-panel") < html.index('class="embed-list"')
    assert 'href="tel:988"' in html
    assert "data-crisis-panel" not in _html(client, "/embed?q=grief")


def test_crisis_words_are_never_in_the_page_title(client, directory):
    html = _html(client, "/groups?q=i+want+to+kill+myself")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "kill" not in title and "myself" not in title
    assert "people pleasing" not in re.search(
        r"<title>(.*?)</title>", _html(client, "/groups?q=people+pleasing"), re.S).group(1)


def test_crisis_searches_never_reach_the_logs(client, directory, caplog):
    with caplog.at_level(logging.DEBUG):
        client.get("/groups?q=i+want+to+kill+myself&near=London")
        client.get("/api/v1/groups?q=quiero+morir")
        client.get("/embed?q=je+veux+mourir")
        client.get("/groups?q=suicidal&lat=999")
    text = caplog.text.lower()
    assert not any(w in text for w in ("kill", "myself", "morir", "mourir", "suicid"))


def test_the_request_log_drops_a_crisis_query_string():
    from directory.gunicorn_logging import redact_path
    from directory.security import RedactQueryStrings

    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1,
                               '127.0.0.1 - - "GET /groups?q=i+want+to+die HTTP/1.1" 200 -',
                               (), None)
    RedactQueryStrings().filter(record)
    assert "die" not in record.getMessage()
    assert redact_path("/api/v1/groups?q=kill+myself") == "/api/v1/groups"


def test_the_banner_numbers_are_tel_links_on_every_page(client, make_group):
    group = make_group()
    for url in ("/", "/groups", f"/groups/{group.slug}", "/submit"):
        assert 'href="tel:988"' in _html(client, url), url


def test_a_configured_crisis_line_is_the_banner_and_joins_the_panel(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "CRISIS_LINE": "Call Lifeline on 13 11 14 (24/7)"})
    from sqlmodel import SQLModel

    from directory.db import get_engine

    SQLModel.metadata.create_all(get_engine(app))
    client = app.test_client()
    home = _html(client, "/")
    assert 'Call Lifeline on <a href="tel:131114">13 11 14</a> (24/7)' in home
    panel = _html(client, "/groups?q=suicidal")
    start = panel.index("data-crisis-panel")
    assert panel.index('<a href="tel:131114">', start) > start


def test_the_crisis_lines_setting_replaces_a_countrys_lines(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "CRISIS_LINES": {"us": [{"name": "County Crisis Line",
                                               "phone": "555-0100"}]}})
    from sqlmodel import SQLModel

    from directory.db import get_engine

    SQLModel.metadata.create_all(get_engine(app))
    crisis = app.test_client().get("/api/v1/groups?q=suicidal").get_json()["crisis"]
    assert crisis["lines"][0] == {"name": "County Crisis Line", "country": "US",
                                  "phone": "555-0100", "sms": None, "url": None}


@pytest.mark.parametrize("bad", [
    {"XYZ": [{"name": "A", "phone": "1"}]},
    {"GB": [{"phone": "116 123"}]},
    {"GB": [{"name": "No way to reach it"}]},
    {"GB": [{"name": "Bad", "phone": "call me"}]},
    {"GB": [{"name": "Plain", "url": "http://example.org"}]},
    ["not", "a", "mapping"],
])
def test_a_malformed_crisis_lines_setting_stops_the_app_at_start(database_url, bad):
    with pytest.raises(CrisisConfigError):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "CRISIS_LINES": bad})


def test_the_crisis_lines_file_is_read(tmp_path):
    path = tmp_path / "lines.json"
    path.write_text('{"NZ": [{"name": "Example line", "sms": "555 0101"}]}', encoding="utf-8")
    table = load_lines(path=str(path))
    assert table["NZ"][0].sms_href == "sms:5550101"
    assert table["GB"] == DEFAULT_LINES["GB"]
    path.write_text("{nope", encoding="utf-8")
    with pytest.raises(CrisisConfigError):
        load_lines(path=str(path))


def test_every_default_line_can_be_reached_by_a_link():
    for country, lines in DEFAULT_LINES.items():
        for line in lines:
            assert line.tel_href or line.sms_href or line.url, (country, line.name)
            assert line.country == (None if country == INTERNATIONAL else country)
            for href in (line.tel_href, line.sms_href):
                assert href is None or re.fullmatch(r"(tel|sms):\+?\d{3,15}", href)


@pytest.mark.parametrize(("place", "tz", "default", "expected"), [
    ("gb", "America/Chicago", "US", "GB"),
    (None, "Europe/Dublin", "US", "IE"),
    (None, "America/Vancouver", "US", "CA"),
    (None, None, "AU", "AU"),
    (None, "Not/AZone", "US", "US"),
    (None, None, None, None),
])
def test_seeker_country_is_place_then_time_zone_then_default(place, tz, default, expected):
    assert seeker_country(place_country=place, tz=tz, default_country=default) == expected


def test_an_unknown_country_gets_only_the_international_lines():
    assert lines_for("FR", DEFAULT_LINES) == (INTERNATIONAL, DEFAULT_LINES[INTERNATIONAL])
    assert lines_for(None, DEFAULT_LINES)[0] == INTERNATIONAL
    used, lines = lines_for("GB", DEFAULT_LINES)
    assert used == "GB" and lines[-1] == DEFAULT_LINES[INTERNATIONAL][0]


@pytest.mark.parametrize(("hl", "header", "detected", "expected"), [
    ("fr", "es-ES", "en", "fr"),
    (" ES ", None, "en", "es"),
    ("de", "fr-CA, en;q=0.8", "es", "fr"),
    (None, "en;q=0.2, es;q=0.9", "fr", "es"),
    (None, "de-DE", "fr", "fr"),
    (None, "*", None, "en"),
    (None, "es;q=abc, fr", "en", "fr"),
    (None, "", "es", "es"),
])
def test_panel_language(hl, header, detected, expected):
    assert panel_language(hl=hl, accept_language=header, detected=detected) == expected


def test_the_crisis_plan_aims_the_search_at_groups_that_help():
    plan = crisis_plan("i want to die", topics=())
    assert plan.text == "" and plan.topics == ("depression", "grief")
    assert crisis_plan("my husband hits me", topics=()).topics == ("trauma",)
    assert crisis_plan("i took too many pills", topics=()).topics == ("drugs",)
    kept = crisis_plan("suicidal", topics=("anxiety",))
    assert kept.topics is None and kept.topics_added == ()
    words = crisis_plan("i want to die my husband drinks", topics=())
    assert words.text == "i my husband drinks" and words.topics is None
    assert crisis_plan("grief after suicide", topics=()) is None


@pytest.mark.parametrize(("number", "dialled"), [
    ("116 123", "116123"), ("0477 13 11 14", "0477131114"), ("9-8-8", "988"),
    ("+44 (0)20 7946 0000", "+4402079460000"),
])
def test_dial_string(number, dialled):
    assert dial_string(number) == dialled


def test_tel_links_escape_text_and_link_only_phone_numbers():
    html = str(tel_links("<b>Call 0800 543 354</b> 24/7, 10:30, or 988."))
    assert html.startswith("&lt;b&gt;Call ")
    assert '<a href="tel:0800543354">0800 543 354</a>' in html
    assert '<a href="tel:988">988</a>.' in html
    assert "tel:24" not in html and "tel:1030" not in html


@pytest.mark.parametrize("url", ["/", "/groups", "/groups?q=suicidal", "/submit",
                                 "/groups/{slug}", "/groups/{slug}/report", "/handout",
                                 "/admin/login", "/no-such-page"])
def test_every_page_has_a_quick_exit_that_works_without_javascript(client, make_group, url):
    response = client.get(url.format(slug=make_group().slug))
    assert response.status_code in (200, 404)
    html = response.get_data(as_text=True)
    assert re.search(r'<a class="quick-exit" href="about:blank" data-quick-exit>Quick exit', html)
    assert re.search(r"/static/js/quick-exit\.[0-9a-f]{12}\.js", html)  # hashed name
    assert html.index("quick-exit") < html.index("<main")
