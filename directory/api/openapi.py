"""The OpenAPI 3.1 description of the public API, built from the same vocabularies."""

from __future__ import annotations

from typing import Any

from flask import current_app

from directory import taxonomy
from directory.api import bp
from directory.api.responses import json_response

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_NUMBER = {"type": ["number", "null"]}


def _codes(values) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def _repeatable(name: str, values, description: str) -> dict[str, Any]:
    return {
        "name": name, "in": "query", "required": False, "style": "form", "explode": True,
        "description": description + " Repeatable.",
        "schema": {"type": "array", "items": _codes(values), "maxItems": 20},
    }


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


SEARCH_PARAMETERS = [
    _query("q", {"type": "string", "maxLength": 200},
           "Words in the seeker's own language (typos and everyday phrases are understood)."),
    _repeatable("topic", [t.code for t in taxonomy.TOPIC_LIST],
                "Topic code; a parent topic matches its children."),
    _query("near", {"type": "string", "maxLength": 120},
           "A place: city, region, ZIP or postcode. Alternative to lat+lon."),
    _query("lat", {"type": "number", "minimum": -90, "maximum": 90}, "Latitude (with lon)."),
    _query("lon", {"type": "number", "minimum": -180, "maximum": 180}, "Longitude (with lat)."),
    _query("radius", {"type": "number", "exclusiveMinimum": 0, "maximum": 1000},
           "Radius around the place, in `units` (needs a place)."),
    _query("units", _codes(["mi", "km"]), "Units of radius and distances shown (mi default)."),
    _repeatable("format", taxonomy.FORMATS, "Meeting format."),
    _repeatable("cost", taxonomy.COSTS, "Cost."),
    _repeatable("day", taxonomy.WEEKDAYS, "Day of the week, local to the meeting."),
    _repeatable("time", taxonomy.TIMES_OF_DAY,
                "Time of day local to the meeting: morning 05–12, afternoon 12–17, "
                "evening 17–21, night 21–05."),
    {
        "name": "lang", "in": "query", "required": False, "style": "form", "explode": True,
        "description": "ISO 639-1 language code. Repeatable.",
        "schema": {"type": "array", "maxItems": 20,
                   "items": {"type": "string", "pattern": "^[a-z]{2}$"}},
    },
    _repeatable("audience", taxonomy.AUDIENCES, "Who the group is for."),
    _repeatable("access", taxonomy.ACCESS, "Accessibility; every one asked for is required."),
    _repeatable("approach", taxonomy.APPROACHES, "Approach."),
    _query("welcome", _codes(taxonomy.WELCOME), "open or closed meetings."),
    _query("tz", {"type": "string", "maxLength": 64},
           "The seeker's IANA time zone, for reasons such as 'tonight 7:00 pm'."),
    _query("sort", _codes(taxonomy.SORTS), "best (default), distance, soonest or recent."),
    _query("page", {"type": "integer", "minimum": 1, "maximum": 10000}, "1-based page."),
    _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100},
           "Results per page (default 20)."),
]

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["param", "message"],
                        "properties": {"param": {"type": "string"},
                                       "message": {"type": "string"}},
                    },
                },
            },
        }
    },
}

MEETING = {
    "type": "object",
    "required": ["weekday", "start_time", "timezone", "recurrence", "next_occurrence",
                 "in_progress", "attendance"],
    "properties": {
        "weekday": _codes(taxonomy.WEEKDAYS),
        "start_time": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
        "end_time": NULLABLE_STRING,
        "timezone": {"type": "string", "description": "IANA zone name"},
        "recurrence": {"type": "string", "pattern": "^(weekly|monthly:(-1|[1-5])(,(-1|[1-5]))*)$"},
        "starts_on": {"type": ["string", "null"], "format": "date"},
        "ends_on": {"type": ["string", "null"], "format": "date"},
        "next_occurrence": {"type": ["string", "null"], "format": "date-time",
                            "description": "ISO 8601 with the meeting zone's offset"},
        "in_progress": {"type": "boolean"},
        "attendance": {"type": "string", "enum": ["in-person", "online", "hybrid", "inactive"],
                       "description": "how this meeting is attended (inactive: temporarily "
                                      "closed, no next occurrence)"},
        "location": {"type": ["object", "null"]},
        "online": {"type": ["object", "null"]},
        "name": {"type": ["string", "null"],
                 "description": "the meeting's own name, where its data source gives one"},
        "notes": NULLABLE_STRING,
        "location_notes": NULLABLE_STRING,
        "source_slug": {"type": ["string", "null"],
                        "description": "the data source's own id (slug) of this meeting"},
        "source_types": {"type": "array", "items": {"type": "string"},
                         "description": "the data source's own type codes"},
        "regions": {"type": "array", "items": {"type": "string"}},
    },
}

