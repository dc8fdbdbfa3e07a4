"""Incremental index updates (``Index.rebuilt``): appended rows and dead rows give exactly the
results of a fresh build over the same profiles, and the old index is left as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from matching import GroupProfile, Index, MeetingProfile, Query, Taxonomy

QUERIES: list[dict] = [
    {},
    {"text": "grief"},
    {"text": "greif support"},
    {"text": "my husband drinks"},
    {"text": "women", "lat": 45.52, "lon": -122.68},
    {"topics": ["alcohol"], "lat": 45.52, "lon": -122.68, "radius_km": 20},
    {"topics": ["grief"], "sort": "distance", "lat": 40.71, "lon": -74.0},
    {"formats": ["online"], "sort": "soonest", "tz": "America/New_York"},
    {"formats": ["in-person"], "days": ["tue", "wed"], "times": ["evening"],
     "lat": 45.52, "lon": -122.68},
    {"days": ["today"], "times": ["evening", "night"], "tz": "America/Chicago"},
    {"languages": ["es"], "sort": "recent"},
    {"audience": ["women"], "text": "anxiety"},
    {"costs": ["free"], "per_page": 5, "page": 2},
    {"text": "Brand New Fellowship Circle"},
    {"text": "zzyzx harmonica"},
    {"topics": ["gambling"], "lat": -33.87, "lon": 151.21, "radius_km": 5},
]


def _outcome(index: Index, now: datetime) -> list[tuple]:
    out = []
    for q in QUERIES:
        r = index.search(Query(**q), now=now)
        out.append((r.total,
                    [(m.group_id, m.score, tuple(map(str, m.reasons)), m.next_meeting,
                      m.distance_km, m.away) for m in r.matches],
                    [(x.param, x.value, x.total, x.radius_km) for x in r.relaxations],
                    [(x.param, x.code) for x in r.notices]))
    return out


def _changes(directory: list[GroupProfile]) -> tuple[list[GroupProfile], list[int]]:
    """Renamed, moved, re-scheduled and brand-new groups (a new language and zone too), and
    some removed ones."""
    gs = directory
    upserts = [
        replace(gs[0], name="Brand New Fellowship Circle", description="harmonica grief"),
        replace(gs[3], lat=40.7, lon=-74.0, meetings=tuple(
            replace(m, lat=40.7, lon=-74.0, timezone="America/New_York")
            for m in gs[3].meetings)),
        replace(gs[5], meetings=(MeetingProfile(weekday=2, start=time(19),
                                                timezone="America/Chicago"),)),
        replace(gs[7], languages=("tl", "en"), topics=("gambling",), cost="donation"),
        GroupProfile(id=90_001, slug="new-one", name="Sydney Gamblers Together",
                     topics=("gambling",), lat=-33.87, lon=151.2, last_verified=date(2026, 2, 1),
                     meetings=(MeetingProfile(weekday=3, start=time(18),
                                              timezone="Australia/Sydney"),)),
        GroupProfile(id=90_002, slug="new-online", name="Harmonica Players in Grief",
                     format="online", topics=("grief",), languages=("es",),
                     meetings=(MeetingProfile(weekday=1, start=time(20), online=True,
                                              timezone="Pacific/Chatham"),)),
    ]
    removed = [gs[1].id, gs[2].id, gs[10].id, 123_456_789]  # the last one never existed
    return upserts, removed


@pytest.fixture(params=["delta", "merged"])
def text_postings(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways an update keeps the new words: apart from the base postings (the delta),
    or merged into them (once the delta is large)."""
    from matching.text import TextIndex
    monkeypatch.setattr(TextIndex, "DELTA_MERGE_SHARE", 1e9 if request.param == "delta" else 0)
    return request.param


