"""The OpenAPI 3.1 description of the public API, built from the same vocabularies."""

from __future__ import annotations

from typing import Any

from flask import current_app

from directory import taxonomy
from directory.api.responses import json_response
from directory.listings.fields import iana_zones, is_iana_zone

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_NUMBER = {"type": ["number", "null"]}


def _codes(values) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def _repeatable(name: str, values, description: str) -> dict[str, Any]:
    return {
        "name": name, "in": "query", "required": False, "style": "form", "explode": True,
        "description": description + " Repeatable (repeats are read once; past 20 "
                       "values the rest are ignored with a notice).",
        "schema": {"type": "array", "items": _codes(values)},
    }


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


# Every zone the server knows, as the `tz` parameter accepts them.
IANA_ZONES = sorted(z for z in iana_zones() | {"UTC"} if is_iana_zone(z))

SEARCH_PARAMETERS = [
    _query("q", {"type": "string", "maxLength": 200},
           "Words in the seeker's own language (typos and everyday phrases are understood)."),
    _repeatable("topic", [t.code for t in taxonomy.TOPIC_LIST],
                "Topic code; a parent topic matches its children."),
    _query("near", {"type": "string", "maxLength": 120},
           "A place: city, region, ZIP or postcode. Alternative to lat+lon."),
    _query("lat", {"type": "number", "minimum": -90, "maximum": 90},
           "Latitude, with lon (one without the other is ignored with a notice; with "
           "`near` the coordinates are used)."),
    _query("lon", {"type": "number", "minimum": -180, "maximum": 180}, "Longitude (with lat)."),
    _query("radius", {"type": "number", "exclusiveMinimum": 0, "maximum": 1000},
           "Radius around the place, in `units` (at most 1000 km, 621 mi). Without a "
           "place it is ignored with a notice."),
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
        "schema": {"type": "array",
                   "items": {"type": "string", "pattern": "^[a-z]{2}$"}},
    },
    _repeatable("audience", taxonomy.AUDIENCES, "Who the group is for."),
    _repeatable("access", taxonomy.ACCESS, "Accessibility; every one asked for is required."),
    _repeatable("approach", taxonomy.APPROACHES, "Approach."),
    _query("welcome", _codes(taxonomy.WELCOME), "open or closed meetings."),
    _query("tz", {"type": "string", "enum": IANA_ZONES},
           "The seeker's IANA time zone, for reasons such as 'tonight 7:00 pm'."),
    _query("sort", _codes(taxonomy.SORTS), "best (default), distance, soonest or recent."),
    _query("hl", {"type": "string", "examples": ["en", "es", "fr"]},
           "Language of every human-readable string in the answer (reasons, `where`, "
           "labels, notices, error messages; codes stay codes): en, es or fr (a regional "
           "tag such as es-MX is read as its language); English without it or for any "
           "other value, never an error. The "
           "`crisis` message is written in it (else Accept-Language, else the language of "
           "the search words)."),
    _query("page", {"type": "integer", "minimum": 1, "maximum": 10000}, "1-based page."),
    _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100},
           "Results per page (default 20)."),
]
# As on the /groups page (whose form sends empty fields), an empty value means "not given".
for _parameter in SEARCH_PARAMETERS:
    _parameter["allowEmptyValue"] = True

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
        },
        "crisis": {"$ref": "#/components/schemas/Crisis"},
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

APPOINTMENT = {
    "type": "object",
    "description": "A meeting by appointment: no day or time; the seeker arranges one with "
                   "the group (contact details on the group).",
    "required": ["timezone", "attendance"],
    "properties": {
        "timezone": {"type": "string", "description": "IANA zone name"},
        "attendance": {"type": "string", "enum": ["in-person", "online", "hybrid", "inactive"]},
        "location": {"type": ["object", "null"]},
        "online": {"type": ["object", "null"]},
        "name": NULLABLE_STRING,
        "notes": NULLABLE_STRING,
        "location_notes": NULLABLE_STRING,
        "source_slug": NULLABLE_STRING,
        "source_types": {"type": "array", "items": {"type": "string"}},
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
        "appointments": {"type": "array",
                         "items": {"$ref": "#/components/schemas/Appointment"}},
    },
}

