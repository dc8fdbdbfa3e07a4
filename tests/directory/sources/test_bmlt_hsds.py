"""BMLT semantic JSON and HSDS 3.0 services read into listings, through the same reader."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from directory.formats.bmlt import parse_bmlt
from directory.formats.hsds import parse_hsds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def bmlt(**options):
    warnings: list[str] = []
    listings, errors = parse_bmlt((FIXTURES / "bmlt.json").read_text(), filename="na.json",
                                  topic="drugs", warnings=warnings, **options)
    return {i.listing.source_id: i for i in listings}, errors, warnings


def test_bmlt_meetings_become_listings_keyed_by_their_bmlt_id():
    listings, errors, warnings = bmlt()
    assert errors == []
    assert set(listings) == {"bmlt-2001", "bmlt-2002", "bmlt-2004"}
    assert any("1 unpublished" in w for w in warnings)
    today = listings["bmlt-2001"].listing
    assert today.slug == "just-for-today"
    meeting = today.meetings[0]
    assert meeting.weekday == 6  # weekday_tinyint 1 = Sunday
    assert (meeting.start_time, meeting.end_time) == (time(19, 0), time(20, 30))
    assert meeting.timezone == "America/Denver"
    assert meeting.place.address == "500 Maple Drive" and meeting.place.city == "Exampleton"
    assert meeting.location_notes == "Use the west entrance."
    assert meeting.notes == "Newcomers welcome."
    assert today.access == ["wheelchair"]  # WCHR
    assert meeting.source_slug == "2001"


def test_bmlt_virtual_and_hybrid_meetings_keep_their_links_and_phone():
    listings, _, _ = bmlt()
    virtual = listings["bmlt-2002"].listing
    assert virtual.format == "online"
    meeting = virtual.meetings[0]
    assert meeting.weekday == 5  # 7 = Saturday
    assert meeting.online.url == "https://meet.example.org/virtual-recovery"
    assert meeting.online.phone == "+15550102,,987654#"
    assert meeting.online.notes == "Passcode 1357"
    hybrid = listings["bmlt-2004"].listing
    assert hybrid.meetings[0].attendance == "hybrid"


def test_bmlt_entry_numbers_in_errors_count_unpublished_meetings():
    text = (FIXTURES / "bmlt.json").read_text().replace('"weekday_tinyint": "4"',
                                                         '"weekday_tinyint": "9"')
    listings, errors = parse_bmlt(text, filename="na.json", topic="drugs", skip_invalid=True)
    assert {i.listing.source_id for i in listings} == {"bmlt-2001", "bmlt-2002"}
    assert [(e.line, e.field) for e in errors] == [(4, "day")]


def test_hsds_services_become_listings_with_a_meeting_per_weekly_day():
    warnings: list[str] = []
    listings, errors = parse_hsds((FIXTURES / "hsds.json").read_text(), filename="211.json",
                                  topic="grief", timezone="America/Los_Angeles",
                                  warnings=warnings)
    assert errors == []
    by_key = {i.listing.source_id: i.listing for i in listings}
    harbor = by_key["hsds-7b1c0c55-3a39-4d7e-9f51-0d0c6f8a0001"]
    assert harbor.name == "Harbor Grief Circle" and harbor.slug == "harbor-grief-circle"
    assert [m.weekday for m in harbor.meetings] == [1, 3]
    assert harbor.meetings[0].place.city == "Exampleport"
    assert harbor.meetings[0].notes == "Room 2."
    assert harbor.meetings[0].timezone == "America/Los_Angeles"
    online = by_key["hsds-7b1c0c55-3a39-4d7e-9f51-0d0c6f8a0002"]
    assert online.format == "online" and len(online.meetings) == 1
    assert online.meetings[0].online.url == "https://meet.example.org/caregivers"
    assert any("monthly, not weekly" in w for w in warnings)


def test_hsds_without_a_default_zone_reports_each_meeting():
    listings, errors = parse_hsds((FIXTURES / "hsds.json").read_text(), filename="211.json",
                                  topic="grief", skip_invalid=True)
    # No zone in HSDS and no source default: the in-person meeting's zone comes later from
    # its place; the online one has no place, so the writer will report it.
    assert errors == []
    assert len(listings) == 2
