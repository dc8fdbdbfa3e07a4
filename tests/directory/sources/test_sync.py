"""Syncing data sources: upsert by (source, source id), withdrawals, conflicts, slugs that
clash between sources, unchanged feeds, bad input, the lock, and the CLI."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlmodel import select

from directory.listings.store import NO_GEOCODER, listing_of, write_listing
from directory.models import AuditEntry, DataSource, Group, SyncReport
from directory.sources.registry import SourceError, add_source
from directory.sources.sync import SourceBusy, acquire, remove_source, sync_source
from tests_support import FIXED_NOW

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
NOW = FIXED_NOW


def feed_file(tmp_path: Path, entries, name="feed.json") -> Path:
    path = tmp_path / name
    path.write_text(entries if isinstance(entries, str) else json.dumps(entries),
                    encoding="utf-8")
    return path


def spec_entries() -> list[dict]:
    return json.loads((FIXTURES / "meeting_guide_spec.json").read_text(encoding="utf-8"))


def make_source(session, location, name="intergroup", fmt="meeting-guide", **options):
    options.setdefault("topic", "alcohol")
    source = add_source(session, now=NOW, name=name, location=str(location), fmt=fmt,
                        **options)
    session.commit()
    return source


def sync(session, source, *, at=NOW, **kwargs):
    return sync_source(session, source, now=at, geocoder=NO_GEOCODER, **kwargs)


def groups_of(session, source) -> dict[str, Group]:
    return {g.source_entry_id: g for g in session.exec(
        select(Group).where(Group.source_id == source.id)).all()}


def test_first_sync_adds_every_listing_with_provenance(session, tmp_path):
    source = make_source(session, feed_file(tmp_path, spec_entries()))
    report = sync(session, source)
    assert report.outcome == "ok", report.message
    assert (report.added, report.changed, report.skipped) == (4, 0, 0)
    groups = groups_of(session, source)
    elm = groups["elm-street-group"]
    assert elm.source_name == "intergroup" and elm.status == "active"
    assert elm.last_verified_at.date().isoformat() == "2025-03-02"  # the source's updated
    assert [m.name for m in elm.meetings] == ["Sunday Serenity", "Sunday Serenity",
                                              "Elm Street Step Study"]
    assert elm.meetings[0].source_slug == "101"
    assert elm.meetings[0].source_types == ["O", "BB", "LGBTQ"]


def test_resyncing_an_unchanged_file_does_no_work(session, tmp_path):
    source = make_source(session, feed_file(tmp_path, spec_entries()))
    sync(session, source)
    audits = len(session.exec(select(AuditEntry)).all())
    report = sync(session, source, at=NOW + timedelta(hours=1))
    assert report.outcome == "not-modified"
    forced = sync(session, source, at=NOW + timedelta(hours=2), force=True)
    assert forced.outcome == "ok"
    assert (forced.added, forced.changed, forced.unchanged) == (0, 0, 4)
    assert len(session.exec(select(AuditEntry)).all()) == audits


def test_a_changed_entry_is_updated_and_a_gone_entry_withdrawn_not_deleted(session, tmp_path):
    entries = spec_entries()
    path = feed_file(tmp_path, entries)
    source = make_source(session, path)
    sync(session, source)
    entries[2] = dict(entries[2], name="Lunch Online Together")
    del entries[5]  # the by-appointment entry is gone from the feed
    feed_file(tmp_path, entries)
    report = sync(session, source, at=NOW + timedelta(days=1))
    assert (report.changed, report.withdrawn, report.unchanged) == (1, 1, 2)
    groups = groups_of(session, source)
    assert groups["lunch-online"].meetings[0].name == "Lunch Online Together"
    gone = groups["by-appointment"]
    assert gone.status == "paused" and gone.source_withdrawn_at is not None
    audit = session.exec(select(AuditEntry).where(AuditEntry.action == "withdrawn")).one()
    assert "no longer in the feed" in audit.note
    # It comes back when the entry does.
    feed_file(tmp_path, spec_entries())
    report = sync(session, source, at=NOW + timedelta(days=2))
    session.refresh(gone)
    assert gone.status == "active" and gone.source_withdrawn_at is None


def test_an_invalid_entry_is_skipped_not_withdrawn_and_the_rest_lands(session, tmp_path):
    entries = spec_entries()
    path = feed_file(tmp_path, entries)
    source = make_source(session, path)
    sync(session, source)
    entries[2] = dict(entries[2], timezone="Not/AZone", name="Renamed")
    entries[0] = dict(entries[0], name="Sunday Serenity Renamed")
    feed_file(tmp_path, entries)
    report = sync(session, source, at=NOW + timedelta(days=1))
    assert report.outcome == "ok"
    assert report.skipped == 1 and report.withdrawn == 0
    assert report.skipped_entries[0]["entry"] == 3
    assert report.skipped_entries[0]["field"] == "timezone"
    groups = groups_of(session, source)
    assert groups["lunch-online"].status == "active"
    assert groups["lunch-online"].meetings[0].name == "Lunch Online"  # untouched
    assert groups["elm-street-group"].meetings[0].name == "Sunday Serenity Renamed"


def test_two_sources_with_clashing_slugs_coexist(session, tmp_path):
    first = make_source(session, feed_file(tmp_path, spec_entries(), "a.json"), name="a")
    second = make_source(session, feed_file(tmp_path, spec_entries(), "b.json"), name="b")
    sync(session, first)
    report = sync(session, second)
    assert report.added == 4
    a, b = groups_of(session, first), groups_of(session, second)
    assert a["elm-street-group"].slug == "elm-street-group"
    assert b["elm-street-group"].slug == "elm-street-group-2"
    # Re-syncing the first never touches the second's listings.
    sync(session, first, at=NOW + timedelta(days=1), force=True)
    assert groups_of(session, second)["elm-street-group"].slug == "elm-street-group-2"
    assert len(session.exec(select(Group)).all()) == 8


def test_a_listing_edited_here_since_the_last_sync_is_a_conflict_not_overwritten(
        session, tmp_path):
    entries = spec_entries()
    source = make_source(session, feed_file(tmp_path, entries))
    sync(session, source)
    group = groups_of(session, source)["lunch-online"]
    edited = listing_of(group).model_copy(update={"description": "Edited by its owner."})
    write_listing(session, group, edited, geocoder=NO_GEOCODER, now=NOW + timedelta(hours=1),
                  actor="owner", action="edited")
    session.commit()
    entries[2] = dict(entries[2], name="Lunch Online (new name)")
    feed_file(tmp_path, entries)
    report = sync(session, source, at=NOW + timedelta(days=1))
    assert report.conflicts == 1
    conflict = report.conflict_entries[0]
    assert conflict["slug"] == "lunch-online"
    assert conflict["incoming"]["meetings"][0]["name"] == "Lunch Online (new name)"
    session.refresh(group)
    assert group.description == "Edited by its owner."
    assert group.meetings[0].name == "Lunch Online"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{not json", "not JSON"),
        ('{"slug": "x"}', "a Meeting Guide feed is a JSON array"),
        ("<!DOCTYPE html><html><body>Server error</body></html>", "HTML"),
    ],
)
def test_bad_feeds_fail_clearly_and_leave_earlier_listings_as_they_were(
        session, tmp_path, body, expected):
    path = feed_file(tmp_path, spec_entries())
    source = make_source(session, path)
    sync(session, source)
    before = {k: (g.status, g.updated_at) for k, g in groups_of(session, source).items()}
    feed_file(tmp_path, body)
    report = sync(session, source, at=NOW + timedelta(days=1))
    assert report.outcome == "failed"
    assert expected in report.message
    after = {k: (g.status, g.updated_at) for k, g in groups_of(session, source).items()}
    assert after == before


def test_bad_entries_each_give_a_clear_reason_and_nothing_wrong_is_written(session, tmp_path):
    entries = spec_entries()
    entries[0] = dict(entries[0], notes="<script>alert(1)</script>")
    entries[2] = dict(entries[2], conference_url="javascript:alert(1)")
    entries[3] = dict(entries[3], slug="s" * 500)
    entries[1] = dict(entries[1], timezone="Moon/Base")
    entries[5] = dict(entries[5], timezone="Moon/Base")
    source = make_source(session, feed_file(tmp_path, entries))
    report = sync(session, source)
    reasons = {(e["entry"], e["field"]) for e in report.skipped_entries}
    assert reasons == {(2, "timezone"), (3, "conference_url"), (4, "slug"), (6, "timezone")}
    assert all(e["message"] for e in report.skipped_entries)
    groups = groups_of(session, source)
    assert "lunch-online" not in groups and "by-appointment" not in groups
    elm = groups["elm-street-group"]
    assert [m.source_slug for m in elm.meetings] == ["101", "101"]
    assert elm.meetings[0].notes == "<script>alert(1)</script>"


def test_a_second_sync_of_a_locked_source_does_nothing(session, tmp_path):
    source = make_source(session, feed_file(tmp_path, spec_entries()))
    assert acquire(session, source, now=NOW)
    with pytest.raises(SourceBusy):
        sync(session, source)
    assert session.exec(select(SyncReport)).all() == []
    # A crashed sync's lock expires.
    report = sync(session, source, at=NOW + timedelta(hours=1))
    assert report.outcome == "ok"


def test_removing_a_source_withdraws_its_listings_and_keeps_them(session, tmp_path):
    source = make_source(session, feed_file(tmp_path, spec_entries()))
    sync(session, source)
    assert remove_source(session, source, now=NOW + timedelta(days=1)) == 4
    groups = session.exec(select(Group)).all()
    assert len(groups) == 4 and {g.status for g in groups} == {"paused"}
    assert {g.source_name for g in groups} == {"intergroup"}
    assert session.exec(select(DataSource)).all() == []


def test_source_settings_are_checked(session, tmp_path):
    path = feed_file(tmp_path, spec_entries())
    with pytest.raises(SourceError, match="topic is required"):
        add_source(session, now=NOW, name="x", location=str(path), fmt="meeting-guide")
    with pytest.raises(SourceError, match="scheme is not supported"):
        add_source(session, now=NOW, name="x", location="javascript:alert(1)",
                   fmt="meeting-guide", topic="alcohol")
    with pytest.raises(SourceError, match="not an IANA zone"):
        add_source(session, now=NOW, name="x", location=str(path), fmt="meeting-guide",
                   topic="alcohol", timezone="EST")
    with pytest.raises(SourceError, match="no such file"):
        add_source(session, now=NOW, name="x", location=str(tmp_path / "missing.json"),
                   fmt="meeting-guide", topic="alcohol")


def test_bmlt_and_hsds_sources_sync(session):
    na = make_source(session, FIXTURES / "bmlt.json", name="na", fmt="bmlt", topic="drugs")
    report = sync(session, na)
    assert (report.outcome, report.added) == ("ok", 3)
    hsds = make_source(session, FIXTURES / "hsds.json", name="211", fmt="hsds", topic="grief",
                       timezone="America/Los_Angeles")
    report = sync(session, hsds)
    assert (report.outcome, report.added) == ("ok", 2), report.skipped_entries


class FeedHandler(BaseHTTPRequestHandler):
    body = b"[]"
    etag = '"v1"'
    status = 200
    requests: list[str | None] = []

    def do_GET(self):  # noqa: N802
        FeedHandler.requests.append(self.headers.get("If-None-Match"))
        if FeedHandler.status != 200:
            self.send_response(FeedHandler.status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == FeedHandler.etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("ETag", FeedHandler.etag)
        self.send_header("Content-Length", str(len(FeedHandler.body)))
        self.end_headers()
        self.wfile.write(FeedHandler.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FeedHandler.requests = []
    FeedHandler.status = 200
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.json"
    server.shutdown()
    server.server_close()


def test_a_url_source_uses_its_etag_and_a_304_changes_nothing(session, feed_server):
    FeedHandler.body = json.dumps(spec_entries()).encode()
    source = make_source(session, feed_server)
    assert sync(session, source).added == 4
    report = sync(session, source, at=NOW + timedelta(hours=1))
    assert report.outcome == "not-modified"
    assert FeedHandler.requests == [None, '"v1"']
    session.refresh(source)
    assert source.etag == '"v1"'


def test_admin_sources_page_shows_the_last_sync_and_syncs_now(client, session, login_as,
                                                              csrf_token, tmp_path):
    entries = spec_entries()
    entries[2] = dict(entries[2], conference_url="javascript:alert(1)")
    source = make_source(session, feed_file(tmp_path, entries), name="Example Intergroup")
    login_as("admin")
    page = client.get("/admin/sources").get_data(as_text=True)
    assert "Example Intergroup" in page and "Never synced." in page
    token = csrf_token("/admin/sources")
    refused = client.post(f"/admin/sources/{source.id}/sync", data={})
    assert refused.status_code == 400
    response = client.post(f"/admin/sources/{source.id}/sync", data={"csrf_token": token})
    assert response.status_code == 302
    page = client.get("/admin/sources").get_data(as_text=True)
    assert "Example Intergroup: sync ok" in page
    assert "Entry 3, field <code>conference_url</code>" in page
    assert client.post("/admin/sources/9999/sync", data={"csrf_token": token}).status_code \
        == 404


def test_admin_sources_page_needs_a_moderator(client):
    response = client.get("/admin/sources")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_group_page_and_api_say_where_a_listing_came_from(client, session, tmp_path):
    entries = spec_entries()
    entries[1] = dict(entries[1], notes="<b>Bring</b> the book.")
    source = make_source(session, feed_file(tmp_path, entries), name="Example Intergroup")
    sync(session, source)
    page = client.get("/groups/elm-street-group").get_data(as_text=True)
    assert "Listed from Example Intergroup, which last confirmed it 2 Mar 2025" in page
    assert "Elm Street Step Study" in page
    assert "&lt;b&gt;Bring&lt;/b&gt; the book." in page and "<b>Bring</b>" not in page
    data = client.get("/api/v1/groups/elm-street-group").get_json()
    assert data["source"]["name"] == "Example Intergroup"
    assert data["source"]["last_confirmed"] == "2025-03-02"
    assert data["source"]["source_id"] == "elm-street-group"
    assert data["meetings"][2]["source_slug"] == "elm-step-study"
    assert data["meetings"][2]["name"] == "Elm Street Step Study"
    assert client.get("/api/v1/groups/lunch-online").get_json()["meetings"][0][
        "source_types"] == ["O", "ONL"]


def test_a_404_from_the_feed_url_fails_the_sync_and_keeps_earlier_listings(
        session, feed_server):
    FeedHandler.body = json.dumps(spec_entries()).encode()
    source = make_source(session, feed_server)
    sync(session, source)
    FeedHandler.status = 404
    report = sync(session, source, at=NOW + timedelta(hours=1), force=True)
    assert report.outcome == "failed" and "404" in report.message
    assert {g.status for g in groups_of(session, source).values()} == {"active"}
    assert len(groups_of(session, source)) == 4
