"""The audit log reads in plain words, filters, and reverts a change in one click."""

from __future__ import annotations

from sqlmodel import select

from directory.models import AuditEntry, Group
from directory.moderation import audit
from tests.directory.organizations.test_edit_link import approve_all, submit


def moderator_edit(client, csrf_token, listing_form, slug, **changes):
    url = f"/admin/groups/{slug}/edit"
    form = listing_form(csrf_token(url), **changes)
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def test_changes_read_in_plain_words_with_meetings_named_by_day_and_time(
    client, session, csrf_token, listing_form, login_as
):
    submit(client, csrf_token, listing_form, **{"m-0-start_time": "19:00"})
    approve_all(client, session, csrf_token, login_as)
    slug = session.exec(select(Group)).one().slug
    moderator_edit(client, csrf_token, listing_form, slug,
                   **{"m-0-start_time": "19:30", "description": "Shorter."})
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "edited")).one()
    words = audit.describe(entry)
    assert "Tuesday 7:00 pm meeting: start time changed from 7:00 pm to 7:30 pm" in words
    assert any(w.startswith("Description changed from “A peer-led") for w in words)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "start time changed from 7:00 pm to 7:30 pm" in page


def test_the_audit_log_filters_by_listing_actor_action_and_date(
    client, session, make_group, login_as
):
    a, b = make_group(), make_group()
    session.add_all([
        AuditEntry(actor="owner", action="paused", group_id=a.id, group_slug=a.slug,
                   before=[{"status": "active"}], after=[{"status": "paused"}]),
        AuditEntry(actor="moderator:kim@example.org", action="edited", group_id=b.id,
                   group_slug=b.slug),
    ])
    session.commit()
    login_as("moderator")

    def rows(query):
        html = client.get(f"/admin/audit?{query}").get_data(as_text=True)
        return html.count('<tr id="entry-')

    assert rows("") == 2
    assert rows(f"listing={a.slug}") == 1
    assert rows("actor=KIM") == 1
    assert rows("action=paused") == 1
    assert rows("since=2999-01-01") == 0
    assert rows("until=2000-01-01") == 0
    html = client.get(f"/admin/audit?listing={a.slug}").get_data(as_text=True)
    assert "Status changed from active to paused" in html
    bad = client.get("/admin/audit?since=yesterday&listing=%00")
    assert bad.status_code == 200 and "not YYYY-MM-DD" in bad.get_data(as_text=True)


def test_reverting_a_change_writes_the_earlier_listing_back_and_is_audited(
    client, session, csrf_token, listing_form, login_as
):
    submit(client, csrf_token, listing_form)
    approve_all(client, session, csrf_token, login_as)
    group = session.exec(select(Group)).one()
    moderator_edit(client, csrf_token, listing_form, group.slug, group_name="Vandalised",
                   **{"m-0-start_time": "06:00"})
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "edited")).one()
    response = client.post(f"/admin/audit/{entry.id}/revert",
                           data={"csrf_token": csrf_token("/admin/audit")})
    assert response.status_code == 302
    session.refresh(group)
    assert group.name == "Lakeside Family Circle"
    assert group.meetings[0].start_time.strftime("%H:%M") == "19:00"
    assert group.status == "active"
    revert = session.exec(select(AuditEntry).where(AuditEntry.action == "reverted")).one()
    assert f"entry #{entry.id}" in revert.note
    assert "Name changed from “Vandalised” to “Lakeside Family Circle”" in audit.describe(
        revert)


def test_an_entry_without_an_earlier_version_cannot_be_reverted(
    client, session, make_group, csrf_token, login_as
):
    group = make_group()
    session.add(AuditEntry(actor="owner", action="paused", group_id=group.id,
                           group_slug=group.slug, before=[{"status": "active"}],
                           after=[{"status": "paused"}]))
    session.commit()
    entry = session.exec(select(AuditEntry)).one()
    login_as("moderator")
    token = csrf_token("/admin/audit")
    response = client.post(f"/admin/audit/{entry.id}/revert", data={"csrf_token": token})
    assert response.status_code == 409
    assert "no earlier version" in response.get_data(as_text=True)
    assert client.post("/admin/audit/999999/revert", data={"csrf_token": token}
                       ).status_code == 409
