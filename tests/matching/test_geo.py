"""Distances and the distance score."""

from __future__ import annotations

import math

import numpy as np
import pytest
from geopy.distance import great_circle

from matching import weights as W
from matching.geo import (
    PlaceTable,
    chord2_of_km,
    distance_score,
    format_distance,
    haversine_km,
    km_of_chord2,
)

PLACES = [(45.5152, -122.6784), (47.6062, -122.3321), (40.7128, -74.0060),
          (-33.8688, 151.2093), (51.5074, -0.1278), (0.0, 179.9), (0.0, -179.9)]


def _table(points: list[tuple[float, float]], owners: list[int] | None = None) -> PlaceTable:
    owner = np.asarray(owners if owners is not None else range(len(points)), dtype=np.int64)
    multi = np.bincount(owner)[owner] > 1
    return PlaceTable(owner, np.array([p[0] for p in points]), np.array([p[1] for p in points]),
                      multi)


def _km(table: PlaceTable, origin: tuple[float, float], radius: float | None,
        size: int) -> dict[int, float]:
    near = table.near(*origin, radius, size)
    rows, chord2 = near.rows, near.chord2
    assert list(rows) == sorted(set(rows.tolist())), "rows ascending, each once"
    # Looked up by position: the same chords, and nothing for a row not measured.
    found, again = near.at(np.arange(size))
    assert np.flatnonzero(found).tolist() == rows.tolist()
    assert again.tolist() == chord2.tolist()
    return dict(zip(rows.tolist(), km_of_chord2(chord2).tolist(), strict=True))


@pytest.mark.parametrize("origin", PLACES[:3])
def test_chord_distances_agree_with_geopy(origin: tuple[float, float]) -> None:
    got = _km(_table(PLACES), origin, None, len(PLACES))
    lats = np.array([p[0] for p in PLACES])
    lons = np.array([p[1] for p in PLACES])
    also = haversine_km(*origin, lats, lons)
    assert sorted(got) == list(range(len(PLACES)))
    for i, (lat, lon) in enumerate(PLACES):
        want = great_circle(origin, (lat, lon)).km
        assert got[i] == pytest.approx(want, rel=1e-3)
        assert also[i] == pytest.approx(want, rel=1e-3)


@pytest.mark.parametrize("radius", [1.0, 40.0, 500.0, 5000.0])
def test_a_radius_keeps_exactly_the_places_inside_it(radius: float) -> None:
    rng = np.random.default_rng(int(radius))
    origin = (51.5, -0.12)
    pts = [(float(a), float(b)) for a, b in zip(rng.uniform(30, 70, 3000),
                                                 rng.uniform(-40, 40, 3000), strict=True)]
    pts += [(origin[0] + d, origin[1]) for d in rng.uniform(-0.02, 0.02, 200)]
    lats, lons = np.array([p[0] for p in pts]), np.array([p[1] for p in pts])
    exact = haversine_km(*origin, lats, lons)
    got = _km(_table(pts), origin, radius, len(pts))
    # The boundary itself is judged to within a millimetre.
    clear = np.abs(exact - radius) > 1e-6
    assert {i for i in got if clear[i]} == set(np.nonzero((exact <= radius) & clear)[0])
    for i, km in got.items():
        assert km == pytest.approx(exact[i], abs=1e-6)


@pytest.mark.parametrize("count", [500, 20_000])
def test_many_rows_some_with_several_places_match_a_brute_force(count: int) -> None:
    """Both ways of putting the rows in order (a sort, or flags read back when there are
    many) give each row once with the distance to its nearest place."""
    rng = np.random.default_rng(count)
    origin = (48.85, 2.35)
    owners = np.sort(rng.integers(0, count, size=count + count // 4))  # some rows twice
    lats = origin[0] + rng.uniform(-0.25, 0.25, owners.size)
    lons = origin[1] + rng.uniform(-0.35, 0.35, owners.size)
    table = _table(list(zip(lats.tolist(), lons.tolist(), strict=True)), owners.tolist())
    exact = haversine_km(*origin, lats, lons)
    want: dict[int, float] = {}
    for o, d in zip(owners.tolist(), exact.tolist(), strict=True):
        if d <= 30.0:
            want[o] = min(want.get(o, d), d)
    got = _km(table, origin, 30.0, count + 5)
    assert sorted(got) == sorted(want)
    assert all(got[o] == pytest.approx(want[o], abs=1e-6) for o in want)


def test_places_metres_apart_keep_their_order() -> None:
    origin = (40.0, -75.0)
    # 1 m, 2 m, … 9 m north of the seeker, listed out of order.
    steps = [7, 3, 9, 1, 5, 2, 8, 4, 6]
    pts = [(origin[0] + s / 111_195.0, origin[1]) for s in steps]
    got = _km(_table(pts), origin, 1.0, len(pts))
    order = sorted(got, key=got.__getitem__)
    assert [steps[i] for i in order] == sorted(steps)
    for i, s in enumerate(steps):
        assert got[i] * 1000 == pytest.approx(s, abs=1e-3)


def test_a_group_with_several_places_is_as_near_as_its_nearest() -> None:
    origin = (45.0, 7.0)
    pts = [(45.5, 7.0), (45.01, 7.0), (44.0, 7.0), (45.2, 7.0), (45.3, 7.0)]
    owners = [2, 2, 0, 2, 5]
    table = _table(pts, owners)
    got = _km(table, origin, 50.0, 8)
    assert sorted(got) == [2, 5]
    assert got[2] == pytest.approx(great_circle(origin, pts[1]).km, rel=1e-6)
    wide = _km(table, origin, None, 8)
    assert sorted(wide) == [0, 2, 5]
    assert wide[2] == got[2]


def test_extended_merges_in_latitude_order_with_rows_offset() -> None:
    first = _table([(10.0, 0.0), (30.0, 0.0)])
    more = _table([(20.0, 0.0), (30.0, 0.0), (5.0, 0.0)])
    both = first.extended(more, base=2)
    assert both.lat.tolist() == [5.0, 10.0, 20.0, 30.0, 30.0]
    assert both.owner.tolist() == [4, 0, 2, 1, 3]
    assert first.owner.tolist() == [0, 1], "the first table is unchanged"
    assert sorted(_km(both, (30.0, 0.0), 1.0, 5)) == [1, 3]


def test_across_the_date_line_is_short() -> None:
    got = _km(_table([(0.0, 179.9)]), (0.0, -179.9), 25.0, 1)
    assert got[0] < 25


def test_no_places_and_an_empty_band() -> None:
    empty = PlaceTable(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0),
                       np.zeros(0, dtype=bool))
    assert _km(empty, (45.0, -122.0), 40.0, 3) == {}
    assert _km(_table([(0.0, 0.0)]), (45.0, -122.0), 40.0, 1) == {}


def test_chord_of_a_radius_round_trips() -> None:
    for km in (0.001, 1.0, 40.0, 8000.0):
        assert km_of_chord2(np.array([chord2_of_km(km)]))[0] == pytest.approx(km, rel=1e-9)
    assert chord2_of_km(1e9) == pytest.approx(4.0)
    assert chord2_of_km(-1.0) == 0.0


def test_unknown_distance_scores_as_unknown() -> None:
    assert distance_score(np.array([np.nan]), 40)[0] == W.DISTANCE_UNKNOWN_SCORE


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
