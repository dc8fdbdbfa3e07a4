"""CSRF protection (its form re-render: web/forms.py), rate limits and the session cookie's
safety settings.

Both extensions are built per app (never at import time), so two apps in one process — as
in the tests — never share rate-limit counters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from directory.admin import login_limits
from directory.web import forms

# endpoint -> (config key of its limit, which responses count against it)
RATE_LIMITS: dict[str, tuple[str, Callable | None]] = {
    # Only accepted submissions count (they redirect): a form with errors, or one re-shown
    # to add a meeting row, costs nothing.
    "organizations.submit_listing": ("SUBMIT_RATE_LIMIT", lambda r: r.status_code == 302),
    "organizations.report_problem": ("REPORT_RATE_LIMIT", lambda r: r.status_code != 200),
    # Every "forgot password" request counts (it may send a mail).
    "admin.forgot_password": ("LOGIN_RATE_LIMIT", None),
    # The login pages' limits (LOGIN_RATE_LIMIT per IP, LOGIN_ACCOUNT_RATE_LIMIT per
    # account) are set by directory.admin.login_limits.
}

# Seconds the rate limiter waits for Redis (to connect, and for each answer).
RATELIMIT_REDIS_TIMEOUT_S = 1.0

DEFAULTS = {
    "SUBMIT_RATE_LIMIT": "10/hour",
    "REPORT_RATE_LIMIT": "20/hour",
    "LOGIN_RATE_LIMIT": "5/minute",
    "RATELIMIT_HEADERS_ENABLED": False,
}


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

    forms.init_app(app)  # a CSRF failure re-renders a form view with what was typed

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

    login_limits.init_app(app, limiter)  # logins: per IP and per account
    if (app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory")
            and app.config["ENV"] != "development" and not app.config.get("TESTING")):
        app.logger.warning(
            "RATELIMIT_STORAGE_URI is memory://: each worker counts on its own, so with N "
            "workers N times the configured limits pass. Set it to a redis:// URL.")
