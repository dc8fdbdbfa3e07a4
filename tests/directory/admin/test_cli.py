"""The moderators' CLI: flask --app directory create-admin."""

from __future__ import annotations

from sqlmodel import select

from directory.models import AdminUser


def test_create_admin_command_stores_a_hashed_password(runner, session):
    result = runner.invoke(args=["create-admin", "Mod@Example.org", "--password",
                                 "a long enough secret"])
    assert result.exit_code == 0, result.output
    user = session.exec(select(AdminUser)).one()
    assert user.email == "mod@example.org"
    assert "a long enough secret" not in user.password_hash
    short = runner.invoke(args=["create-admin", "x@example.org", "--password", "short"])
    assert short.exit_code == 1
