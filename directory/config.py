"""Configuration: defaults, then the environment, then the caller's overrides (tests)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEFAULT_CRISIS_LINE = (
    "In crisis? In the US call or text 988. Elsewhere, call your local emergency number."
)


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the app's configuration from defaults, environment variables and overrides."""
    env = os.environ
    sqlite_path = Path(instance_path) / "circles.db"
    config: dict[str, Any] = {
        "ENV": env.get("CIRCLES_ENV", "production"),
        "SECRET_KEY": env.get("SECRET_KEY"),
        "DATABASE_URL": env.get("DATABASE_URL") or f"sqlite:///{sqlite_path}",
        "BASE_URL": env.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "GEOCODER": env.get("GEOCODER", "offline"),
        # Nominatim's policy requires an identifying user agent with a contact address.
        "GEOCODER_USER_AGENT": env.get("GEOCODER_USER_AGENT", ""),
        "CRISIS_LINE": env.get("CRISIS_LINE", DEFAULT_CRISIS_LINE),
        "DEFAULT_COUNTRY": env.get("DEFAULT_COUNTRY", "US"),
        # For "tonight" links before the browser tells us its own zone.
        "DEFAULT_TIMEZONE": env.get("DEFAULT_TIMEZONE", "America/New_York"),
        # Number of reverse proxies in front of the app whose X-Forwarded-* to trust.
        "PROXY_FIX_HOPS": int(env.get("PROXY_FIX_HOPS", "0") or 0),
        # Cookies only over HTTPS; set to 0 for plain-HTTP local runs.
        "SESSION_COOKIE_SECURE": env.get("SESSION_COOKIE_SECURE", "1") == "1",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Private edit links work this many days from when they were sent; one-time claim
        # links this many hours.
        "EDIT_LINK_DAYS": int(env.get("EDIT_LINK_DAYS", "365") or 365),
        "CLAIM_LINK_HOURS": int(env.get("CLAIM_LINK_HOURS", "72") or 72),
        # Days after a listing turns stale (180 days unverified) before it is paused.
        "VERIFY_GRACE_DAYS": int(env.get("VERIFY_GRACE_DAYS", "60") or 60),
        "PER_PAGE": 20,
        "MAX_PER_PAGE": 100,
        "TESTING": False,
    }
    for key in ("SUBMIT_RATE_LIMIT", "REPORT_RATE_LIMIT", "LOGIN_RATE_LIMIT", "CLAIM_RATE_LIMIT",
                "RECOVER_RATE_LIMIT"):
        if key in env:  # e.g. "10/hour"
            config[key] = env[key]
    for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_FROM",
                "MAIL_USE_TLS"):
        if key in env:
            config[key] = env[key]
    if overrides:
        config.update(overrides)
    if (config["ENV"] == "development" or config["TESTING"]) and (
        "SESSION_COOKIE_SECURE" not in env and "SESSION_COOKIE_SECURE" not in (overrides or {})
    ):
        config["SESSION_COOKIE_SECURE"] = False  # plain http://127.0.0.1 in development
    if not config["SECRET_KEY"]:
        if config["ENV"] == "development" or config["TESTING"]:
            config["SECRET_KEY"] = "dev-only-not-secret"
        else:
            raise RuntimeError(
                "SECRET_KEY must be set outside development "
                "(set CIRCLES_ENV=development for a local run)."
            )
    return config
