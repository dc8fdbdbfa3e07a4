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

from directory.listings.store import NO_GEOCODER, listing_json, listing_of
from directory.models import DataSource, Group
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


ROUND_TRIP = (FIXTURES / "meeting_guide_round_trip.json").read_bytes()


def stored_listings(session) -> dict:
    """Every active listing as the listing writer would be given it (its meetings and
    by-appointment meetings with all they keep), by slug; only the source's name differs
    between two directories."""
    session.expire_all()
    out = {}
    for group in session.exec(select(Group).where(Group.status == "active")).all():
        data = listing_json(listing_of(group))
        data.pop("source")
        out[group.slug] = data
    return out


def load_into_fresh_directory(session, tmp_path, feed: list, name: str, day: int):
    """Remove every source and listing, then sync `feed` as a new source."""
    for source in session.exec(select(DataSource)).all():
        remove_source(session, source, now=NOW)
    for group in session.exec(select(Group)).all():
        session.delete(group)
    session.commit()
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    source = add_source(session, now=NOW, name=name, location=str(path),
                        fmt="meeting-guide", topic="alcohol")
    session.commit()
    report = sync_source(session, source, now=NOW + timedelta(days=day), geocoder=NO_GEOCODER)
    assert report.outcome == "ok" and report.skipped == 0, report.skipped_entries
    return report


def test_feed_to_circles_to_our_feed_to_circles_changes_nothing(client, session, tmp_path):
    """Every variant — by appointment (alone and beside a schedule), online with an
    approximate location, hybrid, temporarily closed (TC), a day array under an integer
    slug, per-meeting names, types, notes, regions and location notes, source slugs and
    updated dates — survives feed → Circles → our feed → Circles unchanged."""
    original = json.loads(ROUND_TRIP)
    load_into_fresh_directory(session, tmp_path, original, "intergroup", 0)
    first = stored_listings(session)
    # What the first load kept, so that the comparison below compares something.
    elm = first["elm-street-group"]
    assert [(m["weekday"], m["source_slug"]) for m in elm["meetings"]] == [
        (6, "101"), (2, "101"), (1, "elm-step-study")]
    assert elm["description"].startswith("Ring the buzzer")  # the first scheduled entry's
    assert [(a["name"], a["source_slug"], a["place"]["address"]) for a in
            elm["appointments"]] == [("Elm Street Sponsorship", "elm-sponsorship",
                                      "123 Elm Street")]
    alone = first["by-appointment"]
    assert alone["meetings"] == [] and alone["appointments"][0]["online"]["phone"] == \
        "+13125550101" and alone["last_verified"] == "2025-04-01"
    assert first["harbor-group"]["format"] == "hybrid"
    assert [m["attendance"] or "in-person" for m in first["riverside-group"]["meetings"]] == [
        "inactive", "in-person"]
    assert first["lunch-online"]["meetings"][0]["place"]["approximate"] is True

    ours = client.get("/api/v1/meeting-guide.json").get_json()
    by_slug = {e["slug"]: e for e in ours}
    # Every entry of the original is in our feed under its own slug, by appointment too.
    assert set(by_slug) == {str(e["slug"]) for e in original}
    assert by_slug["101"]["day"] == [0, 3]
    for slug in ("by-appointment", "elm-sponsorship"):
        assert "day" not in by_slug[slug] and "time" not in by_slug[slug], by_slug[slug]
    assert by_slug["by-appointment"]["attendance_option"] == "online"
    assert by_slug["by-appointment"]["approximate"] == "yes"
    assert by_slug["elm-sponsorship"]["address"] == "123 Elm Street"
    assert by_slug["harbor-hybrid"]["attendance_option"] == "hybrid"
    assert by_slug["riverside-closed"]["attendance_option"] == "inactive"
    assert "TC" in by_slug["riverside-closed"]["types"]
    assert by_slug["elm-step-study"]["updated"].startswith("2025-03-02")

    load_into_fresh_directory(session, tmp_path, ours, "circles", 1)
    second = stored_listings(session)
    assert second == first
    # And our feed of the reloaded directory is our feed of the first.
    again = client.get("/api/v1/meeting-guide.json").get_json()
    assert sorted(again, key=lambda e: e["slug"]) == sorted(ours, key=lambda e: e["slug"])
