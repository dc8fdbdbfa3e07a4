"""Searching the directory: rows become matching profiles here (and only here), each
process keeps one in-memory index per database, and a search turns SearchParams into one
page of ranked groups with the reasons, notices and relaxations to show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session

import matching
from directory.models import Group
from directory.search.group_rows import GroupRows, load_groups
from directory.search.index_cache import IndexCache
from directory.search.params import KM_PER_MILE, SearchParams
from directory.services.crisis import CrisisPlan, crisis_plan
from matching.query.understand import without_words
from matching.schedule import zone_country

log = logging.getLogger(__name__)

# Distances default to miles for seekers in these countries, kilometres elsewhere.
MILES_COUNTRIES = ("US", "GB")


@dataclass
class ResultItem:
    match: matching.Match
    group: Group


@dataclass
class RelaxationLink:
    label: str
    total: int
    params: SearchParams


@dataclass
class SearchOutcome:
    params: SearchParams
    items: list[ResultItem]
    total: int
    notices: list[tuple[str, str]] = field(default_factory=list)  # (param, message)
    relaxations: list[RelaxationLink] = field(default_factory=list)
    place: object | None = None  # places.Place
    place_alternatives: list = field(default_factory=list)
    seeker_tz: str | None = None  # the zone reasons are written in
    place_suggestions: list[str] = field(default_factory=list)  # when no place was found
    crisis: CrisisPlan | None = None  # the seeker's words signal a crisis (services.crisis)
    # What the search words were read as (matching's SearchResult.understood): filter words,
    # topics, the family viewpoint. Filter items carry `off`: the same search with the words
    # taken out of `q`, so the filter is no longer read from them (a chip's remove link).
    understood: list[dict] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.params.per_page))


PlaceResolver = Callable[[str], object]


def to_matching_query(params: SearchParams, *, lat: float | None, lon: float | None
                      ) -> matching.Query:
    """The matcher's query for a parsed search and a resolved place."""
    return matching.Query(
        text=params.q or None,
        topics=params.topic,
        lat=lat,
        lon=lon,
        radius_km=params.radius_km if lat is not None else None,
        formats=params.format,
        costs=params.cost,
        days=params.day,
        times=params.time,
        languages=params.lang,
        audience=params.audience,
        access=params.access,
        approaches=params.approach,
        welcome=params.welcome or None,
        tz=params.tz or None,
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
        units=params.units,
    )


def search_groups(
    session: Session,
    *,
    params: SearchParams,
    now: datetime,
    index_cache: IndexCache,
    resolve_place: PlaceResolver | None = None,
    timezone_at: Callable[[float, float], str | None] | None = None,
    raw_text: str | None = None,
    rows: GroupRows | None = None,
) -> SearchOutcome:
    """Run one search: resolve the place, rank with the matcher, fetch the page's groups.

    `raw_text` is the seeker's `q` before it was shortened: a crisis is looked for in all of
    it, and a crisis search is re-aimed at groups that help (services.crisis.crisis_plan).
    `rows` keeps the page's groups between searches (search.group_rows); without it they are
    read in `session`."""
    notices = [(p.param, p.message) for p in params.problems]
    lat, lon = params.lat, params.lon
    place = None
    alternatives: list = []
    suggestions: list[str] = []
    if params.near and resolve_place is not None:
        resolution = resolve_place(params.near)
        place = getattr(resolution, "place", None)
        alternatives = list(getattr(resolution, "alternatives", []) or [])
        if place is None:
            suggestions = list(getattr(resolution, "suggestions", []) or [])[:5]
        if place is None:
            message = getattr(resolution, "message", None) or (
                f"We couldn't find the place “{params.near}”; showing groups anywhere."
            )
            notices.append(("near", message))
        else:
            lat, lon = place.lat, place.lon
    elif params.near:
        notices.append(("near", "Place search is not available; showing groups anywhere."))

    # Times in reasons are the seeker's own: the zone they sent, else their place's zone.
    seeker_tz = params.tz or None
    if seeker_tz is None and place is not None:
        seeker_tz = place.timezone
    if seeker_tz is None and lat is not None and timezone_at is not None:
        seeker_tz = timezone_at(lat, lon)
    if "today" in params.day and seeker_tz is None:
        notices.append(("tz", "We don't know your time zone, so “today” is each meeting's own "
                              "today. Add a place to use yours."))
    country = place.country if place is not None else zone_country(seeker_tz)
    if not params.units_given and params.radius is None and country and \
            country not in MILES_COUNTRIES:
        params = replace(params, units="km")
    query = to_matching_query(params, lat=lat, lon=lon)
    query.tz = seeker_tz
    # --- crisis: the crisis words are not searched for; see services.crisis.crisis_plan ---
    plan = crisis_plan(raw_text if raw_text is not None else params.q, topics=params.topic)
    if plan is not None:
        query.text = plan.text or None
        if plan.topics is not None:
            query.topics = plan.topics
    # --- end crisis ---
    index = index_cache.get(session)
    result = index.search(query, now=now)
    notices.extend((n.param, n.message) for n in result.notices)
    ids = [m.group_id for m in result.matches]
    groups = (rows.groups(session, ids, version=index_cache.seen_version) if rows is not None
              else load_groups(session, ids))
    items = [ResultItem(m, groups[m.group_id]) for m in result.matches if m.group_id in groups]
    understood = [dict(item) for item in result.understood]
    for item in understood:
        if item.get("kind") == "filter":
            item["off"] = replace(params, q=without_words(params.q, item["words"]), page=1)
    relaxations = [_relaxation_link(params, r, understood) for r in result.relaxations
                   if plan is None or not _undoes_crisis_plan(r, plan)]
    return SearchOutcome(
        params=params, items=items, total=result.total, notices=_dedupe(notices),
        relaxations=relaxations, place=place, place_alternatives=alternatives,
        seeker_tz=seeker_tz, place_suggestions=suggestions, crisis=plan,
        understood=understood,
    )


def _undoes_crisis_plan(relaxation: matching.Relaxation, plan: CrisisPlan) -> bool:
    """A relaxation dropping the words or a topic the crisis plan chose: the seeker's own
    parameters hold neither, so its link would only repeat the search."""
    if relaxation.remove is None:
        return False
    name, value = relaxation.remove
    return name == "q" or (name == "topic" and bool(plan.topics_added)
                           and (value is None or value in plan.topics_added))


def _dedupe(notices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for notice in notices:
        if notice not in seen:
            seen.append(notice)
    return seen


def _relaxation_link(params: SearchParams, relaxation: matching.Relaxation,
                     understood: list[dict] = ()) -> RelaxationLink:  # type: ignore[assignment]
    if relaxation.radius_km is not None:
        factor = KM_PER_MILE if params.units == "mi" else 1.0
        changed = replace(params, radius=round(relaxation.radius_km / factor), page=1)
    elif relaxation.remove is not None:
        name, value = relaxation.remove  # matching names parameters as the URLs do
        changed = params.without(name, value)
        # A filter read from the words goes away with its words.
        q = params.q
        for item in understood:
            if item.get("kind") == "filter" and item["param"] == name and (
                    value is None or item["value"] == value):
                q = without_words(q, item["words"])
        if q != params.q:
            changed = replace(changed, q=q)
    else:
        changed = params
    return RelaxationLink(label=relaxation.label, total=relaxation.total, params=changed)

