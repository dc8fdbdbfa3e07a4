"""The API's JSON error shape, shared by the error handlers, the API and the degraded mode."""

from __future__ import annotations

from flask import jsonify


def api_error(status: int, code: str, message: str, details: list[dict] | None = None):
    """A JSON error response in the API's shape."""
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return jsonify(body), status
