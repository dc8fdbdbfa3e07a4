"""The last-known copy of the public listings, for reading while the database is down.

An SQLite file per host (SNAPSHOT_PATH), shared by its workers: the public groups with
their meetings, places, organizations and the names of their data sources, plus the catalog
version they were copied at — nothing private (no pending listings, owners, tokens,
reports, moderators or audit entries, no source URLs). The search index cache writes it after
a build or refresh, at most every SNAPSHOT_MIN_INTERVAL seconds, into a temporary file that
replaces the old one at once, so a reader never sees half a copy. It has the same tables as
the database, so the read-only pages run on it unchanged (directory/web/degraded.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    cast,
    create_engine,
    event,
)
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool
from sqlalchemy.sql import sqltypes
from sqlmodel import Session

from directory.db import no_statement_timeout
from directory.models import (
    PUBLIC_STATUSES,
    CatalogVersion,
    DataSource,
    Group,
    Location,
    Meeting,
    Organization,
    utcnow,
)

log = logging.getLogger(__name__)

BATCH = 2000
# A data source's columns a reader may see; the others (its URL or path, HTTP validators,
# lock) are blanked in the copy.
SOURCE_PRIVATE = {"location": "", "etag": None, "last_modified": None, "body_hash": None,
                  "locked_until": None}

_meta = MetaData()
SNAPSHOT_INFO = Table(
    "snapshot_info", _meta,
    Column("id", Integer, primary_key=True),
    Column("database", String(64), nullable=False),  # whose copy: a hash of DATABASE_URL
    Column("version", Integer, nullable=False),  # the catalog version copied
    Column("written_at", DateTime, nullable=False),
)

def database_identity(url: str) -> str:
    """A stable name for a database (its URL without the password), hashed."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL still names one database
        shown = url
    return hashlib.sha256(shown.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class SnapshotInfo:
    version: int
    written_at: datetime


def _sqlite_engine(path: str | Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool,
                           connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection, _record):  # noqa: ANN001 - DB-API types
        dbapi_connection.execute("PRAGMA query_only=ON")

    return engine


def _copy(source, target, table: Table, query, *, blank: dict | None = None) -> int:  # noqa: ANN001
    # JSON columns are read and written as their text: parsing each value and encoding it
    # again was a third of a snapshot's CPU (100,000 groups' topics, languages, …).
    as_text = {c.name for c in table.columns if isinstance(c.type, sqltypes.JSON)}
    if as_text:
        query = query.with_only_columns(*(
            cast(c, Text).label(c.name) if c.name in as_text else c for c in table.columns))
        table = Table(table.name, MetaData(), *(
            Column(c.name, Text if c.name in as_text else c.type) for c in table.columns))
    rows = 0
    result = source.execution_options(yield_per=BATCH).execute(query)
    for batch in result.mappings().partitions(BATCH):
        values = [dict(row) | (blank or {}) for row in batch]
        target.execute(table.insert(), values)
        rows += len(values)
    return rows


def write_snapshot(engine: Engine, path: str | Path, *, identity: str) -> SnapshotInfo:
    """Copy the public listings of the database behind `engine` into the SQLite file at
    `path` (replaced at once when complete); returns the version copied."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    target_engine = create_engine(f"sqlite:///{tmp}", poolclass=NullPool)
    try:
        with engine.connect() as source:
            if source.dialect.name == "postgresql":  # one consistent view of every table
                source = source.execution_options(isolation_level="REPEATABLE READ")
                # Whole tables are copied: hash joins, never nested loops. With statistics
                # from before a large import (autovacuum off or not yet run), the planner
                # took 36,000 places × 82,000 meetings for a few hundred rows and a write at
                # 50,000 groups took 84 s instead of ~10.
                source.exec_driver_sql("SET LOCAL enable_nestloop = off")
            with no_statement_timeout(source), target_engine.begin() as target:
                _meta.create_all(target, tables=[SNAPSHOT_INFO])
                # Every table, so a page that also looks at another one finds it (empty);
                # only the public listings' rows are copied.
                Group.metadata.create_all(target)
                public = sa_select(Group.__table__.c.id).where(
                    Group.__table__.c.status.in_(PUBLIC_STATUSES))
                g, m = Group.__table__, Meeting.__table__
                row = source.execute(sa_select(CatalogVersion.__table__)).mappings().first()
                version = row["version"] if row else 0
                if row:
                    target.execute(CatalogVersion.__table__.insert(), [dict(row)])
                _copy(source, target, Organization.__table__,
                      sa_select(Organization.__table__).where(Organization.__table__.c.id.in_(
                          sa_select(g.c.organization_id).where(g.c.id.in_(public)))))
                _copy(source, target, DataSource.__table__,
                      sa_select(DataSource.__table__).where(DataSource.__table__.c.id.in_(
                          sa_select(g.c.source_id).where(g.c.id.in_(public)))),
                      blank=SOURCE_PRIVATE)
                _copy(source, target, Location.__table__,
                      sa_select(Location.__table__).where(Location.__table__.c.id.in_(
                          sa_select(m.c.location_id).where(m.c.group_id.in_(public)))))
                groups = _copy(source, target, g, sa_select(g).where(g.c.id.in_(public)))
                _copy(source, target, m, sa_select(m).where(m.c.group_id.in_(public)))
                written_at = utcnow().replace(tzinfo=None)
                target.execute(SNAPSHOT_INFO.insert(), [
                    {"id": 1, "database": identity, "version": version,
                     "written_at": written_at}])
        target_engine.dispose()
        os.replace(tmp, path)
    except BaseException:
        target_engine.dispose()
        tmp.unlink(missing_ok=True)
        raise
    log.info("listings snapshot written: version %s, %d groups", version, groups)
    return SnapshotInfo(version=version, written_at=written_at)


class SnapshotStore:
    """Where this process writes and reads the snapshot of one database."""

    def __init__(self, path: str | Path, *, identity: str, min_interval: float = 60.0) -> None:
        self.path = Path(path)
        self.identity = identity
        self.min_interval = min_interval
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._writing = False
        self._last_attempt = 0.0
        self._info: tuple[float, SnapshotInfo | None] | None = None  # (file mtime, info)

    def info(self) -> SnapshotInfo | None:
        """The snapshot on disk (None: there is none of this database yet)."""
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            return None
        cached = self._info
        if cached is not None and cached[0] == mtime:
            return cached[1]
        info = None
        try:
            with self.engine().connect() as connection:
                row = connection.execute(sa_select(SNAPSHOT_INFO)).mappings().first()
            if row is not None and row["database"] == self.identity:
                info = SnapshotInfo(version=row["version"], written_at=row["written_at"])
        except Exception:  # an unreadable or foreign file is no snapshot
            log.warning("listings snapshot at %s is unreadable", self.path)
        self._info = (mtime, info)
        return info

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = _sqlite_engine(self.path)
        return self._engine

    def session(self) -> Session:
        """A read-only session on the snapshot, marked so the index cache serves as is."""
        return Session(self.engine(), expire_on_commit=False, info={SNAPSHOT_SESSION: True})

    def due(self, version: int) -> bool:
        """Whether the copy on disk is older than `version` and may be rewritten now: not
        within `min_interval` of this process's last attempt, nor of the file's last write
        by any process of the host (each worker refreshes its own index, but one copy per
        interval per host is enough; each costs a read of the whole directory)."""
        if self._writing or time.monotonic() - self._last_attempt < self.min_interval:
            return False
        try:
            if time.time() - self.path.stat().st_mtime < self.min_interval:
                return False
        except OSError:
            pass  # none yet
        info = self.info()
        return info is None or info.version != version

    def write(self, engine: Engine) -> SnapshotInfo | None:
        """Write the snapshot now (one writer per process; failures are logged)."""
        with self._lock:
            if self._writing:
                return None
            self._writing = True
            self._last_attempt = time.monotonic()
        try:
            with _host_lock(self.path) as locked:
                if not locked:  # another process of the host is writing it now
                    return None
                return write_snapshot(engine, self.path, identity=self.identity)
        except Exception:
            log.exception("could not write the listings snapshot")
            return None
        finally:
            self._writing = False


@contextmanager
def _host_lock(path: Path) -> Iterator[bool]:
    """An exclusive, non-blocking lock beside the snapshot: True when this process holds it
    (always True where file locks are not available)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield True
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# The session.info key that marks a session on the snapshot.
SNAPSHOT_SESSION = "circles_snapshot"


def is_snapshot_session(session: Session) -> bool:
    return bool(session.info.get(SNAPSHOT_SESSION))
