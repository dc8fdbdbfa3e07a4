"""The one query model of a search: parsed from URL parameters for the HTML pages and the
API alike, and written back as the canonical, shareable parameter list.

Parsing never raises. Each bad value becomes a `ParamProblem`; the HTML pages show them
as notices and ignore the value, the API answers 400 with them as details.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from directory import taxonomy
from directory.listings.fields import is_iana_zone

MAX_TEXT = 200
MAX_PLACE = 120
MAX_VALUES = 20
DEFAULT_RADIUS = {"mi": 25.0, "km": 40.0}
MAX_RADIUS_KM = 1000.0
KM_PER_MILE = 1.609344

REPEATABLE: dict[str, dict[str, str] | None] = {
    "topic": {t.code: t.label for t in taxonomy.TOPIC_LIST},
    "format": taxonomy.FORMATS,
    "cost": taxonomy.COSTS,
    "day": taxonomy.DAY_FILTER_LABELS,
    "time": {k: k.title() for k in taxonomy.TIMES_OF_DAY},
    "lang": None,  # ISO 639-1 shape, checked separately
    "audience": taxonomy.AUDIENCES,
    "access": taxonomy.ACCESS,
    "approach": taxonomy.APPROACHES,
}
SINGLE = ("q", "near", "lat", "lon", "radius", "units", "welcome", "tz", "sort", "page",
          "per_page")
# Known but not search filters, read by the views: `hl` is the interface language, `view`
# the results view (cards or a compact list).
INTERFACE_PARAMS = ("hl", "view")
KNOWN_PARAMS = frozenset(REPEATABLE) | frozenset(SINGLE) | frozenset(INTERFACE_PARAMS)


@dataclass(frozen=True)
class ParamProblem:
    param: str
    message: str
    # A valid value that another parameter makes moot or limits (a radius with no place, lat
    # without lon): the search runs without it and says so; the API answers 200 with a notice.
    adjusted: bool = False


@dataclass(frozen=True)
class SearchParams:
    """A normalised search: every field is valid; an empty value means "no constraint"."""

    q: str = ""
    topic: tuple[str, ...] = ()
    near: str = ""
    lat: float | None = None
    lon: float | None = None
    radius: float | None = None  # in `units`; None = the default radius
    units: str = "mi"
    format: tuple[str, ...] = ()
    cost: tuple[str, ...] = ()
    day: tuple[str, ...] = ()
    time: tuple[str, ...] = ()
    lang: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    access: tuple[str, ...] = ()
    approach: tuple[str, ...] = ()
    welcome: str = ""
    tz: str = ""
    sort: str = "best"
    page: int = 1
    per_page: int = 20
    # `units` came from the URL; otherwise it may follow the seeker's country (see search).
    units_given: bool = field(default=False, compare=False)
    problems: tuple[ParamProblem, ...] = field(default=(), compare=False)

    @property
    def has_place(self) -> bool:
        return bool(self.near) or self.lat is not None

    @property
    def radius_km(self) -> float:
        """The radius in kilometres, the default when none was given."""
        radius = self.radius if self.radius is not None else DEFAULT_RADIUS[self.units]
        return radius * KM_PER_MILE if self.units == "mi" else radius

    def canonical_items(self, *, include_page: bool = True) -> list[tuple[str, str]]:
        """The parameters as (name, value) pairs, sorted, with defaults dropped."""
        items: list[tuple[str, str]] = []
        if self.q:
            items.append(("q", self.q))
        for name in REPEATABLE:
            items.extend((name, value) for value in sorted(getattr(self, name)))
        if self.near:
            items.append(("near", self.near))
        elif self.lat is not None and self.lon is not None:
            items.append(("lat", _number(self.lat)))
            items.append(("lon", _number(self.lon)))
        if self.radius is not None:
            items.append(("radius", _number(self.radius)))
        if self.units_given or self.units != "mi":
            items.append(("units", self.units))
        if self.welcome:
            items.append(("welcome", self.welcome))
        if self.tz:
            items.append(("tz", self.tz))
        if self.sort != "best":
            items.append(("sort", self.sort))
        if include_page and self.page != 1:
            items.append(("page", str(self.page)))
        if self.per_page != 20:
            items.append(("per_page", str(self.per_page)))
        return sorted(items)

    def in_units(self, units: str) -> SearchParams:
        """The same search with distances (and the radius) in `units`, chosen explicitly."""
        radius = self.radius
        if radius is not None and units != self.units:
            factor = KM_PER_MILE if units == "km" else 1 / KM_PER_MILE
            radius = float(round(radius * factor))
        return replace(self, units=units, units_given=True, radius=radius, page=1)

    def without(self, name: str, value: str | None = None) -> SearchParams:
        """A copy with one parameter (or one value of a repeatable one) removed, page 1."""
        if name in REPEATABLE:
            kept = tuple(v for v in getattr(self, name) if value is not None and v != value)
            changed = replace(self, **{name: kept})
        elif name in ("near", "lat", "lon"):
            changed = replace(self, near="", lat=None, lon=None, radius=None)
        else:
            changed = replace(self, **{name: SearchParams.__dataclass_fields__[name].default})
        return replace(changed, page=1)


def _number(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def _values(args: Mapping[str, list[str]], name: str) -> list[str]:
    values: list[str] = []
    for raw in args.get(name, []):
        # Both ?topic=a&topic=b and ?topic=a,b are accepted.
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return values


def _short(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= 40 else value[:37] + "…"


def parse_search_params(
    args: Mapping[str, list[str]], *, default_per_page: int = 20, max_per_page: int = 100
) -> SearchParams:
    """Parse URL parameters (name → list of values) into a SearchParams, never raising."""
    problems: list[ParamProblem] = []

    def problem(param: str, message: str, *, adjusted: bool = False) -> None:
        problems.append(ParamProblem(param, message, adjusted))

    for name in sorted(args):
        if name not in KNOWN_PARAMS:
            problem(name, f"Unknown parameter “{_short(name)}” was ignored.")

    def single(name: str) -> str:
        values = [v for v in args.get(name, []) if v.strip()]
        if len(values) > 1:
            problem(name, f"“{name}” was given more than once; the first value was used.")
        return values[0].replace("\x00", "").strip() if values else ""

    fields: dict = {}
    q = " ".join(single("q").split())
    if len(q) > MAX_TEXT:
        problem("q", f"The search text was shortened to {MAX_TEXT} characters.")
        q = q[:MAX_TEXT].rstrip()
    fields["q"] = q

    for name, vocabulary in REPEATABLE.items():
        kept: list[str] = []
        for value in _values(args, name):
            code = value.lower()
            valid = (
                taxonomy.is_language_code(code) if vocabulary is None else code in vocabulary
            )
            if not valid:
                problem(name, f"“{_short(value)}” is not a known {name} and was ignored.")
            elif code not in kept:
                kept.append(code)
        if len(kept) > MAX_VALUES:
            problem(name, f"Only the first {MAX_VALUES} {name} values were used.",
                    adjusted=True)
            kept = kept[:MAX_VALUES]
        fields[name] = tuple(kept)

    near = " ".join(single("near").split())
    if len(near) > MAX_PLACE:
        problem("near", f"The place was shortened to {MAX_PLACE} characters.")
        near = near[:MAX_PLACE].rstrip()
    lat_text, lon_text = single("lat"), single("lon")
    lat = _coordinate(lat_text, 90.0, "lat", problem)
    lon = _coordinate(lon_text, 180.0, "lon", problem)
    if (lat is None) != (lon is None):
        if not (lat_text and lon_text):  # else one was invalid and is already reported
            missing = "lon" if lon is None else "lat"
            problem(missing, "Latitude and longitude must be given together; both were ignored.",
                    adjusted=True)
        lat = lon = None
    if near and lat is not None:
        problem("lat", "Both a place and coordinates were given; the coordinates were used.",
                adjusted=True)
        near = ""
    fields.update(near=near, lat=lat, lon=lon)

    units = single("units").lower()
    fields["units_given"] = units in ("mi", "km")
    if units and units not in ("mi", "km"):
        problem("units", f"“{_short(units)}” is not a unit (mi or km); miles were used.")
    units = units if units in ("mi", "km") else "mi"
    fields["units"] = units
    radius_text = single("radius")
    radius = None
    if radius_text:
        radius = _float(radius_text)
        if radius is None or radius <= 0:
            problem("radius", f"“{_short(radius_text)}” is not a distance; the default was used.")
            radius = None
        else:
            limit = MAX_RADIUS_KM / (KM_PER_MILE if units == "mi" else 1.0)
            if radius > limit:
                # Past the API's stated maximum (1000, in either unit) it is an error there;
                # under it, only the unit makes it too far: a notice.
                problem("radius", f"The radius was limited to {limit:.0f} {units}.",
                        adjusted=radius <= MAX_RADIUS_KM)
                radius = float(round(limit))
    if radius is not None and not (near or lat is not None):
        problem("radius", "A radius needs a place; it was ignored.", adjusted=True)
        radius = None
    fields["radius"] = radius

    welcome = single("welcome").lower()
    if welcome and welcome not in taxonomy.WELCOME:
        problem("welcome", f"“{_short(welcome)}” is not open or closed and was ignored.")
        welcome = ""
    fields["welcome"] = welcome

    tz = single("tz")
    if tz and not is_iana_zone(tz):
        problem("tz", f"“{_short(tz)}” is not a time zone such as America/Chicago.")
        tz = ""
    fields["tz"] = tz

    sort = single("sort").lower() or "best"
    if sort not in taxonomy.SORTS:
        problem("sort", f"“{_short(sort)}” is not a sort order; best match was used.")
        sort = "best"
    if sort == "distance" and not (near or lat is not None):
        problem("sort", "Sorting by distance needs a place; best match was used.", adjusted=True)
        sort = "best"
    fields["sort"] = sort

    fields["page"] = _whole(single("page"), "page", 1, 10_000, 1, problem)
    fields["per_page"] = _whole(
        single("per_page"), "per_page", 1, max_per_page, default_per_page, problem
    )
    return SearchParams(**fields, problems=tuple(problems))


def _coordinate(text: str, limit: float, name: str, problem) -> float | None:
    if not text:
        return None
    value = _float(text)
    if value is None or not -limit <= value <= limit:
        problem(name, f"“{_short(text)}” is not a {name} between -{limit:g} and {limit:g}.")
        return None
    return round(value, 6)


def _float(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _whole(text: str, name: str, low: int, high: int, default: int, problem) -> int:
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        # "2.0" and "2e1" are whole numbers too (JSON Schema counts 2.0 as an integer).
        number = _float(text)
        if number is None or not number.is_integer():
            problem(name, f"“{_short(text)}” is not a whole number; {default} was used.")
            return default
        value = int(number)
    if not low <= value <= high:
        problem(name, f"{name} must be between {low} and {high}; {default} was used.")
        return default
    return value


def args_from_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Group (name, value) pairs into the name → values mapping the parser takes."""
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        out.setdefault(name, []).append(value)
    return out
