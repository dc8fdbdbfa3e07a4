"""The catalog version: a counter that goes up whenever public listing data changes.

It moves by itself: a session event bumps it once per flush that adds, changes or deletes
a public group (or one that was public), a meeting or a place, or renames an organization,
so no writer has to remember to. Every worker compares the number with its in-memory index
to decide whether to refresh (at most every CATALOG_CHECK_INTERVAL seconds, and at once
after a change it committed itself: `local_changes`), and result pages keep their groups'
rows for one version (search/group_rows.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import chain

from sqlalchemy import event, func, inspect, update
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, select

from directory.models import (
    PUBLIC_STATUSES,
    CatalogVersion,
    Group,
    Location,
    Meeting,
    Organization,
)


def bump_catalog_version(session: Session, *, now: datetime) -> None:
    """Record that listings changed (in the caller's transaction); workers rebuild their index."""
    result = session.execute(
        update(CatalogVersion)
        .where(CatalogVersion.id == 1)
        .values(version=CatalogVersion.version + 1, changed_at=now)
    )
    if result.rowcount == 0:
        session.add(CatalogVersion(id=1, version=1, changed_at=now))
    session.info["catalog_moved"] = True
    session.flush()


def current_catalog_version(session: Session) -> int:
    """The current catalog version (0 before the first change)."""
    version = session.exec(select(CatalogVersion.version).where(CatalogVersion.id == 1)).first()
    return version or 0


# Commits in this process that moved the catalog version: a process that changed a listing
# sees its own change on its next search, without waiting for CATALOG_CHECK_INTERVAL.
_local_changes = 0


def local_changes() -> int:
    """How many transactions of this process have committed a catalog change so far."""
    return _local_changes


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
    return session.exec(
        select(func.count()).select_from(Group).where(Group.status.in_(PUBLIC_STATUSES))
    ).one()


def _public_change_time(session: OrmSession) -> datetime | None:
    """When the flush about to happen changes public listing data (the newest change time
    of the groups it touches), or None when it changes none."""
    touched = False
    times: list[datetime] = []
    for obj in chain(session.new, session.dirty, session.deleted):
        changed = obj in session.new or obj in session.deleted or session.is_modified(obj)
        if not changed:
            continue
        if isinstance(obj, Meeting):
            # A meeting of a pending (or rejected) listing changes nothing seekers see: a
            # submission must not make every worker rebuild its index.
            if _meeting_is_public(session, obj):
                touched = True
        elif isinstance(obj, Location):
            # A new place is public only through a meeting (judged above); a changed or
            # removed one may be any public meeting's.
            if obj not in session.new:
                touched = True
        elif isinstance(obj, Organization):
            # Its name and website show with its groups (the API's group JSON), which result
            # pages keep per catalog version (search/group_rows.py).
            if obj not in session.new and _changed(obj, ("name", "website")):
                touched = True
        elif isinstance(obj, Group):
            if _was_or_is_public(obj):
                touched = True
                times.extend(t for t in (obj.updated_at, obj.last_verified_at) if t)
    if not touched:
        return None
    # The groups' own change times, so that an index refresh "since" this moment finds them.
    return max(times, default=None) or datetime.now(UTC)


def _changed(obj: object, names: tuple[str, ...]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _was_or_is_public(group: Group) -> bool:
    history = inspect(group).attrs.status.history
    return bool({group.status, *history.deleted} & set(PUBLIC_STATUSES))


def _meeting_is_public(session: OrmSession, meeting: Meeting) -> bool:
    """Whether the meeting's group is (or, in this flush, was) public; moved between groups:
    either."""
    state = inspect(meeting)
    group_ids = {meeting.group_id, *state.attrs.group_id.history.deleted} - {None}
    groups: list[Group] = []
    loaded = state.attrs.group.loaded_value
    if isinstance(loaded, Group):
        groups.append(loaded)
    groups.extend(g for g in state.attrs.group.history.deleted if isinstance(g, Group))
    known = {g.id for g in groups}
    for group_id in group_ids - known:
        cached = session.identity_map.get(inspect(Group).identity_key_from_primary_key(
            [group_id]))
        if cached is not None:
            groups.append(cached)
            continue
        with session.no_autoflush:
            status = session.execute(select(Group.status).where(Group.id == group_id)
                                     ).scalar()
        if status is None or status in PUBLIC_STATUSES:  # unknown: assume it shows
            return True
    if not groups and not group_ids:
        return True  # a meeting with no group yet: cannot tell, so count it
    return any(_was_or_is_public(g) for g in groups)


def _before_flush(session: OrmSession, _context, _instances) -> None:
    when = _public_change_time(session)
    if when is not None:
        earlier = session.info.get("catalog_changed_at")
        session.info["catalog_changed_at"] = max(when, earlier) if earlier else when


def _after_flush_postexec(session: OrmSession, _context) -> None:
    when = session.info.pop("catalog_changed_at", None)
    if when is None:
        return
    connection = session.connection()
    table = CatalogVersion.__table__
    # Once per transaction: a write that flushes several times moves the version by one.
    transaction = session.get_transaction()
    root = id(transaction.root if hasattr(transaction, "root") else transaction)
    if session.info.get("catalog_bumped_in") == root:
        connection.execute(update(table).where(table.c.id == 1, table.c.changed_at < when)
                           .values(changed_at=when))
        return
    session.info["catalog_bumped_in"] = root
    session.info["catalog_moved"] = True
    result = connection.execute(
        update(table).where(table.c.id == 1)
        .values(version=table.c.version + 1, changed_at=when)
    )
    if result.rowcount == 0:
        connection.execute(table.insert().values(id=1, version=1, changed_at=when))


def _after_commit(session: OrmSession) -> None:
    global _local_changes
    if session.info.pop("catalog_moved", False):
        _local_changes += 1


def _after_transaction_end(session: OrmSession, transaction) -> None:
    if transaction.parent is None:
        session.info.pop("catalog_bumped_in", None)
        session.info.pop("catalog_moved", None)  # rolled back: nothing moved


def watch_catalog() -> None:
    """Register the session events that bump the catalog version (once per process)."""
    if not event.contains(OrmSession, "before_flush", _before_flush):
        event.listen(OrmSession, "before_flush", _before_flush)
        event.listen(OrmSession, "after_flush_postexec", _after_flush_postexec)
        event.listen(OrmSession, "after_commit", _after_commit)
        event.listen(OrmSession, "after_transaction_end", _after_transaction_end)
