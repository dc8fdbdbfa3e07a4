"""Our Meeting Guide feed, entry by entry, against the rules of the code4recovery spec.

The rules below are written from the spec's README (field definitions, "Meeting Guide
requirements", "Why is geographic information necessary for online-only meetings?") and
from what its two main consumers require of an entry before they list it: TSML UI (an entry
without a slug, with a duplicate slug, without address information or without a time zone
is dropped; an approximate address is not in person; a conference phone is kept only with 10+
dialable characters) and the 12 Step Meeting List plugin (`attendance_option` values, and
`approximate` deciding between online and in person).
"""

from __future__ import annotations

import json
import re
import zoneinfo
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from directory.feeds.meeting_guide import meeting_entry, meeting_guide_feed
from directory.formats.meeting_guide import parse_feed
from directory.imports import import_listing_csv
from directory.models import Location
from tests_support import standards_dir

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
BASE_URL = "https://circles.example.org"
ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "directory" / "fixtures" / "exports_directory.csv"
SEED = ROOT / "seed_data" / "directory.csv"
TYPE_CODES = set(json.loads((standards_dir() / "meeting-guide" / "types.json").read_text(
    encoding="utf-8")))
ZONES = zoneinfo.available_timezones()

HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")
ONE_TAP = re.compile(r"\+?[0-9,*#]+")
UPDATED = "%Y-%m-%d %H:%M:%S"
PLAIN_TEXT_FIELDS = ("name", "notes", "location", "location_notes", "group", "group_notes",
                     "conference_url_notes", "conference_phone_notes", "formatted_address",
                     "address", "city", "state", "postal_code", "country", "timezone",
                     "region")
ATTENDANCE_OPTIONS = {"in_person", "hybrid", "online", "inactive"}


def spec_problems(entry: dict) -> list[str]:
    """Every way one entry breaks the spec's rules (an empty list for a good entry)."""
    problems: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    # Required fields: name and slug.
    name = entry.get("name")
    need(isinstance(name, str) and name.strip() != "", "name is required (a string)")
    need(not isinstance(name, str) or len(name) <= 255, "name is longer than 255 characters")
    slug = entry.get("slug")
    need(isinstance(slug, str | int) and not isinstance(slug, bool) and str(slug) != "",
         "slug is required (a string, or an integer)")
    need(URL_SAFE.fullmatch(str(slug)) is not None, f"slug {slug!r} is not URL-safe")
    need(len(str(slug)) <= 64, "slug is longer than 64 characters")
    # Time fields: weekly meetings need day and time; a meeting "by appointment" has
    # neither (the spec allows it; TSML UI lists it at the bottom, the app leaves it out).
    by_appointment = "day" not in entry and "time" not in entry
    day = entry.get("day")
    days = day if isinstance(day, list) else [day]
    need(by_appointment or bool(days) and all(
        isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days),
         f"day {day!r} is not 0-6 (Sunday = 0) or a list")
    need(by_appointment or isinstance(entry.get("time"), str)
         and HH_MM.fullmatch(entry["time"]) is not None,
         f"time {entry.get('time')!r} is not HH:MM, 24-hour")
    if "end_time" in entry:
        need(isinstance(entry["end_time"], str) and HH_MM.fullmatch(entry["end_time"]) is not None,
             f"end_time {entry['end_time']!r} is not HH:MM, 24-hour")
    # TSML UI drops an entry without a time zone unless the page sets one; ours always do.
    need(entry.get("timezone") in ZONES, f"timezone {entry.get('timezone')!r} is not a tz "
                                         "database name")
    # Geographic fields: required to be listed, for online meetings too (approximate).
    has_geo = bool(entry.get("formatted_address")) or any(
        entry.get(k) for k in ("address", "city", "state", "postal_code", "country"))
    need(has_geo, "no geographic information (formatted_address, or address/city/state/"
                  "postal_code/country): Meeting Guide and TSML UI drop the entry")
    approximate = entry.get("approximate")
    need(approximate in (None, "yes", "no"), f"approximate {approximate!r} is not yes/no")
    has_lat, has_lon = "latitude" in entry, "longitude" in entry
    need(has_lat == has_lon, "latitude and longitude come together")
    if has_lat and has_lon:
        need(isinstance(entry["latitude"], int | float) and -90 <= entry["latitude"] <= 90,
             "latitude is not a number in -90..90")
        need(isinstance(entry["longitude"], int | float) and -180 <= entry["longitude"] <= 180,
             "longitude is not a number in -180..180")
    # Online meeting fields.
    url = entry.get("conference_url")
    if url is not None:
        need(isinstance(url, str) and re.match(r"https?://[^/\s]+", url) is not None,
             f"conference_url {url!r} is not an absolute http(s) URL")
    if "conference_url_notes" in entry:
        need(url is not None, "conference_url_notes without a conference_url")
    phone = entry.get("conference_phone")
    if phone is not None:
        need(isinstance(phone, str) and ONE_TAP.fullmatch(phone) is not None,
             f"conference_phone {phone!r}: only digits, a leading +, and , * # are allowed")
        need(len(re.sub(r"[^\d,+#]", "", str(phone))) >= 10,
             f"conference_phone {phone!r} is too short to dial (TSML UI needs 10+)")
    if "conference_phone_notes" in entry:
        need(phone is not None, "conference_phone_notes without a conference_phone")
    # Attendance: the 12 Step Meeting List plugin's values, consistent with the rest.
    attendance = entry.get("attendance_option")
    need(attendance in ATTENDANCE_OPTIONS, f"attendance_option {attendance!r} is not one of "
                                           f"{sorted(ATTENDANCE_OPTIONS)}")
    online = url is not None or phone is not None
    types = entry.get("types", [])
    if attendance in ("online", "hybrid"):
        need(online, f"an {attendance} meeting needs a conference_url or conference_phone")
    if attendance == "online":
        need(approximate == "yes", "an online meeting's location is approximate (a town), "
                                   "else apps list it as in person")
    if attendance in ("in_person", "hybrid"):
        need(approximate == "no" and bool(entry.get("address")),
             "in-person meetings must have a specific address (approximate: no)")
        need("TC" not in types, "a meeting that is held in person is not temporarily closed")
    if attendance == "inactive":
        need("TC" in types and not online, "an inactive meeting has the TC type and no "
                                          "conference details")
    # Recommended and optional fields.
    need(isinstance(types, list) and all(isinstance(t, str) for t in types),
         "types is not a list of strings")
    need(all(t in TYPE_CODES for t in types),
         f"types {sorted(set(types) - TYPE_CODES)} are not in the spec's types.json")
    need("ONL" not in types, "ONL is not a type of the spec (online is told by conference_*)")
    for key in PLAIN_TEXT_FIELDS:
        if key in entry:
            need(isinstance(entry[key], str), f"{key} is not a string")
    if "updated" in entry:
        try:
            datetime.strptime(entry["updated"], UPDATED)
        except (TypeError, ValueError):
            problems.append(f"updated {entry['updated']!r} is not YYYY-MM-DD HH:MM:SS (UTC)")
    for key in ("url", "edit_url", "feedback_url"):
        if key in entry:
            need(re.match(r"https?://[^/\s]+", str(entry[key])) is not None,
                 f"{key} is not an absolute http(s) URL")
    if "feedback_emails" in entry:
        need(isinstance(entry["feedback_emails"], list), "feedback_emails is not a list")
    return problems


