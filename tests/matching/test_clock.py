"""Whose clock the day and time filters use: the seeker's for meetings joined from anywhere,
the place's for meetings attended in person; "today" and "tonight" on the seeker's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import GroupProfile, Index, MeetingProfile, Query, Taxonomy
from matching.schedule import MeetingTable, judge_occurrences, next_occurrence

CHI = "America/Chicago"
LA = "America/Los_Angeles"
NY = "America/New_York"
LON = "Europe/London"
SYD = "Australia/Sydney"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Tuesday 3 March 2026, 21:00 in Portland (05:00 Wednesday UTC).
PORTLAND_9PM = datetime(2026, 3, 3, 21, 0, tzinfo=ZoneInfo(LA))


def online(gid: int, *meetings: tuple[int, str, str], fmt: str = "online",
           place: tuple[float, float] | None = None) -> GroupProfile:
    """A group from (weekday, "HH:MM", zone) meetings; with ``place``, they are attended there."""
    return GroupProfile(
        id=gid, slug=f"g{gid}", name=f"Group {gid}", topics=("grief",), format=fmt,
        lat=place[0] if place else None, lon=place[1] if place else None,
        meetings=tuple(
            MeetingProfile(weekday=wd, start=time.fromisoformat(at), timezone=tz,
                           online=place is None, lat=place[0] if place else None,
                           lon=place[1] if place else None)
            for wd, at, tz in meetings),
    )


@pytest.fixture
def tax() -> Taxonomy:
    return Taxonomy.from_topics([("grief", "Grief", None, ())])


def slugs(index: Index, now: datetime, **query: object) -> list[str]:
    result = index.search(Query(per_page=100, **query), now=now)  # type: ignore[arg-type]
    return sorted(m.slug for m in result.matches)


def test_online_evening_for_a_chicago_seeker_is_evening_in_chicago(tax: Taxonomy) -> None:
    now = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
    groups = [
        online(1, (1, "19:00", NY)),   # 18:00 Chicago: evening
        online(2, (1, "14:00", NY)),   # 13:00 Chicago: afternoon (evening nowhere)
        online(3, (1, "19:30", LON)),  # 13:30 Chicago, although evening in London
        online(4, (1, "20:30", LA)),   # 22:30 Chicago: night, although evening in LA
        online(5, (1, "17:30", LA)),   # 19:30 Chicago: evening
        online(6, (1, "07:00", SYD)),  # Mon 14:00 Chicago
    ]
    index = Index.build(groups, tax)
    assert slugs(index, now, formats=["online"], times=["evening"], tz=CHI) == ["g1", "g5"]
    # Without the seeker's zone each meeting is judged on its own clock.
    assert slugs(index, now, formats=["online"], times=["evening"]) == ["g1", "g3", "g4", "g5"]


def test_in_person_meetings_stay_on_their_place_clock(tax: Taxonomy) -> None:
    now = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
    london = (51.5, -0.12)
    g = online(1, (1, "19:30", LON), fmt="in-person", place=london)
    index = Index.build([g], tax)
    assert slugs(index, now, times=["evening"], tz=CHI) == ["g1"]
    assert slugs(index, now, times=["afternoon"], tz=CHI) == []


def test_hybrid_meeting_uses_the_seeker_clock_only_when_they_asked_for_online(
        tax: Taxonomy) -> None:
    now = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
    g = online(1, (1, "19:30", LON), fmt="hybrid", place=(51.5, -0.12))
    index = Index.build([g], tax)
    assert slugs(index, now, times=["evening"], tz=CHI) == ["g1"]
    assert slugs(index, now, times=["evening"], tz=CHI, formats=["online"]) == []
    assert slugs(index, now, times=["afternoon"], tz=CHI, formats=["online"]) == ["g1"]
    assert slugs(index, now, times=["evening"], tz=CHI, formats=["online", "in-person"]) \
        == ["g1"]


def test_days_are_the_seeker_days_for_online_meetings(tax: Taxonomy) -> None:
    now = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
    g = online(1, (1, "23:30", NY))  # Tuesday in New York, 04:30 Wednesday in London
    index = Index.build([g], tax)
    assert slugs(index, now, days=["wed"], tz=LON) == ["g1"]
    assert slugs(index, now, days=["tue"], tz=LON) == []
    assert slugs(index, now, days=["tue"]) == ["g1"]


def test_meeting_tonight_is_before_five_tomorrow_on_the_seeker_clock(tax: Taxonomy) -> None:
    groups = [
        online(1, (1, "21:30", LA)),  # Tue 21:30: later tonight
        online(2, (2, "01:00", LA)),  # Wed 01:00: still tonight
        online(3, (2, "19:00", LA)),  # Wed 19:00: tomorrow evening
        online(4, (1, "18:00", LA)),  # Tue 18:00: over, next one is next week
        online(5, (2, "04:30", NY)),  # Wed 04:30 New York = 01:30 Portland: tonight
        online(6, (1, "22:00", SYD)),  # Tue 22:00 Sydney = Tue 03:00 Portland: past
        online(7, (2, "06:00", LA)),  # Wed 06:00: morning, not tonight
    ]
    index = Index.build(groups, tax)
    tonight = dict(days=["today"], times=["evening", "night"], tz=LA)
    assert slugs(index, PORTLAND_9PM, **tonight) == ["g1", "g2", "g5"]


def test_a_meeting_in_progress_tonight_counts(tax: Taxonomy) -> None:
    g = GroupProfile(id=1, slug="g1", name="G", format="online", meetings=(
        MeetingProfile(weekday=1, start=time(20, 30), end=time(22, 0), timezone=LA,
                       online=True),))
    index = Index.build([g], tax)
    result = index.search(Query(days=["today"], times=["evening", "night"], tz=LA),
                          now=PORTLAND_9PM)
    assert [m.slug for m in result.matches] == ["g1"]
    assert result.matches[0].in_progress


def test_today_without_a_zone_is_each_meeting_own_today(tax: Taxonomy) -> None:
    # 05:00 UTC Wednesday: Tuesday 21:00 in Portland, Wednesday 05:00 in London.
    groups = [online(1, (1, "22:00", LA)), online(2, (2, "22:00", LON)),
              online(3, (1, "22:00", LON))]
    index = Index.build(groups, tax)
    assert slugs(index, PORTLAND_9PM, days=["today"]) == ["g1", "g2"]


def test_today_is_a_known_day_value_and_relaxations_name_it(tax: Taxonomy) -> None:
    index = Index.build([online(1, (3, "12:00", LA))], tax)
    result = index.search(Query(days=["today"], tz=LA), now=PORTLAND_9PM)
    assert result.total == 0
    assert not [n for n in result.notices if n.param == "day"]
    assert [r.label for r in result.relaxations] == ["Drop the ‘today’ filter"]


def test_the_next_meeting_shown_is_one_that_satisfied_the_filter(tax: Taxonomy) -> None:
    now = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)  # Tuesday
    g = online(1, (1, "14:00", NY), (3, "19:00", NY))  # Tue afternoon, Thu evening (Chicago)
    index = Index.build([g], tax)
    m = index.search(Query(times=["evening"], tz=CHI), now=now).matches[0]
    assert m.next_meeting_index == 1
    assert m.display_tz == CHI
    assert "next Thu 6:00 pm Central time" in m.reasons


def test_dst_gap_week_moves_a_new_york_noon_meeting_into_the_london_afternoon(
        tax: Taxonomy) -> None:
    # The US changes on 8 March 2026, the UK on 29 March: for three weeks noon in New York
    # is 16:00 in London instead of 17:00. Seen from Friday 6 March, Monday's meeting (after
    # the US change) is already in the afternoon.
    g = online(1, (0, "12:00", NY))
    index = Index.build([g], tax)
    friday = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
    assert slugs(index, friday, times=["afternoon"], tz=LON) == ["g1"]
    assert slugs(index, friday, times=["evening"], tz=LON) == []
    before = datetime(2026, 2, 27, 12, 0, tzinfo=UTC)
    assert slugs(index, before, times=["evening"], tz=LON) == ["g1"]


# --- properties -----------------------------------------------------------------------------

ZONES = (LA, CHI, NY, LON, SYD, "Australia/Brisbane", "Pacific/Auckland", "Asia/Kolkata")
# Weeks around the 2026 changes: US 8 Mar and 1 Nov, EU 29 Mar and 25 Oct, AU 5 Apr and
# 4 Oct, NZ 5 Apr and 27 Sep.
CHANGES = (date(2026, 3, 8), date(2026, 3, 29), date(2026, 4, 5), date(2026, 9, 27),
           date(2026, 10, 4), date(2026, 10, 25), date(2026, 11, 1))
TIMES = ("morning", "afternoon", "evening", "night")


def _bucket(minute: int) -> str:
    hour = minute // 60
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 21:
        return "evening"
    return "night"


def _reference(meeting: MeetingProfile, now: datetime, seeker: str | None,
               days: tuple[str, ...], times: tuple[str, ...]) -> tuple[bool, datetime | None]:
    """The rule, written with datetimes: judge the exact next occurrence on the clock."""
    start, _ = next_occurrence(meeting, now)
    if start is None:
        return False, None
    on = start.astimezone(ZoneInfo(seeker)) if seeker else start
    if times and _bucket(on.hour * 60 + on.minute) not in times:
        return False, start
    if not days:
        return True, start
    if DAYS[on.weekday()] in days:
        return True, start
    if "today" in days:
        clock = ZoneInfo(seeker) if seeker else start.tzinfo
        today = now.astimezone(clock).date() + timedelta(days=1)
        ends = datetime(today.year, today.month, today.day, tzinfo=clock)
        if "night" in times:
            ends += timedelta(hours=5)
        ends = ends.astimezone(UTC).astimezone(clock)
        length = timedelta(minutes=60)
        return start < ends and start + length > now, start
    return False, start


moments = st.builds(
    lambda change, hours: datetime(change.year, change.month, change.day, tzinfo=UTC)
    + timedelta(hours=hours),
    st.sampled_from(CHANGES), st.integers(min_value=-8 * 24, max_value=8 * 24))
meetings = st.builds(
    lambda wd, quarter, tz, rec: MeetingProfile(
        weekday=wd, start=time(quarter // 4, 15 * (quarter % 4)), timezone=tz, online=True,
        recurrence=rec),
    st.integers(0, 6), st.integers(0, 95), st.sampled_from(ZONES),
    st.sampled_from(["weekly", "weekly", "weekly", "monthly:1,3", "monthly:-1"]))
day_sets = st.lists(st.sampled_from((*DAYS, "today")), max_size=3, unique=True).map(tuple)
time_sets = st.lists(st.sampled_from(TIMES), max_size=2, unique=True).map(tuple)


@settings(max_examples=400, deadline=None)
@given(meeting=meetings, now=moments, seeker=st.one_of(st.none(), st.sampled_from(ZONES)),
       days=day_sets, times=time_sets)
def test_the_filter_judges_the_exact_next_occurrence_in_dst_weeks(
        meeting: MeetingProfile, now: datetime, seeker: str | None, days: tuple[str, ...],
        times: tuple[str, ...]) -> None:
    table = MeetingTable([(meeting,)])
    got = judge_occurrences(table, [0], now, seeker_tz=seeker, remote=[True], days=days,
                            times=times)
    expected, _ = _reference(meeting, now, seeker, days, times)
    assert bool(got[0]) == expected


@settings(max_examples=150, deadline=None)
@given(group_meetings=st.lists(meetings, min_size=1, max_size=3), now=moments,
       seeker=st.sampled_from(ZONES), days=day_sets, times=time_sets)
def test_a_kept_group_shows_a_next_meeting_that_passes_on_its_shown_clock(
        group_meetings: list[MeetingProfile], now: datetime, seeker: str,
        days: tuple[str, ...], times: tuple[str, ...]) -> None:
    tax = Taxonomy.from_topics([("grief", "Grief", None, ())])
    g = GroupProfile(id=1, slug="g", name="G", format="online", topics=("grief",),
                     meetings=tuple(group_meetings))
    result = Index.build([g], tax).search(Query(days=days, times=times, tz=seeker), now=now)
    kept = any(_reference(m, now, seeker, days, times)[0] for m in group_meetings)
    assert result.total == int(kept)
    if kept:
        match = result.matches[0]
        assert match.display_tz == seeker
        assert match.next_meeting is not None and match.next_meeting_index is not None
        shown = group_meetings[match.next_meeting_index]
        assert _reference(shown, now, seeker, days, times) == (True, match.next_meeting)


@settings(max_examples=100, deadline=None)
@given(group_meetings=st.lists(meetings, min_size=1, max_size=3), now=moments,
       seeker=st.sampled_from(ZONES), times=time_sets)
def test_tonight_never_reaches_past_five_tomorrow(
        group_meetings: list[MeetingProfile], now: datetime, seeker: str,
        times: tuple[str, ...]) -> None:
    tax = Taxonomy.from_topics([("grief", "Grief", None, ())])
    g = GroupProfile(id=1, slug="g", name="G", format="online", topics=("grief",),
                     meetings=tuple(group_meetings))
    result = Index.build([g], tax).search(
        Query(days=["today"], times=("evening", "night"), tz=seeker), now=now)
    for match in result.matches:
        assert match.next_meeting is not None
        local_now = now.astimezone(ZoneInfo(seeker))
        limit = datetime.combine(local_now.date() + timedelta(days=1), time(5),
                                 tzinfo=ZoneInfo(seeker))
        assert match.next_meeting < limit
        assert match.next_meeting + timedelta(hours=1) > now


def test_a_search_at_the_very_minute_of_a_change_reads_the_new_offset():
    # 8 March 2026, 08:00 UTC is the instant Chicago moves to daylight time. The third Monday's
    # midnight meeting there (16 March, 05:00 UTC) is 05:00 in London: morning, not night.
    meeting = MeetingProfile(weekday=0, start=time(0, 0), timezone=CHI, online=True,
                             recurrence="monthly:1,3")
    at_change = datetime(2026, 3, 8, 8, 0, tzinfo=UTC)
    for days in ((), ("mon",)):
        got = judge_occurrences(MeetingTable([(meeting,)]), [0], at_change, seeker_tz=LON,
                                remote=[True], days=days, times=("morning",))
        assert bool(got[0]) and _reference(meeting, at_change, LON, days, ("morning",))[0]
