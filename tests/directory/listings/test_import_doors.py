"""`flask import` and the moderators' upload are one orchestration: the same file gives the
same rows, the same coordinates and the same audit entries by either door."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from directory.db import get_engine
from directory.exports import export_listings_csv
from directory.models import AuditEntry, Group, Location, Meeting, Organization

HEADER = ("group_slug,group_name,topics,format,cost,weekday,start_time,timezone,city,region,"
          "country,online_url,attendance\n")
CSV = HEADER + """lantern-circle,Lantern Circle,grief,in-person,free,tue,19:00,,Portland,OR,US,,
lantern-circle,Lantern Circle,grief,in-person,free,sat,10:00,America/Los_Angeles,,,,https://meet.example.org/lantern,online
quiet-harbor,Quiet Harbor,anxiety,online,free,wed,18:00,Europe/Dublin,,,,https://meet.example.org/harbor,
"""


def snapshot(app) -> dict:
    with Session(get_engine(app)) as session:
        groups = session.exec(select(Group).order_by(Group.slug)).all()
        places = {
            g.slug: [(m.weekday, m.timezone, m.attendance,
                      (m.location.latitude, m.location.longitude, m.location.approximate)
                      if m.location else None) for m in g.meetings]
            for g in groups
        }
        audit = [(e.action, e.group_slug, e.note, e.before, e.after)
                 for e in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]
        return {"csv": export_listings_csv(session), "places": places, "audit": audit}


def wipe(app) -> None:
    with Session(get_engine(app)) as session:
        for table in (AuditEntry, Meeting, Location, Group, Organization):
            session.exec(delete(table))
        session.commit()


def import_by_cli(runner, tmp_path) -> None:
    path = tmp_path / "upload.csv"
    path.write_text(CSV, encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output


def import_by_admin(client, csrf_token, login_as) -> None:
    login_as("admin")
    response = client.post("/admin/import", data={
        "csrf_token": csrf_token("/admin/import-export"),
        "file": (io.BytesIO(CSV.encode()), "upload.csv"),
    }, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)


def test_cli_and_admin_upload_store_the_same_listing(app, runner, client, csrf_token,
                                                     login_as, tmp_path):
    import_by_cli(runner, tmp_path)
    by_cli = snapshot(app)
    wipe(app)
    import_by_admin(client, csrf_token, login_as)
    by_admin = snapshot(app)
    assert by_admin["csv"] == by_cli["csv"]
    assert by_admin["places"] == by_cli["places"]
    # Both geocoded the Portland meeting and gave it Portland's zone.
    tuesday = by_cli["places"]["lantern-circle"][0]
    assert tuesday[1] == "America/Los_Angeles"
    assert tuesday[3][0] == pytest.approx(45.52, abs=0.2) and tuesday[3][2] is True
    # The same audit entries, one per created listing, with the file named.
    assert [a[:3] for a in by_cli["audit"]] == [
        ("imported", "lantern-circle", "upload.csv"), ("imported", "quiet-harbor", "upload.csv")]
    assert [a[:3] for a in by_admin["audit"]] == [a[:3] for a in by_cli["audit"]]
    assert [a[3:] for a in by_admin["audit"]] == [a[3:] for a in by_cli["audit"]]


def test_reimporting_through_either_door_changes_nothing(app, runner, client, csrf_token,
                                                          login_as, tmp_path):
    import_by_cli(runner, tmp_path)
    first = snapshot(app)
    import_by_admin(client, csrf_token, login_as)
    path = tmp_path / "upload.csv"
    result = runner.invoke(args=["import", str(path)])
    assert "0 created, 0 updated, 2 unchanged" in result.output
    again = snapshot(app)
    assert again["csv"] == first["csv"] and again["audit"] == first["audit"]


def test_an_import_that_removes_a_meeting_says_so(app, runner, tmp_path):
    import_by_cli(runner, tmp_path)
    path = tmp_path / "smaller.csv"
    path.write_text("\n".join(CSV.splitlines()[:2] + CSV.splitlines()[3:]) + "\n",
                    encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 updated" in result.output and "1 meeting(s) removed" in result.output
    assert "removed meeting: lantern-circle: Saturday 10:00 am" in result.output
