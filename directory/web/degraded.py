"""Read-only survival: while the database is unreachable or hangs, the read path keeps
answering and every write says clearly that it could not be saved, keeping what was typed.

- A request that finds the database down (a refused or lost connection, a connect or
  statement timeout, a server that stops answering, SQLite locked past its read timeout)
  marks it down for this process. Searches, group pages, handouts, embeds, the API and the
  feeds are then run again — and, while it stays down, run at once — on the listings
  snapshot (search/snapshot.py) with the in-memory index, under a banner saying they may be
  a few minutes old (JSON and feeds: an `Age` header and `X-Circles-Degraded: snapshot`).
- Everything else (submit, edit links, reports, claims, moderation) answers 503 with
  `Retry-After`; a POST's page shows what was typed, ready to send again.
- Recovery needs no restart: while down, a background probe (or, in tests, the first
  request after DATABASE_RETRY_INTERVAL) tries the database again.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable

from flask import Flask, current_app, g, make_response, render_template, request
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from directory.appservices import get_services
from directory.db import SAFE_METHODS, close_session, is_database_locked
from directory.models import utcnow
from directory.web.api_errors import api_error

log = logging.getLogger(__name__)

# Blueprints whose GET pages only read public listings: they can run on the snapshot.
READ_BLUEPRINTS = ("seekers", "referrers", "api")
# Endpoints that handle a down database themselves (or need none).
EXEMPT_ENDPOINTS = ("static", "api.check_health")
RETRY_AFTER_S = 30
# Form fields never shown back on a page (nor kept in it).
SECRET_FIELDS = ("csrf_token", "password", "new_password", "current_password",
                 "password_confirm", "confirm_password")


def is_unavailable(exc: BaseException) -> bool:
    """Whether `exc` says the database cannot be reached (rather than a bug or bad data)."""
    if isinstance(exc, PoolTimeout):
        return True
    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated) or isinstance(
            exc, OperationalError | InterfaceError)
    return False


class DatabaseHealth:
    """Whether this process should use its database now: a small circuit breaker.

    Down, requests stop trying the database (none waits for a timeout again); a daemon
    thread probes it every `retry_interval` seconds and closes the breaker when it answers.
    Without the thread (tests), the first request after the interval tries it itself.
    """

    def __init__(self, *, engine: Engine | None, retry_interval: float = 5.0,
                 background: bool = True) -> None:
        self._engine = engine
        self.retry_interval = retry_interval
        self._background = background and engine is not None
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self._retry_at = 0.0
        self._probing = False

    def is_down(self) -> bool:
        if self.down_since is None:
            return False
        if self._background:
            return True
        return time.monotonic() < self._retry_at

    @property
    def was_down(self) -> bool:
        return self.down_since is not None

    def mark_down(self) -> None:
        with self._lock:
            now = time.monotonic()
            if self.down_since is None:
                self.down_since = now
                log.warning("database unavailable: serving the read path from the snapshot")
            self._retry_at = now + self.retry_interval
            if self._background and not self._probing:
                self._probing = True
                threading.Thread(target=self._probe, daemon=True,
                                 name="circles-db-probe").start()

    def mark_up(self) -> None:
        with self._lock:
            if self.down_since is not None:
                log.warning("database reachable again after %.0f s",
                            time.monotonic() - self.down_since)
            self.down_since = None

    def probe_now(self) -> bool:
        """Try the database once (bounded by its timeouts); True when it answered."""
        if self._engine is None:
            return False
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    def _probe(self) -> None:
        try:
            while self.down_since is not None:
                time.sleep(self.retry_interval)
                if self.probe_now():
                    self.mark_up()
        finally:
            self._probing = False


def _services():

    return get_services()


def _readable() -> bool:
    return request.method in SAFE_METHODS and request.blueprint in READ_BLUEPRINTS


def _snapshot_store():
    store = _services().index.snapshot
    if store is None or store.info() is None:
        return None
    return store


def _run_on_snapshot(view: Callable, store, args, kwargs):  # noqa: ANN001
    close_session()
    info = store.info()
    g.db_session = store.session()
    g.degraded = info
    response = make_response(view(*args, **kwargs))
    age = max(0, int((utcnow().replace(tzinfo=None) - info.written_at).total_seconds()))
    response.headers["Age"] = str(age)
    response.headers["X-Circles-Degraded"] = "snapshot"
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def typed_fields() -> list[tuple[str, str]]:
    """What the client sent in its form, without secrets (passwords, the CSRF token)."""
    return [(name, value) for name, values in request.form.lists() for value in values
            if name not in SECRET_FIELDS and value != ""]


# Fields a form carries for us, not typed by anyone: kept in a resend, not shown.
PLUMBING_FIELDS = ("form_nonce", "action", "next", "homepage")


# Endpoints with their own "not saved, here is your form" page: endpoint -> renderer.
UNAVAILABLE_RENDERERS: dict[str, Callable] = {}


def unavailable_response():
    """The 503 for something that needs the database: JSON under /api, the endpoint's own
    form with everything typed where it has one, else a page that keeps a POST's fields."""
    g.degraded_write = True
    headers = {"Retry-After": str(RETRY_AFTER_S), "Cache-Control": "no-store"}
    if request.path.startswith("/api/"):

        body, status = api_error(503, "database_unavailable",
                                 "The database is temporarily unavailable; try again shortly.")
        return body, 503, headers
    renderer = UNAVAILABLE_RENDERERS.get(request.endpoint or "")
    if renderer is not None:
        return renderer(), 503, headers
    kept = typed_fields() if request.form else []
    page = render_template("errors/503.html", kept=kept,
                           shown=[(n, v) for n, v in kept if n not in PLUMBING_FIELDS],
                           resend=request.method == "POST" and not request.files,
                           had_files=bool(request.files))
    return page, 503, headers


