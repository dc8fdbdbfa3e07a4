"""Template helpers that decide what a page shows."""

from __future__ import annotations

import pytest

from directory.templating import split_when


@pytest.mark.parametrize("when", [
    "today 7:00 pm Pacific time", "tomorrow 9:30 am UK time", "next Tue 7:00 pm Eastern time",
    "Sat 12 Dec 6:00 pm Sydney time", "meeting now (started 6:30 pm Eastern time)",
])
def test_the_reason_saying_when_the_next_meeting_is_is_found(when):
    reasons = ["Grief & loss", "online", "free", when, "in Spanish"]
    assert split_when(reasons) == [(r, r == when) for r in reasons]


def test_no_reason_is_a_time_when_there_is_no_upcoming_meeting():
    reasons = ["Next steps", "Tuesday people", "no upcoming meeting", "not yet verified"]
    assert not any(is_when for _, is_when in split_when(reasons))


def test_only_the_first_time_like_reason_is_marked():
    marked = [w for _, w in split_when(["today 7:00 pm Pacific time", "today 8:00 pm UK time"])]
    assert marked == [True, False]
