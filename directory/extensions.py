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
from werkzeug.exceptions import HTTPException

from directory.admin import login_limits
from directory.web.api_errors import api_error

CSRF_MESSAGE = (
    "This form had expired or did not come from this site, so nothing was saved. "
    "Everything you typed is still here: please check it and send it again."
)

# endpoint -> (config key of its limit, which responses count against it)
RATE_LIMITS: dict[str, tuple[str, Callable | None]] = {
    # Only accepted submissions count (they redirect): a form with errors, or one re-shown
    # to add a meeting row, costs nothing.
    "organizations.submit_listing": ("SUBMIT_RATE_LIMIT", lambda r: r.status_code == 302),
    "organizations.report_problem": ("REPORT_RATE_LIMIT", lambda r: r.status_code != 200),
    # Only failed logins count: a successful one redirects.
    "admin.login": ("LOGIN_RATE_LIMIT", lambda r: r.status_code != 302),
    "editors.login": ("LOGIN_RATE_LIMIT", lambda r: r.status_code != 302),
}

# Seconds the rate limiter waits for Redis (to connect, and for each answer).
RATELIMIT_REDIS_TIMEOUT_S = 1.0

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
        # The cookie lives no longer than a moderator's session may (directory.admin.sessions
        # enforces that, and the idle limit, on the server side).
        app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(
            hours=int(app.config.get("ADMIN_SESSION_MAX_HOURS") or 12))

    csrf = CSRFProtect(app)
    app.extensions["circles_csrf"] = csrf

    @app.errorhandler(CSRFError)
    def handle_csrf_error(exc: CSRFError):
        # CSRF is checked in an app-wide before_request, ahead of the blueprints' own access
        # checks (the admin login check): run those first, so a logged-out POST is sent to
        # log in (as a GET would be) and a view never runs without them.
        for name in reversed(request.blueprints):
            for check in app.before_request_funcs.get(name, ()):
                try:
                    denied = check()
                except HTTPException as http_error:  # e.g. abort(403) for a wrong role
                    return app.handle_http_exception(http_error)
                if denied is not None:
                    return denied
        view = app.view_functions.get(request.endpoint or "")
        if view is not None and getattr(view, "rerender_on_csrf_error", False):
            g.csrf_error = CSRF_MESSAGE
            try:
                response = make_response(inspect.unwrap(view)(**(request.view_args or {})))
            except HTTPException as http_error:  # e.g. abort(404): answered as usual
                return app.handle_http_exception(http_error)
            if response.status_code < 400:
                response.status_code = 400
            return response
        if request.path.startswith("/api/"):

            return api_error(400, "csrf_failed", exc.description)
        return render_template("errors/400.html", error=exc), 400

    storage_uri = app.config.get("RATELIMIT_STORAGE_URI", "memory://")
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=storage_uri,
        # A Redis that stops answering must not hold a request: give up after a second
        # (then the fallback below counts in this process, with a logged warning).
        storage_options=({"socket_timeout": RATELIMIT_REDIS_TIMEOUT_S,
                          "socket_connect_timeout": RATELIMIT_REDIS_TIMEOUT_S}
                         if storage_uri.startswith(("redis://", "rediss://")) else {}),
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

    login_limits.init_app(app, limiter)  # per account, besides per IP
    if (app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory")
            and app.config["ENV"] != "development" and not app.config.get("TESTING")):
        app.logger.warning(
            "RATELIMIT_STORAGE_URI is memory://: each worker counts on its own, so with N "
            "workers N times the configured limits pass. Set it to a redis:// URL.")
