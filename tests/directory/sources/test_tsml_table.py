"""The TSML "table" variant: a Google Sheet or CSV in the 12 Step Meeting List import
layout is read as TSML reads it, through the Meeting Guide rules, by source sync and by
`flask import` alike; errors name the sheet's line and column."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from sqlmodel import select

from directory.formats.tsml_table import column_name, looks_like_table, parse_table, sheet_csv_url
from directory.imports import import_file
from directory.listings.store import NO_GEOCODER
from directory.models import Group
from directory.sources.registry import add_source
from directory.sources.sync import sync_source
from tests_support import FIXED_NOW

SHEET = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / "tsml_sheet.csv"


def parse(**options):
    options.setdefault("topic", "alcohol")
    options.setdefault("timezone", "America/New_York")
    warnings: list[str] = []
    listings, errors = parse_table(SHEET.read_text(encoding="utf-8"), filename="sheet.csv",
                                   skip_invalid=True, warnings=warnings, **options)
    return {item.slug: item for item in listings}, errors, warnings


def test_headers_are_read_as_tsml_reads_them():
    assert column_name("End Time") == "end_time"
    assert column_name(" Postal Code ") == "postal_code"
    assert column_name("Conference URL") == "conference_url"
    assert column_name("ZIP") == "postal_code" and column_name("Meeting") == "name"
    assert column_name("Location Name") == "location"


def test_a_sheet_is_told_from_our_own_csv_format():
    assert looks_like_table(SHEET.read_text(encoding="utf-8"))
    assert not looks_like_table("group_slug,group_name,topics,format,cost,weekday,start_time\n")
    assert not looks_like_table('[{"name": "x"}]')


def test_every_row_lands_with_what_tsml_accepts_and_nothing_is_lost():
    listings, errors, warnings = parse()
    harbor = listings["harbor-light-group"].listing
    tuesday, sunday = harbor.meetings
    assert (tuesday.weekday, tuesday.start_time, tuesday.end_time) == (1, time(19), time(20))
    assert (sunday.weekday, sunday.start_time) == (6, time(12))  # "noon", day 0 = Sunday
    assert tuesday.name == "Harbor Light Big Book" and sunday.name == "Harbor Light Sunday"
    assert tuesday.place.address == "14 Fictional Wharf Road"  # "@ rear door" dropped
    assert tuesday.place.postal_code == "02134"  # the leading zero a spreadsheet dropped
    assert tuesday.notes == "Coffee from 6:30." and tuesday.location_notes.startswith("Side")
    assert tuesday.regions == ["South Shore", "Bayview"]
    assert tuesday.source_types == ["O", "B", "X"]  # names mapped to the spec's codes
    assert "potluck" in sunday.source_types  # an unknown type is kept, with a warning
    assert any("potluck" in w and "line 3" in w for w in warnings)
    assert "wheelchair" in harbor.access and harbor.last_verified.isoformat() == "2025-02-03"
    online = listings["sunrise-online"].listing.meetings[0]
    assert online.attendance == "online" and online.online.url.endswith("sunrise-fictional")
    assert online.online.phone == "+15550100,,445566#"
    appointment = listings["lantern-appointment-circle"].listing
    assert appointment.meetings == [] and "appointment" in appointment.description.lower()
    # Two rows named alike (no group) stay two listings, slugs made unique as TSML does.
    assert listings["friday-friends"].listing.meetings[0].weekday == 4
    assert listings["friday-friends-1"].listing.meetings[0].weekday == 5
    # The invalid row is skipped, named by its line and column; the rest lands.
    assert [(e.line, e.field) for e in errors] == [(6, "day")]
    assert "Funday" in errors[0].message and str(errors[0]).startswith("sheet.csv, line 6")
    assert any("Favourite Colour" in w and "ignored" in w for w in warnings)


def test_a_sheet_without_its_required_columns_is_refused_clearly():
    listings, errors = parse_table("Name,Location\nA,B\n", filename="s.csv", topic="alcohol")
    assert listings == [] and {e.field for e in errors} == {"day", "time"}


def test_a_google_sheet_address_is_fetched_as_its_own_csv_export():
    url = "https://docs.google.com/spreadsheets/d/AbC123_x-Y/edit#gid=42"
    assert sheet_csv_url(url) == (
        "https://docs.google.com/spreadsheets/d/AbC123_x-Y/export?format=csv&gid=42")
    assert sheet_csv_url("https://example.org/feed.json") == "https://example.org/feed.json"


def test_a_sheet_syncs_as_a_meeting_guide_source_and_imports_with_flask_import(session):
    source = add_source(session, now=FIXED_NOW, name="sheet", location=str(SHEET),
                        fmt="meeting-guide", topic="alcohol", timezone="America/New_York")
    session.commit()
    report = sync_source(session, source, now=FIXED_NOW, geocoder=NO_GEOCODER)
    assert report.outcome == "ok", report.message
    assert (report.added, report.skipped) == (5, 1)
    assert report.skipped_entries[0]["entry"] == 6
    synced = {g.source_entry_id for g in session.exec(
        select(Group).where(Group.source_id == source.id)).all()}
    assert "harbor-light-group" in synced
    imported = import_file(session, SHEET.read_text(encoding="utf-8"), filename="sheet.csv",
                           actor="test", geocoder=NO_GEOCODER, now=FIXED_NOW,
                           skip_invalid=True, topic="alcohol", timezone="America/New_York")
    assert imported.ok and len(imported.skipped) == 1 and imported.skipped[0].line == 6
