"""Background work through a real queue: RQ over Redis when QUEUE_URL (or REDIS_URL) is set,
else in this process, after the response (so `make run` needs nothing).

Queued work: mail (enqueued after the request's commit; a failed send is retried
JOB_RETRIES times, after 10 s, 1 min and 5 min), a moderator's "sync now" of a data
source, and big admin-page imports (directory/import_jobs.py: the file is kept with its job
record, so a lost job is run again, never lost). `flask --app directory worker` runs the
jobs (the Procfile's `worker:`). If the queue cannot be reached when a job is enqueued, the
job runs in process instead: nothing is lost because Redis is away.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

from directory.appservices import get_services
from directory.db import get_engine
from directory.models import DataSource, utcnow
from directory.services import mail
from directory.sources.sync import SourceBusy, sync_source

log = logging.getLogger(__name__)

# Seconds before each retry of a failed job.
RETRY_INTERVALS = (10, 60, 300)
# A finished job's record is dropped at once (mail bodies hold edit links); a failed one is
# kept this long for a look (`rq info`), then dropped.
FAILURE_TTL_S = 24 * 3600
REDIS_TIMEOUT_S = 2.0
# After Redis failed, jobs run in process this long before it is tried again.
BROKER_REST_S = 10.0


class MailNotSent(RuntimeError):
    """The SMTP server (or the outbox) did not take the message: the job is retried."""


def deliver_mail(to: str, subject: str, body: str) -> None:
    """A queued message: send it (or write it to the outbox); raise so it is retried."""

    settings = mail.mail_settings(current_app.config)
    if not mail.send_mail(settings, to=to, subject=subject, body=body,
                          logger=current_app.logger):
        raise MailNotSent("the message was not sent; it will be retried")


def sync_source_by_id(source_id: int) -> str:
    """A queued "sync now": sync one data source (the sync commits its report)."""
    from sqlmodel import Session


    with Session(get_engine(), expire_on_commit=False) as db:
        source = db.get(DataSource, source_id)
        if source is None:
            return "gone"
        try:
            report = sync_source(db, source, now=utcnow(), geocoder=get_services().geocoder)
        except SourceBusy:
            return "busy"
        return report.outcome


def run_import_job(job_id: int) -> str:
    """A queued admin-page import (its file and report live in its `import_job` row)."""
    from directory import import_jobs

    return import_jobs.run_job(job_id)


class JobQueue:
    """Where jobs go: an RQ queue on Redis, or (no URL, or Redis away) this process."""

    def __init__(self, app: Flask, *, url: str | None, name: str, retries: int,
                 background: bool) -> None:
        self.app = app
        self.url = url
        self.name = name
        self.retries = retries
        self.background = background
        self._queue = None
        self._down_until = 0.0

    @property
    def uses_broker(self) -> bool:
        return bool(self.url)

    def rq_queue(self):  # noqa: ANN201 - an rq.Queue
        if self._queue is None:
            from redis import Redis
            from rq import Queue

            connection = Redis.from_url(self.url, socket_timeout=REDIS_TIMEOUT_S,
                                        socket_connect_timeout=REDIS_TIMEOUT_S)
            self._queue = Queue(self.name, connection=connection)
        return self._queue

    def broker_resting(self) -> bool:
        """Whether Redis failed us a moment ago: then jobs run in process at once instead
        of each waiting REDIS_TIMEOUT_S for a Redis that hangs."""
        import time

        return time.monotonic() < self._down_until

    def enqueue(self, func: Callable, *args: Any, timeout_s: float | None = None) -> str:
        """Run `func(*args)` in the background: "queued" (Redis), "thread" or "inline"
        (in process: no broker configured, or it could not be reached). `timeout_s`: the
        most the worker lets it run (RQ's default, 180 s, otherwise)."""
        if self.url and not self.broker_resting():
            from redis.exceptions import RedisError
            from rq import Retry

            try:
                self.rq_queue().enqueue(
                    func, *args, retry=Retry(max=self.retries,
                                             interval=list(RETRY_INTERVALS[:self.retries])),
                    result_ttl=0, failure_ttl=FAILURE_TTL_S,
                    job_timeout=int(timeout_s) if timeout_s else None,
                    # The worker logs a job's description: the function, never its
                    # arguments (a message's address and edit link).
                    description=func.__name__)
                return "queued"
            except RedisError as exc:
                import time

                self._down_until = time.monotonic() + BROKER_REST_S
                log.warning("job queue unreachable (%s); running %s in process, and jobs "
                            "for the next %g s", type(exc).__name__, func.__name__,
                            BROKER_REST_S)
        return self.run_here(func, *args)

    def run_here(self, func: Callable, *args: Any) -> str:
        """Run the job in this process (a daemon thread outside tests), with retries."""
        if self.background:
            threading.Thread(target=self._run, args=(func, args), daemon=True,
                             name=f"circles-{func.__name__}").start()
            return "thread"
        self._run(func, args, wait=False)
        return "inline"

    def _run(self, func: Callable, args: tuple, wait: bool = True) -> None:
        import time

        with self.app.app_context():
            for attempt in range(self.retries + 1):
                try:
                    func(*args)
                    return
                except Exception:
                    if attempt == self.retries or not wait:
                        log.exception("background job %s failed", func.__name__)
                        return
                    time.sleep(RETRY_INTERVALS[min(attempt, len(RETRY_INTERVALS) - 1)])


def get_queue(app: Flask | None = None) -> JobQueue:
    return (app or current_app).extensions["circles_jobs"]


def init_app(app: Flask) -> None:
    """The app's job queue, and the `worker` command that runs queued jobs."""
    app.extensions["circles_jobs"] = JobQueue(
        app, url=app.config["QUEUE_URL"] or None, name=app.config["QUEUE_NAME"],
        retries=app.config["JOB_RETRIES"], background=not app.config["TESTING"])

    import click

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Run the queued jobs, then stop.")
    def worker_command(burst: bool) -> None:
        """Run queued background jobs (mail, source syncs, imports) until stopped."""
        from rq import SimpleWorker
        from sqlalchemy.exc import SQLAlchemyError

        from directory import import_jobs

        queue = get_queue(app)
        if not queue.uses_broker:
            raise click.ClickException("QUEUE_URL (or REDIS_URL) is not set: jobs run in the "
                                       "web process; no worker is needed.")
        rq_queue = queue.rq_queue()
        # A job runs inside the app (its configuration, database and services); SimpleWorker
        # runs it in this process, so the app's engine and index are built once.
        with app.app_context():
            # Imports whose worker stopped under them (or that the queue lost) go back on it.
            try:
                import_jobs.requeue_stale(app)
            except SQLAlchemyError as exc:  # the database is away or not migrated yet
                log.warning("stalled imports not checked (%s)", type(exc).__name__)
            SimpleWorker([rq_queue], connection=rq_queue.connection).work(
                burst=burst, with_scheduler=True)
