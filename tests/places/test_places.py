"""Offline place resolution: the gazetteer, seeker text, listing addresses, zones, distances."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest
from geopy.distance import great_circle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import places
from places import (
    MAX_ALTERNATIVES,
    Place,
    geocode_address,
    get_gazetteer,
    haversine_km,
    haversine_km_many,
    resolve_place,
    timezone_at,
)
from places import gazetteer as gazetteer_module
from places import resolve as resolve_module
from places.online import NominatimFallback, make_online_geocoder

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any socket connection fails at once, so a test that reaches for the network fails."""

    def refuse(*args, **kwargs):
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def km_between(place: Place, lat: float, lon: float) -> float:
    return great_circle((place.lat, place.lon), (lat, lon)).km


# text, default country, expected (country, region code, name), known coordinates.
# Coordinates are the usual city-centre (or postcode-area) positions; a centroid within
# 10 km of them passes.
PLACE_TABLE = [
    # United States
    ("Portland, OR", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("Portland, Oregon", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("Portland Oregon", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("portland or", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("Portland, OR, USA", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("Portland, ME", "US", ("US", "ME", "Portland"), (43.6591, -70.2568)),
    ("Portland, Maine", "US", ("US", "ME", "Portland"), (43.6591, -70.2568)),
    ("97214", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("97214-1234", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("Portland, OR 97214", "US", ("US", "OR", "Portland"), (45.5152, -122.6784)),
    ("NYC", "US", ("US", "NY", "New York City"), (40.7128, -74.0060)),
    ("New York", "US", ("US", "NY", "New York City"), (40.7128, -74.0060)),
    ("10001", "US", ("US", "NY", "New York"), (40.7506, -73.9972)),
    ("Seattle, WA", "US", ("US", "WA", "Seattle"), (47.6062, -122.3321)),
    ("San Francisco, CA", "US", ("US", "CA", "San Francisco"), (37.7749, -122.4194)),
    ("SF", "US", ("US", "CA", "San Francisco"), (37.7749, -122.4194)),
    ("Los Angeles", "US", ("US", "CA", "Los Angeles"), (34.0522, -118.2437)),
    ("LA", "US", ("US", "CA", "Los Angeles"), (34.0522, -118.2437)),
    ("Chicago, IL", "US", ("US", "IL", "Chicago"), (41.8781, -87.6298)),
    ("60614", "US", ("US", "IL", "Chicago"), (41.9227, -87.6533)),
    ("Austin, TX", "US", ("US", "TX", "Austin"), (30.2672, -97.7431)),
    ("Boston, Massachusetts", "US", ("US", "MA", "Boston"), (42.3601, -71.0589)),
    ("Denver", "US", ("US", "CO", "Denver"), (39.7392, -104.9903)),
    ("Miami, FL", "US", ("US", "FL", "Miami"), (25.7617, -80.1918)),
    ("Atlanta GA", "US", ("US", "GA", "Atlanta"), (33.7490, -84.3880)),
    ("Minneapolis", "US", ("US", "MN", "Minneapolis"), (44.9778, -93.2650)),
    ("St. Louis, MO", "US", ("US", "MO", "St. Louis"), (38.6270, -90.1994)),
    ("Saint Paul MN", "US", ("US", "MN", "Saint Paul"), (44.9537, -93.0900)),
    ("Philly", "US", ("US", "PA", "Philadelphia"), (39.9526, -75.1652)),
    ("Washington, DC", "US", ("US", "DC", "Washington"), (38.9072, -77.0369)),
    ("DC", "US", ("US", "DC", "Washington"), (38.9072, -77.0369)),
    ("Honolulu, HI", "US", ("US", "HI", "Honolulu"), (21.3069, -157.8583)),
    ("Anchorage", "US", ("US", "AK", "Anchorage"), (61.2181, -149.9003)),
    ("Salt Lake City", "US", ("US", "UT", "Salt Lake City"), (40.7608, -111.8910)),
    ("Eugene, OR", "US", ("US", "OR", "Eugene"), (44.0521, -123.0868)),
    ("Bend, Oregon", "US", ("US", "OR", "Bend"), (44.0582, -121.3153)),
    ("Phoenix AZ", "US", ("US", "AZ", "Phoenix"), (33.4484, -112.0740)),
    ("Nashville, TN", "US", ("US", "TN", "Nashville"), (36.1627, -86.7816)),
    ("Kansas City, KS", "US", ("US", "KS", "Kansas City"), (39.1141, -94.6275)),
    ("Baton Rouge, LA", "US", ("US", "LA", "Baton Rouge"), (30.4515, -91.1871)),
    ("Ontario, CA", "US", ("US", "CA", "Ontario"), (34.0633, -117.6509)),
    ("Vancouver, WA", "US", ("US", "WA", "Vancouver"), (45.6387, -122.6615)),
    # Canada
    ("Waterloo, ON", "US", ("CA", "ON", "Waterloo"), (43.4643, -80.5204)),
    ("Waterloo, Ontario", "US", ("CA", "ON", "Waterloo"), (43.4643, -80.5204)),
    ("N2L 3G1", "US", ("CA", "ON", None), (43.4723, -80.5449)),
    ("N2L", "US", ("CA", "ON", None), (43.4723, -80.5449)),
    ("n2l3g1", "US", ("CA", "ON", None), (43.4723, -80.5449)),
    ("London, ON", "US", ("CA", "ON", "London"), (42.9849, -81.2453)),
    ("Toronto", "US", ("CA", "ON", "Toronto"), (43.6532, -79.3832)),
    ("M5V 3L9", "US", ("CA", "ON", None), (43.6426, -79.3871)),
    ("Vancouver, BC", "US", ("CA", "BC", "Vancouver"), (49.2827, -123.1207)),
    ("V6B", "US", ("CA", "BC", None), (49.2800, -123.1150)),
    ("Montreal, QC", "US", ("CA", "QC", "Montréal"), (45.5017, -73.5673)),
    ("Calgary, Alberta", "US", ("CA", "AB", "Calgary"), (51.0447, -114.0719)),
    ("Ottawa", "US", ("CA", "ON", "Ottawa"), (45.4215, -75.6972)),
    ("Halifax, NS", "US", ("CA", "NS", "Halifax"), (44.6488, -63.5752)),
    ("Winnipeg", "US", ("CA", "MB", "Winnipeg"), (49.8951, -97.1384)),
    ("Victoria, BC", "US", ("CA", "BC", "Victoria"), (48.4284, -123.3656)),
    ("Kitchener, Canada", "US", ("CA", "ON", "Kitchener"), (43.4516, -80.4925)),
    # United Kingdom
    ("London", "US", ("GB", "ENG", "London"), (51.5074, -0.1278)),
    ("London, UK", "US", ("GB", "ENG", "London"), (51.5074, -0.1278)),
    ("London England", "US", ("GB", "ENG", "London"), (51.5074, -0.1278)),
    ("SW1A 1AA", "US", ("GB", "ENG", None), (51.5014, -0.1419)),
    ("sw1a1aa", "US", ("GB", "ENG", None), (51.5014, -0.1419)),
    ("Manchester, UK", "US", ("GB", "ENG", "Manchester"), (53.4808, -2.2426)),
    ("M1 1AE", "US", ("GB", "ENG", None), (53.4808, -2.2426)),
    ("Edinburgh", "US", ("GB", "SCT", "Edinburgh"), (55.9533, -3.1883)),
    ("EH1 1YZ", "US", ("GB", "SCT", None), (55.9533, -3.1883)),
    ("Glasgow, Scotland", "US", ("GB", "SCT", "Glasgow"), (55.8642, -4.2518)),
    ("Cardiff", "US", ("GB", "WLS", "Cardiff"), (51.4816, -3.1791)),
    ("Belfast", "US", ("GB", "NIR", "Belfast"), (54.5973, -5.9301)),
    ("BT1 5GS", "US", ("GB", "NIR", None), (54.5973, -5.9301)),
    ("Bristol, England", "US", ("GB", "ENG", "Bristol"), (51.4545, -2.5879)),
    ("Leeds", "US", ("GB", "ENG", "Leeds"), (53.8008, -1.5491)),
    ("Brighton, UK", "US", ("GB", "ENG", "Brighton"), (50.8225, -0.1372)),
    # Australia
    ("Brisbane QLD", "US", ("AU", "QLD", "Brisbane"), (-27.4698, 153.0251)),
    ("Brisbane, Australia", "US", ("AU", "QLD", "Brisbane"), (-27.4698, 153.0251)),
    ("4000", "AU", ("AU", "QLD", "Brisbane"), (-27.4698, 153.0251)),
    ("Sydney", "US", ("AU", "NSW", "Sydney"), (-33.8688, 151.2093)),
    ("Sydney NSW 2000", "US", ("AU", "NSW", "Sydney"), (-33.8688, 151.2093)),
    ("Melbourne, VIC", "US", ("AU", "VIC", "Melbourne"), (-37.8136, 144.9631)),
    ("Perth, WA", "US", ("AU", "WA", "Perth"), (-31.9505, 115.8605)),
    ("Adelaide", "US", ("AU", "SA", "Adelaide"), (-34.9285, 138.6007)),
    ("Hobart, Tasmania", "US", ("AU", "TAS", "Hobart"), (-42.8821, 147.3272)),
    ("Canberra", "US", ("AU", "ACT", "Canberra"), (-35.2809, 149.1300)),
    ("Darwin NT", "US", ("AU", "NT", "Darwin"), (-12.4634, 130.8456)),
    # New Zealand
    ("Auckland", "US", ("NZ", "AUK", "Auckland"), (-36.8485, 174.7633)),
    ("Wellington, New Zealand", "US", ("NZ", "WGN", "Wellington"), (-41.2866, 174.7756)),
    ("Wellington", "NZ", ("NZ", "WGN", "Wellington"), (-41.2866, 174.7756)),
    ("Christchurch NZ", "US", ("NZ", "CAN", "Christchurch"), (-43.5321, 172.6362)),
    ("Dunedin", "NZ", ("NZ", "OTA", "Dunedin"), (-45.8788, 170.5028)),
    ("Hamilton, NZ", "US", ("NZ", "WKO", "Hamilton"), (-37.7870, 175.2793)),
    ("Tauranga", "US", ("NZ", "BOP", "Tauranga"), (-37.6878, 176.1651)),
    ("1010", "NZ", ("NZ", "AUK", None), (-36.8485, 174.7633)),
    ("6011", "NZ", ("NZ", "WGN", None), (-41.2866, 174.7756)),
    # Ireland
    ("Dublin, Ireland", "US", ("IE", "L", "Dublin"), (53.3498, -6.2603)),
    ("D02 X285", "US", ("IE", "L", None), (53.3398, -6.2550)),
]


@pytest.mark.parametrize(
    ("text", "default_country", "expected", "coords"),
    PLACE_TABLE,
    ids=[row[0] for row in PLACE_TABLE],
)
def test_place_table_resolves_to_expected_place_within_10_km(
    text, default_country, expected, coords
):
    resolution = resolve_place(text, default_country=default_country)
    place = resolution.place
    assert place is not None, resolution.message
    country, region_code, name = expected
    assert place.country == country
    assert place.region_code == region_code
    if name is not None:
        assert place.name == name
    assert km_between(place, *coords) <= 10.0
    assert place.timezone
    assert not place.approximate


def test_place_table_has_at_least_60_strings_across_five_countries():
    assert len(PLACE_TABLE) >= 60
    countries = {row[2][0] for row in PLACE_TABLE}
    assert {"US", "CA", "GB", "AU", "NZ"} <= countries
    assert len({row[0] for row in PLACE_TABLE}) == len(PLACE_TABLE)


# --- the examples, one behaviour each ---------------------------------------------


def test_postcode_kind_and_label():
    place = resolve_place("97214").place
    assert place.kind == "postcode"
    assert place.postcode == "97214"
    assert place.label == "97214, Portland, Oregon"
    assert place.timezone == "America/Los_Angeles"


def test_zip_plus_four_uses_the_zip():
    assert resolve_place("97214-1234").place == resolve_place("97214").place


def test_city_label_uses_the_full_region_name():
    place = resolve_place("Portland, OR").place
    assert place.kind == "city"
    assert place.label == "Portland, Oregon"
    assert place.region == "Oregon"
    assert place.country_name == "United States"
    assert place.population and place.population > 500_000


def test_state_code_hint_narrows_to_that_state():
    assert resolve_place("Portland, ME").place.region == "Maine"
    assert resolve_place("Portland, ME").place.timezone == "America/New_York"


def test_bare_name_prefers_the_largest_place_and_lists_the_others():
    resolution = resolve_place("London")
    assert resolution.place.label == "London, England"
    labels = [p.label for p in resolution.alternatives]
    assert "London, Ontario" in labels
    assert 0 < len(resolution.alternatives) <= MAX_ALTERNATIVES


def test_hinted_name_still_offers_the_same_name_elsewhere():
    resolution = resolve_place("London, ON")
    assert resolution.place.label == "London, Ontario"
    assert "London, England" in [p.label for p in resolution.alternatives]


def test_province_abbreviations_and_canadian_postcodes():
    assert resolve_place("Waterloo, ON").place.label == "Waterloo, Ontario"
    full = resolve_place("N2L 3G1").place
    assert full.kind == "postcode" and full.postcode == "N2L"
    assert full.label == "N2L, Waterloo, Ontario"
    assert resolve_place("N2L").place == full
    assert resolve_place("N2L").alternatives == []


def test_uk_full_postcode_resolves_to_its_outcode():
    place = resolve_place("SW1A 1AA").place
    assert place.kind == "postcode"
    assert place.postcode == "SW1A"
    assert place.label == "SW1A, London, England"
    assert place.timezone == "Europe/London"


def test_australian_state_abbreviation():
    place = resolve_place("Brisbane QLD").place
    assert place.label == "Brisbane, Queensland"
    assert place.timezone == "Australia/Brisbane"


def test_nickname_resolves_to_new_york_city():
    assert resolve_place("NYC").place.label == "New York City, New York"


def test_coordinates_are_named_by_the_nearest_city():
    resolution = resolve_place("45.52, -122.68")
    place = resolution.place
    assert place.kind == "coordinates"
    assert (place.lat, place.lon) == (45.52, -122.68)
    assert place.name == "Portland"
    assert place.timezone == "America/Los_Angeles"
    assert not place.approximate


def test_coordinates_with_hemisphere_letters():
    place = resolve_place("33.87° S, 151.21° E").place
    assert place.kind == "coordinates"
    assert (place.lat, place.lon) == (-33.87, 151.21)
    assert place.timezone == "Australia/Sydney"


def test_out_of_range_coordinates_are_not_coordinates():
    assert resolve_place("95.0, 200.0").place is None


@pytest.mark.parametrize(
    ("typo", "label"),
    [
        ("Portlnd", "Portland, Oregon"),
        ("Seatle", "Seattle, Washington"),
        ("Philadelpia", "Philadelphia, Pennsylvania"),
        ("Brisbain", "Brisbane, Queensland"),
        ("Edinburgh, Scotlnd", "Edinburgh, Scotland"),
        ("Vancuver, BC", "Vancouver, British Columbia"),
    ],
)
def test_typos_resolve_and_are_marked_approximate(typo, label):
    resolution = resolve_place(typo)
    assert resolution.place is not None, resolution.message
    assert resolution.place.label == label
    assert resolution.place.approximate
    assert resolution.message and label in resolution.message


def test_default_country_breaks_ties_between_similar_populations():
    assert resolve_place("Waterloo").place.country == "US"
    assert resolve_place("Waterloo", default_country="CA").place.country == "CA"
    assert resolve_place("Birmingham").place.region == "Alabama"
    assert resolve_place("Birmingham", default_country="GB").place.region == "England"
    assert resolve_place("Perth", default_country="GB").place.country == "AU", "10× larger"


def test_country_hint_names_and_codes():
    assert resolve_place("London, UK").place.country == "GB"
    assert resolve_place("London, United Kingdom").place.country == "GB"
    assert resolve_place("Portland, USA").place.label == "Portland, Oregon"
    assert resolve_place("Perth, Scotland").place.region_code == "SCT"


def test_a_postcode_wins_over_the_city_text():
    place = resolve_place("Portland, ME 97214").place
    assert place.kind == "postcode" and place.region_code == "OR"


def test_a_region_alone_gives_its_largest_city_as_approximate():
    resolution = resolve_place("Oregon")
    assert resolution.place.label == "Portland, Oregon"
    assert resolution.place.approximate
    assert "Oregon" in resolution.message


def test_a_street_address_falls_back_to_the_city():
    place = resolve_place("1234 Main St, Portland, OR").place
    assert place.label == "Portland, Oregon"
    assert place.approximate


def test_a_street_address_without_commas_falls_back_to_the_city():
    assert resolve_place("1234 Main St Portland OR").place.label == "Portland, Oregon"


def test_a_postcode_the_text_contradicts_is_ignored():
    place = resolve_place("Portland, OR 4000").place
    assert place.label == "Portland, Oregon" and place.approximate


def test_an_unknown_zip_beside_a_city_falls_back_to_the_city():
    place = resolve_place("Portland OR 99999").place
    assert place.label == "Portland, Oregon" and place.approximate


@pytest.mark.parametrize("text", ["6011 NZ", "6011, New Zealand", "Wellington 6011"])
def test_four_digit_postcodes_follow_the_place_named_beside_them(text):
    place = resolve_place(text).place
    assert place.country == "NZ" and place.kind == "postcode"
    assert "Western Australia" in [p.region for p in resolve_place(text).alternatives]


def test_a_leading_zip_before_its_city_is_a_postcode():
    assert resolve_place("63101 St Louis").place.label == "63101, Saint Louis, Missouri"
    assert resolve_place("97214 Portland").place.postcode == "97214"


def test_a_full_address_with_a_postcode_uses_the_postcode():
    assert resolve_place("12 Queen St W, Toronto, ON M5H 2N2").place.postcode == "M5H"
    assert resolve_place("10 Downing Street, London SW1A 2AA").place.postcode == "SW1A"


def test_two_letter_country_codes_that_clash_with_states_mean_the_state():
    assert resolve_place("Paris, FR").place.country == "FR"
    assert resolve_place("Gary IN").place.region == "Indiana"
    assert resolve_place("Lancaster, PA").place.region == "Pennsylvania"
    assert resolve_place("Helena, MT").place.region == "Montana"


def test_saint_mount_and_fort_abbreviations():
    assert resolve_place("St Louis").place.label == "St. Louis, Missouri"
    assert resolve_place("Ft Lauderdale").place.label == "Fort Lauderdale, Florida"
    assert resolve_place("Mt Maunganui").place.label == "Mount Maunganui, Bay of Plenty"


def test_typo_in_the_city_with_a_state_hint():
    place = resolve_place("Portlnd, OR").place
    assert place.label == "Portland, Oregon" and place.approximate


def test_a_place_named_like_a_region_word_is_kept_whole():
    assert resolve_place("Newcastle upon Tyne").place.region == "England"
    assert resolve_place("Washington").place.region_code == "DC"
    assert resolve_place("Kansas City").place.region_code == "MO"


@pytest.mark.parametrize("text", ["near me", "Nearby", "my location", "here"])
def test_near_me_asks_for_the_device_location(text):
    resolution = resolve_place(text)
    assert resolution.place is None
    assert "location" in resolution.message


@pytest.mark.parametrize("text", ["online", "Zoom", "anywhere"])
def test_words_that_are_not_places_say_so(text):
    resolution = resolve_place(text)
    assert resolution.place is None
    assert "not a place" in resolution.message


@pytest.mark.parametrize("text", ["USA", "Canada", "New Zealand"])
def test_a_whole_country_gives_no_point_to_measure_from(text):
    resolution = resolve_place(text)
    assert resolution.place is None
    assert "whole country" in resolution.message


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("in Portland", "Portland, Oregon"),
        ("Portland area", "Portland, Oregon"),
        ("downtown Portland", "Portland, Oregon"),
        ("Greater London", "London, England"),
        ("The Dalles", "The Dalles, Oregon"),
        ("Bay Area", "San Francisco, California"),
    ],
)
def test_filler_words_around_a_place_are_ignored(text, label):
    place = resolve_place(text).place
    assert place.label == label
    assert not place.approximate


def test_unhinted_typos_are_read_in_circles_countries():
    labels = [p.label for p in resolve_place("Seatle").alternatives]
    assert all(not label.endswith("Morocco") for label in labels)


def test_unknown_place_gets_a_friendly_message():
    resolution = resolve_place("Xyzzyqq")
    assert resolution.place is None
    assert resolution.alternatives == []
    assert resolution.message == (
        "We couldn't find “Xyzzyqq”. Try a city and state, or a postcode."
    )


def test_near_miss_that_is_too_far_offers_suggestions():
    resolution = resolve_place("Portxyznd")
    assert resolution.place is None
    assert resolution.message


def test_a_new_uk_sub_district_falls_back_to_its_district():
    place = resolve_place("SW1W 0NY").place
    assert place.postcode in ("SW1W", "SW1")
    assert place.region == "England"


def test_unknown_postcode_is_not_found():
    assert resolve_place("00000").place is None
    assert resolve_place("ZZ9 9ZZ").place is None


# --- garbage --------------------------------------------------------------------------------

GARBAGE = [
    "",
    " ",
    "%00",
    "\x00",
    "Portland\x00, OR",
    "x" * 5000,
    ("lorem ipsum dolor sit amet " * 200)[:5120],
    "🙂🙂🙂",
    "🏳️‍🌈 Portland",
    "!!!???...",
    ",,,",
    "--",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\u202eevil",
    "١٢٣٤٥",
    "ＮＹＣ",
    "0",
    "-0.0, -0.0",
    "nan, nan",
    "1e308, 1e308",
    "\ud800",
    "a" * 10_000,
    "\n\t\r",
]


@pytest.mark.parametrize("text", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_never_raises(text, caplog):
    with caplog.at_level(logging.ERROR, logger=resolve_module.__name__):
        resolution = resolve_place(text)
    assert not caplog.records, "resolution hit an internal error"
    assert len(resolution.alternatives) <= MAX_ALTERNATIVES
    assert resolution.place is not None or resolution.message


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=300))
def test_any_text_resolves_without_an_internal_error(text):
    # _resolve is the unguarded core: a bug raises here instead of being logged.
    resolution = resolve_module._resolve(text, "US", None)
    assert resolution.place is not None or resolution.message
    assert len(resolution.alternatives) <= MAX_ALTERNATIVES


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "Portland",
                "OR",
                "97214",
                ",",
                " ",
                "-",
                "N2L",
                "3G1",
                "SW1A",
                "1AA",
                "London",
                "UK",
                "45.5",
                "-122.6",
                "NZ",
                "6011",
                "St",
                "Main",
                "🙂",
            ]
        ),
        max_size=8,
    )
)
def test_mixtures_of_place_words_resolve_without_an_internal_error(words):
    resolution = resolve_module._resolve(" ".join(words), "US", None)
    assert resolution.place is not None or resolution.message


