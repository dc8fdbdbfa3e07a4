"""Database plumbing: one engine per app, one session per request, migrations."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command as alembic_command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# How long a SQLite writer waits for the write lock before "database is locked"; a reader
# waits far less (in WAL mode only a maintenance lock, e.g. an exclusive VACUUM, stops one):
# a read that cannot start soon is served from the snapshot instead (web/degraded.py).
SQLITE_BUSY_TIMEOUT_MS = 10000
SQLITE_READ_BUSY_TIMEOUT_MS = 2000
# PostgreSQL: seconds to establish a connection, and the longest statement the server runs
# (statement_timeout). A server that stops answering altogether is given the statement
# timeout plus this grace before the client closes the connection (GuardedConnection).
CONNECT_TIMEOUT_S = 2.0
STATEMENT_TIMEOUT_S = 5.0
CLIENT_GRACE_S = 1.0
# The pool's check that a pooled connection is alive: a round trip, normally a millisecond.
PING_TIMEOUT_S = 1.0
# After a ping timed out, connecting fails at once for this long (see make_engine).
HANG_FAST_FAIL_S = 3.0
# The execution option that makes a SQLite transaction BEGIN IMMEDIATE.
WRITE_OPTION = "circles_sqlite_write"
# Where a pooled SQLite connection remembers the busy timeout it has now.
BUSY_INFO = "circles_busy_timeout_ms"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# A request that still found the database locked is run again this often, after a pause.
LOCKED_RETRIES = 3
LOCKED_RETRY_PAUSE_S = 0.2


def make_engine(url: str, *, connect_timeout: float = CONNECT_TIMEOUT_S,
                statement_timeout: float | None = STATEMENT_TIMEOUT_S) -> Engine:
    """An engine for `url`: SQLite with WAL and foreign keys (in memory: one connection);
    PostgreSQL with short connect and statement timeouts (`statement_timeout` None or 0:
    none, for migrations and long CLI work), so a database that is down or hangs never
    holds a worker for long."""
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
        kwargs: dict = {"connect_args": {"check_same_thread": False}}
        if in_memory:
            kwargs["poolclass"] = StaticPool
        else:
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # noqa: ANN001 - DB-API types
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if not in_memory:
                # We issue BEGIN ourselves (below): the driver's own implicit, deferred
                # BEGIN made concurrent writers fail with "database is locked".
                dbapi_connection.isolation_level = None
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
                _record.info[BUSY_INFO] = SQLITE_BUSY_TIMEOUT_MS
            cursor.close()

        if in_memory:  # one connection shared by the whole process (tests): no writers race
            return engine

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection):  # noqa: ANN001 - a SQLAlchemy Connection
            # A write transaction takes the write lock at its start (waiting up to the busy
            # timeout for it), so it can never fail later on upgrading a stale read
            # snapshot; read transactions stay deferred and never wait for a writer.
            immediate = connection.get_execution_options().get(WRITE_OPTION)
            busy = SQLITE_BUSY_TIMEOUT_MS if immediate else SQLITE_READ_BUSY_TIMEOUT_MS
            pooled = connection.connection  # its `info` lives as long as the connection
            if pooled.info.get(BUSY_INFO) != busy:  # set only when it changes
                pooled.dbapi_connection.execute(f"PRAGMA busy_timeout={busy}")
                pooled.info[BUSY_INFO] = busy
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    connect_args: dict = {"connect_timeout": max(1, round(connect_timeout))}
    if statement_timeout:
        connect_args["options"] = f"-c statement_timeout={int(statement_timeout * 1000)}"
        connect_args["answer_within"] = statement_timeout + CLIENT_GRACE_S
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        # Waiting for a free pooled connection is bounded too (the default is 30 s).
        pool_timeout=max(1.0, connect_timeout),
        connect_args=connect_args,
    )

    # The pool's liveness check of a pooled connection gets far less time than a statement:
    # a server that hangs is noticed in PING_TIMEOUT_S, not the statement timeout.
    real_ping = engine.dialect.do_ping

    # When a pooled connection's ping times out, the server is there but not answering (a
    # hang, not a refusal): the pool's reconnect would wait out the whole connect timeout
    # (libpq's floor is 2 s) in every thread that checked out a connection at that moment.
    # For HANG_FAST_FAIL_S after such a ping, connecting fails at once instead, and the
    # request is served from the snapshot (the breaker's probe comes later than that).
    hung = {"at": None}

    def quick_ping(dbapi_connection) -> bool:  # noqa: ANN001 - a psycopg connection
        before = getattr(dbapi_connection, "answer_within", None)
        if before is not None:
            dbapi_connection.answer_within = min(before, PING_TIMEOUT_S)
        try:
            return real_ping(dbapi_connection)
        finally:
            if before is not None:
                dbapi_connection.answer_within = before
            if getattr(dbapi_connection, "timed_out", False):
                hung["at"] = time.monotonic()

    engine.dialect.do_ping = quick_ping

    @event.listens_for(engine, "do_connect")
    def _guarded_connect(_dialect, _record, cargs, cparams):  # noqa: ANN001
        answer_within = cparams.pop("answer_within", None)
        at = hung["at"]
        if at is not None and time.monotonic() - at < HANG_FAST_FAIL_S:
            import psycopg

            raise psycopg.OperationalError(
                "the database stopped answering a moment ago (a ping timed out)")
        connection = GuardedConnection.connect(*cargs, **cparams)
        connection.answer_within = answer_within
        hung["at"] = None
        return connection

    return engine


def _guarded_connection_class():
    import psycopg
    from psycopg import errors

    class _GuardedConnection(psycopg.Connection):
        """A psycopg connection that gives up on a server that stops answering.

        statement_timeout ends a slow statement on a live server; a server (or network) that
        hangs answers nothing at all, not even the cancellation. Every wait on the socket is
        therefore bounded by `answer_within`: past it the connection is closed, SQLAlchemy
        sees a disconnect (the pooled connection is discarded) and the request is served
        from the snapshot rather than holding the worker until gunicorn kills it.
        """

        answer_within: float | None = None
        timed_out = False  # set when a wait gave up (the server stopped answering)

        def wait(self, gen, interval=0.1, timeout=None):  # noqa: ANN001, ANN201
            limit = self.answer_within
            if limit is None or (timeout is not None and timeout <= limit):
                return super().wait(gen, interval=interval, timeout=timeout)
            try:
                return super().wait(gen, interval=interval, timeout=limit)
            except errors._WaitTimeout:
                self.timed_out = True
                self.pgconn.finish()
                raise psycopg.OperationalError(
                    f"the database did not answer within {limit:g} s; connection closed"
                ) from None

    return _GuardedConnection


class _LazyGuarded:
    """psycopg is imported only when a PostgreSQL engine connects."""

    _cls = None

    def connect(self, *args, **kwargs):  # noqa: ANN201
        if self._cls is None:
            type(self)._cls = _guarded_connection_class()
        return self._cls.connect(*args, **kwargs)


GuardedConnection = _LazyGuarded()


@contextmanager
def no_statement_timeout(connection: Connection) -> Iterator[None]:
    """Lift the statement timeout (and the client's answer guard) on one connection, for
    work known to be long: migrations, the index build, the snapshot copy. The connection
    is detached from the pool, so its changed settings leave with it when it closes."""
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.detach()
    raw = connection.connection.dbapi_connection
    connection.exec_driver_sql("SET statement_timeout = 0")
    raw.answer_within = None
    yield


def write_engine(engine: Engine) -> Engine:
    """The engine for a unit of work that writes: on SQLite its transactions BEGIN
    IMMEDIATE; elsewhere it is the engine itself."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{WRITE_OPTION: True})


def is_database_locked(exc: BaseException) -> bool:
    """Whether `exc` is SQLite's "database is locked" (or "busy"): worth a retry."""
    from sqlalchemy.exc import OperationalError

    text = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)


