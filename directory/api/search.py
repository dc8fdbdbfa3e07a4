"""The search API: the same parameters and query model as /groups, rendered as JSON."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, request

from directory import taxonomy
from directory.api.responses import json_error, json_response
from directory.db import get_session
from directory.feeds.group_json import group_to_json
from directory.i18n import labels
from directory.i18n.phrases import say, understood_label
from directory.i18n.text import gettext
from directory.listings import queries as listings
from directory.models import utcnow
from directory.search.params import KNOWN_PARAMS
from directory.services.crisis import crisis_plan
from directory.templating import where_line
from directory.web.search import (
    build_crisis_panel,
    crisis_panel,
    request_search_params,
    run_search,
)


def _query_json(params, outcome) -> dict:
    items = params.canonical_items()
    query: dict = {}
    for name, value in items:
        if name in ("topic", "format", "cost", "day", "time", "lang", "audience", "access",
                    "approach"):
            query.setdefault(name, []).append(value)
        elif name in ("lat", "lon", "radius"):
            query[name] = float(value)
        elif name in ("page", "per_page"):
            query[name] = int(value)
        else:
            query[name] = value
    query.setdefault("sort", params.sort)
    query.setdefault("page", params.page)
    query.setdefault("per_page", params.per_page)
    query.setdefault("units", params.units)
    query["radius_km"] = round(params.radius_km, 3) if (params.has_place) else None
    place = None
    if outcome.place is not None:
        p = outcome.place
        place = {
            "name": p.name, "label": p.label, "region": p.region, "country": p.country,
            "lat": p.lat, "lon": p.lon, "timezone": p.timezone, "kind": p.kind,
            "approximate": p.approximate,
            "alternatives": [
                {"name": a.name, "label": a.label, "region": a.region, "country": a.country,
                 "lat": a.lat, "lon": a.lon}
                for a in outcome.place_alternatives
            ],
        }
    query["place"] = place
    # What the words were read as; a filter item names the parameter and value it set.
    query["understood"] = [
        {k: (understood_label(item) if k == "label" else v) for k, v in item.items()
         if k != "off"}
        for item in outcome.understood
    ]
    return query


def search_groups_json():
    """Search as JSON; an invalid parameter value is a 400 naming each bad parameter. Valid
    values that others make moot (a radius with no place) are notices in a 200."""
    params = request_search_params()
    invalid = [p for p in params.problems if p.param in KNOWN_PARAMS and not p.adjusted]
    if invalid:
        plan = crisis_plan(request.args.get("q"), topics=params.topic)
        return json_error(  # a refused search whose words signal a crisis still says where help is
            400, "invalid_parameters", gettext("Some search parameters are not valid."),
            [{"param": p.param, "message": say(p.message)} for p in invalid],  # in `hl`
            extra={"crisis": build_crisis_panel(plan, params, seeker_tz=params.tz).to_json()}
            if plan is not None else None,
        )
    outcome = run_search(params)
    base = current_app.config["BASE_URL"]
    now = utcnow()
    results = [
        {
            "group": group_to_json(item.group, base_url=base, now=now),
            "score": round(item.match.score, 4),
            "components": {k: round(v, 4) for k, v in item.match.components.items()},
            "reasons": [say(reason) for reason in item.match.reasons],  # in `hl`
            "distance_km": (round(item.match.distance_km, 2)
                            if item.match.distance_km is not None else None),
            "next_meeting": item.match.next_meeting.isoformat()
            if item.match.next_meeting else None,
            "in_progress": item.match.in_progress,
            "where": where_line(item.group, item.match),  # in `hl`
            "away": bool(item.match.away),
        }
        for item in outcome.items
    ]
    body = {
        "query": _query_json(params, outcome),
        "total": outcome.total,
        "page": params.page,
        "per_page": params.per_page,
        "pages": outcome.pages,
        "results": results,
        "notices": [{"param": p, "message": say(m)} for p, m in outcome.notices],
        "relaxations": [
            {"label": say(r.label), "total": r.total,
             "url": f"{base}/api/v1/groups?{urlencode(r.params.canonical_items())}"}
            for r in outcome.relaxations
        ],
    }
    panel = crisis_panel(outcome)
    if panel is not None:  # only for a search whose words signal a crisis (PRODUCT.md)
        body["crisis"] = panel.to_json()
    return json_response(body)


def show_group_json(slug: str):
    """One active group as JSON, or 404."""
    group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        return json_error(404, "not_found", gettext(
            "No active group has the slug “%(slug)s”.", slug=slug[:80]))
    return json_response(group_to_json(group, base_url=current_app.config["BASE_URL"],
                                       now=utcnow()))


def list_topics_json():
    """The topic taxonomy with labels, parents and everyday phrases, and the vocabularies
    (labels in `hl`, codes and the matching's English phrases as they are)."""
    return json_response({
        "topics": [
            {"code": t.code, "label": labels.topic_label(t.code), "parent": t.parent,
             "children": list(taxonomy.children_of(t.code)), "phrases": list(t.phrases)}
            for t in taxonomy.TOPIC_LIST
        ],
        "vocabularies": {
            name: [{"code": code, "label": labels.vocabulary_label(name, code)}
                   for code in vocabulary]
            for name, vocabulary in taxonomy.VOCABULARIES.items()
        },
    })
