"""API views."""

from __future__ import annotations

from flask import jsonify

from directory.api import bp
from directory.db import get_session
from directory.services.listings import database_is_reachable


@bp.get("/healthz")
def check_health():
    """Liveness plus a database round trip: 200 when healthy, 503 when the database is down."""
    if database_is_reachable(get_session()):
        return jsonify({"status": "ok", "database": "ok"})
    response = jsonify({"status": "unavailable", "database": "unreachable"})
    response.status_code = 503
    response.headers["Retry-After"] = "30"
    return response
