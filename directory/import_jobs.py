"""Admin-page imports too big for a request: run as a background job with a progress page.

The upload is stored with its job record (`ImportJob.payload`) before anything runs, so a
worker that restarts loses nothing: a job that stops showing signs of life for
IMPORT_JOB_STALE_S is taken over and run again (its progress page, or `flask worker` as
it starts, sends it back to the queue). The import itself is the same one transaction as
in the request (`import_file`): checked whole, written whole or not at all, with the same
audit entries; the job is marked done in the commit that writes the listings, so a run
that is taken over commits nothing and a file is never imported twice.

Progress ("checking 1,200 of 5,000") is recorded as the job goes: on PostgreSQL in the job
row, over a connection of its own; on SQLite, whose one writer is the import itself until
it commits, in a small file beside the database that every worker of the host can read.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from directory.db import get_engine, write_engine
from directory.i18n import problems
from directory.i18n.problems import Problem
from directory.listings.report import ImportReport
from directory.models import ImportJob, utcnow
from directory.planner import analyze_after_bulk_write

log = logging.getLogger(__name__)

ACTIVE = ("queued", "running")
# Progress is recorded at most this often (seconds), besides each change of stage.
PROGRESS_INTERVAL_S = 0.5
ERRORS_KEPT = 100


def create_job(db: Session, raw: bytes, *, filename: str, actor: str) -> ImportJob:
    """A queued job holding the uploaded bytes (flushed: the caller commits it before the
    job is enqueued, so the file survives whatever happens to the process that runs it)."""
    job = ImportJob(actor=actor, filename=filename, size=len(raw), payload=raw,
                    heartbeat_at=utcnow())
    db.add(job)
    db.flush()
    return job


def report_data(report: ImportReport, filename: str) -> dict:
    """What the progress page (and the import page) shows of a finished import."""
    if report.removed_meetings:
        summary = Problem("import-summary-removed", file=filename, counts=report.summary(),
                          removed=problems.joined(report.removed_meetings[:20]))
    else:
        summary = Problem("import-summary", file=filename, counts=report.summary())
    return {"summary": str(summary), "summary_problem": summary.stored(),
            "created": len(report.created),
            "updated": len(report.updated), "unchanged": len(report.unchanged),
            "conflicts": len(report.conflicts), "skipped": len(report.skipped),
            "removed_meetings": [str(m) for m in report.removed_meetings[:200]],
            "warnings": [str(w) for w in report.warnings[:ERRORS_KEPT]],
            "warning_problems": [problems.stored(w) for w in report.warnings[:ERRORS_KEPT]]}


def stale_after(app: Flask | None = None) -> timedelta:
    return timedelta(seconds=float((app or current_app).config["IMPORT_JOB_STALE_S"]))


def is_stale(job: ImportJob | JobState, now: datetime, app: Flask | None = None) -> bool:
    """A queued or running job nobody has touched for IMPORT_JOB_STALE_S (its worker
    stopped, or the queue lost it)."""
    return (job.status in ACTIVE and job.heartbeat_at is not None
            and now - job.heartbeat_at > stale_after(app))


def _claim(engine, job_id: int, now: datetime, stale: timedelta) -> int | None:
    """Take the job for this run: its new attempt number, or None if another run has it
    (or it is finished)."""
    with Session(write_engine(engine)) as db:
        result = db.execute(
            update(ImportJob)
            .where(col(ImportJob.id) == job_id)
            .where(or_(col(ImportJob.status) == "queued",
                       (col(ImportJob.status) == "running")
                       & (col(ImportJob.heartbeat_at) < now - stale)))
            .values(status="running", stage="reading", attempt=ImportJob.attempt + 1,
                    heartbeat_at=now, done=0, total=0))
        if result.rowcount != 1:
            db.rollback()
            return None
        attempt = db.exec(select(ImportJob.attempt).where(ImportJob.id == job_id)).one()
        db.commit()
        return attempt


class ProgressRecorder:
    """Writes a running job's stage and counts where the progress page can read them."""

    def __init__(self, app: Flask, engine, job_id: int, attempt: int) -> None:
        self.engine = engine
        self.job_id = job_id
        self.attempt = attempt
        self.file = progress_file(app, job_id) if engine.dialect.name == "sqlite" else None
        self._last = (None, 0.0)

    def __call__(self, stage: str, done: int, total: int) -> None:
        last_stage, last_at = self._last
        now = time.monotonic()
        if stage == last_stage and now - last_at < PROGRESS_INTERVAL_S and done != total:
            return
        self._last = (stage, now)
        try:
            self._record(stage, done, total)
        except Exception:  # progress is for a person watching; the import goes on
            log.warning("import job %s: progress not recorded", self.job_id, exc_info=True)

    def _record(self, stage: str, done: int, total: int) -> None:
        if self.file is not None:
            data = {"stage": stage, "done": done, "total": total, "attempt": self.attempt,
                    "at": utcnow().isoformat()}
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            with os.fdopen(handle, "w") as out:
                json.dump(data, out)
            os.replace(tmp, self.file)
            return
        with self.engine.begin() as connection:
            connection.execute(
                update(ImportJob).where(col(ImportJob.id) == self.job_id)
                .where(col(ImportJob.attempt) == self.attempt)
                .values(stage=stage, done=done, total=total, heartbeat_at=utcnow()))

    def clear(self) -> None:
        if self.file is not None:
            self.file.unlink(missing_ok=True)


def progress_file(app: Flask, job_id: int) -> Path:
    return Path(app.instance_path) / "import-jobs" / f"{job_id}.json"