def database_down(exc: BaseException | None = None):
    """A request found the database down: mark it, then answer as well as we can (the
    errors module calls this for a failure outside a view)."""
    health = _services().database
    if not (is_database_locked(exc) and request.method not in SAFE_METHODS):
        health.mark_down()  # a write queueing for SQLite's lock is not an outage
    close_session(exc)
    return unavailable_response()


def survive_database_outage(view: Callable) -> Callable:
    """Wrap a view: on the snapshot while the database is down (read pages), else 503."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if request.endpoint in EXEMPT_ENDPOINTS:
            return view(*args, **kwargs)
        health = _services().database
        if health.is_down():
            store = _snapshot_store() if _readable() else None
            if store is not None:
                return _run_on_snapshot(view, store, args, kwargs)
            if UNAVAILABLE_RENDERERS.get(request.endpoint or "") or \
                    request.blueprint not in READ_BLUEPRINTS or request.method not in SAFE_METHODS:
                return unavailable_response()
        try:
            response = view(*args, **kwargs)
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            current_app.logger.warning("database unavailable on %s %s", request.method,
                                       request.endpoint)
            if is_database_locked(exc) and request.method not in SAFE_METHODS:
                close_session(exc)
                return unavailable_response()
            health.mark_down()
            store = _snapshot_store() if _readable() else None
            if store is not None:
                return _run_on_snapshot(view, store, args, kwargs)
            close_session(exc)
            return unavailable_response()
        if health.was_down and "db_session" in g and not g.get("degraded"):
            health.mark_up()  # this request used the database again
        return response

    return wrapped


def init_app(app: Flask) -> None:
    """Wrap every view (call after all are registered and decorated) and offer the banner."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint not in EXEMPT_ENDPOINTS:
            app.view_functions[endpoint] = survive_database_outage(view)

    @app.context_processor
    def degraded_banner() -> dict:
        return {"degraded": g.get("degraded"), "degraded_write": g.get("degraded_write")}
