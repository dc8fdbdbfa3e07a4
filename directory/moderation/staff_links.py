"""One-time set-password links for staff accounts (moderators and admins).

An admin adds a moderator or admin by e-mail address only: the new account has no password
until its owner opens the link mailed to them and chooses one, so nobody else ever types or
sees it. The same links carry a "forgot password" reset. Only the SHA-256 of a token is
stored; a link works once, for a configurable number of hours (STAFF_INVITE_HOURS), and a
newer link for the same account revokes the older ones. Every link issued and used is in
the audit log.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from directory.i18n.problems import Problem
from directory.i18n.text import gettext as _
from directory.models import AdminUser, AuditEntry, StaffPasswordLink
from directory.moderation import admins, edit_links

DEFAULT_HOURS = 72
PURPOSES = ("invite", "reset")


class StaffLinkError(ValueError):
    """A link that cannot be issued or used as asked."""


@dataclass
class StaffLink:
    row: StaffPasswordLink
    user: AdminUser
    token: str  # the only copy: it goes into the e-mail


def _audit(session: Session, *, actor: str, action: str, note: str, now: datetime) -> None:
    session.add(AuditEntry(at=now, actor=actor[:300], action=action, note=note[:2000]))
    session.flush()


def issue_link(session: Session, *, user: AdminUser, purpose: str, actor: str,
               now: datetime, hours: int = DEFAULT_HOURS) -> StaffLink:
    """A fresh one-time link for `user` (earlier open links of the account stop working;
    audited)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    for old in session.exec(select(StaffPasswordLink).where(
            StaffPasswordLink.admin_user_id == user.id, StaffPasswordLink.used_at.is_(None),
            StaffPasswordLink.revoked_at.is_(None))):
        old.revoked_at = now
        session.add(old)
    token = secrets.token_urlsafe(32)
    row = StaffPasswordLink(admin_user_id=user.id, token_hash=edit_links.hash_token(token),
                            purpose=purpose, created_by=actor[:300], created_at=now,
                            expires_at=now + timedelta(hours=hours))
    session.add(row)
    session.flush()
    _audit(session, actor=actor, action="staff link issued", now=now,
           note=Problem("staff-link-issued", email=user.email, purpose=purpose, number=row.id,
                        hours=hours))
    return StaffLink(row=row, user=user, token=token)


def invite_staff(session: Session, *, email: str, role: str, actor: AdminUser | str,
                 now: datetime, hours: int = DEFAULT_HOURS) -> StaffLink:
    """Add a moderator or admin by address: an account with no password yet, and the
    one-time link that lets them choose it. An address already invited but not yet set up
    gets a new link (and the role asked for); one with a password is refused."""
    actor_name = actor if isinstance(actor, str) else f"admin:{actor.email}"
    address = (email or "").strip().lower()
    if "@" not in address or len(address) > 254 or not address.isprintable() or \
            " " in address or "\x00" in address:
        raise StaffLinkError(_("That is not an e-mail address."))
    if role not in admins.ROLES:
        raise StaffLinkError(_("The role must be one of: %(roles)s.",
                               roles=", ".join(admins.ROLES)))
    user = session.exec(select(AdminUser).where(AdminUser.email == address)).first()
    if user is not None and user.password_hash:
        raise StaffLinkError(_("This address already has an account. To give it a new "
                               "password, use \u201cSend a new link\u201d beside it."))
    if user is None:
        user = AdminUser(email=address, password_hash="", role=role, created_at=now)
        session.add(user)
        session.flush()
        _audit(session, actor=actor_name, action="staff invited", now=now,
               note=Problem("staff-invited", email=address, role=role))
    else:
        user.role = role
        session.add(user)
    return issue_link(session, user=user, purpose="invite", actor=actor_name, now=now,
                      hours=hours)


@dataclass
class LinkCheck:
    state: str  # ok | unknown | used | expired | revoked | disabled
    row: StaffPasswordLink | None = None
    user: AdminUser | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def check_link(session: Session, *, token: str, now: datetime) -> LinkCheck:
    """What a set-password link opens, or why it does not."""
    if not token or len(token) > 100 or not token.isascii() or not token.isprintable():
        return LinkCheck("unknown")
    row = session.exec(select(StaffPasswordLink).where(
        StaffPasswordLink.token_hash == edit_links.hash_token(token))).first()
    if row is None:
        return LinkCheck("unknown")
    user = session.get(AdminUser, row.admin_user_id)
    if user is None:
        return LinkCheck("unknown")
    if row.used_at is not None:
        return LinkCheck("used", row, user)
    if row.revoked_at is not None:
        return LinkCheck("revoked", row, user)
    if row.expires_at <= now:
        return LinkCheck("expired", row, user)
    if user.disabled_at is not None:
        return LinkCheck("disabled", row, user)
    return LinkCheck("ok", row, user)


def use_link(session: Session, *, token: str, password: str, now: datetime) -> AdminUser:
    """Use a link once: the account's password becomes `password`; every session made with
    an older password ends (audited)."""
    check = check_link(session, token=token, now=now)
    if not check.ok:
        raise StaffLinkError(_("This link no longer works."))
    problem = admins.password_problem(password)
    if problem:
        raise StaffLinkError(problem)
    user, row = check.user, check.row
    user.password_hash = generate_password_hash(password)
    user.session_version += 1
    user.last_login_at = now
    row.used_at = now
    session.add_all([user, row])
    session.flush()
    _audit(session, actor=f"{'admin' if user.role == 'admin' else 'moderator'}:{user.email}",
           action="staff password set", now=now,
           note=Problem("staff-password-set", email=user.email, purpose=row.purpose,
                        number=row.id))
    return user


def find_for_reset(session: Session, *, email: str) -> AdminUser | None:
    """The active account a "forgot password" request names, or None (the caller answers
    the same either way)."""
    address = (email or "").strip().lower()[:254]
    if "\x00" in address or "@" not in address:
        return None
    user = session.exec(select(AdminUser).where(AdminUser.email == address)).first()
    if user is None or user.disabled_at is not None:
        return None
    return user
