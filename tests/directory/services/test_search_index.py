"""The per-process search index: built once, refreshed from changed rows only, and
rebuilt in full when rows disappear."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlmodel import select

from directory.catalog import bump_catalog_version
from directory.db import get_engine
from directory.models import Group
from directory.search.index_cache import IndexCache
from directory.search.profiles import load_profiles


def slugs(index) -> set[str]:
    return {g.slug for g in index.groups}


def test_profiles_are_loaded_from_plain_rows_with_their_meetings(session, make_group):
    make_group(slug="a-circle", topics=["grief"])
    make_group(slug="online-circle", format="online", location=None,
               meeting={"online_url": "https://meet.example.org/x"})
    make_group(slug="paused-circle", status="paused")
    profiles, gone = load_profiles(session)
    by_slug = {p.slug: p for p in profiles}
    assert set(by_slug) == {"a-circle", "online-circle"} and gone == []
    assert by_slug["a-circle"].lat is not None and by_slug["a-circle"].meetings[0].online is False
    assert by_slug["online-circle"].lat is None and by_slug["online-circle"].meetings[0].online


def test_index_refreshes_changed_groups_and_drops_unlisted_ones(app, session, make_group):
    cache = IndexCache()
    first = make_group(slug="first-circle")
    second = make_group(slug="second-circle")
    assert slugs(cache.get(session)) == {"first-circle", "second-circle"}
    second.status = "paused"
    second.updated_at = datetime.now(UTC)
    first.name = "First Circle, renamed"
    first.updated_at = datetime.now(UTC)
    make_group(slug="third-circle")  # commits, and bumps the version
    index = cache.get(session)
    assert slugs(index) == {"first-circle", "third-circle"}
    assert {g.name for g in index.groups if g.slug == "first-circle"} == {
        "First Circle, renamed"}


def test_index_is_rebuilt_in_full_when_a_row_disappears(app, session, make_group):
    cache = IndexCache()
    make_group(slug="kept-circle")
    doomed = make_group(slug="deleted-circle")
    assert slugs(cache.get(session)) == {"kept-circle", "deleted-circle"}
    session.delete(session.exec(select(Group).where(Group.id == doomed.id)).one())
    bump_catalog_version(session, now=datetime.now(UTC))
    session.commit()
    assert slugs(cache.get(session)) == {"kept-circle"}


def test_background_refresh_serves_the_old_index_then_swaps(app, session, make_group):
    cache = IndexCache(engine=get_engine(app), background=True)
    make_group(slug="old-circle")
    old = cache.get(session)
    make_group(slug="new-circle")
    assert cache.get(session) is old  # no search waits for the rebuild
    deadline = time.time() + 5
    # Wait without querying: an in-memory SQLite has one connection for both threads.
    while time.time() < deadline and cache._refreshing:
        time.sleep(0.05)
    assert "new-circle" in slugs(cache.get(session))


def test_a_refresh_reads_again_only_the_groups_changed_since_the_last(app, session, make_group,
                                                                       monkeypatch):
    """Groups changed inside the overlap window are not read again by every refresh (after
    an import, every refresh for two minutes read all of it), and a group changed twice in
    the window is read both times."""
    from directory.search import index_cache

    cache = IndexCache()
    imported = [make_group(slug=f"imported-{i}") for i in range(6)]
    assert len(cache.get(session).groups) == 6
    read: list[list[int]] = []
    real = index_cache.load_profiles

    def spy(session_, **kw):  # noqa: ANN001, ANN003, ANN202
        read.append(sorted(kw.get("ids") or []))
        return real(session_, **kw)

    monkeypatch.setattr(index_cache, "load_profiles", spy)
    make_group(slug="one-more")  # commits, and bumps the version
    index = cache.get(session)
    assert "one-more" in slugs(index)
    newest = max(g.id for g in index.groups)
    assert read == [[newest]]  # not the six imported a moment ago
    imported[2].name = "Renamed within the window"
    imported[2].updated_at = datetime.now(UTC)
    bump_catalog_version(session, now=datetime.now(UTC))
    session.commit()
    index = cache.get(session)
    assert read[-1] == [imported[2].id]
    assert {g.name for g in index.groups if g.id == imported[2].id} == {
        "Renamed within the window"}


def test_the_index_moved_into_a_mapped_file_keeps_serving_and_refreshing(
        app, session, make_group, tmp_path, monkeypatch):
    """What gunicorn's master does before forking (INDEX_MAP_DIR): the index goes to a file
    mapped back, nothing is left on disk, searches and refreshes go on; a directory that
    cannot be written keeps the index in memory as it was."""
    import mmap

    from matching import Query
    from matching import mapped as mapped_module
    from tests.matching.test_mapped import _mapping_of

    monkeypatch.setattr(mapped_module, "MIN_ROOT_BYTES", 1)  # a small index: every column
    cache = IndexCache()
    make_group(slug="harbour-grief-circle", name="Harbour Grief Circle", topics=["grief"])
    make_group(slug="second-circle")
    built = cache.get(session)
    now = datetime.now(UTC)
    before = [m.slug for m in built.search(Query(text="grief"), now=now).matches]
    size = cache.map_to_file(tmp_path / "index")
    assert size and size > 0
    assert list((tmp_path / "index").iterdir()) == []
    index = cache.get(session)
    assert index is not built
    assert isinstance(_mapping_of(index.ids), mmap.mmap)
    assert [m.slug for m in index.search(Query(text="grief"), now=now).matches] == before
    make_group(slug="third-circle")
    assert slugs(cache.get(session)) == {"harbour-grief-circle", "second-circle", "third-circle"}

    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    current = cache.get(session)
    assert cache.map_to_file(blocked) is None
    assert cache.get(session) is current