def test_nul_bytes_are_ignored():
    assert resolve_place("Portland\x00, OR").place.label == "Portland, Oregon"


def test_full_width_characters_are_normalised():
    assert resolve_place("ＮＹＣ").place.label == "New York City, New York"


def test_very_long_text_is_refused_politely():
    resolution = resolve_place("Portland " * 1000)
    assert resolution.place is None
    assert "too long" in resolution.message


def test_non_string_input_is_handled():
    assert resolve_place(None).place is None  # type: ignore[arg-type]


# --- listings: geocode_address --------------------------------------------------------------


def test_address_with_postcode_uses_the_postcode_centroid():
    place = geocode_address(
        address="1500 SE Belmont St", city="Portland", region="OR", postal_code="97214"
    )
    assert place.kind == "postcode" and place.postcode == "97214"
    assert place.approximate


def test_address_without_postcode_uses_the_city_centroid():
    place = geocode_address(city="Portland", region="Maine")
    assert place.label == "Portland, Maine"
    assert place.approximate


def test_address_country_narrows_the_city():
    assert geocode_address(city="London", country="CA").region_code == "ON"
    assert geocode_address(city="London", country="Canada").region_code == "ON"
    assert geocode_address(city="London", default_country="GB").country == "GB"


def test_address_with_foreign_postcodes():
    assert geocode_address(postal_code="SW1A 1AA", country="GB").postcode == "SW1A"
    assert geocode_address(postal_code="N2L 3G1", country="CA").postcode == "N2L"
    assert geocode_address(postal_code="4000", country="AU").region_code == "QLD"
    assert geocode_address(postal_code="6011", country="NZ").region_code == "WGN"


