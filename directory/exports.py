"""The whole directory in the CSV listing format (what `flask export --format csv` and the
moderators' download write); an export imports back unchanged."""

from __future__ import annotations

from sqlmodel import Session, select

from directory.formats.csv import listing_rows, rows_to_text
from directory.listings.queries import group_with_meetings
from directory.listings.store import listing_of
from directory.models import Group


def export_listings_csv(session: Session, *, include_pending: bool = False) -> str:
    """Every active and paused group as CSV in the listing format, ordered by slug."""
    statuses = ["active", "paused"] + (["pending"] if include_pending else [])
    groups = session.exec(
        select(Group).where(Group.status.in_(statuses)).order_by(Group.slug)
        .options(*group_with_meetings())
    ).all()
    rows = [row for group in groups for row in listing_rows(listing_of(group))]
    return rows_to_text(rows)
