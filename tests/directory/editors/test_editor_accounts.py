"""Organization editors' own account: the same login limits as the moderators' (one
implementation), a password change that ends every other session and counts wrong guesses,
new listings of their organization from their account, and 403 across the two kinds of
staff session."""

from __future__ import annotations

import re
import secrets

from sqlmodel import select

from directory.admin.login_limits import EDITOR_DEVICE_COOKIE
from directory.editors import sessions as editor_sessions
from directory.models import (
    AuditEntry,
    Group,
    ListingRevision,
    ModeratorNotice,
    Organization,
    utcnow,
)
from directory.moderation import editors

ORG = "Riverside Intergroup"
PASSWORD = "a long editor passphrase"
NEW_PASSWORD = "an entirely new passphrase"


def _token_of(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _make_editor(session, make_group, *, email="sec@example.org", trusted=False):
    make_group(organization=ORG, name="Riverside Tuesday Group")
    org = session.exec(select(Organization).where(Organization.name == ORG)).one()
    org.trusted = trusted
    session.add(org)
    invitation = editors.invite_editor(session, organization=org, email=email,
                                       actor="moderator:m", now=utcnow())
    editor = editors.accept_invitation(session, token=invitation.token, password=PASSWORD,
                                       now=utcnow())
    session.commit()
    return editor


def _logged_in(client, editor):
    with client.session_transaction() as cookie:
        editor_sessions.start(cookie, editor)
    return client


def _log_in(client, email: str, password: str) -> int:
    token = _token_of(client, "/organization/login")
    return client.post("/organization/login", data={"csrf_token": token, "email": email,
                                                    "password": password}).status_code


# --- login limits -----------------------------------------------------------------------


def test_failed_editor_logins_per_account_stop_a_guesser_on_any_address(
        app, session, make_group):
    app.config.update(LOGIN_RATE_LIMIT="100/minute", LOGIN_ACCOUNT_RATE_LIMIT="3/minute")
    _make_editor(session, make_group)
    statuses = [_log_in(app.test_client(), "SEC@example.org ", "a guess")
                for _ in range(5)]
    assert statuses[:3] == [400] * 3 and set(statuses[3:]) == {429}
    assert _log_in(app.test_client(), "sec@example.org", PASSWORD) == 429
    assert _log_in(app.test_client(), "other@example.org", "a guess") == 400


def test_an_editor_browser_that_logged_in_before_is_exempt_from_the_account_limit(
        app, session, make_group):
    app.config.update(LOGIN_RATE_LIMIT="100/minute", LOGIN_ACCOUNT_RATE_LIMIT="2/hour")
    _make_editor(session, make_group)
    mine = app.test_client()
    assert _log_in(mine, "sec@example.org", PASSWORD) == 302
    assert mine.get_cookie(EDITOR_DEVICE_COOKIE, path="/organization") is not None
    for _ in range(3):  # someone else fails on purpose
        _log_in(app.test_client(), "sec@example.org", "a guess")
    assert _log_in(app.test_client(), "sec@example.org", PASSWORD) == 429
    assert _log_in(mine, "sec@example.org", PASSWORD) == 302
    # A moderator's known-device cookie is not an editor's.
    forged = app.test_client()
    forged.set_cookie(EDITOR_DEVICE_COOKIE, "forged.value", path="/organization")
    assert _log_in(forged, "sec@example.org", PASSWORD) == 429


def test_failed_logins_per_ip_are_counted_across_both_login_pages(app, session, make_group):
    app.config.update(LOGIN_RATE_LIMIT="3/minute", LOGIN_ACCOUNT_RATE_LIMIT="100/minute")
    _make_editor(session, make_group)
    browser = app.test_client()
    admin_token = _token_of(browser, "/admin/login")
    assert _log_in(browser, "sec@example.org", "a guess") == 400
    assert _log_in(browser, "sec@example.org", "a guess") == 400
    response = browser.post("/admin/login", data={"csrf_token": admin_token,
                                                  "email": "x@example.org", "password": "y"})
    assert response.status_code == 400
    assert _log_in(browser, "sec@example.org", PASSWORD) == 429


# --- password change --------------------------------------------------------------------


def _change(client, current, new=NEW_PASSWORD, again=None, token=None):
    return client.post("/organization/password", data={
        "csrf_token": token or _token_of(client, "/organization/password"),
        "current_password": current, "new_password": new,
        "new_password_again": new if again is None else again})


def test_an_editors_password_change_keeps_this_session_and_ends_the_others(
        app, session, make_group):
    editor = _make_editor(session, make_group)
    mine, other = _logged_in(app.test_client(), editor), _logged_in(app.test_client(), editor)
    response = _change(mine, PASSWORD)
    assert response.status_code == 302
    assert "Your password was changed" in mine.get("/organization/").get_data(as_text=True)
    assert other.get("/organization/").status_code == 302
    assert _log_in(app.test_client(), editor.email, NEW_PASSWORD) == 302
    assert "editor password changed" in session.exec(select(AuditEntry.action)).all()


def test_an_editors_bad_password_forms_are_400s_that_change_nothing(
        app, session, make_group):
    editor = _make_editor(session, make_group)
    client = _logged_in(app.test_client(), editor)
    response = _change(client, PASSWORD, again="not the same one at all")
    assert response.status_code == 400
    assert "The two new passwords are not the same." in response.get_data(as_text=True)
    response = _change(client, "wrong current one")
    assert response.status_code == 400 and "not your current password" in \
        response.get_data(as_text=True)
    response = _change(client, PASSWORD, token="forged")
    assert response.status_code == 400
    assert 'name="new_password_again"' in response.get_data(as_text=True)
    assert _log_in(app.test_client(), editor.email, PASSWORD) == 302


def test_an_editors_wrong_current_passwords_count_toward_the_login_limit(
        app, session, make_group):
    app.config.update(LOGIN_RATE_LIMIT="100/minute", LOGIN_ACCOUNT_RATE_LIMIT="2/minute")
    editor = _make_editor(session, make_group)
    client = _logged_in(app.test_client(), editor)
    assert _change(client, "guess one").status_code == 400
    assert _change(client, "guess two").status_code == 400
    assert _change(client, PASSWORD).status_code == 429
    assert _log_in(app.test_client(), editor.email, PASSWORD) == 429


# --- one kind of session, one kind of page -------------------------------------------


def test_a_moderator_session_gets_403_on_editor_pages(client, session, make_group, login_as):
    _make_editor(session, make_group)
    login_as("moderator")
    for url in ("/organization/", "/organization/password", "/organization/listings/new",
                "/organization/editors"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "you are logged in as a moderator" in response.get_data(as_text=True)
    assert client.post("/organization/password", data={}).status_code == 403
    assert client.get("/organization/login").status_code == 200


def test_logged_out_editor_pages_ask_to_log_in(client):
    for url in ("/organization/listings/new", "/organization/password"):
        response = client.get(url)
        assert response.status_code == 302 and "/organization/login" in \
            response.headers["Location"]


# --- new listings -------------------------------------------------------------------------


def _new_form(client, listing_form, **overrides):
    return listing_form(_token_of(client, "/organization/listings/new"),
                        organization="Someone Else Entirely", **overrides)


def test_an_editors_new_listing_waits_in_the_queue_attributed_to_them(
        app, session, make_group, listing_form):
    editor = _make_editor(session, make_group)
    client = _logged_in(app.test_client(), editor)
    page = client.get("/organization/listings/new").get_data(as_text=True)
    # The organization is filled in and cannot be typed over (it is forced on save anyway).
    [field] = re.findall(r'<input[^>]*id="organization"[^>]*>', page)
    assert f'value="{ORG}"' in field and " readonly" in field
    response = client.post("/organization/listings/new", data=_new_form(client, listing_form))
    assert response.status_code == 302 and response.headers["Location"] == "/organization/"
    group = session.exec(select(Group).where(Group.name == "Lakeside Family Circle")).one()
    assert group.status == "pending" and group.organization.name == ORG  # fixed, not typed
    revision = session.exec(select(ListingRevision).where(
        ListingRevision.group_id == group.id)).one()
    assert revision.kind == "new" and revision.status == "pending"
    assert revision.submitted_by == "editor:sec@example.org"
    assert session.exec(select(ModeratorNotice.kind)).all() == ["new"]
    listings = client.get("/organization/").get_data(as_text=True)
    assert "Lakeside Family Circle" in listings and "pending" in listings
    assert "Waiting for a moderator" in listings
    edit = client.get(f"/organization/listings/{group.slug}/edit")
    assert edit.status_code == 200
    [field] = re.findall(r'<input[^>]*id="organization"[^>]*>', edit.get_data(as_text=True))
    assert f'value="{ORG}"' in field and " readonly" in field
    assert app.test_client().get(f"/groups/{group.slug}").status_code == 404


def test_a_trusted_organizations_new_listing_goes_live_once_even_if_sent_twice(
        app, session, make_group, listing_form):
    editor = _make_editor(session, make_group, trusted=True)
    client = _logged_in(app.test_client(), editor)
    form = _new_form(client, listing_form, form_nonce=secrets.token_hex(16))
    assert client.post("/organization/listings/new", data=form).status_code == 302
    assert client.post("/organization/listings/new", data=form).status_code == 302
    [group] = session.exec(select(Group).where(Group.name == "Lakeside Family Circle")).all()
    assert group.status == "active" and group.organization.name == ORG
    assert app.test_client().get(f"/groups/{group.slug}").status_code == 200
    assert session.exec(select(ListingRevision.status).where(
        ListingRevision.group_id == group.id)).all() == ["approved"]
    assert session.exec(select(ModeratorNotice)).first() is None
    entry = session.exec(select(AuditEntry).where(AuditEntry.group_id == group.id)).first()
    assert entry.actor == "editor:sec@example.org"


def test_a_bad_or_csrf_failed_new_listing_is_rerendered_with_what_was_typed(
        app, session, make_group, listing_form):
    editor = _make_editor(session, make_group)
    client = _logged_in(app.test_client(), editor)
    response = client.post("/organization/listings/new",
                           data=_new_form(client, listing_form, **{"m-0-start_time": "25:99",
                                                                   "group_name": ""}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="group_name-error"' in page and "25:99" in page
    response = client.post("/organization/listings/new",
                           data={**_new_form(client, listing_form), "csrf_token": "forged"})
    assert response.status_code == 400
    assert "Lakeside Family Circle" in response.get_data(as_text=True)
    assert session.exec(select(Group).where(Group.name == "Lakeside Family Circle")).first() \
        is None


def test_a_new_listing_like_a_live_one_asks_first_then_goes_in_when_sent_anyway(
        app, session, make_group, listing_form):
    editor = _make_editor(session, make_group)
    make_group(organization=ORG, name="Lakeside Family Circle")
    client = _logged_in(app.test_client(), editor)
    form = _new_form(client, listing_form)
    response = client.post("/organization/listings/new", data=form)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Is this group already listed?" in page and 'value="submit_anyway"' in page
    assert len(session.exec(select(Group).where(Group.name == "Lakeside Family Circle")
                            ).all()) == 1
    response = client.post("/organization/listings/new",
                           data={**form, "action": "submit_anyway"})
    assert response.status_code == 302
    new = session.exec(select(Group).where(Group.name == "Lakeside Family Circle",
                                           Group.status == "pending")).one()
    revision = session.exec(select(ListingRevision).where(
        ListingRevision.group_id == new.id)).one()
    assert revision.duplicate_of  # the moderator sees the likely duplicate
