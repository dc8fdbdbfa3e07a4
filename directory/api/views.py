"""API views."""

from __future__ import annotations

from flask import current_app, jsonify, request

from directory.api import bp
from directory.api.responses import json_error, json_response
from directory.db import get_session
from directory.models import utcnow
from directory.services import hsds, meeting_guide
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


def _page_params() -> tuple[int, int, list[dict]]:
    """page and per_page from the query string, with a detail for each bad value."""
    limits = {"page": (1, 1, 100000), "per_page": (current_app.config["PER_PAGE"], 1,
                                                   current_app.config["MAX_PER_PAGE"])}
    values: dict[str, int] = {}
    details: list[dict] = []
    for name, (default, low, high) in limits.items():
        raw = request.args.get(name, "")
        values[name] = default
        if raw == "":
            continue
        if not raw.isdigit() or not low <= int(raw) <= high:
            details.append({"param": name,
                            "message": f"must be a whole number from {low} to {high}"})
            continue
        values[name] = int(raw)
    return values["page"], values["per_page"], details


def _bad_page(details: list[dict]):
    return json_error(400, "invalid_parameter", "Invalid query parameters.", details)


@bp.get("/api/v1/hsds/services")
def list_hsds_services():
    """One page of active groups as HSDS 3.0 services."""
    page, per_page, details = _page_params()
    if details:
        return _bad_page(details)
    return json_response(hsds.list_services(
        get_session(), base_url=current_app.config["BASE_URL"], page=page, per_page=per_page
    ))


@bp.get("/api/v1/hsds/services/<service_id>")
def show_hsds_service(service_id: str):
    """One active group as a fully nested HSDS 3.0 service."""
    service = hsds.get_service(
        get_session(), base_url=current_app.config["BASE_URL"], service_id=service_id
    )
    if service is None:
        return json_error(404, "not_found", "No active service has this id.")
    return json_response(service)


@bp.get("/api/v1/hsds/organizations")
def list_hsds_organizations():
    """One page of the organizations behind active groups, as HSDS 3.0 organizations."""
    page, per_page, details = _page_params()
    if details:
        return _bad_page(details)
    return json_response(hsds.list_organizations(
        get_session(), base_url=current_app.config["BASE_URL"], page=page, per_page=per_page
    ))


@bp.get("/api/v1/hsds/organizations/<organization_id>")
def show_hsds_organization(organization_id: str):
    """One organization with its active groups as services, in HSDS 3.0 form."""
    organization = hsds.get_organization(
        get_session(), base_url=current_app.config["BASE_URL"], organization_id=organization_id
    )
    if organization is None:
        return json_error(404, "not_found", "No organization with active groups has this id.")
    return json_response(organization)
