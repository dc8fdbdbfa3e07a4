"""Admins and moderators: admins manage staff accounts, trusted organizations and data
sources from the web; moderators get 403 there and keep the queue, reports and listings;
the CLI keeps making admins; the migration leaves at least one admin."""

from __future__ import annotations

import re

import pytest
from alembic import command as alembic_command
from sqlalchemy import text
from sqlmodel import SQLModel, select

from directory.admin.views import ADMIN_ONLY_ENDPOINTS
from directory.db import alembic_config, get_engine
from directory.models import AdminUser, AuditEntry
from directory.moderation.admins import create_admin
from tests_support import FIXED_NOW

PASSWORD = "correct horse battery"


def _url_for_rule(rule) -> str:
    """A concrete URL for a rule (every argument of these rules is a number)."""
    return re.sub(r"<(?:int:)?[a-z_]+>", "1", rule.rule)


def _admin_only_rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint in ADMIN_ONLY_ENDPOINTS]
    assert {rule.endpoint for rule in rules} == ADMIN_ONLY_ENDPOINTS  # no stale names
    return rules


def test_a_moderator_gets_403_on_every_admin_only_page(app, client, login_as, csrf_token):
    login_as("moderator")
    token = csrf_token("/admin/")
    for rule in _admin_only_rules(app):
        url = _url_for_rule(rule)
        if "GET" in rule.methods:
            assert client.get(url).status_code == 403, url
        if "POST" in rule.methods:
            assert client.post(url, data={"csrf_token": token}).status_code == 403, url


def test_a_moderator_still_works_the_queue_reports_listings_and_organizations(
        client, login_as):
    login_as("moderator")
    for url in ("/admin/", "/admin/reports", "/admin/groups", "/admin/audit",
                "/admin/organizations", "/admin/settings", "/admin/import-export"):
        assert client.get(url).status_code == 200, url
    page = client.get("/admin/").get_data(as_text=True)
    assert "/admin/accounts" not in page and "/admin/sources" not in page


def test_an_admin_sees_the_admin_only_pages_in_the_nav(client, login_as):
    login_as("admin")
    page = client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/accounts"' in page and 'href="/admin/sources"' in page
    assert client.get("/admin/accounts").status_code == 200
    assert client.get("/admin/sources").status_code == 200


def test_logged_out_admin_only_pages_ask_to_log_in_rather_than_403(client):
    response = client.get("/admin/accounts")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_an_admin_adds_a_moderator_who_chooses_their_own_password_through_the_mailed_link(
        app, client, session, smtp, login_as, csrf_token):
    login_as("admin")
    response = client.post("/admin/accounts", data={
        "csrf_token": csrf_token("/admin/accounts"), "email": "New.Mod@Example.org",
        "role": "moderator", "password": "ignored: admins no longer type one"})
    assert response.status_code == 302
    page = client.get("/admin/accounts").get_data(as_text=True)
    assert "new.mod@example.org was sent a link to choose their password" in page
    assert "Invited: no password yet" in page
    user = session.exec(select(AdminUser).where(AdminUser.email == "new.mod@example.org")).one()
    assert user.role == "moderator" and user.password_hash == ""  # nothing to log in with
    [message] = smtp.messages
    assert message["To"] == "new.mod@example.org"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "ignored: admins no longer type one" not in body
    token = re.search(r"http://\S+/admin/set-password/(\S+)", body).group(1)

    other = app.test_client()
    html = other.get("/admin/login").get_data(as_text=True)
    login_token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert other.post("/admin/login", data={"csrf_token": login_token,
                                            "email": "new.mod@example.org",
                                            "password": ""}).status_code == 400
    url = f"/admin/set-password/{token}"
    html = other.get(url).get_data(as_text=True)
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    response = other.post(url, data={"csrf_token": form_token,
                                     "password": "a fresh passphrase here",
                                     "password_again": "a fresh passphrase here"})
    assert response.status_code == 302
    assert other.get("/admin/").status_code == 200  # logged in as the new moderator
    assert other.get("/admin/accounts").status_code == 403
    session.refresh(user)
    assert user.password_hash.startswith("scrypt:")


@pytest.mark.parametrize("form, field, message", [
    ({"email": "not-an-address", "role": "moderator"}, "email",
     "That is not an e-mail address."),
    ({"email": "admin@example.org", "role": "moderator"}, "email",
     "This address already has an account"),
    ({"email": "a@example.org", "role": "superuser"}, "role",
     "The role must be one of"),
])
def test_a_bad_new_account_is_a_400_with_the_field_message_and_nothing_saved(
        client, session, login_as, csrf_token, form, field, message):
    login_as("admin")
    before = session.exec(select(AdminUser.email, AdminUser.role)).all()
    response = client.post("/admin/accounts",
                           data={"csrf_token": csrf_token("/admin/accounts"), **form})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and f'id="{field}-error"' in page
    assert session.exec(select(AdminUser.email, AdminUser.role)).all() == before


