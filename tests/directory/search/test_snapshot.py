"""The listings snapshot holds the public listings and nothing private."""

from __future__ import annotations

import sqlite3

from sqlmodel import select

from directory.db import get_engine
from directory.models import DataSource, Group
from directory.moderation.admins import create_admin
from directory.search.snapshot import SnapshotStore, database_identity, write_snapshot
from tests_support import FIXED_NOW


def test_snapshot_copies_public_listings_and_leaves_private_data_out(
        app, session, make_group, tmp_path):
    source = DataSource(name="sample-feed", location="https://user:secret@feeds.example.org/x",
                        format="meeting-guide", etag='"abc"')
    session.add(source)
    session.commit()
    make_group(name="Open Door Family Circle", slug="open-door", source_id=source.id)
    make_group(name="Pending Circle", slug="pending-one", status="pending",
               contact_email="pending-owner@example.org")
    make_group(name="Paused Circle", slug="paused-one", status="paused")
    create_admin(session, email="mod@example.org", password="correct horse battery",
                 role="admin", now=FIXED_NOW)
    session.commit()
    path = tmp_path / "snapshot.sqlite"
    info = write_snapshot(get_engine(app), path, identity="test")
    assert info.version >= 1
    with sqlite3.connect(path) as db:
        for private in ("admin_user", "edit_token", "listing_owner", "report",
                        "listing_revision", "audit_entry", "claim_request", "sync_report"):
            assert db.execute(f"SELECT count(*) FROM {private}").fetchone()[0] == 0, private
        assert [r[0] for r in db.execute("SELECT slug FROM support_group")] == ["open-door"]
        assert db.execute("SELECT count(*) FROM meeting").fetchone()[0] == 1
        assert db.execute("SELECT name, location, etag FROM data_source").fetchall() == [
            ("sample-feed", "", None)]
        dump = "\n".join(db.iterdump())
    assert "pending-owner@example.org" not in dump and "secret@" not in dump
    store = SnapshotStore(path, identity="test")
    assert store.info().version == info.version
    with store.session() as snap:
        group = snap.exec(select(Group).where(Group.slug == "open-door")).one()
        assert group.meetings[0].location.city == "Portland"
        assert group.organization.name == "Harbor Lane Community Services"
    assert SnapshotStore(path, identity="another database").info() is None


def test_database_identity_ignores_the_password():
    assert database_identity("postgresql://app:one@db/circles") == \
        database_identity("postgresql://app:two@db/circles")
    assert database_identity("postgresql://app@db/circles") != \
        database_identity("postgresql://app@db/other")


def test_one_copy_per_host_at_a_time_and_per_interval(app, session, make_group, tmp_path):
    """Every worker refreshes its own index, but the host's copy is written by one process at
    a time and at most once per interval, whichever process wrote it last."""
    import fcntl

    from directory.catalog import bump_catalog_version

    make_group(slug="open-door")
    path = tmp_path / "snapshot.sqlite"
    first, second = (SnapshotStore(path, identity="test", min_interval=60) for _ in range(2))
    engine = get_engine(app)
    # Another process holds the lock (a lock on another open file counts as another's).
    with open(f"{path}.lock", "a+b") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        assert first.write(engine) is None and not path.exists()
    info = second.write(engine)
    assert info is not None and path.exists()
    bump_catalog_version(session, now=FIXED_NOW)
    session.commit()
    newer = info.version + 1
    # The copy is a version behind, but was written by a process of this host a moment ago.
    third = SnapshotStore(path, identity="test", min_interval=60)
    assert not third.due(newer)
    zero = SnapshotStore(path, identity="test", min_interval=0)
    assert zero.due(newer) and not zero.due(info.version)
