"""The catalog version: a counter that goes up whenever public listing data changes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from directory.models import CatalogVersion


def bump_catalog_version(session: Session, *, now: datetime) -> None:
    """Record that listings changed (in the caller's transaction); workers rebuild their index."""
    result = session.execute(
        update(CatalogVersion)
        .where(CatalogVersion.id == 1)
        .values(version=CatalogVersion.version + 1, changed_at=now)
    )
    if result.rowcount == 0:
        session.add(CatalogVersion(id=1, version=1, changed_at=now))
    session.flush()


def current_catalog_version(session: Session) -> int:
    """The current catalog version (0 before the first change)."""
    version = session.exec(select(CatalogVersion.version).where(CatalogVersion.id == 1)).first()
    return version or 0


def current_catalog_state(session: Session) -> tuple[int, datetime]:
    """The catalog version and when it last moved (epoch start before the first change)."""
    row = session.exec(
        select(CatalogVersion.version, CatalogVersion.changed_at).where(CatalogVersion.id == 1)
    ).first()
    if row is None:
        return 0, datetime(1970, 1, 1, tzinfo=UTC)
    return row[0], row[1]


def count_public_groups(session: Session) -> int:
    """How many groups seekers can find."""
    from directory.models import Group
    from directory.services.listings import PUBLIC_STATUSES

    return session.exec(
        select(func.count()).select_from(Group).where(Group.status.in_(PUBLIC_STATUSES))
    ).one()
