"""One unit of work per request: a view never commits; the request does, once.

- A write request (POST and the like) whose view answers 2xx or 3xx commits the request's
  session once, right after the view returns — inside the "database is locked" retry and the
  outage guard (directory/db.py, web/degraded.py), so a commit that finds SQLite locked runs
  the view again and one that finds the database down answers 503 with everything typed.
- A view that raises, or answers 4xx/5xx, rolls back: a form that failed validation after
  some rows were flushed writes nothing.
- A read request (GET, HEAD, OPTIONS) never commits.
- Work that must leave only once saved (mail: directory/mail_queue.py) is held with
  `hold_until_commit()`: a commit of the request's session releases it, a rollback drops it.
- A view that genuinely needs a commit before its end calls `commit_now()` and says why.

The CLI, jobs and data-source syncs open their own sessions and commit them themselves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Flask, g, has_request_context, make_response, request
from sqlalchemy import event
from sqlmodel import Session

from directory.db import SAFE_METHODS, get_session

# Views that are not units of work on the request's session.
EXEMPT_ENDPOINTS = ("static",)


def _held() -> dict[str, list]:
    return g.setdefault("uow_held", {})


def _released() -> dict[str, list]:
    return g.setdefault("uow_released", {})


def _release(_session=None) -> None:  # noqa: ANN001 - a Session, from its event
    for kind, items in g.pop("uow_held", {}).items():
        _released().setdefault(kind, []).extend(items)


def _drop(_session=None) -> None:  # noqa: ANN001
    g.pop("uow_held", None)


def _watch(db: Session) -> None:
    """Release held work on every commit of this session, drop it on a rollback — whoever
    commits it (the request, `commit_now()`, or a sync that commits its own report)."""
    if g.get("uow_watching") is db:
        return
    g.uow_watching = db
    event.listen(db, "after_commit", _release)
    event.listen(db, "after_rollback", _drop)


def hold_until_commit(kind: str, item) -> None:  # noqa: ANN001 - anything
    """Keep `item` until the request's session commits (never, if it rolls back)."""
    _watch(get_session())
    _held().setdefault(kind, []).append(item)


def take_released(kind: str) -> list:
    """The items of `kind` whose unit of work has committed (each is taken once)."""
    return _released().pop(kind, []) if has_request_context() else []


def take_unreleased(kind: str) -> list:
    """Items of `kind` still held at the end of the request (their work never committed)."""
    held = g.get("uow_held") or {}
    return held.pop(kind, []) if has_request_context() else []


def commit_now() -> None:
    """Commit the request's session before the view ends (held work is released).

    Only for a change that must be kept whatever the rest of the request does — say why
    where you call it. Anything the view writes afterwards is still its one unit of work.
    """
    get_session().commit()


def rollback() -> None:
    """Undo everything since the last commit (held work is dropped)."""
    db = g.get("db_session")
    _drop()
    if db is not None:
        db.rollback()


def succeeded(status: int) -> bool:
    return status < 400


def finish(response):
    """End a write request's unit of work from its view's answer: commit after 2xx/3xx,
    else roll back. Returns the response (made from the view's return value)."""
    response = make_response(response)
    if not succeeded(response.status_code):
        rollback()
        return response
    db = g.get("db_session")
    if db is not None:
        try:
            db.commit()
        except BaseException:  # e.g. the database went away: the outage guard answers 503
            rollback()
            raise
    return response


def unit_of_work(view: Callable) -> Callable:
    """Wrap a view: a write request commits once after a good answer, else rolls back."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(*args, **kwargs)
        try:
            response = view(*args, **kwargs)
        except BaseException:
            rollback()
            raise
        return finish(response)

    return wrapped


def init_app(app: Flask) -> None:
    """Make every view a unit of work. Call after the blueprints are registered and before
    the rate limits, the locked-retry and the outage guard wrap the views."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint not in EXEMPT_ENDPOINTS:
            app.view_functions[endpoint] = unit_of_work(view)
