"""The index's compact profile store: every profile decodes back equal, unusual values too."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np

from matching import GroupProfile, MeetingProfile
from matching.store import NameTable, ProfileStore, RowsById


def _profiles() -> list[GroupProfile]:
    plain = GroupProfile(
        id=1, slug="a", name="Serenity Circle", organization="Org", description="Words é ✓",
        topics=("grief", "loss"), approach=None, languages=("es", "en"), welcome="open",
        last_verified=date(2025, 1, 2), updated=datetime(2025, 3, 1, 14, 31, 5, 7, tzinfo=UTC),
        meetings=(MeetingProfile(weekday=2, start=time(19, 30), end=None,
                                 timezone="America/Chicago", recurrence="monthly:1,-1",
                                 starts_on=date(2025, 1, 1), ends_on=date(2026, 1, 1),
                                 online=True, lat=None, lon=None, attendance="hybrid"),),
        lat=41.5, lon=-87.25)
    odd = GroupProfile(
        id=2, slug="b", name="", updated=datetime(2025, 3, 1, 9, 0),  # naive
        meetings=(MeetingProfile(weekday=0, start=time(7, 5, 9, 11),
                                 end=time(8, 0, tzinfo=UTC)),
                  MeetingProfile(weekday=6, start=time(23, 0), lat=Decimal("1.5"), lon=2)),
        lat=Decimal("45.1"), lon=None, accepting_new_members=False)
    zoned = GroupProfile(id=3, slug="c", name="Zoned",
                         updated=datetime(2025, 11, 2, 1, 30, fold=1,
                                          tzinfo=ZoneInfo("America/New_York")),
                         topics=["grief"])  # a list, not a tuple: kept as it was
    many = [GroupProfile(id=10 + i, slug=f"g{i}", name=f"Group {i}", description="x" * i)
            for i in range(53)]
    return [plain, odd, zoned, *many]


def test_profiles_decode_equal_and_typed():
    profiles = _profiles()
    store = ProfileStore(profiles)
    assert store.get_many(range(len(profiles))) == profiles
    back = store.get(1)
    assert back.updated.tzinfo is None and back.meetings[0].end.tzinfo is UTC
    assert store.get(2).updated.fold == 1 and isinstance(store.get(2).topics, list)
    assert store.get(0).updated.tzinfo is UTC
    # Rows in any order, repeated.
    assert store.get_many([5, 0, 5]) == [profiles[5], profiles[0], profiles[5]]


def test_extended_store_appends_rows():
    profiles = _profiles()
    store = ProfileStore(profiles[:7])
    more = store.extended(profiles[7:])
    assert more.size == len(profiles)
    assert more.get_many(range(len(profiles))) == profiles
    assert store.size == 7  # unchanged
    try:
        more.get(len(profiles))
    except IndexError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a row past the end must raise")


def test_rows_by_id_and_names():
    ids = np.array([30, 10, 20, 10], dtype=np.int64)
    live = np.array([True, False, True, True])
    by_id = RowsById(ids, live)
    assert by_id[10] == 3 and by_id[30] == 0 and 20 in by_id and 11 not in by_id
    assert by_id.get("x") is None and len(by_id) == 3 and list(by_id) == [10, 20, 30]
    names = NameTable(["a b", "c", "a b"], np.array([0, 1, 2]))
    assert names.get("a b") == [0, 2] and "c" in names and "d" not in names
    grown = names.extended(["c", "e"], np.array([3, 4]),
                           np.array([True, False, True, True, True]))
    assert grown.get("c") == [3] and grown.get("a b") == [0, 2] and grown.get("e") == [4]
    assert names.get("e") is None  # the first table is unchanged


def test_rows_by_id_updated_matches_a_fresh_map():
    ids = np.array([5, 3, 9, 7], dtype=np.int64)
    by_id = RowsById(ids, np.ones(4, dtype=bool))
    # 3 replaced (now row 4), 9 removed, 11 added (row 5).
    new = by_id.updated([3, 9], np.array([11, 3]), np.array([5, 4]))
    live = np.array([True, False, False, True, True, True])
    fresh = RowsById(np.array([5, 3, 9, 7, 3, 11]), live)
    assert new.items() == fresh.items() == [(3, 4), (5, 0), (7, 3), (11, 5)]
    assert by_id.items() == [(3, 1), (5, 0), (7, 3), (9, 2)]


def test_recently_decoded_profiles_are_kept_and_bounded(monkeypatch):
    many = [GroupProfile(id=i, slug=f"g{i}", name=f"Group {i}") for i in range(100)]
    store = ProfileStore(many)
    monkeypatch.setattr(ProfileStore, "RECENT", 10)
    page = store.get_many([5, 50, 7])
    assert page == [many[5], many[50], many[7]]
    assert store.get_many([50])[0] is page[1]  # kept: not decoded again
    store.get_many(range(20, 29))  # more than the room left: the kept ones are dropped
    assert store.get_many([50])[0] is not page[1] and store.get_many([50])[0] == many[50]
    assert len(store._recent) <= 10
    everything = store.get_many(range(100))  # a large request passes the cache by
    assert everything == many and len(store._recent) <= 10
    more = store.extended([GroupProfile(id=500, slug="new", name="New")])
    assert more.get_many([100, 50]) == [GroupProfile(id=500, slug="new", name="New"), many[50]]


def _varied(count: int, start: int = 0) -> list[GroupProfile]:
    zones = ("America/Chicago", "Europe/Madrid", "Asia/Tokyo")
    return [GroupProfile(
        id=start + i, slug=f"group-{start + i}", name=f"Circle {i % 37} of {zones[i % 3]}",
        description=("Open sharing. " * (i % 5)) + f"Room {i}", topics=("grief",)[:i % 2],
        languages=("en", "es")[: 1 + i % 2], lat=40 + i / 1000, lon=-87 - i / 1000,
        meetings=tuple(MeetingProfile(weekday=(i + k) % 7, start=time(18, 30),
                                      timezone=zones[(i + k) % 3]) for k in range(i % 3)))
        for i in range(count)]


def test_a_large_store_trains_a_dictionary_and_decodes_every_row():
    profiles = [*_profiles(), *_varied(1200)]
    store = ProfileStore(profiles)
    assert store._zdict is not None  # enough profiles to learn from
    assert store.get_many(range(len(profiles))) == profiles
    # The dictionary pays: far smaller than the records alone.
    assert store.blob.nbytes < 0.5 * sum(len(repr(g)) for g in profiles)
    more = store.extended(_varied(40, start=10_000))
    assert more._zdict is store._zdict
    assert more.get_many(range(len(profiles), more.size)) == _varied(40, start=10_000)
    assert more.get_many([0, 1, 2]) == profiles[:3]


def test_decoding_from_many_threads_at_once_is_safe():
    from concurrent.futures import ThreadPoolExecutor
    profiles = _varied(2000)
    store = ProfileStore(profiles)
    row_sets = [list(range(k, 2000, 7)) for k in range(7)]

    def read(rows: list[int]) -> bool:
        return all(store.get_many(rows[i:i + 20]) == [profiles[r] for r in rows[i:i + 20]]
                   for i in range(0, len(rows), 20))

    with ThreadPoolExecutor(max_workers=7) as pool:
        assert all(pool.map(read, row_sets))