def feed_problems(feed: list[dict]) -> list[str]:
    """Problems of every entry, plus slugs that are not unique within the feed."""
    problems = [f"{e.get('slug')}: {p}" for e in feed for p in spec_problems(e)]
    slugs = [str(e.get("slug")) for e in feed]
    problems += [f"{s}: duplicate slug" for s in sorted({s for s in slugs if slugs.count(s) > 1})]
    return problems


def load(session, path: Path):
    report = import_listing_csv(session, path.read_text(encoding="utf-8"), filename=path.name,
                                now=NOW)
    assert report.ok, [str(e) for e in report.errors[:5]]
    session.commit()


# --- the rules themselves catch what they should -------------------------------------------

GOOD = {"name": "Tuesday Circle", "slug": "tuesday-circle-tue-1900", "day": 2, "time": "19:00",
        "timezone": "America/Chicago", "attendance_option": "online",
        "formatted_address": "Chicago, IL, US", "approximate": "yes",
        "conference_url": "https://meet.example.org/t", "types": ["O"]}


@pytest.mark.parametrize(("change", "words"), [
    ({"slug": None}, "slug is required"),
    ({"slug": "has space"}, "not URL-safe"),
    ({"slug": "x" * 65}, "longer than 64"),
    ({"name": ""}, "name is required"),
    ({"day": 7}, "is not 0-6"),
    ({"time": "7:00 pm"}, "is not HH:MM"),
    ({"time": None}, "is not HH:MM"),  # a day without a time is not "by appointment"
    ({"day": None}, "is not 0-6"),
    ({"timezone": "EST5"}, "tz database"),
    ({"formatted_address": None, "approximate": None}, "no geographic information"),
    ({"approximate": "no"}, "location is approximate"),
    ({"conference_url": None}, "needs a conference_url or conference_phone"),
    ({"conference_url": "javascript:alert(1)"}, "absolute http(s) URL"),
    ({"conference_phone": "+1 (555) 010-0123"}, "only digits"),
    ({"attendance_option": "in-person"}, "attendance_option"),
    ({"attendance_option": "in_person"}, "specific address"),
    ({"types": ["ONL"]}, "not in the spec's types.json"),
    ({"updated": "2026-11-02T12:00:00Z"}, "YYYY-MM-DD HH:MM:SS"),
])
def test_the_rules_catch_each_kind_of_bad_entry(change, words):
    assert spec_problems(GOOD) == []
    bad = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    assert any(words in p for p in spec_problems(bad)), spec_problems(bad)