def test_address_country_is_inferred_from_the_region():
    assert geocode_address(city="Toronto", region="ON").country == "CA"
    assert geocode_address(city="Brisbane", region="QLD").country == "AU"
    assert geocode_address(city="Toronto", region="OH").country == "US"


def test_address_postcode_without_a_country_is_read_in_any_country():
    assert geocode_address(postal_code="SW1A 1AA").country == "GB"
    assert geocode_address(postal_code="N2L 3G1").country == "CA"
    assert geocode_address(postal_code="SW1A 1AA", country="US") is None


def test_resolution_as_api_place_object():
    payload = resolve_place("London").as_dict()
    assert payload["name"] == "London" and payload["country"] == "GB"
    assert {"region", "lat", "lon", "timezone", "approximate"} <= set(payload)
    assert payload["alternatives"][0]["label"] == "London, Ontario"
    assert resolve_place("Xyzzyqq").as_dict() is None


def test_address_with_unknown_postcode_falls_back_to_the_city():
    place = geocode_address(city="Eugene", region="OR", postal_code="00000")
    assert place.name == "Eugene" and place.kind == "city"


def test_address_from_free_text_only():
    place = geocode_address(address="123 Main St, Bend, OR 97701")
    assert place.kind == "postcode" and place.region_code == "OR"
    assert place.approximate


