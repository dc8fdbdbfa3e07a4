"""Verification that escalates: reminders at 150, 170, 180 days; pause after the grace;
owner-less listings on the moderators' verify list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from directory.models import AuditEntry, Group, ListingOwner, utcnow
from directory.moderation import verification
from directory.services import mail


@pytest.fixture
def outbox(monkeypatch):
    sent: list[dict] = []
    monkeypatch.setattr(mail, "send_mail", lambda settings, **m: sent.append(m) or True)
    return sent


def owned(session, make_group, days: int, email="host@example.org", **fields):
    group = make_group(last_verified_at=utcnow() - timedelta(days=days), **fields)
    session.add(ListingOwner(group_id=group.id, email=email))
    session.commit()
    return group


def test_reminders_escalate_at_150_170_and_180_days_once_each(session, make_group):
    group = owned(session, make_group, 149)
    now = utcnow()
    assert verification.run(session, now=now).reminders == []
    stages = []
    for day in (150, 151, 170, 175, 180, 200):
        result = verification.run(session, now=now + timedelta(days=day - 149))
        stages += [n.stage for n in result.reminders]
    assert stages == [1, 2, 3]
    assert group.status == "active"


def test_confirming_starts_the_reminders_again(session, make_group):
    group = owned(session, make_group, 171)
    now = utcnow()
    assert [n.stage for n in verification.run(session, now=now).reminders] == [2]
    group.last_verified_at = now + timedelta(days=1)  # the owner pressed "Still accurate"
    session.add(group)
    later = now + timedelta(days=152)
    assert [n.stage for n in verification.run(session, now=later).reminders] == [1]


def test_past_stale_and_grace_a_listing_is_paused_and_the_owner_told_how_to_reopen(
    app, runner, session, make_group, outbox, client
):
    app.config["VERIFY_GRACE_DAYS"] = 30
    late = owned(session, make_group, 211, name="Late Circle")
    within = owned(session, make_group, 205, name="Within Grace", email="w@example.org")
    orphan = make_group(name="No Owner", last_verified_at=utcnow() - timedelta(days=300))
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "paused 2 listing(s)" in result.output
    for group, status in ((late, "paused"), (within, "active"), (orphan, "paused")):
        session.refresh(group)
        assert group.status == status, group.name
    [pause] = [m for m in outbox if "paused" in m["subject"]]
    assert pause["to"] == "host@example.org" and "Unpause listing" in pause["body"]
    path = "/listings/" + pause["body"].split("/listings/", 1)[1].split()[0]
    assert client.get(path).status_code == 200  # the link in it reopens the listing
    assert session.exec(select(AuditEntry).where(
        AuditEntry.action == "paused (not verified)")).all()
    again = runner.invoke(args=["send-reminders"])
    assert "Sent 0 reminder(s); paused 0 listing(s)" in again.output  # safe to run daily


def test_listings_without_an_owner_go_to_the_moderators_verify_list(
    client, session, make_group, login_as, csrf_token
):
    orphan = make_group(name="Phone Only Circle", contact_phone="555-0142",
                        last_verified_at=utcnow() - timedelta(days=160))
    owned(session, make_group, 160, name="Owned Circle")
    make_group(name="Fresh Orphan", last_verified_at=utcnow() - timedelta(days=10))
    login_as("moderator")
    page = client.get("/admin/verify").get_data(as_text=True)
    assert "Phone Only Circle" in page and "555-0142" in page
    assert "Owned Circle" not in page and "Fresh Orphan" not in page
    response = client.post(f"/admin/verify/{orphan.slug}", data={
        "csrf_token": csrf_token("/admin/verify"), "method": "phone"})
    assert response.status_code == 302
    assert "Phone Only Circle" not in client.get("/admin/verify").get_data(as_text=True)
    entry = session.exec(select(AuditEntry).where(
        AuditEntry.action == "verified by moderator")).one()
    assert entry.note == "checked by phone"
    assert client.post(f"/admin/verify/{orphan.slug}", data={
        "csrf_token": csrf_token("/admin/verify"), "method": "telepathy"}).status_code == 400
    assert client.post("/admin/verify/no-such-group", data={
        "csrf_token": csrf_token("/admin/verify"), "method": "phone"}).status_code == 404
    session.refresh(orphan)
    assert isinstance(orphan, Group)
