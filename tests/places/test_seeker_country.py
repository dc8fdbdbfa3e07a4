"""An ambiguous place name is read in the seeker's own country (from their time zone)."""

from __future__ import annotations

import pytest

from places import resolve_place


@pytest.mark.parametrize(
    ("text", "country", "label", "also"),
    [
        ("Manchester", "GB", "Manchester, England", "Manchester, New Hampshire"),
        ("Birmingham", "GB", "Birmingham, England", "Birmingham, Alabama"),
        ("Vancouver", "CA", "Vancouver, British Columbia", "Vancouver, Washington"),
        ("Perth", "GB", "Perth, Scotland", "Perth, Western Australia"),
        ("Perth", "AU", "Perth, Western Australia", "Perth, Scotland"),
        # A town of a few thousand does not outweigh a city of two million.
        ("Perth", "CA", "Perth, Western Australia", "Perth, Ontario"),
        ("London", "US", "London, England", "London, Kentucky"),
        ("London", "CA", "London, Ontario", "London, England"),
        ("Manchester", "US", "Manchester, New Hampshire", "Manchester, England"),
    ],
)
def test_ambiguous_names_prefer_the_seeker_country(text, country, label, also):
    resolution = resolve_place(text, default_country="US", prefer_country=country)
    assert resolution.place is not None and resolution.place.label == label
    assert also in [p.label for p in resolution.alternatives]


def test_a_misspelt_city_is_read_in_the_seeker_country_and_the_message_agrees():
    resolution = resolve_place("Manchestr", default_country="US", prefer_country="GB")
    assert resolution.place.label == "Manchester, England"
    assert resolution.place.approximate
    assert resolution.message is None or "Manchester, England" in resolution.message


def test_an_explicit_country_or_region_wins_over_the_seeker_country():
    assert resolve_place("Perth, WA", prefer_country="GB").place.country == "AU"
    assert resolve_place("Birmingham, AL", prefer_country="GB").place.country == "US"


@pytest.mark.parametrize(
    ("text", "country"),
    [("M1 1AE", "GB"), ("V6B 1A1", "CA"), ("K1A", "CA"), ("2000", "AU"), ("SW1A 1AA", "GB")],
)
def test_postcodes_keep_their_own_country_whoever_asks(text, country):
    for seeker in ("US", "GB", "CA", "AU"):
        place = resolve_place(text, prefer_country=seeker).place
        assert place is not None and place.country == country, (text, seeker)


def test_without_a_seeker_country_the_default_country_decides():
    assert resolve_place("Manchester", default_country="US").place.country == "US"
    assert resolve_place("Manchester", default_country="GB").place.country == "GB"
