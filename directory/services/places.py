"""Offline place resolution: what a seeker typed, or a listing's address, to coordinates and zone.

The gazetteer under ``seed_data/gazetteer/`` (built by ``scripts/build_gazetteer.py`` from
GeoNames data, CC BY 4.0) is loaded lazily, once per process, into compact in-memory indexes:
numpy arrays for coordinates and populations, a dict from normalised name to row ids, a dict
of postcodes, and per-country / per-initial name vocabularies for typo-tolerant matching with
RapidFuzz. Nothing here touches the network unless a :class:`NominatimFallback` is passed in,
and nothing here imports Flask.

Resolution order for seeker text (:func:`resolve_place`):

1. coordinates (``"45.52, -122.68"``) → the nearest city names them;
2. a postcode wins (US ZIP and ZIP+4, Canadian FSA or full code, UK outcode or full
   postcode, AU/NZ/IE codes), as the whole text, a comma part, or its first or last words;
3. a city name (or a nickname: NYC, LA, Philly…), narrowed by trailing country and region
   hints (names, codes, "UK", "USA"), then ranked by population with bonuses for the default
   country and Circles' own countries; a region or country alone gives its largest city;
4. typos, via fuzzy matching over the name vocabulary (marked ``approximate``);
5. exact names inside longer text ("1234 Main St, Portland, OR"; "Portland, OR 99999");
6. optionally an online geocoder, only after an offline miss.

Time zones (:func:`timezone_at`) come from timezonefinder when it is installed (it is a
build-time extra), and otherwise from the nearest gazetteer place within
``TIMEZONE_MAX_KM``: every city, locality and postcode carries its IANA zone.

``approximate`` on a resolved place means "this is our best guess, not what you typed"
(a fuzzy or partial match). Places from :func:`geocode_address` are always approximate: they
are postcode or city centroids, never street-level positions.
"""

from __future__ import annotations

import gzip
import logging
import math
import re
import sys
import threading
import time
import unicodedata
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

log = logging.getLogger(__name__)

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "seed_data" / "gazetteer"

# Countries whose labels omit the country name ("Portland, Oregon"); others add it.
CORE_COUNTRIES = ("US", "CA", "GB", "AU", "NZ", "IE")
MAX_INPUT_CHARS = 200  # longer text is not a place a person typed
MAX_ALTERNATIVES = 5
# Ranking of same-named places: log10(population + 1) + DEFAULT_COUNTRY_BONUS for the default
# country, so a place in the default country wins unless another is ten times larger.
DEFAULT_COUNTRY_BONUS = 1.0
# Circles serves these countries: their places also win over a place abroad ~3× larger.
CORE_COUNTRY_BONUS = 0.5
# A city named like a region ("Washington") beats the region reading above this population.
REGION_NAMED_CITY_MIN_POPULATION = 100_000
# RapidFuzz fuzz.ratio scale is 0–100; below this a near-miss is not offered as the answer.
FUZZY_CUTOFF = 80.0
SUGGESTION_CUTOFF = 70.0
FUZZY_HINT_CUTOFF = 85.0
GEOCODE_FUZZY_CUTOFF = 88.0  # listings: a misspelt town, not a guess
FUZZY_MIN_CHARS = 4
# Fuzzy rank = fuzz.ratio + weight × the ranking score above (log10 population + bonuses).
FUZZY_POPULATION_WEIGHT = 3.0
# Time zones from the gazetteer: the zone of the nearest place, if it is this close.
TIMEZONE_MAX_KM = 250.0
EARTH_RADIUS_KM = 6371.009  # mean radius, as geopy.distance uses


# Marked for the interface's catalogs (pybabel's N_); said in the reader's language by
# directory.i18n.phrases, which knows these patterns. This library stays plain English.
def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    return message


NOT_FOUND_MESSAGE = N_("We couldn't find “{text}”. Try a city and state, or a postcode.")
EMPTY_MESSAGE = N_("Type a city and state, or a postcode.")
TOO_LONG_MESSAGE = N_("That is too long to be a place. Try a city and state, or a postcode.")
FUZZY_MESSAGE = N_("We couldn't find “{text}” exactly, so we're showing {label}.")
NEAR_ME_MESSAGE = N_(
    "To search near you, use your device's location, or type a city or postcode.")
NOT_A_PLACE_MESSAGE = N_(
    "“{text}” is not a place. Online and phone groups show without one: use the format filter."
)
COUNTRY_MESSAGE = N_(
    "“{text}” is a whole country. Add a city, state or postcode to sort by distance.")
REGION_MESSAGE = N_(
    "Showing {label}, the largest city in {region}. Add a city or postcode to be more precise."
)

# Nicknames seekers type → (name, country, region) of the place they mean.
ALIASES: dict[str, tuple[str, str, str]] = {
    "nyc": ("New York City", "US", "NY"),
    "new york": ("New York City", "US", "NY"),
    "new york ny": ("New York City", "US", "NY"),
    "new york new york": ("New York City", "US", "NY"),
    "manhattan": ("Manhattan", "US", "NY"),
    "la": ("Los Angeles", "US", "CA"),
    "l a": ("Los Angeles", "US", "CA"),
    "sf": ("San Francisco", "US", "CA"),
    "san fran": ("San Francisco", "US", "CA"),
    "frisco": ("San Francisco", "US", "CA"),
    "dc": ("Washington", "US", "DC"),
    "d c": ("Washington", "US", "DC"),
    "washington dc": ("Washington", "US", "DC"),
    "washington d c": ("Washington", "US", "DC"),
    "philly": ("Philadelphia", "US", "PA"),
    "vegas": ("Las Vegas", "US", "NV"),
    "nola": ("New Orleans", "US", "LA"),
    "atl": ("Atlanta", "US", "GA"),
    "chi town": ("Chicago", "US", "IL"),
    "chitown": ("Chicago", "US", "IL"),
    "slc": ("Salt Lake City", "US", "UT"),
    "kc": ("Kansas City", "US", "MO"),
    "okc": ("Oklahoma City", "US", "OK"),
    "stl": ("St. Louis", "US", "MO"),
    "pdx": ("Portland", "US", "OR"),
    "big apple": ("New York City", "US", "NY"),
    "the big apple": ("New York City", "US", "NY"),
    "motor city": ("Detroit", "US", "MI"),
    "twin cities": ("Minneapolis", "US", "MN"),
    "bay area": ("San Francisco", "US", "CA"),
    "sf bay area": ("San Francisco", "US", "CA"),
    "east bay": ("Oakland", "US", "CA"),
    "silicon valley": ("San Jose", "US", "CA"),
    "south bay": ("San Jose", "US", "CA"),
    "inland empire": ("Riverside", "US", "CA"),
    "dfw": ("Dallas", "US", "TX"),
    "brissie": ("Brisbane", "AU", "QLD"),
    "melbs": ("Melbourne", "AU", "VIC"),
    "welly": ("Wellington", "NZ", "WGN"),
    "auckland city": ("Auckland", "NZ", "AUK"),
}