def test_the_rules_catch_duplicate_slugs():
    assert feed_problems([GOOD, GOOD]) == ["tuesday-circle-tue-1900: duplicate slug"]


# --- our feed passes them --------------------------------------------------------------------


def test_every_entry_of_the_fixture_directory_passes_the_spec(session):
    load(session, FIXTURE)
    feed = meeting_guide_feed(session, base_url=BASE_URL)
    assert len(feed) >= 9
    assert feed_problems(feed) == []


@pytest.mark.skipif(not SEED.exists(), reason="seed_data/directory.csv is not on this branch")
def test_every_entry_of_the_sample_directory_passes_the_spec(session):
    load(session, SEED)
    feed = meeting_guide_feed(session, base_url=BASE_URL)
    assert len(feed) > 500
    assert feed_problems(feed) == []
    options = {e["attendance_option"] for e in feed}
    # the sample has meetings of every kind, and a few temporarily closed ones
    assert options == {"in_person", "hybrid", "online", "inactive"}
    online = [e for e in feed if e["attendance_option"] == "online"]
    assert online and all(e["approximate"] == "yes" and e["city"] for e in online)


def test_every_kind_of_meeting_we_hold_passes_the_spec(session, make_group):
    make_group(slug="in-person", meeting={"online_notes": "Ring the bell."})
    make_group(slug="town-only", location=Location(city="Portland", region="OR", country="US",
                                                   latitude=45.52, longitude=-122.68,
                                                   approximate=True))
    make_group(slug="hybrid", format="hybrid",
               meeting={"online_url": "https://meet.example.org/h", "online_notes": "PIN 42"})
    make_group(slug="online-no-city", format="online", location=None, organization=None,
               meeting={"online_url": "https://meet.example.org/o",
                        "timezone": "Europe/London"})
    make_group(slug="phone-pin", format="phone", location=None,
               meeting={"online_phone": "+1 613-555-0160",
                        "online_notes": "Access code 1275#. Press *6 to mute.",
                        "timezone": "America/Toronto"})
    make_group(slug="one-tap", format="phone", location=None,
               meeting={"online_phone": "+16699009128,,71771828957#"})
    feed = meeting_guide_feed(session, base_url=BASE_URL)
    by_slug = {e["url"].rsplit("/", 1)[1]: e for e in feed}
    # An in-person meeting known only by its town is not published as a street address.
    assert "town-only" not in by_slug
    assert set(by_slug) == {"in-person", "hybrid", "online-no-city", "phone-pin", "one-tap"}
    assert feed_problems(feed) == []
    assert by_slug["phone-pin"]["conference_phone"] == "+16135550160,,1275#"
    assert by_slug["one-tap"]["conference_phone"] == "+16699009128,,71771828957#"
    assert by_slug["online-no-city"]["formatted_address"] == "London, England, GB"


def test_an_inactive_meeting_passes_the_spec_as_temporarily_closed(make_group):
    group = make_group(slug="closed-for-now", meeting={"online_url": "https://meet.example.org/x"})
    entry = meeting_entry(group, group.meetings[0], slug="closed-for-now-tue-1900",
                          base_url=BASE_URL, attendance="inactive")
    assert entry["attendance_option"] == "inactive" and "TC" in entry["types"]
    assert "conference_url" not in entry
    assert spec_problems(entry) == []


def test_a_meeting_with_no_place_and_no_town_for_its_zone_is_left_out(session, make_group):
    make_group(slug="utc-online", format="online", location=None, organization=None,
               meeting={"online_url": "https://meet.example.org/u", "timezone": "UTC"})
    make_group(slug="kept", meeting={"start_time": time(9, 0)})
    feed = meeting_guide_feed(session, base_url=BASE_URL)
    assert [e["url"].rsplit("/", 1)[1] for e in feed] == ["kept"]


def test_our_feed_imports_back_with_online_meetings_still_online(session):
    load(session, FIXTURE)
    feed = meeting_guide_feed(session, base_url=BASE_URL)
    records, errors = parse_feed(feed, filename="ours.json", topic="anxiety")
    assert errors == []
    formats = {r.slug: r.listing.search_format() for r in records}
    assert formats["night-owls-online"] == "online"
    assert formats["sydney-morning-carers"] == "online"


def test_our_feed_of_a_synced_feed_passes_the_spec_by_appointment_too(session, tmp_path):
    from directory.listings.store import NO_GEOCODER
    from directory.sources.registry import add_source
    from directory.sources.sync import sync_source

    path = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / \
        "meeting_guide_round_trip.json"
    source = add_source(session, now=NOW, name="intergroup", location=str(path),
                        fmt="meeting-guide", topic="alcohol")
    session.commit()
    assert sync_source(session, source, now=NOW, geocoder=NO_GEOCODER).outcome == "ok"
    feed = meeting_guide_feed(session, base_url=BASE_URL)
    appointments = [e for e in feed if "day" not in e]
    assert {e["slug"] for e in appointments} == {"by-appointment", "elm-sponsorship"}
    problems = feed_problems(feed)
    assert problems == [], "\n".join(problems)