def test_small_town_from_postal_localities():
    place = geocode_address(city="Agness", region="OR")
    assert place is not None and place.region_code == "OR"
    assert place.timezone == "America/Los_Angeles"


def test_unresolvable_address_is_none():
    assert geocode_address() is None
    assert geocode_address(city="Qqqqqzzzz", region="OR") is None


def test_place_offers_geopy_style_coordinate_names():
    place = geocode_address(postal_code="97214")
    assert (place.latitude, place.longitude) == (place.lat, place.lon)


# --- time zones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "zone"),
    [
        (45.52, -122.68, "America/Los_Angeles"),
        (43.47, -80.52, "America/Toronto"),
        (51.50, -0.12, "Europe/London"),
        (-27.47, 153.03, "Australia/Brisbane"),
        (-33.87, 151.21, "Australia/Sydney"),
        (-41.29, 174.78, "Pacific/Auckland"),
        (33.45, -112.07, "America/Phoenix"),
        (39.77, -86.16, "America/Indiana/Indianapolis"),
        (21.31, -157.86, "Pacific/Honolulu"),
    ],
)
def test_gazetteer_time_zone_from_nearest_place(lat, lon, zone):
    assert get_gazetteer().nearest_timezone(lat, lon) == zone
    assert timezone_at(lat, lon) == zone


