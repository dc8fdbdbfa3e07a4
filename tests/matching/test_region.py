"""With no place given, online/phone groups and groups in the seeker's region come first."""

from __future__ import annotations

from datetime import UTC, datetime, time

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import GroupProfile, Index, MeetingProfile, Query, Taxonomy

NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
TAX = Taxonomy.from_topics([("grief", "Grief", None, ("lost my mom",))])
PLACES = {
    "sydney": (-33.87, 151.21, "Australia/Sydney"),
    "chicago": (41.88, -87.63, "America/Chicago"),
    "london": (51.5, -0.12, "Europe/London"),
    "online": (None, None, "America/New_York"),
}


def group(gid: int, where: str, *, fmt: str = "in-person", name: str = "Grief circle",
          verified: bool = True) -> GroupProfile:
    lat, lon, tz = PLACES[where]
    return GroupProfile(
        id=gid, slug=f"{where}-{gid}", name=name, topics=("grief",), lat=lat, lon=lon,
        format="online" if where == "online" else fmt,
        last_verified=NOW.date() if verified else None,
        meetings=(MeetingProfile(weekday=gid % 7, start=time(19), timezone=tz,
                                 online=where == "online", lat=lat, lon=lon),))


def test_in_person_groups_elsewhere_come_after_online_and_local_ones() -> None:
    groups = [group(1, "sydney", name="Lost my mom grief circle"), group(2, "online"),
              group(3, "chicago", verified=False)]
    index = Index.build(groups, TAX)
    result = index.search(Query(text="lost my mom", tz="America/New_York"), now=NOW)
    assert [m.slug for m in result.matches] == ["online-2", "chicago-3", "sydney-1"]
    assert [m.away for m in result.matches] == [False, False, True]


def test_nothing_is_away_with_a_place_or_without_a_zone() -> None:
    groups = [group(1, "sydney"), group(2, "online")]
    index = Index.build(groups, TAX)
    assert not any(m.away for m in index.search(Query(), now=NOW).matches)
    placed = index.search(Query(lat=-33.9, lon=151.2, tz="America/New_York"), now=NOW)
    assert not any(m.away for m in placed.matches)


def test_a_hybrid_group_elsewhere_is_reachable_unless_in_person_was_asked() -> None:
    index = Index.build([group(1, "london", fmt="hybrid")], TAX)
    assert not index.search(Query(tz="America/Chicago"), now=NOW).matches[0].away
    asked = index.search(Query(tz="America/Chicago", formats=["in-person"]), now=NOW)
    assert asked.matches[0].away


def test_same_country_is_the_seeker_region() -> None:
    index = Index.build([group(1, "chicago")], TAX)
    assert not index.search(Query(tz="America/Los_Angeles"), now=NOW).matches[0].away
    assert index.search(Query(tz="America/Toronto"), now=NOW).matches[0].away


@settings(max_examples=60, deadline=None)
@given(wheres=st.lists(st.sampled_from(list(PLACES)), min_size=2, max_size=8),
       seeker=st.sampled_from(["America/New_York", "Europe/London", "Australia/Sydney"]),
       text=st.sampled_from([None, "grief", "lost my mom"]))
def test_no_away_group_ranks_above_a_group_that_is_not_away(
        wheres: list[str], seeker: str, text: str | None) -> None:
    groups = [group(i + 1, w, verified=i % 2 == 0) for i, w in enumerate(wheres)]
    result = Index.build(groups, TAX).search(Query(text=text, tz=seeker), now=NOW)
    flags = [m.away for m in result.matches]
    assert flags == sorted(flags)