SOURCE = {
    "type": ["object", "null"],
    "description": "Where the listing came from (null: entered in Circles).",
    "required": ["name", "last_confirmed"],
    "properties": {
        "name": {"type": "string", "description": "the data source's name"},
        "source_id": {"type": ["string", "null"], "description": "the source's id for it"},
        "last_confirmed": {"type": ["string", "null"], "format": "date",
                           "description": "when the source last confirmed the listing (its "
                                          "own `updated` date)"},
        "last_synced": {"type": ["string", "null"], "format": "date-time"},
        "withdrawn": {"type": "boolean",
                      "description": "gone from the source's feed (not listed in search)"},
    },
}

GROUP = {
    "type": "object",
    "required": ["slug", "name", "url", "topics", "format", "cost", "meetings"],
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "url": {"type": "string"},
        "calendar_url": {"type": "string"},
        "description": {"type": "string"},
        "organization": {"type": ["object", "null"]},
        "topics": {"type": "array", "items": {
            "type": "object", "required": ["code", "label"],
            "properties": {"code": {"type": "string"}, "label": {"type": "string"}}}},
        "approach": NULLABLE_STRING,
        "format": _codes(taxonomy.FORMATS),
        "cost": _codes(taxonomy.COSTS),
        "fee": {"type": ["object", "null"]},
        "languages": {"type": "array", "items": {"type": "string"}},
        "audience": {"type": "array", "items": {"type": "string"}},
        "access": {"type": "array", "items": {"type": "string"}},
        "welcome": NULLABLE_STRING,
        "registration_required": {"type": "boolean"},
        "accepting_new_members": {"type": "boolean"},
        "facilitation": NULLABLE_STRING,
        "contact": {"type": "object"},
        "website": NULLABLE_STRING,
        "last_verified": {"type": ["string", "null"], "format": "date"},
        "stale": {"type": "boolean"},
        "updated_at": NULLABLE_STRING,
        "source": SOURCE,
        "meetings": {"type": "array", "items": {"$ref": "#/components/schemas/Meeting"}},
    },
}

SEARCH_RESULT = {
    "type": "object",
    "required": ["query", "total", "page", "results", "notices"],
    "properties": {
        "query": {"type": "object", "required": ["place"],
                  "properties": {"place": {"type": ["object", "null"]}}},
        "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
        "pages": {"type": "integer", "minimum": 1},
        "results": {"type": "array", "items": {
            "type": "object",
            "required": ["group", "score", "components", "reasons", "distance_km",
                         "next_meeting"],
            "properties": {
                "group": {"$ref": "#/components/schemas/Group"},
                "score": {"type": "number", "minimum": 0, "maximum": 1},
                "components": {"type": "object",
                               "additionalProperties": {"type": "number", "minimum": 0,
                                                        "maximum": 1}},
                "reasons": {"type": "array", "items": {"type": "string"}},
                "distance_km": NULLABLE_NUMBER,
                "next_meeting": {"type": ["string", "null"], "format": "date-time"},
                "in_progress": {"type": "boolean"},
            },
        }},
        "notices": {"type": "array", "items": {
            "type": "object", "required": ["param", "message"],
            "properties": {"param": {"type": "string"}, "message": {"type": "string"}}}},
        "relaxations": {"type": "array", "items": {"type": "object"}},
    },
}

HSDS_PAGE = {
    "type": "object",
    "required": ["total_items", "total_pages", "page_number", "size", "contents"],
    "properties": {
        "total_items": {"type": "integer"}, "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"}, "size": {"type": "integer"},
        "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array", "items": {"type": "object"}},
    },
}


