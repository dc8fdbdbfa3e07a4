"""The shared search index: one matching index per process and database, refreshed when the
catalog version moves."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlmodel import Session

import matching
from directory import taxonomy
from directory.catalog import count_public_groups, current_catalog_state, local_changes
from directory.search.profiles import change_stamps, load_profiles
from directory.search.snapshot import SnapshotStore, is_snapshot_session
from matching.mapped import mapped

log = logging.getLogger(__name__)

_TAXONOMY: matching.Taxonomy | None = None


def matching_taxonomy() -> matching.Taxonomy:
    """The directory's topic taxonomy in the matcher's form (built once per process)."""
    global _TAXONOMY
    if _TAXONOMY is None:
        _TAXONOMY = matching.Taxonomy.from_topics(
            [(t.code, t.label, t.parent, t.phrases) for t in taxonomy.TOPIC_LIST]
        )
    return _TAXONOMY


# Changes are read back from a little before the last one seen: clocks on several hosts
# and transactions that commit late must not slip between two refreshes.
CHANGE_OVERLAP = timedelta(minutes=2)
# More stamps than this inside the window (a first build with no catalog change yet reads
# every group as changed) are not kept: the next refresh then reads them all again.
MAX_STAMPS = 200_000


class IndexCache:
    """One matching index per process and database, refreshed when the catalog version moves.

    Each search costs one cheap query for the version. The first search builds the index;
    after a change, only the changed groups are read again and a new index is built in a
    background thread while searches keep using the previous one, then swapped in. A change
    made by any worker or host is therefore live everywhere within a few seconds, and no
    search waits for a rebuild. The refresh is incremental (``Index.rebuilt``): only the
    changed groups are indexed again and written after the old rows in the same buffers, not a
    copy of the columns (under half a second of CPU for 1,000 changed groups at a million);
    the version check is one primary-key row.
    """

    def __init__(self, *, engine=None, background: bool = True,  # noqa: ANN001
                 snapshot: SnapshotStore | None = None, check_interval: float = 0.0) -> None:
        self._lock = threading.Lock()
        # The catalog version is read at most every `check_interval` seconds (0: on every
        # search), and at once after this process committed a change (catalog.local_changes).
        self.check_interval = check_interval
        self._checked: tuple[float, int, int, datetime] | None = None
        self._version: int | None = None
        self._index: matching.Index | None = None
        self._seen_at: datetime | None = None
        # The stamps (updated, verified, status) of the groups changed inside the overlap
        # window that this index already holds: a refresh reads again only the others.
        self._stamps: dict[int, tuple] = {}
        self._refreshing = False
        self._engine = engine
        self._background = background and engine is not None
        # The on-disk copy of the public listings, rewritten after the index moves on.
        self.snapshot = snapshot if engine is not None else None

    def get(self, session: Session) -> matching.Index:
        """The index for the database's current catalog version (or the previous one while
        a refresh runs in the background). On a session over the listings snapshot (the
        database is down) the index is served as it is, or built from the snapshot."""
        if is_snapshot_session(session):
            return self._serve_degraded(session)
        version, changed_at = self._catalog_state(session)
        if self._index is not None and self._version == version:
            self._keep_snapshot()
            return self._index
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._full_build(session, version, changed_at)
            return self._index
        if self._background:
            with self._lock:
                if not self._refreshing and self._version != version:
                    self._refreshing = True
                    threading.Thread(target=self._refresh_in_background, daemon=True).start()
            return self._index
        with self._lock:
            if self._version != version:
                self._refresh(session, version, changed_at)
        return self._index

    def _catalog_state(self, session: Session) -> tuple[int, datetime]:
        checked, now, changes = self._checked, time.monotonic(), local_changes()
        if checked is not None and changes == checked[1] and \
                now - checked[0] < self.check_interval:
            return checked[2], checked[3]
        version, changed_at = current_catalog_state(session)
        self._checked = (now, changes, version, changed_at)
        return version, changed_at

    def catalog_version(self, session: Session) -> int | None:
        """The catalog version, read at most every `check_interval` (None on the outage
        snapshot): what a group's page keeps its row for (search.group_rows)."""
        if is_snapshot_session(session):
            return None
        return self._catalog_state(session)[0]

    @property
    def seen_version(self) -> int | None:
        """The catalog version last read from the database (None: not yet): what the rows
        of a result page are kept for (search.group_rows)."""
        checked = self._checked
        return checked[2] if checked is not None else None

    @property
    def version(self) -> int | None:
        """The catalog version the index serving now was built at (None: not built)."""
        return self._version

    def _serve_degraded(self, session: Session) -> matching.Index:
        index = self._index
        if index is not None:
            return index
        with self._lock:
            if self._index is None:  # a worker that started while the database was down
                profiles, _ = load_profiles(session)
                self._index = matching.Index.build(profiles, matching_taxonomy())
                # Not a version of the database: the first search once it is back rebuilds.
                self._version, self._seen_at, self._stamps = -1, None, {}
            return self._index

    def _keep_snapshot(self) -> None:
        """Rewrite the snapshot when it is older than the index (at most every interval)."""
        store, version = self.snapshot, self._version
        if store is None or version is None or version < 0 or not store.due(version):
            return
        if self._background:
            threading.Thread(target=store.write, args=(self._engine,), daemon=True,
                             name="circles-snapshot").start()
        else:
            store.write(self._engine)

    @contextmanager
    def foreground(self) -> Iterator[None]:
        """Within it, refreshes and snapshot writes run in the caller's thread (gunicorn's
        master builds the index before it forks: no thread may be running then)."""
        background, self._background = self._background, False
        try:
            yield
        finally:
            self._background = background

    def warm(self, session: Session) -> None:
        """Build the index now (at worker start), so no seeker waits for it."""
        self.get(session)

    def map_to_file(self, directory: str | os.PathLike[str]) -> int | None:
        """Move the index into a file in ``directory``, mapped back (``matching.mapped``):
        what gunicorn's master does before forking. Returns the bytes it takes on disk; None
        when there is no index yet or the file could not be written (the index is then kept
        in memory as it was)."""
        with self._lock:
            if self._index is None:
                return None
            try:
                os.makedirs(directory, exist_ok=True)
                index, size = mapped(self._index, directory)
            except Exception:  # no room, no such directory: the index stays as it is
                log.exception("could not map the search index from a file in %s", directory)
                return None
            self._index = index
            return size

    def _full_build(self, session: Session, version: int, changed_at: datetime) -> None:
        stamps = change_stamps(session, changed_at - CHANGE_OVERLAP)  # before the rows
        profiles, _ = load_profiles(session)
        self._index = matching.Index.build(profiles, matching_taxonomy())
        del profiles
        self._version, self._seen_at = version, changed_at
        self._stamps = stamps if len(stamps) <= MAX_STAMPS else {}
        self._keep_snapshot()

    def _refresh(self, session: Session, version: int, changed_at: datetime) -> None:
        if self._seen_at is None:  # built from the snapshot: read everything again
            self._full_build(session, version, changed_at)
            return
        since = (self._seen_at or changed_at) - CHANGE_OVERLAP
        # Stamps first, then the rows: a row read is at least as new as its stamp, so a
        # stamp seen again unchanged means this index holds that version or a newer one.
        # (Without them, every refresh for two minutes after an import of 50,000 groups
        # read and compared all 50,000 again.)
        stamps = change_stamps(session, since)
        todo = [gid for gid, stamp in stamps.items() if self._stamps.get(gid) != stamp]
        upserts, gone = load_profiles(session, ids=todo) if todo else ([], [])
        assert self._index is not None
        index = self._index.rebuilt(upserts=upserts, removed_ids=gone)
        if len(index) != count_public_groups(session):
            # Something changed that timestamps don't show (a deleted row): read it all.
            self._full_build(session, version, changed_at)
            return
        self._index = index
        self._version, self._seen_at = version, changed_at
        self._stamps = stamps if len(stamps) <= MAX_STAMPS else {}
        self._keep_snapshot()

    def _refresh_in_background(self) -> None:
        try:
            with Session(self._engine) as session:
                version, changed_at = current_catalog_state(session)
                self._refresh(session, version, changed_at)
        except Exception:  # the previous index keeps serving; the next search retries
            log.exception("search index refresh failed")
        finally:
            self._refreshing = False
