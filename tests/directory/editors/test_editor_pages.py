"""Organization editors through the web: invitations by e-mail (one-time, expiring, hashed,
audited), log in and out, every listing of their organization and none of another's, edits
that wait for a moderator unless the organization is trusted, and removal ending sessions."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from directory.models import (
    AuditEntry,
    EditorAccount,
    EditorInvitation,
    ListingRevision,
    ModeratorNotice,
    Organization,
)
from directory.moderation import editors
from tests_support import FIXED_NOW

ORG = "Riverside Intergroup"
PASSWORD = "a long editor passphrase"


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _token_of(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _organization(session, name: str = ORG) -> Organization:
    return session.exec(select(Organization).where(Organization.name == name)).one()


def _editor(session, client, *, org: Organization, email: str = "sec@example.org"):
    """An editor of `org` made through a real invitation, with `client` logged in."""
    from datetime import UTC, datetime

    invitation = editors.invite_editor(session, organization=org, email=email,
                                       actor="moderator:mod@example.org",
                                       now=datetime.now(UTC))
    session.commit()
    url = f"/organization/invitations/{invitation.token}"
    response = client.post(url, data={"csrf_token": _token_of(client, url),
                                      "password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return session.exec(select(EditorAccount).where(EditorAccount.email == email)).one()


def test_a_moderators_invitation_mails_a_one_time_link_that_makes_an_editor(
        app, client, session, smtp, make_group, login_as, csrf_token):
    ours = make_group(organization=ORG, name="Riverside Tuesday Group")
    theirs = make_group(organization="Hillside Services", name="Hillside Thursday Group")
    login_as("moderator")
    org = _organization(session)
    response = client.post(f"/admin/organizations/{org.id}/invite", data={
        "csrf_token": csrf_token(f"/admin/organizations/{org.id}"),
        "email": "Secretary@Example.org"})
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == "secretary@example.org"
    link = re.search(r"http://\S+/organization/invitations/(\S+)", _body(message))
    token = link.group(1)
    stored = session.exec(select(EditorInvitation)).one()
    assert stored.token_hash != token and token not in stored.token_hash  # hashed at rest

    editor_browser = app.test_client()
    url = f"/organization/invitations/{token}"
    page = editor_browser.get(url)
    assert page.status_code == 200 and "secretary@example.org" in page.get_data(as_text=True)
    response = editor_browser.post(url, data={
        "csrf_token": _token_of(editor_browser, url), "password": PASSWORD,
        "password_again": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/organization/"
    listings = editor_browser.get("/organization/").get_data(as_text=True)
    assert ours.name in listings and theirs.name not in listings
    assert "Welcome: you can now edit the listings of Riverside Intergroup" in listings

    again = app.test_client().get(url)
    assert again.status_code == 410 and "already been used" in again.get_data(as_text=True)
    actions = session.exec(select(AuditEntry.action)).all()
    assert "editor invited" in actions and "editor joined" in actions
    editor = session.exec(select(EditorAccount)).one()
    assert editor.password_hash.startswith("scrypt:")


def test_an_expired_or_unknown_invitation_gives_a_clear_page_never_a_500(
        client, session, make_group):
    make_group(organization=ORG)
    invitation = editors.invite_editor(session, organization=_organization(session),
                                       email="late@example.org", actor="moderator:m",
                                       now=FIXED_NOW - timedelta(days=30))
    session.commit()
    response = client.get(f"/organization/invitations/{invitation.token}")
    assert response.status_code == 410 and "has expired" in response.get_data(as_text=True)
    response = client.post(f"/organization/invitations/{invitation.token}",
                           data={"password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 410
    assert session.exec(select(EditorAccount)).first() is None
    for bad in ("nope", "x" * 300):
        assert client.get(f"/organization/invitations/{bad}").status_code == 404
    assert client.get("/organization/invitations/%00").status_code == 400  # hardening


def test_a_second_invitation_to_the_same_address_revokes_the_first(client, session,
                                                                   make_group):
    make_group(organization=ORG)
    org = _organization(session)
    first = editors.invite_editor(session, organization=org, email="a@example.org",
                                  actor="moderator:m", now=FIXED_NOW + timedelta(days=3650))
    editors.invite_editor(session, organization=org, email="a@example.org",
                          actor="moderator:m", now=FIXED_NOW + timedelta(days=3650))
    session.commit()
    response = client.get(f"/organization/invitations/{first.token}")
    assert response.status_code == 410 and "newer invitation" in response.get_data(as_text=True)


def test_accepting_with_a_short_or_mismatched_password_is_a_400_and_the_link_still_works(
        client, session, make_group):
    from datetime import UTC, datetime

    make_group(organization=ORG)
    invitation = editors.invite_editor(session, organization=_organization(session),
                                       email="a@example.org", actor="moderator:m",
                                       now=datetime.now(UTC))
    session.commit()
    url = f"/organization/invitations/{invitation.token}"
    token = _token_of(client, url)
    response = client.post(url, data={"csrf_token": token, "password": "short",
                                      "password_again": "short"})
    assert response.status_code == 400
    assert "at least 12 characters" in response.get_data(as_text=True)
    response = client.post(url, data={"csrf_token": token, "password": PASSWORD,
                                      "password_again": PASSWORD + "x"})
    assert response.status_code == 400 and "not the same" in response.get_data(as_text=True)
    response = client.post(url, data={"password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 400  # no CSRF token: the form again, nothing saved
    assert session.exec(select(EditorAccount)).first() is None
    assert client.get(url).status_code == 200


def test_editor_pages_need_a_login_and_an_editor_is_not_a_moderator(app, client, session,
                                                                    make_group):
    make_group(organization=ORG)
    response = client.get("/organization/")
    assert response.status_code == 302 and "/organization/login" in response.headers["Location"]
    _editor(session, client, org=_organization(session))
    assert client.get("/organization/").status_code == 200
    assert client.get("/admin/").status_code == 403  # an editor's session is not a moderator's
    assert client.get("/admin/login").status_code == 200  # who may still log in as one


def test_an_untrusted_organizations_edit_waits_for_a_moderator(
        client, session, make_group, listing_form):
    group = make_group(organization=ORG, description="The old description.")
    editor = _editor(session, client, org=_organization(session))
    url = f"/organization/listings/{group.slug}/edit"
    response = client.post(url, data=listing_form(
        _token_of(client, url), organization=ORG, description="A new description."))
    assert response.status_code == 302
    assert "are waiting for a moderator" in client.get("/organization/").get_data(as_text=True)
    listings = client.get("/organization/").get_data(as_text=True)  # the notice was shown
    assert "<td>Waiting for a moderator</td>" in listings
    session.refresh(group)
    assert group.description == "The old description."
    revision = session.exec(select(ListingRevision).where(
        ListingRevision.group_id == group.id)).one()
    assert revision.status == "pending" and revision.submitted_by == f"editor:{editor.email}"
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "edit proposed")).one()
    assert entry.actor == f"editor:{editor.email}"
    assert session.exec(select(ModeratorNotice.kind)).all() == ["edit"]


def test_a_trusted_organizations_edit_goes_live_at_once_and_is_audited(
        app, client, session, make_group, listing_form, login_as, csrf_token):
    group = make_group(organization=ORG, description="The old description.")
    org = _organization(session)
    admin = app.test_client()  # the editor's browser
    # `login_as` logs in `client`: it is the admin, and `admin` the editor's browser.
    login_as("admin")
    response = client.post(f"/admin/organizations/{org.id}/trusted", data={
        "csrf_token": csrf_token(f"/admin/organizations/{org.id}"), "trusted": "1"})
    assert response.status_code == 302
    session.refresh(org)
    assert org.trusted
    editor = _editor(session, admin, org=org)
    url = f"/organization/listings/{group.slug}/edit"
    response = admin.post(url, data=listing_form(
        _token_of(admin, url), organization="Somebody Else Entirely",
        description="A new description."))
    assert response.status_code == 302
    assert "are live" in admin.get("/organization/").get_data(as_text=True)
    session.refresh(group)
    assert group.description == "A new description."
    assert group.organization_id == org.id  # an editor cannot move a listing away
    entry = session.exec(select(AuditEntry).where(
        AuditEntry.action == "edited by editor")).one()
    assert entry.actor == f"editor:{editor.email}" and entry.group_id == group.id
    assert session.exec(select(ListingRevision).where(
        ListingRevision.group_id == group.id)).first() is None
    assert session.exec(select(AuditEntry).where(
        AuditEntry.action == "organization trusted")).one().actor == "admin:admin@example.org"


def test_an_editor_gets_404_for_another_organizations_listing(client, session, make_group,
                                                              listing_form):
    make_group(organization=ORG)
    other = make_group(organization="Hillside Services", description="Theirs.")
    _editor(session, client, org=_organization(session))
    url = f"/organization/listings/{other.slug}/edit"
    assert client.get(url).status_code == 404
    token = _token_of(client, "/organization/editors")
    assert client.post(url, data=listing_form(token)).status_code == 404
    assert client.get("/organization/listings/Not_A_Slug!/edit").status_code == 404
    session.refresh(other)
    assert other.description == "Theirs."


def test_a_bad_edit_is_a_400_with_everything_typed(client, session, make_group, listing_form):
    group = make_group(organization=ORG)
    _editor(session, client, org=_organization(session))
    url = f"/organization/listings/{group.slug}/edit"
    response = client.post(url, data=listing_form(
        _token_of(client, url), description="Typed with care.", **{"m-0-start_time": "25:99"}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Typed with care." in page and 'id="m-0-start_time-error"' in page


def test_removing_an_editor_ends_their_sessions_and_their_login(
        app, client, session, make_group, login_as, csrf_token):
    make_group(organization=ORG)
    org = _organization(session)
    editor_browser = app.test_client()
    editor = _editor(session, editor_browser, org=org)
    assert editor_browser.get("/organization/").status_code == 200
    login_as("admin")
    response = client.post(f"/admin/organizations/{org.id}/editors/{editor.id}/remove",
                           data={"csrf_token": csrf_token(f"/admin/organizations/{org.id}")})
    assert response.status_code == 302
    assert "/organization/login" in editor_browser.get("/organization/").headers["Location"]
    response = editor_browser.post("/organization/login", data={
        "csrf_token": _token_of(editor_browser, "/organization/login"),
        "email": editor.email, "password": PASSWORD})
    assert response.status_code == 400
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "editor removed")
                        ).one().actor == "admin:admin@example.org"


def test_logout_ends_every_copy_of_the_editor_session(app, client, session, make_group):
    make_group(organization=ORG)
    _editor(session, client, org=_organization(session))
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/organization/").status_code == 200
    client.post("/organization/logout",
                data={"csrf_token": _token_of(client, "/organization/")})
    assert client.get("/organization/").status_code == 302
    assert copy.get("/organization/").status_code == 302


def test_logging_in_again_and_a_password_change_ending_the_other_sessions(
        app, client, session, make_group):
    make_group(organization=ORG)
    editor = _editor(session, client, org=_organization(session))
    other = app.test_client()
    login = {"csrf_token": _token_of(other, "/organization/login"), "email": editor.email}
    assert other.post("/organization/login",
                      data={**login, "password": "wrong password!"}).status_code == 400
    assert other.post("/organization/login", data={**login, "password": PASSWORD}
                      ).status_code == 302
    assert other.get("/organization/").status_code == 200
    response = client.post("/organization/password", data={
        "csrf_token": _token_of(client, "/organization/password"),
        "current_password": PASSWORD, "new_password": "an entirely new passphrase",
        "new_password_again": "an entirely new passphrase"})
    assert response.status_code == 302
    assert client.get("/organization/").status_code == 200  # this browser stays in
    assert other.get("/organization/").status_code == 302  # every other one is out
    response = client.post("/organization/password", data={
        "csrf_token": _token_of(client, "/organization/password"),
        "current_password": "not it at all", "new_password": "another new passphrase",
        "new_password_again": "another new passphrase"})
    assert response.status_code == 400 and "not your current password" in \
        response.get_data(as_text=True)


def test_an_editor_invites_a_co_editor_of_their_own_organization(
        client, session, smtp, make_group):
    make_group(organization=ORG)
    org = _organization(session)
    _editor(session, client, org=org)
    smtp.messages.clear()
    response = client.post("/organization/editors/invite", data={
        "csrf_token": _token_of(client, "/organization/editors"), "email": "co@example.org"})
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == "co@example.org"
    assert "sec@example.org (an editor of Riverside Intergroup)" in _body(message)
    invitation = session.exec(select(EditorInvitation).where(
        EditorInvitation.email == "co@example.org")).one()
    assert invitation.organization_id == org.id
    assert invitation.invited_by == "editor:sec@example.org"


def test_inviting_a_bad_address_or_another_organizations_editor_is_a_400(
        app, client, session, make_group):
    make_group(organization=ORG)
    make_group(organization="Hillside Services")
    _editor(session, app.test_client(), org=_organization(session, "Hillside Services"),
            email="theirs@example.org")
    _editor(session, client, org=_organization(session))
    token = _token_of(client, "/organization/editors")
    for email, message in (("not an address", "Enter an e-mail address"),
                           ("theirs@example.org", "another organization"),
                           ("sec@example.org", "already an editor of this organization")):
        response = client.post("/organization/editors/invite",
                               data={"csrf_token": token, "email": email})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert len(session.exec(select(EditorInvitation)).all()) == 2  # only the two accepted


def test_a_moderator_sees_the_organizations_with_their_editors(client, session, make_group,
                                                                login_as):
    make_group(organization=ORG)
    make_group(organization="Hillside Services")
    _editor(session, client, org=_organization(session))
    login_as("moderator")
    page = client.get("/admin/organizations?q=river").get_data(as_text=True)
    assert ORG in page and "Hillside Services" not in page
    org = _organization(session)
    page = client.get(f"/admin/organizations/{org.id}").get_data(as_text=True)
    assert "sec@example.org" in page and "Send invitation" in page
    assert "Trust</button>" not in page and "this organization</button>" not in page
    assert client.get("/admin/organizations/99999").status_code == 404
    assert client.get("/admin/organizations?page=abc").status_code == 200



def test_failed_editor_logins_are_rate_limited_and_next_stays_on_site(
        app, client, session, make_group):
    make_group(organization=ORG)
    editor = _editor(session, app.test_client(), org=_organization(session))
    app.config["LOGIN_RATE_LIMIT"] = "3/minute"
    token = _token_of(client, "/organization/login")
    bad = {"csrf_token": token, "email": editor.email, "password": "a wrong guess"}
    for _ in range(3):
        assert client.post("/organization/login", data=bad).status_code == 400
    assert client.post("/organization/login",
                       data=dict(bad, password=PASSWORD)).status_code == 429
    app.config["LOGIN_RATE_LIMIT"] = "100/minute"  # a fresh limit: this IP may try again
    other = app.test_client()
    response = other.post("/organization/login", data={
        "csrf_token": _token_of(other, "/organization/login"), "email": editor.email,
        "password": PASSWORD, "next": "//evil.example/organization/"})
    assert response.status_code == 302 and response.headers["Location"] == "/organization/"


def test_the_editor_is_told_what_a_moderator_decided_about_their_edit(
        app, client, session, smtp, make_group, listing_form, login_as, csrf_token):
    group = make_group(organization=ORG, description="The old description.")
    editor_browser = app.test_client()
    editor = _editor(session, editor_browser, org=_organization(session))
    url = f"/organization/listings/{group.slug}/edit"
    editor_browser.post(url, data=listing_form(_token_of(editor_browser, url),
                                               description="A new description."))
    revision = session.exec(select(ListingRevision).where(
        ListingRevision.group_id == group.id)).one()
    login_as("moderator")
    smtp.messages.clear()
    response = client.post(f"/admin/revisions/{revision.id}/reject", data={
        "csrf_token": csrf_token(f"/admin/revisions/{revision.id}"),
        "reason": "Please keep the meeting's address."})
    assert response.status_code == 302
    [message] = [m for m in smtp.messages if m["To"] == editor.email]
    assert message["Subject"].startswith("Not approved:")
    assert "Please keep the meeting's address." in _body(message)
