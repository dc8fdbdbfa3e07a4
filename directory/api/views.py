"""API views."""

from __future__ import annotations

from flask import current_app, jsonify

from directory.api import bp
from directory.api.responses import json_response
from directory.db import get_session
from directory.models import utcnow
from directory.services import meeting_guide
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


@bp.get("/api/v1/meeting-guide.json")
def show_meeting_guide_feed():
    """Every weekly meeting of the active groups as a Meeting Guide JSON feed."""
    feed = meeting_guide.meeting_guide_feed(
        get_session(), base_url=current_app.config["BASE_URL"], today=utcnow().date()
    )
    return json_response(feed)
