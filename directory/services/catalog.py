"""The catalog version: a counter that goes up whenever public listing data changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
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
