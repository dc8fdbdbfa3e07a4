"""Hostile-input guards that run before any view: a request-size cap, and 400 for control
characters (NUL, CR, LF) in the path or in a `next=` parameter.

A NUL cannot be stored in a PostgreSQL text column (the driver raises, which was a 500),
and a CR/LF copied into a `Location` header splits it: neither has a legitimate use in a
URL, so such a request is refused before it reaches a view, a query or a redirect.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from flask import Flask, abort, current_app, request

# NUL and the line breaks, raw or percent-encoded (any case), after one decoding step.
FORBIDDEN_IN_URL = re.compile(r"[\x00\r\n]")
# Endpoints that accept a file upload larger than MAX_CONTENT_LENGTH allows.
UPLOAD_ENDPOINTS = ("admin.import_listings",)
# Room for the multipart envelope and the other form fields around an uploaded file.
MULTIPART_OVERHEAD = 64 * 1024


# Query parameters that end up in a header (a redirect's Location) or a database lookup.
# Other parameters (a search's q, near, topic…) are free text the views already answer
# with a notice, and a NUL there never reaches the database.
GUARDED_PARAMETERS = ("next",)


def _has_forbidden(text: str) -> bool:
    return bool(FORBIDDEN_IN_URL.search(text) or FORBIDDEN_IN_URL.search(
        unquote(text.replace("+", " "), errors="replace")))


def url_has_forbidden_characters(path: str, args) -> bool:  # noqa: ANN001 - a MultiDict
    """Whether the path, or a guarded query parameter, holds a NUL, CR or LF."""
    if _has_forbidden(path):
        return True
    return any(FORBIDDEN_IN_URL.search(value)
               for name in GUARDED_PARAMETERS for value in args.getlist(name))


def upload_limit(config) -> int:  # noqa: ANN001 - a Flask config mapping
    """The request-size cap for an import upload: the file limit plus its envelope."""
    return int(config["MAX_IMPORT_BYTES"]) + MULTIPART_OVERHEAD


def format_bytes(size: int) -> str:
    """A size as people read it: 2 MB, 512 KB."""
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, size // 1024)} KB"


def init_app(app: Flask) -> None:
    """Install the guards; call before the blueprints (and CSRF) so they run first."""

    @app.before_request
    def refuse_control_characters():
        if url_has_forbidden_characters(request.path, request.args):
            abort(400, description="The address contains characters that are not allowed.")
        return None

    @app.before_request
    def raise_the_cap_for_uploads():
        if request.endpoint in UPLOAD_ENDPOINTS:
            request.max_content_length = upload_limit(current_app.config)
        limit = request.max_content_length
        # Refused on the declared length before anything reads the body, on every URL
        # (a 404 or 405 would otherwise leave a 100 MB body to drain).
        if limit is not None and (request.content_length or 0) > limit:
            abort(413)
        return None

    @app.context_processor
    def size_limits():
        return {
            "max_import_size": format_bytes(int(app.config["MAX_IMPORT_BYTES"])),
        }
