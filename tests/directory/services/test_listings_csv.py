"""The CSV listing format: validation of every row before writing, upsert by slug, export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, time

import pytest
from sqlalchemy import func
from sqlmodel import select

from directory.exports import export_listings_csv
from directory.formats.csv import CSV_COLUMNS
from directory.imports import import_listing_csv
from directory.listings.store import GeocodeResult
from directory.models import Group, Location, Meeting, Organization

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)

BASE_ROW = {
    "group_slug": "eastside-family-circle",
    "group_name": "Eastside Family Circle",
    "organization": "Eastside Recovery Collective",
    "description": "For anyone worried about a loved one's drinking.",
    "topics": "family-and-friends;alcohol",
    "approach": "twelve-step",
    "format": "in-person",
    "cost": "free",
    "languages": "en",
    "audience": "everyone",
    "welcome": "open",
    "weekday": "tue",
    "start_time": "19:00",
    "end_time": "20:30",
    "timezone": "America/Los_Angeles",
    "location_name": "St. Ida's Hall",
    "address": "1200 SE Alder St",
    "city": "Portland",
    "region": "OR",
    "postal_code": "97214",
    "country": "US",
    "latitude": "45.5162",
    "longitude": "-122.6531",
    "last_verified": "2026-09-01",
}

ONLINE_ROW = {
    "group_slug": "night-owls-online",
    "group_name": "Night Owls Online",
    "topics": "anxiety",
    "format": "online",
    "cost": "donation",
    "weekday": "fri",
    "start_time": "22:00",
    "timezone": "America/New_York",
    "online_url": "https://meet.example.org/night-owls",
    "online_notes": "Cameras optional.",
}


def to_csv(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    columns = columns or [c for c in CSV_COLUMNS if any(c in r for r in rows)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


def run_import(session, text, **kwargs):
    report = import_listing_csv(session, text, filename="groups.csv", now=NOW, **kwargs)
    if report.ok:
        session.commit()
    else:
        session.rollback()
    return report


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_import_creates_groups_meetings_locations_and_organizations(session):
    second = dict(BASE_ROW, weekday="thu", start_time="12:00", end_time="13:00")
    report = run_import(session, to_csv([BASE_ROW, second, ONLINE_ROW]))
    assert report.ok, report.errors
    assert sorted(report.created) == ["eastside-family-circle", "night-owls-online"]
    group = session.exec(select(Group).where(Group.slug == "eastside-family-circle")).one()
    assert group.status == "active"
    assert group.topics == ["family-and-friends", "alcohol"]
    assert group.organization.name == "Eastside Recovery Collective"
    assert [(m.weekday, m.start_time) for m in group.meetings] == [(1, time(19)), (3, time(12))]
    assert group.meetings[0].location is group.meetings[1].location
    assert group.meetings[0].location.latitude == pytest.approx(45.5162)
    assert group.last_verified_at.date().isoformat() == "2026-09-01"
    online = session.exec(select(Group).where(Group.slug == "night-owls-online")).one()
    assert online.meetings[0].location is None
    assert online.meetings[0].online_url == "https://meet.example.org/night-owls"
    assert online.last_verified_at == NOW  # verified as of the import
    assert online.languages == ["en"] and online.audience == ["everyone"]
    assert count(session, Location) == 1


def test_reimporting_the_same_file_changes_nothing(session):
    text = to_csv([BASE_ROW, ONLINE_ROW])
    run_import(session, text)
    before = session.exec(select(Group.slug, Group.updated_at, Group.last_verified_at)).all()
    meeting_ids = session.exec(select(Meeting.id).order_by(Meeting.id)).all()
    report = run_import(session, text)
    assert report.ok
    assert report.created == [] and report.updated == []
    assert sorted(report.unchanged) == ["eastside-family-circle", "night-owls-online"]
    after = session.exec(select(Group.slug, Group.updated_at, Group.last_verified_at)).all()
    assert sorted(before) == sorted(after)
    assert session.exec(select(Meeting.id).order_by(Meeting.id)).all() == meeting_ids


def test_changed_row_updates_its_group_in_place(session):
    run_import(session, to_csv([BASE_ROW, ONLINE_ROW]))
    group_id = session.exec(select(Group.id).where(Group.slug == BASE_ROW["group_slug"])).one()
    changed = dict(BASE_ROW, start_time="18:30", cost="donation", address="1300 SE Alder St")
    report = run_import(session, to_csv([changed, ONLINE_ROW]))
    assert report.updated == ["eastside-family-circle"]
    assert report.unchanged == ["night-owls-online"]
    session.expire_all()
    group = session.get(Group, group_id)
    assert group.cost == "donation"
    assert group.meetings[0].start_time == time(18, 30)
    assert group.meetings[0].location.address == "1300 SE Alder St"
    assert count(session, Location) == 1  # the old place was not left behind


def test_export_then_import_round_trips_exactly(session):
    monthly = dict(ONLINE_ROW, group_slug="last-friday-grief",
                   group_name="Last Friday Grief Circle", topics="grief",
                   recurrence="monthly:-1", starts_on="2027-01-01",
                   ends_on="2027-12-31", cost="sliding-scale", fee_amount="12.50",
                   fee_currency="USD", access="captions;asl", languages="en;es")
    run_import(session, to_csv([BASE_ROW, ONLINE_ROW, monthly]))
    exported = export_listings_csv(session)
    report = run_import(session, exported)
    assert report.ok and report.created == [] and report.updated == []
    assert export_listings_csv(session) == exported
    assert "monthly:-1" in exported and "12.50" in exported


def test_export_writes_every_column_in_order(session):
    run_import(session, to_csv([BASE_ROW]))
    header = export_listings_csv(session).splitlines()[0]
    # The provenance columns are written only when some listing came from a source.
    assert header.split(",") == [c for c in CSV_COLUMNS if c not in ("source", "source_id")]


def test_export_writes_provenance_columns_when_a_listing_has_a_source(session):
    run_import(session, to_csv([dict(BASE_ROW, source="Example Intergroup", source_id="g-7")]))
    exported = export_listings_csv(session)
    assert exported.splitlines()[0].split(",") == list(CSV_COLUMNS)
    assert ",Example Intergroup,g-7" in exported
    run_import(session, exported)
    assert export_listings_csv(session) == exported


def test_columns_may_come_in_any_order(session):
    columns = list(reversed([c for c in CSV_COLUMNS if c in BASE_ROW]))
    report = run_import(session, to_csv([BASE_ROW], columns))
    assert report.ok, report.errors


BAD_CASES = [
    # (description, rows or raw text, line, field, words in the message)
    ("unknown column", "group_slug,group_name,topics,format,cost,weekday,start_time,colour\n",
     1, "colour", "unknown column"),
    ("missing required column", "group_slug,group_name,topics,format,cost,weekday\n",
     1, "start_time", "required column"),
    ("unknown topic code", [dict(BASE_ROW, topics="codependency;boozing")], 2, "topics",
     "unknown topic code 'boozing'"),
    ("unknown format code", [dict(BASE_ROW, format="zoom")], 2, "format", "unknown format"),
    ("unknown cost code", [dict(BASE_ROW, cost="cheap")], 2, "cost", "unknown cost"),
    ("unknown audience code", [dict(BASE_ROW, audience="everyone;kids")], 2, "audience",
     "unknown audience"),
    ("bad time zone", [dict(BASE_ROW, timezone="Mars/Olympus_Mons")], 2, "timezone",
     "IANA time zone"),
    ("UTC offset as time zone", [dict(BASE_ROW, timezone="UTC-08:00")], 2, "timezone",
     "IANA time zone"),
    ("abbreviation as time zone", [dict(BASE_ROW, timezone="EST")], 2, "timezone",
     "IANA time zone"),
    ("impossible time", [dict(BASE_ROW, start_time="25:00")], 2, "start_time",
     "not a possible time"),
    ("malformed time", [dict(BASE_ROW, end_time="7pm")], 2, "end_time", "HH:MM"),
    ("duplicate slug within one file", [BASE_ROW, ONLINE_ROW, dict(BASE_ROW, weekday="sat")],
     4, "group_slug", "duplicate slug"),
    ("missing required field", [dict(BASE_ROW, group_name="")], 2, "group_name", "required"),
    ("missing weekday", [dict(BASE_ROW, weekday="")], 2, "weekday", "required"),
    ("bad weekday", [dict(BASE_ROW, weekday="tuesday")], 2, "weekday", "not a weekday"),
    ("in-person without a place", [{k: v for k, v in BASE_ROW.items()
                                    if k not in ("address", "city", "postal_code", "country",
                                                 "latitude", "longitude")}],
     2, "address", "needs a place"),
    ("online without a link", [dict(ONLINE_ROW, online_url="")], 2, "online_url", "online_url"),
    ("bad slug", [dict(BASE_ROW, group_slug="Eastside Circle!")], 2, "group_slug",
     "not a slug"),
    ("latitude out of range", [dict(BASE_ROW, latitude="999")], 2, "latitude", "between"),
    ("latitude without longitude", [dict(BASE_ROW, longitude="")], 2, "longitude", "together"),
    ("bad e-mail", [dict(BASE_ROW, contact_email="not-an-email")], 2, "contact_email",
     "e-mail"),
    ("bad website", [dict(BASE_ROW, website="javascript:alert(1)")], 2, "website",
     "web address"),
    ("bad recurrence", [dict(BASE_ROW, recurrence="fortnightly")], 2, "recurrence",
     "recurrence"),
    ("bad date", [dict(BASE_ROW, last_verified="2026-02-30")], 2, "last_verified",
     "possible date"),
    ("ends before it starts", [dict(BASE_ROW, starts_on="2027-02-01", ends_on="2027-01-01")],
     2, "ends_on", "before starts_on"),
    ("fee without amount", [dict(BASE_ROW, cost="fee")], 2, "fee_amount", "required"),
    ("bad yes/no", [dict(BASE_ROW, registration_required="maybe")], 2,
     "registration_required", "yes or no"),
    ("bad status", [dict(BASE_ROW, status="deleted")], 2, "status", "active or paused"),
    ("group fields disagree between rows",
     [BASE_ROW, dict(BASE_ROW, weekday="thu", cost="fee", fee_amount="5", fee_currency="USD")],
     3, "cost", "differs from line 2"),
    ("repeated meeting", [BASE_ROW, dict(BASE_ROW)], 3, "weekday", "repeats"),
    ("too many cells", "group_slug,group_name,topics,format,cost,weekday,start_time\n"
     "a,A,grief,online,free,mon,10:00,extra\n", 2, None, "cells"),
    ("over-long name", [dict(BASE_ROW, group_name="x" * 201)], 2, "group_name", "limit is 200"),
]


@pytest.mark.parametrize(
    "rows,line,field,words", [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES]
)
def test_bad_input_is_reported_with_line_and_field_and_writes_nothing(
    session, rows, line, field, words
):
    run_import(session, to_csv([ONLINE_ROW]))  # something already there must survive
    text = rows if isinstance(rows, str) else to_csv(rows)
    report = run_import(session, text)
    assert not report.ok
    error = report.errors[0]
    assert (error.line, error.field) == (line, field), [str(e) for e in report.errors]
    assert words in error.message
    assert str(error).startswith("groups.csv")
    assert count(session, Group) == 1
    assert session.exec(select(Group.slug)).one() == "night-owls-online"


def test_one_bad_row_among_good_ones_writes_nothing(session):
    rows = [BASE_ROW, ONLINE_ROW] + [
        dict(ONLINE_ROW, group_slug=f"extra-{i}", group_name=f"Extra {i}") for i in range(5)
    ]
    rows[4] = dict(rows[4], start_time="24:61")
    report = run_import(session, to_csv(rows))
    assert [(e.line, e.field) for e in report.errors] == [(6, "start_time")]  # 5th data row
    assert count(session, Group) == 0 and count(session, Organization) == 0


def test_all_errors_of_a_file_are_reported_not_just_the_first(session):
    rows = [dict(BASE_ROW, topics="nope"), dict(ONLINE_ROW, timezone="Nowhere/Land")]
    report = run_import(session, to_csv(rows))
    assert [(e.line, e.field) for e in report.errors] == [(2, "topics"), (3, "timezone")]


@pytest.mark.parametrize(
    "text,words",
    [
        ("", "empty"),
        ("group_slug,group_name,topics,format,cost,weekday,start_time\n", "no listing rows"),
        ('group_slug,group_name,topics,format,cost,weekday,start_time\n"a,b\n', "malformed"),
        ("\x00\x01binary", "NUL"),
    ],
)
def test_malformed_files_are_rejected_clearly(session, text, words):
    report = run_import(session, text)
    assert not report.ok
    assert words in str(report.errors[0])


def test_missing_time_zone_is_derived_from_the_place(session):
    row = dict(BASE_ROW, timezone="")
    report = run_import(session, to_csv([row]), timezone_at=lambda lat, lon: "America/Los_Angeles")
    assert report.ok
    assert session.exec(select(Meeting.timezone)).one() == "America/Los_Angeles"


def test_missing_time_zone_without_a_place_is_an_error(session):
    report = run_import(session, to_csv([dict(ONLINE_ROW, timezone="")]),
                        timezone_at=lambda lat, lon: "America/New_York")
    assert [(e.line, e.field) for e in report.errors] == [(2, "timezone")]
    assert count(session, Group) == 0


def test_missing_coordinates_are_geocoded_and_marked_approximate(session):
    row = dict(BASE_ROW, latitude="", longitude="")
    calls = []

    def geocode(**place):
        calls.append(place)
        return GeocodeResult(45.52, -122.65, approximate=True)

    report = run_import(session, to_csv([row]), geocode=geocode)
    assert report.ok
    assert calls[0]["postal_code"] == "97214"
    location = session.exec(select(Location)).one()
    assert (location.latitude, location.longitude, location.approximate) == (45.52, -122.65, True)


def test_failed_geocode_keeps_the_listing_and_warns(session):
    row = dict(BASE_ROW, latitude="", longitude="")
    report = run_import(session, to_csv([row]), geocode=lambda **place: None)
    assert report.ok
    assert report.warnings and "could not be located" in report.warnings[0]
    location = session.exec(select(Location)).one()
    assert location.latitude is None and location.approximate is True


def test_import_bumps_the_catalog_version_only_when_something_changed(session):
    from directory.catalog import current_catalog_version

    assert current_catalog_version(session) == 0
    text = to_csv([BASE_ROW])
    run_import(session, text)
    assert current_catalog_version(session) == 1
    run_import(session, text)
    assert current_catalog_version(session) == 1
    run_import(session, to_csv([dict(BASE_ROW, cost="donation")]))
    assert current_catalog_version(session) == 2
