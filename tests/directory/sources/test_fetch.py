"""fetch_feed against a real HTTP server on 127.0.0.1, started here (never the network)."""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from directory.sources.fetch import FetchError, fetch_feed

FEED = json.dumps([{"name": "Tuesday Circle", "slug": "tuesday-circle", "day": 2,
                    "time": "19:00"}]).encode()
ETAG = '"feed-v1"'
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)
MB = 1024 * 1024


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.sent: dict[str, int] = {}
        self.requests: list[tuple[str, dict]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, *args):  # keep the test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json",
              **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, total: int) -> None:
        """Send `total` bytes without a Content-Length, counting what actually left."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b" " * (256 * 1024)
        sent = 0
        try:
            while sent < total:
                self.wfile.write(chunk)
                sent += len(chunk)
                self.server.sent[self.path] = sent
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):  # noqa: N802 - the http.server API
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path
        if path == "/feed.json":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
                return
            self._send(200, FEED, ETag=ETAG, Last_Modified=LAST_MODIFIED)
        elif path == "/dated.json":
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send_response(304)
                self.end_headers()
                return
            self._send(200, FEED, Last_Modified=LAST_MODIFIED)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/feed.json")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/missing":
            self._send(404, b"Not here", "text/plain")
        elif path == "/broken":
            self._send(500, b'{"error": "database"}')
        elif path == "/login-page":
            self._send(200, b"<!DOCTYPE html><html><title>Sign in</title></html>",
                       "text/html; charset=utf-8")
        elif path == "/html-as-json":
            self._send(200, b"\n  <html><body>Service Unavailable</body></html>")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(50 * MB))
            self.end_headers()
            self._stream_quietly(50 * MB)
        elif path == "/huge-streamed":
            self._stream(50 * MB)
        elif path == "/gzip-bomb":
            body = gzip.compress(b"[" + b" " * (8 * MB) + b"]")
            self._send(200, body, Content_Encoding="gzip")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, FEED)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(404, b"")

    def _stream_quietly(self, total: int) -> None:
        chunk = b" " * (256 * 1024)
        sent = 0
        try:
            while sent < total:
                self.wfile.write(chunk)
                sent += len(chunk)
                self.server.sent[self.path] = sent
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def server():
    httpd = FeedServer()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_is_fetched_with_its_validators_and_content_type(server):
    result = fetch_feed(f"{server.base}/feed.json")
    assert result.status == "ok"
    assert result.body == FEED
    assert (result.etag, result.last_modified) == (ETAG, LAST_MODIFIED)
    assert result.content_type == "application/json"
    assert result.final_url == f"{server.base}/feed.json"
    headers = server.requests[-1][1]
    assert "If-None-Match" not in headers and "Circles" in headers["User-Agent"]


def test_etag_round_trip_answers_not_modified_without_a_body(server):
    first = fetch_feed(f"{server.base}/feed.json")
    again = fetch_feed(f"{server.base}/feed.json", etag=first.etag,
                       last_modified=first.last_modified)
    assert again.status == "not-modified" and again.body is None
    assert again.etag == ETAG and again.last_modified == LAST_MODIFIED
    sent = server.requests[-1][1]
    assert (sent["If-None-Match"], sent["If-Modified-Since"]) == (ETAG, LAST_MODIFIED)
    changed = fetch_feed(f"{server.base}/feed.json", etag='"feed-v0"')
    assert changed.status == "ok" and changed.body == FEED


def test_last_modified_round_trip_answers_not_modified(server):
    first = fetch_feed(f"{server.base}/dated.json")
    assert first.etag is None and first.last_modified == LAST_MODIFIED
    again = fetch_feed(f"{server.base}/dated.json", last_modified=first.last_modified)
    assert again.status == "not-modified" and again.body is None
    assert again.last_modified == LAST_MODIFIED


def test_a_redirect_is_followed_and_reported(server):
    result = fetch_feed(f"{server.base}/moved")
    assert result.body == FEED and result.final_url == f"{server.base}/feed.json"


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/missing", 404, "not found (HTTP 404)"),
    ("/broken", 500, "the server failed (HTTP 500)"),
])
def test_an_error_status_is_a_clear_error(server, path, status, words):
    with pytest.raises(FetchError) as caught:
        fetch_feed(f"{server.base}{path}")
    assert caught.value.kind == "status" and caught.value.status == status
    assert str(caught.value) == f"{server.base}{path}: {words}"


@pytest.mark.parametrize("path", ["/login-page", "/html-as-json"])
def test_an_html_page_where_a_feed_was_expected_is_refused(server, path):
    with pytest.raises(FetchError, match="got an HTML page where a JSON or CSV feed") as caught:
        fetch_feed(f"{server.base}{path}")
    assert caught.value.kind == "html"


def test_a_50_mb_response_is_refused_from_its_content_length_before_reading(server):
    with pytest.raises(FetchError, match=r"larger than the 20\.0 MB limit \(50\.0 MB\)") as caught:
        fetch_feed(f"{server.base}/huge-declared")
    assert caught.value.kind == "too-big"
    time.sleep(0.2)
    assert server.sent.get("/huge-declared", 0) < 10 * MB


def test_a_50_mb_response_without_a_length_is_cut_off_at_the_cap(server):
    with pytest.raises(FetchError, match=r"larger than the 1\.0 MB limit; it was not read"):
        fetch_feed(f"{server.base}/huge-streamed", max_bytes=MB)
    time.sleep(0.2)
    # The server could send only what the socket buffers took before we hung up.
    assert server.sent.get("/huge-streamed", 0) < 10 * MB


def test_a_small_gzip_body_that_inflates_past_the_cap_is_refused(server):
    with pytest.raises(FetchError, match="larger than the 4.0 MB limit") as caught:
        fetch_feed(f"{server.base}/gzip-bomb", max_bytes=4 * MB)
    assert caught.value.kind == "too-big"


def test_a_server_that_does_not_answer_in_time_times_out(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.5 s") as caught:
        fetch_feed(f"{server.base}/slow", timeout=0.5)
    assert caught.value.kind == "timeout"
    assert time.monotonic() - started < 1.8


def test_a_download_that_drips_past_the_deadline_is_stopped(server):
    with pytest.raises(FetchError, match="took longer than 1 s") as caught:
        fetch_feed(f"{server.base}/drip", timeout=2, deadline=1)
    assert caught.value.kind == "timeout"


def test_a_server_that_is_not_there_is_not_reachable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"not reachable \(connection refused\)") as caught:
        fetch_feed(f"http://127.0.0.1:{port}/feed.json", timeout=2)
    assert caught.value.kind == "unreachable"


@pytest.mark.parametrize("location", [
    "file:///etc/passwd", "ftp://feeds.example.org/meetings.json", "javascript:alert(1)",
    "data:application/json,[]", "FILE:///tmp/x.json",
])
def test_schemes_other_than_http_and_https_are_refused(location):
    with pytest.raises(FetchError, match="scheme is not supported") as caught:
        fetch_feed(location)
    assert caught.value.kind == "scheme"


def test_a_local_file_is_read_with_validators_and_round_trips(tmp_path: Path):
    feed = tmp_path / "meetings.json"
    feed.write_bytes(FEED)
    first = fetch_feed(str(feed))
    assert (first.status, first.body, first.content_type) == ("ok", FEED, "application/json")
    assert first.etag and first.last_modified.endswith("GMT")
    again = fetch_feed(feed, etag=first.etag)
    assert again.status == "not-modified" and again.body is None
    feed.write_bytes(FEED + b"\n")
    os.utime(feed, ns=(time.time_ns(), time.time_ns() + 10**9))
    changed = fetch_feed(feed, etag=first.etag)
    assert changed.status == "ok" and changed.etag != first.etag


def test_local_file_problems_are_clear_errors(tmp_path: Path):
    with pytest.raises(FetchError, match="no such file") as caught:
        fetch_feed(str(tmp_path / "absent.json"))
    assert caught.value.kind == "not-found"
    with pytest.raises(FetchError, match="is a folder"):
        fetch_feed(str(tmp_path))
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (2 * MB))
    with pytest.raises(FetchError, match=r"larger than the 1\.0 MB limit \(2\.0 MB\)"):
        fetch_feed(big, max_bytes=MB)
    page = tmp_path / "saved.json"
    page.write_bytes(b"<!doctype html><p>Moved</p>")
    with pytest.raises(FetchError, match="HTML page"):
        fetch_feed(page)
