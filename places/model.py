"""Places: the value types (Place, Resolution), name folding, messages and distances."""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


GAZETTEER_DIR = Path(__file__).resolve().parent / "data"  # package data

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


def clean_text(text: str) -> str:
    """Control and invisible characters to spaces, NFKC, runs of space folded."""
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip()


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
