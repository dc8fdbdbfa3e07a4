"""API views."""

from __future__ import annotations

from flask import current_app, jsonify, request

from directory.api.responses import json_error, json_response
from directory.appservices import get_services
from directory.db import get_session
from directory.feeds import hsds, meeting_guide
from directory.i18n import problems
from directory.i18n.text import gettext as _
from directory.listings.queries import database_is_reachable
from directory.models import utcnow


def check_health():
    """Liveness plus a database round trip: 200 "ok" when healthy; 200 "degraded" while the
    database is down but the read path answers from the snapshot; 503 when it cannot."""
    services = get_services()
    health = services.database
    if not health.is_down() and database_is_reachable(get_session()):
        if health.was_down:
            health.mark_up()
        return jsonify({"status": "ok", "database": "ok"})
    health.mark_down()
    store = services.index.snapshot
    info = store.info() if store is not None else None
    if info is not None:
        age = max(0, int((utcnow().replace(tzinfo=None) - info.written_at).total_seconds()))
        return jsonify({"status": "degraded", "database": "unreachable", "serving": "snapshot",
                        "snapshot_version": info.version, "snapshot_age_s": age})
    response = jsonify({"status": "unavailable", "database": "unreachable"})
    response.status_code = 503
    response.headers["Retry-After"] = "30"
    return response


def show_meeting_guide_feed():
    """Every weekly meeting of the active groups as a Meeting Guide JSON feed."""
    feed = meeting_guide.meeting_guide_feed(
        get_session(), base_url=current_app.config["BASE_URL"], today=utcnow().date()
    )
    return json_response(feed)


def _hsds_ids() -> hsds.IdCache:
    return current_app.extensions.setdefault("circles_hsds_ids", hsds.IdCache())


def _hsds_query(endpoint: str):
    """The request's HSDS query, or a 400 naming each bad or unknown parameter."""
    query, details = hsds.parse_query(
        request.args.to_dict(flat=False), endpoint=endpoint,
        per_page=current_app.config["PER_PAGE"], max_per_page=current_app.config["MAX_PER_PAGE"],
    )
    if details:  # said in `hl` (the codes and parameter names stay as they are)
        return None, json_error(400, "invalid_parameter", _("Invalid query parameters."), [
            {"param": d["param"], "message": problems.render(d["message"])} for d in details])
    return query, None


def _base_url() -> str:
    return current_app.config["BASE_URL"]


def show_hsds_root():
    """The HSDS API's root: its HSDS version, profile and OpenAPI description."""
    _query, error = _hsds_query("item")
    return error or json_response(hsds.api_root(base_url=_base_url()))


def list_hsds_services():
    """One page of active groups as HSDS 3.0 services, filtered by the HSDS parameters."""
    query, error = _hsds_query("services")
    if error:
        return error
    return json_response(hsds.list_services(
        get_session(), base_url=_base_url(), query=query, ids=_hsds_ids()))


def show_hsds_service(service_id: str):
    """One active group as a fully nested HSDS 3.0 service."""
    _query, error = _hsds_query("item")
    if error:
        return error
    service = hsds.get_service(
        get_session(), base_url=_base_url(), service_id=service_id, ids=_hsds_ids())
    if service is None:
        return json_error(404, "not_found", _("No active service has this id."))
    return json_response(service)


def list_hsds_organizations():
    """One page of the organizations behind active groups, as HSDS 3.0 organizations."""
    query, error = _hsds_query("organizations")
    if error:
        return error
    return json_response(hsds.list_organizations(get_session(), base_url=_base_url(),
                                                 query=query))


def show_hsds_organization(organization_id: str):
    """One organization with its active groups as services, in HSDS 3.0 form."""
    query, error = _hsds_query("organization")
    if error:
        return error
    organization = hsds.get_organization(
        get_session(), base_url=_base_url(), organization_id=organization_id,
        full_service=query.full_service, ids=_hsds_ids(),
    )
    if organization is None:
        return json_error(404, "not_found",
                          _("No organization with active groups has this id."))
    return json_response(organization)


def list_hsds_service_at_locations():
    """One page of the places where active groups meet, as HSDS service_at_locations."""
    query, error = _hsds_query("service_at_locations")
    if error:
        return error
    return json_response(hsds.list_service_at_locations(
        get_session(), base_url=_base_url(), query=query, ids=_hsds_ids()))


def show_hsds_service_at_location(sal_id: str):
    """One place of an active group, fully nested."""
    _query, error = _hsds_query("item")
    if error:
        return error
    found = hsds.get_service_at_location(
        get_session(), base_url=_base_url(), sal_id=sal_id, ids=_hsds_ids())
    if found is None:
        return json_error(404, "not_found", _("No service_at_location of an active group "
                                              "has this id."))
    return json_response(found)


def list_hsds_taxonomies():
    """Our vocabularies as HSDS taxonomies (topics, approaches)."""
    query, error = _hsds_query("taxonomies")
    return error or json_response(hsds.list_taxonomies(query))


def show_hsds_taxonomy(taxonomy_id: str):
    """One HSDS taxonomy."""
    _query, error = _hsds_query("item")
    if error:
        return error
    found = hsds.get_taxonomy(taxonomy_id)
    if found is None:
        return json_error(404, "not_found", _("No taxonomy has this id."))
    return json_response(found)


def list_hsds_taxonomy_terms():
    """The terms of our taxonomies, filtered by the HSDS parameters."""
    query, error = _hsds_query("taxonomy_terms")
    return error or json_response(hsds.list_taxonomy_terms(query))


def show_hsds_taxonomy_term(term_id: str):
    """One HSDS taxonomy term, with its taxonomy."""
    _query, error = _hsds_query("item")
    if error:
        return error
    found = hsds.get_taxonomy_term(term_id)
    if found is None:
        return json_error(404, "not_found", _("No taxonomy term has this id."))
    return json_response(found)
