"""The request's unit of work (directory/web/uow.py): a write request commits once after a
good answer and rolls back on an error or a 4xx/5xx; mail leaves only after that commit."""

from __future__ import annotations

import os
import re

import pytest
from flask import abort
from sqlmodel import select

from directory.db import get_session
from directory.mail_queue import queue_mail
from directory.models import EditToken, Group, Organization
from directory.web import uow

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")



@pytest.fixture
def database_url(tmp_path) -> str:
    # A file, as in production (or CI's PostgreSQL): the in-memory test database's driver
    # commits on releasing the first savepoint (pysqlite's legacy transactions), which the
    # submission's savepoint would hit, so a rollback after it could not be seen there.
    return TEST_DATABASE_URL or f"sqlite:///{tmp_path}/uow.db"


@pytest.fixture
def probe(app):
    """A view that flushes an organization, queues a mail, then answers as told: the same
    wrapper as every view of the app (unit_of_work), outside CSRF (a test door only)."""

    def write_then(outcome: str):
        db = get_session()
        db.add(Organization(name=f"Probe {outcome}"))
        db.flush()  # the row is in the transaction, visible to this session
        assert db.exec(select(Organization).where(
            Organization.name == f"Probe {outcome}")).one()
        queue_mail(to="probe@example.org", subject=f"Probe {outcome}", body="A test.")
        if outcome == "raise":
            raise RuntimeError("the view failed after writing")
        if outcome == "abort":
            abort(409)
        status = {"ok": 201, "redirect": 303, "invalid": 400, "broken": 500}[outcome]
        return f"answered {status}", status

    view = uow.unit_of_work(write_then)
    app.add_url_rule("/test/uow/<outcome>", "uow_probe", view, methods=["GET", "POST"])
    app.extensions["circles_csrf"].exempt(write_then)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 page, as in production
    return app.test_client()


def organizations(session) -> list[str]:
    session.rollback()  # a fresh read: end the test session's snapshot
    return sorted(o.name for o in session.exec(select(Organization)))


@pytest.mark.parametrize(("outcome", "status"), [("ok", 201), ("redirect", 303)])
def test_a_good_answer_to_a_post_commits_and_then_sends_its_mail(probe, session, smtp,
                                                                   outcome, status):
    response = probe.post(f"/test/uow/{outcome}")
    assert response.status_code == status
    assert organizations(session) == [f"Probe {outcome}"]
    assert [m["Subject"] for m in smtp.messages] == [f"Probe {outcome}"]
    assert smtp.messages[0]["To"] == "probe@example.org"


@pytest.mark.parametrize(("outcome", "status"), [
    ("invalid", 400), ("broken", 500), ("abort", 409), ("raise", 500)])
def test_a_post_that_fails_after_flushing_writes_nothing_and_sends_nothing(
        probe, session, smtp, outcome, status):
    response = probe.post(f"/test/uow/{outcome}")
    assert response.status_code == status
    assert organizations(session) == []
    assert smtp.messages == []


def test_a_get_never_commits_even_after_a_flush(probe, session, smtp):
    assert probe.get("/test/uow/ok").status_code == 201
    assert organizations(session) == []
    assert smtp.messages == []  # its mail never had a commit to wait for


def test_a_listing_post_that_fails_after_writing_saves_nothing_and_mails_no_one(
        app, client, session, smtp, csrf_token, listing_form, monkeypatch):
    # The submission is flushed and the owner's edit-link mail queued; then telling the
    # moderators fails: nothing of it may stay, and the owner must not get a dead link.
    from directory.organizations import views

    def fail(*_args, **_kwargs):
        raise RuntimeError("the moderators' notice failed")

    monkeypatch.setattr(views, "notify_moderators", fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.post("/submit", data=listing_form(csrf_token()))
    assert response.status_code == 500
    assert session.exec(select(Group)).all() == []
    assert smtp.messages == []


def test_a_good_listing_post_commits_once_and_the_owner_gets_the_link_after(
        client, session, smtp, csrf_token, listing_form):
    response = client.post("/submit", data=listing_form(csrf_token()))
    assert response.status_code == 302
    group = session.exec(select(Group)).one()
    owner_mail = [m for m in smtp.messages if m["To"] == "host@example.org"]
    assert len(owner_mail) == 1
    assert group.name in owner_mail[0]["Subject"] + owner_mail[0].get_content()
    assert "/listings/edit/" in owner_mail[0].get_content()


def test_the_first_use_of_an_edit_link_is_kept_though_its_post_fails(
        client, session, csrf_token, listing_form):
    # uow.commit_now(): opening the link is audited on its own, whatever the POST then does.
    assert client.post("/submit", data=listing_form(csrf_token())).status_code == 302
    path = re.search(r"(/listings/edit/[A-Za-z0-9_\-]+)",
                     client.get("/submit/done").get_data(as_text=True)).group(1)
    token = csrf_token()  # from /submit: opening the edit page would use the link
    assert session.exec(select(EditToken)).one().used_at is None
    response = client.post(path, data=listing_form(token, group_name=""))
    assert response.status_code == 400
    session.rollback()  # a fresh read: end the test session's snapshot
    assert session.exec(select(EditToken)).one().used_at is not None
    assert session.exec(select(Group)).one().name == "Lakeside Family Circle"


def test_a_commit_that_finds_the_database_gone_answers_503_keeping_what_was_typed(
        client, session, smtp, csrf_token, listing_form, monkeypatch):
    # The commit happens inside the outage guard (web/degraded.py): the page says nothing
    # was saved and shows the form as sent; no mail tells anyone about it.
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    token = csrf_token()

    def database_gone(self):  # noqa: ANN001
        raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(Session, "commit", database_gone)
    response = client.post("/submit", data=listing_form(
        token, group_name="Lighthouse Evening Circle"))
    monkeypatch.undo()
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert 'value="Lighthouse Evening Circle"' in html
    session.rollback()
    assert session.exec(select(Group)).all() == []
    assert smtp.messages == []
