"""No lost submission: 16 people submitting the real /submit form at once, through 2
gunicorn workers over one SQLite file (and over PostgreSQL), all succeed and every one is
stored."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import event, func
from sqlmodel import Session, select

from directory import create_app
from directory.db import get_engine, make_engine, upgrade_database
from directory.models import ListingRevision
from tests_support import free_port, http_request, submit_form_fields

ROOT = Path(__file__).resolve().parents[2]
SUBMITTERS = 16
EACH = 4


def test_sixteen_concurrent_submitters_over_two_workers_lose_nothing(tmp_path):
    url = f"sqlite:///{tmp_path}/concurrent.db"
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    upgrade_database(get_engine(app))
    get_engine(app).dispose()
    submit_concurrently_and_count(url, tmp_path)


def test_sixteen_concurrent_submitters_over_two_workers_lose_nothing_on_postgresql(
        database_url, app, tmp_path):
    if not database_url.startswith("postgres"):
        pytest.skip("runs with TEST_DATABASE_URL set to PostgreSQL, as in CI")
    get_engine(app).dispose()  # the fixture's fresh schema; gunicorn's workers use it now
    submit_concurrently_and_count(database_url, tmp_path)


def submit_concurrently_and_count(url: str, tmp_path) -> None:
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, CIRCLES_ENV="production", PORT=str(port),
               SECRET_KEY="concurrency-test-secret-0123456789-abcdef", WEB_CONCURRENCY="2",
               SUBMIT_RATE_LIMIT="100000/hour", SESSION_COOKIE_SECURE="0",
               SNAPSHOT_DIR=str(tmp_path / "snapshot"), MAIL_OUTBOX=str(tmp_path / "outbox"))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
         "directory:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    results: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(SUBMITTERS)

    def submitter(who: int) -> None:
        status, cookie, html = http_request(port, "GET", "/submit")
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        cookie = cookie.split(";", 1)[0]
        start.wait()
        for k in range(EACH):
            body = urlencode(submit_form_fields(token, who * 100 + k))
            status, _, _ = http_request(port, "POST", "/submit", body, {
                "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
            with lock:
                results.append(status)

    try:
        deadline = time.time() + 60
        while True:
            try:
                if http_request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
        threads = [threading.Thread(target=submitter, args=(n,)) for n in range(SUBMITTERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    failures = [status for status in results if status != 302]
    assert len(results) == SUBMITTERS * EACH
    assert failures == [], f"{len(failures)} of {len(results)} submissions failed: {failures}"
    engine = get_engine(create_app({"TESTING": True, "DATABASE_URL": url}))
    with Session(engine) as db:
        stored = db.exec(select(func.count()).select_from(ListingRevision)).one()
    engine.dispose()
    assert stored == SUBMITTERS * EACH  # 0 lost


def test_sqlite_write_transactions_begin_immediate_and_reads_do_not(tmp_path):
    from directory.db import write_engine

    engine = make_engine(f"sqlite:///{tmp_path}/begin.db")
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *a: statements.append(statement))
    from sqlalchemy import text

    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    with Session(engine) as db:
        db.exec(text("SELECT 1"))
    reads = list(statements)
    statements.clear()
    with Session(write_engine(engine)) as db:
        db.exec(text("INSERT INTO t VALUES (1)"))
        db.commit()
    assert "BEGIN IMMEDIATE" not in reads
    assert statements[0] == "BEGIN IMMEDIATE"
    mode = engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


def _locked():
    import sqlite3

    from sqlalchemy.exc import OperationalError

    return OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))


def test_a_write_still_locked_after_the_busy_timeout_is_retried_a_bounded_number_of_times(
    app
):
    from directory.db import LOCKED_RETRIES, retry_when_locked

    calls = {"n": 0}

    def flaky():
        calls["n"] += 1
        if calls["n"] <= 2:
            raise _locked()
        return "stored"

    def always_locked():
        calls["n"] += 1
        raise _locked()

    with app.test_request_context("/submit", method="POST"):
        assert retry_when_locked(flaky)() == "stored"
        assert calls["n"] == 3
        calls["n"] = 0
        with pytest.raises(Exception, match="database is locked"):
            retry_when_locked(always_locked)()
        assert calls["n"] == LOCKED_RETRIES + 1
    calls["n"] = 0
    with app.test_request_context("/groups", method="GET"):  # reads are not retried
        with pytest.raises(Exception, match="database is locked"):
            retry_when_locked(always_locked)()
        assert calls["n"] == 1
