"""A re-sync skips what did not change, entry by entry: each source id's raw entries are
hashed (canonical JSON, with the parser's version and code digest) before validation, and
a source id whose hash is what the last sync stored is not validated at all. Withdrawals,
conflicts, invalid entries and a changed parser still work as without the shortcut."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from directory.formats import meeting_guide as mg_format
from directory.listings.store import NO_GEOCODER, listing_of, write_listing
from directory.models import Group
from directory.sources.registry import add_source
from directory.sources.sync import sync_source
from tests_support import FIXED_NOW

NOW = FIXED_NOW
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def entries() -> list[dict]:
    return json.loads((FIXTURES / "meeting_guide_round_trip.json").read_text("utf-8"))


@pytest.fixture
def validated(monkeypatch) -> list[str]:
    """The source ids the Meeting Guide reader validates (as listings), in order."""
    seen: list[str] = []
    real = mg_format._validate_group

    def counting(key, group, source_name, alone=False):
        seen.append(key)
        return real(key, group, source_name, alone)

    monkeypatch.setattr(mg_format, "_validate_group", counting)
    return seen


@pytest.fixture
def feed(session, tmp_path):
    path = tmp_path / "feed.json"

    def write(data) -> None:
        path.write_text(json.dumps(data), encoding="utf-8")

    write(entries())
    source = add_source(session, now=NOW, name="intergroup", location=str(path),
                        fmt="meeting-guide", topic="alcohol")
    session.commit()
    return source, write


def sync(session, source, hours: int, **kwargs):
    return sync_source(session, source, now=NOW + timedelta(hours=hours),
                       geocoder=NO_GEOCODER, **kwargs)


def listings(session, source) -> dict[str, Group]:
    session.expire_all()
    return {g.source_entry_id: g for g in session.exec(
        select(Group).where(Group.source_id == source.id)).all()}


KEYS = {"elm-street-group", "lunch-online", "harbor-group", "riverside-group",
        "by-appointment"}


def test_an_unchanged_body_is_not_validated_again(session, feed, validated):
    source, _ = feed
    first = sync(session, source, 0)
    assert first.added == 5 and set(validated) == KEYS
    validated.clear()
    report = sync(session, source, 1, force=True)  # the same body, read again
    assert report.outcome == "ok"
    assert (report.added, report.changed, report.unchanged, report.withdrawn) == (0, 0, 5, 0)
    assert validated == []


def test_only_the_changed_entry_is_validated_and_a_gone_one_is_withdrawn(
        session, feed, validated):
    source, write = feed
    sync(session, source, 0)
    data = entries()
    data[3] = dict(data[3], name="Lunch Online Together")  # lunch-online
    del data[-1]  # by-appointment is gone from the feed
    write(data)
    validated.clear()
    report = sync(session, source, 1)
    assert validated == ["lunch-online"]
    assert (report.changed, report.withdrawn, report.unchanged) == (1, 1, 3)
    groups = listings(session, source)
    assert groups["lunch-online"].meetings[0].name == "Lunch Online Together"
    assert groups["by-appointment"].status == "paused"
    assert groups["by-appointment"].source_withdrawn_at is not None
    # It comes back when its entry does: a withdrawn listing is always read again.
    write(entries())
    validated.clear()
    report = sync(session, source, 2)
    assert set(validated) == {"lunch-online", "by-appointment"}
    assert listings(session, source)["by-appointment"].status == "active"


def test_an_unchanged_entry_of_a_listing_edited_here_stays_unchanged_and_a_changed_one_is_a_conflict(  # noqa: E501
        session, feed, validated):
    source, write = feed
    sync(session, source, 0)
    group = listings(session, source)["harbor-group"]
    edited = listing_of(group).model_copy(update={"description": "Edited by its owner."})
    write_listing(session, group, edited, geocoder=NO_GEOCODER,
                  now=NOW + timedelta(minutes=30), actor="owner", action="edited")
    session.commit()
    assert sync(session, source, 1, force=True).conflicts == 0
    data = entries()
    data[4] = dict(data[4], notes="Camera on, please.")  # harbor-hybrid
    write(data)
    report = sync(session, source, 2)
    assert report.conflicts == 1 and report.conflict_entries[0]["slug"] == "harbor-group"
    assert listings(session, source)["harbor-group"].description == "Edited by its owner."
    # The conflict is still there on the next sync of the same feed (not skipped).
    assert sync(session, source, 3, force=True).conflicts == 1


def test_an_invalid_entry_is_reported_on_every_sync(session, feed, validated):
    source, write = feed
    data = entries()
    data[3] = dict(data[3], timezone="Not/AZone")
    write(data)
    first = sync(session, source, 0)
    assert first.skipped == 1 and first.added == 4
    validated.clear()
    again = sync(session, source, 1, force=True)
    assert again.skipped == 1 and again.skipped_entries[0]["field"] == "timezone"
    assert validated == ["lunch-online"]  # the others are not read again


def test_a_changed_parser_reads_every_entry_again_and_changes_nothing(
        session, feed, validated, monkeypatch):
    source, _ = feed
    sync(session, source, 0)
    before = {k: g.updated_at for k, g in listings(session, source).items()}
    monkeypatch.setattr(mg_format, "_CODE_DIGEST", "another parser")
    validated.clear()
    report = sync(session, source, 1, force=True)
    assert set(validated) == KEYS
    assert (report.changed, report.unchanged) == (0, 5)
    assert {k: g.updated_at for k, g in listings(session, source).items()} == before
    validated.clear()
    assert sync(session, source, 2, force=True).unchanged == 5 and validated == []


def test_changed_source_options_read_every_entry_again(session, feed, validated):
    source, _ = feed
    sync(session, source, 0)
    source.approach = "secular"
    session.add(source)
    session.commit()
    validated.clear()
    report = sync(session, source, 1, force=True)
    assert set(validated) == KEYS and report.changed == 5
    assert all(g.approach == "secular" for g in listings(session, source).values())
