"""The Meeting Guide feed: export of weekly meetings and import back into records."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from directory.feeds.meeting_guide import (
    ACCESS_TYPES,
    APPROACH_TYPES,
    AUDIENCE_TYPES,
    LANGUAGE_TYPES,
    OTHER_TYPE_LABELS,
    WELCOME_TYPES,
    attendance_option_of,
    conference_phone_of,
    meeting_guide_feed,
)
from directory.formats.meeting_guide import parse_feed as parse_meeting_guide
from directory.imports import import_file, import_listing_csv, import_listings
from directory.listings.store import NO_GEOCODER
from directory.models import Group
from tests_support import standards_dir

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
BASE_URL = "https://circles.example.org"
ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "directory" / "fixtures" / "exports_directory.csv"
TYPES_FILE = standards_dir() / "meeting-guide" / "types.json"


@pytest.fixture
def directory(session):
    report = import_listing_csv(
        session, FIXTURE.read_text(encoding="utf-8"), filename=FIXTURE.name, now=NOW
    )
    assert report.ok, [str(e) for e in report.errors]
    session.commit()
    return session


@pytest.fixture
def feed(directory):
    return meeting_guide_feed(directory, base_url=BASE_URL)


def by_group(feed, slug):
    return [e for e in feed if e["url"] == f"{BASE_URL}/groups/{slug}"]


def test_feed_has_one_entry_per_weekly_meeting_of_active_groups(feed):
    urls = {e["url"].rsplit("/", 1)[1] for e in feed}
    assert "paused-circle" not in urls
    assert "grief-and-loss-monthly" not in urls
    assert "last-friday-gamblers" not in urls
    assert len(by_group(feed, "eastside-family-circle")) == 2
    assert len(by_group(feed, "mujeres-en-recuperacion")) == 2
    assert len(feed) == 9


def test_days_count_from_sunday_zero(feed):
    eastside = by_group(feed, "eastside-family-circle")
    assert [e["day"] for e in eastside] == [2, 6]
    assert by_group(feed, "sydney-morning-carers")[0]["day"] == 0
    assert by_group(feed, "mujeres-en-recuperacion")[0]["day"] == 1


def test_slugs_are_unique_short_url_safe_and_stable(directory, feed):
    slugs = [e["slug"] for e in feed]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert len(slug) <= 64
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert "eastside-family-circle-tue-1900" in slugs
    again = meeting_guide_feed(directory, base_url=BASE_URL)
    assert [e["slug"] for e in again] == slugs


def test_long_group_slug_is_truncated_deterministically(feed):
    long_slug = "a-very-long-slug-for-a-group-that-meets-on-thursday-mornings-in-the-city-centre"
    (entry,) = by_group(feed, long_slug)
    assert entry["slug"].startswith("a-very-long-slug")
    assert entry["slug"].endswith("-thu-0730")
    assert len(entry["slug"]) <= 64


def test_two_meetings_at_the_same_time_get_distinct_slugs(feed):
    first, second = [e["slug"] for e in by_group(feed, "mujeres-en-recuperacion")]
    assert first == "mujeres-en-recuperacion-mon-1800"
    # The second is told apart by a hash of its own place, not by a counter.
    assert re.fullmatch(r"mujeres-en-recuperacion-mon-1800-[0-9a-f]{6}", second)


def test_in_person_entry_has_address_coordinates_and_venue(feed):
    entry = by_group(feed, "eastside-family-circle")[0]
    assert entry["name"] == "Eastside Family Circle"
    assert entry["time"] == "19:00" and entry["end_time"] == "20:30"
    assert entry["timezone"] == "America/Los_Angeles"
    assert entry["location"] == "St. Ida's Hall"
    assert entry["formatted_address"] == "1200 SE Alder St, Portland, OR 97214, US"
    assert entry["address"] == "1200 SE Alder St"
    assert (entry["city"], entry["state"], entry["postal_code"], entry["country"]) == (
        "Portland", "OR", "97214", "US"
    )
    assert entry["latitude"] == pytest.approx(45.5162)
    assert entry["approximate"] == "no"
    assert "conference_url" not in entry
    assert entry["group"] == "Eastside Family Circle"
    assert entry["notes"] == "For anyone worried about a loved one's drinking."
    assert entry["url"] == f"{BASE_URL}/groups/eastside-family-circle"
    assert entry["feedback_url"] == f"{BASE_URL}/groups/eastside-family-circle/report"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", entry["updated"])
    assert entry["updated"] == "2026-11-02 12:00:00"


def test_online_entry_has_conference_details_and_an_approximate_town(feed):
    (entry,) = by_group(feed, "night-owls-online")
    assert entry["conference_url"] == "https://meet.example.org/night-owls"
    assert entry["conference_url_notes"] == "Cameras optional."
    assert entry["attendance_option"] == "online"
    # Its organization meets in person only in another zone: the zone's own city stands in.
    assert entry["formatted_address"] == "New York City, NY, US"
    assert entry["approximate"] == "yes"
    assert "latitude" not in entry and "location" not in entry and "address" not in entry


def test_hybrid_entry_has_both_place_and_conference_url(feed):
    (entry,) = by_group(feed, "brooklyn-evening-recovery")
    assert entry["conference_url"] == "https://meet.example.org/brooklyn"
    assert entry["formatted_address"].startswith("55 Atlantic Ave")


def test_types_map_our_vocabularies_to_meeting_guide_codes(feed):
    assert by_group(feed, "eastside-family-circle")[0]["types"] == ["EN", "O", "X", "XB"]
    assert by_group(feed, "brooklyn-evening-recovery")[0]["types"] == [
        "A", "ASL", "C", "EN", "LGBTQ", "S", "Y"
    ]
    assert by_group(feed, "mujeres-en-recuperacion")[0]["types"] == [
        "BA", "C", "EN", "POC", "S", "W"
    ]
    assert by_group(feed, "a-very-long-slug-for-a-group-that-meets-on-thursday-mornings-"
                          "in-the-city-centre")[0]["types"] == ["EN", "FR", "O"]


def test_every_type_code_we_use_exists_in_the_published_types_file():
    published = json.loads(TYPES_FILE.read_text(encoding="utf-8"))
    ours = [
        *WELCOME_TYPES.values(), *AUDIENCE_TYPES.values(), *ACCESS_TYPES.values(),
        *APPROACH_TYPES.values(), *LANGUAGE_TYPES.values(), *OTHER_TYPE_LABELS,
    ]
    assert [code for code in ours if code not in published] == []
    for code, label in OTHER_TYPE_LABELS.items():
        assert published[code]["en"] == label


def test_markup_in_listing_fields_is_passed_as_plain_text(feed):
    (entry,) = by_group(feed, "brooklyn-evening-recovery")
    assert entry["notes"] == "Secular recovery circle. <script>alert('x')</script> & friends"


def test_meetings_that_have_ended_are_left_out_given_today(directory):
    feed = meeting_guide_feed(directory, base_url=BASE_URL, today=date(2026, 11, 2))
    assert by_group(feed, "london-stress-course") == []
    feed = meeting_guide_feed(directory, base_url=BASE_URL, today=date(2026, 2, 1))
    assert len(by_group(feed, "london-stress-course")) == 1


# --- import ------------------------------------------------------------------------------


FOREIGN_FEED = [
    {
        "name": "Tuesday Night Big Book",
        "slug": "tuesday-night-big-book",
        "day": 2,
        "time": "19:30",
        "end_time": "20:30",
        "timezone": "America/Chicago",
        "location": "First Church",
        "address": "100 Main St",
        "city": "Springfield",
        "state": "IL",
        "postal_code": "62701",
        "country": "USA",
        "latitude": 39.7990,
        "longitude": -89.6440,
        "types": ["O", "B", "X", "S", "ZZZ"],
        "notes": "Use the side door.",
        "group": "Springfield Serenity Group",
    },
    {
        "name": "Saturday Speaker",
        "slug": "saturday-speaker",
        "day": [6, 0],
        "time": "10:00:00",
        "timezone": "America/Chicago",
        "location": "First Church",
        "formatted_address": "100 Main St, Springfield, IL 62701, USA",
        "latitude": "39.7990",
        "longitude": "-89.6440",
        "conference_url": "https://meet.example.org/speaker",
        "types": ["SP"],
        "group": "Springfield Serenity Group",
    },
    {
        "name": "Online Women's Meeting",
        "slug": "online-womens",
        "day": 3,
        "time": "12:00",
        "timezone": "America/New_York",
        "conference_url": "https://meet.example.org/women",
        "conference_url_notes": "Password: serenity",
        "types": ["W", "C"],
    },
]


def parse(data, **options):
    options.setdefault("topic", "alcohol")
    return parse_meeting_guide(data, filename="feed.json", **options)


def test_foreign_feed_becomes_group_records_with_mapped_types():
    records, errors = parse(json.dumps(FOREIGN_FEED), approach="twelve-step", cost="donation")
    assert errors == []
    assert [r.slug for r in records] == ["springfield-serenity-group", "online-womens"]
    serenity, women = records
    assert serenity.listing.name == "Springfield Serenity Group"
    assert serenity.listing.topics == ["alcohol"]
    assert serenity.listing.approach == "twelve-step"
    assert serenity.listing.cost == "donation"
    assert serenity.listing.format == "hybrid"
    assert serenity.listing.welcome == "open"
    assert serenity.listing.access == ["wheelchair"]
    assert serenity.listing.languages == ["es"]
    assert [m.weekday for m in serenity.listing.meetings] == [1, 5, 6]  # Tue, Sat, Sun
    assert serenity.listing.meetings[0].place.country == "US"
    assert str(serenity.listing.meetings[1].start_time) == "10:00:00"
    assert serenity.listing.meetings[1].place.address == "100 Main St, Springfield, IL 62701, USA"
    assert women.listing.format == "online"
    assert women.listing.audience == ["women"]
    assert women.listing.welcome == "closed"
    assert women.listing.meetings[0].online.notes == "Password: serenity"


def test_unknown_type_codes_are_kept_as_notes_not_errors():
    records, errors = parse(FOREIGN_FEED)
    assert errors == []
    assert records[0].listing.description == (
        "Use the side door.\n\nMeeting types: Big Book, ZZZ."
    )


def test_importing_a_feed_twice_changes_nothing(session):
    records, _ = parse(FOREIGN_FEED)
    report = import_listings(session, records, actor="import", geocoder=NO_GEOCODER, now=NOW,
                             filename="feed.json")
    assert report.ok and report.created == ["springfield-serenity-group", "online-womens"]
    session.commit()
    records, _ = parse(FOREIGN_FEED)
    report = import_listings(session, records, actor="import", geocoder=NO_GEOCODER, now=NOW,
                             filename="feed.json")
    assert report.unchanged == ["springfield-serenity-group", "online-womens"]
    group = session.exec(select(Group).where(Group.slug == "online-womens")).one()
    assert group.status == "active"
    assert group.meetings[0].online_url == "https://meet.example.org/women"


def test_exported_feed_imports_back_under_the_same_group_slugs(directory):
    feed = meeting_guide_feed(directory, base_url=BASE_URL)
    records, errors = parse(feed, topic="anxiety")
    assert errors == []
    assert "eastside-family-circle" in {r.slug for r in records}
    eastside = next(r for r in records if r.slug == "eastside-family-circle")
    assert len(eastside.listing.meetings) == 2
    assert eastside.listing.access == ["wheelchair", "wheelchair-bathroom"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("{not json", "feed.json: not JSON"),
        ('{"slug": "x"}', "feed.json: a Meeting Guide feed is a JSON array"),
        ("[]", "feed.json: the feed has no meetings"),
        ('["x"]', "feed.json, entry 1: is a JSON str; each meeting is an object"),
    ],
)
def test_a_feed_that_is_not_a_list_of_meetings_is_rejected(data, expected):
    records, errors = parse(data)
    assert records == []
    assert str(errors[0]).startswith(expected)


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ({"slug": None}, "feed.json, entry 2, field 'slug': is required"),
        ({"slug": "online-womens"}, "feed.json, entry 2, field 'slug': duplicate slug "
                                    "'online-womens': entry 1 has it too"),
        ({"time": 1930}, "feed.json, entry 2, field 'time': meeting 'second': must be a string"),
        ({"time": "7 o'clock"}, "feed.json, entry 2, field 'time': meeting 'second': "
                                "'7 o'clock' is not"),
        ({"day": 7}, "feed.json, entry 2, field 'day': meeting 'second': 7 is not a day"),
        ({"day": "someday"}, "feed.json, entry 2, field 'day': meeting 'second': 'someday' is "
                             "not a day"),
        ({"types": 5}, "feed.json, entry 2, field 'types': meeting 'second': must be a list"),
        ({"timezone": "EST"}, "feed.json, entry 2, field 'timezone': meeting 'second': 'EST'"),
        ({"conference_url": "zoom"}, "feed.json, entry 2, field 'conference_url'"),
        ({"latitude": [1]}, "feed.json, entry 2, field 'latitude': meeting 'second': must be"),
        ({"name": ""}, "feed.json, entry 2, field 'name': meeting 'second': is required"),
    ],
)
def test_bad_entries_are_reported_by_entry_and_field(bad, expected):
    second = {**FOREIGN_FEED[2], "slug": "second", **bad}
    second = {k: v for k, v in second.items() if v is not None}
    records, errors = parse([FOREIGN_FEED[2], second])
    assert records == []
    assert str(errors[0]).startswith(expected), str(errors[0])


def test_missing_or_unknown_topic_is_an_error():
    _, errors = parse(FOREIGN_FEED, topic=None)
    assert "field 'topic': is required" in str(errors[0])
    _, errors = parse(FOREIGN_FEED, topic="knitting")
    assert "unknown topic code 'knitting'" in str(errors[0])


def test_a_fee_cost_cannot_come_from_a_feed():
    _, errors = parse(FOREIGN_FEED, cost="fee")
    assert "field 'cost'" in str(errors[0])


def test_every_entry_has_what_meeting_guide_consumers_require(feed):
    published = json.loads(TYPES_FILE.read_text(encoding="utf-8"))
    for entry in feed:
        assert isinstance(entry["name"], str) and entry["name"]
        assert isinstance(entry["day"], int) and 0 <= entry["day"] <= 6
        assert re.fullmatch(r"\d{2}:\d{2}", entry["time"])
        assert re.fullmatch(r"\d{2}:\d{2}", entry.get("end_time", "00:00"))
        assert "/" in entry["timezone"]
        assert entry.get("formatted_address") or entry.get("conference_url") or entry.get(
            "conference_phone")
        assert all(code in published for code in entry["types"])
        assert entry.get("approximate", "no") in ("yes", "no")


def test_a_day_listed_twice_in_one_entry_is_an_error():
    _, errors = parse([{**FOREIGN_FEED[2], "day": [3, 3]}])
    assert "field 'day'" in str(errors[0]) and "repeats an earlier meeting" in str(errors[0])


def test_entries_of_one_group_may_mix_in_person_and_online_meetings():
    in_person = {**FOREIGN_FEED[0], "group": "Mixed"}
    online = {**FOREIGN_FEED[2], "group": "Mixed"}
    records, errors = parse([in_person, online])
    assert errors == []
    (mixed,) = records
    assert mixed.listing.search_format() == "hybrid"
    assert [m.attendance for m in mixed.listing.meetings] == ["in-person", "online"]


def test_invalid_feed_writes_nothing(session):
    report = import_file(
        session, json.dumps([FOREIGN_FEED[2], {**FOREIGN_FEED[2], "time": "25:00",
                                               "slug": "late"}]),
        filename="feed.json", now=NOW, topic="alcohol", actor="import", geocoder=NO_GEOCODER,
    )
    assert not report.ok
    assert session.exec(select(Group)).all() == []


# --- export: attendance, one-tap phones, stable slugs, approximate towns --------------------


@pytest.mark.parametrize(("fmt", "option"), [
    ("in-person", "in_person"), ("hybrid", "hybrid"), ("online", "online"),
    ("phone", "online"), ("inactive", "inactive"),
])
def test_attendance_option_maps_each_format(fmt, option):
    assert attendance_option_of(fmt) == option


def test_attendance_option_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        attendance_option_of("in_person")


@pytest.mark.parametrize(("phone", "notes", "expected"), [
    ("+1 613-555-0160", "Access code 1275#. Press *6 to mute.", "+16135550160,,1275#"),
    ("+1 (720) 555-0199", "PIN: 4242", "+17205550199,,4242#"),
    ("+1 669 900 9128", "Meeting ID 717 7182 8957, passcode 123456",
     "+16699009128,,71771828957#,,,,*123456#"),
    ("+1 669 900 9128", "Meeting ID: 717-7182-8957", "+16699009128,,71771828957#"),
    ("+16699009128,,71771828957#", "PIN 1", "+16699009128,,71771828957#"),  # already one-tap
    ("+44 1632 960123", "Passcode breathe12 (not dialable)", "+441632960123"),
    ("+1 602-555-0198", "No code needed; the host answers early.", "+16025550198"),
    ("+1 602-555-0198", None, "+16025550198"),
    ("", "PIN 4242", None),
    (None, None, None),
])
def test_conference_phone_is_in_one_tap_form(phone, notes, expected):
    assert conference_phone_of(phone, notes) == expected


def test_a_meetings_slug_does_not_change_when_the_group_gains_meetings(session, make_group):
    from datetime import time

    from directory.models import Location, Meeting

    group = make_group(slug="steady-circle")
    (first,) = meeting_guide_feed(session, base_url=BASE_URL)
    assert first["slug"] == "steady-circle-tue-1900"
    annex = Location(name="Annex", address="9 Elm St", city="Portland", region="OR",
                     country="US")

    def slugs_by_place():
        return {(e["day"], e["address"]): e["slug"]
                for e in meeting_guide_feed(session, base_url=BASE_URL)}

    def save():
        for position, meeting in enumerate(group.meetings):
            meeting.position = position
        session.add(group)
        session.commit()

    # A meeting added before it, on another day.
    group.meetings.insert(0, Meeting(weekday=0, start_time=time(8, 0),
                                     timezone="America/Los_Angeles", location=annex))
    save()
    assert slugs_by_place()[(2, "120 Alder St")] == "steady-circle-tue-1900"
    # A second meeting at the very same day and time, at another place: the two are told
    # apart by their places, whatever their order.
    group.meetings.append(Meeting(weekday=1, start_time=time(19, 0),
                                  timezone="America/Los_Angeles", location=annex))
    save()
    both = slugs_by_place()
    assert len(set(both.values())) == 3
    group.meetings.reverse()
    save()
    assert slugs_by_place() == both


def test_an_online_meetings_town_prefers_its_groups_then_its_organizations_place(
        session, make_group):
    from directory.models import Location

    # The organization meets in person in Madison (Chicago time) twice, in Denver once.
    madison = Location(name="Library", address="1 Lake St", city="Madison", region="WI",
                       country="US")
    make_group(slug="madison-a", organization="Lakes Network", location=madison,
               meeting={"timezone": "America/Chicago"})
    make_group(slug="madison-b", organization="Lakes Network",
               location=Location(address="2 Lake St", city="Madison", region="WI",
                                 country="US"),
               meeting={"timezone": "America/Chicago"})
    make_group(slug="denver", organization="Lakes Network",
               location=Location(address="3 Main St", city="Denver", region="CO",
                                 country="US"),
               meeting={"timezone": "America/Denver"})
    make_group(slug="lakes-online", organization="Lakes Network", format="online",
               location=None, meeting={"online_url": "https://meet.example.org/l",
                                       "timezone": "America/Chicago"})
    make_group(slug="lakes-online-pacific", organization="Lakes Network", format="online",
               location=None, meeting={"online_url": "https://meet.example.org/p",
                                       "timezone": "America/Los_Angeles"})
    feed = {e["url"].rsplit("/", 1)[1]: e for e in meeting_guide_feed(session,
                                                                      base_url=BASE_URL)}
    assert feed["lakes-online"]["formatted_address"] == "Madison, WI, US"
    # No in-person meeting of the organization in Pacific time: the zone's own city.
    assert feed["lakes-online-pacific"]["formatted_address"] == "Los Angeles, CA, US"
    assert feed["madison-a"]["attendance_option"] == "in_person"
    assert feed["madison-a"]["approximate"] == "no"


def test_geocoded_coordinates_are_not_published_as_the_venues(session, make_group):
    from directory.models import Location

    make_group(slug="postcode-pin", location=Location(
        address="5 Oak Ave", city="Portland", region="OR", postal_code="97214", country="US",
        latitude=45.51, longitude=-122.64, approximate=True))
    (entry,) = meeting_guide_feed(session, base_url=BASE_URL)
    assert entry["approximate"] == "no" and entry["address"] == "5 Oak Ave"
    assert "latitude" not in entry and "longitude" not in entry
