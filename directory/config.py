"""Configuration: defaults, then the environment, then the caller's overrides (tests)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_CRISIS_LINE = (
    "In crisis? In the US call or text 988. Elsewhere, call your local emergency number."
)


MIN_SECRET_KEY_LENGTH = 32
# Keys seen in tutorials, templates and this project's own development default.
KNOWN_WEAK_SECRET_KEYS = frozenset({
    "dev-only-not-secret", "dev", "development", "secret", "secret-key", "secret_key",
    "secretkey", "changeme", "change-me", "change_me", "password", "test", "testing",
    "your-secret-key", "your_secret_key", "your-secret-key-here", "supersecret",
    "super-secret", "super-secret-key", "mysecret", "my-secret-key", "default",
    "please-change-me", "replace-me", "insecure", "notsecret", "not-secret",
    "flask-secret-key", "django-insecure",
})
# A key whose characters are this few (e.g. "x" * 32) has no real entropy.
MIN_DISTINCT_CHARACTERS = 10
# Words of a placeholder someone forgot to replace ("change-me-to-a-long-random-string",
# "your_production_secret_key_here"). A random key of 32+ characters holds none of them.
PLACEHOLDER_WORDS = ("changeme", "replaceme", "changethis", "placeholder", "example",
                     "yoursecret", "secretkey", "insecure", "notsecret", "donotuse",
                     "devonly", "dummy", "sample", "putyour", "goeshere", "randomstring")


def secret_key_problem(key: str) -> str | None:
    """Why `key` is too weak for production, or None when it will do."""
    if key.strip().lower() in KNOWN_WEAK_SECRET_KEYS:
        return "is a well-known example value"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"is {len(key)} characters long; at least {MIN_SECRET_KEY_LENGTH} are needed"
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return "repeats too few characters to be random"
    letters = re.sub(r"[^a-z]", "", key.lower())
    if any(word in letters for word in PLACEHOLDER_WORDS):
        return "looks like a placeholder (it contains words such as 'change me' or 'example')"
    return None


def map_tiles_source(url: str, attribution: str) -> str | None:
    """The Content-Security-Policy source of a configured tile server ("https://*.tile.example",
    "http://127.0.0.1:8080"), or None when the map is off; a bad setting stops the start."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RuntimeError("MAP_TILES_URL must be an http:// or https:// URL template.")
    if not all(f"{{{key}}}" in url for key in "zxy"):
        raise RuntimeError("MAP_TILES_URL must contain {z}, {x} and {y}.")
    if not attribution:
        raise RuntimeError("MAP_TILES_ATTRIBUTION must be set with MAP_TILES_URL "
                           "(tile servers require their attribution on the map).")
    host = urlsplit(url).netloc.replace("{s}", "*")
    if not re.fullmatch(r"[A-Za-z0-9.*\[\]:-]+", host):
        raise RuntimeError("MAP_TILES_URL's host is not a plain host name (and port).")
    if "*" in host and not (host.startswith("*.") and "*" not in host[1:]):
        raise RuntimeError("MAP_TILES_URL's host may use {s} only as its first label.")
    return f"{parts.scheme}://{host}"


