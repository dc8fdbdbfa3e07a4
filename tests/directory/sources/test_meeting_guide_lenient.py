"""The Meeting Guide / TSML parser accepts what the spec and TSML allow, keeps what each
meeting says, and skips (never blocks on) an invalid entry."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

from directory.formats.meeting_guide import parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse(text, **options):
    options.setdefault("topic", "alcohol")
    warnings: list[str] = []
    listings, errors = parse_feed(text, filename="feed.json", warnings=warnings, **options)
    return {item.slug: item.listing for item in listings}, errors, warnings


def test_spec_feed_keeps_each_meeting_its_own_name_notes_types_and_slug():
    listings, errors, _ = parse(load("meeting_guide_spec.json"))
    assert errors == []
    elm = listings["elm-street-group"]
    assert [m.name for m in elm.meetings] == ["Sunday Serenity", "Sunday Serenity",
                                              "Elm Street Step Study"]
    assert [m.source_slug for m in elm.meetings] == ["101", "101", "elm-step-study"]
    assert elm.meetings[0].notes == "Ring the buzzer; second floor."
    assert elm.meetings[2].notes == "Bring the book."
    assert elm.meetings[0].source_types == ["O", "BB", "LGBTQ"]
    assert elm.meetings[2].source_types == ["C", "ST"]
    assert elm.meetings[0].location_notes == "Parking behind the building."
    assert elm.meetings[0].regions == ["North Side", "Elm Park"]
    assert elm.source_id == "elm-street-group"


def test_spec_feed_reads_integer_slugs_numeric_postcodes_and_day_arrays():
    listings, _, _ = parse(load("meeting_guide_spec.json"))
    elm = listings["elm-street-group"]
    assert [m.weekday for m in elm.meetings] == [6, 2, 1]  # Sunday, Wednesday, Tuesday
    assert elm.meetings[0].place.postal_code == "60601"


def test_last_verified_is_the_sources_latest_updated_date_not_today():
    listings, _, _ = parse(load("meeting_guide_spec.json"))
    assert listings["elm-street-group"].last_verified == date(2025, 3, 2)
    assert listings["lunch-online"].last_verified == date(2024, 11, 20)
    assert listings["riverside-group"].last_verified is None


def test_attendance_option_tc_and_approximate_are_honoured():
    listings, _, _ = parse(load("meeting_guide_spec.json"))
    lunch = listings["lunch-online"]
    assert lunch.meetings[0].attendance == "online"
    assert lunch.meetings[0].place.approximate is True
    assert lunch.meetings[0].online.phone == "+15550100,,123456#"
    assert lunch.format == "online"
    riverside = listings["riverside-group"]
    assert [m.attendance for m in riverside.meetings] == ["inactive", "in-person"]


def test_a_by_appointment_entry_is_a_listing_without_a_scheduled_meeting():
    listings, errors, warnings = parse(load("meeting_guide_spec.json"))
    assert errors == []
    appointment = listings["by-appointment"]
    assert appointment.meetings == []
    assert "By appointment" in appointment.description
    assert any("by appointment" in w for w in warnings)


def test_twelve_hour_times_day_names_and_comma_types_are_read_with_warnings():
    listings, errors, warnings = parse(load("meeting_guide_lenient.json"),
                                       timezone="America/Los_Angeles", skip_invalid=True)
    hope = listings["morning-hope"]
    assert hope.meetings[0].weekday == 0 and hope.meetings[0].start_time == time(7, 30)
    assert hope.meetings[0].end_time == time(8, 30)
    assert hope.meetings[0].source_types == ["O", "D", "W"]
    assert hope.audience == ["women"]
    evening = listings["evening-hope"]
    assert [m.weekday for m in evening.meetings] == [1, 3]
    assert evening.meetings[0].start_time == time(19, 0)
    assert any("'7:30 AM' read as 07:30" in w for w in warnings)
    assert any("day 'Thursday' read as 4" in w for w in warnings)


def test_the_feed_wide_timezone_fills_entries_that_give_none():
    listings, _, _ = parse(load("meeting_guide_lenient.json"),
                           timezone="America/Los_Angeles", skip_invalid=True)
    assert {m.timezone for m in listings["morning-hope"].meetings} == {"America/Los_Angeles"}


def test_an_unknown_feed_wide_timezone_is_an_error():
    _, errors, _ = parse(load("meeting_guide_lenient.json"), timezone="Mars/Olympus")
    assert "field 'timezone'" in str(errors[0]) and "Mars/Olympus" in str(errors[0])


def test_invalid_entries_are_skipped_and_reported_with_entry_and_field():
    listings, errors, _ = parse(load("meeting_guide_lenient.json"),
                                timezone="America/Los_Angeles", skip_invalid=True)
    assert set(listings) == {"morning-hope", "evening-hope"}
    reported = {(e.line, e.field) for e in errors}
    assert (3, "day") in reported
    assert (4, "conference_url") in reported


def test_without_skip_invalid_one_bad_entry_still_fails_the_feed():
    listings, errors, _ = parse(load("meeting_guide_lenient.json"),
                                timezone="America/Los_Angeles")
    assert listings == {} and errors


def test_a_bad_meeting_of_a_group_is_skipped_and_its_good_meetings_kept():
    feed = json.loads(load("meeting_guide_spec.json"))
    feed[1] = dict(feed[1], timezone="Nowhere/Land")
    listings, errors, _ = parse(feed, skip_invalid=True)
    elm = listings["elm-street-group"]
    assert [m.source_slug for m in elm.meetings] == ["101", "101"]
    assert [(e.line, e.field) for e in errors] == [(2, "timezone")]


def test_a_500_character_slug_is_refused_clearly():
    feed = json.loads(load("meeting_guide_spec.json"))
    feed[2] = dict(feed[2], slug="x" * 500)
    listings, errors, _ = parse(feed, skip_invalid=True)
    assert "lunch-online" not in listings and "elm-street-group" in listings
    assert errors[0].field == "slug" and "500 characters" in errors[0].message


def test_html_in_notes_is_kept_as_text():
    feed = json.loads(load("meeting_guide_spec.json"))
    feed[2] = dict(feed[2], notes="<script>alert(1)</script><b>Bold</b>")
    listings, errors, _ = parse(feed)
    assert errors == []
    assert listings["lunch-online"].meetings[0].notes == "<script>alert(1)</script><b>Bold</b>"
