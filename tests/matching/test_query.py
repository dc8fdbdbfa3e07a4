"""Seeker input is validated into notices; nothing a seeker sends makes the library raise."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Index, Query, Taxonomy
from matching import weights as W
from matching.query import normalise


def codes(notices: list[Any]) -> list[tuple[str, str]]:
    return [(n.param, n.code) for n in notices]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(radius_km=10), [("radius", "radius-without-place")]),
        (Query(lat=45.5), [("lat", "lat-without-lon")]),
        (Query(lon=-122.6), [("lon", "lon-without-lat")]),
        (Query(lat=999, lon=10), [("lat", "out-of-range")]),
        (Query(lat=10, lon=-181), [("lon", "out-of-range")]),
        (Query(lat="north", lon=10), [("lat", "invalid-number")]),  # type: ignore[arg-type]
        (Query(lat=float("nan"), lon=10), [("lat", "invalid-number")]),
        (Query(lat=45, lon=-122, radius_km=-3), [("radius", "out-of-range")]),
        (Query(topics=["alcohol", "unicorns"]), [("topic", "unknown-value")]),
        (Query(formats=["carrier-pigeon"]), [("format", "unknown-value")]),
        (Query(costs=["cheap"]), [("cost", "unknown-value")]),
        (Query(days=["monday"]), [("day", "unknown-value")]),
        (Query(times=["noon"]), [("time", "unknown-value")]),
        (Query(languages=["english"]), [("lang", "unknown-value")]),
        (Query(audience=["aliens"]), [("audience", "unknown-value")]),
        (Query(access=["ramp"]), [("access", "unknown-value")]),
        (Query(approaches=["magic"]), [("approach", "unknown-value")]),
        (Query(welcome="sometimes"), [("welcome", "unknown-value")]),
        (Query(tz="Mars/Olympus"), [("tz", "unknown-timezone")]),
        (Query(tz="../../etc/passwd"), [("tz", "unknown-timezone")]),
        (Query(sort="random"), [("sort", "unknown-value")]),
        (Query(units="furlongs"), [("units", "unknown-value")]),
        (Query(page=0), [("page", "invalid-number")]),
        (Query(page="two"), [("page", "invalid-number")]),  # type: ignore[arg-type]
        (Query(per_page=500), [("per_page", "clamped")]),
        (Query(per_page=0), [("per_page", "invalid-number")]),
        (Query(text="grief " * 100), [("q", "clamped")]),
        (Query(page=True), [("page", "invalid-number")]),  # type: ignore[arg-type]
    ],
)
def test_bad_input_becomes_a_notice(query: Query, expected: list[tuple[str, str]],
                                    taxonomy: Taxonomy) -> None:
    _, notices = normalise(query, taxonomy)
    assert codes(notices) == expected
    assert all(n.message for n in notices)


def test_valid_query_has_no_notices(taxonomy: Taxonomy) -> None:
    q = Query(text="grief", topics=["grief"], lat=45.5, lon=-122.6, radius_km=25,
              formats=["online"], costs=["free"], days=["tue"], times=["evening"],
              languages=["en"], audience=["women"], access=["wheelchair"],
              approaches=["secular"], welcome="open", tz="America/Chicago", sort="soonest",
              page=2, per_page=50, units="km")
    crit, notices = normalise(q, taxonomy)
    assert notices == []
    assert crit.radius_km == 25 and crit.radius_given and crit.has_place


def test_radius_defaults_when_place_given_without_one(taxonomy: Taxonomy) -> None:
    crit, _ = normalise(Query(lat=45.5, lon=-122.6), taxonomy)
    assert crit.radius_km == W.DEFAULT_RADIUS_KM and not crit.radius_given


def test_invalid_place_is_dropped_entirely(taxonomy: Taxonomy) -> None:
    crit, _ = normalise(Query(lat=999, lon=10, radius_km=5), taxonomy)
    assert not crit.has_place


def test_single_string_is_read_as_one_code(taxonomy: Taxonomy) -> None:
    crit, notices = normalise(Query(topics="grief", costs="free"), taxonomy)
    assert crit.topics == ("grief",) and crit.costs == ("free",) and notices == []


def test_codes_are_case_and_space_insensitive_and_deduplicated(taxonomy: Taxonomy) -> None:
    crit, notices = normalise(Query(formats=[" Online ", "online"]), taxonomy)
    assert crit.formats == ("online",) and notices == []


def test_bad_part_is_ignored_and_the_rest_kept(taxonomy: Taxonomy) -> None:
    crit, _ = normalise(Query(topics=["grief", "nope"], costs=["free", "cheap"]), taxonomy)
    assert crit.topics == ("grief",) and crit.costs == ("free",)


def test_none_query_means_no_constraint(taxonomy: Taxonomy) -> None:
    crit, notices = normalise(None, taxonomy)
    assert notices == [] and crit.topics == () and not crit.has_place


JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.binary(max_size=10),
    st.lists(st.one_of(st.text(max_size=12), st.integers(), st.none()), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@settings(max_examples=120, deadline=None)
@given(
    text=JUNK, topics=JUNK, lat=JUNK, lon=JUNK, radius=JUNK, formats=JUNK, days=JUNK,
    times=JUNK, languages=JUNK, welcome=JUNK, tz=JUNK, sort=JUNK, page=JUNK, per_page=JUNK,
)
def test_search_never_raises_on_any_seeker_values(
    index: Index, now: datetime, text: Any, topics: Any, lat: Any, lon: Any, radius: Any,
    formats: Any, days: Any, times: Any, languages: Any, welcome: Any, tz: Any, sort: Any,
    page: Any, per_page: Any,
) -> None:
    q = Query(text=text, topics=topics, lat=lat, lon=lon, radius_km=radius, formats=formats,
              days=days, times=times, languages=languages, welcome=welcome, tz=tz,
              sort=sort, page=page, per_page=per_page)
    result = index.search(q, now=now)
    assert 0 <= len(result.matches) <= W.MAX_PER_PAGE
    assert result.total >= len(result.matches)
