"""Relaxation suggestions: single changes that give more results, with their counts."""

from __future__ import annotations

from datetime import datetime

from matching import Index, Query
from matching import weights as W

PDX = (45.5152, -122.6784)


def test_suggestions_come_most_results_first(index: Index, now: datetime) -> None:
    r = index.search(Query(topics=["gambling"], costs=["fee"], welcome="closed"), now=now)
    assert r.total == 0
    totals = [x.total for x in r.relaxations]
    assert totals == sorted(totals, reverse=True)
    assert all(x.total > r.total for x in r.relaxations)


def test_a_filter_with_several_values_is_dropped_whole(index: Index, now: datetime) -> None:
    r = index.search(Query(topics=["gambling"], costs=["fee", "sliding-scale"]), now=now)
    cost = next(x for x in r.relaxations if x.param == "cost")
    assert cost.value is None and cost.remove == ("cost", None)
    assert cost.label == "Drop the cost filter (Fee, Sliding scale)"


def test_day_and_time_filters_are_relaxed_separately(index: Index, now: datetime) -> None:
    r = index.search(Query(topics=["grief"], days=["sun"], times=["morning"]), now=now)
    assert r.total < W.RELAX_BELOW
    params = {x.param for x in r.relaxations}
    assert {"day", "time"} <= params
    day = next(x for x in r.relaxations if x.param == "day")
    assert day.label == "Drop the ‘Sun’ filter"
    assert day.total == index.search(Query(topics=["grief"], times=["morning"]),
                                     now=now).total


def test_radius_widening_uses_round_numbers_in_the_seeker_units(index: Index,
                                                                now: datetime) -> None:
    q = dict(lat=PDX[0], lon=PDX[1], radius_km=5, formats=["in-person"], topics=["gambling"])
    r = index.search(Query(**q, units="km"), now=now)
    assert r.total == 0
    widen = next(x for x in r.relaxations if x.param == "radius")
    # Salem is ~70 km away: 100 km is the smallest round radius that helps, and no wider one
    # helps more.
    assert (widen.label, widen.total, widen.radius_km) == ("Widen to 100 km", 1, 100.0)
    again = index.search(Query(**{**q, "radius_km": widen.radius_km}), now=now)
    assert again.total == widen.total


def test_no_suggestion_when_nothing_would_help(index: Index, now: datetime) -> None:
    r = index.search(Query(text="Serenity Al-Anon Family Group"), now=now)
    assert r.total >= W.RELAX_BELOW and r.relaxations == []
