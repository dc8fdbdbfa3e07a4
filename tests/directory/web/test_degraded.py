"""Read-only survival: with the database refusing, hanging or gone, searches, group pages,
the API and feeds answer from the listings snapshot and the in-memory index; writes answer
503 with Retry-After and keep what was typed; /healthz says "degraded"; it all recovers
without a restart."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from directory import create_app
from directory.appservices import get_services
from directory.db import get_engine, upgrade_database
from directory.imports import import_listing_csv
from directory.models import ListingRevision
from tests_support import FIXED_NOW, SwitchableProxy

RETRY = 0.3
BANNER = "Some features are temporarily unavailable"
CSV = ("group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
       "harbor-grief-circle,Harbor Grief Circle,grief,online,free,tue,19:00,"
       "America/Chicago,https://meet.example.org/harbor\n")


def outage_app(url: str, tmp_path: Path):
    return create_app({
        "TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test",
        "MAIL_OUTBOX": str(tmp_path / "outbox"), "SNAPSHOT_DIR": str(tmp_path / "snapshot"),
        "SNAPSHOT_MIN_INTERVAL": 0, "DATABASE_RETRY_INTERVAL": RETRY,
        "DATABASE_CONNECT_TIMEOUT": 1, "DATABASE_STATEMENT_TIMEOUT": 1,
    })


def token_of(client) -> str:
    html = client.get("/submit").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def assert_read_path_answers_from_the_snapshot(client) -> None:
    page = client.get("/groups?q=grief")
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html[:500]
    assert "Harbor Grief Circle" in html and BANNER in html
    assert "may be a few minutes old" in html
    assert page.headers["X-Circles-Degraded"] == "snapshot" and "Age" in page.headers
    group = client.get("/groups/harbor-grief-circle")
    assert group.status_code == 200 and "Harbor Grief Circle" in group.get_data(as_text=True)
    api = client.get("/api/v1/groups?q=grief")
    assert api.status_code == 200
    assert [r["group"]["slug"] for r in api.get_json()["results"]] == ["harbor-grief-circle"]
    one = client.get("/api/v1/groups/harbor-grief-circle")
    assert one.status_code == 200 and one.get_json()["slug"] == "harbor-grief-circle"
    feed = client.get("/api/v1/meeting-guide.json")
    assert feed.status_code == 200 and feed.get_json()[0]["name"] == "Harbor Grief Circle"
    assert client.get("/groups/harbor-grief-circle.ics").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["status"] == "degraded"
    assert health.get_json()["serving"] == "snapshot"
    assert client.get("/groups/no-such-group").status_code == 404


def assert_writes_refused_keeping_what_was_typed(client, listing_form, token) -> None:
    form = listing_form(token, group_name="Lighthouse Evening Circle",
                        description="Typed while the database was away.")
    response = client.post("/submit", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 503, (response.headers.get("Location"), html[:300])
    assert response.headers["Retry-After"]
    assert BANNER in html and "was not saved" in html
    assert 'value="Lighthouse Evening Circle"' in html  # the form, filled in as sent
    assert "Typed while the database was away." in html
    report = client.post("/groups/harbor-grief-circle/report",
                         data={"csrf_token": token, "kind": "wrong-time",
                               "details": "The link did not open."})
    text = report.get_data(as_text=True)
    assert report.status_code == 503 and "The link did not open." in text
    assert "Send it again" in text  # a form that posts what was typed once more
    login = client.post("/admin/login", data={"csrf_token": token,
                                              "email": "moderator@example.org",
                                              "password": "a long and quiet evening"})
    text = login.get_data(as_text=True)
    assert login.status_code == 503 and login.headers["Retry-After"]
    assert "moderator@example.org" in text and "a long and quiet evening" not in text
    api = client.get("/api/v1/groups?q=grief")  # still answering (from the snapshot)
    assert api.status_code == 200


def assert_recovered(client) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        health = client.get("/healthz")
        if health.get_json()["status"] == "ok":
            break
        time.sleep(RETRY)
    assert health.status_code == 200 and health.get_json()["status"] == "ok"
    page = client.get("/groups?q=grief")
    assert page.status_code == 200 and BANNER not in page.get_data(as_text=True)
    assert "X-Circles-Degraded" not in page.headers


def proxied_app(database_url: str, tmp_path: Path):
    url = make_url(database_url)
    proxy = SwitchableProxy((url.host or "127.0.0.1", url.port or 5432))
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    return proxy, outage_app(proxied, tmp_path)


def seed(session) -> None:
    assert import_listing_csv(session, CSV, filename="t.csv", now=FIXED_NOW).ok
    session.commit()


def needs_postgres(database_url: str) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("needs a networked database (runs with TEST_DATABASE_URL, as in CI)")


def test_database_refusing_leaves_reads_answering_and_writes_keeping_input(
        database_url, session, tmp_path, listing_form):
    needs_postgres(database_url)
    seed(session)
    proxy, app = proxied_app(database_url, tmp_path)
    client = app.test_client()
    try:
        assert client.get("/groups?q=grief").status_code == 200  # index and snapshot built
        assert get_services(app).index.snapshot.info() is not None
        token = token_of(client)
        proxy.refuse()
        assert_read_path_answers_from_the_snapshot(client)
        assert_writes_refused_keeping_what_was_typed(client, listing_form, token)
        proxy.restore()
        assert_recovered(client)
        response = client.post("/submit", data=listing_form(token_of(client)))
        assert response.status_code == 302  # writes work again
    finally:
        proxy.close()
        get_engine(app).dispose()


def test_database_hanging_never_holds_a_request_past_the_timeouts(
        database_url, session, tmp_path, listing_form):
    needs_postgres(database_url)
    seed(session)
    proxy, app = proxied_app(database_url, tmp_path)
    client = app.test_client()
    try:
        assert client.get("/groups?q=grief").status_code == 200
        token = token_of(client)
        proxy.hang()
        started = time.monotonic()
        first = client.get("/groups?q=grief")
        first_took = time.monotonic() - started
        assert first.status_code == 200 and BANNER in first.get_data(as_text=True)
        # Statement timeout 1 s + 1 s grace, then a 1 s connect timeout: far below 30 s.
        assert first_took < 6, first_took
        started = time.monotonic()
        assert_read_path_answers_from_the_snapshot(client)
        assert_writes_refused_keeping_what_was_typed(client, listing_form, token)
        # Once noticed, nothing waits for the hanging database again (until a retry).
        assert time.monotonic() - started < 6
        proxy.restore()
        assert_recovered(client)
    finally:
        proxy.close()
        get_engine(app).dispose()


def test_sqlite_file_gone_leaves_reads_answering_and_writes_keeping_input(
        tmp_path, listing_form):
    path = tmp_path / "circles.db"
    app = outage_app(f"sqlite:///{path}", tmp_path)
    engine = get_engine(app)
    upgrade_database(engine)
    with Session(engine) as session:
        seed(session)
    client = app.test_client()
    assert client.get("/groups?q=grief").status_code == 200
    token = token_of(client)
    away = tmp_path / "away"
    away.mkdir()
    engine.dispose()
    files = [p for p in tmp_path.iterdir() if p.name.startswith("circles.db")]
    for file in files:  # the disk holding the database went away
        shutil.move(file, away / file.name)
    path.mkdir()  # SQLite cannot open a folder: "unable to open database file"
    try:
        assert_read_path_answers_from_the_snapshot(client)
        assert_writes_refused_keeping_what_was_typed(client, listing_form, token)
    finally:
        path.rmdir()
        for file in files:
            shutil.move(away / file.name, file)
    assert_recovered(client)
    with Session(engine) as session:  # nothing half-written while it was away
        assert session.exec(select(func.count()).select_from(ListingRevision)).one() == 0
    engine.dispose()


def test_without_a_snapshot_the_read_path_answers_503_not_500(database_url, session,
                                                              tmp_path):
    needs_postgres(database_url)
    seed(session)
    url = make_url(database_url)
    proxy = SwitchableProxy((url.host or "127.0.0.1", url.port or 5432))
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    app = create_app({"TESTING": True, "DATABASE_URL": proxied, "SECRET_KEY": "test",
                      "DATABASE_RETRY_INTERVAL": RETRY, "DATABASE_CONNECT_TIMEOUT": 1})
    client = app.test_client()
    try:
        proxy.refuse()
        health = client.get("/healthz")
        assert health.status_code == 503 and health.get_json()["status"] == "unavailable"
        page = client.get("/groups")
        assert page.status_code == 503 and page.headers["Retry-After"]
        assert "briefly unavailable" in page.get_data(as_text=True)
        api = client.get("/api/v1/groups")
        assert api.status_code == 503
        assert api.get_json()["error"]["code"] == "database_unavailable"
        proxy.restore()
        time.sleep(RETRY)
        assert client.get("/healthz").get_json()["status"] == "ok"
        assert client.get("/groups").status_code == 200
    finally:
        proxy.close()
        get_engine(app).dispose()


def test_postgres_sessions_have_the_configured_statement_timeout(database_url):
    needs_postgres(database_url)
    from directory.db import make_engine, no_statement_timeout

    engine = make_engine(database_url, connect_timeout=2, statement_timeout=1.5)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "1500ms"
        with engine.connect() as connection, no_statement_timeout(connection):
            # Long work (migrations, the snapshot copy) runs without one...
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "0"
        with engine.connect() as connection:  # ...on a connection that then left the pool
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "1500ms"
    finally:
        engine.dispose()


def test_after_a_ping_times_out_connecting_fails_at_once_for_a_moment(database_url):
    """A hang (the server there, answering nothing) is noticed by the pool's 1 s ping; the
    reconnect that follows used to wait out the 2 s connect timeout too, in every thread
    that had checked out a connection — now it fails at once, and the request goes to the
    snapshot. Once the moment has passed, connecting works again."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from directory import db

    needs_postgres(database_url)
    url = make_url(database_url)
    proxy = SwitchableProxy((url.host or "127.0.0.1", url.port or 5432))
    engine = db.make_engine(url.set(host="127.0.0.1", port=proxy.port)
                            .render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:  # pooled, then pinged on the next checkout
            connection.execute(text("SELECT 1"))
        proxy.hang()
        started = time.monotonic()
        with pytest.raises(OperationalError), engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        took = time.monotonic() - started
        assert took < db.PING_TIMEOUT_S + 0.8, took  # the ping's second, no connect wait
        started = time.monotonic()
        with pytest.raises(OperationalError), engine.connect():
            pass
        assert time.monotonic() - started < 0.5  # still within the moment: at once
        proxy.restore()
        time.sleep(db.HANG_FAST_FAIL_S)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        proxy.close()
        engine.dispose()
