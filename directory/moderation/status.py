"""A listing's status: pause, unpause, confirm as accurate, and which are stale."""


from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from directory.i18n.text import gettext as _
from directory.models import (
    Group,
)
from directory.moderation.submissions import ListingError, record_audit

STALE_AFTER_DAYS = 180


def pause_listing(session: Session, *, group: Group, actor: str, now: datetime) -> None:
    """Hide an active listing from seekers until it is unpaused."""
    if group.status != "active":
        raise ListingError(_("Only a live listing can be paused."))
    _set_status(session, group, "paused", actor=actor, action="paused", now=now)


def unpause_listing(session: Session, *, group: Group, actor: str, now: datetime) -> None:
    """Show a paused listing to seekers again."""
    if group.status != "paused":
        raise ListingError(_("Only a paused listing can be unpaused."))
    _set_status(session, group, "active", actor=actor, action="unpaused", now=now)


def _set_status(
    session: Session, group: Group, status: str, *, actor: str, action: str, now: datetime
) -> None:
    before = [{"status": group.status}]
    group.status = status
    group.updated_at = now
    session.add(group)
    record_audit(session, actor=actor, action=action, group=group, now=now, before=before,
                 after=[{"status": status}])


def confirm_listing(session: Session, *, group: Group, actor: str, now: datetime) -> None:
    """The owner says the listing is still accurate: it is verified as of now."""
    before = group.last_verified_at.isoformat() if group.last_verified_at else ""
    group.last_verified_at = now
    session.add(group)
    record_audit(session, actor=actor, action="confirmed accurate", group=group, now=now,
                 before=[{"last_verified_at": before}],
                 after=[{"last_verified_at": now.isoformat()}])


def list_stale_groups(session: Session, *, now: datetime) -> list[Group]:
    """Live listings not verified for STALE_AFTER_DAYS days, the oldest first."""
    cutoff = now - timedelta(days=STALE_AFTER_DAYS)
    return list(
        session.exec(
            select(Group)
            .where(Group.status.in_(("active", "paused")))
            .where((Group.last_verified_at.is_(None)) | (Group.last_verified_at < cutoff))
            .order_by(Group.last_verified_at, Group.slug)
        ).all()
    )
