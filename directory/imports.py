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

from sqlalchemy import update
from sqlmodel import Session, col, select

from directory.formats import csv as csv_format
from directory.formats import meeting_guide as mg_format
from directory.formats import tsml_table
from directory.i18n.problems import Problem
from directory.listings.report import ImportReport, LocatedListing, RowError
from directory.listings.store import (
    NO_GEOCODER,
    BatchItem,
    Geocoder,
    GeocodeResult,
    listing_of,
    prepare_listing,
    write_listings,
)
from directory.models import Group
from directory.moderation import conflicts
from directory.taxonomy import WEEKDAY_LABELS, WEEKDAYS

# Told how far an import has got: (stage, done, total), stage "checking" or "writing".
Progress = Callable[[str, int, int], None]


def import_listings(
    session: Session,
    listings: Iterable[LocatedListing],
    *,
    actor: str,
    geocoder: Geocoder,
    now: datetime,
    filename: str,
    action: str = "imported",
    progress: Progress | None = None,
) -> ImportReport:
    """Upsert listings by slug; adds and flushes, the caller commits once.

    Every listing is prepared first, so that a place or time zone that cannot be found
    writes nothing at all. Each created or changed listing gets an audit entry by `actor`;
    new listings are written as one batch (`write_listings`). A listing edited here since
    it was last imported is not overwritten: it becomes a conflict in the moderation queue
    and is listed in the report's `conflicts`.

    `progress(stage, done, total)`, if given, is told how far it has got: "checking" each
    listing, then "writing" them.
    """
    tell = progress or _quiet
    report = ImportReport()
    items = list(listings)
    existing: dict[str, Group] = {}
    slugs = [item.slug for item in items]
    for start in range(0, len(slugs), 500):
        chunk = slugs[start:start + 500]
        for group in session.exec(select(Group).where(Group.slug.in_(chunk))).all():
            existing[group.slug] = group
    prepared = []
    tell("checking", 0, len(items))
    for number, item in enumerate(items, 1):
        ready = prepare_listing(item.listing, geocoder=geocoder,
                                existing=existing.get(item.slug), label=item.slug)
        report.warnings.extend(ready.warnings)
        for path, message in ready.problems:
            line, column = item.locate(path)
            report.errors.append(RowError(filename, line, column, message, item.where))
        prepared.append(ready.listing)
        tell("checking", number, len(items))
    if report.errors:
        return report
    tell("writing", 0, len(items))
    batch: list[BatchItem] = []
    befores: list[list[tuple]] = []
    for item, listing in zip(items, prepared, strict=True):
        group = existing.get(item.slug)
        if group is not None and conflicts.is_conflict(group, listing):
            # Edited here since it was last imported: a moderator decides, nothing is
            # overwritten.
            revision, new = conflicts.record_conflict(
                session, group=group, incoming=listing, origin=f"import:{filename}"[:300],
                now=now)
            if revision.status == "rejected":  # a moderator already kept ours over it
                report.unchanged.append(item.slug)
            else:
                report.conflicts.append(item.slug)
            continue
        befores.append([m.identity() for m in listing_of(group).meetings] if group else [])
        batch.append(BatchItem(listing, group=group))
    skipped = len(items) - len(batch)
    results = write_listings(session, batch, geocoder=NO_GEOCODER, now=now, actor=actor,
                             action=action, note=filename,
                             progress=lambda n: tell("writing", skipped + n, len(items)))
    written: list[int] = []
    for entry, before, outcome in zip(batch, befores, results, strict=True):
        slug = outcome.slug
        if outcome.error is not None:  # prepared above: cannot happen, but never silent
            raise outcome.error
        if outcome.result.created:
            report.created.append(slug)
            written.append(outcome.group_id)
        elif outcome.result.changed:
            report.updated.append(slug)
            written.append(outcome.group_id)
            after = {m.identity() for m in entry.listing.meetings}
            for identity in before:
                if identity not in after:
                    report.removed_meetings.append(removed_meeting(slug, identity))
        else:
            report.unchanged.append(slug)
    _mark_imported(session, written)
    session.flush()
    return report


def _quiet(stage: str, done: int, total: int) -> None:
    """No one is watching this import's progress."""


def _mark_imported(session: Session, group_ids: list[int]) -> None:
    """Remember that an import wrote these listings last: an edit made here after this is
    a conflict for the next import, not overwritten (services/conflicts.py)."""
    for start in range(0, len(group_ids), 500):
        chunk = group_ids[start:start + 500]
        session.execute(update(Group).where(col(Group.id).in_(chunk))
                        .values(source_synced_at=Group.updated_at)
                        .execution_options(synchronize_session="fetch"))


def removed_meeting(slug: str, identity: tuple) -> Problem:
    """"slug: Tuesday 7:00 pm", said with the reader's weekday and clock on a page."""
    weekday, start, recurrence = identity
    return Problem("removed-meeting", slug=slug, when=meeting_words(identity), day=weekday,
                   clock=start.strftime("%H:%M"), recurrence=str(recurrence))


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
    """A CSV file, a Meeting Guide JSON feed or a TSML sheet (CSV in the 12 Step Meeting
    List import layout), by its content, as listings.

    With `skip_invalid` (Meeting Guide feeds), invalid entries come back as errors beside
    the listings that are good, instead of failing the whole file."""
    stripped = text.lstrip()
    if filename.lower().endswith(".json") or stripped.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [RowError(filename, None, None, Problem("not-json", detail=exc))]
        return mg_format.parse_feed(data, filename=filename, skip_invalid=skip_invalid,
                                    warnings=warnings, **feed_options)
    if tsml_table.looks_like_table(text):  # a TSML sheet: Meeting Guide rules, by line
        return tsml_table.parse_table(text, filename=filename, skip_invalid=skip_invalid,
                                      warnings=warnings, **feed_options)
    if any(feed_options.values()):
        return [], [RowError(filename, None, None, Problem("feed-options-csv"))]
    return csv_format.parse_csv(text, filename=filename)


def import_file(
    session: Session, text: str, *, filename: str, actor: str, geocoder: Geocoder,
    now: datetime, skip_invalid: bool = False, progress: Progress | None = None,
    **feed_options: str | None,
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
                             filename=filename, progress=progress)
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