def test_no_time_zone_far_from_any_place():
    assert get_gazetteer().nearest_timezone(-60.0, -140.0) is None


@pytest.mark.parametrize("bad", [(None, 1.0), (91.0, 0.0), (0.0, 181.0), ("x", "y")])
def test_time_zone_of_bad_coordinates_is_none(bad):
    assert timezone_at(*bad) is None


# --- distances ------------------------------------------------------------------------------

DISTANCE_POINTS = [
    (45.5152, -122.6784),
    (43.6591, -70.2568),
    (51.5074, -0.1278),
    (-33.8688, 151.2093),
    (-41.2866, 174.7756),
    (49.2827, -123.1207),
    (0.0, 0.0),
    (64.1466, -21.9426),
    (-54.8019, -68.3030),
    (45.5153, -122.6785),
]


@pytest.mark.parametrize("origin", DISTANCE_POINTS[:6])
def test_haversine_agrees_with_geopy_great_circle(origin):
    lats = np.array([p[0] for p in DISTANCE_POINTS])
    lons = np.array([p[1] for p in DISTANCE_POINTS])
    many = haversine_km_many(origin[0], origin[1], lats, lons)
    for (lat, lon), vectorised in zip(DISTANCE_POINTS, many, strict=True):
        reference = great_circle(origin, (lat, lon)).km
        scalar = haversine_km(origin[0], origin[1], lat, lon)
        assert scalar == pytest.approx(reference, rel=0.005, abs=1e-6)
        assert vectorised == pytest.approx(reference, rel=0.005, abs=1e-6)


