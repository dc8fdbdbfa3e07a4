"""Reading listings for the public pages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from directory.models import PUBLIC_STATUSES, Group, Meeting
from directory.search.profiles import meeting_to_profile
from matching import next_occurrence


def group_with_meetings() -> tuple:
    """Loader options for a group with its organization, meetings and places (no N+1)."""
    return (
        selectinload(Group.organization),
        selectinload(Group.meetings).selectinload(Meeting.location),
    )


def count_groups(session: Session) -> int:
    """How many groups the directory holds, in any status."""
    return session.exec(select(func.count()).select_from(Group)).one()



def get_public_group(session: Session, *, slug: str) -> Group | None:
    """An active group by slug with its meetings, or None (unknown, pending, paused…)."""
    return session.exec(
        select(Group)
        .where(Group.slug == slug, Group.status.in_(PUBLIC_STATUSES))
        .options(*group_with_meetings())
    ).first()


def database_is_reachable(session: Session) -> bool:
    """True when a trivial query succeeds; never raises for a database that is down."""
    try:
        session.connection().execute(text("SELECT 1"))
    except SQLAlchemyError:
        session.rollback()
        return False
    return True


def meeting_next(meeting: Meeting, group_format: str, *, now: datetime
                 ) -> tuple[datetime | None, bool]:
    """A meeting's current or next start (meeting's zone) and whether it is in progress;
    a temporarily closed meeting has none."""
    if meeting.how_attended(group_format) == "inactive":
        return None, False
    return next_occurrence(meeting_to_profile(meeting, group_format), now)


def next_occurrences(group: Group, *, now: datetime) -> list[tuple[datetime | None, bool]]:
    """For each meeting of a group, its current or next start (meeting's zone) and in-progress."""
    return [meeting_next(meeting, group.format, now=now) for meeting in group.meetings]


MAX_SHORTLIST = 12


def get_public_groups(session: Session, *, slugs: list[str]) -> tuple[list[Group], list[str]]:
    """Active groups for a hand-picked list of slugs, in the order given, and the slugs that
    are unknown or no longer listed."""
    wanted = list(dict.fromkeys(s for s in slugs if s))[:MAX_SHORTLIST]
    if not wanted:
        return [], []
    rows = session.exec(
        select(Group)
        .where(Group.slug.in_(wanted), Group.status.in_(PUBLIC_STATUSES))
        .options(*group_with_meetings())
    ).all()
    by_slug = {g.slug: g for g in rows}
    return [by_slug[s] for s in wanted if s in by_slug], [s for s in wanted if s not in by_slug]
