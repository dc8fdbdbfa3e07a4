"""What a search returns: matches, notices about bad input, relaxation suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Notice:
    """A problem with one seeker parameter; the bad part was ignored.

    ``param`` is the public URL parameter name (``q``, ``topic``, ``lat``, ``lon``,
    ``radius``, ``format``, ``cost``, ``day``, ``time``, ``lang``, ``audience``, ``access``,
    ``approach``, ``welcome``, ``tz``, ``sort``, ``page``, ``per_page``, ``units``).

    ``code`` is stable and machine-readable (``"unknown-value"``, ``"radius-without-place"``,
    ``"lat-without-lon"``, ``"out-of-range"``, ``"invalid-number"``, ``"clamped"``,
    ``"unknown-timezone"``, ``"text-not-recognised"`` (no result; see the relaxations),
    ``"text-too-general"`` (only words like "help": text ignored), ``"page-out-of-range"``);
    ``message`` is plain English for a person.
    """

    param: str
    code: str
    message: str


@dataclass(frozen=True)
class Relaxation:
    """One way to get more results: drop a filter, or widen the radius.

    Exactly one of ``remove`` (``(param, value)``; ``value`` None = drop every value of the
    parameter) and ``radius_km`` is set. ``param`` is the public URL parameter name (as in
    :class:`Notice`; ``q`` for the search words, ``radius`` for widening). ``total`` is how many
    results that one change would give; suggestions come most results first.
    """

    param: str
    value: str | None
    label: str
    total: int
    remove: tuple[str, str | None] | None = None
    radius_km: float | None = None


@dataclass(frozen=True)
class Match:
    """One ranked group.

    ``score`` and every value of ``components`` are on a 0–1 scale (1 = best).
    ``components`` holds all eight keys (topic, text, distance, schedule, cost, format, fit,
    freshness); a component the query gave no meaning to is reported but not weighted.
    ``next_meeting`` is aware, in the meeting's own time zone; ``next_meeting_index`` is the
    position of that meeting in the group's ``meetings``.
    ``display_tz`` is the one zone every time of this result is shown in (the reasons use it):
    the seeker's zone for a meeting joined from anywhere when the seeker's zone is known,
    else the meeting's own. ``away`` is True for an in-person group outside the seeker's
    region when no place was given (it ranks after online and local groups).
    """

    group_id: int
    slug: str
    score: float
    components: dict[str, float]
    reasons: list[str]
    distance_km: float | None
    next_meeting: datetime | None
    next_meeting_index: int | None
    in_progress: bool
    display_tz: str | None = None
    away: bool = False


@dataclass
class SearchResult:
    """One page of matches, the total across pages, and advice for the seeker."""

    matches: list[Match]
    total: int
    notices: list[Notice] = field(default_factory=list)
    relaxations: list[Relaxation] = field(default_factory=list)
    page: int = 1
    per_page: int = 20
    # What the search words were read as (see matching.query.apply.understood_items): filter
    # words, topics named by fellowship names and everyday words, the family viewpoint.
    understood: list[dict[str, str]] = field(default_factory=list)
