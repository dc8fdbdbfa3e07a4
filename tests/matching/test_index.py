"""Search behaviour: hard filters, score components, sorts, paging, reasons, relaxations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

import pytest

from matching import GroupProfile, Index, MeetingProfile, Query, Taxonomy
from matching import weights as W

Make = Callable[..., GroupProfile]
PDX = (45.5152, -122.6784)


def slugs(index: Index, now: datetime, **kw: Any) -> list[str]:
    kw.setdefault("per_page", 100)
    return [m.slug for m in index.search(Query(**kw), now=now).matches]


def twin(base: GroupProfile, gid: int, **changes: Any) -> GroupProfile:
    """A copy of ``base`` with a new id/slug and some fields changed (a new place moves its
    meetings too)."""
    data = {"id": gid, "slug": f"{base.slug}-{gid}", **changes}
    if "lat" in changes or "lon" in changes:
        data["meetings"] = tuple(replace(m, lat=data.get("lat", base.lat),
                                         lon=data.get("lon", base.lon))
                                 for m in base.meetings)
    return replace(base, **data)


# --- Hard filters --------------------------------------------------------------------------

def test_topic_filter_keeps_only_that_topic_and_its_parent(index: Index, now: datetime,
                                                           directory: list[GroupProfile]
                                                           ) -> None:
    got = slugs(index, now, topics=["grief"])
    expected = {g.slug for g in directory if {"grief", "wellness"} & set(g.topics)}
    assert set(got) == expected


def test_parent_topic_matches_its_children(index: Index, now: datetime,
                                           directory: list[GroupProfile]) -> None:
    got = set(slugs(index, now, topics=["addiction"]))
    children = {"addiction", "alcohol", "drugs", "gambling", "sex-and-love", "food",
                "gaming-and-tech", "nicotine"}
    assert got == {g.slug for g in directory if children & set(g.topics)}


def test_exact_topic_ranks_above_parent_listing(make_group: Make, taxonomy: Taxonomy,
                                                now: datetime) -> None:
    a = make_group(1, "general", "Recovery Circle", "portland", "addiction", "mon 19:00")
    b = make_group(2, "specific", "Recovery Circle", "portland", "alcohol", "mon 19:00")
    index = Index.build([a, b], taxonomy)
    assert slugs(index, now, topics=["alcohol"]) == ["specific", "general"]


def test_online_format_filter_includes_hybrid(index: Index, now: datetime,
                                              directory: list[GroupProfile]) -> None:
    got = set(slugs(index, now, formats=["online"]))
    assert got == {g.slug for g in directory if g.format in ("online", "hybrid")}


def test_in_person_filter_includes_hybrid_but_not_phone(index: Index, now: datetime) -> None:
    got = set(slugs(index, now, formats=["in-person"], topics=["alcohol"]))
    assert "smart-recovery-portland" in got  # hybrid
    assert "smart-recovery-online" not in got


def test_phone_filter_keeps_only_phone_groups(index: Index, now: datetime) -> None:
    assert slugs(index, now, formats=["phone"]) == ["alanon-phone-meeting"]


def test_radius_removes_far_in_person_groups_but_keeps_online(index: Index,
                                                              now: datetime) -> None:
    got = slugs(index, now, lat=PDX[0], lon=PDX[1], radius_km=30, topics=["gambling"])
    assert "salem-gamblers-anonymous" not in got  # ~70 km away
    got = slugs(index, now, lat=PDX[0], lon=PDX[1], radius_km=100, topics=["gambling"])
    assert "salem-gamblers-anonymous" in got
    got = slugs(index, now, lat=PDX[0], lon=PDX[1], radius_km=1, topics=["grief"])
    assert "online-grief-circle" in got


def test_cost_filter(index: Index, now: datetime, directory: list[GroupProfile]) -> None:
    got = set(slugs(index, now, costs=["fee", "sliding-scale"]))
    assert got == {g.slug for g in directory if g.cost in ("fee", "sliding-scale")}


def test_approach_filter_excludes_groups_without_an_approach(make_group: Make,
                                                             taxonomy: Taxonomy,
                                                             now: datetime) -> None:
    a = make_group(1, "smart", "A", None, "alcohol", "mon 19:00", approach="smart",
                   fmt="online")
    b = make_group(2, "none", "B", None, "alcohol", "mon 19:00", approach=None, fmt="online")
    index = Index.build([a, b], taxonomy)
    assert slugs(index, now, approaches=["smart"]) == ["smart"]


def test_welcome_filter(index: Index, now: datetime) -> None:
    closed = slugs(index, now, welcome="closed")
    assert closed == ["codependency-cohort-portland"]


def test_language_filter_keeps_groups_offering_the_language(index: Index,
                                                            now: datetime) -> None:
    got = set(slugs(index, now, languages=["es"]))
    assert got == {"grupo-duelo-esperanza", "alanon-espanol-phoenix", "alanon-cdmx",
                   "aa-cdmx-condesa", "depresion-en-linea"}


def test_language_spoken_by_no_group_gives_no_results(index: Index, now: datetime) -> None:
    assert slugs(index, now, languages=["sw"]) == []


def test_audience_filter_keeps_everyone_groups_ranked_below_specific(
    make_group: Make, taxonomy: Taxonomy, now: datetime
) -> None:
    a = make_group(1, "all", "Circle", None, "grief", "mon 19:00", fmt="online")
    b = make_group(2, "women", "Circle", None, "grief", "mon 19:00", fmt="online",
                   audience="women")
    c = make_group(3, "men", "Circle", None, "grief", "mon 19:00", fmt="online",
                   audience="men")
    index = Index.build([a, b, c], taxonomy)
    assert slugs(index, now, audience=["women"]) == ["women", "all"]


def test_access_filter_requires_every_accommodation(index: Index, now: datetime) -> None:
    assert slugs(index, now, access=["captions", "asl"]) == ["nyc-anxiety-captioned"]
    got = set(slugs(index, now, access=["captions"]))
    assert got == {"nyc-anxiety-captioned", "coda-online-evening"}


def test_day_filter_uses_the_meeting_local_day(index: Index, now: datetime) -> None:
    got = set(slugs(index, now, days=["sun"]))
    assert got == {"aca-vancouver-wa", "game-quitters-chicago", "toronto-grief-walk",
                   "sydney-coda", "online-grief-circle", "porn-recovery-online"}


def test_day_and_time_must_hold_for_the_same_meeting(make_group: Make, taxonomy: Taxonomy,
                                                     now: datetime) -> None:
    g = make_group(1, "split", "Split", None, "grief", "mon 09:00; tue 19:00", fmt="online",
                   tz="America/New_York")
    index = Index.build([g], taxonomy)
    assert slugs(index, now, days=["mon"], times=["evening"]) == []
    assert slugs(index, now, days=["tue"], times=["evening"]) == ["split"]
    assert slugs(index, now, days=["mon"], times=["morning"]) == ["split"]


def test_day_filter_shows_the_wanted_meeting_as_next(make_group: Make, taxonomy: Taxonomy,
                                                     now: datetime) -> None:
    g = make_group(1, "two", "Two", None, "grief", "thu 19:00; sat 10:00", fmt="online",
                   tz="America/New_York")
    index = Index.build([g], taxonomy)
    m = index.search(Query(days=["sat"]), now=now).matches[0]
    assert m.next_meeting is not None and m.next_meeting.weekday() == 5
    assert m.next_meeting_index == 1


def test_night_window_wraps_midnight(make_group: Make, taxonomy: Taxonomy,
                                     now: datetime) -> None:
    late = make_group(1, "late", "Late", None, "grief", "fri 23:30", fmt="online")
    early = make_group(2, "early", "Early", None, "grief", "fri 04:00", fmt="online")
    morning = make_group(3, "morning", "Morning", None, "grief", "fri 05:00", fmt="online")
    index = Index.build([late, early, morning], taxonomy)
    assert set(slugs(index, now, times=["night"])) == {"late", "early"}


def test_ended_meetings_do_not_satisfy_a_day_filter(index: Index, now: datetime) -> None:
    assert "eight-week-grief-course" not in slugs(index, now, days=["mon"])


# --- Components ------------------------------------------------------------------------------

def test_online_group_ignores_distance(index: Index, now: datetime) -> None:
    r = index.search(Query(lat=-33.8688, lon=151.2093, topics=["codependency"]), now=now)
    online = next(m for m in r.matches if m.slug == "coda-online-evening")
    assert online.components["distance"] == W.DISTANCE_REMOTE_SCORE
    assert online.distance_km is None


@pytest.mark.parametrize(("km", "first"), [(5, "local"), (15, "local"), (35, "remote")])
def test_in_person_group_outranks_an_equal_online_one_up_to_about_half_the_radius(
    make_group: Make, taxonomy: Taxonomy, now: datetime, km: float, first: str
) -> None:
    local = make_group(1, "local", "Circle", "portland", "grief", "mon 19:00",
                       tz="America/Los_Angeles")
    local = twin(local, 1, slug="local", lat=PDX[0] + km / 111.2, lon=PDX[1])
    remote = make_group(2, "remote", "Circle", None, "grief", "mon 19:00", fmt="online",
                        tz="America/Los_Angeles")
    index = Index.build([local, remote], taxonomy)
    got = slugs(index, now, lat=PDX[0], lon=PDX[1])
    assert got[0] == first


def test_nearer_identical_group_ranks_first(make_group: Make, taxonomy: Taxonomy,
                                            now: datetime) -> None:
    a = make_group(1, "far", "Circle", "portland", "grief", "mon 19:00")
    near = twin(a, 2, lat=PDX[0], lon=PDX[1], slug="near")
    index = Index.build([a, near], taxonomy)
    r = index.search(Query(lat=PDX[0], lon=PDX[1]), now=now)
    assert [m.slug for m in r.matches] == ["near", "far"]
    assert r.matches[0].components["distance"] > r.matches[1].components["distance"]


def test_stale_listing_ranks_below_an_otherwise_equal_fresh_one(make_group: Make,
                                                                taxonomy: Taxonomy,
                                                                now: datetime) -> None:
    stale = make_group(1, "stale", "Circle", None, "grief", "mon 19:00", fmt="online",
                       verified=date(2025, 6, 1))
    fresh = twin(stale, 2, slug="fresh", last_verified=date(2026, 1, 1))
    index = Index.build([stale, fresh], taxonomy)
    r = index.search(Query(), now=now)
    assert [m.slug for m in r.matches] == ["fresh", "stale"]
    assert r.matches[1].components["freshness"] <= W.STALE_START
    assert any("not verified since" in x for x in r.matches[1].reasons)


@pytest.mark.parametrize(
    ("verified", "score"),
    [(date(2026, 3, 4), 1.0), (date(2025, 9, 5), W.FRESH_FLOOR), (None,
                                                                  W.FRESHNESS_UNKNOWN_SCORE),
     (date(2025, 9, 4), W.STALE_START), (date(2024, 9, 4), W.STALE_START / 2)],
)
def test_freshness_scale(make_group: Make, taxonomy: Taxonomy, now: datetime,
                         verified: date | None, score: float) -> None:
    g = make_group(1, "g", "G", None, "grief", "mon 19:00", fmt="online", verified=verified)
    m = Index.build([g], taxonomy).search(Query(), now=now).matches[0]
    assert m.components["freshness"] == pytest.approx(score, abs=0.01)


@pytest.mark.parametrize(("cost", "score"), list(W.COST_SCORES.items()))
def test_cost_scale(make_group: Make, taxonomy: Taxonomy, now: datetime, cost: str,
                    score: float) -> None:
    g = make_group(1, "g", "G", None, "grief", "mon 19:00", fmt="online", cost=cost)
    m = Index.build([g], taxonomy).search(Query(), now=now).matches[0]
    assert m.components["cost"] == score


def test_meeting_in_progress_scores_full_schedule(make_group: Make, taxonomy: Taxonomy,
                                                  now: datetime) -> None:
    # now = Wed 18:00 UTC = 13:00 in New York.
    g = make_group(1, "g", "G", None, "grief", "wed 12:30-13:30", fmt="online",
                   tz="America/New_York")
    m = Index.build([g], taxonomy).search(Query(), now=now).matches[0]
    assert m.in_progress and m.components["schedule"] == 1.0
    assert m.next_meeting == datetime(2026, 3, 4, 12, 30, tzinfo=m.next_meeting.tzinfo)
    assert "meeting now" in " · ".join(m.reasons)


def test_sooner_meeting_scores_higher_schedule(make_group: Make, taxonomy: Taxonomy,
                                               now: datetime) -> None:
    soon = make_group(1, "soon", "G", None, "grief", "wed 19:00", fmt="online",
                      tz="America/New_York")
    later = make_group(2, "later", "G", None, "grief", "mon 19:00", fmt="online",
                       tz="America/New_York")
    r = Index.build([soon, later], taxonomy).search(Query(), now=now)
    assert [m.slug for m in r.matches] == ["soon", "later"]


def test_not_accepting_new_members_is_listed_but_lower(index: Index, now: datetime) -> None:
    got = slugs(index, now, topics=["codependency"], lat=PDX[0], lon=PDX[1])
    assert got.index("coda-portland-tuesday") < got.index("codependency-cohort-portland")


def test_all_components_reported_in_unit_range(index: Index, now: datetime) -> None:
    r = index.search(Query(text="grief", lat=PDX[0], lon=PDX[1], audience=["seniors"],
                           languages=["en"]), now=now)
    assert r.matches
    for m in r.matches:
        assert set(m.components) == set(W.COMPONENT_WEIGHTS)
        assert all(0.0 <= v <= 1.0 for v in m.components.values())
        assert 0.0 <= m.score <= 1.0


# --- Text ------------------------------------------------------------------------------------

def test_exact_group_name_comes_first(index: Index, now: datetime) -> None:
    assert slugs(index, now, text="Serenity Al-Anon Family Group")[0] == \
        "alanon-serenity-portland"
    assert slugs(index, now, text="enough as i am")[0] == "enough-as-i-am-nyc"


def test_group_name_with_a_typo_still_comes_first(index: Index, now: datetime) -> None:
    assert slugs(index, now, text="Serenity Al-Anon Famly Group")[0] == \
        "alanon-serenity-portland"
    assert slugs(index, now, text="Widowed Peer Suport NYC")[0] == "widowed-peer-support-nyc"


def test_unrecognised_text_gives_no_results_and_a_way_out(index: Index,
                                                          now: datetime) -> None:
    r = index.search(Query(text="xyzzy plugh"), now=now)
    assert r.total == 0
    assert [(n.param, n.code) for n in r.notices] == [("q", "text-not-recognised")]
    assert r.relaxations[0].remove == ("q", None)
    assert r.relaxations[0].total == 66


@pytest.mark.parametrize("text", ["help", "I need help", "near me", "?!"])
def test_text_of_only_common_words_is_ignored_with_a_notice(index: Index, now: datetime,
                                                            text: str) -> None:
    r = index.search(Query(text=text), now=now)
    assert r.total == len(index)
    assert [(n.param, n.code) for n in r.notices] == [("q", "text-too-general")]


def test_text_drops_groups_with_no_relevance(index: Index, now: datetime) -> None:
    got = slugs(index, now, text="pokies")
    assert got[0] == "sydney-gamblers-anonymous"  # the only one that says "pokies"
    assert set(got) == {"sydney-gamblers-anonymous", "austin-gamblers",
                        "salem-gamblers-anonymous"}


# --- Sorts and paging ------------------------------------------------------------------------

def test_distance_sort_puts_nearest_first_and_online_last(index: Index, now: datetime) -> None:
    r = index.search(Query(lat=PDX[0], lon=PDX[1], sort="distance", per_page=100), now=now)
    dists = [m.distance_km for m in r.matches]
    located = [d for d in dists if d is not None]
    assert located == sorted(located)
    first_none = dists.index(None)
    assert all(d is None for d in dists[first_none:])


def test_soonest_sort_orders_by_next_meeting(index: Index, now: datetime) -> None:
    r = index.search(Query(sort="soonest", per_page=100), now=now)
    times = [m.next_meeting for m in r.matches if m.next_meeting is not None]
    keys = [now if m.in_progress else m.next_meeting for m in r.matches
            if m.next_meeting is not None]
    assert len(times) > 50
    assert all(a <= b for a, b in zip(keys, keys[1:], strict=False)) or \
        sum(a > b for a, b in zip(keys, keys[1:], strict=False)) <= 2  # DST-sized estimate
    assert r.matches[-1].next_meeting is None  # the ended course comes last


def test_recent_sort_orders_by_last_update(index: Index, now: datetime,
                                           directory: list[GroupProfile]) -> None:
    r = index.search(Query(sort="recent", per_page=100), now=now)
    by_slug = {g.slug: g.updated for g in directory}
    ups = [by_slug[m.slug] for m in r.matches]
    assert ups == sorted(ups, reverse=True)


def test_pages_partition_the_results(index: Index, now: datetime) -> None:
    full = slugs(index, now, text="recovery", per_page=100)
    paged: list[str] = []
    for page in range(1, 10):
        paged += slugs(index, now, text="recovery", per_page=7, page=page)
    assert paged == full


def test_page_past_the_end_is_empty_with_a_notice(index: Index, now: datetime) -> None:
    r = index.search(Query(topics=["gambling"], page=50), now=now)
    assert r.matches == [] and r.total == 3
    assert [n.code for n in r.notices] == ["page-out-of-range"]


def test_per_page_is_capped(index: Index, now: datetime) -> None:
    r = index.search(Query(per_page=1000), now=now)
    assert len(r.matches) == W.MAX_PER_PAGE or len(r.matches) == r.total
    assert r.per_page == W.MAX_PER_PAGE


# --- Reasons -----------------------------------------------------------------------------

def test_reasons_read_like_the_product_line(make_group: Make, taxonomy: Taxonomy,
                                            now: datetime) -> None:
    g = make_group(1, "coda", "CoDA", "portland", "codependency", "tue 19:00")
    index = Index.build([g], taxonomy)
    m = index.search(Query(lat=45.55, lon=-122.68, topics=["codependency"]), now=now).matches[0]
    assert m.reasons[0] == "Codependency"
    assert m.reasons[1].endswith(" mi")
    assert m.reasons[2:4] == ["free", "next Tue 7:00 pm Pacific time"]


def test_in_person_times_stay_on_the_place_clock_and_units_follow_the_seeker(
        make_group: Make, taxonomy: Taxonomy, now: datetime) -> None:
    g = make_group(1, "coda", "CoDA", "portland", "codependency", "tue 19:00")
    index = Index.build([g], taxonomy)
    m = index.search(Query(lat=45.55, lon=-122.68, tz="America/New_York", units="km"),
                     now=now).matches[0]
    assert "next Tue 7:00 pm Pacific time" in m.reasons
    assert m.display_tz == "America/Los_Angeles"
    assert m.reasons[1].endswith("km")
    assert str(m.next_meeting.tzinfo) == "America/Los_Angeles"


def test_reasons_mention_language_audience_and_access_asked_for(index: Index,
                                                                now: datetime) -> None:
    r = index.search(Query(access=["captions", "asl"]), now=now)
    assert "live captions" in r.matches[0].reasons
    r = index.search(Query(audience=["veterans"], topics=["trauma"]), now=now)
    assert "for veterans" in r.matches[0].reasons
    r = index.search(Query(languages=["es"], topics=["grief"]), now=now)
    assert "in Spanish" in r.matches[0].reasons


# --- Relaxation ------------------------------------------------------------------------------

def test_too_few_results_suggest_dropping_a_filter(index: Index, now: datetime) -> None:
    r = index.search(Query(topics=["grief"], costs=["fee"]), now=now)
    assert r.total == 0
    by_param = {x.param: x for x in r.relaxations}
    assert by_param["cost"].label == "Drop the ‘Fee’ filter"
    assert by_param["cost"].remove == ("cost", "fee")
    assert by_param["cost"].total == len(slugs(index, now, topics=["grief"]))
    assert by_param["topic"].total == len(slugs(index, now, costs=["fee"]))


def test_too_few_results_suggest_a_wider_radius(index: Index, now: datetime) -> None:
    r = index.search(Query(lat=PDX[0], lon=PDX[1], topics=["gambling"], formats=["in-person"]),
                     now=now)
    assert r.total == 0
    widen = next(x for x in r.relaxations if x.param == "radius")
    assert widen.label == "Widen to 50 mi" and widen.total == 1
    assert widen.radius_km == pytest.approx(80.467, abs=0.01)
    again = index.search(Query(lat=PDX[0], lon=PDX[1], topics=["gambling"],
                               formats=["in-person"], radius_km=widen.radius_km), now=now)
    assert again.total == widen.total


def test_relaxation_totals_are_what_the_changed_query_gives(index: Index,
                                                            now: datetime) -> None:
    q = dict(topics=["anxiety"], days=["sat"], times=["morning"], lat=PDX[0], lon=PDX[1])
    r = index.search(Query(**q), now=now)
    assert r.total < W.RELAX_BELOW
    names = {"day": "days", "time": "times", "topic": "topics", "format": "formats"}
    for relax in r.relaxations:
        changed = dict(q)
        if relax.radius_km is not None:
            changed["radius_km"] = relax.radius_km
        else:
            assert relax.remove is not None
            changed.pop(names.get(relax.remove[0], relax.remove[0]))
        assert index.search(Query(**changed), now=now).total == relax.total


def test_no_relaxations_when_enough_results(index: Index, now: datetime) -> None:
    assert index.search(Query(), now=now).relaxations == []


# --- Index lifecycle -------------------------------------------------------------------------

def test_rebuilt_index_reflects_changes_without_touching_the_old_one(index: Index,
                                                                     now: datetime) -> None:
    g = index.groups[0]
    renamed = twin(g, g.id, slug=g.slug, name="Totally New Name")
    new = index.rebuilt(upserts=[renamed], removed_ids=[index.groups[1].id])
    assert len(new) == len(index) - 1
    assert slugs(new, now, text="Totally New Name")[0] == g.slug
    assert "Totally New Name" not in [x.name for x in index.groups]


def test_empty_index_searches_fine(taxonomy: Taxonomy, now: datetime) -> None:
    r = Index.build([], taxonomy).search(Query(text="grief", lat=1, lon=2), now=now)
    assert r.total == 0 and r.matches == []


def test_malformed_profile_data_does_not_break_search(taxonomy: Taxonomy, now: datetime) -> None:
    odd = GroupProfile(
        id=1, slug="odd", name="", topics=("nope",), format="carrier-pigeon", cost="???",
        languages=(), audience=(), meetings=(MeetingProfile(weekday=9, start=time(7),
                                                            timezone="Nowhere/Land",
                                                            recurrence="sometimes"),),
        lat=float("nan"), lon=None,
    )
    index = Index.build([odd], taxonomy)
    r = index.search(Query(lat=1, lon=2), now=now)
    assert r.total == 1 and 0 <= r.matches[0].score <= 1
    assert r.matches[0].next_meeting is not None  # weekday 9 read as 9 % 7, zone as UTC
    # Naming no audience means "for everyone".
    assert index.search(Query(audience=["women"]), now=now).total == 1


def test_distance_is_to_the_nearest_in_person_meeting(make_group: Make, taxonomy: Taxonomy,
                                                      now: datetime) -> None:
    g = make_group(1, "two-places", "Two Places", "seattle", "grief", "mon 19:00; thu 19:00")
    moved = replace(g.meetings[1], lat=PDX[0] + 0.01, lon=PDX[1])
    g = replace(g, meetings=(g.meetings[0], moved))
    m = Index.build([g], taxonomy).search(Query(lat=PDX[0], lon=PDX[1]), now=now).matches[0]
    assert m.distance_km is not None and 1.0 < m.distance_km < 1.3


# --- The shortlist never changes the answer ---------------------------------------------------

def _bigger(directory: list[GroupProfile], copies: int) -> list[GroupProfile]:
    out = []
    for k in range(copies):
        for g in directory:
            lat = None if g.lat is None else g.lat + 0.01 * k
            out.append(replace(g, **{"id": g.id + 1000 * k,
                                       "slug": f"{g.slug}-{k}", "lat": lat, "lon": g.lon,
                                       "cost": ("free", "donation", "fee")[k % 3]}))
    return out


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"text": "grief"},
        {"text": "my husband drinks", "lat": PDX[0], "lon": PDX[1], "radius_km": 5000},
        {"topics": ["addiction"], "sort": "distance", "lat": 40.7, "lon": -74.0,
         "radius_km": 20000},
        {"sort": "soonest"},
        {"sort": "recent", "formats": ["online"]},
        {"text": "Portland CoDA Tuesday Night"},
    ],
)
def test_shortlisting_gives_the_same_pages_as_scoring_everything(
    directory: list[GroupProfile], taxonomy: Taxonomy, now: datetime, query: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from matching import ranking as index_module
    from matching.ranking import Ranking

    index = Index.build(_bigger(directory, 5), taxonomy)
    monkeypatch.setattr(index_module, "SHORTLIST_MIN", 0)
    monkeypatch.setattr(index_module, "SHORTLIST_FACTOR", 1)
    pages = [index.search(Query(**query, page=p, per_page=7), now=now) for p in (1, 2, 5)]
    monkeypatch.setattr(Ranking, "shortlist", lambda self, rows, need: rows)
    full = [index.search(Query(**query, page=p, per_page=7), now=now) for p in (1, 2, 5)]
    for a, b in zip(pages, full, strict=True):
        assert a.total == b.total > 40
        assert [(m.slug, m.score) for m in a.matches] == [(m.slug, m.score) for m in b.matches]


def test_online_meeting_time_names_its_zone_when_seeker_zone_unknown(index: Index,
                                                                     now: datetime) -> None:
    r = index.search(Query(text="CoDA Online Evening Meeting"), now=now)
    assert r.matches[0].slug == "coda-online-evening"
    assert "next Tue 8:00 pm Eastern time" in r.matches[0].reasons
    r = index.search(Query(text="CoDA Online Evening Meeting", tz="America/Los_Angeles"),
                     now=now)
    assert "next Tue 5:00 pm Pacific time" in r.matches[0].reasons
    assert r.matches[0].display_tz == "America/Los_Angeles"


def test_now_must_be_a_datetime(index: Index) -> None:
    with pytest.raises(TypeError):
        index.search(Query(), now="2026-03-04")  # type: ignore[arg-type]