def _seconds(value: str | None, default: float, *, name: str = "CATALOG_CHECK_INTERVAL"
             ) -> float:
    """A number of seconds from the environment (unset or empty: `default`); anything but a
    number at least 0 stops the app with a message naming the setting."""
    if value is None or not value.strip():
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):  # also NaN
        raise RuntimeError(f"{name} must be a number of seconds, 0 or more (got {value!r}).")
    return seconds


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
        # Crisis lines by country (services/crisis.py has the defaults): a JSON file of
        # {"GB": [{"name": …, "phone": …, "sms": …, "url": …}], …}; tests pass CRISIS_LINES.
        "CRISIS_LINES_FILE": env.get("CRISIS_LINES_FILE") or None,
        "CRISIS_LINES": None,
        "DEFAULT_COUNTRY": env.get("DEFAULT_COUNTRY", "US"),
        # For "tonight" links before the browser tells us its own zone.
        "DEFAULT_TIMEZONE": env.get("DEFAULT_TIMEZONE", "America/New_York"),
        # Number of reverse proxies in front of the app whose X-Forwarded-* to trust.
        "PROXY_FIX_HOPS": int(env.get("PROXY_FIX_HOPS", "0") or 0),
        # Cookies only over HTTPS; set to 0 for plain-HTTP local runs.
        "SESSION_COOKIE_SECURE": env.get("SESSION_COOKIE_SECURE", "1") == "1",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Largest request body accepted (bytes); bigger ones get 413 before any view runs.
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        # Largest CSV file the admin import page accepts (bytes); its request may exceed
        # MAX_CONTENT_LENGTH by the form's envelope. Larger files: `flask import`.
        "MAX_IMPORT_BYTES": int(env.get("MAX_IMPORT_BYTES", str(2 * 1024 * 1024))),
        # Files larger than this (bytes; 0: every file) are imported by a background job
        # with a progress page instead of inside the request; the job may run at most
        # IMPORT_JOB_TIMEOUT seconds, and one silent for IMPORT_JOB_STALE_S is run again.
        "IMPORT_JOB_THRESHOLD": int(env.get("IMPORT_JOB_THRESHOLD", str(256 * 1024))),
        "IMPORT_JOB_TIMEOUT": float(env.get("IMPORT_JOB_TIMEOUT", "1800") or 1800),
        "IMPORT_JOB_STALE_S": float(env.get("IMPORT_JOB_STALE_S", "120") or 120),
        # A moderator's login ends after this long without a request, and after this long
        # however active (logout and password changes end it at once).
        "ADMIN_SESSION_IDLE_MINUTES": int(env.get("ADMIN_SESSION_IDLE_MINUTES", "60")),
        "ADMIN_SESSION_MAX_HOURS": int(env.get("ADMIN_SESSION_MAX_HOURS", "12")),
        # HTML and JSON responses at least this many bytes are gzipped for clients that ask.
        "COMPRESS_MIN_SIZE": int(env.get("COMPRESS_MIN_SIZE", "1024")),
        # Private edit links work this many days from when they were sent; one-time claim
        # links this many hours.
        "EDIT_LINK_DAYS": int(env.get("EDIT_LINK_DAYS", "365") or 365),
        "CLAIM_LINK_HOURS": int(env.get("CLAIM_LINK_HOURS", "72") or 72),
        "EDITOR_INVITE_HOURS": int(env.get("EDITOR_INVITE_HOURS", "72") or 72),
        # A new moderator's or admin's one-time set-password link (and a "forgot password"
        # link) works this many hours.
        "STAFF_INVITE_HOURS": int(env.get("STAFF_INVITE_HOURS", "72") or 72),
        # Days after a listing turns stale (180 days unverified) before it is paused.
        "VERIFY_GRACE_DAYS": int(env.get("VERIFY_GRACE_DAYS", "60") or 60),
        # The optional map (off by default: no map, no third-party request): a tile server's
        # URL template ({z}/{x}/{y}, maybe {s}) and the attribution its licence requires.
        "MAP_TILES_URL": env.get("MAP_TILES_URL", "").strip(),
        "MAP_TILES_ATTRIBUTION": env.get("MAP_TILES_ATTRIBUTION", "").strip(),
        # PostgreSQL: seconds to connect, and the longest statement a request may run
        # (0: none). A database that is down or hangs is noticed within these, and pages
        # are then served from the snapshot (SNAPSHOT_PATH) until it is back.
        "DATABASE_CONNECT_TIMEOUT": float(env.get("DATABASE_CONNECT_TIMEOUT", "2") or 2),
        "DATABASE_STATEMENT_TIMEOUT": float(env.get("DATABASE_STATEMENT_TIMEOUT", "5") or 0),
        # Where the last-known copy of the public listings is kept (an SQLite file per host
        # and database, shared by the host's workers) that searches, group pages, the API
        # and feeds read while the database is unreachable; "" turns it off. Refreshed with
        # the search index, at most every SNAPSHOT_MIN_INTERVAL seconds per host (a copy
        # reads the whole directory: ~8 s of CPU at 50,000 groups).
        "SNAPSHOT_DIR": env.get("SNAPSHOT_DIR", str(Path(instance_path) / "snapshot")),
        "SNAPSHOT_MIN_INTERVAL": float(env.get("SNAPSHOT_MIN_INTERVAL", "300") or 0),
        # gunicorn's master writes the search index it built to a file here and maps it back
        # before forking (unlinked at once; see matching/mapped.py): resident only where
        # searches read it, the rest left to the page cache. A disk, not a tmpfs, for that
        # to save memory; "" keeps the index in memory.
        "INDEX_MAP_DIR": env.get("INDEX_MAP_DIR", str(Path(instance_path) / "index")),
        # Each worker reads the catalog version (has any public listing changed?) at most
        # this often (seconds), not on every search; 0: on every search (tests). A change
        # is live everywhere within this, and at once in the process that made it.
        "CATALOG_CHECK_INTERVAL": _seconds(env.get("CATALOG_CHECK_INTERVAL"), 1.0),
        # While the database is down, it is tried again this often (seconds).
        "DATABASE_RETRY_INTERVAL": float(env.get("DATABASE_RETRY_INTERVAL", "5") or 5),
        # The background job queue (RQ on Redis): mail and "sync now" go through it and a
        # `flask worker` runs them. Unset: they run in the web process after the response.
        "QUEUE_URL": env.get("QUEUE_URL") or env.get("REDIS_URL") or "",
        "QUEUE_NAME": env.get("QUEUE_NAME", "circles"),
        "JOB_RETRIES": int(env.get("JOB_RETRIES", "3") or 0),
        "PER_PAGE": 20,
        "MAX_PER_PAGE": 100,
        "TESTING": False,
    }
    for key in ("SUBMIT_RATE_LIMIT", "REPORT_RATE_LIMIT", "LOGIN_RATE_LIMIT",
                "LOGIN_ACCOUNT_RATE_LIMIT", "CLAIM_RATE_LIMIT", "RECOVER_RATE_LIMIT"):
        if key in env:  # e.g. "10/hour"
            config[key] = env[key]
    for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_FROM",
                "MAIL_USE_TLS"):
        if key in env:
            config[key] = env[key]
    # Without MAIL_SERVER, each message is written here as an .eml file.
    config["MAIL_OUTBOX"] = env.get("MAIL_OUTBOX") or str(Path(instance_path) / "outbox")
    if overrides:
        config.update(overrides)
    if config["TESTING"] and "CATALOG_CHECK_INTERVAL" not in (overrides or {}):
        config["CATALOG_CHECK_INTERVAL"] = 0.0  # a test's change is seen by its next request
    if config["TESTING"] and "SNAPSHOT_DIR" not in (overrides or {}):
        config["SNAPSHOT_DIR"] = ""  # a test that wants one passes its own folder
    # Mail leaves after the response, from a background thread; tests send it at the end of
    # the request instead, so they can look at it at once.
    config.setdefault("MAIL_BACKGROUND", not config["TESTING"])
    if (config["ENV"] == "development" or config["TESTING"]) and (
        "SESSION_COOKIE_SECURE" not in env and "SESSION_COOKIE_SECURE" not in (overrides or {})
    ):
        config["SESSION_COOKIE_SECURE"] = False  # plain http://127.0.0.1 in development
    config["MAP_TILES_SOURCE"] = map_tiles_source(config.get("MAP_TILES_URL") or "",
                                                  config.get("MAP_TILES_ATTRIBUTION") or "")
    development = config["ENV"] == "development" or config["TESTING"]
    if not config["SECRET_KEY"]:
        if development:
            config["SECRET_KEY"] = "dev-only-not-secret"
        else:
            raise RuntimeError(
                "SECRET_KEY must be set outside development "
                "(set CIRCLES_ENV=development for a local run)."
            )
    elif not development and (problem := secret_key_problem(str(config["SECRET_KEY"]))):
        raise RuntimeError(
            f"SECRET_KEY {problem}. Outside development it must be a long random value, "
            "e.g. the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    return config
