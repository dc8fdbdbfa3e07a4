"""Sync a data source: fetch (conditionally) → parse (skipping invalid entries) → upsert
by (source, source id) through the one listing writer → one SyncReport.

- An unchanged feed changes nothing: a 304 (or an unchanged file) does no work, the same
  body as last time does no work, a Meeting Guide listing whose raw entries hash (canonical
  JSON, with the parser's version and code digest) as the last sync stored is not even
  validated, and a listing whose incoming version hashes the same as what the last sync
  wrote is not loaded.
- An entry gone from the feed is withdrawn: its listing is paused (never deleted) with an
  audit entry saying why; it comes back if the entry reappears.
- Two sources never overwrite each other: a listing belongs to the source that created it,
  and a new listing whose slug is taken gets a suffixed slug.
- A listing edited here (by its owner or a moderator) since the last sync is not
  overwritten: the incoming version waits in the moderation queue as a conflict
  (services/conflicts.py) and is listed in the report.
- Bad input (not JSON, an HTML page, a feed with nothing valid) fails the sync with a clear
  message and writes nothing; earlier listings stay as they were.
- A source is locked while it syncs (an expiring row lock): a second sync of the same
  source at the same time does nothing and says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, update
from sqlmodel import Session, col, select

from directory.formats import bmlt as bmlt_format
from directory.formats import csv as csv_format
from directory.formats import hsds as hsds_format
from directory.formats import meeting_guide as mg_format
from directory.formats import tsml_table
from directory.i18n import problems
from directory.i18n.problems import Problem
from directory.listings.report import LocatedListing, RowError
from directory.listings.schema import ListingIn
from directory.listings.store import (
    BatchItem,
    Geocoder,
    ListingWriteError,
    listing_json,
    listing_of,
    write_listing,
    write_listings,
)
from directory.models import DataSource, Group, SyncReport
from directory.moderation import conflicts as conflicts_service
from directory.planner import analyze_after_bulk_write
from directory.sources.fetch import FetchError, fetch_feed

LOCK_SECONDS = 30 * 60  # a sync that crashed releases its source after this long
ACTOR_PREFIX = "source:"


class SourceBusy(Exception):
    """Another sync of this source is running."""


@dataclass
class Parsed:
    listings: list[LocatedListing]
    errors: list[RowError]
    warnings: list[str] = field(default_factory=list)
    # Source ids of every entry the feed names, valid or not (an invalid entry is not
    # "gone from the feed" and its listing is not withdrawn).
    present: set[str] = field(default_factory=set)
    # Per source id, the hash of its raw entries (Meeting Guide feeds), and the source ids
    # left unread because that hash is what the last sync stored.
    hashes: dict[str, str] = field(default_factory=dict)
    unchanged: set[str] = field(default_factory=set)


def parse_source(source: DataSource, body: bytes,
                 known: dict[str, str] | None = None) -> Parsed:
    """A fetched body as listings, by the source's format, skipping invalid entries.

    `known` (source id → the raw hash the last sync stored) lets a Meeting Guide feed's
    unchanged entries go unread (see `mg_format.parse_feed`)."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Parsed([], [RowError(source.name, None, None,
                                    Problem("not-utf8", detail=exc.reason, byte=exc.start))])
    warnings: list[str] = []
    present: set[str] = set()
    options: dict[str, Any] = {
        "filename": source.name, "topic": source.topic, "approach": source.approach,
        "timezone": source.timezone, "country": source.country, "source": source.name,
        "skip_invalid": True, "warnings": warnings, "present": present,
    }
    if source.format == "meeting-guide" and tsml_table.looks_like_table(text):
        # The TSML "table" variant: a Google Sheet or CSV in the plugin's import layout.
        listings, errors = tsml_table.parse_table(text, **options)
    elif source.format == "meeting-guide":
        hashes: dict[str, str] = {}
        unchanged: set[str] = set()
        listings, errors = mg_format.parse_feed(text, known=known or {}, hashes=hashes,
                                                unchanged=unchanged, **options)
        return Parsed(listings, errors, warnings, present, hashes, unchanged)
    elif source.format == "bmlt":
        listings, errors = bmlt_format.parse_bmlt(text, **options)
    elif source.format == "hsds":
        listings, errors = hsds_format.parse_hsds(text, **options)
    else:
        listings, errors = csv_format.parse_csv(text, filename=source.name)
        for item in listings:
            item.listing.source = source.name
            item.listing.source_id = item.listing.source_id or item.slug
        present = {item.listing.source_id or "" for item in listings}
    return Parsed(listings, errors, warnings, present)


