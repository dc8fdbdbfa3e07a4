"""The search query model: parsing URL parameters, problems, canonical form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directory.search.params import (
    SearchParams,
    args_from_pairs,
    parse_search_params,
)


def parse(**args):
    return parse_search_params({k: v if isinstance(v, list) else [v] for k, v in args.items()})


def test_empty_query_is_the_default_search():
    params = parse_search_params({})
    assert params == SearchParams()
    assert params.problems == ()
    assert params.canonical_items() == []


def test_repeatable_values_accept_repeats_and_commas_and_drop_duplicates():
    params = parse(topic=["grief", "alcohol,grief"], day=["MON", "tue"])
    assert params.topic == ("grief", "alcohol")
    assert params.day == ("mon", "tue")
    assert params.problems == ()


@pytest.mark.parametrize(
    "args,param",
    [
        ({"topic": "boozing"}, "topic"),
        ({"format": "zoom"}, "format"),
        ({"day": "someday"}, "day"),
        ({"time": "teatime"}, "time"),
        ({"lang": "english"}, "lang"),
        ({"lat": "999", "lon": "1"}, "lat"),
        ({"lat": "45.5"}, "lon"),
        ({"lat": "nan", "lon": "1"}, "lat"),
        ({"radius": "10"}, "radius"),
        ({"near": "Portland", "radius": "-5"}, "radius"),
        ({"near": "Portland", "radius": "1e308"}, "radius"),
        ({"units": "furlongs"}, "units"),
        ({"welcome": "maybe"}, "welcome"),
        ({"tz": "UTC+3"}, "tz"),
        ({"sort": "random"}, "sort"),
        ({"sort": "distance"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"per_page": "9" * 400}, "per_page"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_values_become_problems_and_are_ignored(args, param):
    params = parse(**args)
    assert [p.param for p in params.problems] == [param]
    assert params.problems[0].message


def test_overlong_text_is_shortened_with_a_problem():
    params = parse(q="grief " * 2000)
    assert len(params.q) <= 200
    assert params.problems[0].param == "q"


def test_radius_in_miles_is_converted_to_km():
    params = parse(near="Portland, OR", radius="10")
    assert params.radius_km == pytest.approx(16.09344)
    assert parse(near="x", radius="10", units="km").radius_km == 10


def test_canonical_items_are_sorted_and_drop_defaults():
    params = parse(topic=["grief", "alcohol"], sort="best", page="1", q="lost my mom",
                   near="Portland, OR", per_page="20")
    assert params.canonical_items() == [
        ("near", "Portland, OR"), ("q", "lost my mom"), ("topic", "alcohol"), ("topic", "grief"),
    ]


def test_without_removes_one_value_and_resets_the_page():
    params = parse(topic=["grief", "alcohol"], cost="free", page="3")
    assert params.without("topic", "grief").topic == ("alcohol",)
    assert params.without("cost").cost == ()
    assert params.without("cost").page == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=60)), max_size=12))
def test_parsing_never_raises_and_canonical_form_round_trips(pairs):
    params = parse_search_params(args_from_pairs(pairs))
    again = parse_search_params(args_from_pairs(params.canonical_items()))
    assert again == params
    assert again.problems == ()
