"""Distances and the distance score."""

from __future__ import annotations

import math

import numpy as np
import pytest
from geopy.distance import great_circle

from matching import weights as W
from matching.geo import PointTable, distance_score, format_distance, haversine_km

PLACES = [(45.5152, -122.6784), (47.6062, -122.3321), (40.7128, -74.0060),
          (-33.8688, 151.2093), (51.5074, -0.1278), (0.0, 179.9), (0.0, -179.9)]


@pytest.mark.parametrize("origin", PLACES[:3])
def test_vectorised_haversine_agrees_with_geopy(origin: tuple[float, float]) -> None:
    lats = np.array([p[0] for p in PLACES])
    lons = np.array([p[1] for p in PLACES])
    table = PointTable(lats, lons)
    got = table.distances_km(*origin)
    also = haversine_km(*origin, lats, lons)
    for (lat, lon), d, d2 in zip(PLACES, got, also, strict=True):
        want = great_circle(origin, (lat, lon)).km
        assert d == pytest.approx(want, rel=1e-3)
        assert d2 == pytest.approx(want, rel=1e-3)


def test_across_the_date_line_is_short() -> None:
    table = PointTable(np.array([0.0]), np.array([179.9]))
    assert table.distances_km(0.0, -179.9)[0] < 25


def test_missing_place_gives_nan_distance_and_unknown_score() -> None:
    table = PointTable(np.array([np.nan]), np.array([np.nan]))
    d = table.distances_km(45, -122)
    assert math.isnan(d[0])
    assert distance_score(d, 40)[0] == W.DISTANCE_UNKNOWN_SCORE


@pytest.mark.parametrize(
    ("km", "radius", "expected"),
    [(0, 40, 1.0), (40, 40, math.exp(-W.DISTANCE_DECAY)),
     (20, 40, math.exp(-W.DISTANCE_DECAY / 2))],
)
def test_distance_score_decays_smoothly(km: float, radius: float, expected: float) -> None:
    assert distance_score(np.array([km]), radius)[0] == pytest.approx(expected)


def test_distance_score_is_monotonic_and_in_unit_range() -> None:
    s = distance_score(np.linspace(0, 500, 200), 40)
    assert np.all(np.diff(s) < 0) and s.min() >= 0 and s.max() <= 1


@pytest.mark.parametrize(
    ("km", "units", "text"),
    [(3.7, "mi", "2.3 mi"), (3.7, "km", "3.7 km"), (0.4, "km", "400 m"), (50, "mi", "31 mi"),
     (15, "km", "15 km")],
)
def test_format_distance(km: float, units: str, text: str) -> None:
    assert format_distance(km, units) == text