def listing_hash(listing: ListingIn) -> str:
    return hashlib.sha256(listing.model_dump_json().encode()).hexdigest()


def _body_hash(source: DataSource, body: bytes) -> str:
    options = json.dumps([source.format, source.topic, source.approach, source.timezone,
                          source.country, source.name])
    return hashlib.sha256(options.encode() + b"\0" + body).hexdigest()


def acquire(session: Session, source: DataSource, *, now: datetime,
            seconds: int = LOCK_SECONDS) -> bool:
    """Take the source's sync lock (one atomic UPDATE; committed); False when it is held."""
    result = session.execute(
        update(DataSource)
        .where(col(DataSource.id) == source.id)
        .where(or_(col(DataSource.locked_until).is_(None), col(DataSource.locked_until) < now))
        .values(locked_until=now + timedelta(seconds=seconds))
    )
    session.commit()
    return result.rowcount == 1


def release(session: Session, source: DataSource) -> None:
    session.execute(update(DataSource).where(col(DataSource.id) == source.id)
                    .values(locked_until=None))
    session.commit()


def sync_source(
    session: Session, source: DataSource, *, now: datetime, geocoder: Geocoder,
    fetch: Callable[..., Any] = fetch_feed, force: bool = False,
) -> SyncReport:
    """Sync one source and store its report (commits). Raises SourceBusy when another sync
    of it holds the lock. `force` re-reads a feed even when it has not changed."""
    source_id = source.id
    if not acquire(session, source, now=now):
        raise SourceBusy(f"{source.name}: another sync of this source is running")
    source = session.get(DataSource, source_id)
    assert source is not None
    report = SyncReport(source_id=source_id, started_at=now)
    try:
        with mg_format.paused_gc():  # a bulk read and write (see paused_gc)
            _run(session, source, report, now=now, geocoder=geocoder, fetch=fetch,
                 force=force)
    except Exception as exc:  # a bug or a database error: nothing half-written is kept
        session.rollback()
        source = session.get(DataSource, source_id)
        report = SyncReport(source_id=source_id, started_at=now, outcome="failed",
                            message=Problem("sync-failed",
                                            detail=f"{type(exc).__name__}: {str(exc)[:500]}"))
    report.finished_at = now
    session.add(report)
    session.commit()
    analyze_after_bulk_write(session.get_bind(), report.added + report.changed)
    release(session, source)
    session.refresh(report)
    return report


