"""A staff account's password: chosen by its owner through a one-time, hashed, expiring
link (never typed by an admin), renewed by an admin with "Send a new link", changed by its
owner (every other session ends, this one carries on), and "Forgot password" that never
says whether an address has an account. Every bad link or form is a clear 4xx page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from directory.admin import sessions as admin_sessions
from directory.models import AdminUser, AuditEntry, StaffPasswordLink, utcnow
from directory.moderation import staff_links
from directory.moderation.admins import create_admin
from tests_support import FIXED_NOW

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new passphrase"


def _token_of(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _link_token(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://\S+/admin/set-password/(\S+)", body).group(1)


def _invite(session, email="new@example.org", *, now=None, hours=72):
    link = staff_links.invite_staff(session, email=email, role="moderator", actor="admin:a",
                                    now=now or utcnow(), hours=hours)
    session.commit()
    return link


def _choose(client, token: str, password: str = NEW_PASSWORD, again: str | None = None):
    url = f"/admin/set-password/{token}"
    return client.post(url, data={"csrf_token": _token_of(client, url), "password": password,
                                  "password_again": password if again is None else again})


def _log_in(app, email: str, password: str) -> int:
    browser = app.test_client()
    token = _token_of(browser, "/admin/login")
    return browser.post("/admin/login", data={"csrf_token": token, "email": email,
                                              "password": password}).status_code


def test_the_link_is_hashed_at_rest_works_once_and_is_audited(app, client, session):
    link = _invite(session)
    stored = session.exec(select(StaffPasswordLink)).one()
    assert stored.token_hash != link.token and link.token not in stored.token_hash
    assert _log_in(app, "new@example.org", "") == 400  # no password until the link is used
    assert _choose(client, link.token).status_code == 302
    assert _log_in(app, "new@example.org", NEW_PASSWORD) == 302
    again = app.test_client().get(f"/admin/set-password/{link.token}")
    assert again.status_code == 410 and "already been used" in again.get_data(as_text=True)
    actions = session.exec(select(AuditEntry.action)).all()
    assert {"staff invited", "staff link issued", "staff password set"} <= set(actions)


def test_an_expired_link_is_a_clear_410_and_an_admin_sends_a_new_one(
        app, client, session, smtp, login_as, csrf_token):
    old = _invite(session, now=FIXED_NOW - timedelta(days=30))
    for method in (client.get, client.post):
        response = method(f"/admin/set-password/{old.token}")
        assert response.status_code == 410 and "has expired" in response.get_data(as_text=True)
    login_as("admin")
    user = session.exec(select(AdminUser).where(AdminUser.email == "new@example.org")).one()
    response = client.post(f"/admin/accounts/{user.id}/link",
                           data={"csrf_token": csrf_token("/admin/accounts")})
    assert response.status_code == 302
    assert "A new link was sent to new@example.org" in \
        client.get("/admin/accounts").get_data(as_text=True)
    [message] = smtp.messages
    assert message["To"] == "new@example.org"
    assert _choose(app.test_client(), _link_token(message)).status_code == 302
    assert _log_in(app, "new@example.org", NEW_PASSWORD) == 302


def test_a_rotated_link_stops_working_when_a_newer_one_is_sent(app, session):
    first = _invite(session)
    user = session.exec(select(AdminUser).where(AdminUser.email == "new@example.org")).one()
    staff_links.issue_link(session, user=user, purpose="invite", actor="admin:a",
                           now=utcnow())
    session.commit()
    response = app.test_client().get(f"/admin/set-password/{first.token}")
    assert response.status_code == 410 and "newer link" in response.get_data(as_text=True)
    browser = app.test_client()
    response = browser.post(f"/admin/set-password/{first.token}", data={
        "csrf_token": _token_of(browser, "/admin/login"), "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD})
    assert response.status_code == 410
    assert _log_in(app, "new@example.org", NEW_PASSWORD) == 400


@pytest.mark.parametrize("token", ["nope", "x" * 300, "%E2%9C%93"])
def test_an_unknown_link_is_a_404_page_never_a_500(client, token):
    for method in (client.get, client.post):
        response = method(f"/admin/set-password/{token}")
        assert response.status_code == 404
        assert "recognise this link" in response.get_data(as_text=True)


def test_mismatched_short_or_csrf_failed_passwords_rerender_the_form_and_keep_the_link(
        app, client, session):
    link = _invite(session)
    response = _choose(client, link.token, again="something else entirely")
    assert response.status_code == 400
    assert "The two passwords are not the same." in response.get_data(as_text=True)
    response = _choose(client, link.token, password="short")
    assert response.status_code == 400 and "at least 12 characters" in \
        response.get_data(as_text=True)
    response = client.post(f"/admin/set-password/{link.token}", data={
        "csrf_token": "forged", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="csrf_token-error"' in page or "did not come from this site" in page
    assert session.exec(select(StaffPasswordLink)).one().used_at is None
    assert _choose(client, link.token).status_code == 302  # still usable after all that


def test_a_disabled_account_cannot_use_its_link(app, client, session):
    link = _invite(session)
    link.user.disabled_at = FIXED_NOW
    session.add(link.user)
    session.commit()
    response = client.get(f"/admin/set-password/{link.token}")
    assert response.status_code == 410 and "disabled" in response.get_data(as_text=True)


def test_the_cli_mails_a_link_unless_a_password_is_given(app, runner, session, smtp):
    result = runner.invoke(args=["create-admin", "Ops@Example.org", "--role", "moderator"])
    assert result.exit_code == 0, result.output
    assert "a link to choose a password was e-mailed" in result.output
    [message] = smtp.messages
    assert message["To"] == "ops@example.org"
    assert _choose(app.test_client(), _link_token(message)).status_code == 302
    assert _log_in(app, "ops@example.org", NEW_PASSWORD) == 302
    again = runner.invoke(args=["create-admin", "ops@example.org"])
    assert again.exit_code != 0 and "already has an account" in again.output


# --- changing one's own password ------------------------------------------------------


def _second_browser(app, user):
    other = app.test_client()
    with other.session_transaction() as cookie:
        cookie.update(admin_sessions.claims(user))
    return other


def _change(client, current: str, new: str = NEW_PASSWORD, again: str | None = None,
            token: str | None = None):
    return client.post("/admin/password", data={
        "csrf_token": token or _token_of(client, "/admin/password"),
        "current_password": current, "new_password": new,
        "new_password_again": new if again is None else again})


def test_a_moderator_changes_their_password_and_only_this_session_carries_on(
        app, client, session, login_as):
    user = login_as("moderator")
    other = _second_browser(app, user)
    assert other.get("/admin/").status_code == 200
    response = _change(client, PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/settings"
    assert "Your password was changed" in client.get("/admin/settings").get_data(as_text=True)
    assert client.get("/admin/").status_code == 200  # this browser stays in
    assert other.get("/admin/").status_code == 302  # every other one is out
    assert _log_in(app, user.email, PASSWORD) == 400
    assert _log_in(app, user.email, NEW_PASSWORD) == 302
    assert "staff password changed" in session.exec(select(AuditEntry.action)).all()


def test_a_wrong_current_password_or_mismatched_new_ones_change_nothing(
        app, client, session, login_as):
    user = login_as("moderator")
    response = _change(client, "not my password at all")
    assert response.status_code == 400
    assert "That is not your current password." in response.get_data(as_text=True)
    response = _change(client, PASSWORD, again="a different new passphrase")
    assert response.status_code == 400
    assert "The two new passwords are not the same." in response.get_data(as_text=True)
    response = _change(client, PASSWORD, new="short")
    assert response.status_code == 400 and "at least 12 characters" in \
        response.get_data(as_text=True)
    response = _change(client, PASSWORD, token="forged")
    assert response.status_code == 400
    assert 'name="current_password"' in response.get_data(as_text=True)  # the form again
    assert _log_in(app, user.email, PASSWORD) == 302


def test_wrong_current_passwords_count_toward_the_login_limits(app, client, login_as):
    app.config.update(LOGIN_RATE_LIMIT="100/minute", LOGIN_ACCOUNT_RATE_LIMIT="3/minute")
    user = login_as("moderator")
    for _ in range(3):
        assert _change(client, "a guess at the password").status_code == 400
    assert _change(client, "yet another guess").status_code == 429
    # The same account's login from a browser that never logged in is held back too.
    assert _log_in(app, user.email, PASSWORD) == 429


def test_a_right_current_password_and_other_mistakes_do_not_count(app, client, login_as):
    app.config.update(LOGIN_RATE_LIMIT="100/minute", LOGIN_ACCOUNT_RATE_LIMIT="2/minute")
    user = login_as("moderator")
    for _ in range(3):
        assert _change(client, PASSWORD, again="mismatched new one").status_code == 400
    assert _log_in(app, user.email, PASSWORD) == 302


def test_an_editor_session_gets_403_on_the_moderators_password_page(client, session,
                                                                     make_group):
    from directory.editors import sessions as editor_sessions
    from directory.models import Organization
    from directory.moderation import editors

    make_group(organization="Riverside Intergroup")
    org = session.exec(select(Organization)).one()
    invitation = editors.invite_editor(session, organization=org, email="ed@example.org",
                                       actor="moderator:m", now=utcnow())
    editor = editors.accept_invitation(session, token=invitation.token, password=PASSWORD,
                                       now=utcnow())
    session.commit()
    with client.session_transaction() as cookie:
        editor_sessions.start(cookie, editor)
    assert client.get("/organization/").status_code == 200
    for url in ("/admin/password", "/admin/", "/admin/accounts"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "logged in as an organization editor" in response.get_data(as_text=True)
    assert client.get("/admin/login").status_code == 200


# --- forgot password --------------------------------------------------------------------


def _forgot(client, email: str):
    return client.post("/admin/forgot-password", data={
        "csrf_token": _token_of(client, "/admin/forgot-password"), "email": email})


def test_forgot_password_answers_the_same_whether_or_not_the_address_exists(
        app, client, session, smtp):
    create_admin(session, email="mod@example.org", password=PASSWORD, role="moderator",
                 now=FIXED_NOW)
    session.commit()
    known = _forgot(client, "Mod@Example.org")
    unknown = _forgot(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200

    def neutral(response, email):
        return response.get_data(as_text=True).replace(email, "ADDRESS")

    assert neutral(known, "Mod@Example.org") == neutral(unknown, "nobody@example.org")
    [message] = smtp.messages  # only the real account got mail
    assert message["To"] == "mod@example.org"
    assert _choose(app.test_client(), _link_token(message)).status_code == 302
    assert _log_in(app, "mod@example.org", PASSWORD) == 400
    assert _log_in(app, "mod@example.org", NEW_PASSWORD) == 302


def test_forgot_password_is_rate_limited_and_checks_its_input(app, client):
    app.config.update(LOGIN_RATE_LIMIT="3/minute")
    response = _forgot(client, "not an address")
    assert response.status_code == 400 and 'id="email-error"' in response.get_data(as_text=True)
    statuses = [_forgot(client, f"n{n}@example.org").status_code for n in range(4)]
    assert statuses[:2] == [200, 200] and statuses[-1] == 429
