"""Moderators hear about new work: new submissions, edits, reports and claims mail the
moderators who chose "immediate" (through the mail queue, after the commit), and
`flask send-digests` sends the others one digest; nobody's search words, report text or
address is in these mails."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from directory.models import AdminUser, ModeratorNotice
from directory.moderation import notices
from directory.moderation.admins import create_admin
from tests_support import FIXED_NOW

PASSWORD = "correct horse battery"


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _staff(session, **choices) -> dict[str, AdminUser]:
    """Moderators named by their choice: immediate=…, digest=…, none=…, disabled=…"""
    users = {}
    for name, notify in choices.items():
        user = create_admin(session, email=f"{name}@example.org", password=PASSWORD,
                            role="moderator", now=FIXED_NOW)
        user.notify = notify
        if name == "disabled":
            user.disabled_at = FIXED_NOW
        users[name] = user
    session.commit()
    return users


def _to_moderators(smtp) -> list:
    return [m for m in smtp.messages if m["To"].endswith("@example.org")
            and m["To"].split("@")[0] in ("immediate", "digest", "none", "disabled")]


def test_a_new_submission_mails_only_the_moderators_who_chose_immediate(
        client, session, smtp, csrf_token, listing_form):
    _staff(session, immediate="immediate", digest="digest", none="none",
           disabled="immediate")
    response = client.post("/submit", data=listing_form(csrf_token(), group_name="Dawn Circle"))
    assert response.status_code == 302
    [message] = _to_moderators(smtp)
    assert message["To"] == "immediate@example.org"
    assert message["Subject"] == "New listing submitted: Dawn Circle"
    body = _body(message)
    assert "http://127.0.0.1:5000/admin/" in body and "/admin/settings" in body
    assert "host@example.org" not in body  # not the submitter's address
    [notice] = session.exec(select(ModeratorNotice)).all()
    assert notice.kind == "new" and notice.group_name == "Dawn Circle"


def test_a_report_mails_the_listing_and_where_to_look_never_the_reporters_words(
        client, session, smtp, make_group, csrf_token):
    _staff(session, immediate="immediate")
    group = make_group(name="Harbor Evening Circle")
    url = f"/groups/{group.slug}/report"
    response = client.post(url, data={"csrf_token": csrf_token(url), "kind": "did-not-meet",
                                      "details": "my private worry about this place"})
    assert response.status_code == 302
    [message] = _to_moderators(smtp)
    body = _body(message)
    assert "Problem reported with a listing: Harbor Evening Circle" in body
    assert "/admin/reports" in body
    assert "private worry" not in body and "127.0.0.1," not in body


def test_an_owners_edit_of_a_live_listing_mails_an_edit_notice(
        client, session, smtp, csrf_token, listing_form):
    from directory.models import Group

    client.post("/submit", data=listing_form(csrf_token(), group_name="Dawn Circle"))
    link = client.get("/submit/done").get_data(as_text=True)
    import re

    token = re.search(r"/listings/edit/([A-Za-z0-9_\-]+)", link).group(1)
    group = session.exec(select(Group)).one()
    group.status = "active"
    session.add(group)
    session.commit()
    _staff(session, immediate="immediate")
    smtp.messages.clear()
    url = f"/listings/edit/{token}"
    response = client.post(url, data=listing_form(csrf_token(url), group_name="Dawn Circle",
                                                  description="Changed words."))
    assert response.status_code == 302
    [message] = _to_moderators(smtp)
    assert message["Subject"] == "Edit to a listing waiting for review: Dawn Circle"


def test_a_form_with_errors_notifies_nobody(client, session, smtp, csrf_token, listing_form):
    _staff(session, immediate="immediate")
    response = client.post("/submit", data=listing_form(csrf_token(), group_name=""))
    assert response.status_code == 400
    assert _to_moderators(smtp) == []
    assert session.exec(select(ModeratorNotice)).first() is None


def _notice(session, make_group, *, kind: str, at: datetime, name: str):
    group = make_group(name=name)
    notices.record_notice(session, kind=kind, group=group, now=at)
    session.commit()


def test_send_digests_mails_each_digest_moderator_once_with_whats_new(
        runner, session, smtp, make_group):
    users = _staff(session, immediate="immediate", digest="digest", none="none")
    now = datetime.now(UTC)
    users["digest"].digest_sent_at = now - timedelta(hours=24)
    session.add(users["digest"])
    session.commit()
    _notice(session, make_group, kind="report", at=now - timedelta(days=3), name="Too Old")
    _notice(session, make_group, kind="new", at=now - timedelta(hours=5), name="Dawn Circle")
    _notice(session, make_group, kind="report", at=now - timedelta(hours=2), name="Dusk Group")
    result = runner.invoke(args=["send-digests"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 digest(s)." in result.output
    [message] = smtp.messages
    assert message["To"] == "digest@example.org"
    assert message["Subject"] == "Circles: 2 new items for moderators"
    body = _body(message)
    assert "New listing submitted: 1" in body and "Problem reported with a listing: 1" in body
    assert "Dawn Circle" in body and "Dusk Group" in body and "Too Old" not in body

    again = runner.invoke(args=["send-digests"])
    assert "Sent 0 digest(s)." in again.output and len(smtp.messages) == 1
    _notice(session, make_group, kind="claim", at=datetime.now(UTC), name="Noon Circle")
    runner.invoke(args=["send-digests"])
    assert len(smtp.messages) == 2
    body = _body(smtp.messages[-1])
    assert "Noon Circle" in body and "Dawn Circle" not in body


def test_a_digest_that_could_not_be_sent_is_sent_on_the_next_run(
        app, runner, session, smtp, make_group):
    _staff(session, digest="digest")
    _notice(session, make_group, kind="new", at=datetime.now(UTC), name="Dawn Circle")
    working_port = app.config["MAIL_PORT"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    app.config["MAIL_PORT"] = str(closed_port)
    result = runner.invoke(args=["send-digests"])
    assert "Sent 0 digest(s)." in result.output
    app.config["MAIL_PORT"] = working_port
    result = runner.invoke(args=["send-digests"])
    assert "Sent 1 digest(s)." in result.output
    assert "Dawn Circle" in _body(smtp.messages[-1])


def test_choosing_the_digest_starts_it_from_now_not_from_the_past(
        client, session, make_group, login_as, csrf_token):
    user = login_as("moderator")
    user.notify = "none"
    session.add(user)
    session.commit()
    response = client.post("/admin/settings", data={
        "csrf_token": csrf_token("/admin/settings"), "notify": "digest"})
    assert response.status_code == 302
    assert "Saved." in client.get("/admin/settings").get_data(as_text=True)
    session.refresh(user)
    assert user.notify == "digest" and user.digest_sent_at is not None


def test_the_settings_page_refuses_an_unknown_choice_or_a_missing_csrf_token(
        client, session, login_as, csrf_token):
    user = login_as("moderator")
    response = client.post("/admin/settings", data={
        "csrf_token": csrf_token("/admin/settings"), "notify": "hourly"})
    assert response.status_code == 400
    assert "Choose one of the three options." in response.get_data(as_text=True)
    response = client.post("/admin/settings", data={"notify": "none"})
    assert response.status_code == 400
    session.refresh(user)
    assert user.notify == "digest"


def test_a_notice_of_an_unknown_kind_is_a_programming_error(session, make_group):
    import pytest

    with pytest.raises(ValueError):
        notices.record_notice(session, kind="gossip", group=make_group(), now=FIXED_NOW)