def _run(session: Session, source: DataSource, report: SyncReport, *, now: datetime,
         geocoder: Geocoder, fetch: Callable[..., Any], force: bool) -> None:
    try:
        fetched = fetch(tsml_table.sheet_csv_url(source.location),
                        etag=None if force else source.etag,
                        last_modified=None if force else source.last_modified)
    except FetchError as exc:
        report.outcome, report.message = "failed", str(exc)[:2000]
        return
    source.last_synced_at = now
    session.add(source)
    if fetched.status == "not-modified":
        report.outcome, report.message = "not-modified", Problem("feed-not-modified")
        return
    body_hash = _body_hash(source, fetched.body)
    if body_hash == source.body_hash and not force:
        source.etag, source.last_modified = fetched.etag, fetched.last_modified
        report.outcome, report.message = "unchanged", Problem("feed-same")
        return
    # What each of the source's listings was last synced as, read as plain columns: only
    # the listings that changed (or left the feed) are loaded whole.
    state = {key: (group_id, digest, withdrawn) for group_id, key, digest, withdrawn in
             session.exec(select(Group.id, Group.source_entry_id, Group.source_hash,
                                 Group.source_withdrawn_at)
                          .where(Group.source_id == source.id)).all()}
    known = {key: digest for key, (_, digest, withdrawn) in state.items()
             if digest and withdrawn is None}
    parsed = parse_source(source, fetched.body, known)
    report.warnings = parsed.warnings[:200]
    report.skipped_entries = [
        {"entry": e.line, "field": e.field, "message": str(e.message),
         "problem": problems.stored(e.message)} for e in parsed.errors[:1000]
    ]
    report.skipped = len(parsed.errors)
    if not parsed.listings and not parsed.unchanged:
        report.outcome = "failed"
        reason = parsed.errors[0].problem() if parsed.errors else Problem("feed-empty")
        report.message = Problem("nothing-synced", reason=reason)[:2000]
        return
    _upsert(session, source, parsed, report, state, now=now, geocoder=geocoder)
    source.etag, source.last_modified = fetched.etag, fetched.last_modified
    source.body_hash = body_hash
    session.add(source)
    report.outcome = "ok"


def _upsert(session: Session, source: DataSource, parsed: Parsed, report: SyncReport,
            state: dict[str, tuple[int, str | None, datetime | None]], *,
            now: datetime, geocoder: Geocoder) -> None:
    actor = f"{ACTOR_PREFIX}{source.name}"
    # Entries whose raw hash is what the last sync stored were not even read.
    report.unchanged += len(parsed.unchanged)
    keys = [item.listing.source_id or item.slug for item in parsed.listings]
    # The raw entries' hash where the reader gives one, else the listing's own.
    digests = [parsed.hashes.get(key) or listing_hash(item.listing)
               for key, item in zip(keys, parsed.listings, strict=True)]
    listed = set(keys) | parsed.unchanged
    needed = [state[key][0] for key, digest in zip(keys, digests, strict=True)
              if key in state and (state[key][1] != digest or state[key][2] is not None)]
    needed += [group_id for key, (group_id, _, withdrawn) in state.items()
               if key not in listed and key not in parsed.present and withdrawn is None]
    mine: dict[str, Group] = {}
    for start in range(0, len(needed), 500):
        for group in session.exec(select(Group).where(
                col(Group.id).in_(needed[start:start + 500]))).all():
            mine[group.source_entry_id] = group
    wanted = [item.listing.slug for item in parsed.listings if item.listing.source_id
              not in state]
    taken = _taken_slugs(session, [s for s in wanted if s])
    conflicts: list[dict] = []
    # Keyed by source id: an id the feed repeats is written once, as its last entry says.
    fresh: dict[str, tuple[LocatedListing, BatchItem]] = {}
    seen: set[str] = set(parsed.unchanged)
    for item, key, digest in zip(parsed.listings, keys, digests, strict=True):
        listing = item.listing
        seen.add(key)
        if key in state and key not in mine:  # synced as it is now: nothing to do
            report.unchanged += 1
            continue
        group = mine.get(key)
        if group is not None and conflicts_service.edited_here(group):
            if not conflicts_service.is_conflict(group, listing):
                group.source_hash, group.source_synced_at = digest, group.updated_at
                report.unchanged += 1
                continue
            revision, _ = conflicts_service.record_conflict(
                session, group=group, incoming=listing, origin=actor, now=now)
            if revision.status == "rejected":  # a moderator kept ours over this version
                report.unchanged += 1
                continue
            conflicts.append({"slug": group.slug, "source_id": key,
                              "revision_id": revision.id,
                              "incoming": listing_json(listing)})
            continue
        try:
            if group is None:
                # New listings are written together, after this loop (one batch).
                slug = _free_slug(listing.slug or key, taken)
                if listing.slug != slug:  # (a copy only when the slug is taken)
                    listing = listing.model_copy(update={"slug": slug})
                fresh[key] = (item, BatchItem(
                    listing, status="active",
                    columns={"source_id": source.id, "source_entry_id": key,
                             "source_hash": digest, "source_synced_at": now,
                             "source_withdrawn_at": None}))
                continue
            else:
                status = "active" if group.source_withdrawn_at is not None else group.status
                listing = listing.model_copy(update={"slug": group.slug})
                group, result = write_listing(session, group, listing, geocoder=geocoder,
                                              now=now, actor=actor, action="synced",
                                              note=source.name, status=status)
                if result.changed:
                    report.changed += 1
                else:
                    report.unchanged += 1
        except ListingWriteError as exc:
            line, column = item.locate(exc.problems[0][0])
            report.skipped_entries.append({"entry": line, "field": column,
                                           "message": str(exc)[:500],
                                           "problem": problems.stored(exc.problem())})
            report.skipped += 1
            continue
        group.source_entry_id = key
        group.source_hash = digest
        group.source_synced_at = group.updated_at
        group.source_withdrawn_at = None
        session.add(group)
        mine[key] = group
    written = write_listings(session, [batch for _, batch in fresh.values()],
                             geocoder=geocoder, now=now, actor=actor, action="synced",
                             note=source.name)
    for (item, _), outcome in zip(fresh.values(), written, strict=True):
        if outcome.error is not None:
            line, column = item.locate(outcome.error.problems[0][0])
            report.skipped_entries.append({"entry": line, "field": column,
                                           "message": str(outcome.error)[:500],
                                           "problem": problems.stored(outcome.error.problem())})
            report.skipped += 1
        else:
            report.added += 1
    gone = [g for k, g in mine.items() if k not in seen and k not in parsed.present
            and g.source_withdrawn_at is None]
    for group in gone:
        withdraw(session, group, now=now, actor=actor,
                 reason=Problem("gone-from-feed", source=source.name))
        report.withdrawn += 1
    report.conflicts = len(conflicts)
    report.conflict_entries = conflicts[:500]
    session.flush()


