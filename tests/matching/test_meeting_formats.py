"""A format filter is judged per meeting: a group mixing in-person and online meetings is
kept when one meeting qualifies, and that meeting is the one offered as next."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from matching import GroupProfile, Index, MeetingProfile, Query, Taxonomy

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)  # a Monday
TAX = Taxonomy.from_topics([("grief", "Grief", None, ("grief",))])
TUESDAY_IN_PERSON = MeetingProfile(weekday=1, start=time(19), timezone="UTC",
                                   attendance="in-person", lat=45.5, lon=-122.6)
SATURDAY_ONLINE = MeetingProfile(weekday=5, start=time(10), timezone="UTC",
                                 attendance="online", online=True)
MIXED = GroupProfile(id=1, slug="mixed", name="Mixed Circle", topics=("grief",),
                     format="hybrid", lat=45.5, lon=-122.6,
                     meetings=(TUESDAY_IN_PERSON, SATURDAY_ONLINE))
INDEX = Index.build([MIXED], TAX)


@pytest.mark.parametrize("formats, weekday", [
    (["online"], 5), (["in-person"], 1), ([], 1), (["online", "in-person"], 1),
])
def test_the_next_meeting_is_one_that_qualifies(formats, weekday):
    result = INDEX.search(Query(formats=formats), now=NOW)
    assert result.total == 1
    assert result.matches[0].next_meeting.weekday() == weekday


def test_a_meeting_must_meet_the_format_and_the_day_together():
    assert INDEX.search(Query(formats=["online"], days=["tue"]), now=NOW).total == 0
    assert INDEX.search(Query(formats=["online"], days=["sat"]), now=NOW).total == 1
    assert INDEX.search(Query(formats=["hybrid"]), now=NOW).total == 0


def test_a_meeting_without_its_own_attendance_follows_the_group():
    plain = GroupProfile(id=2, slug="plain", name="Plain", topics=("grief",), format="online",
                         meetings=(MeetingProfile(weekday=2, start=time(18), timezone="UTC",
                                                  online=True),))
    index = Index.build([plain], TAX)
    assert index.search(Query(formats=["online"]), now=NOW).total == 1
    assert index.search(Query(formats=["in-person"]), now=NOW).total == 0
