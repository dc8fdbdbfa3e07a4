"""Editor login sessions in the signed cookie, beside (never mixed with) a moderator's.

The cookie holds the editor's id, their `session_version` at login, the login time and the
last request's time; a session ends when the version moved (logout, a password change, the
editor's removal), after ADMIN_SESSION_IDLE_MINUTES idle, or ADMIN_SESSION_MAX_HOURS after
logging in — the same limits as a moderator's.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping

from directory.admin.sessions import session_alive
from directory.models import EditorAccount

KEYS = ("editor_id", "editor_v", "editor_login_at", "editor_seen_at")


def start(cookie: MutableMapping, editor: EditorAccount, *, now: float | None = None) -> None:
    """Begin a fresh editor session (a moderator session in the same browser is kept)."""
    now = int(time.time() if now is None else now)
    end(cookie)
    cookie.update({"editor_id": editor.id, "editor_v": editor.session_version,
                   "editor_login_at": now, "editor_seen_at": now})


def keep(cookie: MutableMapping, editor: EditorAccount) -> None:
    """After this editor's password changed (which ended all their sessions): this one
    session carries on, with its login time, and so its absolute limit, unchanged."""
    cookie["editor_v"] = editor.session_version


def editor_id(cookie: MutableMapping) -> int | None:
    """The editor id the cookie claims, if well formed."""
    value = cookie.get("editor_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def still_valid(cookie: MutableMapping, editor: EditorAccount | None, config, *,  # noqa: ANN001
                now: float | None = None) -> bool:
    """Whether the editor session in `cookie` still belongs to `editor`."""
    if editor is None or editor.removed_at is not None:
        return False
    return session_alive(cookie, version=editor.session_version, config=config, now=now,
                         keys=("editor_login_at", "editor_seen_at", "editor_v"))


def end(cookie: MutableMapping) -> None:
    """Forget the editor session in this cookie."""
    for key in KEYS:
        cookie.pop(key, None)
