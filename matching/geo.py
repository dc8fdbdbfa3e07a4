"""Great-circle distances, vectorised, and distance scoring."""

from __future__ import annotations

import math

import numpy as np

from matching import weights as W
from matching.grow import appended, roomy

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Distances (km) from one point to arrays of points given in degrees. NaN stays NaN."""
    lat1 = math.radians(lat)
    lon1 = math.radians(lon)
    lat2 = np.radians(lats)
    lon2 = np.radians(lons)
    a = np.sin((lat2 - lat1) * 0.5) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin(
        (lon2 - lon1) * 0.5) ** 2
    return (2.0 * EARTH_RADIUS_KM) * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


class PointTable:
    """Group places as precomputed radians, for a fast per-query haversine.

    float64 keeps "nearer" strictly ordered even for groups metres apart; at 100,000 groups
    the whole computation still takes well under a millisecond.
    """

    def __init__(self, lats: np.ndarray, lons: np.ndarray) -> None:
        # With room to grow: extended() appends points in place (matching/grow.py).
        self.lat = roomy(np.radians(np.asarray(lats, dtype=np.float64)))
        self.lon = roomy(np.radians(np.asarray(lons, dtype=np.float64)))
        self.cos_lat = roomy(np.cos(self.lat))

    def extended(self, more: PointTable) -> PointTable:
        """A new table: these points, then ``more``'s (this one unchanged)."""
        out = PointTable.__new__(PointTable)
        out.lat = appended(self.lat, more.lat)
        out.lon = appended(self.lon, more.lon)
        out.cos_lat = appended(self.cos_lat, more.cos_lat)
        return out

    def distances_km(self, lat: float, lon: float, rows: np.ndarray | None = None) -> np.ndarray:
        """Distances (km) from (lat, lon) to every row (or the given rows); NaN = no place."""
        plat, plon, pcos = self.lat, self.lon, self.cos_lat
        if rows is not None:
            plat, plon, pcos = plat[rows], plon[rows], pcos[rows]
        lat1 = math.radians(lat)
        lon1 = math.radians(lon)
        a = np.sin((plat - lat1) * 0.5) ** 2 + math.cos(lat1) * pcos * (
            np.sin((plon - lon1) * 0.5) ** 2)
        np.clip(a, 0.0, 1.0, out=a)
        return (2.0 * EARTH_RADIUS_KM) * np.arcsin(np.sqrt(a))


def distance_score(distance_km: np.ndarray, radius_km: float) -> np.ndarray:
    """Score 0–1 for in-person distance: exp(-DISTANCE_DECAY · d / radius); NaN → unknown."""
    radius = max(radius_km, 1e-6)
    score = np.exp(-W.DISTANCE_DECAY * np.asarray(distance_km, dtype=np.float64) / radius)
    return np.where(np.isnan(score), W.DISTANCE_UNKNOWN_SCORE, score)


def format_distance(km: float, units: str) -> str:
    """"2.3 mi" / "850 m" style text."""
    if units == "km":
        if km < 1:
            return f"{max(km * 1000, 0):.0f} m"
        return f"{km:.1f} km" if km < 10 else f"{km:.0f} km"
    miles = km / KM_PER_MILE
    return f"{miles:.1f} mi" if miles < 10 else f"{miles:.0f} mi"
