"""The "why this matches" phrases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from matching import GroupProfile
from matching.reasons import build_reasons, clock, when_text, zone_words

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)  # Wednesday 13:00 in New York


@pytest.mark.parametrize(
    ("hour", "minute", "text"),
    [(0, 0, "12:00 am"), (9, 5, "9:05 am"), (12, 0, "12:00 pm"), (19, 30, "7:30 pm"),
     (23, 59, "11:59 pm")],
)
def test_clock_is_twelve_hour(hour: int, minute: int, text: str) -> None:
    assert clock(datetime(2026, 1, 1, hour, minute)) == text


@pytest.mark.parametrize(
    ("start", "text"),
    [
        (datetime(2026, 3, 4, 19, 0, tzinfo=NY), "today 7:00 pm"),
        (datetime(2026, 3, 5, 9, 30, tzinfo=NY), "tomorrow 9:30 am"),
        (datetime(2026, 3, 10, 19, 0, tzinfo=NY), "next Tue 7:00 pm"),
        (datetime(2026, 3, 31, 19, 0, tzinfo=NY), "Tue 31 Mar 7:00 pm"),
    ],
)
def test_when_text_is_relative_to_now(start: datetime, text: str) -> None:
    assert when_text(start, False, NOW, None) == text


def test_when_text_in_the_seeker_zone_can_change_the_day() -> None:
    start = datetime(2026, 3, 4, 23, 30, tzinfo=NY)  # 04:30 Thursday in London
    assert when_text(start, False, NOW, "Europe/London") == "tomorrow 4:30 am UK time"


def test_when_text_for_a_meeting_in_progress() -> None:
    start = datetime(2026, 3, 4, 12, 30, tzinfo=NY)
    assert when_text(start, True, NOW, None) == "meeting now (started 12:30 pm)"


def test_when_text_names_the_zone_in_words() -> None:
    start = datetime(2026, 3, 4, 19, 0, tzinfo=NY)
    assert when_text(start, False, NOW, "America/New_York") == "today 7:00 pm Eastern time"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("America/Los_Angeles", "Pacific time"),
        ("America/Chicago", "Central time"),
        ("Europe/London", "UK time"),
        ("Australia/Perth", "Perth time"),
        ("Pacific/Auckland", "New Zealand time"),
        ("Asia/Kolkata", "Kolkata time"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time"),
    ],
)
def test_zone_words_name_a_zone_as_people_say_it(name: str, words: str) -> None:
    assert zone_words(name) == words


def test_reasons_for_a_stale_unaccepting_group(make_group: Callable[..., GroupProfile]
                                                ) -> None:
    g = make_group(1, "g", "G", None, "grief", "mon 19:00", fmt="phone", cost="fee",
                   accepting=False, verified=date(2025, 1, 2))
    out = build_reasons(g, topic_label="Grief & loss", distance_km=None, units="mi",
                        next_start=None, in_progress=False, now=NOW, tz=None, languages=(),
                        audience=(), access=(), stale_since=date(2025, 1, 2))
    assert out == ["Grief & loss", "by phone", "fee", "no upcoming meeting",
                   "not taking new members now", "not verified since Jan 2025"]


def test_reasons_for_a_hybrid_group_with_distance(make_group: Callable[..., GroupProfile]
                                                  ) -> None:
    g = make_group(1, "g", "G", "portland", "grief", "mon 19:00", fmt="hybrid",
                   cost="sliding-scale", audience="women", langs="es en")
    out = build_reasons(g, topic_label="Grief & loss", distance_km=3.7, units="mi",
                        next_start=datetime(2026, 3, 9, 19, tzinfo=NY), in_progress=False,
                        now=NOW, tz=None, languages=("es",), audience=("women",), access=(),
                        stale_since=None)
    assert out == ["Grief & loss", "2.3 mi or online", "sliding scale", "next Mon 7:00 pm",
                   "in Spanish", "for women"]
