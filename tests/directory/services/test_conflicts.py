"""Conflicts: a source (or a file import) changed a listing that was edited here since it
was last imported. The edit is never overwritten; the incoming version waits in the
moderation queue, where a moderator keeps ours or accepts the incoming one (audited)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from directory.imports import import_listing_csv
from directory.listings.store import NO_GEOCODER, listing_of, write_listing
from directory.models import AuditEntry, Group, ListingRevision
from directory.moderation import conflicts, decisions, queue, submissions
from directory.sources.registry import add_source
from directory.sources.sync import sync_source
from tests_support import FIXED_NOW

NOW = FIXED_NOW
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def entries() -> list[dict]:
    return json.loads((FIXTURES / "meeting_guide_spec.json").read_text(encoding="utf-8"))


def write_feed(tmp_path: Path, data: list[dict]) -> Path:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def synced(session, tmp_path, name="intergroup"):
    """A source synced once, and its 'lunch-online' listing edited here by its owner."""
    source = add_source(session, now=NOW, name=name, location=str(write_feed(
        tmp_path, entries())), fmt="meeting-guide", topic="alcohol")
    session.commit()
    assert sync_source(session, source, now=NOW, geocoder=NO_GEOCODER).outcome == "ok"
    group = session.exec(select(Group).where(Group.source_entry_id == "lunch-online")).one()
    edited = listing_of(group).model_copy(update={"description": "Edited by its owner."})
    write_listing(session, group, edited, geocoder=NO_GEOCODER, now=NOW + timedelta(hours=1),
                  actor="owner", action="approved edit")
    session.commit()
    return source, group


def resync_renamed(session, tmp_path, source, *, name="Lunch Online (new name)", days=1):
    data = entries()
    data[2] = dict(data[2], name=name)
    write_feed(tmp_path, data)
    return sync_source(session, source, now=NOW + timedelta(days=days), geocoder=NO_GEOCODER)


def pending_conflicts(session) -> list[ListingRevision]:
    return list(session.exec(select(ListingRevision).where(
        ListingRevision.kind == "conflict", ListingRevision.status == "pending")).all())


def test_a_source_change_to_a_listing_edited_here_waits_in_the_queue_as_a_conflict(
        session, tmp_path):
    source, group = synced(session, tmp_path)
    report = resync_renamed(session, tmp_path, source)
    assert report.conflicts == 1
    [conflict] = pending_conflicts(session)
    assert conflict.submitted_by == "source:intergroup"
    assert report.conflict_entries[0]["revision_id"] == conflict.id
    assert conflict.base["description"] == "Edited by its owner."
    assert conflict.proposed["meetings"][0]["name"] == "Lunch Online (new name)"
    session.refresh(group)
    assert group.description == "Edited by its owner."  # nothing overwritten
    # It is in the moderators' queue, found by kind and by source.
    items, total = queue.queue_page(session, queue.parse_filters(
        {"kind": "conflict", "source": "intergroup"}), now=NOW + timedelta(days=1))
    assert total == 1 and items[0].revision.id == conflict.id
    _, none = queue.queue_page(session, queue.parse_filters({"source": "elsewhere"}),
                               now=NOW + timedelta(days=1))
    assert none == 0
    # The owner's own pending-edit notice is not about it.
    assert submissions.pending_revision(session, group_id=group.id) is None


def test_the_same_incoming_version_is_queued_once(session, tmp_path):
    source, _ = synced(session, tmp_path)
    resync_renamed(session, tmp_path, source)
    report = sync_source(session, source, now=NOW + timedelta(days=2), geocoder=NO_GEOCODER,
                         force=True)
    assert report.conflicts == 1
    assert len(pending_conflicts(session)) == 1
    # A different incoming version replaces the waiting one.
    resync_renamed(session, tmp_path, source, name="Lunch Online (third name)", days=3)
    [conflict] = pending_conflicts(session)
    assert conflict.proposed["meetings"][0]["name"] == "Lunch Online (third name)"


def test_keep_ours_keeps_the_edit_is_audited_and_is_not_asked_again(session, tmp_path):
    source, group = synced(session, tmp_path)
    resync_renamed(session, tmp_path, source)
    [conflict] = pending_conflicts(session)
    conflicts.resolve_conflict(session, revision_id=conflict.id, keep="ours",
                               moderator="mod@example.org", now=NOW + timedelta(days=1),
                               geocoder=NO_GEOCODER)
    session.commit()
    session.refresh(group)
    assert group.description == "Edited by its owner."
    assert group.meetings[0].name == "Lunch Online"
    audit = session.exec(select(AuditEntry).where(AuditEntry.action == "kept ours")).one()
    assert audit.actor == "mod@example.org" and "source:intergroup" in audit.note
    # The same incoming version again: no new conflict.
    report = sync_source(session, source, now=NOW + timedelta(days=2), geocoder=NO_GEOCODER,
                         force=True)
    assert report.conflicts == 0 and not pending_conflicts(session)
    # A new change at the source is a new conflict: ours still differs from it.
    report = resync_renamed(session, tmp_path, source, name="Lunch (renamed again)", days=3)
    assert report.conflicts == 1 and len(pending_conflicts(session)) == 1


def test_accept_incoming_writes_the_source_version_and_later_changes_apply(
        session, tmp_path):
    source, group = synced(session, tmp_path)
    resync_renamed(session, tmp_path, source)
    [conflict] = pending_conflicts(session)
    conflicts.resolve_conflict(session, revision_id=conflict.id, keep="incoming",
                               moderator="mod@example.org", now=NOW + timedelta(days=1),
                               geocoder=NO_GEOCODER)
    session.commit()
    session.refresh(group)
    assert group.meetings[0].name == "Lunch Online (new name)"
    assert group.description != "Edited by its owner."
    audit = session.exec(select(AuditEntry)
                         .where(AuditEntry.action == "accepted incoming")).one()
    assert audit.before[0]["description"] == "Edited by its owner."
    # The listing follows its source again.
    report = resync_renamed(session, tmp_path, source, name="Lunch (renamed again)", days=2)
    assert (report.conflicts, report.changed) == (0, 1)
    session.refresh(group)
    assert group.meetings[0].name == "Lunch (renamed again)"
    with pytest.raises(conflicts.ConflictError):  # decided: cannot be decided twice
        conflicts.resolve_conflict(session, revision_id=conflict.id, keep="ours",
                                   moderator="mod@example.org", now=NOW, geocoder=NO_GEOCODER)


CSV_HEADER = ("group_slug,group_name,topics,format,cost,weekday,start_time,timezone,"
              "address,city,region,postal_code,country,latitude,longitude\n")


def csv_text(name: str) -> str:
    return CSV_HEADER + (f"cedar-circle,{name},codependency,in-person,free,tue,19:00,"
                         "America/Chicago,1 Example Way,Springfield,IL,62701,US,39.8,-89.6\n")


def test_a_file_import_does_not_overwrite_an_owners_edit_it_reports_a_conflict(session):
    assert import_listing_csv(session, csv_text("Cedar Circle"), filename="a.csv",
                              now=NOW).ok
    session.commit()
    group = session.exec(select(Group).where(Group.slug == "cedar-circle")).one()
    # Re-importing a changed row updates a listing nobody edited here.
    report = import_listing_csv(session, csv_text("Cedar Circle Group"), filename="a.csv",
                                now=NOW + timedelta(hours=1))
    assert report.updated == ["cedar-circle"] and not report.conflicts
    session.commit()
    edited = listing_of(group).model_copy(update={"description": "The owner's words."})
    write_listing(session, group, edited, geocoder=NO_GEOCODER, now=NOW + timedelta(hours=2),
                  actor="owner", action="approved edit")
    session.commit()
    report = import_listing_csv(session, csv_text("Cedar Circle (from the file)"),
                                filename="b.csv", now=NOW + timedelta(hours=3))
    assert report.ok and report.conflicts == ["cedar-circle"] and not report.updated
    assert "conflict" in report.summary()
    session.commit()
    session.refresh(group)
    assert group.description == "The owner's words." and group.name == "Cedar Circle Group"
    [conflict] = pending_conflicts(session)
    assert conflict.submitted_by == "import:b.csv"
    # The same file again: the waiting conflict is not repeated.
    again = import_listing_csv(session, csv_text("Cedar Circle (from the file)"),
                               filename="b.csv", now=NOW + timedelta(hours=4))
    assert again.conflicts == ["cedar-circle"]
    assert [c.id for c in pending_conflicts(session)] == [conflict.id]
    # Kept ours: the same row later is unchanged, not asked again.
    decisions.reject_listing(session, revision_id=conflict.id, moderator="mod@example.org",
                              reason="The owner knows best.", now=NOW + timedelta(hours=5))
    session.commit()
    later = import_listing_csv(session, csv_text("Cedar Circle (from the file)"),
                               filename="b.csv", now=NOW + timedelta(hours=6))
    assert later.unchanged == ["cedar-circle"] and not later.conflicts
    assert not pending_conflicts(session)


def test_a_listing_entered_here_is_not_overwritten_by_a_file_import(session, make_group):
    group = make_group(slug="cedar-circle", name="Cedar Circle")
    report = import_listing_csv(session, csv_text("Cedar Circle (imported)"),
                                filename="a.csv", now=NOW)
    assert report.conflicts == ["cedar-circle"]
    session.refresh(group)
    assert group.name == "Cedar Circle"


def test_moderators_resolve_a_conflict_from_the_admin_pages(client, session, tmp_path,
                                                            login_as, csrf_token):
    source, group = synced(session, tmp_path)
    resync_renamed(session, tmp_path, source)
    session.commit()
    [conflict] = pending_conflicts(session)
    login_as("admin")
    sources_page = client.get("/admin/sources").get_data(as_text=True)
    assert f"/admin/revisions/{conflict.id}" in sources_page
    assert "/admin/?kind=conflict&amp;source=intergroup" in sources_page
    page = client.get("/admin/?kind=conflict&source=intergroup").get_data(as_text=True)
    assert f"/admin/revisions/{conflict.id}" in page and "Conflict: source:intergroup" in page
    assert '<option value="intergroup" selected>' in page
    detail = client.get(f"/admin/revisions/{conflict.id}").get_data(as_text=True)
    assert "Keep ours" in detail and "Accept incoming" in detail
    assert "Lunch Online (new name)" in detail
    token = re.search(r'name="csrf_token" value="([^"]+)"', detail).group(1)
    bad = client.post(f"/admin/revisions/{conflict.id}/resolve",
                      data={"csrf_token": token, "keep": "both"})
    assert bad.status_code == 409
    response = client.post(f"/admin/revisions/{conflict.id}/resolve",
                           data={"csrf_token": token, "keep": "incoming"})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(ListingRevision, conflict.id).status == "approved"
    assert session.get(Group, group.id).meetings[0].name == "Lunch Online (new name)"
    assert client.get("/admin/?kind=conflict").status_code == 200
