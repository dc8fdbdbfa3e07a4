"""IANA time zones at a point: timezonefinder when installed, else the nearest gazetteer place."""

from __future__ import annotations

import logging
import math
import threading
from typing import Any

from places.gazetteer import get_gazetteer

log = logging.getLogger(__name__)

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