def test_haversine_many_on_random_points_agrees_with_geopy():
    rng = np.random.default_rng(7)
    lats = rng.uniform(-89, 89, 200)
    lons = rng.uniform(-180, 180, 200)
    many = haversine_km_many(45.0, -122.0, lats, lons)
    reference = [great_circle((45.0, -122.0), (a, b)).km for a, b in zip(lats, lons, strict=True)]
    np.testing.assert_allclose(many, reference, rtol=0.005)


# --- online fallback (never reaching the network) -------------------------------------------


class FakeLocation:
    def __init__(self, lat, lon, address):
        self.latitude, self.longitude = lat, lon
        self.address = "Zigzag, Clackamas County, Oregon, United States"
        self.raw = {"address": address}


class FakeNominatim:
    def __init__(self, answer=None, error=None):
        self.answer, self.error, self.calls = answer, error, []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        if self.error:
            raise self.error
        return self.answer


def test_online_geocoder_is_off_by_default():
    assert make_online_geocoder(None) is None
    assert make_online_geocoder("offline") is None
    with pytest.raises(ValueError, match="GEOCODER"):
        make_online_geocoder("google")


def test_nominatim_needs_a_real_user_agent():
    with pytest.raises(ValueError, match="user agent"):
        make_online_geocoder("nominatim")
    with pytest.raises(ValueError, match="user agent"):
        NominatimFallback(user_agent="geopy")
    fallback = make_online_geocoder("nominatim", user_agent="Circles/1.0 (ops@example.org)")
    assert isinstance(fallback, NominatimFallback)
    assert fallback.timeout == 2.0


