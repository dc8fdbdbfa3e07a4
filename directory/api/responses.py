"""JSON responses for the public API: cacheable, conditional and open to other origins."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import Response, request

from directory.web.api_errors import api_error

CACHE_CONTROL = "public, max-age=300"


def _dumps(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # <, > and & only occur inside JSON strings; escaping them keeps the body inert even if
    # a careless consumer pastes it into HTML, and it decodes to the same values.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_response(data: Any, *, status: int = 200) -> Response:
    """A JSON response with Cache-Control, a strong ETag of the body, CORS and 304 support."""
    body = _dumps(data).encode("utf-8")
    response = Response(body, status=status, mimetype="application/json")
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response.set_etag(hashlib.sha256(body).hexdigest()[:32])
        response.make_conditional(request)
    return response


def json_error(status: int, code: str, message: str, details: list[dict] | None = None, *,
               extra: dict[str, Any] | None = None):
    """An API error in the shape of directory.web.api_errors.api_error, readable from any origin;
    `extra` adds top-level members beside "error" (a search's `crisis`)."""
    response, status = api_error(status, code, message, details)
    if extra:
        body = response.get_json()
        body.update(extra)
        response.set_data(_dumps(body).encode("utf-8"))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response, status
