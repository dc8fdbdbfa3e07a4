"""Moderation: login and its safety, the queues, decisions, moderator edits, audit."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from directory.formats.csv import listing_from_rows
from directory.listings.store import NO_GEOCODER
from directory.models import AdminUser, AuditEntry, Group, ListingRevision, Report, utcnow
from directory.moderation import decisions, submissions
from directory.moderation.admins import create_admin
from directory.moderation.duplicates import find_likely_duplicates


def submit(client, csrf_token, listing_form, **overrides) -> str:
    """Submit a listing through the form; returns its private edit path."""
    assert client.post("/submit", data=listing_form(csrf_token(), **overrides)).status_code == 302
    done = client.get("/submit/done").get_data(as_text=True)
    return re.search(r"(/listings/edit/[A-Za-z0-9_\-]+)", done).group(1)


def test_admin_pages_need_a_login(client):
    for path in ("/admin/", "/admin/reports", "/admin/stale", "/admin/duplicates",
                 "/admin/audit", "/admin/groups", "/admin/revisions/1"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/admin/login" in response.headers["Location"]
    assert client.post("/admin/revisions/1/approve").status_code in (302, 400)


def test_login_with_a_hashed_password_sets_a_safe_session_cookie(client, session, csrf_token):
    create_admin(session, email="Mod@Example.org", password="a long enough secret",
                 now=utcnow())
    session.commit()
    stored = session.exec(select(AdminUser)).one()
    assert "a long enough secret" not in stored.password_hash
    response = client.post("/admin/login", data={
        "csrf_token": csrf_token("/admin/login"), "email": "mod@example.org",
        "password": "a long enough secret", "next": "/admin/stale",
    })
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/stale")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/admin/").status_code == 200


def test_login_never_redirects_off_site(client, session, csrf_token):
    create_admin(session, email="mod@example.org", password="a long enough secret",
                 now=utcnow())
    session.commit()
    response = client.post("/admin/login", data={
        "csrf_token": csrf_token("/admin/login"), "email": "mod@example.org",
        "password": "a long enough secret", "next": "//evil.example/admin",
    })
    assert response.headers["Location"] == "/admin/"


def test_wrong_password_is_400_and_failed_logins_are_rate_limited(app, client, session,
                                                                  csrf_token):
    app.config["LOGIN_RATE_LIMIT"] = "3/minute"
    create_admin(session, email="mod@example.org", password="a long enough secret",
                 now=utcnow())
    session.commit()
    token = csrf_token("/admin/login")
    bad = {"csrf_token": token, "email": "mod@example.org", "password": "guess"}
    for _ in range(3):
        response = client.post("/admin/login", data=bad)
        assert response.status_code == 400
        assert 'value="mod@example.org"' in response.get_data(as_text=True)
    limited = client.post("/admin/login", data=dict(bad, password="a long enough secret"))
    assert limited.status_code == 429


def test_logout_ends_the_session(client, login_as, csrf_token):
    login_as("admin")
    assert client.post("/admin/logout", data={"csrf_token": csrf_token("/admin/")}
                       ).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_reject_needs_a_reason_and_leaves_the_listing_unpublished(
    client, session, csrf_token, listing_form, login_as
):
    submit(client, csrf_token, listing_form)
    login_as("admin")
    revision = session.exec(select(ListingRevision)).one()
    token = csrf_token("/admin/")
    missing = client.post(f"/admin/revisions/{revision.id}/reject", data={"csrf_token": token})
    assert missing.status_code == 400
    assert 'id="reason-error"' in missing.get_data(as_text=True)
    response = client.post(f"/admin/revisions/{revision.id}/reject",
                           data={"csrf_token": token, "reason": "Please add a real address."})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(ListingRevision, revision.id).status == "rejected"
    group = session.get(Group, revision.group_id)
    assert group.status == "rejected"
    assert client.get(f"/groups/{group.slug}").status_code == 404
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "rejected new")).one()
    assert entry.note == "Please add a real address."
    # Deciding twice is refused, not a crash.
    again = client.post(f"/admin/revisions/{revision.id}/approve", data={"csrf_token": token})
    assert again.status_code == 409


def test_rejected_edit_keeps_the_live_version(client, session, csrf_token, listing_form,
                                              login_as, make_group):
    edit_path = submit(client, csrf_token, listing_form)
    login_as("admin")
    first = session.exec(select(ListingRevision)).one()
    token = csrf_token("/admin/")
    client.post(f"/admin/revisions/{first.id}/approve", data={"csrf_token": token})
    client.post(edit_path, data=listing_form(csrf_token(edit_path), group_name="Renamed"))
    edit = session.exec(select(ListingRevision).where(ListingRevision.kind == "edit")).one()
    client.post(f"/admin/revisions/{edit.id}/reject",
                data={"csrf_token": token, "reason": "Name change needs proof."})
    session.expire_all()
    group = session.get(Group, edit.group_id)
    assert group.name == "Lakeside Family Circle"
    assert group.status == "active"


def test_html_is_shown_as_text_in_the_admin(client, session, csrf_token, listing_form,
                                            login_as):
    evil = '<img src=x onerror="alert(1)">'
    submit(client, csrf_token, listing_form, group_name="Circle " + evil, description=evil)
    login_as("admin")
    revision = session.exec(select(ListingRevision)).one()
    for path in ("/admin/", f"/admin/revisions/{revision.id}", "/admin/groups"):
        html = client.get(path).get_data(as_text=True)
        assert evil not in html, path
        assert "&lt;img" in html, path
    # The audit log shows before/after as JSON, where < is written \u003c.
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert evil not in audit and "\\u003cimg" in audit


def test_moderator_edits_any_listing_at_once_and_it_is_audited(client, session, login_as,
                                                               make_group, csrf_token):
    group = make_group(name="Old Name Circle")
    login_as("admin")
    page = client.get(f"/admin/groups/{group.slug}/edit")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="Old Name Circle"' in html
    form = {"csrf_token": csrf_token("/admin/"), "group_name": "New Name Circle",
            "organization": "Harbor Lane Community Services", "topics": ["codependency"],
            "format": "in-person", "cost": "free", "languages": "en",
            "audience": ["everyone"], "accepting_new_members": "yes",
            "registration_required": "no", "m-0-weekday": "tue", "m-0-start_time": "19:00",
            "m-0-end_time": "20:30", "m-0-timezone": "America/Los_Angeles",
            "m-0-recurrence": "weekly", "m-0-location_name": "Harbor Lane Hall",
            "m-0-address": "120 Alder St", "m-0-city": "Portland", "m-0-region": "OR",
            "m-0-postal_code": "97214", "m-0-country": "US", "action": "submit"}
    assert client.post(f"/admin/groups/{group.slug}/edit", data=form).status_code == 302
    session.expire_all()
    stored = session.get(Group, group.id)
    assert stored.name == "New Name Circle"
    # The form has no coordinates; an unchanged place keeps the stored ones.
    assert stored.meetings[0].location.latitude == 45.5152
    assert "New Name Circle" in client.get(f"/groups/{group.slug}").get_data(as_text=True)
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "edited")).one()
    assert entry.actor == "moderator:admin@example.org"
    assert entry.before[0]["name"] == "Old Name Circle"
    assert entry.after[0]["name"] == "New Name Circle"
    bad = client.post(f"/admin/groups/{group.slug}/edit",
                      data=dict(form, **{"m-0-start_time": "31:00"}))
    assert bad.status_code == 400


def test_moderator_pauses_and_unpauses(client, session, login_as, make_group, csrf_token):
    group = make_group()
    login_as("admin")
    token = csrf_token("/admin/")
    client.post(f"/admin/groups/{group.slug}/pause", data={"csrf_token": token})
    assert client.get(f"/groups/{group.slug}").status_code == 404
    client.post(f"/admin/groups/{group.slug}/unpause", data={"csrf_token": token})
    assert client.get(f"/groups/{group.slug}").status_code == 200


def test_reports_queue_lists_and_resolves_reports(client, session, login_as, make_group,
                                                  csrf_token):
    group = make_group(name="Reported Circle")
    session.add(Report(group_id=group.id, kind="did-not-meet", details="Door was locked"))
    session.commit()
    login_as("admin")
    html = client.get("/admin/reports").get_data(as_text=True)
    assert "Reported Circle" in html and "Door was locked" in html
    report = session.exec(select(Report)).one()
    client.post(f"/admin/reports/{report.id}/resolve",
                data={"csrf_token": csrf_token("/admin/")})
    assert "Door was locked" not in client.get("/admin/reports").get_data(as_text=True)


def test_stale_lists_listings_unverified_for_180_days(client, login_as, make_group):
    make_group(name="Fresh Circle", last_verified_at=utcnow() - timedelta(days=10))
    make_group(name="Old Circle", last_verified_at=utcnow() - timedelta(days=181))
    login_as("admin")
    html = client.get("/admin/stale").get_data(as_text=True)
    assert "Old Circle" in html and "Fresh Circle" not in html


def test_duplicate_suggestions_pair_look_alike_listings(client, login_as, make_group):
    make_group(name="Tuesday Night Al-Anon Family Group")
    make_group(name="Tuesday Night Al Anon Family Group")
    make_group(name="Grief Walk and Talk", organization="Other Org",
               location=None, meeting={"online_url": "https://meet.example.org/x"},
               format="online")
    login_as("admin")
    html = client.get("/admin/duplicates").get_data(as_text=True)
    assert "Tuesday Night Al Anon Family Group" in html
    assert "Grief Walk and Talk" not in html


def test_likely_duplicates_need_a_close_name_and_same_org_or_place(session, make_group):
    make_group(name="Harbor Family Circle")
    rows = [{"group_name": "Harbor Family Circle", "organization": "Someone Else",
             "address": "9 Elsewhere Ave", "city": "Boise", "postal_code": "83702",
             "topics": "codependency", "format": "in-person", "cost": "free", "weekday": "tue",
             "start_time": "19:00"}]

    def duplicates():
        return find_likely_duplicates(session, listing=listing_from_rows(rows))

    assert duplicates() == []
    rows[0]["organization"] = "Harbor Lane Community Services"
    assert len(duplicates()) == 1
    rows[0].update(organization="", address="120 Alder Street", city="Portland",
                   postal_code="97214")
    assert len(duplicates()) == 1


def test_approving_a_new_listing_keeps_a_moderators_edit_made_while_pending(
    client, session, csrf_token, listing_form, login_as
):
    submit(client, csrf_token, listing_form)
    login_as("admin")
    group = session.exec(select(Group)).one()
    decisions.moderator_edit(
        session, group=group, moderator="moderator:admin@example.org", now=utcnow(),
        listing=submissions.current_listing(group).model_copy(
            update={"description": "Fixed by a moderator"}),
        geocoder=NO_GEOCODER,
    )
    session.commit()
    revision = session.exec(select(ListingRevision)).one()
    client.post(f"/admin/revisions/{revision.id}/approve",
                data={"csrf_token": csrf_token("/admin/")})
    session.expire_all()
    group = session.get(Group, group.id)
    assert (group.status, group.description) == ("active", "Fixed by a moderator")