def get_engine(app: Flask | None = None) -> Engine:
    """The engine of the current (or given) app."""
    return (app or current_app).extensions["circles_engine"]


def get_session() -> Session:
    """The session of the current request, opened on first use."""
    if "db_session" not in g:
        engine = get_engine()
        if has_request_context() and request.method not in SAFE_METHODS:
            engine = write_engine(engine)
        g.db_session = Session(engine, expire_on_commit=False)
    return g.db_session


def read_session() -> Session:
    """The request's session for what a writing request reads before it writes (a
    duplicate check, a lookup): on SQLite a deferred read transaction of its own, so the
    write lock (BEGIN IMMEDIATE, taken by `get_session()`'s first statement) is held only
    while the request actually writes, not while it reads and scores; elsewhere, and on a
    reading request, simply `get_session()`."""
    engine = get_engine()
    if engine.dialect.name != "sqlite" or not has_request_context() or \
            request.method in SAFE_METHODS or engine.url.database in (None, "", ":memory:"):
        return get_session()
    if "db_read_session" not in g:
        g.db_read_session = Session(engine, expire_on_commit=False)
    return g.db_read_session


def close_session(exc: BaseException | None = None) -> None:
    """End the request's unit of work: roll back anything uncommitted, then close."""
    session = g.pop("db_session", None)
    if session is not None:
        if exc is not None or session.in_transaction():
            session.rollback()
        session.close()
    reads = g.pop("db_read_session", None)
    if reads is not None:
        reads.close()


def alembic_config(engine: Engine) -> AlembicConfig:
    """An Alembic configuration bound to `engine`."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_database(engine: Engine) -> None:
    """Apply every migration to the database behind `engine`."""
    alembic_command.upgrade(alembic_config(engine), "head")


def init_app(app: Flask) -> None:
    """Create the app's engine and register the per-request session teardown."""
    app.extensions["circles_engine"] = make_engine(
        app.config["DATABASE_URL"],
        connect_timeout=app.config["DATABASE_CONNECT_TIMEOUT"],
        statement_timeout=app.config["DATABASE_STATEMENT_TIMEOUT"],
    )
    app.teardown_appcontext(close_session)


def retry_when_locked(view: Callable) -> Callable:
    """Run a writing view again (a bounded number of times) when SQLite still reports
    "database is locked" after its busy timeout: the failed attempt rolled back whole,
    and nothing leaves the request before its commit, so running it again is safe."""
    import functools
    import time

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        for attempt in range(LOCKED_RETRIES + 1):
            try:
                return view(*args, **kwargs)
            except Exception as exc:
                if attempt == LOCKED_RETRIES or not is_database_locked(exc) or \
                        request.method in SAFE_METHODS:
                    raise
                current_app.logger.warning("database locked on %s; retrying (%d)",
                                           request.endpoint, attempt + 1)
                close_session(exc)
                time.sleep(LOCKED_RETRY_PAUSE_S * (attempt + 1))
        raise AssertionError("unreachable")

    return wrapped


def retry_writes_when_locked(app: Flask) -> None:
    """Wrap every view (call after all are registered and decorated); SQLite only."""
    if get_engine(app).dialect.name != "sqlite":
        return
    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static":
            app.view_functions[endpoint] = retry_when_locked(view)
