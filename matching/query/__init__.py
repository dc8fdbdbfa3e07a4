"""The seeker's query, and its normalisation into clean criteria plus notices.

Normalisation never raises: every unknown code, impossible combination or malformed value
becomes a :class:`~matching.results.Notice` and that part of the query is ignored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from matching import vocab
from matching import weights as W
from matching.results import Notice
from matching.taxonomy import Taxonomy

# Longer search text is cut (group names and needs fit easily; this bounds the work).
MAX_TEXT = 200


@dataclass
class Query:
    """A seeker's search; every field is optional and the default means "no constraint".

    Multi-valued fields accept any iterable of codes (a single string is read as one code);
    codes are those of PRODUCT.md, case-insensitive. Anything unknown becomes a notice.

    Fields:
        text: free words ("people pleasing", "greif", a group's name); ranking, see package doc.
        topics: topic codes; parents include their children (hard filter).
        lat, lon: the seeker's place in degrees; both or neither.
        radius_km: always kilometres (``units`` only changes how reasons print distances);
            None means ``weights.DEFAULT_RADIUS_KM`` (40 km) when a place is given.
        formats: ``in-person``, ``online``, ``hybrid``, ``phone`` (``online`` and ``in-person``
            also keep hybrid groups).
        costs: ``free``, ``donation``, ``sliding-scale``, ``fee``.
        days: ``mon`` … ``sun``, ``today``; times: ``morning`` (05–12), ``afternoon``
            (12–17), ``evening`` (17–21), ``night`` (21–05) — on the seeker's clock (``tz``)
            for online/phone meetings, on the meeting's own for in-person ones (see
            :func:`matching.schedule.judge_occurrences`).
        languages: ISO 639-1 codes. audience, access, approaches: closed-vocabulary codes.
        welcome: ``open`` or ``closed``.
        tz: the seeker's IANA zone: online/phone meetings are judged and shown on it.
        sort: ``best`` (default), ``distance``, ``soonest``, ``recent``.
        page: 1-based; per_page: 1–100 (default 20).
        units: ``mi`` (default) or ``km``, for distances in reasons and relaxation labels.
    """

    text: str | None = None
    topics: Iterable[str] = ()
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    formats: Iterable[str] = ()
    costs: Iterable[str] = ()
    days: Iterable[str] = ()
    times: Iterable[str] = ()
    languages: Iterable[str] = ()
    audience: Iterable[str] = ()
    access: Iterable[str] = ()
    approaches: Iterable[str] = ()
    welcome: str | None = None
    tz: str | None = None
    sort: str = "best"
    page: int = 1
    per_page: int = W.DEFAULT_PER_PAGE
    units: str = "mi"


@dataclass(frozen=True)
class Criteria:
    """A validated query: only known codes, consistent place, sane paging."""

    text: str = ""
    topics: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    radius_km: float = W.DEFAULT_RADIUS_KM
    radius_given: bool = False
    formats: tuple[str, ...] = ()
    costs: tuple[str, ...] = ()
    days: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    access: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()
    welcome: str | None = None
    tz: str | None = None
    sort: str = "best"
    page: int = 1
    per_page: int = W.DEFAULT_PER_PAGE
    units: str = "mi"

    @property
    def has_place(self) -> bool:
        return self.lat is not None and self.lon is not None


def _codes(raw: Any) -> list[str]:
    """A list of stripped, lower-cased strings from a string, an iterable or junk."""
    if raw is None:
        return []
    if isinstance(raw, str | bytes):
        raw = [raw]
    try:
        items = list(raw)
    except TypeError:
        items = [raw]
    out: list[str] = []
    for item in items:
        if isinstance(item, bytes):
            item = item.decode("utf-8", "replace")
        text = str(item).strip().lower()
        if text and text not in out:
            out.append(text)
    return out


def _number(raw: Any) -> float | None:
    """A finite float, or None for anything else (including booleans)."""
    if raw is None or isinstance(raw, bool):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def _closed(
    param: str, raw: Any, allowed: Iterable[str], notices: list[Notice], what: str
) -> tuple[str, ...]:
    allowed_set = set(allowed)
    good: list[str] = []
    for code in _codes(raw):
        if code in allowed_set:
            good.append(code)
        else:
            notices.append(
                Notice(param, "unknown-value", f"Ignored unknown {what} “{code[:40]}”.")
            )
    return tuple(good)


def valid_timezone(name: Any) -> bool:
    """True when ``name`` is an IANA zone zoneinfo can load."""
    if not isinstance(name, str) or not name or len(name) > 64:
        return False
    try:
        ZoneInfo(name)
    except Exception:  # zoneinfo raises several types for malformed keys
        return False
    return True


def normalise(query: Any, taxonomy: Taxonomy) -> tuple[Criteria, list[Notice]]:
    """Validate a :class:`Query`; return clean criteria and the notices for what was ignored."""
    notices: list[Notice] = []
    get = (lambda name, default=None: getattr(query, name, default)) if query is not None \
        else (lambda name, default=None: default)

    raw_text = get("text")
    text = "" if raw_text is None else str(raw_text)
    text = " ".join(text.split())
    if len(text) > MAX_TEXT:
        notices.append(Notice("q", "clamped", f"Only the first {MAX_TEXT} characters are used."))
        text = text[:MAX_TEXT]

    topics = _closed("topic", get("topics"), taxonomy.codes, notices, "topic")
    formats = _closed("format", get("formats"), vocab.FORMATS, notices, "format")
    costs = _closed("cost", get("costs"), vocab.COSTS, notices, "cost")
    days = _closed("day", get("days"), (*vocab.WEEKDAYS, "today"), notices, "day")
    times = _closed("time", get("times"), vocab.TIMES_OF_DAY, notices, "time of day")
    audience = _closed("audience", get("audience"), vocab.AUDIENCES, notices, "audience")
    access = _closed("access", get("access"), vocab.ACCESS, notices, "accessibility need")
    approaches = _closed("approach", get("approaches"), vocab.APPROACHES, notices, "approach")

    languages: list[str] = []
    for code in _codes(get("languages")):
        if vocab.is_language_code(code):
            languages.append(code)
        else:
            notices.append(
                Notice("lang", "unknown-value", f"Ignored unknown language “{code[:40]}”.")
            )

    welcome = None
    wel = _codes(get("welcome"))
    if len(wel) > 1:
        notices.append(Notice("welcome", "unknown-value", "Only one welcome value is allowed."))
    elif wel:
        if wel[0] in vocab.WELCOME:
            welcome = wel[0]
        else:
            notices.append(
                Notice("welcome", "unknown-value", f"Ignored unknown welcome “{wel[0][:40]}”.")
            )

    # Place: both coordinates, in range, or neither.
    raw_lat, raw_lon = get("lat"), get("lon")
    lat, lon = _number(raw_lat), _number(raw_lon)
    if raw_lat is not None and lat is None:
        notices.append(Notice("lat", "invalid-number", "Latitude must be a number."))
    if raw_lon is not None and lon is None:
        notices.append(Notice("lon", "invalid-number", "Longitude must be a number."))
    if lat is not None and not -90.0 <= lat <= 90.0:
        notices.append(Notice("lat", "out-of-range", "Latitude must be between -90 and 90."))
        lat = None
    if lon is not None and not -180.0 <= lon <= 180.0:
        notices.append(Notice("lon", "out-of-range", "Longitude must be between -180 and 180."))
        lon = None
    if (lat is None) != (lon is None):
        if lat is not None and raw_lon is None:
            notices.append(Notice("lat", "lat-without-lon", "A latitude needs a longitude."))
        elif lon is not None and raw_lat is None:
            notices.append(Notice("lon", "lon-without-lat", "A longitude needs a latitude."))
        lat = lon = None

    raw_radius = get("radius_km")
    radius = _number(raw_radius)
    radius_given = False
    if raw_radius is not None:
        if radius is None:
            notices.append(Notice("radius", "invalid-number", "Radius must be a number."))
        elif radius <= 0 or radius > 20000:
            notices.append(Notice("radius", "out-of-range", "Radius must be above 0."))
            radius = None
        elif lat is None:
            notices.append(
                Notice("radius", "radius-without-place", "A radius needs a place; ignored it.")
            )
            radius = None
        else:
            radius_given = True
    if radius is None:
        radius = W.DEFAULT_RADIUS_KM

    tz = get("tz")
    if tz is not None and not valid_timezone(tz):
        notices.append(Notice("tz", "unknown-timezone", "Ignored unknown time zone."))
        tz = None

    sort = _codes(get("sort", "best")) or ["best"]
    if sort[0] not in vocab.SORTS or len(sort) > 1:
        notices.append(Notice("sort", "unknown-value", "Unknown sort; showing best matches."))
        sort = ["best"]
    units = _codes(get("units", "mi")) or ["mi"]
    if units[0] not in vocab.UNITS:
        notices.append(Notice("units", "unknown-value", "Unknown units; using miles."))
        units = ["mi"]

    page = _number(get("page", 1))
    if page is None or page < 1 or page != int(page):
        notices.append(Notice("page", "invalid-number", "Page must be a whole number from 1."))
        page = 1
    page = min(int(page), 1_000_000)
    per_page = _number(get("per_page", W.DEFAULT_PER_PAGE))
    if per_page is None or per_page < 1 or per_page != int(per_page):
        notices.append(
            Notice("per_page", "invalid-number", "Results per page must be a whole number.")
        )
        per_page = W.DEFAULT_PER_PAGE
    elif per_page > W.MAX_PER_PAGE:
        notices.append(
            Notice("per_page", "clamped", f"At most {W.MAX_PER_PAGE} results per page.")
        )
        per_page = W.MAX_PER_PAGE

    crit = Criteria(
        text=text, topics=topics, lat=lat, lon=lon, radius_km=float(radius),
        radius_given=radius_given, formats=formats, costs=costs, days=days, times=times,
        languages=tuple(languages), audience=audience, access=access, approaches=approaches,
        welcome=welcome, tz=tz, sort=sort[0], page=int(page), per_page=int(per_page),
        units=units[0],
    )
    return crit, notices
