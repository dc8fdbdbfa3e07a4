"""Big admin-page imports run as background jobs: the file is kept with the job record, the
moderator is sent to a progress page that refreshes itself, and the report (or the reason
nothing was written) appears there. The same import as in the request: all or nothing,
with the same audit entries. Through the in-process fallback (no Redis) and through RQ."""

from __future__ import annotations

import io
import os
import re
import uuid
from datetime import timedelta

import pytest
import redis
from rq import Queue, SimpleWorker
from sqlmodel import Session, select

from directory import import_jobs, imports
from directory.db import get_engine
from directory.models import AuditEntry, Group, ImportJob, utcnow

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

ROWS = 30
HEADER = "group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
CSV = HEADER + "".join(
    f"job-circle-{n},Job Circle {n},stress,online,free,mon,07:00,Europe/London,"
    f"https://meet.example.org/job-{n}\n" for n in range(ROWS))


@pytest.fixture
def big_imports(app):
    """Every upload is "big": it goes through a job."""
    app.config["IMPORT_JOB_THRESHOLD"] = 0
    return app


def upload(client, csrf_token, text: str, name: str = "groups.csv"):
    return client.post("/admin/import", data={
        "csrf_token": csrf_token("/admin/import-export"),
        "file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data")


def job_path(response) -> str:
    assert response.status_code == 303
    path = response.headers["Location"]
    assert re.fullmatch(r"/admin/import/jobs/\d+", path), path
    return path


def test_upload_goes_to_a_progress_page_that_shows_the_report(
        big_imports, client, session, login_as, csrf_token):
    login_as("admin")
    path = job_path(upload(client, csrf_token, CSV))
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f"Imported groups.csv: {ROWS} created, 0 updated, 0 unchanged" in html
    assert 'http-equiv="refresh"' not in html  # finished: it stops refreshing
    assert len(session.exec(select(Group)).all()) == ROWS
    entries = session.exec(select(AuditEntry)).all()
    assert len(entries) == ROWS
    assert {(e.action, e.actor) for e in entries} == {
        ("imported", "moderator:admin@example.org")}
    job = session.exec(select(ImportJob)).one()
    assert (job.status, job.done, job.total) == ("done", ROWS, ROWS)
    assert job.payload is None  # the file is dropped once it is imported


def test_a_failing_import_reports_its_errors_and_writes_nothing(
        big_imports, client, session, login_as, csrf_token):
    login_as("admin")
    bad = CSV.replace("job-circle-7,Job Circle 7,stress,online,free,mon,07:00",
                      "job-circle-7,Job Circle 7,stress,online,free,mon,25:00")
    html = client.get(job_path(upload(client, csrf_token, bad, "bad.csv"))).get_data(
        as_text=True)
    assert "Nothing was imported" in html and 'role="alert"' in html
    assert "bad.csv, line 9, field &#39;start_time&#39;" in html
    assert session.exec(select(Group)).first() is None
    assert session.exec(select(AuditEntry)).first() is None
    assert session.exec(select(ImportJob)).one().status == "failed"


def test_an_error_while_writing_rolls_the_whole_import_back(
        big_imports, client, session, login_as, csrf_token, monkeypatch):
    def fail_after_writing(db, group_ids):
        assert len(group_ids) == ROWS  # every listing was written (flushed) by now
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(imports, "_mark_imported", fail_after_writing)
    login_as("admin")
    html = client.get(job_path(upload(client, csrf_token, CSV))).get_data(as_text=True)
    assert "Nothing was imported" in html and "RuntimeError" in html
    assert session.exec(select(Group)).first() is None
    assert session.exec(select(AuditEntry)).first() is None


def test_progress_is_visible_to_other_workers_while_the_import_runs(
        big_imports, client, login_as, csrf_token, monkeypatch):
    seen = []
    real_mark = imports._mark_imported

    def look_from_elsewhere(db, group_ids):
        # What the progress page, in another worker, reads while the import is writing.
        with Session(get_engine(big_imports)) as other:
            job = other.exec(select(ImportJob)).one()
            seen.append(import_jobs.current_progress(job, big_imports))
        real_mark(db, group_ids)

    monkeypatch.setattr(imports, "_mark_imported", look_from_elsewhere)
    login_as("admin")
    job_path(upload(client, csrf_token, CSV))
    (state,) = seen
    assert (state.status, state.stage, state.done, state.total) == (
        "running", "writing", ROWS, ROWS)


def test_a_job_whose_worker_died_runs_again_from_its_stored_file(
        big_imports, client, session, login_as, csrf_token):
    user = login_as("admin")
    # As if a worker took the job, then died: the file is only in the job record.
    job = import_jobs.create_job(session, CSV.encode(), filename="groups.csv",
                                 actor=f"moderator:{user.email}")
    job.status, job.attempt = "running", 1
    job.heartbeat_at = utcnow() - timedelta(minutes=10)
    session.add(job)
    session.commit()
    html = client.get(f"/admin/import/jobs/{job.id}").get_data(as_text=True)
    assert f"Imported groups.csv: {ROWS} created" in html
    session.expire_all()
    assert session.get(ImportJob, job.id).attempt == 2
    assert len(session.exec(select(Group)).all()) == ROWS


def test_a_job_that_is_running_is_not_taken_over(big_imports, session):
    job = import_jobs.create_job(session, CSV.encode(), filename="groups.csv", actor="cli")
    job.status, job.attempt, job.heartbeat_at = "running", 1, utcnow()
    session.add(job)
    session.commit()
    with big_imports.app_context():
        assert import_jobs.run_job(job.id) == "skipped"
    assert session.exec(select(Group)).first() is None


def test_a_file_that_is_not_utf8_is_refused_before_any_job(
        big_imports, client, session, login_as, csrf_token):
    login_as("admin")
    response = client.post("/admin/import", data={
        "csrf_token": csrf_token("/admin/import-export"),
        "file": (io.BytesIO(b"group_slug\n\xff\xfe"), "latin.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert session.exec(select(ImportJob)).first() is None


def test_small_files_are_still_imported_within_the_request(
        app, client, session, login_as, csrf_token):
    login_as("admin")
    response = upload(client, csrf_token, CSV)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/import-export")
    assert session.exec(select(ImportJob)).first() is None
    assert len(session.exec(select(Group)).all()) == ROWS


@pytest.fixture
def rq_queue(big_imports):
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; CI must start it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    name = f"circles-import-test-{uuid.uuid4().hex}"
    big_imports.config["QUEUE_URL"] = REDIS_URL
    queue = big_imports.extensions["circles_jobs"]  # the app's queue, now on Redis
    queue.url, queue.name, queue._queue = REDIS_URL, name, None
    yield Queue(name, connection=connection)
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)


def test_a_big_import_runs_through_rq_and_a_worker(
        big_imports, rq_queue, client, session, login_as, csrf_token):
    login_as("admin")
    path = job_path(upload(client, csrf_token, CSV))
    waiting = client.get(path).get_data(as_text=True)
    assert "Waiting to start" in waiting and 'http-equiv="refresh"' in waiting
    assert 'role="status"' in waiting
    assert rq_queue.count == 1
    (queued,) = rq_queue.get_jobs()
    assert queued.func_name == "directory.jobs.run_import_job"
    assert queued.timeout == 1800
    assert session.exec(select(Group)).first() is None  # nothing before the worker runs
    with big_imports.app_context():
        SimpleWorker([rq_queue], connection=rq_queue.connection).work(burst=True)
    html = client.get(path).get_data(as_text=True)
    assert f"Imported groups.csv: {ROWS} created" in html
    assert len(session.exec(select(Group)).all()) == ROWS
    assert rq_queue.count == 0


def test_on_an_sqlite_file_the_job_holds_the_write_lock_and_still_reports_progress(
        tmp_path, monkeypatch):
    from directory import create_app
    from directory.db import upgrade_database

    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/c.db",
                      "SECRET_KEY": "test", "IMPORT_JOB_THRESHOLD": 0})
    upgrade_database(get_engine(app))
    seen = []
    real_mark = imports._mark_imported

    def look_from_elsewhere(db, group_ids):
        with Session(get_engine(app)) as other:  # another connection, as another worker
            seen.append(import_jobs.current_progress(other.exec(select(ImportJob)).one(),
                                                     app))
        real_mark(db, group_ids)

    monkeypatch.setattr(imports, "_mark_imported", look_from_elsewhere)
    with Session(get_engine(app), expire_on_commit=False) as db:
        job = import_jobs.create_job(db, CSV.encode(), filename="groups.csv", actor="cli")
        db.commit()
    with app.app_context():
        assert import_jobs.run_job(job.id) == "done"
    assert (seen[0].stage, seen[0].done) == ("writing", ROWS)
    assert not import_jobs.progress_file(app, job.id).exists()
    with Session(get_engine(app)) as db:
        assert len(db.exec(select(Group)).all()) == ROWS
        assert db.get(ImportJob, job.id).status == "done"
    get_engine(app).dispose()


def test_a_stalled_job_goes_back_on_the_queue_once_and_a_worker_finishes_it(
        big_imports, rq_queue, client, session, login_as):
    user = login_as("admin")
    job = import_jobs.create_job(session, CSV.encode(), filename="groups.csv",
                                 actor=f"moderator:{user.email}")
    # Its worker took it and died; the queue holds nothing for it any more.
    job.status, job.attempt = "running", 1
    job.heartbeat_at = utcnow() - timedelta(minutes=10)
    session.add(job)
    session.commit()
    for _ in range(3):  # the moderator's page refreshes: one new queue entry, not three
        html = client.get(f"/admin/import/jobs/{job.id}").get_data(as_text=True)
        assert "Waiting to start" in html
    assert rq_queue.count == 1
    with big_imports.app_context():
        SimpleWorker([rq_queue], connection=rq_queue.connection).work(burst=True)
    assert f"Imported groups.csv: {ROWS} created" in client.get(
        f"/admin/import/jobs/{job.id}").get_data(as_text=True)
    assert len(session.exec(select(Group)).all()) == ROWS


def test_the_worker_at_start_sends_back_only_stalled_jobs(big_imports, rq_queue, session):
    stalled = import_jobs.create_job(session, CSV.encode(), filename="a.csv", actor="cli")
    stalled.status, stalled.attempt = "running", 1
    stalled.heartbeat_at = utcnow() - timedelta(minutes=10)
    fresh = import_jobs.create_job(session, CSV.encode(), filename="b.csv", actor="cli")
    session.add(stalled)
    session.commit()
    with big_imports.app_context():
        assert import_jobs.requeue_stale(big_imports) == [stalled.id]
    assert [j.args for j in rq_queue.get_jobs()] == [(stalled.id,)]
    assert fresh.id != stalled.id


@pytest.mark.parametrize(("hl", "done", "total"), [
    ("en", "1,234", "5,678"), ("es", "1234", "5678"), ("fr", "1\u202f234", "5\u202f678")])
def test_the_progress_counts_are_grouped_as_the_readers_language_writes_numbers(
        big_imports, client, session, login_as, hl, done, total):
    login_as("admin")
    job = import_jobs.create_job(session, CSV.encode(), filename="groups.csv", actor="cli")
    job.status, job.attempt, job.heartbeat_at = "running", 1, utcnow()
    job.stage, job.done, job.total = "checking", 1234, 5678
    session.add(job)
    session.commit()
    html = client.get(f"/admin/import/jobs/{job.id}?hl={hl}").get_data(as_text=True)
    assert done in html and total in html