SEARCH_RESULT = {
    "type": "object",
    "required": ["query", "total", "page", "results", "notices"],
    "properties": {
        "query": {"type": "object", "required": ["place", "understood"],
                  "properties": {
                      "place": {"type": ["object", "null"]},
                      "understood": {
                          "type": "array",
                          "description": "What the search words were read as: filter words "
                                         "(kind filter, with param, value and words), topics "
                                         "(kind topic, with topic), approaches named "
                                         "programmes follow (kind approach: a preference, "
                                         "not a filter) and the family viewpoint "
                                         "(kind family).",
                          "items": {
                              "type": "object", "required": ["kind", "words", "label"],
                              "properties": {
                                  "kind": {"type": "string",
                                           "enum": ["filter", "topic", "approach",
                                                    "family", "adult-child"]},
                                  "words": {"type": "string"},
                                  "label": {"type": "string"},
                                  "param": {"type": "string"},
                                  "value": {"type": "string"},
                                  "topic": {"type": "string"},
                              }}}}},
        "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
        "pages": {"type": "integer", "minimum": 1},
        "results": {"type": "array", "items": {
            "type": "object",
            "required": ["group", "score", "components", "reasons", "distance_km",
                         "next_meeting", "where", "away"],
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
                "where": {"type": ["string", "null"], "description": (
                    "Where the group meets, as its result card says: the venue and city of "
                    "the meeting shown (\"Harbor Lane Hall, Portland\"), city and country "
                    "when `away` (\"London, UK\"), or \"Online\" / \"By phone\" — in `hl`; "
                    "null for an in-person group without a place.")},
                "away": {"type": "boolean", "description": (
                    "True for an in-person group outside the seeker's region, with no place "
                    "given and the seeker's zone known (`tz`): it ranks after online groups "
                    "and groups nearby, and its card says so.")},
            },
        }},
        "notices": {"type": "array", "items": {
            "type": "object", "required": ["param", "message"],
            "properties": {"param": {"type": "string"}, "message": {"type": "string"}}}},
        "relaxations": {"type": "array", "items": {"type": "object"}},
        "crisis": {"$ref": "#/components/schemas/Crisis"},
    },
}

# Present only when the search text signals a crisis (PRODUCT.md, "Public URLs").
CRISIS = {
    "type": "object",
    "description": "Crisis support to show before any group: the search words signal "
                   "thoughts of suicide or self-harm, an overdose, or abuse happening now.",
    "required": ["message", "lines"],
    "properties": {
        "message": {"type": "string"},
        "kind": {"type": "string", "enum": ["suicide", "self-harm", "overdose", "abuse"]},
        "language": {"type": "string", "enum": ["en", "es", "fr"]},
        "country": {"type": ["string", "null"],
                    "description": "ISO country the lines are for; null: international"},
        "lines": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "country", "phone", "sms", "url"],
            "properties": {
                "name": {"type": "string"},
                "country": NULLABLE_STRING,
                "phone": {"type": ["string", "null"], "description": "dial it as tel:"},
                "sms": {"type": ["string", "null"], "description": "text it as sms:"},
                "url": {"type": ["string", "null"], "format": "uri"},
            },
        }},
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
BAD_PATH = _json("Error", "The path holds a control character (NUL, CR or LF).")
NOT_MODIFIED = {"description": "Not modified (the ETag matched)."}
PAGING = [
    _query("page", {"type": "integer", "minimum": 1, "maximum": 100000},
           "1-based page (HSDS `page`)."),
    _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100},
           "Items per page (default 20)."),
    _query("format", {"type": "string", "enum": ["json"]},
           "Response format; only `json` is offered."),
]
# One to 50 UUIDs (hex, hyphens optional), separated by commas.
_UUID = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
UUID_LIST = {"type": "string", "maxLength": 2000,
             "pattern": f"^{_UUID}(,{_UUID}){{0,49}}$"}
# Text without control characters (the API answers 400 to them).
PLAIN_TEXT = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
# A path segment without NUL, CR or LF (refused with 400 before routing).
PATH_SEGMENT = "^[^\\u0000\\r\\n]+$"
HSDS_SEARCH = _query("search", {"type": "string", "maxLength": 200, "pattern": PLAIN_TEXT},
                     "Words that must all appear (case-insensitive) in the name or description "
                     "(or, for services, the organization's name).")
HSDS_FILTERS = [
    HSDS_SEARCH,
    _query("taxonomy_term_id", UUID_LIST,
           "Services tagged with this taxonomy term (a parent topic covers its children); "
           "several ids separated by commas match any of them."),
    _query("taxonomy_id", UUID_LIST, "Services with any term of this taxonomy."),
    _query("organization_id", UUID_LIST, "Services this organization provides."),
    _query("modified_after", {"type": "string", "anyOf": [{"format": "date"},
                                                           {"format": "date-time"}]},
           "Services changed on or after this ISO 8601 date or date-time (UTC unless an "
           "offset is given)."),
    _query("full", {"type": "boolean"}, "Fully nested services (default: one-to-one fields)."),
]
FULL_SERVICE = _query("full_service", {"type": "boolean"},
                      "Nest each organization's services in full.")


