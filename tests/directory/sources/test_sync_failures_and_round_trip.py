"""Sync-level guarantees: a source that times out or sends more than the size cap fails
that sync clearly and leaves existing listings as they were; a feed → Circles → our Meeting
Guide feed → Circles round trip keeps provenance (source ids, slugs, updated dates)."""

from __future__ import annotations

import functools
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlmodel import select

from directory.listings.store import NO_GEOCODER, listing_of
from directory.models import DataSource, Group, Meeting
from directory.sources.fetch import fetch_feed
from directory.sources.registry import add_source
from directory.sources.sync import remove_source, report_line, sync_source
from tests_support import FIXED_NOW

NOW = FIXED_NOW
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
FEED = (FIXTURES / "meeting_guide_spec.json").read_bytes()
MB = 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    mode = "ok"

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        if Handler.mode == "slow":
            time.sleep(1.5)
        if Handler.mode == "huge":  # more than the 20 MB cap, without a Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(50 * 4):
                    self.wfile.write(b" " * (256 * 1024))
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        try:
            self.wfile.write(FEED)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def feed_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.mode = "ok"
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.json"
    server.shutdown()
    server.server_close()


def snapshot(session, source) -> dict:
    session.expire_all()
    return {g.source_entry_id: (g.status, g.updated_at, g.source_hash, len(g.meetings))
            for g in session.exec(select(Group).where(Group.source_id == source.id)).all()}


@pytest.mark.parametrize(("mode", "words"), [("slow", "timed out"), ("huge", "MB")])
def test_a_source_that_times_out_or_exceeds_the_size_cap_fails_and_keeps_its_listings(
        session, feed_url, mode, words):
    source = add_source(session, now=NOW, name="intergroup", location=feed_url,
                        fmt="meeting-guide", topic="alcohol")
    session.commit()
    fetch = functools.partial(fetch_feed, timeout=0.5, deadline=5)
    assert sync_source(session, source, now=NOW, geocoder=NO_GEOCODER,
                       fetch=fetch).added == 4
    before = snapshot(session, source)
    Handler.mode = mode
    report = sync_source(session, source, now=NOW + timedelta(hours=1),
                         geocoder=NO_GEOCODER, fetch=fetch, force=True)
    assert report.outcome == "failed"
    assert words in report.message, report.message
    assert report_line(session.get(DataSource, source.id), report).startswith(
        "intergroup: FAILED: ")
    assert (report.added, report.changed, report.withdrawn) == (0, 0, 0)
    assert snapshot(session, source) == before
    session.refresh(source)
    assert source.locked_until is None  # the lock is released after a failed sync


def provenance(session) -> dict:
    """Per listing: its source id, slug, last-verified date and each meeting's source
    slug, name, types, regions and notes."""
    out = {}
    for group in session.exec(select(Group).where(Group.status == "active")).all():
        if not group.meetings:  # by appointment: our feed lists weekly meetings only
            continue
        listing = listing_of(group)
        out[group.slug] = {
            "source_id": group.source_entry_id, "verified": listing.last_verified,
            "meetings": sorted((m.weekday, m.start_time.isoformat(), m.source_slug, m.name,
                                tuple(m.source_types), tuple(m.regions), m.notes,
                                m.location_notes) for m in listing.meetings),
        }
    return out


def test_feed_to_circles_to_our_feed_to_circles_keeps_provenance(client, session, tmp_path):
    original = tmp_path / "original.json"
    original.write_bytes(FEED)
    first = add_source(session, now=NOW, name="intergroup", location=str(original),
                       fmt="meeting-guide", topic="alcohol")
    session.commit()
    assert sync_source(session, first, now=NOW, geocoder=NO_GEOCODER).outcome == "ok"
    before = provenance(session)
    ours = client.get("/api/v1/meeting-guide.json").get_json()
    source_slugs = {m.source_slug for m in session.exec(select(Meeting)).all()}
    # Our feed publishes each meeting under the source's own slug where it is unique, and
    # the source's updated date.
    assert {e["slug"] for e in ours} & source_slugs >= {"elm-step-study", "lunch-online"}
    step = next(e for e in ours if e["slug"] == "elm-step-study")
    assert step["updated"].startswith("2025-03-02") and step["name"] == "Elm Street Step Study"
    # Load our feed into a fresh directory (the first source's listings removed).
    remove_source(session, first, now=NOW)
    for group in session.exec(select(Group)).all():
        session.delete(group)
    session.commit()
    exported = tmp_path / "ours.json"
    exported.write_text(json.dumps(ours), encoding="utf-8")
    second = add_source(session, now=NOW, name="circles", location=str(exported),
                        fmt="meeting-guide", topic="alcohol")
    session.commit()
    report = sync_source(session, second, now=NOW + timedelta(days=1), geocoder=NO_GEOCODER)
    assert report.outcome == "ok" and report.skipped == 0, report.skipped_entries
    after = provenance(session)
    assert set(after) == set(before)  # the same slugs
    for slug, was in before.items():
        now_ = after[slug]
        assert now_["source_id"] == was["source_id"], slug
        assert now_["verified"] == was["verified"], slug
        assert [m[:2] + m[3:] for m in now_["meetings"]] == \
            [m[:2] + m[3:] for m in was["meetings"]], slug
    # And once more: our feed of the reloaded directory is our feed of the first.
    again = client.get("/api/v1/meeting-guide.json").get_json()
    strip = lambda feed: sorted((e["slug"], e["updated"][:10], e["name"], e["day"], e["time"])  # noqa: E731,E501
                                for e in feed)
    assert strip(again) == strip(ours)
