"""Background work through a real queue: mail goes to RQ on Redis and a real `flask worker`
sends it (retrying a failure); with the queue unreachable it is sent in process instead."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from rq import Queue
from sqlmodel import SQLModel

from directory import create_app
from directory.db import get_engine
from tests_support import free_port

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_fail() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; CI must start it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return client


def queued_app(tmp_path: Path, queue_url: str, queue_name: str):
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "test",
                      "MAIL_OUTBOX": str(tmp_path / "outbox"), "QUEUE_URL": queue_url,
                      "QUEUE_NAME": queue_name})
    SQLModel.metadata.create_all(get_engine(app))
    return app


def submit(app, listing_form) -> None:
    client = app.test_client()
    html = client.get("/submit").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert client.post("/submit", data=listing_form(token)).status_code == 302


def run_worker(tmp_path: Path, queue_name: str, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, CIRCLES_ENV="development", QUEUE_URL=REDIS_URL,
                       QUEUE_NAME=queue_name, DATABASE_URL=f"sqlite:///{tmp_path}/worker.db",
                       MAIL_OUTBOX=str(tmp_path / "outbox"), **env)
    return subprocess.run([sys.executable, "-m", "flask", "--app", "directory", "worker",
                           "--burst"], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def queue_name():
    client = redis_or_fail()
    name = f"circles-harden-test-{uuid.uuid4().hex}"
    yield name
    for key in client.scan_iter(f"rq:*{name}*"):
        client.delete(key)


def test_mail_is_queued_in_redis_and_a_real_worker_sends_it(tmp_path, queue_name,
                                                            listing_form):
    app = queued_app(tmp_path, REDIS_URL, queue_name)
    submit(app, listing_form)
    outbox = tmp_path / "outbox"
    assert not outbox.exists() or not list(outbox.iterdir())  # nothing sent by the web side
    queue = Queue(queue_name, connection=redis.Redis.from_url(REDIS_URL))
    assert queue.count == 1
    done = run_worker(tmp_path, queue_name)
    assert done.returncode == 0, done.stderr[-2000:]
    messages = list(outbox.glob("*.eml"))
    assert len(messages) == 1
    text = messages[0].read_text()
    assert "To: host@example.org" in text and "/listings/edit/" in text
    assert queue.count == 0
    assert "host@example.org" not in done.stderr  # the worker's log names no address


def test_a_failed_send_is_kept_for_a_retry(tmp_path, queue_name, listing_form):
    app = queued_app(tmp_path, REDIS_URL, queue_name)
    submit(app, listing_form)
    closed = str(free_port())  # nothing listens there: the SMTP server is down
    done = run_worker(tmp_path, queue_name, MAIL_SERVER="127.0.0.1", MAIL_PORT=closed)
    assert done.returncode == 0, done.stderr[-2000:]
    queue = Queue(queue_name, connection=redis.Redis.from_url(REDIS_URL))
    scheduled = queue.scheduled_job_registry.get_job_ids()
    assert len(scheduled) == 1  # waiting for its retry, not dropped
    job = queue.fetch_job(scheduled[0])
    assert job.retries_left == 2
    assert not (tmp_path / "outbox").exists()


def test_with_the_queue_unreachable_mail_is_sent_in_process(tmp_path, listing_form, caplog):
    app = queued_app(tmp_path, f"redis://127.0.0.1:{free_port()}/0", "circles-unreachable")
    submit(app, listing_form)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    assert "job queue unreachable" in caplog.text


def test_worker_refuses_to_start_without_a_queue(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "QUEUE_URL": ""})
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "QUEUE_URL" in result.output