def _json(schema_ref: str | dict[str, Any], description: str) -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{schema_ref}"} if isinstance(schema_ref, str) \
        else schema_ref
    return {"description": description, "content": {"application/json": {"schema": schema}}}


BAD_REQUEST = _json("Error", "Invalid parameters; `details` names each one.")
NOT_FOUND = _json("Error", "No such active group.")
NOT_MODIFIED = {"description": "Not modified (the ETag matched)."}
PAGING = [
    _query("page", {"type": "integer", "minimum": 1}, "1-based page (HSDS `page`)."),
    _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}, "Items per page."),
]


def openapi_document(base_url: str) -> dict[str, Any]:
    """The API description, with the server set to BASE_URL."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Circles API",
            "version": "1.0.0",
            "description": "Search peer-support groups with the same parameters as the "
                           "/groups page, and take the directory with you as Meeting Guide "
                           "and HSDS 3.0 feeds.",
        },
        "servers": [{"url": base_url}],
        "paths": {
            "/api/v1/groups": {"get": {
                "operationId": "searchGroups",
                "summary": "Search groups",
                "parameters": SEARCH_PARAMETERS,
                "responses": {"200": _json("SearchResult", "One page of ranked groups."),
                              "304": NOT_MODIFIED, "400": BAD_REQUEST},
            }},
            "/api/v1/groups/{slug}": {"get": {
                "operationId": "getGroup",
                "summary": "One group",
                "parameters": [{"name": "slug", "in": "path", "required": True,
                                "schema": {"type": "string", "maxLength": 80}}],
                "responses": {"200": _json("Group", "The group."), "304": NOT_MODIFIED,
                              "404": NOT_FOUND},
            }},
            "/api/v1/topics": {"get": {
                "operationId": "listTopics",
                "summary": "The topic taxonomy and vocabularies",
                "responses": {"200": _json({"type": "object", "required": ["topics"]},
                                           "Topics with labels and phrases."),
                              "304": NOT_MODIFIED},
            }},
            "/api/v1/meeting-guide.json": {"get": {
                "operationId": "meetingGuideFeed",
                "summary": "Meeting Guide feed: one entry per weekly meeting",
                "responses": {"200": _json({"type": "array", "items": {"type": "object",
                                            "required": ["name", "slug"]}},
                                           "The feed."),
                              "304": NOT_MODIFIED},
            }},
            "/api/v1/hsds/services": {"get": {
                "operationId": "listHsdsServices", "summary": "HSDS 3.0 services",
                "parameters": PAGING,
                "responses": {"200": _json(HSDS_PAGE, "A page of services."),
                              "304": NOT_MODIFIED, "400": BAD_REQUEST},
            }},
            "/api/v1/hsds/services/{id}": {"get": {
                "operationId": "getHsdsService", "summary": "One HSDS 3.0 service",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string", "maxLength": 64}}],
                "responses": {"200": _json({"type": "object"}, "The service."),
                              "304": NOT_MODIFIED, "404": NOT_FOUND},
            }},
            "/api/v1/hsds/organizations": {"get": {
                "operationId": "listHsdsOrganizations", "summary": "HSDS 3.0 organizations",
                "parameters": PAGING,
                "responses": {"200": _json(HSDS_PAGE, "A page of organizations."),
                              "304": NOT_MODIFIED, "400": BAD_REQUEST},
            }},
            "/api/v1/hsds/organizations/{id}": {"get": {
                "operationId": "getHsdsOrganization", "summary": "One HSDS 3.0 organization",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string", "maxLength": 64}}],
                "responses": {"200": _json({"type": "object"}, "The organization."),
                              "304": NOT_MODIFIED, "404": NOT_FOUND},
            }},
        },
        "components": {"schemas": {"Error": ERROR, "Group": GROUP, "Meeting": MEETING,
                                   "SearchResult": SEARCH_RESULT}},
    }


@bp.get("/api/v1/openapi.json")
def show_openapi():
    """The OpenAPI 3.1 description of this API."""
    return json_response(openapi_document(current_app.config["BASE_URL"]))