def test_disabling_a_moderator_ends_their_sessions_and_stops_their_login(
        app, client, session, login_as, csrf_token):
    create_admin(session, email="mod@example.org", password=PASSWORD, role="moderator",
                 now=FIXED_NOW)
    session.commit()
    moderator = app.test_client()
    html = moderator.get("/admin/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    login = {"csrf_token": token, "email": "mod@example.org", "password": PASSWORD}
    assert moderator.post("/admin/login", data=login).status_code == 302
    assert moderator.get("/admin/").status_code == 200

    login_as("admin")
    user = session.exec(select(AdminUser).where(AdminUser.email == "mod@example.org")).one()
    response = client.post(f"/admin/accounts/{user.id}/status",
                           data={"csrf_token": csrf_token("/admin/accounts"), "disabled": "1"})
    assert response.status_code == 302
    assert "/admin/login" in moderator.get("/admin/").headers["Location"]
    assert moderator.post("/admin/login", data=login).status_code == 400
    actions = session.exec(select(AuditEntry.action)).all()
    assert "staff disabled" in actions


def test_an_admin_makes_a_moderator_an_admin_and_back(client, session, login_as, csrf_token):
    login_as("admin")
    other = create_admin(session, email="mod@example.org", password=PASSWORD,
                         role="moderator", now=FIXED_NOW)
    session.commit()
    token = csrf_token("/admin/accounts")
    client.post(f"/admin/accounts/{other.id}/role", data={"csrf_token": token,
                                                          "role": "admin"})
    session.refresh(other)
    assert other.role == "admin"
    client.post(f"/admin/accounts/{other.id}/role", data={"csrf_token": token,
                                                          "role": "moderator"})
    session.refresh(other)
    assert other.role == "moderator"
    notes = session.exec(select(AuditEntry.note).where(
        AuditEntry.action == "staff role changed")).all()
    assert notes == ["mod@example.org: moderator → admin", "mod@example.org: admin → moderator"]


def test_the_last_admin_cannot_be_made_a_moderator_or_disable_themselves(
        client, session, login_as, csrf_token):
    me = login_as("admin")
    token = csrf_token("/admin/accounts")
    response = client.post(f"/admin/accounts/{me.id}/role",
                           data={"csrf_token": token, "role": "moderator"})
    assert response.status_code == 409
    assert "This is the last admin" in response.get_data(as_text=True)
    response = client.post(f"/admin/accounts/{me.id}/status",
                           data={"csrf_token": token, "disabled": "1"})
    assert response.status_code == 409
    assert "You cannot disable your own account." in response.get_data(as_text=True)
    session.refresh(me)
    assert me.role == "admin" and me.disabled_at is None


def test_an_unknown_account_is_a_404(client, login_as, csrf_token):
    login_as("admin")
    response = client.post("/admin/accounts/9999/role",
                           data={"csrf_token": csrf_token("/admin/accounts"), "role": "admin"})
    assert response.status_code == 404


def test_the_cli_makes_an_admin_by_default_and_a_moderator_when_asked(runner, session):
    result = runner.invoke(args=["create-admin", "first@example.org", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert "Admin first@example.org can now log in" in result.output
    result = runner.invoke(args=["create-admin", "second@example.org", "--role", "moderator",
                                 "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    roles = dict(session.exec(select(AdminUser.email, AdminUser.role)).all())
    assert roles == {"first@example.org": "admin", "second@example.org": "moderator"}
    result = runner.invoke(args=["create-admin", "x@example.org", "--role", "owner",
                                 "--password", PASSWORD])
    assert result.exit_code != 0


def test_the_migration_keeps_admins_and_makes_the_oldest_account_admin_when_none_is(app):
    engine = get_engine(app)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        else:
            SQLModel.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    config = alembic_config(engine)
    alembic_command.upgrade(config, "0007")
    with engine.begin() as connection:
        for n, role in enumerate(["moderator", "reviewer", "moderator"], start=1):
            connection.execute(text(
                "INSERT INTO admin_user (email, password_hash, role, created_at, "
                "session_version) VALUES (:e, 'x', :r, :t, 0)"),
                {"e": f"m{n}@example.org", "r": role, "t": FIXED_NOW})
    alembic_command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT email, role, notify FROM admin_user ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("m1@example.org", "admin", "digest"),
                                        ("m2@example.org", "moderator", "digest"),
                                        ("m3@example.org", "moderator", "digest")]


def test_a_moderator_posting_without_a_csrf_token_to_an_admin_page_gets_403_not_500(
        client, login_as):
    login_as("moderator")
    assert client.post("/admin/accounts", data={"email": "x@example.org"}).status_code == 403


def test_account_changes_read_in_the_audit_log(client, session, login_as, csrf_token):
    login_as("admin")
    other = create_admin(session, email="mod@example.org", password=PASSWORD,
                         role="moderator", now=FIXED_NOW)
    session.commit()
    client.post(f"/admin/accounts/{other.id}/role",
                data={"csrf_token": csrf_token("/admin/accounts"), "role": "admin"})
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "staff role changed: mod@example.org: moderator → admin" in page
    assert "admin:admin@example.org" in page
