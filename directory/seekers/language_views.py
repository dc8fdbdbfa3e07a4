"""The language switcher: a plain link that remembers the choice in a first-party cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, current_app, redirect, request

from directory.i18n.text import LANGUAGES
from directory.i18n.web import COOKIE_MAX_AGE, LANGUAGE_COOKIE


def safe_next(target: str | None) -> str:
    """A path on this site to go back to ("/" for anything else: no open redirect)."""
    if not target or len(target) > 2000 or "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") \
            or parts.path.startswith("//"):
        return "/"
    return target


def choose_language(code: str):
    """Remember the reader's interface language on this device and go back to the page."""
    if code not in LANGUAGES:
        abort(404)
    response = redirect(safe_next(request.args.get("next")), code=303)
    response.set_cookie(
        LANGUAGE_COOKIE, code, max_age=COOKIE_MAX_AGE, path="/", httponly=True,
        samesite="Lax", secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    response.headers["Cache-Control"] = "no-store"
    return response
