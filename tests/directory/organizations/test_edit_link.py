"""The private edit link: edit through moderation, pause, unpause, confirm."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from directory.catalog import current_catalog_version
from directory.models import Group, ListingRevision, utcnow


def submit(client, csrf_token, listing_form, **overrides) -> str:
    assert client.post("/submit", data=listing_form(csrf_token(), **overrides)).status_code == 302
    done = client.get("/submit/done").get_data(as_text=True)
    return re.search(r"(/listings/edit/[A-Za-z0-9_\-]+)", done).group(1)


def approve_all(client, session, csrf_token, login_as):
    login_as("admin")
    token = csrf_token("/admin/")
    for revision in session.exec(select(ListingRevision).where(
            ListingRevision.status == "pending")).all():
        assert client.post(f"/admin/revisions/{revision.id}/approve",
                           data={"csrf_token": token}).status_code == 302


def test_unknown_edit_token_is_404(client, csrf_token):
    assert client.get("/listings/edit/not-a-real-token").status_code == 404
    token = csrf_token()
    for action in ("", "/confirm", "/pause", "/unpause"):
        response = client.post(f"/listings/edit/not-a-real-token{action}",
                               data={"csrf_token": token})
        assert response.status_code == 404, action


def test_edit_page_is_private_and_not_cached(client, csrf_token, listing_form):
    path = submit(client, csrf_token, listing_form)
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_editing_a_pending_listing_changes_it_and_keeps_one_pending_revision(
    client, session, csrf_token, listing_form
):
    path = submit(client, csrf_token, listing_form)
    response = client.post(path, data=listing_form(csrf_token(path), group_name="Renamed Circle"))
    assert response.status_code == 302
    group = session.exec(select(Group)).one()
    assert group.name == "Renamed Circle"
    assert group.status == "pending"
    statuses = sorted(r.status for r in session.exec(select(ListingRevision)))
    assert statuses == ["pending", "superseded"]


def test_an_edit_to_a_live_listing_waits_and_the_live_version_stays(
    client, session, csrf_token, listing_form, login_as
):
    path = submit(client, csrf_token, listing_form)
    approve_all(client, session, csrf_token, login_as)
    client.post(path, data=listing_form(csrf_token(path), description="Changed text"))
    group = session.exec(select(Group)).one()
    session.refresh(group)
    assert group.description == "A peer-led circle for families of people who drink."
    page = client.get(path).get_data(as_text=True)
    assert "waiting for a moderator" in page
    assert "Changed text" in page  # the form shows the pending version


def test_bad_edit_is_400_with_the_form_intact(client, csrf_token, listing_form):
    path = submit(client, csrf_token, listing_form)
    response = client.post(path, data=listing_form(csrf_token(path), **{
        "m-0-end_time": "24:30", "description": "kept text"}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="m-0-end_time-error"' in html
    assert "kept text" in html


def test_edit_without_csrf_token_is_400_with_the_form_intact(client, session, csrf_token,
                                                            listing_form):
    path = submit(client, csrf_token, listing_form)
    form = listing_form("", group_name="Sneaky Rename")
    del form["csrf_token"]
    response = client.post(path, data=form)
    assert response.status_code == 400
    assert 'value="Sneaky Rename"' in response.get_data(as_text=True)
    assert session.exec(select(Group)).one().name == "Lakeside Family Circle"


def test_still_accurate_sets_last_verified_in_one_click(client, session, csrf_token,
                                                        listing_form, login_as):
    path = submit(client, csrf_token, listing_form)
    approve_all(client, session, csrf_token, login_as)
    group = session.exec(select(Group)).one()
    group.last_verified_at = utcnow() - timedelta(days=200)
    session.add(group)
    session.commit()
    version = current_catalog_version(session)
    response = client.post(f"{path}/confirm", data={"csrf_token": csrf_token(path)})
    assert response.status_code == 302
    session.refresh(group)
    assert utcnow() - group.last_verified_at < timedelta(minutes=1)
    assert current_catalog_version(session) == version + 1
    assert "verified today" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_owner_pauses_and_unpauses(client, session, csrf_token, listing_form, login_as):
    path = submit(client, csrf_token, listing_form)
    token = csrf_token(path)
    assert client.post(f"{path}/pause", data={"csrf_token": token}).status_code == 409
    approve_all(client, session, csrf_token, login_as)
    slug = session.exec(select(Group)).one().slug
    assert client.post(f"{path}/pause", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/groups/{slug}").status_code == 404
    assert client.post(f"{path}/unpause", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/groups/{slug}").status_code == 200


def test_html_in_a_listing_is_text_on_the_public_pages(client, session, csrf_token,
                                                       listing_form, login_as):
    evil = "<script>alert('x')</script>"
    submit(client, csrf_token, listing_form, group_name="Circle " + evil, description=evil,
           **{"m-0-online_notes": evil})
    approve_all(client, session, csrf_token, login_as)
    slug = session.exec(select(Group)).one().slug
    for path in (f"/groups/{slug}", "/groups"):
        html = client.get(path).get_data(as_text=True)
        assert evil not in html, path
        assert "&lt;script&gt;" in html, path


def test_owner_sees_why_a_listing_was_rejected(client, session, csrf_token, listing_form,
                                               login_as):
    path = submit(client, csrf_token, listing_form)
    login_as("admin")
    revision = session.exec(select(ListingRevision)).one()
    client.post(f"/admin/revisions/{revision.id}/reject",
                data={"csrf_token": csrf_token("/admin/"), "reason": "Add the <b>room</b>."})
    page = client.get(path).get_data(as_text=True)
    assert "Not approved" in page
    assert "Add the &lt;b&gt;room&lt;/b&gt;." in page
    # Correcting it queues it again.
    client.post(path, data=listing_form(csrf_token(path), **{"m-0-location_name": "Room 4"}))
    session.expire_all()
    assert session.exec(select(Group)).one().status == "pending"
