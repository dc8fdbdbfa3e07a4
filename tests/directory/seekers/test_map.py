"""The optional map (MAP_TILES_URL): off by default; when set, only the results and group pages
offer it, their CSP admits that tile server alone, and pins come from coordinates already
stored (in-person and hybrid groups only)."""

from __future__ import annotations

import re

import pytest

from directory.config import load_config, map_tiles_source
from directory.models import Location

TILES = "http://127.0.0.1:8099/tiles/{z}/{x}/{y}.png"


@pytest.fixture
def map_on(app):
    app.config.update(MAP_TILES_URL=TILES, MAP_TILES_ATTRIBUTION="© Test Map <contributors>",
                      MAP_TILES_SOURCE=map_tiles_source(TILES, "© Test Map"))
    return app


@pytest.fixture
def directory(make_group):
    make_group(slug="pdx-family", name="Eastside Family Circle", topics=["family-and-friends"])
    make_group(slug="hybrid-grief", name="After the Loss", topics=["grief"], format="hybrid",
               location=Location(name="Oak Room", city="Portland", region="OR", country="US",
                                 latitude=45.52, longitude=-122.67, approximate=True))
    make_group(slug="online-grief", name="Good Mourning Online", topics=["grief"],
               format="online", location=None,
               meeting={"online_url": "https://meet.example.org/mourning"})


def test_results_offer_a_map_that_pins_only_in_person_and_hybrid_groups(client, map_on,
                                                                        directory):
    response = client.get("/groups")
    html = response.get_data(as_text=True)
    assert "data-map" in html and 'data-tiles="http://127.0.0.1:8099/tiles/{z}/{x}/{y}.png"' in html
    assert re.search(r'data-leaflet-js="/static/vendor/leaflet/leaflet\.[0-9a-f]{12}\.js"', html)
    pins = re.findall(r'data-pin-name="([^"]+)"', html)
    assert sorted(pins) == ["After the Loss", "Eastside Family Circle"]
    assert 'data-pin-lat="45.52" data-pin-lon="-122.67"' in html
    assert "data-pin-approximate" in html
    # The operator's attribution is text, escaped like everything else.
    assert "&lt;contributors&gt;" in html and "<contributors>" not in html
    # The list stays the page: the cards are all there, the map panel starts hidden.
    assert html.count('class="group-card"') == 3
    assert re.search(r'<section class="map-panel"[^>]*\bhidden\b', html)
    csp = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data: http://127.0.0.1:8099;" in csp
    assert "script-src 'self';" in csp and "connect-src 'self';" in csp


def test_the_compact_list_pins_its_rows_too(client, map_on, directory):
    html = client.get("/groups?view=list").get_data(as_text=True)
    assert len(re.findall(r'<tr data-pin-lat=', html)) == 2


def test_a_group_page_maps_where_it_meets(client, map_on, directory):
    response = client.get("/groups/pdx-family")
    html = response.get_data(as_text=True)
    assert "data-map" in html and 'data-pin-name="Harbor Lane Hall"' in html
    assert "http://127.0.0.1:8099" in response.headers["Content-Security-Policy"]


def test_an_online_group_page_has_no_map(client, map_on, directory):
    html = client.get("/groups/online-grief").get_data(as_text=True)
    assert "data-map" not in html and "data-pin-lat" not in html


@pytest.mark.parametrize("path", ["/", "/submit", "/guide/first-meeting", "/handout"])
def test_other_pages_never_admit_the_tile_server(client, map_on, directory, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "8099" not in response.headers["Content-Security-Policy"]
    assert "data-map" not in response.get_data(as_text=True)


def test_the_vendored_leaflet_is_served_by_us_with_its_licence(client):
    with client.get("/static/vendor/leaflet/leaflet.js") as response:
        assert response.status_code == 200 and b"Leaflet 1.9.4" in response.data[:400]
    with client.get("/static/vendor/leaflet/LICENSE") as response:
        assert b"BSD 2-Clause" in response.data


@pytest.mark.parametrize(("url", "source"), [
    ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
    ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    ("http://127.0.0.1:8080/t/{z}/{x}/{y}.png?key=abc", "http://127.0.0.1:8080"),
])
def test_the_tile_server_becomes_one_csp_source(url, source):
    assert map_tiles_source(url, "© Someone") == source


def test_no_tile_url_means_no_map():
    assert map_tiles_source("", "") is None


@pytest.mark.parametrize(("url", "attribution", "message"), [
    ("https://tiles.example.org/{z}/{x}/{y}.png", "", "MAP_TILES_ATTRIBUTION"),
    ("ftp://tiles.example.org/{z}/{x}/{y}.png", "©", "http"),
    ("https://tiles.example.org/tile.png", "©", "{z}"),
    ("javascript:alert(1)//{z}/{x}/{y}", "©", "http"),
    ("https://tiles.example.org;script-src *//{z}/{x}/{y}", "©", "plain host name"),
    ("https://tiles.example.org 'unsafe-inline'/{z}/{x}/{y}", "©", "plain host name"),
    ("https://a.{s}.example.org/{z}/{x}/{y}.png", "©", "{s}"),
])
def test_a_bad_map_setting_stops_the_start_with_a_clear_message(url, attribution, message):
    with pytest.raises(RuntimeError, match=re.escape(message)):
        map_tiles_source(url, attribution)


def test_the_map_settings_are_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MAP_TILES_URL", "https://tiles.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv("MAP_TILES_ATTRIBUTION", "© Example")
    config = load_config(str(tmp_path), {"TESTING": True})
    assert config["MAP_TILES_SOURCE"] == "https://tiles.example.org"
