"""Staff accounts (admins and moderators): creating them, checking passwords (salted
hashes only), roles, disabling, and each one's notification choice."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from directory.i18n.text import N_
from directory.i18n.text import gettext as _
from directory.models import AdminUser, AuditEntry

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
ROLES = {"admin": N_("Admin"), "moderator": N_("Moderator")}
NOTIFY_CHOICES = {
    "immediate": N_("An e-mail for each new submission, edit and report"),
    "digest": N_("One e-mail a day listing them"),
    "none": N_("No e-mail"),
}
# Checked against when the e-mail is unknown, so that a miss takes as long as a hit.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def role_labels() -> dict[str, str]:
    """The roles, named in the current language."""
    return {code: _(label) for code, label in ROLES.items()}


class AdminError(ValueError):
    """A bad e-mail or password for a new moderator."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the form field it is about (the words are translated)


def password_problem(password: str) -> str | None:
    """Why a new password cannot be used (every account's rule), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("The password must be at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("The password must be at most %(n)s characters.", n=MAX_PASSWORD_LENGTH)
    return None


def create_admin(
    session: Session, *, email: str, password: str, role: str = "admin", now: datetime
) -> AdminUser:
    """Create a moderator (or reset the password of an existing one)."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or not email.isprintable() or " " in email:
        raise AdminError(_("That is not an e-mail address."), field="email")
    if role not in ROLES:
        raise AdminError(_("The role must be one of: %(roles)s.", roles=", ".join(ROLES)),
                         field="role")
    problem = password_problem(password)
    if problem:
        raise AdminError(problem, field="password")
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
    if user is None or not user.password_hash:  # unknown, or invited but not yet set up
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or user.disabled_at is not None:
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


def change_password(session: Session, *, user: AdminUser, current: str, new: str,
                    now: datetime) -> None:
    """A new password chosen by the account's owner; every session made with the old one
    ends (the caller keeps the current one going; audited). A wrong current password
    raises WrongPassword, a new one that breaks the rule AdminError."""
    if not user.password_hash or not check_password_hash(user.password_hash, current):
        raise WrongPassword(_("That is not your current password."), field="current_password")
    problem = password_problem(new)
    if problem:
        raise AdminError(problem, field="new_password")
    user.password_hash = generate_password_hash(new)
    user.session_version += 1
    session.add(user)
    _record(session, actor=f"{'admin' if user.role == 'admin' else 'moderator'}:{user.email}",
            action="staff password changed", now=now, note=user.email)


class WrongPassword(AdminError):
    """The current password given to change it was wrong (counts as a failed login)."""


def is_admin(user: AdminUser | None) -> bool:
    """Whether this staff account may manage accounts, organizations and sources."""
    return user is not None and user.role == "admin" and user.disabled_at is None


def list_staff(session: Session) -> list[AdminUser]:
    """Every staff account: admins first, then by e-mail."""
    return list(session.exec(select(AdminUser).order_by(AdminUser.role, AdminUser.email)))


def _active_admins(session: Session) -> int:
    return len(session.exec(select(AdminUser.id).where(
        AdminUser.role == "admin", AdminUser.disabled_at.is_(None))).all())


def _record(session: Session, *, actor: str, action: str, note: str, now: datetime) -> None:

    session.add(AuditEntry(at=now, actor=actor[:300], action=action, note=note[:2000]))
    session.flush()


def set_role(session: Session, *, user: AdminUser, role: str, actor: AdminUser,
             now: datetime) -> AdminUser:
    """Make a staff account an admin or a moderator (never leaving no admin; audited)."""
    if role not in ROLES:
        raise AdminError(_("The role must be one of: %(roles)s.", roles=", ".join(ROLES)))
    if user.role == role:
        return user
    if user.role == "admin" and user.disabled_at is None and _active_admins(session) <= 1:
        raise AdminError(_("This is the last admin: make another account an admin first."))
    before, user.role = user.role, role
    session.add(user)
    _record(session, actor=f"admin:{actor.email}", action="staff role changed", now=now,
            note=f"{user.email}: {before} → {role}")
    return user


def set_disabled(session: Session, *, user: AdminUser, disabled: bool, actor: AdminUser,
                 now: datetime) -> AdminUser:
    """Disable a staff account (its sessions end at once) or enable it again (audited)."""
    if disabled and user.id == actor.id:
        raise AdminError(_("You cannot disable your own account."))
    if disabled and user.disabled_at is None:
        if user.role == "admin" and _active_admins(session) <= 1:
            raise AdminError(_("This is the last admin: make another account an admin first."))
        user.disabled_at = now
        user.session_version += 1  # every session of this account ends now
        action = "staff disabled"
    elif not disabled and user.disabled_at is not None:
        user.disabled_at = None
        action = "staff enabled"
    else:
        return user
    session.add(user)
    _record(session, actor=f"admin:{actor.email}", action=action, now=now, note=user.email)
    return user


def set_notify(session: Session, *, user: AdminUser, notify: str, now: datetime) -> AdminUser:
    """Choose immediate mail, a daily digest, or no mail about new work."""
    if notify not in NOTIFY_CHOICES:
        raise AdminError(_("Choose one of the three options."))
    if notify == "digest" and user.notify != "digest":
        user.digest_sent_at = now  # the first digest starts from now, not from the past
    user.notify = notify
    session.add(user)
    session.flush()
    return user
