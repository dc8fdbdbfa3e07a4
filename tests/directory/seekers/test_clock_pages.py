"""Whose clock the pages use: `day=today`, "Meeting tonight", one named zone per card, and
where an in-person group is."""

from __future__ import annotations

import re

import pytest

from directory.models import Location


@pytest.fixture
def directory(make_group):
    make_group(slug="pdx-grief", name="After the Loss", topics=["grief"])
    make_group(slug="online-grief", name="Good Mourning Online", topics=["grief"],
               format="online", location=None,
               meeting={"online_url": "https://meet.example.org/mourning",
                        "timezone": "America/New_York"})


def cards(html: str) -> list[str]:
    return re.findall(r'<article class="group-card".*?</article>', html, flags=re.S)


def card_of(html: str, name: str) -> str:
    return next(c for c in cards(html) if name in c)


def test_day_today_is_accepted_and_shown_as_a_chip(client, directory):
    html = client.get("/groups?day=today").get_data(as_text=True)
    assert "is not a known day" not in html
    assert "Day: Today" in html


def test_home_tonight_link_without_javascript_names_the_server_zone(client):
    html = client.get("/").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" data-tonight>Meeting tonight (.*?)</a>', html)
    assert link is not None
    href = link.group(1).replace("&amp;", "&")
    for part in ("day=today", "time=evening", "time=night", "tz=America/New_York"):
        assert part in href
    assert "(Eastern time)" in link.group(2)


def test_online_card_times_are_on_the_seeker_clock_named_in_words(client, directory):
    html = client.get("/groups?topic=grief&tz=America/Chicago").get_data(as_text=True)
    online = card_of(html, "Good Mourning Online")
    assert "Central time" in online
    assert "Eastern time" not in online
    in_person = card_of(html, "After the Loss")
    assert "Pacific time" in in_person and "Central time" not in in_person


def test_a_shared_link_without_tz_never_says_your_time(client, directory):
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    assert "your time" not in html
    online = card_of(html, "Good Mourning Online")
    assert "Eastern time" in online
    assert "data-your-time=" in online  # the reader's browser converts


def test_the_reason_line_and_the_next_line_use_one_zone(client, directory):
    html = client.get("/groups?topic=grief&tz=Europe/London").get_data(as_text=True)
    online = card_of(html, "Good Mourning Online")
    reason = re.search(r'<p class="why">(.*?)</p>', online, flags=re.S).group(1)
    when = re.search(r"<time [^>]*>(.*?)</time>", online).group(1)
    clock = re.search(r"\d{1,2}:\d\d [ap]m UK time", when).group(0)
    assert clock in reason


@pytest.mark.parametrize("tz", ["Mars/Olympus", "UTC+2", "../../etc/passwd", "x" * 300])
def test_a_bad_tz_is_ignored_with_a_notice(client, directory, tz):
    response = client.get("/groups", query_string={"tz": tz, "day": "today"})
    assert response.status_code == 200
    assert "is not a time zone" in response.get_data(as_text=True)


def test_in_person_cards_say_where_the_group_meets(client, make_group):
    for n, city in enumerate(("Leeds", "Bristol", "York")):
        make_group(slug=f"deck-{n}", name="Fresh Deck Gambling Support", topics=["gambling"],
                   location=Location(name=f"{city} Library", city=city, country="GB",
                                     latitude=53.8 - n, longitude=-1.5),
                   meeting={"timezone": "Europe/London"})
    html = client.get("/groups?topic=gambling").get_data(as_text=True)
    wheres = re.findall(r'<p class="where">(.*?)</p>', html)
    assert len(wheres) == 3
    assert len(set(wheres)) == 3
    assert any("Leeds Library" in w and "Leeds" in w for w in wheres)


