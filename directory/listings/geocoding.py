"""The configured geocoder for saving listings: the offline gazetteer (postcode or city
centroid, with DEFAULT_COUNTRY for ambiguous places), then the optional online fallback,
and time zones from coordinates. Used when a listing is saved, never during a search."""

from __future__ import annotations

import places
from directory.listings.store import Geocoder, GeocodeResult
from places.online import NominatimFallback


def listing_geocoder(
    *, default_country: str = "US", online: NominatimFallback | None = None
) -> Geocoder:
    """The one geocoder every door that saves a listing uses."""

    def locate(**fields: str | None) -> GeocodeResult | None:
        place = places.geocode_address(**fields, default_country=default_country)
        if place is None and online is not None:
            text = ", ".join(v for v in (fields.get("address"), fields.get("city"),
                                         fields.get("region"), fields.get("postal_code"))
                             if v)
            country = fields.get("country")
            place = online.lookup(text, country_codes=[country.lower()] if country else None) \
                if text else None
        if place is None:
            return None
        return GeocodeResult(place.lat, place.lon, approximate=True)

    return Geocoder(locate=locate, timezone_at=places.timezone_at)
