"""Several gunicorn workers over one database behave like one process: a change made
through any of them (or the CLI) is searchable through every worker within seconds, and
the access log holds no search terms."""

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
from sqlalchemy import text
from sqlmodel import Session

from directory import create_app
from directory.db import get_engine, upgrade_database
from directory.imports import import_listing_csv
from tests_support import FIXED_NOW

ROOT = Path(__file__).resolve().parents[2]

CSV = (
    "group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
    "{slug},{name},grief,online,free,mon,07:00,Europe/London,https://meet.example.org/x\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@pytest.fixture
def served_database(tmp_path, database_url):
    """A migrated database the gunicorn workers and this test share."""
    url = database_url if database_url.startswith("postgres") else f"sqlite:///{tmp_path}/w.db"
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    engine = get_engine(app)
    if url.startswith("postgres"):
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade_database(engine)
    yield url, engine
    engine.dispose()


def _import(engine, slug: str, name: str) -> None:
    with Session(engine) as session:
        report = import_listing_csv(session, CSV.format(slug=slug, name=name),
                                    filename="t.csv", now=FIXED_NOW)
        assert report.ok, report.errors
        session.commit()


def test_two_workers_see_a_change_within_seconds_and_log_no_search_terms(
    served_database, tmp_path
):
    url, engine = served_database
    _import(engine, "first-circle", "First Circle")
    port = _free_port()
    log = tmp_path / "access.log"
    errors = tmp_path / "error.log"
    env = dict(os.environ, DATABASE_URL=url,
               SECRET_KEY="workers-test-0123456789-abcdefghijklmnop",
               CIRCLES_ENV="production", WEB_CONCURRENCY="2", PORT=str(port),
               INDEX_MAP_DIR=str(tmp_path / "index"))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", str(log),
         "--error-logfile", str(errors), "directory:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if _get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        # Warm every worker's index with the old catalog.
        for _ in range(10):
            status, body = _get(port, "/groups?q=secret+shame+circle")
            assert status == 200
        _import(engine, "second-circle", "Second Circle")
        changed_at = time.time()
        seen = 0
        while seen < 10 and time.time() - changed_at < 5:
            status, body = _get(port, "/api/v1/groups?topic=grief&per_page=5")
            seen = seen + 1 if "second-circle" in body else 0
        assert seen == 10, "a worker still served the old catalog 5 s after the change"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    # The master built the index, moved it into a mapped file and left no file behind.
    assert "search index mapped from a file" in errors.read_text()
    assert list((tmp_path / "index").iterdir()) == []
    logged = log.read_text()
    assert "/groups" in logged
    assert "secret" not in logged and "shame" not in logged and "topic=" not in logged
