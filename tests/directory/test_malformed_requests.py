"""No request can kill a worker: malformed requests sent as raw bytes to a real gunicorn get
a 4xx, every worker stays alive, and normal traffic still answers. Oversized bodies get 413.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from directory import create_app
from directory.db import get_engine, upgrade_database
from directory.gunicorn_logging import RedactingLogger, redact_path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "malformed-requests-test-secret-0123456789"

MALFORMED = {
    "content-length-not-a-number": (b"POST /submit HTTP/1.1\r\nHost: t\r\n"
                                    b"Content-Length: abc\r\n\r\n"),
    "content-length-negative": b"POST /submit HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n",
    "content-length-twice": (b"POST /submit HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                             b"Content-Length: 5\r\n\r\nabc"),
    "content-length-with-chunked": (b"POST /submit HTTP/1.1\r\nHost: t\r\n"
                                    b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                                    b"0\r\n\r\n"),
    "chunk-size-not-hex": (b"POST /submit HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                           b"\r\nzz\r\nabc\r\n0\r\n\r\n"),
    "chunk-truncated": (b"POST /api/v1/groups HTTP/1.1\r\nHost: t\r\n"
                        b"Transfer-Encoding: chunked\r\n\r\n5\r\nab"),
    "huge-header": b"GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
    "too-many-headers": (b"GET / HTTP/1.1\r\nHost: t\r\n"
                         + b"".join(b"X-H%d: a\r\n" % i for i in range(300)) + b"\r\n"),
    "invalid-utf8-path": b"GET /groups/\xff\xfe HTTP/1.1\r\nHost: t\r\n\r\n",
    "invalid-utf8-encoded-path": b"GET /groups/%ff%fe HTTP/1.1\r\nHost: t\r\n\r\n",
    "invalid-utf8-query": b"GET /groups?q=%ff\xff HTTP/1.1\r\nHost: t\r\n\r\n",
    "nul-in-path": b"GET /groups/a\x00b HTTP/1.1\r\nHost: t\r\n\r\n",
    "encoded-nul-in-path": b"GET /groups/a%00b HTTP/1.1\r\nHost: t\r\n\r\n",
    "crlf-in-next": b"GET /admin/login?next=/admin%0d%0aSet-Cookie:x=1 HTTP/1.1\r\nHost: t\r\n\r\n",
    "bad-method": b"G\xffT / HTTP/1.1\r\nHost: t\r\n\r\n",
    "bad-version": b"GET / HTTP/9.9\r\nHost: t\r\n\r\n",
    "garbage": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    "junk-forwarded-for": b"GET / HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: \xff, ,,\r\n\r\n",
    "oversized-body": (b"POST /submit HTTP/1.1\r\nHost: t\r\nContent-Type: "
                       b"application/x-www-form-urlencoded\r\nContent-Length: 104857600\r\n\r\n"
                       b"a=1"),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _send_raw(port: int, data: bytes) -> bytes:
    """Send bytes, half-close, and return the status line (b"" if the server just closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(data)
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        received = b""
        try:
            while b"\r\n" not in received:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    return received.split(b"\r\n", 1)[0]


def _workers(master_pid: int) -> set[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return {int(pid) for pid in children}


@pytest.fixture
def gunicorn_server(tmp_path):
    url = f"sqlite:///{tmp_path}/malformed.db"
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    upgrade_database(get_engine(app))
    get_engine(app).dispose()
    port = _free_port()
    log = tmp_path / "access.log"
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=SECRET, CIRCLES_ENV="production",
               WEB_CONCURRENCY="2", PORT=str(port), PROXY_FIX_HOPS="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", str(log),
         "directory:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                if _get(port, "/healthz") == 200 and len(_workers(server.pid)) == 2:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
        yield server, port, log
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_no_malformed_request_kills_a_worker_and_normal_traffic_still_answers(
    gunicorn_server
):
    server, port, log = gunicorn_server
    # Both workers have started and answered, so their pids are final.
    for _ in range(4):
        assert _get(port, "/groups") == 200
    workers = _workers(server.pid)
    assert len(workers) == 2
    answers = {}
    for _ in range(3):  # each variant several times, so both workers see each one
        for name, data in MALFORMED.items():
            answers[name] = _send_raw(port, data)
    time.sleep(1)  # a worker that died would be replaced by now
    assert _workers(server.pid) == workers, "a worker died and was replaced"
    for name, status_line in answers.items():
        # Each gets a client-error answer; none a 5xx (nor a dropped connection). Junk in
        # X-Forwarded-For is only ignored by the proxy middleware: a normal answer.
        expected = b"HTTP/1.1 2" if name == "junk-forwarded-for" else b"HTTP/1.1 4"
        assert status_line.startswith(expected), (name, status_line)
    assert answers["oversized-body"].startswith(b"HTTP/1.1 413")
    assert answers["nul-in-path"].startswith(b"HTTP/1.1 400")
    assert answers["encoded-nul-in-path"].startswith(b"HTTP/1.1 400")
    assert answers["crlf-in-next"].startswith(b"HTTP/1.1 400")
    for _ in range(10):
        assert _get(port, "/groups") == 200
        assert _get(port, "/api/v1/topics") == 200
    logged = log.read_text()
    assert "\x00" not in logged and "Set-Cookie" not in logged


class _BrokenResponse:
    status = "400 Bad Request"
    headers = []
    sent = None


@pytest.mark.parametrize("environ", [
    {},  # nothing at all
    {"REQUEST_METHOD": "POST", "RAW_URI": None, "SERVER_PROTOCOL": None, "PATH_INFO": None},
    {"REQUEST_METHOD": None, "PATH_INFO": b"/groups/\xff", "SERVER_PROTOCOL": "HTTP/1.1",
     "RAW_URI": "/"},
])
def test_access_logger_never_raises_on_an_environ_gunicorn_could_not_fill(environ):
    from datetime import timedelta

    from gunicorn.config import Config

    logger = RedactingLogger(Config())
    atoms = logger.atoms(_BrokenResponse(), None, environ, timedelta(seconds=0))
    assert isinstance(atoms["U"], str) and isinstance(atoms["r"], str)
    logger.access(_BrokenResponse(), None, environ, timedelta(seconds=0))


@pytest.mark.parametrize("path", [None, 42, b"/a\xff", "/a\x00b\r\nX: y"])
def test_redacted_path_is_always_printable_text(path):
    logged = redact_path(path)
    assert isinstance(logged, str) and logged.isprintable()


def test_a_body_over_the_cap_gets_413_with_a_clear_page_and_json(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "MAX_CONTENT_LENGTH": 1000, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    page = client.post("/submit", data={"description": "x" * 2000})
    assert page.status_code == 413
    text = page.get_data(as_text=True)
    assert "larger than 1 KB" in text and "Nothing was saved" in text
    api = client.post("/api/v1/groups", data=b"x" * 2000,
                      headers={"Content-Type": "application/json"})
    assert api.status_code == 413
    assert api.get_json()["error"]["code"] == "request_entity_too_large"
    assert "larger than 1 KB" in api.get_json()["error"]["message"]
    assert client.post("/submit", data={"description": "x" * 100}).status_code != 413


def test_admin_import_states_its_limit_and_a_larger_file_gets_413(app, client, login_as,
                                                                  csrf_token):
    import io

    app.config["MAX_IMPORT_BYTES"] = 4096
    login_as("admin")
    page = client.get("/admin/import-export").get_data(as_text=True)
    assert "at most 4 KB" in page
    token = csrf_token("/admin/import-export")
    header = "group_slug,group_name,topics,format,cost,weekday,start_time\n"
    big = header + "a-circle,A Circle,grief,online,free,mon,07:00\n" * 200  # over 4 KB
    response = client.post("/admin/import", data={
        "csrf_token": token, "file": (io.BytesIO(big.encode()), "big.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 413
    assert "larger than 4 KB" in response.get_data(as_text=True)
    # Far beyond the file limit and its envelope: refused before the body is read.
    response = client.post("/admin/import", data={
        "csrf_token": token, "file": (io.BytesIO(b"x" * 200_000), "huge.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Nothing was saved" in response.get_data(as_text=True)


def test_more_meetings_than_the_form_allows_is_refused_with_a_message_not_cut(
    client, csrf_token, listing_form, session
):
    from sqlmodel import select

    from directory.models import ListingRevision
    from directory.web.listing_form import MAX_MEETINGS

    page = client.get("/submit").get_data(as_text=True)
    assert f"Up to {MAX_MEETINGS} meetings" in page
    form = listing_form(csrf_token())
    for i in range(1, MAX_MEETINGS + 5):
        for key in ("weekday", "start_time", "timezone", "recurrence", "location_name",
                    "address", "city", "region", "postal_code", "country"):
            form[f"m-{i}-{key}"] = form[f"m-0-{key}"]
        form[f"m-{i}-start_time"] = f"{6 + i % 12:02d}:{i:02d}"
    response = client.post("/submit", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f"The form had {MAX_MEETINGS + 5} meetings" in html
    assert session.exec(select(ListingRevision)).first() is None
