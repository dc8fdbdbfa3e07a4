"""`flask sources add|list|sync|remove` and `flask import --skip-invalid`."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from directory.db import get_engine
from directory.models import Group

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def groups(app) -> list[Group]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(Group).order_by(Group.slug)).all())


def test_add_sync_list_and_remove_a_source(runner, app):
    added = runner.invoke(args=["sources", "add", "na", str(FIXTURES / "bmlt.json"),
                                "--format", "bmlt", "--topic", "drugs"])
    assert added.exit_code == 0, added.output
    synced = runner.invoke(args=["sources", "sync"])
    assert synced.exit_code == 0, synced.output
    assert "na: 3 added, 0 changed, 0 unchanged, 0 withdrawn, 0 skipped, 0 conflicts" \
        in synced.output
    again = runner.invoke(args=["sources", "sync", "na"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    listed = runner.invoke(args=["sources", "list"])
    assert "na\tbmlt\t" in listed.output and "last sync" in listed.output
    removed = runner.invoke(args=["sources", "remove", "na"])
    assert removed.exit_code == 0 and "3 listing(s) withdrawn" in removed.output
    assert {g.status for g in groups(app)} == {"paused"}


def test_adding_a_bad_source_says_why_and_exits_1(runner, app):
    result = runner.invoke(args=["sources", "add", "x", str(FIXTURES / "bmlt.json"),
                                 "--format", "bmlt"])
    assert result.exit_code == 1 and "topic is required" in result.output
    result = runner.invoke(args=["sources", "sync", "nope"])
    assert result.exit_code == 1 and "no source named 'nope'" in result.output


def test_a_failed_sync_exits_1_for_cron(runner, app, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text("<html><body>502 Bad Gateway</body></html>", encoding="utf-8")
    runner.invoke(args=["sources", "add", "ig", str(path), "--format", "meeting-guide",
                        "--topic", "alcohol"])
    result = runner.invoke(args=["sources", "sync"])
    assert result.exit_code == 1 and "ig: FAILED" in result.output
    assert groups(app) == []


def test_import_skip_invalid_keeps_the_good_entries(runner, app, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text((FIXTURES / "meeting_guide_lenient.json").read_text(), encoding="utf-8")
    strict = runner.invoke(args=["import", str(path), "--topic", "alcohol", "--timezone",
                                 "America/Los_Angeles"])
    assert strict.exit_code == 1 and groups(app) == []
    lenient = runner.invoke(args=["import", str(path), "--topic", "alcohol", "--timezone",
                                  "America/Los_Angeles", "--skip-invalid"])
    assert lenient.exit_code == 0, lenient.output
    assert "skipped: feed.json, entry 3, field 'day'" in lenient.output
    assert "2 invalid entries skipped" in lenient.output
    assert [g.slug for g in groups(app)] == ["evening-hope", "morning-hope"]