def _hsds_list(operation_id: str, summary: str, parameters: list) -> dict[str, Any]:
    return {"get": {
        "operationId": operation_id, "summary": summary, "parameters": parameters,
        "responses": {"200": _json(HSDS_PAGE, "One page (HSDS paginated shape)."),
                      "304": NOT_MODIFIED, "400": BAD_REQUEST},
    }}


def _hsds_item(operation_id: str, summary: str, parameters: list | None = None) -> dict:
    return {"get": {
        "operationId": operation_id, "summary": summary,
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "schema": {"type": "string", "maxLength": 64,
                                   "pattern": PATH_SEGMENT}}, *(parameters or [])],
        "responses": {"200": _json({"type": "object", "required": ["id"]}, summary + "."),
                      "304": NOT_MODIFIED, "400": BAD_REQUEST,
                      "404": _json("Error", "No such id.")},
    }}


HSDS_PATHS: dict[str, Any] = {
    "/api/v1/hsds/": {"get": {
        "operationId": "getHsdsApiMetaInformation",
        "summary": "HSDS version, profile and this description",
        "responses": {"200": _json({
            "type": "object", "required": ["version", "profile", "openapi_url"],
            "properties": {"version": {"type": "string"}, "profile": {"type": "string"},
                           "openapi_url": {"type": "string"}}}, "About this HSDS API."),
            "304": NOT_MODIFIED, "400": BAD_REQUEST},
    }},
    "/api/v1/hsds/services": _hsds_list("listHsdsServices", "HSDS 3.0 services",
                                        [*HSDS_FILTERS, *PAGING]),
    "/api/v1/hsds/services/{id}": _hsds_item("getHsdsService", "One fully nested service"),
    "/api/v1/hsds/organizations": _hsds_list("listHsdsOrganizations", "HSDS 3.0 organizations",
                                             [HSDS_SEARCH, FULL_SERVICE, *PAGING]),
    "/api/v1/hsds/organizations/{id}": _hsds_item(
        "getHsdsOrganization", "One organization with its services", [FULL_SERVICE]),
    "/api/v1/hsds/service_at_locations": _hsds_list(
        "listHsdsServiceAtLocations", "Where services meet (physical and virtual places)",
        [*HSDS_FILTERS, *PAGING]),
    "/api/v1/hsds/service_at_locations/{id}": _hsds_item(
        "getHsdsServiceAtLocation", "One fully nested service_at_location"),
    "/api/v1/hsds/taxonomies": _hsds_list("listHsdsTaxonomies", "HSDS taxonomies",
                                          [HSDS_SEARCH, *PAGING]),
    "/api/v1/hsds/taxonomies/{id}": _hsds_item("getHsdsTaxonomy", "One taxonomy"),
    "/api/v1/hsds/taxonomy_terms": _hsds_list("listHsdsTaxonomyTerms", "HSDS taxonomy terms", [
        HSDS_SEARCH,
        _query("taxonomy_id", UUID_LIST, "Terms of this taxonomy."),
        _query("top_only", {"type": "boolean"}, "Only terms without a parent."),
        _query("parent_id", UUID_LIST, "Only children of this term."),
        *PAGING,
    ]),
    "/api/v1/hsds/taxonomy_terms/{id}": _hsds_item("getHsdsTaxonomyTerm",
                                                   "One taxonomy term, with its taxonomy"),
}


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
                                "schema": {"type": "string", "maxLength": 80,
                                           "pattern": PATH_SEGMENT}}],
                "responses": {"200": _json("Group", "The group."), "304": NOT_MODIFIED,
                              "400": BAD_PATH, "404": NOT_FOUND},
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
                "responses": {"200": _json({"type": "array", "items": {
                    "type": "object",
                    "required": ["name", "slug", "day", "time", "timezone", "attendance_option"],
                    "properties": {
                        "slug": {"type": "string", "maxLength": 64,
                                 "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                        "attendance_option": {"type": "string", "enum": [
                            "in_person", "hybrid", "online", "inactive"]},
                        "approximate": {"type": "string", "enum": ["yes", "no"]},
                        "conference_phone": {"type": "string", "pattern": "^[+]?[0-9,*#]+$"},
                    }}}, "The feed: every entry follows the code4recovery spec."),
                              "304": NOT_MODIFIED},
            }},
            **HSDS_PATHS,
        },
        "components": {"schemas": {"Error": ERROR, "Group": GROUP, "Meeting": MEETING,
                                   "Appointment": APPOINTMENT,
                                   "SearchResult": SEARCH_RESULT, "Crisis": CRISIS}},
    }


def show_openapi():
    """The OpenAPI 3.1 description of this API."""
    return json_response(openapi_document(current_app.config["BASE_URL"]))
