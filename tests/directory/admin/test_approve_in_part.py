"""Keep the good part of an edit: accept some changes, reject the rest with a reason."""

from __future__ import annotations

import pytest
from sqlmodel import select

from directory.models import AuditEntry, Group, ListingRevision
from directory.services import mail
from tests.directory.organizations.test_edit_link import approve_all, submit


@pytest.fixture
def outbox(monkeypatch):
    sent: list[dict] = []
    monkeypatch.setattr(mail, "send_mail", lambda settings, **m: sent.append(m) or True)
    return sent


def proposed_edit(client, session, csrf_token, listing_form, login_as):
    path = submit(client, csrf_token, listing_form)
    approve_all(client, session, csrf_token, login_as)
    client.post(path, data=listing_form(csrf_token(path), group_name="Spammy Name!!!",
                                        description="Now with childcare.",
                                        **{"m-0-start_time": "19:30"}))
    return session.exec(select(ListingRevision).where(ListingRevision.status == "pending")
                        ).one()


def test_a_moderator_keeps_some_changes_of_an_edit_and_rejects_the_rest(
    client, session, csrf_token, listing_form, login_as, outbox
):
    revision = proposed_edit(client, session, csrf_token, listing_form, login_as)
    page = client.get(f"/admin/revisions/{revision.id}").get_data(as_text=True)
    assert 'value="field:name"' in page and 'value="field:description"' in page
    assert "host@example.org" in page  # the owner's contact
    response = client.post(f"/admin/revisions/{revision.id}/approve-part", data={
        "csrf_token": csrf_token(f"/admin/revisions/{revision.id}"),
        "accept": ["field:description", "meeting:0"], "part_reason": "Keep the real name"})
    assert response.status_code == 302
    group = session.exec(select(Group)).one()
    session.refresh(group)
    assert group.name == "Lakeside Family Circle"
    assert group.description == "Now with childcare."
    assert group.meetings[0].start_time.strftime("%H:%M") == "19:30"
    session.refresh(revision)
    assert revision.status == "approved" and "group_name" in revision.reason
    entry = session.exec(select(AuditEntry).where(
        AuditEntry.action == "approved edit in part")).one()
    assert entry.before and entry.after  # written by the one writer, with before/after
    assert "not kept: group_name" in entry.note
    assert "Some of your changes were not kept: group_name" in outbox[-1]["body"]


def test_approving_in_part_needs_a_tick_and_a_reason_for_the_rest(
    client, session, csrf_token, listing_form, login_as, outbox
):
    revision = proposed_edit(client, session, csrf_token, listing_form, login_as)
    url = f"/admin/revisions/{revision.id}/approve-part"
    token = csrf_token(f"/admin/revisions/{revision.id}")
    none = client.post(url, data={"csrf_token": token, "part_reason": "x"})
    assert none.status_code == 400 and "Tick at least one" in none.get_data(as_text=True)
    no_reason = client.post(url, data={"csrf_token": token, "accept": "field:description"})
    assert no_reason.status_code == 400
    assert "reason for the changes not kept" in no_reason.get_data(as_text=True)
    forged = client.post(url, data={"csrf_token": token, "accept": "field:status",
                                    "part_reason": "x"})
    assert forged.status_code == 400
    session.refresh(revision)
    assert revision.status == "pending"