def test_incremental_update_equals_a_fresh_build(directory: list[GroupProfile],
                                                 taxonomy: Taxonomy, now: datetime,
                                                 text_postings: str) -> None:
    base = Index.build(directory, taxonomy)
    before = _outcome(base, now)
    upserts, removed = _changes(directory)
    updated = base.rebuilt(upserts=upserts, removed_ids=removed)
    assert updated.dead > 0, "the update must be applied in place of a rebuild"

    merged = {g.id: g for g in directory if g.id not in removed}
    merged.update((g.id, g) for g in upserts)
    fresh = Index.build(merged.values(), taxonomy)

    assert len(updated) == len(fresh) == len(merged)
    assert [g.id for g in updated.groups] == [g.id for g in fresh.groups]
    assert _outcome(updated, now) == _outcome(fresh, now)
    # Word weights count only the live rows, as a fresh build does.
    for term, tid in fresh.text.term_id.items():
        assert updated.text.idf[updated.text.term_id[term]] == fresh.text.idf[tid], term
    assert _outcome(base, now) == before  # the old index is untouched
    # A second round on top of the first (rows dead twice, a removed group back again).
    again = updated.rebuilt(upserts=[replace(upserts[0], name="Renamed Again"), directory[1]],
                            removed_ids=[90_001])
    merged.update({upserts[0].id: replace(upserts[0], name="Renamed Again"),
                   directory[1].id: directory[1]})
    merged.pop(90_001)
    assert _outcome(again, now) == _outcome(Index.build(merged.values(), taxonomy), now)
    assert (again.text.d_ptr is None) == (text_postings == "merged")
    assert _outcome(updated, now) == _outcome(fresh, now)  # and the first update unchanged


def test_an_update_appends_in_place_instead_of_copying(directory: list[GroupProfile],
                                                       taxonomy: Taxonomy,
                                                       now: datetime) -> None:
    """The changed rows are written after the old ones in the same buffers (the cost is the
    change's, not the index's); an update of an older index copies, and leaves the newer
    one as it was."""
    base = Index.build(directory, taxonomy)
    before = _outcome(base, now)
    one = base.rebuilt(upserts=[replace(directory[4], name="Tuesday Harmonica Circle")])
    assert one.size == base.size + 1
    for key in ("fmt", "ids", "topic_fit", "implied_t", "topics_t"):
        assert getattr(one, key).base is getattr(base, key).base, key
    assert one.store.blob.base is base.store.blob.base
    assert one.meetings.start.base is base.meetings.start.base
    assert one.text.rows is base.text.rows  # the base postings are shared, not copied
    two = one.rebuilt(upserts=[replace(directory[6], name="Wednesday Kazoo Circle")])
    assert two.ids.base is base.ids.base
    # A second update of ``one`` cannot write where ``two`` did: it copies.
    other = one.rebuilt(upserts=[replace(directory[6], name="Thursday Banjo Circle")])
    assert other.ids.base is not base.ids.base
    assert [m.group_id for m in two.search(Query(text="kazoo"), now=now).matches] == \
        [directory[6].id]
    assert [m.group_id for m in other.search(Query(text="banjo"), now=now).matches] == \
        [directory[6].id]
    assert other.search(Query(text="kazoo"), now=now).total == 0
    assert _outcome(base, now) == before


def test_many_dead_rows_trigger_a_compacting_build(directory: list[GroupProfile],
                                                   taxonomy: Taxonomy) -> None:
    base = Index.build(directory, taxonomy)
    half = directory[: len(directory) // 2]
    new = base.rebuilt(upserts=[replace(g, name=g.name + " II") for g in half])
    assert new.dead == 0 and new.size == len(directory)
    assert {g.name for g in new.groups} >= {g.name + " II" for g in half}


@pytest.mark.parametrize("count", [1, 20])
def test_update_only_indexes_the_changed_groups(directory: list[GroupProfile],
                                                taxonomy: Taxonomy, count: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    base = Index.build(directory, taxonomy)
    seen: list[int] = []
    real = Index._part

    def spy(self: Index, groups: list[GroupProfile]) -> dict:
        seen.append(len(groups))
        return real(self, groups)

    monkeypatch.setattr(Index, "_part", spy)
    base.rebuilt(upserts=[replace(g, description="changed") for g in directory[:count]])
    assert seen == [count]
