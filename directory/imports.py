"""One import orchestration behind `flask import`, `/admin/import` and data-source sync.

Whatever the door, a file becomes the same rows, the same coordinates and the same audit
entries: it is parsed by its format into listings, every listing is prepared (coordinates
and time zones filled) before anything is written, and only then, when nothing failed, each
listing goes through the one writer, `write_listing`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlmodel import Session, select

from directory.formats import csv as csv_format
from directory.formats import meeting_guide as mg_format
from directory.listings.report import ImportReport, LocatedListing, RowError
from directory.listings.store import (
    NO_GEOCODER,
    Geocoder,
    GeocodeResult,
    listing_of,
    prepare_listing,
    write_listing,
)
from directory.models import Group
from directory.taxonomy import WEEKDAY_LABELS, WEEKDAYS


def import_listings(
    session: Session,
    listings: Iterable[LocatedListing],
    *,
    actor: str,
    geocoder: Geocoder,
    now: datetime,
    filename: str,
    action: str = "imported",
) -> ImportReport:
    """Upsert listings by slug; adds and flushes, the caller commits once.

    Every listing is prepared first, so that a place or time zone that cannot be found
    writes nothing at all. Each created or changed listing gets an audit entry by `actor`.
    """
    report = ImportReport()
    items = list(listings)
    existing: dict[str, Group] = {}
    slugs = [item.slug for item in items]
    for start in range(0, len(slugs), 500):
        chunk = slugs[start:start + 500]
        for group in session.exec(select(Group).where(Group.slug.in_(chunk))).all():
            existing[group.slug] = group
    prepared = []
    for item in items:
        ready = prepare_listing(item.listing, geocoder=geocoder,
                                existing=existing.get(item.slug), label=item.slug)
        report.warnings.extend(ready.warnings)
        for path, message in ready.problems:
            line, column = item.locate(path)
            report.errors.append(RowError(filename, line, column, message, item.where))
        prepared.append(ready.listing)
    if report.errors:
        return report
    for item, listing in zip(items, prepared, strict=True):
        group = existing.get(item.slug)
        before = [m.identity() for m in listing_of(group).meetings] if group else []
        group, result = write_listing(
            session, group, listing, geocoder=NO_GEOCODER, now=now, actor=actor,
            action=action, note=filename,
        )
        existing[item.slug] = group
        if result.created:
            report.created.append(item.slug)
        elif result.changed:
            report.updated.append(item.slug)
            after = {m.identity() for m in listing.meetings}
            for identity in before:
                if identity not in after:
                    report.removed_meetings.append(f"{item.slug}: {meeting_words(identity)}")
        else:
            report.unchanged.append(item.slug)
    session.flush()
    return report


def meeting_words(identity: tuple) -> str:
    """(weekday, start, recurrence) in words: "Tuesday 7:00 pm"."""
    weekday, start, recurrence = identity
    hour = start.hour % 12 or 12
    text = f"{WEEKDAY_LABELS[WEEKDAYS[weekday]]} {hour}:{start.minute:02d} " \
           f"{'am' if start.hour < 12 else 'pm'}"
    return text if recurrence == "weekly" else f"{text} ({recurrence})"


def parse_file(text: str, *, filename: str, skip_invalid: bool = False,
               warnings: list[str] | None = None, **feed_options: str | None
               ) -> tuple[list[LocatedListing], list[RowError]]:
    """A CSV file or a Meeting Guide JSON feed, by its content, as listings.

    With `skip_invalid` (Meeting Guide feeds), invalid entries come back as errors beside
    the listings that are good, instead of failing the whole file."""
    stripped = text.lstrip()
    if filename.lower().endswith(".json") or stripped.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [RowError(filename, None, None, f"not JSON: {exc}")]
        return mg_format.parse_feed(data, filename=filename, skip_invalid=skip_invalid,
                                    warnings=warnings, **feed_options)
    if any(feed_options.values()):
        return [], [RowError(filename, None, None,
                             "--topic, --approach and --cost are for Meeting Guide (.json) "
                             "files; a CSV file carries them in its columns.")]
    return csv_format.parse_csv(text, filename=filename)


def import_file(
    session: Session, text: str, *, filename: str, actor: str, geocoder: Geocoder,
    now: datetime, skip_invalid: bool = False, **feed_options: str | None,
) -> ImportReport:
    """Validate a whole file (CSV or Meeting Guide JSON), then upsert it; on any error
    nothing is written. With `skip_invalid`, invalid feed entries are left out and listed
    in the report's `skipped`, and the rest is written (a file with nothing good in it is
    still an error)."""
    warnings: list[str] = []
    listings, errors = parse_file(text, filename=filename, skip_invalid=skip_invalid,
                                  warnings=warnings, **feed_options)
    if errors and (not skip_invalid or not listings):
        return ImportReport(errors=errors, warnings=warnings)
    report = import_listings(session, listings, actor=actor, geocoder=geocoder, now=now,
                             filename=filename)
    report.warnings[:0] = warnings
    report.skipped.extend(errors)
    return report


def import_listing_csv(
    session: Session,
    text: str,
    *,
    filename: str,
    now: datetime,
    geocode: Callable[..., GeocodeResult | None] | None = None,
    timezone_at: Callable[[float, float], str | None] | None = None,
    actor: str = "import",
) -> ImportReport:
    """Validate a whole CSV file, then upsert it; on any error nothing is written.

    `geocode(address=, city=, region=, postal_code=, country=)` and `timezone_at(lat, lon)`
    fill missing coordinates and zones (the app passes its configured geocoder instead)."""
    listings, errors = csv_format.parse_csv(text, filename=filename)
    if errors:
        return ImportReport(errors=errors)
    return import_listings(session, listings, actor=actor, now=now, filename=filename,
                           geocoder=Geocoder(locate=geocode, timezone_at=timezone_at))
