"""Friendly error pages, and JSON errors under /api."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from directory.db import close_session
from directory.hardening import format_bytes
from directory.i18n.text import gettext as _
from directory.web.api_errors import api_error
from directory.web.degraded import database_down, is_unavailable


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def kept_headers(exc: HTTPException) -> dict[str, str]:
    """The headers an HTTP error must keep on our own error page: `Allow` on a 405
    (RFC 9110 requires it), `Retry-After` where the error set one."""
    kept = {}
    for name, value in exc.get_headers():
        if name.lower() in ("allow", "retry-after", "www-authenticate"):
            kept[name] = value
    return kept


def too_large_message() -> str:
    """What a 413 says: the limit that applied to this request."""
    limit = request.max_content_length or current_app.config.get("MAX_CONTENT_LENGTH")
    if not limit:
        return _("The request is too large.")
    return _("The request is larger than %(size)s, the most this page accepts. Nothing was "
             "saved.", size=format_bytes(int(limit)))


def http_error_response(exc: HTTPException):
    """Our page (or, under /api/, our JSON) for an HTTP error, keeping its headers."""
    status = exc.code or 500
    headers = kept_headers(exc)
    if status == 413:
        exc.description = too_large_message()
    if _wants_json():
        code = (exc.name or "error").lower().replace(" ", "_")
        response, status = api_error(status, code, exc.description or exc.name)
        return response, status, headers
    template = (f"errors/{status}.html" if status in (400, 404, 413, 429, 503)
                else "errors/4xx.html")
    return render_template(template, error=exc), status, headers


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    app.register_error_handler(HTTPException, http_error_response)

    @app.errorhandler(DBAPIError)
    @app.errorhandler(PoolTimeout)
    def handle_database_down(exc: DBAPIError):

        if not is_unavailable(exc):
            return handle_unexpected(exc)
        # Outside a view (e.g. a blueprint's login check): views handle it themselves.
        app.logger.warning("Database unavailable on %s %s", request.method, request.endpoint)
        return database_down(exc)

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        close_session(exc)
        if _wants_json():
            return api_error(500, "internal_error", "Something went wrong on our side.")
        return render_template("errors/500.html"), 500
