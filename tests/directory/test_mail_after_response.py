"""A slow SMTP server never holds the response: mail is sent after it, from a background
thread of the gunicorn worker, and still arrives."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiosmtpd.controller import Controller

from directory import create_app
from directory.db import get_engine, upgrade_database
from tests_support import free_port, http_request, submit_form_fields

ROOT = Path(__file__).resolve().parents[2]
SMTP_DELAY_S = 3.0


class SlowInbox:
    def __init__(self) -> None:
        self.received: list[tuple[float, bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        await asyncio.sleep(SMTP_DELAY_S)
        self.received.append((time.time(), envelope.content))
        return "250 Message accepted"


def test_a_slow_smtp_server_does_not_hold_the_response_and_the_mail_still_arrives(tmp_path):
    inbox = SlowInbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    url = f"sqlite:///{tmp_path}/mail.db"
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    upgrade_database(get_engine(app))
    get_engine(app).dispose()
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, CIRCLES_ENV="production", PORT=str(port),
               SECRET_KEY="mail-test-secret-0123456789-abcdefghijkl", WEB_CONCURRENCY="1",
               SESSION_COOKIE_SECURE="0", MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp_port))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
         "directory:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
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
        _, cookie, html = http_request(port, "GET", "/submit")
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        started = time.time()
        body = urlencode(submit_form_fields(token, 1))
        status, _, _ = http_request(port, "POST", "/submit", body, {
            "Cookie": cookie.split(";", 1)[0],
            "Content-Type": "application/x-www-form-urlencoded"})
        answered = time.time()
        assert status == 302
        assert answered - started < SMTP_DELAY_S / 2, "the response waited for SMTP"
        # The worker is free while the mail is being sent: it answers other requests.
        assert http_request(port, "GET", "/healthz")[0] == 200
        assert time.time() - started < SMTP_DELAY_S
        while not inbox.received and time.time() - started < SMTP_DELAY_S + 15:
            time.sleep(0.1)
        [(arrived, content)] = inbox.received
        assert arrived - started >= SMTP_DELAY_S
        assert b"host@example.org" in content and b"/listings/edit/" in content
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        controller.stop()