def test_nominatim_client_is_configured_for_one_fast_attempt():
    from geopy.adapters import URLLibAdapter

    fallback = NominatimFallback(user_agent="Circles/1.0 (ops@example.org)")
    client = fallback._client()
    assert client.timeout == 2.0
    assert isinstance(client.adapter, URLLibAdapter)
    assert client.headers["User-Agent"] == "Circles/1.0 (ops@example.org)"


def test_online_lookup_is_tried_only_after_an_offline_miss():
    fake = FakeNominatim(
        FakeLocation(
            45.3, -121.9, {"village": "Nowhereville", "state": "Oregon", "country_code": "us"}
        )
    )
    fallback = NominatimFallback(user_agent="Circles test suite", geocoder=fake)
    assert resolve_place("Portland, OR", online=fallback).place.name == "Portland"
    assert fake.calls == []
    place = resolve_place("Nowhereville Oregon", online=fallback).place
    assert place.name == "Nowhereville"
    assert place.region_code == "OR" and place.country == "US"
    assert place.timezone == "America/Los_Angeles"
    assert fake.calls[0][1]["timeout"] == 2.0


def test_online_answers_are_cached():
    fake = FakeNominatim(None)
    fallback = NominatimFallback(
        user_agent="Circles test suite", geocoder=fake, cache_size=2, min_interval=0
    )
    for _ in range(3):
        assert fallback.lookup("Nowhereville") is None
    assert len(fake.calls) == 1
    fallback.lookup("b")
    fallback.lookup("c")
    fallback.lookup("Nowhereville")  # evicted by the two above
    assert len(fake.calls) == 4


