"""Next occurrence: weekly and monthly recurrence, in-progress, DST weeks, date bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import MeetingProfile, next_occurrence
from matching.schedule import MeetingTable, date_matches_monthly, parse_recurrence

NY = ZoneInfo("America/New_York")
SYD = ZoneInfo("Australia/Sydney")


def meeting(weekday: int, hh: int, mm: int = 0, *, tz: str = "America/New_York",
            end: time | None = None, **kw: object) -> MeetingProfile:
    return MeetingProfile(weekday=weekday, start=time(hh, mm), end=end, timezone=tz,
                          **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "mask"),
    [
        ("weekly", 0),
        (None, 0),
        ("monthly:1,3", 0b101),
        ("monthly:-1", 1 << 5),
        ("monthly:5", 1 << 4),
        ("monthly:2, -1", 0b10 | 1 << 5),
        ("monthly:x", 0),
        ("fortnightly", 0),
    ],
)
def test_parse_recurrence_reads_positions(text: str | None, mask: int) -> None:
    assert parse_recurrence(text) == mask


def test_weekly_meeting_later_this_week() -> None:
    # Wednesday 4 March 2026, 13:00 in New York; meeting Thursdays 19:00.
    now = datetime(2026, 3, 4, 13, 0, tzinfo=NY)
    start, running = next_occurrence(meeting(3, 19), now)
    assert start == datetime(2026, 3, 5, 19, 0, tzinfo=NY)
    assert running is False


def test_meeting_today_already_over_moves_to_next_week() -> None:
    now = datetime(2026, 3, 5, 21, 0, tzinfo=NY)
    start, _ = next_occurrence(meeting(3, 19, end=time(20)), now)
    assert start == datetime(2026, 3, 12, 19, 0, tzinfo=NY)


def test_meeting_in_progress_reports_its_start() -> None:
    now = datetime(2026, 3, 5, 19, 30, tzinfo=NY)
    start, running = next_occurrence(meeting(3, 19, end=time(20, 30)), now)
    assert (start, running) == (datetime(2026, 3, 5, 19, 0, tzinfo=NY), True)


def test_meeting_without_end_lasts_an_hour_for_in_progress() -> None:
    m = meeting(3, 19)
    assert next_occurrence(m, datetime(2026, 3, 5, 19, 59, tzinfo=NY))[1] is True
    assert next_occurrence(m, datetime(2026, 3, 5, 20, 0, tzinfo=NY))[1] is False


def test_overnight_meeting_in_progress_after_midnight() -> None:
    m = meeting(4, 23, end=time(1, 0))  # Friday 23:00 – Saturday 01:00
    start, running = next_occurrence(m, datetime(2026, 3, 7, 0, 30, tzinfo=NY))
    assert (start, running) == (datetime(2026, 3, 6, 23, 0, tzinfo=NY), True)


def test_result_is_in_the_meeting_zone_whatever_zone_now_is_in() -> None:
    start, _ = next_occurrence(meeting(3, 19), datetime(2026, 3, 4, 12, tzinfo=UTC))
    assert start is not None and start.tzinfo == NY


def test_naive_now_is_taken_as_utc() -> None:
    aware = next_occurrence(meeting(3, 19), datetime(2026, 3, 4, 12, tzinfo=UTC))
    naive = next_occurrence(meeting(3, 19), datetime(2026, 3, 4, 12))
    assert aware == naive


# --- Daylight-saving weeks -----------------------------------------------------------------

def test_new_york_spring_forward_keeps_wall_clock_time() -> None:
    # Clocks go forward on Sunday 8 March 2026. Friday before: EST (-05:00).
    now = datetime(2026, 3, 6, 12, tzinfo=NY)
    start, _ = next_occurrence(meeting(0, 19), now)  # Monday 9 March 19:00
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2026, 3, 9, 19, 0)
    assert start.utcoffset() == timedelta(hours=-4)
    assert start.astimezone(UTC) == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)


def test_new_york_meeting_on_the_changeover_sunday() -> None:
    now = datetime(2026, 3, 8, 0, 30, tzinfo=NY)  # before the change
    start, _ = next_occurrence(meeting(6, 10), now)
    assert start is not None and start.astimezone(UTC) == datetime(2026, 3, 8, 14, tzinfo=UTC)


def test_new_york_time_skipped_by_spring_forward_moves_later() -> None:
    now = datetime(2026, 3, 7, 12, tzinfo=NY)
    start, _ = next_occurrence(meeting(6, 2, 30), now)  # 02:30 does not exist on 8 March
    assert start is not None
    assert start.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT


def test_new_york_fall_back_keeps_wall_clock_time() -> None:
    # Clocks go back on Sunday 1 November 2026.
    now = datetime(2026, 10, 30, 12, tzinfo=NY)
    start, _ = next_occurrence(meeting(0, 19), now)
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2026, 11, 2, 19, 0)
    assert start.utcoffset() == timedelta(hours=-5)


def test_new_york_ambiguous_hour_uses_first_occurrence() -> None:
    now = datetime(2026, 10, 31, 12, tzinfo=NY)
    start, _ = next_occurrence(meeting(6, 1, 30), now)  # 01:30 happens twice on 1 Nov
    assert start is not None
    assert start.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # EDT one


def test_sydney_autumn_change_keeps_wall_clock_time() -> None:
    # Sydney leaves daylight time on Sunday 5 April 2026 (+11 → +10).
    now = datetime(2026, 4, 3, 12, tzinfo=SYD)
    start, _ = next_occurrence(meeting(1, 18, tz="Australia/Sydney"), now)
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2026, 4, 7, 18, 0)
    assert start.utcoffset() == timedelta(hours=10)


def test_sydney_spring_change_keeps_wall_clock_time() -> None:
    # Sydney enters daylight time on Sunday 4 October 2026 (+10 → +11).
    now = datetime(2026, 10, 2, 12, tzinfo=SYD)
    start, _ = next_occurrence(meeting(6, 17, tz="Australia/Sydney"), now)
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2026, 10, 4, 17, 0)
    assert start.utcoffset() == timedelta(hours=11)


def test_sydney_meeting_seen_from_new_york_across_both_changes() -> None:
    # 1 April 2026 (New York already on EDT, Sydney still on AEDT).
    now = datetime(2026, 4, 1, 12, tzinfo=NY)
    start, _ = next_occurrence(meeting(0, 9, tz="Australia/Sydney"), now)
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2026, 4, 6, 9, 0)
    assert start.astimezone(NY) == datetime(2026, 4, 5, 19, 0, tzinfo=NY)


# --- Monthly recurrence --------------------------------------------------------------------

def test_fifth_tuesday_skips_months_without_one() -> None:
    # March 2026 has five Tuesdays (31 March); April and May do not... June does not;
    # the next after March is 30 June 2026.
    m = meeting(1, 19, recurrence="monthly:5")
    start, _ = next_occurrence(m, datetime(2026, 3, 4, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 3, 31)
    start, _ = next_occurrence(m, datetime(2026, 4, 1, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 6, 30)


def test_last_friday_of_the_month() -> None:
    m = meeting(4, 19, recurrence="monthly:-1")
    start, _ = next_occurrence(m, datetime(2026, 3, 4, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 3, 27)
    start, _ = next_occurrence(m, datetime(2026, 3, 28, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 4, 24)
    # January 2027: Fridays 1, 8, 15, 22, 29 — the last is the 5th.
    start, _ = next_occurrence(m, datetime(2027, 1, 23, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2027, 1, 29)


def test_first_and_third_tuesday() -> None:
    m = meeting(1, 13, recurrence="monthly:1,3")
    start, _ = next_occurrence(m, datetime(2026, 3, 4, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 3, 17)
    start, _ = next_occurrence(m, datetime(2026, 3, 18, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 4, 7)


@pytest.mark.parametrize(
    ("day", "mask", "expected"),
    [
        (date(2026, 3, 31), 1 << 4, True),  # 5th Tuesday
        (date(2026, 3, 31), 1 << 5, True),  # also the last
        (date(2026, 3, 24), 1 << 5, False),
        (date(2026, 2, 27), 1 << 5, True),  # last Friday of February
        (date(2026, 3, 3), 0b1, True),
        (date(2026, 3, 10), 0b1, False),
    ],
)
def test_date_matches_monthly_positions(day: date, mask: int, expected: bool) -> None:
    assert date_matches_monthly(day, mask) is expected


# --- Date bounds ---------------------------------------------------------------------------

def test_course_not_started_yet_begins_on_its_first_date() -> None:
    m = meeting(0, 18, starts_on=date(2026, 4, 1))  # first Monday on or after: 6 April
    start, _ = next_occurrence(m, datetime(2026, 3, 4, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 4, 6)


def test_meeting_after_its_last_date_has_no_next_occurrence() -> None:
    m = meeting(0, 18, ends_on=date(2026, 3, 2))
    assert next_occurrence(m, datetime(2026, 3, 4, 12, tzinfo=NY)) == (None, False)


def test_meeting_on_its_last_date_still_happens() -> None:
    m = meeting(0, 18, ends_on=date(2026, 3, 9))
    start, _ = next_occurrence(m, datetime(2026, 3, 4, 12, tzinfo=NY))
    assert start is not None and start.date() == date(2026, 3, 9)


def test_unknown_timezone_falls_back_to_utc_instead_of_raising() -> None:
    start, _ = next_occurrence(meeting(3, 19, tz="Mars/Olympus"),
                               datetime(2026, 3, 4, 12, tzinfo=UTC))
    assert start == datetime(2026, 3, 5, 19, tzinfo=UTC)


# --- The vectorised estimate agrees with the exact answer ---------------------------------

ZONES = ["America/New_York", "Australia/Sydney", "Europe/London", "America/Phoenix", "UTC"]
RECURRENCES = ["weekly", "monthly:1,3", "monthly:-1", "monthly:5", "monthly:2"]


@settings(max_examples=150, deadline=None)
@given(
    weekday=st.integers(0, 6),
    minute=st.integers(0, 24 * 60 - 1),
    length=st.integers(15, 180),
    tz=st.sampled_from(ZONES),
    recurrence=st.sampled_from(RECURRENCES),
    offset_minutes=st.integers(0, 366 * 24 * 60),
)
def test_vectorised_minutes_until_matches_exact_within_one_dst_shift(
    weekday: int, minute: int, length: int, tz: str, recurrence: str, offset_minutes: int
) -> None:
    start = time(minute // 60, minute % 60)
    end_min = (minute + length) % (24 * 60)
    end = time(end_min // 60, end_min % 60)
    m = MeetingProfile(weekday=weekday, start=start, end=end, timezone=tz,
                       recurrence=recurrence)
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=offset_minutes)
    exact, running = next_occurrence(m, now)
    table = MeetingTable([(m,)])
    est = table.minutes_until(np.array([0]), now)[0]
    assert exact is not None
    if running:
        assert est <= 0
    else:
        minutes = (exact - now).total_seconds() / 60
        assert abs(est - minutes) <= 61


@settings(max_examples=200, deadline=None)
@given(
    weekday=st.integers(0, 6),
    minute=st.integers(0, 24 * 60 - 1),
    tz=st.sampled_from(ZONES + ["America/Los_Angeles", "Pacific/Auckland"]),
    recurrence=st.sampled_from(RECURRENCES),
    offset_minutes=st.integers(0, 2 * 366 * 24 * 60),
)
def test_next_occurrence_is_on_the_right_day_at_the_right_wall_time(
    weekday: int, minute: int, tz: str, recurrence: str, offset_minutes: int
) -> None:
    m = MeetingProfile(weekday=weekday, start=time(minute // 60, minute % 60), timezone=tz,
                       recurrence=recurrence)
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=offset_minutes)
    start, running = next_occurrence(m, now)
    assert start is not None and str(start.tzinfo) == tz
    assert start.weekday() == weekday
    assert date_matches_monthly(start.date(), parse_recurrence(recurrence))
    if running:
        assert start <= now < start + timedelta(minutes=60)
    else:
        assert start > now
        # Nothing earlier qualifies: a week before is either past or not a meeting date.
        earlier = start - timedelta(days=7)
        assert earlier + timedelta(minutes=60) <= now or not date_matches_monthly(
            earlier.date(), parse_recurrence(recurrence))
    # Wall-clock time is kept, except when it does not exist that day (spring forward).
    if (start.hour, start.minute) != (minute // 60, minute % 60):
        naive = start.replace(tzinfo=None) - timedelta(hours=1)
        assert (naive.hour, naive.minute) == (minute // 60, minute % 60)


@settings(max_examples=150, deadline=None)
@given(
    slots=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 24 * 60 - 1),
                             st.integers(0, 23 * 60), st.sampled_from(ZONES)),
                   min_size=1, max_size=12),
    offset_minutes=st.integers(0, 2 * 366 * 24 * 60),
)
def test_weekly_meetings_take_the_short_path_to_the_same_minutes(
    slots: list[tuple[int, int, int, str]], offset_minutes: int
) -> None:
    """A plain weekly meeting's next start is a subtraction on the week's minutes; it gives
    exactly what the general date arithmetic gives (overnight and in-progress included)."""
    meetings = []
    for weekday, minute, length, tz in slots:
        end_min = (minute + length) % (24 * 60)
        meetings.append(MeetingProfile(weekday=weekday, start=time(minute // 60, minute % 60),
                                       end=time(end_min // 60, end_min % 60), timezone=tz))
    # A monthly one beside them goes the general way; the weekly ones must not change.
    meetings.append(MeetingProfile(weekday=2, start=time(19, 0), timezone=ZONES[0],
                                   recurrence=RECURRENCES[-1]))
    table = MeetingTable([tuple(meetings)])
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=offset_minutes)
    rows = np.arange(len(meetings))
    assert table.weekly.tolist() == [True] * len(slots) + [False]
    general = table._minutes_until(rows, table.tz_id[rows], *table.local_now(now))
    assert table.minutes_until(rows, now).tolist() == general.tolist()
    assert table.minutes_until(rows[:-1], now).tolist() == general[:-1].tolist()


@pytest.mark.parametrize("length", [0, 1, 60, 90, 23 * 60])
@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
def test_weekly_short_path_at_the_edges_of_a_meeting(length: int, tz: str) -> None:
    """At the very minute a meeting starts, ends, and around midnight for one that runs past
    it, the short path and the general arithmetic agree."""
    start = 23 * 60 + 30  # Monday 23:30 local
    end_min = (start + length) % (24 * 60)
    m = MeetingProfile(weekday=0, start=time(23, 30), end=time(end_min // 60, end_min % 60),
                       timezone=tz)
    table = MeetingTable([(m,)])
    assert table.weekly.tolist() == [True]
    monday = datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo(tz))
    rows = np.array([0])
    for delta in (-1, 0, 1, length - 1, length, length + 1, 24 * 60, 7 * 24 * 60 - 1):
        now = monday + timedelta(minutes=delta)
        general = table._minutes_until(rows, table.tz_id[rows], *table.local_now(now))
        assert table.minutes_until(rows, now).tolist() == general.tolist(), delta


def test_local_now_is_kept_for_one_instant_and_taken_again_for_the_next() -> None:
    meetings = tuple(MeetingProfile(weekday=1, start=time(19, 0), timezone=tz) for tz in ZONES)
    table = MeetingTable([meetings])
    first = datetime(2026, 3, 8, 6, 59, tzinfo=UTC)  # New York's clocks go forward at 7:00
    days, mins = table.local_now(first)
    assert table.local_now(first.astimezone(ZoneInfo("Asia/Tokyo")))[0] is days, "kept"
    later = first + timedelta(minutes=2)
    days2, mins2 = table.local_now(later)
    ny = ZONES.index("America/New_York")
    assert (mins[ny], mins2[ny]) == (60 + 59, 3 * 60 + 1)
    with pytest.raises(ValueError):
        days2[0] = 0  # read-only: callers share them
