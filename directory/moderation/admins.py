"""Moderator accounts: creating them and checking passwords (salted hashes only)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from directory.models import AdminUser

MIN_PASSWORD_LENGTH = 12
# Checked against when the e-mail is unknown, so that a miss takes as long as a hit.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AdminError(ValueError):
    """A bad e-mail or password for a new moderator."""


def create_admin(
    session: Session, *, email: str, password: str, role: str = "admin", now: datetime
) -> AdminUser:
    """Create a moderator (or reset the password of an existing one)."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AdminError("That is not an e-mail address.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    user = session.exec(select(AdminUser).where(AdminUser.email == email)).first()
    if user is None:
        user = AdminUser(email=email, password_hash="", role=role, created_at=now)
    user.password_hash = generate_password_hash(password)
    user.role = role
    if user.id is not None:  # a new password ends every session made with the old one
        user.session_version += 1
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, *, email: str, password: str, now: datetime
) -> AdminUser | None:
    """The moderator with this e-mail and password, or None."""
    email = email.strip().lower()[:254]
    user = None
    if "\x00" not in email:  # PostgreSQL text cannot hold NUL; no account has one
        user = session.exec(select(AdminUser).where(AdminUser.email == email)).first()
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    user.last_login_at = now
    session.add(user)
    session.flush()
    return user


def get_admin(session: Session, *, admin_id: int) -> AdminUser | None:
    """A moderator by id."""
    return session.get(AdminUser, admin_id)


def end_sessions(session: Session, *, user: AdminUser) -> None:
    """End every login session of this moderator (on logout): each carries the version."""
    user.session_version += 1
    session.add(user)
    session.flush()
