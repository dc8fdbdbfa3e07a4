"""Bad days: Redis-backed rate limits, failures in the middle of an import, friendly error
pages. (A database that goes away and comes back: tests/directory/web/test_degraded.py.)"""

from __future__ import annotations

import os
import re
import uuid

import pytest
import redis
from sqlalchemy import func
from sqlmodel import Session, select

from directory import create_app
from directory.cli.listings import SEED_FILE
from directory.db import get_engine, upgrade_database
from directory.exports import export_listings_csv
from directory.imports import import_listing_csv
from directory.listings import store
from directory.models import Group
from tests_support import FIXED_NOW

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_fail():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; CI must start it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return client


def test_rate_limits_are_counted_in_redis_and_shared_between_apps(tmp_path):
    client = _redis_or_fail()
    prefix = f"circles-test-{uuid.uuid4().hex}"
    database_url = f"sqlite:///{tmp_path}/limits.db"
    config = {"TESTING": True, "DATABASE_URL": database_url, "RATELIMIT_STORAGE_URI": REDIS_URL,
              "RATELIMIT_KEY_PREFIX": prefix, "REPORT_RATE_LIMIT": "2/hour"}
    seed_app = create_app(config)
    upgrade_database(get_engine(seed_app))
    with Session(get_engine(seed_app)) as db:
        rows = ("group_slug,group_name,topics,format,cost,weekday,start_time,timezone,"
                "online_url\ncounted-circle,Counted Circle,grief,online,free,mon,07:00,"
                "Europe/London,https://meet.example.org/c\n")
        assert import_listing_csv(db, rows, filename="t.csv", now=FIXED_NOW).ok
        db.commit()
    # Two apps stand for two workers or hosts: one limit across both.
    first, second = create_app(config), create_app(config)
    statuses = []
    for app in (first, second, first):
        browser = app.test_client()
        html = browser.get("/groups/counted-circle/report").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        response = browser.post("/groups/counted-circle/report",
                                data={"csrf_token": token, "kind": "wrong-time",
                                      "details": "The hall was locked."})
        statuses.append(response.status_code)
    assert statuses[:2] == [302, 302] and statuses[2] == 429
    keys = list(client.scan_iter(f"*{prefix}*"))
    assert keys and all(b"report_problem" in key for key in keys)
    for key in keys:
        client.delete(key)


def test_failure_in_the_middle_of_an_import_leaves_the_database_as_it_was(
    session, monkeypatch
):
    text = SEED_FILE.read_text(encoding="utf-8")
    assert import_listing_csv(session, text, filename="seed.csv", now=FIXED_NOW).ok
    session.commit()
    before = export_listings_csv(session)
    changed = text.replace(",free,", ",donation,")
    calls = {"n": 0}
    # Changed listings go through the one writer, called by its batch form.
    real_apply = store.write_listing

    def failing_apply(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 25:
            raise RuntimeError("disk full")
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(store, "write_listing", failing_apply)
    with pytest.raises(RuntimeError):
        import_listing_csv(session, changed, filename="seed.csv", now=FIXED_NOW)
    session.rollback()
    assert calls["n"] == 25
    session.expire_all()
    assert export_listings_csv(session) == before


def test_export_wipe_import_export_round_trips_the_whole_directory(session):
    text = SEED_FILE.read_text(encoding="utf-8")
    assert import_listing_csv(session, text, filename="seed.csv", now=FIXED_NOW).ok
    session.commit()
    first = export_listings_csv(session)
    for group in session.exec(select(Group)).all():
        session.delete(group)
    session.commit()
    assert session.exec(select(func.count()).select_from(Group)).one() == 0
    report = import_listing_csv(session, first, filename="export.csv", now=FIXED_NOW)
    assert report.ok, report.errors[:3]
    session.commit()
    assert export_listings_csv(session) == first


def test_unexpected_errors_get_a_friendly_500_page_and_json(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("bug")

    @app.get("/api/v1/boom")
    def api_boom():
        raise RuntimeError("bug")

    client = app.test_client()
    page = client.get("/boom")
    assert page.status_code == 500
    assert "Something went wrong on our side" in page.get_data(as_text=True)
    assert "988" in page.get_data(as_text=True)
    api = client.get("/api/v1/boom")
    assert api.status_code == 500
    assert api.get_json()["error"]["code"] == "internal_error"


@pytest.mark.parametrize("path,status", [("/groups/nope", 404), ("/api/v1/groups/nope", 404),
                                         ("/api/v1/nothing-here", 404)])
def test_not_found_is_friendly_on_pages_and_json_under_api(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    if path.startswith("/api/"):
        assert response.get_json()["error"]["code"] == "not_found"
    else:
        assert "couldn't find" in response.get_data(as_text=True)


@pytest.mark.parametrize("mode", ["refuse", "hang"])
def test_a_submission_goes_through_while_redis_is_cut_or_hanging(tmp_path, mode, caplog,
                                                                 listing_form):
    """Rate limits and the job queue on a Redis that refuses or stops answering: the
    submission is stored, its mail sent in process, and the limiter's fallback is logged;
    nothing waits longer than the Redis timeouts."""
    import time

    from tests_support import SwitchableProxy

    _redis_or_fail()
    target = redis.connection.parse_url(REDIS_URL)
    proxy = SwitchableProxy((target.get("host", "127.0.0.1"), target.get("port", 6379)))
    url = f"redis://127.0.0.1:{proxy.port}/{target.get('db', 0)}"
    try:
        app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/r.db",
                          "SECRET_KEY": "test", "RATELIMIT_STORAGE_URI": url,
                          "RATELIMIT_KEY_PREFIX": f"circles-test-{uuid.uuid4().hex}",
                          "QUEUE_URL": url, "QUEUE_NAME": f"circles-test-{uuid.uuid4().hex}",
                          "MAIL_OUTBOX": str(tmp_path / "outbox")})
        upgrade_database(get_engine(app))
        getattr(proxy, mode)()
        browser = app.test_client()
        html = browser.get("/submit").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        took = []
        for name in ("Lakeside Family Circle", "Hillside Family Circle"):
            started = time.monotonic()
            response = browser.post("/submit", data=listing_form(token, group_name=name))
            took.append(time.monotonic() - started)
            assert response.status_code == 302
    finally:
        proxy.close()
    assert took[0] < 8  # 1 s for the limiter, 2 s for the queue, each at most twice
    # The queue is not tried again at once: the next job runs in process without waiting
    # (at most the limiter's 1 s check of its storage remains).
    assert took[1] < 1.9
    with Session(get_engine(app)) as db:
        assert len(db.exec(select(Group).where(Group.status == "pending")).all()) == 2
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2  # sent in process
    assert "falling back to in-memory storage" in caplog.text
    get_engine(app).dispose()
