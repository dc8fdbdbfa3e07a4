"""CLI: import of Meeting Guide feeds, and export as Meeting Guide / HSDS JSON."""

from __future__ import annotations

import json

from sqlalchemy import func
from sqlmodel import Session, select

from directory.db import get_engine
from directory.models import Group

FEED = [
    {
        "name": "Noon Online",
        "slug": "noon-online",
        "day": 1,
        "time": "12:00",
        "timezone": "America/New_York",
        "conference_url": "https://meet.example.org/noon",
        "types": ["O", "EN", "D"],
        "group": "Noon Online Group",
    }
]


def count_groups(app) -> int:
    with Session(get_engine(app)) as session:
        return session.exec(select(func.count()).select_from(Group)).one()


def test_import_command_reads_a_meeting_guide_feed_with_topic_options(runner, app, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FEED), encoding="utf-8")
    result = runner.invoke(
        args=["import", str(path), "--topic", "alcohol", "--approach", "twelve-step",
              "--cost", "donation"]
    )
    assert result.exit_code == 0, result.output
    assert "feed.json: 1 created" in result.output
    with Session(get_engine(app)) as session:
        group = session.exec(select(Group)).one()
        assert (group.slug, group.topics, group.approach, group.cost) == (
            "noon-online-group", ["alcohol"], "twelve-step", "donation"
        )
        assert group.description == "Meeting types: Discussion."
    again = runner.invoke(args=["import", str(path), "--topic", "alcohol", "--approach",
                                "twelve-step", "--cost", "donation"])
    assert "0 created, 0 updated, 1 unchanged" in again.output


def test_import_command_needs_a_topic_for_a_feed_and_writes_nothing(runner, app, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FEED), encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "feed.json, field 'topic': is required" in result.output
    assert "Nothing was imported" in result.output
    assert count_groups(app) == 0


def test_import_command_reports_a_feed_that_is_not_json(runner, app, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text("group_slug,group_name\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--topic", "alcohol"])
    assert result.exit_code == 1
    assert "feed.json: not JSON" in result.output
    assert count_groups(app) == 0


def test_feed_options_on_a_csv_file_are_refused(runner, app, tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("group_slug\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--topic", "alcohol"])
    assert result.exit_code == 2
    assert "for Meeting Guide (.json) files" in result.output


def test_export_command_writes_a_meeting_guide_feed(runner, app, make_group, tmp_path):
    make_group(slug="harbor-lane-circle")
    result = runner.invoke(args=["export", "--format", "meeting-guide"])
    assert result.exit_code == 0, result.output
    feed = json.loads(result.output)
    assert [e["slug"] for e in feed] == ["harbor-lane-circle-tue-1900"]
    out = tmp_path / "feed.json"
    result = runner.invoke(args=["export", "--format", "meeting-guide", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == feed


def test_export_command_writes_hsds_services_with_organizations(runner, app, make_group):
    make_group(slug="harbor-lane-circle", name="Harbor Lane Circle")
    make_group(slug="paused-circle", status="paused")
    result = runner.invoke(args=["export", "--format", "hsds"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["total_items"] == 1 and document["total_pages"] == 1
    (service,) = document["contents"]
    assert service["name"] == "Harbor Lane Circle"
    assert service["organization"]["name"] == "Harbor Lane Community Services"
