"""Moderator sessions end on logout and on a password change — every copy of the cookie —
and after an idle and an absolute lifetime; CSRF failures are answered after the login
check, and a moderator's expired form is re-rendered with what they typed."""

from __future__ import annotations

import time

import pytest

from directory.moderation.admins import create_admin
from tests_support import FIXED_NOW

PASSWORD = "correct horse battery"


def _log_in(app, session, csrf_token, client, email="mod@example.org"):
    create_admin(session, email=email, password=PASSWORD, now=FIXED_NOW)
    session.commit()
    response = client.post("/admin/login", data={
        "csrf_token": csrf_token("/admin/login"), "email": email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def _copy_of(app, client):
    """A second browser holding a copy of `client`'s session cookie (a stolen cookie)."""
    other = app.test_client()
    cookie = client.get_cookie("session")
    other.set_cookie("session", cookie.value)
    return other


def _is_logged_out(response) -> bool:
    return response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_logout_ends_every_copy_of_the_session_cookie(app, client, session, csrf_token):
    _log_in(app, session, csrf_token, client)
    copy = _copy_of(app, client)
    assert copy.get("/admin/").status_code == 200
    token = csrf_token("/admin/")
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert _is_logged_out(client.get("/admin/"))
    assert _is_logged_out(copy.get("/admin/"))


def test_a_password_change_ends_the_sessions_made_with_the_old_one(app, client, session,
                                                                     csrf_token):
    _log_in(app, session, csrf_token, client)
    create_admin(session, email="mod@example.org", password="a brand new passphrase",
                 now=FIXED_NOW)
    session.commit()
    assert _is_logged_out(client.get("/admin/"))
    response = client.post("/admin/login", data={
        "csrf_token": csrf_token("/admin/login"), "email": "mod@example.org",
        "password": "a brand new passphrase"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_an_idle_session_ends_and_an_active_one_continues(app, client, session, csrf_token):
    app.config["ADMIN_SESSION_IDLE_MINUTES"] = 30
    _log_in(app, session, csrf_token, client)
    with client.session_transaction() as cookie:
        cookie["seen_at"] -= 29 * 60  # 29 minutes without a request: still fine
    assert client.get("/admin/").status_code == 200
    with client.session_transaction() as cookie:
        assert cookie["seen_at"] >= time.time() - 5  # the request refreshed the idle clock
        cookie["seen_at"] -= 31 * 60
    assert _is_logged_out(client.get("/admin/"))
    with client.session_transaction() as cookie:
        assert "admin_id" not in cookie


def test_a_session_ends_after_its_absolute_lifetime_however_active(app, client, session,
                                                                   csrf_token):
    app.config["ADMIN_SESSION_MAX_HOURS"] = 12
    _log_in(app, session, csrf_token, client)
    with client.session_transaction() as cookie:
        cookie["login_at"] -= 11 * 3600
    assert client.get("/admin/").status_code == 200
    with client.session_transaction() as cookie:
        cookie["login_at"] -= 2 * 3600  # 13 hours ago, though seen a moment ago
    assert _is_logged_out(client.get("/admin/"))


def test_a_cookie_with_only_an_admin_id_is_not_a_session(client, session):
    user = create_admin(session, email="mod@example.org", password=PASSWORD, now=FIXED_NOW)
    session.commit()
    with client.session_transaction() as cookie:
        cookie["admin_id"] = user.id  # the old cookie shape, or a forged partial one
    assert _is_logged_out(client.get("/admin/"))


@pytest.mark.parametrize("path", ["/admin/revisions/1/reject", "/admin/revisions/1/approve",
                                  "/admin/groups/some-circle/edit", "/admin/import",
                                  "/admin/logout", "/admin/reports/1/resolve"])
@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_a_logged_out_post_without_a_valid_token_is_sent_to_log_in(client, path, token):
    data = {"reason": "x", "group_name": "x"}
    if token:
        data["csrf_token"] = token
    response = client.post(path, data=data)
    assert _is_logged_out(response), (response.status_code, response.get_data(as_text=True))


def test_an_expired_form_token_re_renders_the_moderators_edit_with_what_they_typed(
    app, client, login_as, make_group, csrf_token
):
    group = make_group(name="Old Name Circle")
    login_as("admin")
    app.config["WTF_CSRF_TIME_LIMIT"] = 1
    token = csrf_token(f"/admin/groups/{group.slug}/edit")
    time.sleep(2.1)
    response = client.post(f"/admin/groups/{group.slug}/edit", data={
        "csrf_token": token, "group_name": "Typed But Expired Circle", "topics": ["grief"],
        "format": "online", "cost": "free", "m-0-weekday": "tue", "m-0-start_time": "19:00",
        "action": "submit"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'value="Typed But Expired Circle"' in html
    assert "Everything you typed is still here" in html
    rejected = client.post("/admin/revisions/999/reject",
                           data={"csrf_token": token, "reason": "Wrong hall, kept typed"})
    assert rejected.status_code == 404  # the login check ran, then the view: no such item
