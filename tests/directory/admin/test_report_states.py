"""Reports move through open, acknowledged, fixed and dismissed, with notes, audited, and
the listing's owner is told the outcome."""

from __future__ import annotations

import pytest
from sqlmodel import select

from directory.models import AuditEntry, ListingOwner, Report
from directory.services import mail


@pytest.fixture
def outbox(monkeypatch):
    sent: list[dict] = []
    monkeypatch.setattr(mail, "send_mail", lambda settings, **m: sent.append(m) or True)
    return sent


@pytest.fixture
def reported(session, make_group):
    group = make_group()
    session.add(ListingOwner(group_id=group.id, email="host@example.org"))
    report = Report(group_id=group.id, kind="wrong-time", details="It starts at 7:30 now")
    session.add(report)
    session.commit()
    return group, report


def test_a_report_is_acknowledged_then_fixed_with_notes_audited_and_the_owner_told(
    client, session, csrf_token, login_as, outbox, reported
):
    group, report = reported
    login_as("moderator")
    token = csrf_token("/admin/reports")
    response = client.post(f"/admin/reports/{report.id}/state", data={
        "csrf_token": token, "state": "acknowledged", "note": "Calling the venue"})
    assert response.status_code == 302
    page = client.get("/admin/reports").get_data(as_text=True)
    assert "Acknowledged" in page and "Calling the venue" in page  # still being worked
    assert client.post(f"/admin/reports/{report.id}/state", data={
        "csrf_token": token, "state": "fixed", "note": "Time corrected"}).status_code == 302
    assert "No open reports" in client.get("/admin/reports").get_data(as_text=True)

    session.refresh(report)
    assert report.status == "fixed" and report.note == "Time corrected"
    entries = session.exec(select(AuditEntry).where(AuditEntry.group_id == group.id)
                           .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["report acknowledged", "report fixed"]
    assert "Time corrected" in entries[1].note
    assert [m["to"] for m in outbox] == ["host@example.org"] * 2
    assert "has fixed it" in outbox[1]["body"] and "Time corrected" in outbox[1]["body"]


def test_dismissing_tells_the_owner_nothing_needed_changing(
    client, session, csrf_token, login_as, outbox, reported
):
    _, report = reported
    login_as("moderator")
    client.post(f"/admin/reports/{report.id}/state", data={
        "csrf_token": csrf_token("/admin/reports"), "state": "dismissed", "note": ""})
    session.refresh(report)
    assert report.status == "dismissed"
    assert "found nothing to change" in outbox[0]["body"]


def test_an_unknown_state_is_a_400_and_an_unknown_report_a_404(
    client, session, csrf_token, login_as, outbox, reported
):
    _, report = reported
    login_as("moderator")
    token = csrf_token("/admin/reports")
    response = client.post(f"/admin/reports/{report.id}/state",
                           data={"csrf_token": token, "state": "resolved-ish"})
    assert response.status_code == 400
    assert "Choose open, acknowledged, fixed or dismissed" in response.get_data(as_text=True)
    session.refresh(report)
    assert report.status == "open" and outbox == []
    assert client.post("/admin/reports/999999/state",
                       data={"csrf_token": token, "state": "fixed"}).status_code == 404
