"""The plain inputs of the matcher: one :class:`GroupProfile` per listed group.

The directory turns its rows into these in exactly one place; the matcher never sees a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time


@dataclass(frozen=True, slots=True)
class MeetingProfile:
    """One recurring meeting of a group.

    ``weekday`` is 0 = Monday … 6 = Sunday; ``start``/``end`` are wall-clock times in
    ``timezone`` (an IANA name). ``recurrence`` is ``"weekly"`` or ``"monthly:1,3"`` (the 1st
    and 3rd such weekday of the month; ``-1`` = the last). An unreadable recurrence is treated
    as weekly. ``starts_on``/``ends_on`` bound the dates a meeting happens on (inclusive).
    """

    weekday: int
    start: time
    end: time | None = None
    timezone: str = "UTC"
    recurrence: str = "weekly"
    starts_on: date | None = None
    ends_on: date | None = None
    online: bool = False
    lat: float | None = None
    lon: float | None = None
    # How this meeting is attended: "in-person", "online" or "hybrid"; None follows the
    # group's format (a meeting with ``online`` set is then online). A format filter keeps a
    # group when one of its meetings qualifies, and shows that meeting as the next one.
    attendance: str | None = None


@dataclass(frozen=True, slots=True)
class GroupProfile:
    """Everything the matcher knows about one active group.

    ``lat``/``lon`` is the group's representative place (None for online or phone groups);
    the distance of an in-person or hybrid group is to the nearest of that place and the places
    of its in-person meetings (``MeetingProfile.online`` False with ``lat``/``lon``).
    ``languages``: the first language is the group's main one.
    """

    id: int
    slug: str
    name: str
    organization: str = ""
    description: str = ""
    topics: tuple[str, ...] = ()
    approach: str | None = None
    format: str = "in-person"
    cost: str = "free"
    languages: tuple[str, ...] = ("en",)
    audience: tuple[str, ...] = ("everyone",)
    access: tuple[str, ...] = ()
    welcome: str | None = None
    last_verified: date | None = None
    updated: datetime | None = None
    accepting_new_members: bool = True
    meetings: tuple[MeetingProfile, ...] = field(default_factory=tuple)
    lat: float | None = None
    lon: float | None = None
