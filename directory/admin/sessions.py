"""Moderator login sessions: what the signed cookie carries and when it stops counting.

The cookie holds the moderator's id, their `session_version` at login, the login time and
the time of the last request. A session ends when
- the version no longer matches (logout or a password change raised it: every copy of the
  cookie, on every device, is dead at once),
- it has been idle longer than ADMIN_SESSION_IDLE_MINUTES, or
- it is older than ADMIN_SESSION_MAX_HOURS, however active.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping

from directory.models import AdminUser

KEYS = ("admin_id", "admin_v", "login_at", "seen_at")
# `seen_at` is rewritten at most this often, so the cookie does not change on every request.
SEEN_RESOLUTION_SECONDS = 60


def claims(user: AdminUser, *, now: float | None = None) -> dict[str, int]:
    """What a new session of `user` carries."""
    now = int(time.time() if now is None else now)
    return {"admin_id": user.id, "admin_v": user.session_version, "login_at": now,
            "seen_at": now}


def start(cookie: MutableMapping, user: AdminUser, *, now: float | None = None) -> None:
    """Begin a fresh session for `user` (anything else in the cookie is dropped)."""
    cookie.clear()  # a fresh session: no fixation
    cookie.update(claims(user, now=now))


def admin_id(cookie: MutableMapping) -> int | None:
    """The moderator id the cookie claims, if it is a well-formed session."""
    value = cookie.get("admin_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def still_valid(cookie: MutableMapping, user: AdminUser | None, config, *,  # noqa: ANN001
                now: float | None = None) -> bool:
    """Whether the session in `cookie` still belongs to `user`; refreshes its idle clock."""
    if user is None:
        return False
    now = time.time() if now is None else now
    login_at, seen_at, version = (cookie.get(k) for k in ("login_at", "seen_at", "admin_v"))
    if not all(isinstance(v, int) for v in (login_at, seen_at, version)):
        return False
    if version != user.session_version:
        return False
    if now - seen_at > int(config["ADMIN_SESSION_IDLE_MINUTES"]) * 60:
        return False
    if now - login_at > int(config["ADMIN_SESSION_MAX_HOURS"]) * 3600:
        return False
    if now - seen_at >= SEEN_RESOLUTION_SECONDS:
        cookie["seen_at"] = int(now)
    return True


def end(cookie: MutableMapping) -> None:
    """Forget the session in this cookie."""
    cookie.clear()
