"""The rows a result page shows, kept per process between searches.

A results page shows up to a page of groups with their organization, meetings and places.
Reading them costs three queries and, worse, turning a few hundred rows into ORM objects —
on a warm search that was a third of the request. The same popular groups come back search
after search, so each process keeps the groups it has read, detached from any session and
fully loaded, for the catalog version they were read at: the version moves whenever any
public listing data changes (directory/catalog.py), and then every kept row is dropped.
A row is therefore never older than the index that found it.

Only reads go through here (searches, handouts, embeds, the API's search, a group's
page): pages that change a listing read it from their own session as before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy.orm import attributes
from sqlmodel import Session, select

from directory.listings.queries import get_public_group, group_with_meetings
from directory.models import PUBLIC_STATUSES, Group
from directory.search.snapshot import is_snapshot_session

# About 10 kB each with meetings and places: a few pages of every common search.
MAX_GROUPS = 4000


class GroupRows:
    """Detached, fully loaded groups by id, for one catalog version at a time."""

    def __init__(self, *, max_groups: int = MAX_GROUPS) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._rows: OrderedDict[int, Group] = OrderedDict()
        self._slugs: dict[str, int] = {}
        self.max_groups = max_groups
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._rows)

    def clear(self) -> None:
        """Drop every kept row (gunicorn's master, after its warm-up searches)."""
        with self._lock:
            self._rows.clear()
            self._slugs.clear()
            self._version = None

    def groups(self, session: Session, ids: list[int], *, version: int | None
               ) -> dict[int, Group]:
        """The groups with these ids (those that exist) with their organization, meetings
        and places. `version` is the catalog version the caller's index answered at (None:
        unknown, nothing is kept); on the outage snapshot nothing is kept either."""
        if not ids:
            return {}
        if version is None or max(0, self.max_groups) == 0:
            return load_groups(session, ids)
        # While the database is away (the outage snapshot), rows kept from the database for
        # this version are still the freshest there are: they are served; the rest come from
        # the snapshot and are not kept (they may be older than the version says).
        outage = is_snapshot_session(session)
        found: dict[int, Group] = {}
        with self._lock:
            if outage and version != self._version:
                return load_groups(session, ids)
            self._for_version(version)
            for group_id in ids:
                group = self._rows.get(group_id)
                if group is not None:
                    self._rows.move_to_end(group_id)
                    found[group_id] = group
        missing = [i for i in ids if i not in found]
        self.hits += len(found)
        self.misses += len(missing)
        if missing:
            loaded = load_detached(session, missing)
            if not outage:
                self._keep(loaded, version)
            found.update(loaded)
        return found

    def public_group(self, session: Session, slug: str, *, version: int | None
                     ) -> Group | None:
        """The public group with this slug (its page), or None; kept like `groups`."""
        if is_snapshot_session(session):
            # The database is away: a row kept from it (at the last version this process
            # saw) is fresher than the snapshot's copy; a snapshot row is not kept.
            with self._lock:
                group = self._rows.get(self._slugs.get(slug, -1))
            if group is not None and group.slug == slug and group.status in PUBLIC_STATUSES:
                self.hits += 1
                return group
            return get_public_group(session, slug=slug)
        if version is None or max(0, self.max_groups) == 0:
            return get_public_group(session, slug=slug)
        with self._lock:
            self._for_version(version)
            group = self._rows.get(self._slugs.get(slug, -1))
            if group is not None:
                self._rows.move_to_end(group.id)
        if group is not None and group.slug == slug and group.status in PUBLIC_STATUSES:
            self.hits += 1
            return group
        self.misses += 1
        with Session(bind=session.connection(), expire_on_commit=False) as loader:
            group = get_public_group(loader, slug=slug)
            if group is not None:
                _link_meetings(group)
        if group is not None:
            self._keep({group.id: group}, version)
        return group

    def _for_version(self, version: int) -> None:
        if version != self._version:  # (under the lock)
            self._rows.clear()
            self._slugs.clear()
            self._version = version

    def _keep(self, groups: dict[int, Group], version: int) -> None:
        with self._lock:
            if self._version != version:  # another request saw a newer version meanwhile
                return
            for group_id, group in groups.items():
                self._rows[group_id] = group
                self._slugs[group.slug] = group_id
            while len(self._rows) > self.max_groups:
                _, gone = self._rows.popitem(last=False)
                if self._slugs.get(gone.slug) == gone.id:
                    del self._slugs[gone.slug]


def load_groups(session: Session, ids: list[int]) -> dict[int, Group]:
    """The groups with these ids, in the caller's session."""
    rows = session.exec(select(Group).where(Group.id.in_(ids))
                        .options(*group_with_meetings())).all()
    return {g.id: g for g in rows}


def load_detached(session: Session, ids: list[int]) -> dict[int, Group]:
    """The groups with these ids read in the caller's transaction (same connection, same
    view of the data) by a session of their own that is closed at once: the objects come
    out detached with everything a result shows loaded, so any later request may read them
    and none can lazy-load (a detached object cannot) or expire them (a rollback of the
    request's session does not reach them)."""
    with Session(bind=session.connection(), expire_on_commit=False) as loader:
        groups = load_groups(loader, ids)
        for group in groups.values():
            _link_meetings(group)
    return groups


def _link_meetings(group: Group) -> None:
    for meeting in group.meetings:  # the back reference, which no query fills
        attributes.set_committed_value(meeting, "group", group)