def withdraw(session: Session, group: Group, *, now: datetime, actor: str,
             reason: str) -> None:
    """Take a listing out of search (paused, kept, audited), never deleting it."""
    group, _ = write_listing(session, group, listing_of(group), geocoder=Geocoder(), now=now,
                             actor=actor, action="withdrawn", note=reason[:2000],
                             status="paused")
    group.source_withdrawn_at = now
    group.source_synced_at = group.updated_at
    session.add(group)


def _taken_slugs(session: Session, slugs: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(slugs), 500):
        chunk = slugs[start:start + 500]
        taken.update(session.exec(select(Group.slug).where(col(Group.slug).in_(chunk))).all())
    return taken


def _free_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3` … when another listing (of any source) has it."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = slug[: 80 - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


def remove_source(session: Session, source: DataSource, *, now: datetime) -> int:
    """Remove a source: its listings are withdrawn (kept, never deleted) and detached; its
    reports go with it. Returns how many listings were withdrawn. Commits."""
    count = 0
    for group in session.exec(select(Group).where(Group.source_id == source.id)).all():
        if group.source_withdrawn_at is None:
            withdraw(session, group, now=now, actor=f"{ACTOR_PREFIX}{source.name}",
                     reason=Problem("source-removed", source=source.name))
            count += 1
        group.source_id = None
        session.add(group)
    session.flush()
    session.execute(delete(SyncReport).where(col(SyncReport.source_id) == source.id))
    session.delete(source)
    session.commit()
    return count


def report_line(source: DataSource, report: SyncReport) -> str:
    """One line a cron mail or a terminal reads."""
    if report.outcome in ("not-modified", "unchanged"):
        return f"{source.name}: {report.message}; nothing changed"
    if report.outcome == "failed":
        return f"{source.name}: FAILED: {report.message}"
    return (f"{source.name}: {report.added} added, {report.changed} changed, "
            f"{report.unchanged} unchanged, {report.withdrawn} withdrawn, "
            f"{report.skipped} skipped, {report.conflicts} conflicts")
