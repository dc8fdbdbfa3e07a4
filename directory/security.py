"""Security and privacy headers on every response, and proxy awareness."""

from __future__ import annotations

import logging
import re

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

# Our own origin only: no CDN, no third-party fonts, maps or analytics, no inline script.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
])
EMBEDDABLE_PREFIXES = ("/embed",)
# The pages that offer the optional map: only they may load its tiles (MAP_TILES_URL).
MAP_ENDPOINTS = ("seekers.search", "seekers.show_group")


def content_security_policy(*, tiles_source: str | None = None) -> str:
    """Our CSP; with the map on, its tile server joins img-src (and nothing else)."""
    if not tiles_source:
        return CSP
    return CSP.replace("img-src 'self' data:", f"img-src 'self' data: {tiles_source}")


QUERY_STRING = re.compile(r"\?[^\s\"]*")
EDIT_TOKEN = re.compile(r"/listings/edit/[^/\s\"?]+")


class RedactQueryStrings(logging.Filter):
    """Drop query strings from log lines: search terms must never be logged with an IP."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message or "/listings/edit/" in message:
            message = QUERY_STRING.sub("?[redacted]", message)
            record.msg = EDIT_TOKEN.sub("/listings/edit/[redacted]", message)
            record.args = ()
        return True


def redact_request_logs() -> None:
    """Install the filter on the development server's request log (once per process)."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactQueryStrings) for f in logger.filters):
        logger.addFilter(RedactQueryStrings())


def init_app(app: Flask) -> None:
    """Add the headers to every response; trust X-Forwarded-* from N proxies when configured."""
    redact_request_logs()
    hops = int(app.config.get("PROXY_FIX_HOPS", 0) or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    @app.after_request
    def add_security_headers(response):
        embeddable = request.path.startswith(EMBEDDABLE_PREFIXES)
        ancestors = "frame-ancestors *" if embeddable else "frame-ancestors 'none'"
        tiles = (app.config.get("MAP_TILES_SOURCE")
                 if request.endpoint in MAP_ENDPOINTS else None)
        policy = content_security_policy(tiles_source=tiles)
        response.headers.setdefault("Content-Security-Policy", f"{policy}; {ancestors}")
        if not embeddable:
            response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # A seeker's search must never leak to another site through the Referer header.
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault(
            "Permissions-Policy",
            "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
            "interest-cohort=()",
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response
