"""Great-circle distances, vectorised, and distance scoring."""

from __future__ import annotations

import math

import numpy as np

from matching import weights as W
from matching.select import MASK_SORT_MIN

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


def chord2_of_km(km: float) -> float:
    """The squared chord between unit vectors ``km`` apart on the earth (4 beyond half of it)."""
    angle = min(max(km, 0.0) / EARTH_RADIUS_KM, math.pi)
    return (2.0 * math.sin(angle / 2.0)) ** 2


def km_of_chord2(chord2: np.ndarray) -> np.ndarray:
    """Great-circle kilometres from squared chords (the inverse of :func:`chord2_of_km`)."""
    half = np.sqrt(chord2) * 0.5
    np.minimum(half, 1.0, out=half)
    return (2.0 * EARTH_RADIUS_KM) * np.arcsin(half)


def _unit(lat: np.ndarray | float, lon: np.ndarray | float) -> tuple:
    lat_r, lon_r = np.radians(lat), np.radians(lon)
    cos_lat = np.cos(lat_r)
    return cos_lat * np.cos(lon_r), cos_lat * np.sin(lon_r), np.sin(lat_r)


class PlaceTable:
    """The groups' places in latitude order, as unit vectors, for the radius search.

    A radius is a latitude band (two binary searches) whose places are measured where they
    lie, in one contiguous run with nothing gathered: the squared chord between unit vectors
    is exact in float64 for places metres apart, orders like the great-circle distance and
    takes no sine, so the band is compared with the radius's chord and kilometres are taken
    later, only for the rows a search reads (:func:`km_of_chord2`).

    ``owner`` is each place's row; ``multi`` marks the places of rows with more than one
    (their nearest is kept). Invalid points are left out before they get here.
    """

    def __init__(self, owner: np.ndarray, lat: np.ndarray, lon: np.ndarray,
                 multi: np.ndarray) -> None:
        order = np.argsort(np.asarray(lat, dtype=np.float64), kind="stable")
        self.lat = np.asarray(lat, dtype=np.float64)[order]
        self.x, self.y, self.z = _unit(self.lat, np.asarray(lon, dtype=np.float64)[order])
        self.owner = np.asarray(owner, dtype=np.int64)[order]
        self.multi = np.asarray(multi, dtype=bool)[order]

    @property
    def size(self) -> int:
        return int(self.lat.size)

    def extended(self, more: PlaceTable, base: int) -> PlaceTable:
        """A new table: these places and ``more``'s (their rows offset by ``base``), merged
        into latitude order as a stable sort of all of them would put them."""
        out = PlaceTable.__new__(PlaceTable)
        at = np.searchsorted(self.lat, more.lat, side="right")
        for key in ("lat", "x", "y", "z", "owner", "multi"):
            extra = getattr(more, key) + base if key == "owner" else getattr(more, key)
            setattr(out, key, np.insert(getattr(self, key), at, extra))
        return out

    def near(self, lat: float, lon: float, radius_km: float | None, size: int) -> Near:
        """The rows (each < ``size``) with a place within ``radius_km`` of (lat, lon) —
        None: any place — and the squared chord to each row's nearest place."""
        if radius_km is None:
            lo, hi = 0, self.size
        else:
            # A degree of latitude is 111.2 km or more: the band is a hair wider than needed
            # (a place in it beyond the radius is left out by its chord).
            band = radius_km / 111.0 + 0.01
            lo, hi = (int(i) for i in np.searchsorted(self.lat, (lat - band, lat + band)))
        if hi <= lo:
            return Near.empty(size)
        qx, qy, qz = (float(v) for v in _unit(lat, lon))
        chord2 = self.x[lo:hi] - qx
        chord2 *= chord2
        part = self.y[lo:hi] - qy
        part *= part
        chord2 += part
        np.subtract(self.z[lo:hi], qz, out=part)
        part *= part
        chord2 += part
        owner, multi = self.owner[lo:hi], self.multi[lo:hi]
        if radius_km is not None:
            keep = chord2 <= chord2_of_km(radius_km)
            chord2, owner, multi = chord2[keep], owner[keep], multi[keep]
        if not owner.size:
            return Near.empty(size)
        # Each row's chord written where the row is (only the rows measured are touched);
        # a row with several places keeps its nearest.
        nearest = np.empty(size)
        nearest[owner] = chord2
        several = bool(multi.any())
        if several:
            np.minimum.at(nearest, owner[multi], chord2[multi])
        measured = np.zeros(size, dtype=bool)
        measured[owner] = True
        if owner.size < MASK_SORT_MIN or owner.size * 16 < size:
            rows = np.unique(owner) if several else np.sort(owner)
        else:
            rows = np.flatnonzero(measured)  # as select.ascending: the flags read back
        return Near(rows, nearest[rows], measured, nearest)


class Near:
    """What :meth:`PlaceTable.near` measured: ``rows`` (ascending) and ``chord2``, the
    squared chord to each one's nearest place; and per row of the index, whether it was
    measured (``measured``) and that chord (``nearest``, read only where measured), so a
    search looks rows up by position instead of a binary search."""

    def __init__(self, rows: np.ndarray, chord2: np.ndarray, measured: np.ndarray,
                 nearest: np.ndarray) -> None:
        self.rows, self.chord2, self.measured, self.nearest = rows, chord2, measured, nearest

    @classmethod
    def empty(cls, size: int) -> Near:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(size, dtype=bool),
                   np.zeros(size))

    def at(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Of ``rows``: which were measured, and the squared chords of those."""
        found = self.measured[rows]
        return found, self.nearest[rows[found]]


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