def test_online_requests_are_at_most_one_a_second():
    now = [100.0]
    fake = FakeNominatim(None)
    fallback = NominatimFallback(
        user_agent="Circles test suite", geocoder=fake, clock=lambda: now[0]
    )
    fallback.lookup("first")
    fallback.lookup("second")  # skipped, not queued
    assert [c[0] for c in fake.calls] == ["first"]
    now[0] += 1.0
    fallback.lookup("second")
    assert [c[0] for c in fake.calls] == ["first", "second"]


def test_online_errors_fall_back_to_the_offline_answer():
    from geopy.exc import GeocoderUnavailable

    fake = FakeNominatim(error=GeocoderUnavailable("no network"))
    fallback = NominatimFallback(user_agent="Circles test suite", geocoder=fake, min_interval=0)
    resolution = resolve_place("Xyzzyqq", online=fallback)
    assert resolution.place is None and resolution.message
    fallback.lookup("Xyzzyqq")
    assert len(fake.calls) == 2, "errors are not cached"


def test_real_nominatim_without_network_returns_none_fast():
    fallback = NominatimFallback(user_agent="Circles test suite")
    assert fallback.lookup("Nowhereville") is None


# --- the module's footprint ------------------------------------------------------------------


def test_places_is_a_pure_library():
    # A fresh interpreter: importing places (and using it) loads no Flask, no database layer,
    # no network client and nothing of the app; its data comes from the package itself.
    code = textwrap.dedent(
        """
        import sys
        import places, places.online
        assert places.resolve_place("Portland, OR").place.name == "Portland"
        assert places.geocode_address(postal_code="97214").postcode == "97214"
        for name in ("flask", "sqlmodel", "sqlalchemy", "geopy", "requests", "httpx",
                     "urllib.request", "directory", "matching"):
            assert name not in sys.modules, name
        assert places.model.GAZETTEER_DIR.parent == __import__("pathlib").Path(
            places.__file__).parent
        """
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_gazetteer_is_loaded_once_per_process():
    assert get_gazetteer() is get_gazetteer()


def test_concurrent_first_use_loads_the_gazetteer_once(monkeypatch):
    loads = []
    real = gazetteer_module.Gazetteer

    def counting_gazetteer(*args, **kwargs):
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(gazetteer_module, "_gazetteer", None)
    monkeypatch.setattr(gazetteer_module, "Gazetteer", counting_gazetteer)
    barrier = threading.Barrier(8)
    seen = []

    def worker():
        barrier.wait()
        seen.append(get_gazetteer())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1
    assert len({id(g) for g in seen}) == 1


def test_stored_name_keys_match_the_runtime_folding():
    # The build stores normalise_name(name); if the folding changes, rebuild the gazetteer.
    gaz = get_gazetteer()
    for i in range(0, len(gaz.names), 7):
        assert gaz.keys[i] == places.normalise_name(gaz.names[i]), gaz.names[i]


def test_gazetteer_files_are_compact_and_attributed():
    folder = ROOT / "places" / "data"
    total = sum(p.stat().st_size for p in folder.glob("*.tsv.gz"))
    assert total < 5 * 1024 * 1024
    attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "GeoNames" in attribution and "CC BY 4.0" in attribution


def test_gazetteer_zones_agree_with_timezonefinder_near_places():
    timezonefinder = pytest.importorskip("timezonefinder")
    finder = timezonefinder.TimezoneFinder()
    gaz = get_gazetteer()
    rng = np.random.default_rng(11)
    rows = rng.choice(len(gaz.pc_lat), 500, replace=False)
    agree = total = 0
    for j in rows:
        lat = float(gaz.pc_lat[j] + rng.normal(0, 0.05))
        lon = float(gaz.pc_lon[j] + rng.normal(0, 0.05))
        expected = finder.timezone_at(lng=lon, lat=lat)
        if expected and not expected.startswith("Etc/"):
            total += 1
            agree += gaz.nearest_timezone(lat, lon) == expected
    assert agree / total >= 0.98


def test_concurrent_resolution_gives_the_same_answers():
    texts = [row[0] for row in PLACE_TABLE] + ["Portlnd", "Seatle", "45.52, -122.68"]
    expected = [resolve_place(t) for t in texts]
    results: dict[int, list] = {}

    def worker(n):
        results[n] = [resolve_place(t) for t in texts]
        timezone_at(45.52, -122.68)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[n] == expected for n in range(6))