@dataclass
class JobState:
    """What the progress page shows of a job (a copy: reading progress changes no row)."""

    id: int
    filename: str
    size: int
    status: str
    stage: str
    done: int
    total: int
    attempt: int
    created_at: datetime
    heartbeat_at: datetime | None
    finished_at: datetime | None
    report: dict | None


def current_progress(job: ImportJob, app: Flask | None = None) -> JobState:
    """The job with its latest progress (on SQLite, from the progress file; its time is
    the job's sign of life)."""
    app = app or current_app
    state = JobState(job.id, job.filename, job.size, job.status, job.stage, job.done,
                     job.total, job.attempt, job.created_at, job.heartbeat_at,
                     job.finished_at, job.report)
    if job.status != "running":
        return state
    try:
        data = json.loads(progress_file(app, job.id).read_text())
    except (OSError, ValueError):
        return state
    if data.get("attempt") == job.attempt:
        state.stage, state.done, state.total = data["stage"], data["done"], data["total"]
        state.heartbeat_at = max(job.heartbeat_at or utcnow(),
                                 datetime.fromisoformat(data["at"]))
    return state


def run_job(job_id: int, *, app: Flask | None = None) -> str:
    """Run one import job to its end: "done", "failed", or "skipped" (another run has it,
    or it is already finished)."""
    from directory.appservices import get_services
    from directory.imports import import_file

    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    engine = get_engine(app)
    attempt = _claim(engine, job_id, utcnow(), stale_after(app))
    if attempt is None:
        return "skipped"
    progress = ProgressRecorder(app, engine, job_id, attempt)
    try:
        with Session(write_engine(engine), expire_on_commit=False) as db:
            job = db.get(ImportJob, job_id)
            raw = job.payload or b""
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                return _fail(engine, job_id, attempt, ["The file is not UTF-8 text."])
            report = import_file(db, text, filename=job.filename, actor=job.actor,
                                 now=utcnow(), geocoder=get_services().geocoder,
                                 progress=progress)
            if not report.ok:
                db.rollback()
                return _fail(engine, job_id, attempt,
                             [e.problem() for e in report.errors[:ERRORS_KEPT]],
                             total=len(report.errors))
            # Done in the same commit as the listings, and only if this run still has it.
            finished = db.execute(
                update(ImportJob).where(col(ImportJob.id) == job_id)
                .where(col(ImportJob.attempt) == attempt)
                .values(status="done", stage="done", finished_at=utcnow(), payload=None,
                        heartbeat_at=utcnow(), report=report_data(report, job.filename),
                        done=len(report.created) + len(report.updated)
                        + len(report.unchanged) + len(report.conflicts),
                        total=len(report.created) + len(report.updated)
                        + len(report.unchanged) + len(report.conflicts)))
            if finished.rowcount != 1:
                db.rollback()
                log.warning("import job %s: taken over by another run; not committed",
                            job_id)
                return "skipped"
            db.commit()
            analyze_after_bulk_write(db.get_bind(), len(report.created) + len(report.updated))
            return "done"
    except Exception as exc:
        log.exception("import job %s failed", job_id)
        return _fail(engine, job_id, attempt, [
            "The import stopped on an unexpected error and nothing was written "
            f"({type(exc).__name__}). Try again, or import the file with `flask import` on "
            "the server."])
    finally:
        progress.clear()


def _fail(engine, job_id: int, attempt: int, errors: list[str], total: int = 0) -> str:
    """Mark the job failed with its errors: their English text, and beside it (`problems`)
    each one's code and values, so the page says them in its reader's language."""
    with Session(write_engine(engine)) as db:
        db.execute(update(ImportJob).where(col(ImportJob.id) == job_id)
                   .where(col(ImportJob.attempt) == attempt)
                   .values(status="failed", stage="failed", finished_at=utcnow(),
                           payload=None, heartbeat_at=utcnow(),
                           report={"errors": [str(e) for e in errors],
                                   "problems": [problems.stored(e) for e in errors],
                                   "error_count": total or len(errors)}))
        db.commit()
    return "failed"


def requeue_stale(app: Flask | None = None) -> list[int]:
    """Send every stale job back to the queue (a worker died under it, or the queue lost
    it); returns their ids."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    now = utcnow()
    with Session(get_engine(app)) as db:
        candidates = db.exec(select(ImportJob).where(col(ImportJob.status).in_(ACTIVE))).all()
        stale = [job.id for job in candidates
                 if is_stale(current_progress(job, app), now, app)]
    return [job_id for job_id in stale if requeue(job_id, app)]


def requeue(job_id: int, app: Flask | None = None) -> bool:
    """Send a stalled job back to the queue, once: it is marked queued again (a fresh
    sign of life), so the next look finds it waiting, not stalled. False if it was
    not stalled after all (another run has it, or it is finished)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    now = utcnow()
    with Session(write_engine(get_engine(app))) as db:
        job = db.get(ImportJob, job_id)
        if job is None or not is_stale(current_progress(job, app), now, app):
            return False
        db.execute(update(ImportJob).where(col(ImportJob.id) == job_id)
                   .where(col(ImportJob.attempt) == job.attempt)
                   .values(status="queued", stage="queued", heartbeat_at=now))
        db.commit()
    log.warning("import job %s stalled; running it again", job_id)
    enqueue(job_id, app)
    return True


def enqueue(job_id: int, app: Flask | None = None) -> str:
    """Queue the job (or run it in process when there is no queue): how, as
    `JobQueue.enqueue` says."""
    from directory import jobs

    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    return jobs.get_queue(app).enqueue(jobs.run_import_job, job_id,
                                       timeout_s=float(app.config["IMPORT_JOB_TIMEOUT"]))