NEAR_ME_PHRASES = {
    "near me",
    "nearby",
    "near by",
    "close to me",
    "around me",
    "here",
    "near here",
    "my location",
    "current location",
    "my area",
    "locally",
    "local",
}
NOT_PLACES = {
    "online",
    "on line",
    "virtual",
    "zoom",
    "phone",
    "telephone",
    "video",
    "remote",
    "internet",
    "web",
    "anywhere",
    "everywhere",
    "worldwide",
    "any",
    "none",
    "n a",
    "na",
}
LEADING_FILLERS = {
    "in",
    "near",
    "around",
    "at",
    "by",
    "the",
    "greater",
    "metro",
    "central",
    "downtown",
    "city",
    "of",
}
TRAILING_FILLERS = {"area", "region", "metro", "centre", "center", "downtown"}

_TOKEN_REPLACEMENTS = {
    "st": "saint",
    "ste": "sainte",
    "mt": "mount",
    "ft": "fort",
}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’‘`´]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def normalise_name(text: str) -> str:
    """Fold a place name for matching: ASCII, lower case, "St." → "saint", single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower()).replace("&", " and ")
    tokens = _NON_ALNUM.sub(" ", text).split()
    return " ".join(_TOKEN_REPLACEMENTS.get(t, t) for t in tokens)


@dataclass(frozen=True)
class Place:
    """A resolved place: a centroid with its region, country and IANA time zone."""

    name: str
    region: str  # full name, e.g. "Oregon"
    region_code: str  # e.g. "OR"; "" when unknown
    country: str  # ISO 3166-1 alpha-2
    country_name: str
    lat: float
    lon: float
    timezone: str | None  # IANA name
    kind: str  # "postcode" | "city" | "coordinates"
    approximate: bool = False
    population: int | None = None
    postcode: str | None = None

    @property
    def latitude(self) -> float:
        """Alias of ``lat``, for callers that expect geopy-style names."""
        return self.lat

    @property
    def longitude(self) -> float:
        """Alias of ``lon``."""
        return self.lon

    @property
    def label(self) -> str:
        """Human label: "Portland, Oregon", "97214, Portland, Oregon", "London, England"."""
        parts: list[str] = []
        for part in (self.postcode, self.name, self.region):
            if part and part not in parts:
                parts.append(part)
        if (self.country not in CORE_COUNTRIES or len(parts) < 2) and (
            self.country_name not in parts
        ):
            parts.append(self.country_name)
        return ", ".join(p for p in parts if p)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields, as the API's ``place`` object uses them."""
        return {
            "name": self.name,
            "label": self.label,
            "region": self.region,
            "region_code": self.region_code,
            "country": self.country,
            "country_name": self.country_name,
            "lat": self.lat,
            "lon": self.lon,
            "timezone": self.timezone,
            "kind": self.kind,
            "approximate": self.approximate,
            "population": self.population,
            "postcode": self.postcode,
        }


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving seeker text: a best place, alternatives, and what to tell them."""

    query: str
    place: Place | None
    alternatives: list[Place] = field(default_factory=list)
    message: str | None = None
    suggestions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any] | None:
        """The API's ``place`` object: the best place plus ``alternatives[]``; None if none."""
        if self.place is None:
            return None
        return {**self.place.as_dict(), "alternatives": [p.as_dict() for p in self.alternatives]}


# --------------------------------------------------------------------------------------------
# Distances
# --------------------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (agrees with geopy.distance.great_circle)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def haversine_km_many(lat: float, lon: float, lats: Any, lons: Any) -> np.ndarray:
    """Great-circle distances in km from one point to arrays of points, vectorised."""
    lats_r = np.radians(np.asarray(lats, dtype=np.float64))
    lons_r = np.radians(np.asarray(lons, dtype=np.float64))
    p1, l1 = math.radians(lat), math.radians(lon)
    a = (
        np.sin((lats_r - p1) / 2) ** 2
        + math.cos(p1) * np.cos(lats_r) * np.sin((lons_r - l1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


# --------------------------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------------------------


def _read_tsv(path: Path):
    """Rows of a gzip'd TSV, streamed (no whole-file copies: they would bloat the RSS)."""
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
        next(fh, None)  # header
        for line in fh:
            line = line.rstrip("\n")
            if line:
                yield line.split("\t")


class Gazetteer:
    """Compact in-memory indexes over the gazetteer files; build once, then read-only.

    Places (cities and postal localities) and postcodes are stored column-wise: numbers in
    numpy arrays, names in lists, repeated codes interned. ``by_key`` maps a normalised name
    to one row id (an int) or several (a tuple, largest population first).
    """

    def __init__(self, data_dir: Path = GAZETTEER_DIR) -> None:
        self.region_names: dict[tuple[str, str], str] = {}
        self.regions_by_key: dict[str, list[tuple[str, str]]] = {}
        self.region_keys: dict[tuple[str, str], list[str]] = {}
        for cc, code, name, aliases in _read_tsv(data_dir / "regions.tsv.gz"):
            self.region_names[(cc, code)] = name
            keys = {normalise_name(k) for k in [name, code, *aliases.split("|")] if k}
            # Numeric admin codes ("00", "08") are not something a person types as a region.
            keys = sorted(k for k in keys if k and not k.isdigit())
            self.region_keys[(cc, code)] = keys
            for key in keys:
                self.regions_by_key.setdefault(key, []).append((cc, code))

        core_region_keys = {
            k for k, rs in self.regions_by_key.items() if any(r[0] in CORE_COUNTRIES for r in rs)
        }

        self.country_names: dict[str, str] = {}
        self.country_by_key: dict[str, str] = {}
        for code, name, aliases in _read_tsv(data_dir / "countries.tsv.gz"):
            self.country_names[code] = name
            # Other countries' two-letter codes answer only when they clash with no state or
            # province ("IN", "PA", "GA") and fold to themselves ("ST" folds to "saint").
            folded_code = normalise_name(code)
            own_code = (
                [code]
                if code in CORE_COUNTRIES
                or (folded_code == code.lower() and folded_code not in core_region_keys)
                else []
            )
            for key in [name, *own_code, *aliases.split("|")]:
                folded = normalise_name(key)
                if folded:
                    self.country_by_key.setdefault(folded, code)

        self.country_list: list[str] = sorted(self.country_names)
        cc_index = {c: i for i, c in enumerate(self.country_list)}
        self.zones: list[str] = [""]
        zone_index: dict[str, int] = {"": 0}

        def zone_id(zone: str) -> int:
            if zone not in zone_index:
                zone_index[zone] = len(self.zones)
                self.zones.append(zone)
            return zone_index[zone]

        # -- places -----------------------------------------------------------------------
        names: list[str] = []
        keys: list[str] = []
        region_codes: list[str] = []
        country_idx = array("h")
        zone_idx = array("h")
        lat = array("d")
        lon = array("d")
        population = array("q")
        by_key: dict[str, Any] = {}
        intern = sys.intern
        # `key` is normalise_name(name), computed at build time: the bulk of the load cost.
        for name, key, cc, region, la, lo, pop, zone in _read_tsv(data_dir / "places.tsv.gz"):
            i = len(names)
            names.append(name)
            keys.append(key)
            region_codes.append(intern(region))
            if cc not in cc_index:
                cc_index[cc] = len(self.country_list)
                self.country_list.append(cc)
            country_idx.append(cc_index[cc])
            zone_idx.append(zone_id(zone))
            lat.append(float(la))
            lon.append(float(lo))
            population.append(int(pop))
            if key:
                found = by_key.get(key)
                if found is None:
                    by_key[key] = i
                elif isinstance(found, int):
                    by_key[key] = [found, i]
                else:
                    found.append(i)
        self.names = names
        self.keys = keys
        self.region_codes = region_codes
        self.country_idx = np.frombuffer(country_idx, dtype=np.int16)
        self.zone_idx = np.frombuffer(zone_idx, dtype=np.int16)
        self.lat = np.frombuffer(lat, dtype=np.float64)
        self.lon = np.frombuffer(lon, dtype=np.float64)
        self.population = np.frombuffer(population, dtype=np.int64)
        self.is_city = self.population > 0  # GeoNames cities; 0 marks a postal locality
        # A rank that puts big places first within one name.
        self.rank = np.log10(self.population.astype(np.float64) + 1.0)
        pop_list = self.population.tolist()
        for key, found in by_key.items():
            if not isinstance(found, int):
                by_key[key] = tuple(sorted(found, key=lambda i: -pop_list[i]))
        self.by_key: dict[str, int | tuple[int, ...]] = by_key
        # The most populous city of each region, for text that names only a region.
        self.largest_in_region: dict[tuple[str, str], int] = {}
        best_pop: dict[tuple[int, str], int] = {}
        for i in np.flatnonzero(self.is_city).tolist():
            ident = (country_idx[i], region_codes[i])
            if pop_list[i] > best_pop.get(ident, 0):
                best_pop[ident] = pop_list[i]
                self.largest_in_region[(self.country_list[ident[0]], ident[1])] = i

        # Name vocabularies for typo matching (the strings are shared with by_key).
        vocab_by_country: dict[int, set[str]] = {}
        vocab_by_initial: dict[str, set[str]] = {}
        vocab_by_both: dict[tuple[int, str], set[str]] = {}
        vocab_by_region: dict[tuple[int, str], set[str]] = {}
        for key, c, region in zip(keys, country_idx, region_codes, strict=True):
            if key:
                vocab_by_country.setdefault(c, set()).add(key)
                if self.country_list[c] in CORE_COUNTRIES:
                    vocab_by_initial.setdefault(key[0], set()).add(key)
                vocab_by_both.setdefault((c, key[0]), set()).add(key)
                vocab_by_region.setdefault((c, region), set()).add(key)
        self.vocab_by_country = {
            self.country_list[c]: sorted(v) for c, v in vocab_by_country.items()
        }
        self.vocab_by_initial = {k: sorted(v) for k, v in vocab_by_initial.items()}
        self.vocab_by_country_initial = {
            (self.country_list[c], ch): sorted(v) for (c, ch), v in vocab_by_both.items()
        }
        self.vocab_by_region = {
            (self.country_list[c], r): sorted(v) for (c, r), v in vocab_by_region.items()
        }

        # Region and country names for near-miss hints ("Scotlnd"); codes are too short.
        hint_keys = {
            k for k, rs in self.regions_by_key.items() if any(r[0] in CORE_COUNTRIES for r in rs)
        } | set(self.country_by_key)
        self.hint_vocab = sorted(k for k in hint_keys if len(k) >= FUZZY_MIN_CHARS)

        # -- postcodes: "US97214" → row ----------------------------------------------------
        self.postcode_rows: dict[str, int] = {}
        pc_names: list[str] = []
        pc_regions: list[str] = []
        pc_lat = array("d")
        pc_lon = array("d")
        pc_zone = array("h")
        for cc, code, name, region, la, lo, zone in _read_tsv(data_dir / "postcodes.tsv.gz"):
            self.postcode_rows[cc + code] = len(pc_names)
            pc_names.append(name)
            pc_regions.append(intern(region))
            pc_lat.append(float(la))
            pc_lon.append(float(lo))
            pc_zone.append(zone_id(zone))
        self.pc_names = pc_names
        self.pc_regions = pc_regions
        self.pc_lat = np.frombuffer(pc_lat, dtype=np.float64)
        self.pc_lon = np.frombuffer(pc_lon, dtype=np.float64)
        self.pc_zone = np.frombuffer(pc_zone, dtype=np.int16)

    def ids_for(self, key: str) -> tuple[int, ...]:
        """Row ids of places with this normalised name, largest population first."""
        found = self.by_key.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def has_postcode(self, cc: str, code: str) -> bool:
        return cc + code in self.postcode_rows

    # -- building places ---------------------------------------------------------------------

    def place(self, i: int, *, approximate: bool = False, kind: str = "city") -> Place:
        cc = self.country_list[self.country_idx[i]]
        region = self.region_codes[i]
        pop = int(self.population[i])
        return Place(
            name=self.names[i],
            region=self.region_names.get((cc, region), ""),
            region_code=region,
            country=cc,
            country_name=self.country_names.get(cc, cc),
            lat=float(self.lat[i]),
            lon=float(self.lon[i]),
            timezone=self.zones[self.zone_idx[i]] or None,
            kind=kind,
            approximate=approximate,
            population=pop or None,
        )

    def postcode_place(self, cc: str, code: str, *, approximate: bool = False) -> Place | None:
        j = self.postcode_rows.get(cc + code)
        if j is None:
            return None
        region = self.pc_regions[j]
        return Place(
            name=self.pc_names[j],
            region=self.region_names.get((cc, region), ""),
            region_code=region,
            country=cc,
            country_name=self.country_names.get(cc, cc),
            lat=float(self.pc_lat[j]),
            lon=float(self.pc_lon[j]),
            timezone=self.zones[self.pc_zone[j]] or None,
            kind="postcode",
            approximate=approximate,
            population=None,
            postcode=code,
        )

    def country_of(self, i: int) -> str:
        return self.country_list[self.country_idx[i]]

    # -- queries -----------------------------------------------------------------------------

    def nearest(self, lat: float, lon: float, *, cities_only: bool = True) -> tuple[int, float]:
        """Row id and distance (km) of the nearest place; a lat band keeps it cheap."""
        for band in (1.0, 4.0, 180.0):
            mask = np.abs(self.lat - lat) <= band
            if cities_only:
                mask &= self.is_city
            ids = np.flatnonzero(mask)
            if ids.size:
                d = haversine_km_many(lat, lon, self.lat[ids], self.lon[ids])
                j = int(np.argmin(d))
                # Only trust a band's winner if nothing outside the band could be closer.
                if d[j] <= band * 111.0 or band == 180.0:
                    return int(ids[j]), float(d[j])
        return -1, math.inf

    def nearest_timezone(self, lat: float, lon: float) -> str | None:
        """IANA zone of the nearest gazetteer place within TIMEZONE_MAX_KM, else None."""
        i, dist = self.nearest(lat, lon, cities_only=False)
        if i < 0 or dist > TIMEZONE_MAX_KM:
            return None
        return self.zones[self.zone_idx[i]] or None

    def score(self, i: int, default_country: str) -> float:
        cc = self.country_of(i)
        bonus = DEFAULT_COUNTRY_BONUS if cc == default_country else 0.0
        if cc in CORE_COUNTRIES:
            bonus += CORE_COUNTRY_BONUS
        return float(self.rank[i]) + bonus


_gazetteer: Gazetteer | None = None
_gazetteer_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use (thread-safe)."""
    global _gazetteer
    if _gazetteer is None:
        with _gazetteer_lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer()
    return _gazetteer


# --------------------------------------------------------------------------------------------
# Parsing seeker text
# --------------------------------------------------------------------------------------------

_COORDS = re.compile(
    r"^\s*(?P<lat>[-+]?\d{1,2}(?:\.\d+)?)\s*°?\s*(?P<ns>[NS])?\s*[,;\s]\s*"
    r"(?P<lon>[-+]?\d{1,3}(?:\.\d+)?)\s*°?\s*(?P<ew>[EW])?\s*$",
    re.IGNORECASE,
)
_US_ZIP = re.compile(r"^(\d{5})(?:-?\d{4})?$")
_CA_FULL = re.compile(r"^([A-Z]\d[A-Z])\s?(\d[A-Z]\d)$")
_CA_FSA = re.compile(r"^[A-Z]\d[A-Z]$")
_GB_FULL = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s?(\d[A-Z]{2})$")
_GB_OUT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_FOUR_DIGITS = re.compile(r"^\d{4}$")
_IE_FULL = re.compile(r"^([AC-FHKNPRTV-Y]\d{2}|D6W)\s?([AC-FHKNPRTV-Y\d]{4})$")
_IE_KEY = re.compile(r"^(?:[AC-FHKNPRTV-Y]\d{2}|D6W)$")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip()


def _postcode_keys(chunk: str) -> list[tuple[str, str]]:
    """(country, code in the gazetteer) readings of one chunk that looks like a postcode."""
    up = chunk.upper().strip()
    out: list[tuple[str, str]] = []
    if m := _US_ZIP.match(up):
        out.append(("US", m.group(1)))
    if m := _CA_FULL.match(up):
        out.append(("CA", m.group(1)))
    elif _CA_FSA.match(up):
        out.append(("CA", up))
    if m := _GB_FULL.match(up):
        out.append(("GB", m.group(1)))
    elif _GB_OUT.match(up):
        out.append(("GB", up))
    if _FOUR_DIGITS.match(up):
        out += [("AU", up), ("NZ", up)]
    if m := _IE_FULL.match(up):
        out.append(("IE", m.group(1)))
    elif _IE_KEY.match(up):
        out.append(("IE", up))
    return out


def _postcode_chunks(text: str) -> list[tuple[str, str, bool]]:
    """Pieces of text that may be a postcode: (piece, the rest, piece is a leading number)."""
    chunks: list[tuple[str, str, bool]] = []
    parts = [p.strip() for p in text.split(",")]
    for i, part in enumerate(parts):
        if part:
            chunks.append((part, ", ".join(p for j, p in enumerate(parts) if j != i), False))
    words = text.replace(",", " ").split()
    for size in (2, 1):  # "SW1A 1AA" is two words
        if len(words) > size:
            chunks.append((" ".join(words[-size:]), " ".join(words[:-size]), False))
            head = " ".join(words[:size])
            chunks.append((head, " ".join(words[size:]), head.isdigit()))
    return chunks


@dataclass
class _Hints:
    countries: set[str] | None = None
    regions: set[tuple[str, str]] | None = None
    fuzzy: bool = False  # the hint itself was a near miss ("Scotlnd")

    def allows(self, cc: str, region: str) -> bool:
        if self.countries is not None and cc not in self.countries:
            return False
        return self.regions is None or (cc, region) in self.regions


def _hint_parses(gaz: Gazetteer, tokens: list[str], text: str) -> list[tuple[str, _Hints]]:
    """Readings of the tokens as (name, hints), the most specific first."""
    parses: list[tuple[int, str, _Hints]] = []
    country_options: list[tuple[int, set[str] | None]] = [(0, None)]
    for size in (4, 3, 2, 1):
        if len(tokens) > size:
            code = gaz.country_by_key.get(" ".join(tokens[-size:]))
            if code:
                country_options.append((size, {code}))
    for c_size, countries in country_options:
        rest = tokens[: len(tokens) - c_size]
        region_options: list[tuple[int, set[tuple[str, str]] | None]] = [(0, None)]
        for size in (4, 3, 2, 1):
            if len(rest) > size:
                found = gaz.regions_by_key.get(" ".join(rest[-size:]), [])
                found = [r for r in found if countries is None or r[0] in countries]
                if found:
                    region_options.append((size, set(found)))
        for r_size, regions in region_options:
            name = " ".join(rest[: len(rest) - r_size])
            if name:
                specificity = (c_size > 0) + (r_size > 0)
                parses.append((specificity, name, _Hints(countries, regions)))
    parses.sort(key=lambda p: -p[0])  # stable: among equals, longer hints were added last
    out = [(name, hints) for _, name, hints in parses]
    if len(parses) == 1 and "," in text:
        out += _fuzzy_hint_parses(gaz, text)
    return out


def _fuzzy_hint_parses(gaz: Gazetteer, text: str) -> list[tuple[str, _Hints]]:
    """A misspelt region or country after the last comma ("Edinburgh, Scotlnd")."""
    head, _, tail = text.rpartition(",")
    name, tail = normalise_name(head), normalise_name(tail)
    if not name or len(tail) < FUZZY_MIN_CHARS:
        return []
    match = process.extractOne(
        tail, gaz.hint_vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_HINT_CUTOFF
    )
    if match is None:
        return []
    key = match[0]
    regions = {r for r in gaz.regions_by_key.get(key, []) if r[0] in CORE_COUNTRIES}
    if regions:
        return [(name, _Hints(regions=regions, fuzzy=True))]
    return [(name, _Hints(countries={gaz.country_by_key[key]}, fuzzy=True))]


def _alias_ids(gaz: Gazetteer, key: str) -> list[int]:
    target = ALIASES.get(key)
    if not target:
        return []
    name, cc, region = target
    return [
        i
        for i in gaz.ids_for(normalise_name(name))
        if gaz.country_of(i) == cc and gaz.region_codes[i] == region
    ][:1]


def _rank(gaz: Gazetteer, ids: list[int], default_country: str) -> list[int]:
    """Distinct places, best ranking score first."""
    return _dedupe(sorted(set(ids), key=lambda i: (-gaz.score(i, default_country), i)), gaz)


def _fuzzy_matches(
    gaz: Gazetteer, name: str, hints: _Hints, default_country: str, cutoff: float
) -> list[tuple[float, int]]:
    """(similarity, row id) of places whose names are near `name`, best first.

    Similarity is RapidFuzz's fuzz.ratio (0–100); the order adds population
    (``FUZZY_POPULATION_WEIGHT`` × the population score) so a big city beats a hamlet
    one letter closer. Names containing digits are not fuzzed: they are house numbers.
    """
    if len(name) < FUZZY_MIN_CHARS or any(ch.isdigit() for ch in name):
        return []
    countries = sorted(hints.countries or {cc for cc, _ in hints.regions or ()})
    # Typos rarely hit the first letter: search names sharing it first, then (for a typo in
    # the first letter) the whole vocabulary of the hinted or default country. A region hint
    # makes the vocabulary small enough to search whole.
    if hints.regions:
        first = [gaz.vocab_by_region.get(r, []) for r in sorted(hints.regions)]
        second = []
    elif countries:
        first = [gaz.vocab_by_country_initial.get((cc, name[0]), []) for cc in countries]
        second = [gaz.vocab_by_country.get(cc, []) for cc in countries]
    else:
        first = [gaz.vocab_by_initial.get(name[0], [])]
        second = [gaz.vocab_by_country.get(default_country, [])]
    matches: list[tuple[str, float]] = []
    for vocabularies in (first, second):
        for vocab in vocabularies:
            matches += [
                (m[0], m[1])
                for m in process.extract(
                    name, vocab, scorer=fuzz.ratio, limit=25, score_cutoff=cutoff
                )
            ]
        if any(similarity >= FUZZY_CUTOFF for _, similarity in matches):
            break
    # Unhinted typos are read as places in Circles' countries (or the default one).
    home = None if countries else {*CORE_COUNTRIES, default_country}
    scored: list[tuple[float, float, int]] = []
    for key, similarity in matches:
        for i in gaz.ids_for(key):
            cc = gaz.country_of(i)
            if hints.allows(cc, gaz.region_codes[i]) and (home is None or cc in home):
                rank = similarity + FUZZY_POPULATION_WEIGHT * gaz.score(i, default_country)
                scored.append((rank, similarity, i))
    scored.sort(key=lambda s: -s[0])
    kept = set(_dedupe([i for _, _, i in scored], gaz))
    out = []
    for _, similarity, i in scored:
        if i in kept:
            kept.discard(i)
            out.append((similarity, i))
    return out


def _fuzzy_ids(
    gaz: Gazetteer, name: str, hints: _Hints, default_country: str, cutoff: float
) -> list[int]:
    """Row ids whose names are at least `cutoff` similar to `name`, best first."""
    return [i for _, i in _fuzzy_matches(gaz, name, hints, default_country, cutoff)]


def _dedupe(ids: list[int], gaz: Gazetteer) -> list[int]:
    """Keep the first of rows naming the same place (same name, country and region)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for i in ids:
        ident = (gaz.keys[i], gaz.country_of(i), gaz.region_codes[i])
        if ident not in seen:
            seen.add(ident)
            out.append(i)
    return out


def _largest_in(gaz: Gazetteer, hints: _Hints, default_country: str) -> int | None:
    """The best-ranked city of the hinted regions (countries are not asked for)."""
    ids = [gaz.largest_in_region.get(r) for r in sorted(hints.regions or ())]
    ids = [i for i in ids if i is not None]
    return max(ids, key=lambda i: gaz.score(i, default_country)) if ids else None


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _resolve(text: str, default_country: str, online: NominatimFallback | None) -> Resolution:
    gaz = get_gazetteer()
    default_country = (default_country or "US").upper()
    cleaned = _clean(text)
    if len(cleaned) > MAX_INPUT_CHARS:
        return Resolution(query=cleaned[:MAX_INPUT_CHARS], place=None, message=TOO_LONG_MESSAGE)
    tokens = normalise_name(cleaned).split()
    if not tokens:
        return Resolution(query=cleaned, place=None, message=EMPTY_MESSAGE)

    # 1. Coordinates.
    if m := _COORDS.match(cleaned):
        lat, lon = float(m.group("lat")), float(m.group("lon"))
        if (m.group("ns") or "").upper() == "S":
            lat = -abs(lat)
        if (m.group("ew") or "").upper() == "W":
            lon = -abs(lon)
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Resolution(query=cleaned, place=_coordinates_place(gaz, lat, lon))

    # 2. Postcodes.
    postcode = _resolve_postcode(gaz, cleaned, default_country)
    if postcode is not None:
        return postcode

    # 3. Words that are not places: "near me" needs the device's location, "online" a filter.
    whole = " ".join(tokens)
    if whole in NEAR_ME_PHRASES:
        return Resolution(query=cleaned, place=None, message=NEAR_ME_MESSAGE)
    if whole in NOT_PLACES:
        return Resolution(
            query=cleaned, place=None, message=NOT_A_PLACE_MESSAGE.format(text=_shown(cleaned))
        )

    # 4–5. Exact names, also without filler words ("in Portland", "Greater London"), then
    # typos; then the place inside an address or beside an unknown postcode. An exact answer
    # with a message (a region or a whole country) is final.
    resolution = _resolve_name(gaz, cleaned, tokens, default_country, exact_only=True)
    if resolution.place is None and resolution.message is None:
        for variant in _without_fillers(tokens):
            found = _resolve_name(gaz, cleaned, variant, default_country, exact_only=True)
            if found.place is not None and found.message is None:
                resolution = found
                break
    if resolution.place is None and resolution.message is None:
        resolution = _resolve_name(gaz, cleaned, tokens, default_country)
        for tail in _fallback_texts(cleaned) if resolution.place is None else ():
            tail_tokens = normalise_name(tail).split()
            found = _resolve_name(gaz, tail, tail_tokens, default_country, exact_only=True)
            if found.place is not None and found.message is None:
                resolution = Resolution(
                    query=cleaned,
                    place=dc_replace(found.place, approximate=True),
                    alternatives=found.alternatives,
                )
                break
    if resolution.place is None and online is not None:
        found = online.lookup(cleaned, country_codes=None)
        if found is not None:
            return Resolution(query=cleaned, place=found)
    return resolution


def _without_fillers(tokens: list[str]) -> list[list[str]]:
    """The tokens without leading words like "in", "near", "greater" and trailing "area"."""
    start, end = 0, len(tokens)
    while start < end - 1 and tokens[start] in LEADING_FILLERS:
        start += 1
    while end - 1 > start and tokens[end - 1] in TRAILING_FILLERS:
        end -= 1
    return [tokens[start:end]] if (start, end) != (0, len(tokens)) else []


def _fallback_texts(cleaned: str):
    """Shorter readings of text that named no place as a whole, most informative first."""
    # "1234 Main St, Portland, OR": the parts after each comma.
    parts = [p for p in cleaned.split(",") if normalise_name(p)]
    for k in range(1, len(parts)):
        yield ",".join(parts[k:])
    # "Portland, OR 99999": without a postcode-shaped piece that matched no postcode.
    for chunk, rest, _ in _postcode_chunks(cleaned):
        if rest and _postcode_keys(chunk):
            yield rest
    # "1234 Main St Portland OR": ever shorter tails after a house number.
    words = cleaned.replace(",", " ").split()
    if words and words[0].isdigit():
        for k in range(1, len(words)):
            yield " ".join(words[k:])


def _coordinates_place(gaz: Gazetteer, lat: float, lon: float) -> Place:
    i, dist = gaz.nearest(lat, lon)
    near = gaz.place(i) if i >= 0 and dist <= TIMEZONE_MAX_KM else None
    return Place(
        name=near.name if near else f"{lat:.4f}, {lon:.4f}",
        region=near.region if near else "",
        region_code=near.region_code if near else "",
        country=near.country if near else "",
        country_name=near.country_name if near else "",
        lat=lat,
        lon=lon,
        timezone=timezone_at(lat, lon),
        kind="coordinates",
        approximate=False,
    )


def _country_hint(gaz: Gazetteer, text: str) -> set[str] | None:
    """Countries named or implied (by a core region name or code) anywhere in `text`."""
    tokens = normalise_name(text).split()
    found: set[str] = set()
    for size in (4, 3, 2, 1):
        for start in range(0, max(0, len(tokens) - size + 1)):
            key = " ".join(tokens[start : start + size])
            if key in gaz.country_by_key:
                found.add(gaz.country_by_key[key])
            for cc, _ in gaz.regions_by_key.get(key, []):
                if cc in CORE_COUNTRIES:
                    found.add(cc)
    return found or None


def _mentions(gaz: Gazetteer, rest: str, place: Place) -> bool:
    """Does the rest of the text name this postcode's place or region?"""
    padded = f" {normalise_name(rest)} "
    if padded.strip() == "":
        return False
    keys = [normalise_name(place.name), normalise_name(place.region)]
    keys += gaz.region_keys.get((place.country, place.region_code), [])
    return any(f" {k} " in padded for k in keys if k)


def _resolve_postcode(gaz: Gazetteer, cleaned: str, default_country: str) -> Resolution | None:
    candidates: list[tuple[Place, bool]] = []  # place, the rest of the text names it
    rest = ""
    for chunk, rest, leading_number in _postcode_chunks(cleaned):
        for cc, code in _postcode_keys(chunk):
            place = gaz.postcode_place(cc, code)
            if (
                place is None
                and cc == "GB"
                and code[-1].isalpha()
                and _GB_FULL.match(chunk.upper())
            ):
                # A sub-district missing from the data ("SW1W"): its parent district.
                place = gaz.postcode_place(cc, code[:-1], approximate=True)
            if place is None:
                continue
            named = _mentions(gaz, rest, place)
            rest_key = normalise_name(rest)
            # "1234 Main St, …" starts with a street number: a postcode there only counts
            # when the rest is empty, names the postcode's place, or is a country or region.
            if (
                leading_number
                and rest_key
                and not (named or rest_key in gaz.country_by_key or rest_key in gaz.regions_by_key)
            ):
                continue
            candidates.append((place, named))
        if candidates:
            break
    if not candidates:
        return None
    hinted = _country_hint(gaz, rest) if rest else None
    if hinted and not any(p.country in hinted for p, _ in candidates):
        return None  # "Portland, OR 4000": not an Australian postcode after all
    order = {cc: n for n, cc in enumerate(CORE_COUNTRIES)}

    def preference(c: tuple[Place, bool]) -> tuple[int, int, int, int]:
        place, named = c
        return (
            0 if named else 1,
            0 if hinted and place.country in hinted else 1,
            0 if place.country == default_country else 1,
            order.get(place.country, 99),
        )

    candidates.sort(key=preference)
    places = list(dict.fromkeys(p for p, _ in candidates))
    return Resolution(query=cleaned, place=places[0], alternatives=places[1 : 1 + MAX_ALTERNATIVES])


def _resolve_name(
    gaz: Gazetteer,
    cleaned: str,
    tokens: list[str],
    default_country: str,
    *,
    exact_only: bool = False,
) -> Resolution:
    whole = " ".join(tokens)
    parses = _hint_parses(gaz, tokens, cleaned)
    best_ids: list[int] = []
    best_hints = _Hints()
    best_name = whole
    for name, hints in parses:
        ids = _alias_ids(gaz, name) if hints.countries is None and hints.regions is None else []
        ids = [i for i in ids if hints.allows(gaz.country_of(i), gaz.region_codes[i])]
        ids += [
            i for i in gaz.ids_for(name) if hints.allows(gaz.country_of(i), gaz.region_codes[i])
        ]
        if ids:
            best_ids = ids if ALIASES.get(name) else _rank(gaz, ids, default_country)
            best_hints = hints
            best_name = name
            break

    # The whole text may name a region or a country ("Oregon", "Queensland", "Canada").
    region_hits = gaz.regions_by_key.get(whole, [])
    country_hit = gaz.country_by_key.get(whole)
    area = None
    core_regions = {r for r in region_hits if r[0] in CORE_COUNTRIES}
    if core_regions:
        area = _Hints(regions=core_regions)
    elif country_hit:
        area = _Hints(countries={country_hit})
    elif region_hits:
        area = _Hints(regions=set(region_hits))
    if area is not None and (
        not best_ids
        or max(int(gaz.population[i]) for i in best_ids) < REGION_NAMED_CITY_MIN_POPULATION
    ):
        if area.countries:
            # A whole country is no place to measure distance from.
            return Resolution(
                query=cleaned,
                place=None,
                alternatives=[gaz.place(i) for i in best_ids[:MAX_ALTERNATIVES]],
                message=COUNTRY_MESSAGE.format(text=_shown(cleaned)),
            )
        big = _largest_in(gaz, area, default_country)
        if big is not None:
            place = gaz.place(big, approximate=True)
            area_name = (place.region if area.regions else place.country_name) or place.country_name
            return Resolution(
                query=cleaned,
                place=place,
                alternatives=[gaz.place(i) for i in best_ids[:MAX_ALTERNATIVES]],
                message=REGION_MESSAGE.format(label=place.label, region=area_name),
            )

    if best_ids:
        alternatives = best_ids[1:]
        if best_hints.countries or best_hints.regions:
            # Same name elsewhere, as "did you mean" alternatives.
            others = _rank(gaz, list(gaz.ids_for(best_name)), default_country)
            alternatives += [i for i in others if i not in best_ids]
        alternatives = _dedupe([best_ids[0], *alternatives], gaz)[1:]
        place = gaz.place(best_ids[0], approximate=best_hints.fuzzy)
        return Resolution(
            query=cleaned,
            place=place,
            alternatives=[gaz.place(i) for i in alternatives[:MAX_ALTERNATIVES]],
            message=(
                FUZZY_MESSAGE.format(text=_shown(cleaned), label=place.label)
                if best_hints.fuzzy
                else None
            ),
        )

    if exact_only:
        return Resolution(query=cleaned, place=None)

    # Typos: the most specific reading first; weaker matches become suggestions.
    suggestions: list[str] = []
    for name, hints in parses:
        matches = _fuzzy_matches(gaz, name, hints, default_country, SUGGESTION_CUTOFF)
        ids = [i for similarity, i in matches if similarity >= FUZZY_CUTOFF]
        if not suggestions:
            suggestions = [gaz.place(i).label for _, i in matches[:MAX_ALTERNATIVES]]
        if ids:
            place = gaz.place(ids[0], approximate=True)
            alternatives = [gaz.place(i, approximate=True) for i in ids[1 : 1 + MAX_ALTERNATIVES]]
            return Resolution(
                query=cleaned,
                place=place,
                alternatives=alternatives,
                message=FUZZY_MESSAGE.format(text=_shown(cleaned), label=place.label),
                suggestions=[p.label for p in alternatives],
            )

    return Resolution(
        query=cleaned,
        place=None,
        message=NOT_FOUND_MESSAGE.format(text=_shown(cleaned)),
        suggestions=suggestions,
    )


# --------------------------------------------------------------------------------------------
# Public services
# --------------------------------------------------------------------------------------------


def resolve_place(
    text: str,
    *,
    default_country: str = "US",
    online: NominatimFallback | None = None,
    prefer_country: str | None = None,
) -> Resolution:
    """Resolve what a seeker typed to a best place and up to five alternatives; never raises.

    `prefer_country` is the seeker's own country (from their time zone): an ambiguous name
    ("Perth", "Manchester") resolves to a place there whenever one was among the candidates,
    and the others stay as "did you mean" alternatives.
    """
    if not isinstance(text, str):
        return Resolution(query="", place=None, message=EMPTY_MESSAGE)
    try:
        resolution = _resolve(text, (prefer_country or default_country), online)
        return _prefer(resolution, (prefer_country or "").upper(), text)
    except Exception:  # a bug must not turn a search into a 500; it is logged, not hidden
        log.exception("place resolution failed")
        shown = _shown(_clean(text)[:MAX_INPUT_CHARS])
        return Resolution(query=shown, place=None, message=NOT_FOUND_MESSAGE.format(text=shown))


# The seeker's own country wins an ambiguous name unless its place is tiny beside the best
# one: a Chicago seeker typing "London" means England, not a town of 8,000 in Kentucky.
PREFER_MIN_POPULATION_SHARE = 0.01


def _prefer(resolution: Resolution, country: str, text: str) -> Resolution:
    """The resolution with its best place in `country` when an alternative there has the
    bare name typed (no region or country hint: "Perth, WA" stays in Australia) and is not
    tiny beside the best match (PREFER_MIN_POPULATION_SHARE)."""
    place = resolution.place
    if not country or place is None or place.country == country or place.kind != "city":
        return resolution
    words = len(normalise_name(_clean(text)).split())
    for i, alt in enumerate(resolution.alternatives):
        if alt.country == country and len(normalise_name(alt.name).split()) == words:
            if place.population and (alt.population or 0) < \
                    PREFER_MIN_POPULATION_SHARE * place.population:
                break
            others = [place, *resolution.alternatives[:i], *resolution.alternatives[i + 1:]]
            message = resolution.message and resolution.message.replace(place.label, alt.label)
            return dc_replace(resolution, place=alt, alternatives=others[:MAX_ALTERNATIVES],
                              message=message)
    return resolution


def geocode_address(
    *,
    address: str | None = None,
    city: str | None = None,
    region: str | None = None,
    postal_code: str | None = None,
    country: str | None = None,
    default_country: str = "US",
) -> Place | None:
    """A listing address to a postcode or city centroid (approximate=True), or None.

    For save and import time, never a search request. The postcode wins, then the city
    (within the region and country when given); a bare street address is read like seeker
    text. With no country given it is inferred from the region ("ON" → Canada), else the
    default country. None when nothing matches: the caller keeps the listing and flags it.
    """
    gaz = get_gazetteer()
    default_country = (default_country or "US").upper()
    cc = _country_code(gaz, country)
    if cc is None and region and region.strip():
        cc = _country_of_region(gaz, region, default_country)
    explicit = cc is not None
    cc = cc or default_country

    if postal_code and postal_code.strip():
        readings = _postcode_keys(_clean(postal_code))
        # Without a stated country any reading will do, the default country's first.
        readings.sort(key=lambda k: (k[0] != cc, CORE_COUNTRIES.index(k[0])))
        for key_cc, code in readings:
            if explicit and key_cc != cc:
                continue
            place = gaz.postcode_place(key_cc, code, approximate=True)
            if place is None and key_cc == "GB" and code[-1].isalpha():
                place = gaz.postcode_place(key_cc, code[:-1], approximate=True)
            if place is not None:
                return place

    if city and city.strip():
        regions = _region_codes(gaz, cc, region)
        hints = _Hints(countries={cc}, regions={(cc, r) for r in regions} if regions else None)
        key = normalise_name(_clean(city))
        ids = [i for i in gaz.ids_for(key) if hints.allows(gaz.country_of(i), gaz.region_codes[i])]
        ids = _rank(gaz, ids, cc) or _fuzzy_ids(gaz, key, hints, cc, GEOCODE_FUZZY_CUTOFF)
        if ids:
            return gaz.place(ids[0], approximate=True)

    if address and address.strip():
        resolution = resolve_place(address, default_country=cc)
        if resolution.place is not None and (not explicit or resolution.place.country == cc):
            return _approximate(resolution.place)
    return None


def _country_of_region(gaz: Gazetteer, region: str, default_country: str) -> str | None:
    key = normalise_name(_clean(region))
    countries = [rcc for rcc, _ in gaz.regions_by_key.get(key, []) if rcc in CORE_COUNTRIES]
    if default_country in countries:
        return default_country
    return countries[0] if countries else None


def _approximate(place: Place) -> Place:
    return dc_replace(place, approximate=True)


def _country_code(gaz: Gazetteer, country: str | None) -> str | None:
    if not country or not country.strip():
        return None
    key = normalise_name(_clean(country))
    if key.upper() in gaz.country_names:
        return key.upper()
    return gaz.country_by_key.get(key)


def _region_codes(gaz: Gazetteer, cc: str, region: str | None) -> set[str]:
    if not region or not region.strip():
        return set()
    key = normalise_name(_clean(region))
    return {code for rcc, code in gaz.regions_by_key.get(key, []) if rcc == cc}


_tzfinder: Any = None
_tzfinder_lock = threading.RLock()


def timezone_at(lat: float, lon: float) -> str | None:
    """IANA zone at a point: timezonefinder when installed, else the nearest gazetteer place.

    timezonefinder is a build-time dependency only. Without it the zone is the one of the nearest
    gazetteer city, locality or postcode centroid within TIMEZONE_MAX_KM, which is right
    everywhere except within a few km of a zone boundary; None at sea or far from any place.
    """
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        return None
    finder = _get_tzfinder()
    if finder is not None:
        try:
            with _tzfinder_lock:  # its file-backed lookups are not documented thread-safe
                zone = finder.timezone_at(lng=lon, lat=lat)
        except ValueError:
            zone = None
        if zone and not zone.startswith("Etc/"):
            return zone
    return get_gazetteer().nearest_timezone(lat, lon)


def _get_tzfinder() -> Any:
    global _tzfinder
    if _tzfinder is None:
        with _tzfinder_lock:
            if _tzfinder is None:
                try:
                    from timezonefinder import TimezoneFinder
                except ImportError:
                    _tzfinder = False
                else:
                    _tzfinder = TimezoneFinder(in_memory=True)  # no files held open
    return _tzfinder or None


# --------------------------------------------------------------------------------------------
# Optional online geocoding
# --------------------------------------------------------------------------------------------


class NominatimFallback:
    """Online geocoding through geopy's Nominatim, tried only after an offline miss.

    One request per lookup (timeout 2 s, no retries); answers, including "not found", are kept
    in a small in-process LRU cache; any network or service error gives None. Nominatim's
    usage policy allows one request a second: a lookup sooner than that after the previous
    request is skipped (None), never queued, so a search never waits on it. Make one per
    process, e.g. ``make_online_geocoder(config["GEOCODER"], user_agent=...)``.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 2.0,
        cache_size: int = 256,
        geocoder: Any = None,
        domain: str | None = None,
        min_interval: float = 1.0,
        clock: Any = time.monotonic,
    ) -> None:
        if (
            not user_agent
            or not user_agent.strip()
            or user_agent.strip().lower()
            in {
                "geopy",
                "python",
                "test",
            }
        ):
            raise ValueError("Nominatim needs a real user agent naming this site and a contact")
        self.user_agent = user_agent.strip()
        self.timeout = timeout
        self.cache_size = cache_size
        self._geocoder = geocoder
        self._domain = domain
        self._cache: OrderedDict[tuple[str, tuple[str, ...]], Place | None] = OrderedDict()
        self._lock = threading.Lock()
        self.min_interval = min_interval
        self._clock = clock
        self._last_request = -math.inf

    def _client(self) -> Any:
        if self._geocoder is None:
            from geopy.adapters import URLLibAdapter  # urllib: one attempt, no retry policy
            from geopy.geocoders import Nominatim

            kwargs: dict[str, Any] = {"user_agent": self.user_agent, "timeout": self.timeout}
            if self._domain:
                kwargs["domain"] = self._domain
            self._geocoder = Nominatim(adapter_factory=URLLibAdapter, **kwargs)
        return self._geocoder

    def lookup(self, text: str, *, country_codes: list[str] | None = None) -> Place | None:
        """The place Nominatim finds for `text`, or None (also on any network error)."""
        query = _clean(text)[:MAX_INPUT_CHARS]
        if not normalise_name(query):
            return None
        key = (query.casefold(), tuple(sorted(c.lower() for c in country_codes or [])))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            now = self._clock()
            if now - self._last_request < self.min_interval:
                log.info("online geocoder skipped: one request a second")
                return None
            self._last_request = now
        try:
            location = self._client().geocode(
                query,
                exactly_one=True,
                addressdetails=True,
                country_codes=list(key[1]) or None,
                timeout=self.timeout,
            )
        except Exception as exc:  # geopy, socket and SSL errors all mean "offline"
            log.info("online geocoder unavailable: %s", type(exc).__name__)
            return None  # not cached: the network may come back
        place = _place_from_location(location) if location is not None else None
        with self._lock:
            self._cache[key] = place
            self._cache.move_to_end(key)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return place


def _place_from_location(location: Any) -> Place | None:
    try:
        lat, lon = float(location.latitude), float(location.longitude)
    except (AttributeError, TypeError, ValueError):
        return None
    raw = getattr(location, "raw", None) or {}
    address = raw.get("address", {}) if isinstance(raw, dict) else {}
    name = next(
        (
            address[k]
            for k in ("city", "town", "village", "hamlet", "suburb", "county")
            if address.get(k)
        ),
        str(getattr(location, "address", "") or "").split(",")[0].strip(),
    )
    cc = str(address.get("country_code", "")).upper()
    region_name = str(address.get("state", ""))
    gaz = get_gazetteer()
    region_code = next(
        (
            code
            for rcc, code in gaz.regions_by_key.get(normalise_name(region_name), [])
            if rcc == cc
        ),
        "",
    )
    postcode = address.get("postcode")
    return Place(
        name=name,
        region=region_name,
        region_code=region_code,
        country=cc,
        country_name=gaz.country_names.get(cc, str(address.get("country", cc))),
        lat=lat,
        lon=lon,
        timezone=timezone_at(lat, lon),
        kind="postcode" if address.get("postcode") and name == postcode else "city",
        approximate=False,
        postcode=None,
    )


def make_online_geocoder(
    geocoder: str | None, *, user_agent: str | None = None
) -> NominatimFallback | None:
    """The online fallback named by the GEOCODER setting ("offline" or "nominatim")."""
    name = (geocoder or "offline").strip().lower()
    if name in ("", "offline", "none"):
        return None
    if name == "nominatim":
        return NominatimFallback(user_agent=user_agent or "")
    raise ValueError(f"unknown GEOCODER {geocoder!r}: use 'offline' or 'nominatim'")
