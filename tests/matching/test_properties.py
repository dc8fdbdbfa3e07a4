"""Properties of the ranking, checked with hypothesis over the fixed test directory."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import GroupProfile, Index, Query, Taxonomy, vocab
from matching import weights as W

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

TOPICS = ["codependency", "family-and-friends", "addiction", "alcohol", "drugs", "grief",
          "anxiety", "wellness", "gambling", "trauma"]
TEXTS = ["grief", "people pleasing", "my husband drinks", "alchohol", "recovery", "coda",
         "anxiety panic", "lost my mom", "smart recovery", "xyzzy", "online support"]
PLACES = [(45.5152, -122.6784), (40.7128, -74.0060), (-33.8688, 151.2093), (51.5, -0.12),
          (0.0, 0.0)]


def subset(values: list[str], max_size: int = 2, min_size: int = 1
           ) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=min_size, max_size=max_size, unique=True)


FILTERS: dict[str, st.SearchStrategy[Any]] = {
    "text": st.sampled_from(TEXTS),
    "topics": subset(TOPICS),
    "formats": subset(list(vocab.FORMATS)),
    "costs": subset(list(vocab.COSTS)),
    "days": subset(list(vocab.WEEKDAYS), 3),
    "times": subset(list(vocab.TIMES_OF_DAY)),
    "languages": subset(["en", "es"], 1),
    "audience": subset(["women", "seniors", "veterans", "lgbtq"], 1),
    "access": subset(["wheelchair", "captions", "asl"], 2),
    "approaches": subset(list(vocab.APPROACHES)),
    "welcome": st.sampled_from(["open", "closed"]),
    "place": st.tuples(st.sampled_from(PLACES), st.sampled_from([None, 5.0, 40.0, 500.0])),
}


@st.composite
def queries(draw: st.DrawFn, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    keys = draw(subset([k for k in FILTERS if k not in exclude], 3, 0))
    q: dict[str, Any] = {}
    for key in keys:
        value = draw(FILTERS[key])
        if key == "place":
            (lat, lon), radius = value
            q.update(lat=lat, lon=lon, radius_km=radius)
        else:
            q[key] = value
    q["sort"] = draw(st.sampled_from(vocab.SORTS))
    return q


NOW = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                   timezones=st.just(UTC))


def run(index: Index, now: datetime, q: dict[str, Any]) -> list[str]:
    return [m.slug for m in index.search(Query(**q, per_page=100), now=now).matches]


@SETTINGS
@given(q=queries(), now=NOW)
def test_every_score_and_component_is_between_zero_and_one(index: Index, q: dict[str, Any],
                                                           now: datetime) -> None:
    result = index.search(Query(**q, per_page=100), now=now)
    assert result.total == len(result.matches)  # the directory fits on one page
    for m in result.matches:
        assert 0.0 <= m.score <= 1.0
        assert all(0.0 <= v <= 1.0 for v in m.components.values())


@SETTINGS
@given(q=queries(exclude=("place",)), place=FILTERS["place"], now=NOW)
def test_online_and_phone_groups_are_never_penalised_for_distance(
    index: Index, directory: list[GroupProfile], q: dict[str, Any],
    place: tuple[tuple[float, float], float | None], now: datetime,
) -> None:
    (lat, lon), radius = place
    remote = {g.slug for g in directory if g.format in ("online", "phone")}
    result = index.search(Query(**q, lat=lat, lon=lon, radius_km=radius, per_page=100),
                          now=now)
    for m in result.matches:
        if m.slug in remote:
            assert m.components["distance"] == 1.0 and m.distance_km is None
    # Their presence does not depend on the place either.
    without = set(run(index, now, q))
    assert {s for s in without if s in remote} == {m.slug for m in result.matches
                                                   if m.slug in remote}


@SETTINGS
@given(q=queries(), extra=st.sampled_from(list(FILTERS)), data=st.data(), now=NOW)
def test_adding_a_filter_never_adds_results(index: Index, q: dict[str, Any], extra: str,
                                            data: st.DataObject, now: datetime) -> None:
    if extra == "place" and "lat" in q or extra in q:
        return
    more = dict(q)
    value = data.draw(FILTERS[extra])
    if extra == "place":
        (lat, lon), radius = value
        more.update(lat=lat, lon=lon, radius_km=radius)
    else:
        more[extra] = value
    before = set(run(index, now, q))
    after = set(run(index, now, more))
    assert after <= before


@SETTINGS
@given(q=queries(), now=NOW)
def test_hard_filtered_groups_never_appear(index: Index, directory: list[GroupProfile],
                                           taxonomy: Taxonomy, q: dict[str, Any],
                                           now: datetime) -> None:
    by_slug = {g.slug: g for g in directory}
    result = index.search(Query(**q, per_page=100), now=now)
    for m in result.matches:
        g = by_slug[m.slug]
        if "topics" in q:
            wanted = taxonomy.expand(q["topics"]) | {
                taxonomy.parents[t] for t in q["topics"] if taxonomy.parents[t]}
            assert wanted & set(g.topics)
        if "formats" in q:
            ok = set(q["formats"]) | ({"hybrid"} if {"online", "in-person"} & set(q["formats"])
                                      else set())
            assert g.format in ok
        if "costs" in q:
            assert g.cost in q["costs"]
        if "languages" in q:
            assert set(q["languages"]) & set(g.languages)
        if "audience" in q:
            assert (set(q["audience"]) | {"everyone"}) & set(g.audience)
        if "access" in q:
            assert set(q["access"]) <= set(g.access)
        if "approaches" in q:
            assert g.approach in q["approaches"]
        if "welcome" in q:
            assert g.welcome == q["welcome"]
        if "days" in q or "times" in q:
            assert any(
                (("days" not in q) or vocab.WEEKDAYS[mt.weekday] in q["days"])
                and (("times" not in q)
                     or vocab.time_bucket(mt.start.hour * 60 + mt.start.minute) in q["times"])
                for mt in g.meetings
            )
        if "lat" in q and g.format in ("in-person", "hybrid") and m.distance_km is not None:
            assert m.distance_km <= (q["radius_km"] or W.DEFAULT_RADIUS_KM) + 1e-6


@SETTINGS
@given(q=queries(), now=NOW, seed=st.integers(0, 10_000))
def test_same_input_gives_the_same_order(index: Index, directory: list[GroupProfile],
                                         taxonomy: Taxonomy, q: dict[str, Any], now: datetime,
                                         seed: int) -> None:
    shuffled = list(directory)
    random.Random(seed).shuffle(shuffled)
    other = Index.build(shuffled, taxonomy)
    first = run(index, now, q)
    assert first == run(index, now, q)
    assert first == run(other, now, q)


@SETTINGS
@given(
    q=queries(exclude=("place",)),
    origin=st.sampled_from(PLACES[:3]),
    near_km=st.floats(0.0, 30.0),
    extra_km=st.floats(0.001, 30.0),
    bearing=st.floats(0, 359),
    now=NOW,
)
def test_nearer_group_never_ranks_below_an_otherwise_identical_farther_one(
    directory: list[GroupProfile], taxonomy: Taxonomy, q: dict[str, Any],
    origin: tuple[float, float], near_km: float, extra_km: float, bearing: float,
    now: datetime,
) -> None:
    import math

    def offset(km: float) -> tuple[float, float]:
        dlat = km / 111.2 * math.cos(math.radians(bearing))
        dlon = km / (111.2 * math.cos(math.radians(origin[0]))) * math.sin(math.radians(bearing))
        return origin[0] + dlat, origin[1] + dlon

    base = next(g for g in directory if g.slug == "coda-portland-tuesday")
    near_lat, near_lon = offset(near_km)
    far_lat, far_lon = offset(near_km + extra_km)
    # The farther twin gets the *lower* id, so the id tie-break alone would favour it.
    def placed(gid: int, slug: str, lat: float, lon: float) -> GroupProfile:
        meetings = tuple(replace(m, lat=lat, lon=lon) for m in base.meetings)
        return replace(base, **{"id": gid, "slug": slug, "lat": lat,
                               "lon": lon, "meetings": meetings})

    far = placed(1000, "far", far_lat, far_lon)
    near = placed(1001, "near", near_lat, near_lon)
    index = Index.build([*directory, far, near], taxonomy)
    q = {**q, "lat": origin[0], "lon": origin[1], "radius_km": 100.0}
    got = run(index, now + timedelta(0), q)
    if "far" in got:
        assert "near" in got and got.index("near") < got.index("far")


_BIG: dict[str, Index] = {}


def _big_index(directory: list[GroupProfile], taxonomy: Taxonomy) -> Index:
    if "index" not in _BIG:
        groups = [replace(g, **{"id": g.id + 1000 * k, "slug": f"{g.slug}-{k}",
                                  "lat": None if g.lat is None else g.lat + 0.02 * k})
                  for k in range(4) for g in directory]
        _BIG["index"] = Index.build(groups, taxonomy)
    return _BIG["index"]


@SETTINGS
@given(q=queries(), now=NOW, page=st.integers(1, 4))
def test_shortlist_never_changes_a_page(directory: list[GroupProfile], taxonomy: Taxonomy,
                                        q: dict[str, Any], now: datetime, page: int) -> None:
    from matching import ranking as index_module

    index = _big_index(directory, taxonomy)
    saved = index_module.SHORTLIST_MIN, index_module.SHORTLIST_FACTOR
    try:
        index_module.SHORTLIST_MIN, index_module.SHORTLIST_FACTOR = 0, 1
        short = index.search(Query(**q, page=page, per_page=6), now=now)
        index_module.SHORTLIST_MIN, index_module.SHORTLIST_FACTOR = 10**9, 1
        full = index.search(Query(**q, page=page, per_page=6), now=now)
    finally:
        index_module.SHORTLIST_MIN, index_module.SHORTLIST_FACTOR = saved
    assert short.total == full.total
    assert [(m.slug, m.score) for m in short.matches] == [(m.slug, m.score) for m in full.matches]
