"""Login limits per IP and per account, counted in Redis across workers; a spoofed
X-Forwarded-For cannot dodge them, and the right password is never locked out for long."""

from __future__ import annotations

import os
import re
import time
import uuid

import pytest
import redis
from sqlmodel import Session

from directory import create_app
from directory.admin.login_limits import DEVICE_COOKIE
from directory.db import get_engine, upgrade_database
from directory.moderation.admins import create_admin
from tests_support import FIXED_NOW

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "the moderator's real passphrase"
PROXY = "203.0.113.250"  # our reverse proxy, which appends the address it saw


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; CI must start it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return client


@pytest.fixture
def workers(tmp_path, redis_client):
    """Two apps over one database and one Redis: they stand for two gunicorn workers."""
    prefix = f"circles-login-test-{uuid.uuid4().hex}"

    def make(**limits):
        config = {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/login.db",
                  "RATELIMIT_STORAGE_URI": REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix,
                  "PROXY_FIX_HOPS": 1, **limits}
        first = create_app(config)
        upgrade_database(get_engine(first))
        with Session(get_engine(first)) as db:
            create_admin(db, email="mod@example.org", password=PASSWORD, now=FIXED_NOW)
            create_admin(db, email="other@example.org", password=PASSWORD, now=FIXED_NOW)
            db.commit()
        return first, create_app(config)

    yield make
    for key in redis_client.scan_iter(f"*{prefix}*"):
        redis_client.delete(key)


class Browser:
    """A test client that goes through our proxy: X-Forwarded-For is whatever the client
    sent, then the address the proxy saw."""

    def __init__(self, app, address: str):
        self.client = app.test_client()
        self.address = address
        html = self.client.get("/admin/login").get_data(as_text=True)
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def log_in(self, email: str, password: str, *, spoofed: str | None = None) -> int:
        forwarded = f"{spoofed}, {self.address}" if spoofed else self.address
        response = self.client.post(
            "/admin/login",
            data={"csrf_token": self.token, "email": email, "password": password},
            headers={"X-Forwarded-For": forwarded},
        )
        return response.status_code


def test_failed_logins_per_ip_are_shared_by_workers_and_spoofing_does_not_reset_them(
    workers
):
    first, second = workers(LOGIN_RATE_LIMIT="3/minute", LOGIN_ACCOUNT_RATE_LIMIT="100/hour")
    browsers = [Browser(first, "198.51.100.7"), Browser(second, "198.51.100.7")]
    statuses = [
        browsers[n % 2].log_in("mod@example.org", "a guess", spoofed=f"10.0.{n}.{n}")
        for n in range(8)
    ]
    assert statuses[:3] == [400, 400, 400]
    assert set(statuses[3:]) == {429}
    # Another address is not affected.
    assert Browser(first, "198.51.100.8").log_in("mod@example.org", PASSWORD) == 302


def test_failed_logins_per_account_stop_a_guesser_rotating_addresses(workers):
    first, second = workers(LOGIN_RATE_LIMIT="100/minute", LOGIN_ACCOUNT_RATE_LIMIT="4/minute")
    statuses = [
        Browser((first, second)[n % 2], f"198.51.100.{n}").log_in("MOD@example.org ", "guess")
        for n in range(7)
    ]
    assert statuses[:4] == [400] * 4 and set(statuses[4:]) == {429}
    # Another account is not affected.
    assert Browser(first, "198.51.100.99").log_in("other@example.org", "guess") == 400


def test_successful_logins_do_not_count(workers):
    first, _ = workers(LOGIN_RATE_LIMIT="2/minute", LOGIN_ACCOUNT_RATE_LIMIT="2/minute")
    browser = Browser(first, "198.51.100.7")
    for _ in range(5):
        assert browser.log_in("mod@example.org", PASSWORD) == 302
        browser = Browser(first, "198.51.100.7")


def test_the_right_password_is_locked_out_only_until_the_window_ends(workers):
    # A window long enough for five logins on a loaded machine; the test then waits for
    # the end of that window, which began with the first guess.
    first, second = workers(LOGIN_RATE_LIMIT="100/minute",
                            LOGIN_ACCOUNT_RATE_LIMIT="3 per 8 seconds")
    for n in range(4):
        Browser(first, f"198.51.100.{n}").log_in("mod@example.org", "guess")
        if n == 0:
            started = time.monotonic()  # the window began before this answer came back
    moderator = Browser(second, "192.0.2.10")  # a browser that never logged in here
    assert moderator.log_in("mod@example.org", PASSWORD) == 429
    time.sleep(max(0.0, started + 8.2 - time.monotonic()))
    assert moderator.log_in("mod@example.org", PASSWORD) == 302


def test_a_browser_that_logged_in_before_is_never_locked_out_by_someone_elses_failures(
    workers
):
    first, second = workers(LOGIN_RATE_LIMIT="100/minute", LOGIN_ACCOUNT_RATE_LIMIT="3/hour")
    moderator = Browser(first, "192.0.2.10")
    assert moderator.log_in("mod@example.org", PASSWORD) == 302
    assert moderator.client.get_cookie(DEVICE_COOKIE, path="/admin") is not None
    for n in range(6):  # an attacker elsewhere fails on purpose
        Browser(second, f"198.51.100.{n}").log_in("mod@example.org", "guess")
    assert Browser(second, "198.51.100.50").log_in("mod@example.org", PASSWORD) == 429
    moderator.client.post("/admin/logout", data={"csrf_token": moderator.token},
                          headers={"X-Forwarded-For": moderator.address})
    again = Browser(first, "192.0.2.10")
    again.client.set_cookie(DEVICE_COOKIE,
                            moderator.client.get_cookie(DEVICE_COOKIE, path="/admin").value,
                            path="/admin")
    assert again.log_in("mod@example.org", PASSWORD) == 302
    # The device cookie is for that account only, and cannot be forged.
    forged = Browser(second, "198.51.100.60")
    forged.client.set_cookie(DEVICE_COOKIE, "forged.value", path="/admin")
    assert forged.log_in("mod@example.org", PASSWORD) == 429
