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


def keep(cookie: MutableMapping, user: AdminUser) -> None:
    """After this moderator's password changed (which ended all their sessions): this one
    session carries on, with its login time, and so its absolute limit, unchanged."""
    cookie["admin_v"] = user.session_version


def admin_id(cookie: MutableMapping) -> int | None:
    """The moderator id the cookie claims, if it is a well-formed session."""
    value = cookie.get("admin_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def still_valid(cookie: MutableMapping, user: AdminUser | None, config, *,  # noqa: ANN001
                now: float | None = None) -> bool:
    """Whether the session in `cookie` still belongs to `user`; refreshes its idle clock."""
    if user is None:
        return False
    return session_alive(cookie, version=user.session_version, config=config, now=now,
                         keys=("login_at", "seen_at", "admin_v"))


def session_alive(cookie: MutableMapping, *, version: int, config,  # noqa: ANN001
                  keys: tuple[str, str, str], now: float | None = None) -> bool:
    """The limits every staff session keeps (moderators' and organization editors'): the
    cookie's login time, last-seen time and session version, named by `keys`, must be
    well formed, the version current, the idle and absolute limits not passed. Refreshes
    the last-seen time at most every SEEN_RESOLUTION_SECONDS."""
    now = time.time() if now is None else now
    login_at, seen_at, claimed = (cookie.get(k) for k in keys)
    if not all(isinstance(v, int) for v in (login_at, seen_at, claimed)):
        return False
    if claimed != version:
        return False
    if now - seen_at > int(config["ADMIN_SESSION_IDLE_MINUTES"]) * 60:
        return False
    if now - login_at > int(config["ADMIN_SESSION_MAX_HOURS"]) * 3600:
        return False
    if now - seen_at >= SEEN_RESOLUTION_SECONDS:
        cookie[keys[1]] = int(now)
    return True


def end(cookie: MutableMapping) -> None:
    """Forget the session in this cookie."""
    cookie.clear()
