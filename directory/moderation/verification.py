"""Verification that escalates (run daily by `send-reminders`; safe to run any number of times).

A live listing not verified for 150, 170 and 180 days gets a reminder at each step, with a
one-click "still accurate" link; at 180 days it is stale (search already ranks it lower);
after a further grace period (VERIFY_GRACE_DAYS, default 60) it is paused with an e-mail
saying how to reopen it. Listings with no owner address cannot be reminded: they go to the
moderators' "verify by phone or e-mail" list instead. Verifying (by the owner or a
moderator) starts the cycle again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import exists
from sqlmodel import Session, select

from directory.i18n.problems import Problem
from directory.i18n.text import N_
from directory.models import AuditEntry, CoOwner, Group, ListingOwner
from directory.moderation import edit_links

REMIND_AT_DAYS: tuple[int, ...] = (150, 170, 180)
STALE_AFTER_DAYS = 180
DEFAULT_GRACE_DAYS = 60
LIVE = ("active", "paused")
MAX_VERIFY_LIST = 500
VERIFY_METHODS = {"phone": "by phone", "email": "by e-mail", "website": "on their website"}
# The moderator's choices on the Verify page.
VERIFY_LABELS = {"phone": N_("Checked by phone"), "email": N_("Checked by e-mail"),
                 "website": N_("Checked on their website")}


@dataclass
class Notice:
    group: Group
    email: str
    token: str
    days_unverified: int
    stage: int = 0  # 1, 2, 3: which reminder; 0 for a pause notice
    language: str | None = None  # the owner's (the mail is written in it); None: English


@dataclass
class RunResult:
    reminders: list[Notice] = field(default_factory=list)
    paused: list[Notice] = field(default_factory=list)
    paused_without_owner: list[Group] = field(default_factory=list)


def _days(group: Group, now: datetime) -> int:
    verified = group.last_verified_at or group.created_at
    return (now - verified).days


def _stage_for(days: int) -> int:
    return sum(1 for threshold in REMIND_AT_DAYS if days >= threshold)


def run(session: Session, *, now: datetime, grace_days: int = DEFAULT_GRACE_DAYS
        ) -> RunResult:
    """Send the reminders that are due and pause listings past stale + grace. Each owner
    gets at most one reminder per step per verification period; flushes, the caller
    commits and then mails."""
    result = RunResult()
    cutoff = now - timedelta(days=REMIND_AT_DAYS[0])
    rows = session.exec(
        select(Group, ListingOwner)
        .outerjoin(ListingOwner, ListingOwner.group_id == Group.id)
        .where(Group.status.in_(LIVE))
        .where((Group.last_verified_at.is_(None)) | (Group.last_verified_at <= cutoff))
        .order_by(Group.slug)
    ).all()
    pause_after = STALE_AFTER_DAYS + grace_days
    for group, owner in rows:
        days = _days(group, now)
        email = owner.email if owner is not None and owner.email else None
        if days >= pause_after and group.status == "active":
            _pause(session, group, now=now, days=days)
            if email:
                token = edit_links.issue_link(session, group=group, now=now, email=email,
                                              why="paused: not verified")
                result.paused.append(Notice(group, email, token, days,
                                            language=owner.language))
            else:
                result.paused_without_owner.append(group)
            continue
        if owner is None or not email:
            continue  # on the moderators' verify list
        verified = group.last_verified_at or group.created_at
        stage = owner.reminder_stage if owner.reminded_at and owner.reminded_at >= verified \
            else 0
        due = _stage_for(days)
        if due <= stage or group.status != "active":
            continue
        token = edit_links.issue_link(session, group=group, now=now, email=email,
                                      why=f"verification reminder {due}")
        owner.reminder_stage = due
        owner.reminded_at = now
        session.add(owner)
        result.reminders.append(Notice(group, email, token, days, due,
                                       language=owner.language))
    session.flush()
    return result


def _pause(session: Session, group: Group, *, now: datetime, days: int) -> None:
    group.status = "paused"
    group.updated_at = now
    session.add(group)
    session.add(AuditEntry(at=now, actor="system", action="paused (not verified)",
                           group_id=group.id, group_slug=group.slug,
                           before=[{"status": "active"}], after=[{"status": "paused"}],
                           note=Problem("not-verified-days", days=days)))


def verify_list(session: Session, *, now: datetime) -> list[tuple[Group, int]]:
    """Live listings with no owner address, due for verification (150+ days), oldest
    first, with their days unverified: a moderator checks them by phone or e-mail."""
    cutoff = now - timedelta(days=REMIND_AT_DAYS[0])
    has_owner = exists(select(ListingOwner.group_id).where(
        ListingOwner.group_id == Group.id, ListingOwner.email.is_not(None)))
    has_co_owner = exists(select(CoOwner.id).where(CoOwner.group_id == Group.id))
    groups = session.exec(
        select(Group).where(Group.status.in_(LIVE), ~has_owner, ~has_co_owner)
        .where((Group.last_verified_at.is_(None)) | (Group.last_verified_at <= cutoff))
        .order_by(Group.last_verified_at, Group.slug).limit(MAX_VERIFY_LIST)
    ).all()
    return [(group, _days(group, now)) for group in groups]


def verify_by_moderator(session: Session, *, group: Group, method: str, moderator: str,
                        now: datetime) -> None:
    """A moderator confirmed the listing with the group (by phone, e-mail or website)."""
    if method not in VERIFY_METHODS:
        raise ValueError(method)
    before = group.last_verified_at.isoformat() if group.last_verified_at else ""
    group.last_verified_at = now
    session.add(group)
    session.add(AuditEntry(at=now, actor=moderator[:300], action="verified by moderator",
                           group_id=group.id, group_slug=group.slug,
                           before=[{"last_verified_at": before}],
                           after=[{"last_verified_at": now.isoformat()}],
                           note=Problem(f"checked-{method}") if method in VERIFY_METHODS
                           else f"checked {method}"))
    session.flush()
