"""Searching the directory: rows become matching profiles here (and only here), each
process keeps one in-memory index per database, and a search turns SearchParams into one
page of ranked groups with the reasons, notices and relaxations to show.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session, select

import matching
from directory import taxonomy
from directory.models import Group, Meeting
from directory.services.catalog import current_catalog_version
from directory.services.listings import PUBLIC_STATUSES, group_with_meetings
from directory.services.search_params import KM_PER_MILE, SearchParams

FEW_RESULTS = 5


def meeting_to_profile(meeting: Meeting, group_format: str) -> matching.MeetingProfile:
    """One stored meeting as the matcher sees it."""
    location = meeting.location
    return matching.MeetingProfile(
        weekday=meeting.weekday,
        start=meeting.start_time,
        end=meeting.end_time,
        timezone=meeting.timezone,
        recurrence=meeting.recurrence,
        starts_on=meeting.starts_on,
        ends_on=meeting.ends_on,
        online=location is None or group_format in ("online", "phone"),
        lat=location.latitude if location else None,
        lon=location.longitude if location else None,
    )


def group_to_profile(group: Group) -> matching.GroupProfile:
    """The one place a stored group becomes a matching profile."""
    meetings = tuple(meeting_to_profile(m, group.format) for m in group.meetings)
    lat = lon = None
    if group.format in ("in-person", "hybrid"):
        placed = [m for m in meetings if m.lat is not None and m.lon is not None]
        if placed:
            lat, lon = placed[0].lat, placed[0].lon
    return matching.GroupProfile(
        id=group.id,
        slug=group.slug,
        name=group.name,
        organization=group.organization.name if group.organization else "",
        description=group.description,
        topics=tuple(group.topics),
        approach=group.approach,
        format=group.format,
        cost=group.cost,
        languages=tuple(group.languages) or ("en",),
        audience=tuple(group.audience) or ("everyone",),
        access=tuple(group.access),
        welcome=group.welcome,
        last_verified=group.last_verified_at.date() if group.last_verified_at else None,
        updated=group.updated_at,
        accepting_new_members=group.accepting_new_members,
        meetings=meetings,
        lat=lat,
        lon=lon,
    )


def load_profiles(session: Session) -> list[matching.GroupProfile]:
    """Every public group as a profile, in id order."""
    groups = session.exec(
        select(Group)
        .where(Group.status.in_(PUBLIC_STATUSES))
        .options(*group_with_meetings())
        .order_by(Group.id)
    ).all()
    return [group_to_profile(g) for g in groups]


_TAXONOMY: matching.Taxonomy | None = None


def matching_taxonomy() -> matching.Taxonomy:
    """The directory's topic taxonomy in the matcher's form (built once per process)."""
    global _TAXONOMY
    if _TAXONOMY is None:
        _TAXONOMY = matching.Taxonomy.from_topics(
            [(t.code, t.label, t.parent, t.phrases) for t in taxonomy.TOPIC_LIST]
        )
    return _TAXONOMY


class IndexCache:
    """One matching index per process and database, rebuilt when the catalog version moves.

    Each search costs one cheap query for the version; a change made by any worker or host
    is seen by every other one on its next request.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._index: matching.Index | None = None

    def get(self, session: Session) -> matching.Index:
        """The index for the database's current catalog version."""
        version = current_catalog_version(session)
        if self._index is not None and self._version == version:
            return self._index
        with self._lock:
            if self._index is None or self._version != version:
                self._index = matching.Index.build(load_profiles(session), matching_taxonomy())
                self._version = version
            return self._index


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
    place: object | None = None  # directory.services.places.Place
    place_alternatives: list = field(default_factory=list)
    seeker_tz: str | None = None  # the zone reasons are written in
    place_suggestions: list[str] = field(default_factory=list)  # when no place was found

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
) -> SearchOutcome:
    """Run one search: resolve the place, rank with the matcher, fetch the page's groups."""
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
    query = to_matching_query(params, lat=lat, lon=lon)
    query.tz = seeker_tz
    index = index_cache.get(session)
    result = index.search(query, now=now)
    notices.extend((n.param, n.message) for n in result.notices)
    groups = _groups_by_id(session, [m.group_id for m in result.matches])
    items = [ResultItem(m, groups[m.group_id]) for m in result.matches if m.group_id in groups]
    relaxations = [_relaxation_link(params, r) for r in result.relaxations]
    return SearchOutcome(
        params=params, items=items, total=result.total, notices=_dedupe(notices),
        relaxations=relaxations, place=place, place_alternatives=alternatives,
        seeker_tz=seeker_tz, place_suggestions=suggestions,
    )


def _dedupe(notices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for notice in notices:
        if notice not in seen:
            seen.append(notice)
    return seen


def _relaxation_link(params: SearchParams, relaxation: matching.Relaxation) -> RelaxationLink:
    if relaxation.radius_km is not None:
        factor = KM_PER_MILE if params.units == "mi" else 1.0
        changed = replace(params, radius=round(relaxation.radius_km / factor), page=1)
    elif relaxation.remove is not None:
        name, value = relaxation.remove
        url_name = _URL_NAMES.get(name, name)
        changed = params.without(url_name, value)
    else:
        changed = params
    return RelaxationLink(label=relaxation.label, total=relaxation.total, params=changed)


# Matching's parameter names → our URL parameter names.
_URL_NAMES = {
    "text": "q", "topics": "topic", "formats": "format", "costs": "cost", "days": "day",
    "times": "time", "languages": "lang", "approaches": "approach", "place": "near",
    "radius_km": "radius",
}


def _groups_by_id(session: Session, ids: list[int]) -> dict[int, Group]:
    if not ids:
        return {}
    rows = session.exec(
        select(Group)
        .where(Group.id.in_(ids))
        .options(*group_with_meetings())
    ).all()
    return {g.id: g for g in rows}
