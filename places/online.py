"""Optional online geocoding (Nominatim through geopy), tried only after an offline miss.

The only module of places that can reach the network, and only when an instance is made
and asked; importing it loads nothing networked."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict
from typing import Any

from places.gazetteer import get_gazetteer
from places.model import MAX_INPUT_CHARS, Place, clean_text, normalise_name
from places.timezones import timezone_at

log = logging.getLogger(__name__)


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
        query = clean_text(text)[:MAX_INPUT_CHARS]
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