@pytest.mark.parametrize(
    ("near", "tz", "expected"),
    [
        ("Manchester", "Europe/London", "Manchester, England"),
        ("Manchester", "America/New_York", "Manchester, New Hampshire"),
        ("Birmingham", "Europe/London", "Birmingham, England"),
        ("Birmingham", "America/Chicago", "Birmingham, Alabama"),
        ("Vancouver", "America/Vancouver", "Vancouver, British Columbia"),
        ("Vancouver", "America/Los_Angeles", "Vancouver, Washington"),
        ("Perth", "Australia/Perth", "Perth, Western Australia"),
    ],
)
def test_an_ambiguous_place_prefers_the_seeker_country(client, directory, near, tz, expected):
    html = client.get("/groups", query_string={"near": near, "tz": tz}).get_data(as_text=True)
    assert f"near {expected}" in html


@pytest.mark.parametrize(
    ("near", "accept_language", "expected"),
    [
        ("Manchester", "en-GB,en;q=0.8", "Manchester, England"),
        ("Birmingham", "en-GB", "Birmingham, England"),
        ("Vancouver", "fr-CA,fr;q=0.9,en;q=0.5", "Vancouver, British Columbia"),
        ("Perth", "en-AU", "Perth, Western Australia"),
        ("Manchester", "es-MX,es;q=0.9", "Manchester, New Hampshire"),  # not one of ours
        ("Manchester", "es,en;q=0.5", "Manchester, New Hampshire"),  # no region: the default
    ],
)
def test_without_a_time_zone_an_ambiguous_place_follows_the_browsers_country(
        client, directory, near, accept_language, expected):
    html = client.get("/groups", query_string={"near": near, "hl": "en"},
                      headers={"Accept-Language": accept_language}).get_data(as_text=True)
    assert f"near {expected}" in html


def test_the_time_zone_outranks_the_browsers_country(client, directory):
    html = client.get("/groups", query_string={"near": "Manchester", "tz": "America/New_York"},
                      headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert "near Manchester, New Hampshire" in html


def test_distances_default_to_km_outside_the_us_and_uk_with_a_switch(client, make_group):
    make_group(slug="syd", name="Harbour Circle", topics=["grief"],
               location=Location(name="Town Hall", city="Sydney", country="AU",
                                 latitude=-33.87, longitude=151.21),
               meeting={"timezone": "Australia/Sydney"})
    html = client.get("/groups?near=Sydney&tz=Australia/Sydney").get_data(as_text=True)
    assert re.search(r"<dt>Distance</dt><dd>[\d.]+ km</dd>|<dd>nearby</dd>", html)
    switch = re.search(r'<p class="units-switch">.*?<a href="([^"]+)">show in miles</a>', html,
                       flags=re.S)
    assert switch is not None and "units=mi" in switch.group(1)
    miles = client.get(switch.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "show in kilometres" in miles and "Distances in miles" in miles
    make_group(slug="pdx", name="Portland Circle", topics=["grief"])
    us = client.get("/groups?near=Portland%2C+OR").get_data(as_text=True)
    assert "Distances in miles" in us


def test_today_without_any_zone_says_whose_today_it_is(client, directory):
    html = client.get("/groups?day=today").get_data(as_text=True)
    assert "each meeting&#39;s own today" in html or "each meeting's own today" in html
    with_zone = client.get("/groups?day=today&tz=America/Chicago").get_data(as_text=True)
    assert "own today" not in with_zone


def test_embed_entries_say_where_in_person_groups_meet(client, directory):
    html = client.get("/embed?topic=grief").get_data(as_text=True)
    assert '<p class="where">Harbor Lane Hall, Portland</p>' in html


@pytest.mark.parametrize("query", [
    "day=today&time=night&tz=Pacific/Chatham&format=online",
    "day=today&day=mon&time=evening&near=Perth&units=km&radius=5",
    "day=today&tz=America/Chicago&sort=soonest&format=hybrid&format=online",
    "units=parsecs&tz=&day=TODAY&time=Night",
    "near=M1+1AE&tz=Europe/London&day=today",
])
def test_clock_parameter_mixes_never_fail(client, directory, query):
    for path in ("/groups", "/embed", "/handout", "/groups.ics"):
        assert client.get(f"{path}?{query}").status_code == 200
    assert client.get(f"/api/v1/groups?{query}").status_code in (200, 400)
