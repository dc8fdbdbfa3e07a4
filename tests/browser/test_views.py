"""The views seekers expect, in a real browser: the optional map loads its tiles from the
configured server only (a local tile server started here) and never without the setting; the
compact list is remembered; larger text toggles and stays; axe-core finds nothing in either
colour scheme with the list or the map showing."""

from __future__ import annotations

import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests_support import AXE_OPTIONS

from .conftest import SCHEMES, SCREENSHOTS, serve_sample_directory

RESULTS = "/groups?near=Portland%2C+OR&format=in-person"


def tile_png() -> bytes:
    """A 256×256 pale grey PNG: what every tile request gets."""
    rows = b"".join(b"\x00" + b"\xe4\xe8\xec" * 256 for _ in range(256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def tile_server():
    """A local tile server that records the paths asked of it."""
    body = tile_png()
    seen: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server protocol
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def map_server(tmp_path_factory, tile_server):
    tiles, _ = tile_server
    with serve_sample_directory(tmp_path_factory.mktemp("map"), {
        "MAP_TILES_URL": tiles + "/tiles/{z}/{x}/{y}.png",
        "MAP_TILES_ATTRIBUTION": "© Test Tiles contributors",
    }) as url:
        yield url


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_page(base_url: str, scheme: str = "light"):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base_url,
                                      locale="en-US", timezone_id="America/Los_Angeles",
                                      color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        return page, requests

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_map_shows_pins_with_tiles_from_the_configured_server_only(
        open_page, map_server, tile_server, scheme):
    tiles, seen = tile_server
    page, requests = open_page(map_server, scheme)
    page.goto(RESULTS)
    page.wait_for_load_state("networkidle")
    # Nothing map-related is fetched before the seeker asks for the map.
    assert not any(url.startswith(tiles) or "leaflet" in url for url in requests)
    before = len(seen)
    toggle = page.get_by_role("button", name="Show map")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    page.locator(".map .leaflet-tile-loaded").first.wait_for()
    assert page.get_by_role("button", name="Hide map").get_attribute("aria-expanded") == "true"
    assert page.locator(".map-pin").count() >= 2
    assert len(seen) > before and all(path.startswith("/tiles/") for path in seen)
    assert page.locator(".leaflet-control-attribution").inner_text().strip().endswith(
        "© Test Tiles contributors")
    assert {origin(url) for url in requests if url.startswith("http")} <= {map_server, tiles}
    # A pin's popup names the group and links to its page.
    page.locator(".map-pin").first.click()
    assert page.locator(".leaflet-popup-content a").first.get_attribute("href").startswith(
        "/groups/")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"map-desktop-{scheme}.png"), full_page=True)


def test_a_group_page_maps_its_meeting_place(open_page, map_server, tile_server):
    tiles, _ = tile_server
    page, requests = open_page(map_server)
    page.goto(RESULTS)
    page.locator(".results .group-card h2 a").first.click()
    page.get_by_role("button", name="Show map").click()
    page.locator(".map .leaflet-tile-loaded").first.wait_for()
    assert page.locator(".map-pin").count() >= 1
    assert {origin(url) for url in requests if url.startswith("http")} <= {map_server, tiles}


@pytest.mark.parametrize("path", ["/", RESULTS, RESULTS + "&view=list"])
def test_without_map_tiles_there_is_no_map_and_no_request_leaves_our_server(
        open_page, live_server, path):
    page, requests = open_page(live_server)
    page.goto(path)
    if path != "/":
        page.locator(".results .group-card h2 a, .results-table tbody th a").first.click()
        page.wait_for_load_state("load")
    assert page.locator("[data-map]").count() == 0
    assert page.get_by_role("button", name="Show map").count() == 0
    assert {origin(url) for url in requests if url.startswith("http")} == {live_server}
    assert page.evaluate("typeof window.L") == "undefined"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_compact_list_is_a_table_remembered_on_this_device(open_page, live_server, shoot,
                                                               scheme):
    page, _ = open_page(live_server, scheme)
    page.goto(RESULTS)
    page.get_by_role("link", name="Compact list").click()
    table = page.get_by_role("table")
    assert table.get_by_role("columnheader").all_inner_texts() == [
        "Group", "Where", "Next meeting", "Format", "Cost"]
    assert table.get_by_role("row").count() > 2
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.goto("/groups?topic=grief&format=online")  # another search, no parameter
    assert page.get_by_role("table").count() == 1
    assert page.locator(".group-card").count() == 0
    shoot("results-list", RESULTS + "&view=list", color_scheme=scheme)


def test_larger_text_toggles_in_place_and_stays_on_the_next_page(open_page, live_server):
    page, _ = open_page(live_server)
    page.goto(RESULTS)
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("button", name="Larger text").click()
    larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert larger >= size * 1.2
    assert page.url.endswith(RESULTS)  # no navigation with JavaScript on
    page.goto("/")
    assert page.evaluate("document.documentElement.className") == "text-large"
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Standard text").click()
    page.goto("/")
    assert page.evaluate("document.documentElement.className") == ""


def test_larger_text_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(RESULTS)
    page.get_by_role("link", name="Larger text").click()
    assert page.url.endswith(RESULTS)
    assert page.locator("html.text-large").count() == 1
    context.close()


def test_the_favicon_and_manifest_load(open_page, live_server):
    page, _ = open_page(live_server)
    response = page.goto("/favicon.ico")
    assert response.status == 200 and response.headers["content-type"].startswith("image/")
    manifest = page.goto("/manifest.webmanifest").json()
    assert manifest["icons"]
