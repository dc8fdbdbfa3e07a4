"""CSRF protection, rate limits and the session cookie's safety settings.

Both extensions are built per app (never at import time), so two apps in one process — as
in the tests — never share rate-limit counters.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import timedelta

from flask import Flask, current_app, g, make_response, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect

CSRF_MESSAGE = (
    "This form had expired or did not come from this site, so nothing was saved. "
    "Everything you typed is still here: please check it and send it again."
)

# endpoint -> (config key of its limit, which responses count against it)
RATE_LIMITS: dict[str, tuple[str, Callable | None]] = {
    # Adding or removing a meeting row re-renders the form (200) and does not count.
    "organizations.submit_listing": ("SUBMIT_RATE_LIMIT", lambda r: r.status_code != 200),
    "organizations.report_problem": ("REPORT_RATE_LIMIT", lambda r: r.status_code != 200),
    # Only failed logins count: a successful one redirects.
    "admin.login": ("LOGIN_RATE_LIMIT", lambda r: r.status_code != 302),
}

ADMIN_SESSION_LIFETIME = timedelta(hours=12)

DEFAULTS = {
    "SUBMIT_RATE_LIMIT": "10/hour",
    "REPORT_RATE_LIMIT": "20/hour",
    "LOGIN_RATE_LIMIT": "5/minute",
    "RATELIMIT_HEADERS_ENABLED": False,
}


def rerender_on_csrf_error(view: Callable) -> Callable:
    """Mark a form view that, on a CSRF failure, re-renders its form (status 400) with
    everything typed, instead of showing a bare error page. The view must treat
    `csrf_error()` as a form error and save nothing."""
    view.rerender_on_csrf_error = True  # type: ignore[attr-defined]
    return view


def csrf_error() -> str | None:
    """The CSRF failure message while a form view re-renders after one, else None."""
    return g.get("csrf_error")


def init_app(app: Flask) -> None:
    """Install CSRF protection and rate limits; call after the blueprints are registered."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    # Flask's own defaults exist as keys, so setdefault() would not change them.
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if not app.config.get("SESSION_COOKIE_SAMESITE"):
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if app.config["BASE_URL"].startswith("https:"):
        app.config["SESSION_COOKIE_SECURE"] = True
    if app.config.get("PERMANENT_SESSION_LIFETIME") == timedelta(days=31):
        app.config["PERMANENT_SESSION_LIFETIME"] = ADMIN_SESSION_LIFETIME

    csrf = CSRFProtect(app)
    app.extensions["circles_csrf"] = csrf

    @app.errorhandler(CSRFError)
    def handle_csrf_error(exc: CSRFError):
        view = app.view_functions.get(request.endpoint or "")
        if view is not None and getattr(view, "rerender_on_csrf_error", False):
            g.csrf_error = CSRF_MESSAGE
            response = make_response(inspect.unwrap(view)(**(request.view_args or {})))
            response.status_code = 400
            return response
        if request.path.startswith("/api/"):
            from directory.errors import api_error

            return api_error(400, "csrf_failed", exc.description)
        return render_template("errors/400.html", error=exc), 400

    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"),
        default_limits=[],
        # If Redis is unreachable, count in this process rather than fail the request.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    app.extensions["circles_limiter"] = limiter
    for endpoint, (key, deduct_when) in RATE_LIMITS.items():
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        app.view_functions[endpoint] = limiter.limit(
            lambda key=key: current_app.config[key],
            methods=["POST"],
            deduct_when=deduct_when,
        )(view)
