"""A seeker's display preferences — results view (cards or a compact list) and text size —
remembered on their device in first-party cookies (nothing is stored on the server).

The results view is chosen by the `view` URL parameter (shareable), which also remembers it;
the text size by a plain link to `/preferences/text-size` (works without JavaScript), which the
script turns into an in-page toggle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, Response, request

from directory.delivery import add_vary

VIEWS = ("cards", "list")
DEFAULT_VIEW = "cards"
VIEW_COOKIE = "circles_view"
TEXT_SIZES = ("normal", "large")
TEXT_COOKIE = "circles_text"
COOKIE_DAYS = 365


@dataclass(frozen=True)
class ViewChoice:
    """The results view to show, whether the URL chose it, and a notice for a bad value."""

    view: str
    from_url: bool
    notice: str | None = None


def choose_view(args: Mapping[str, list[str]], cookies: Mapping[str, str]) -> ViewChoice:
    """`view=` from the URL (first value), else the remembered cookie, else cards."""
    remembered = cookies.get(VIEW_COOKIE)
    fallback = remembered if remembered in VIEWS else DEFAULT_VIEW
    values = [v.strip() for v in args.get("view", []) if v.strip()]
    if not values:
        return ViewChoice(fallback, from_url=False)
    if values[0] in VIEWS:
        return ViewChoice(values[0], from_url=True)
    shown = values[0][:40]
    return ViewChoice(fallback, from_url=False,
                      notice=f"Unknown view “{shown}” was ignored; the choices are cards or list.")


def text_size(cookies: Mapping[str, str]) -> str:
    """The remembered text size: "large" or "normal"."""
    return "large" if cookies.get(TEXT_COOKIE) == "large" else "normal"


def local_path(target: str | None, default: str = "/") -> str:
    """`target` when it is a path on this site ("/groups?q=…"), else `default`: never an
    address elsewhere ("//evil.example", "https://…", "/\\evil")."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ch in target for ch in "\r\n\x00\\"):
        return default
    return target


def remember(response: Response, name: str, value: str, *, secure: bool) -> None:
    """Set a first-party preference cookie for a year (readable by our own script)."""
    response.set_cookie(name, value, max_age=COOKIE_DAYS * 86400, path="/", secure=secure,
                        httponly=False, samesite="Lax")


def init_app(app: Flask) -> None:
    """Expose the text size to every template; pages that depend on cookies say so."""

    @app.context_processor
    def inject_preferences() -> dict:
        return {"text_size": text_size(request.cookies)}

    @app.after_request
    def vary_on_cookie(response: Response) -> Response:
        if response.mimetype == "text/html":
            add_vary(response, "Cookie")
        return response
