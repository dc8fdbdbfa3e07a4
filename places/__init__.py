"""places: a small pure library that turns what a person typed, or a listing's address, into a
place with coordinates and an IANA time zone — offline, from a GeoNames-derived gazetteer
shipped as package data (places/data/, CC BY 4.0, see data/ATTRIBUTION.md).

Like ``matching``, it imports no Flask, no SQLModel and no clock, and touches the network
only through an online fallback (:class:`places.online.NominatimFallback`) that a caller makes
and passes in. Modules: model (Place, Resolution, name folding, distances), gazetteer
(loading and lookups), resolve (seeker text and addresses), timezones, online.

Example:
    >>> from places import resolve_place
    >>> resolve_place("Portland, OR").place.name
    'Portland'
"""

from places.gazetteer import Gazetteer, get_gazetteer
from places.model import (
    MAX_ALTERNATIVES,
    Place,
    Resolution,
    haversine_km,
    haversine_km_many,
    normalise_name,
)
from places.resolve import geocode_address, resolve_place
from places.timezones import timezone_at

__all__ = [
    "MAX_ALTERNATIVES",
    "Gazetteer",
    "Place",
    "Resolution",
    "geocode_address",
    "get_gazetteer",
    "haversine_km",
    "haversine_km_many",
    "normalise_name",
    "resolve_place",
    "timezone_at",
]
