"""Mail through a real SMTP server (aiosmtpd, started by the test), or to the log."""

from __future__ import annotations

import logging
import re
import socket
from datetime import timedelta
from email import message_from_bytes, policy

from sqlmodel import select

from directory.models import Group, ListingOwner, ListingRevision, utcnow
from directory.services import mail


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_new_listing_mails_the_private_edit_link_as_plain_text(client, smtp, csrf_token,
                                                               listing_form):
    name = "Circle <script>alert(1)</script>"
    client.post("/submit", data=listing_form(csrf_token(), group_name=name))
    shown = client.get("/submit/done").get_data(as_text=True)
    link = re.search(r"http://[^\"<]+/listings/edit/[A-Za-z0-9_\-]+", shown).group(0)
    [message] = smtp.messages
    assert message["To"] == "host@example.org"
    assert message["From"] == "Circles <listings@circles.example>"
    assert message.get_content_type() == "text/plain"
    body = _body(message)
    assert link in body
    assert name in body  # plain text: shown as typed, never markup


def test_approval_and_rejection_are_mailed_to_the_owner(client, session, smtp, csrf_token,
                                                       listing_form, login_as):
    client.post("/submit", data=listing_form(csrf_token()))
    client.post("/submit", data=listing_form(csrf_token(), group_name="Second Circle",
                                             **{"m-0-postal_code": "53704"}))
    login_as("admin")
    token = csrf_token("/admin/")
    first, second = session.exec(select(ListingRevision).order_by(ListingRevision.id)).all()
    client.post(f"/admin/revisions/{first.id}/approve", data={"csrf_token": token})
    client.post(f"/admin/revisions/{second.id}/reject",
                data={"csrf_token": token, "reason": "Duplicate of an existing listing."})
    approved, rejected = smtp.messages[-2:]
    assert approved["Subject"] == "Approved: Lakeside Family Circle"
    assert "/groups/" in _body(approved)
    assert rejected["Subject"] == "Not approved: Second Circle"
    assert "Duplicate of an existing listing." in _body(rejected)


def test_without_mail_server_mail_goes_to_the_outbox_and_the_log_has_no_address_or_link(
    app, client, csrf_token, listing_form, caplog, tmp_path
):
    outbox = tmp_path / "outbox"
    app.config["MAIL_OUTBOX"] = str(outbox)
    caplog.set_level(logging.DEBUG)
    assert client.post("/submit", data=listing_form(csrf_token())).status_code == 302
    shown = client.get("/submit/done").get_data(as_text=True)
    link = re.search(r"http://[^\"<]+/listings/edit/[A-Za-z0-9_\-]+", shown).group(0)
    [eml] = list(outbox.glob("*.eml"))
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "host@example.org"
    assert link in _body(message)
    assert eml.name in caplog.text  # the log says where it went…
    assert "host@example.org" not in caplog.text  # …but never to whom, nor the link
    assert "/listings/edit/" not in caplog.text and link.rsplit("/", 1)[1] not in caplog.text


def test_a_failed_smtp_send_logs_neither_address_nor_body(caplog):
    logger = logging.getLogger("circles-test-mail")
    caplog.set_level(logging.DEBUG, logger="circles-test-mail")
    settings = mail.MailSettings(server="127.0.0.1", port=_free_port(), username=None,
                                 password=None, sender="c@example.org", use_tls=False)
    assert not mail.send_mail(settings, to="secret-owner@example.org", subject="S",
                              body="https://x.example.org/listings/edit/tok", logger=logger)
    assert caplog.records
    assert "secret-owner" not in caplog.text and "/listings/edit/" not in caplog.text


def test_mail_of_a_unit_of_work_that_rolled_back_is_never_sent(app, smtp):
    from directory.db import get_session
    from directory.mail_queue import queue_mail

    @app.post("/test-rollback")
    def rolls_back():
        queue_mail(to="owner@example.org", subject="Saved?", body="No.")
        get_session().rollback()
        return "rolled back"

    @app.post("/test-commit")
    def commits():
        queue_mail(to="owner@example.org", subject="Saved", body="Yes.")
        get_session().commit()
        return "committed"

    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    assert client.post("/test-rollback").status_code == 200
    assert smtp.messages == []
    assert client.post("/test-commit").status_code == 200
    assert [m["Subject"] for m in smtp.messages] == ["Saved"]


def test_an_unreachable_smtp_server_does_not_lose_the_listing(app, client, session,
                                                              csrf_token, listing_form):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(_free_port()))
    response = client.post("/submit", data=listing_form(csrf_token()))
    assert response.status_code == 302
    assert session.exec(select(Group)).one().status == "pending"
    assert "/listings/edit/" in client.get("/submit/done").get_data(as_text=True)


def test_send_reminders_mails_owners_of_listings_nearing_stale_once(
    app, runner, session, smtp, make_group, client
):
    old = make_group(name="Old Circle", last_verified_at=utcnow() - timedelta(days=170))
    fresh = make_group(name="Fresh Circle", last_verified_at=utcnow() - timedelta(days=20))
    mute = make_group(name="No Email Circle", last_verified_at=utcnow() - timedelta(days=170))
    session.add(ListingOwner(group_id=old.id, email="old@example.org"))
    session.add(ListingOwner(group_id=fresh.id, email="fresh@example.org"))
    session.add(ListingOwner(group_id=mute.id, email=None))
    session.commit()
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 reminder" in result.output
    [message] = smtp.messages
    assert message["To"] == "old@example.org"
    link = re.search(r"http://\S+/listings/edit/(\S+)", _body(message)).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    again = runner.invoke(args=["send-reminders"])
    assert "Sent 0 reminder" in again.output
