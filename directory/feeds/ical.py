"""iCalendar (RFC 5545) feeds: a group's meetings, or the groups of a search.

Each meeting is one recurring VEVENT in the meeting's own zone (DTSTART with TZID, and a
VTIMEZONE generated from zoneinfo), so that a 19:00 meeting stays at 19:00 local time across
daylight-saving changes. Weekly meetings repeat FREQ=WEEKLY;BYDAY=TU, monthly ones
FREQ=MONTHLY;BYDAY=1TU,3TU (or -1FR for "last Friday"); ends_on becomes UNTIL. The first
occurrence is the first matching day on or after starts_on, or on or after today (local to
the meeting) when the meeting has no first date. Meetings that have ended are left out. A
meeting without an end time is given one hour. UIDs are <slug>-<position>@<host>, stable
between calls so that calendar apps update events instead of duplicating them.

`google_calendar_url` gives the same recurring event as an "Add to Google Calendar" link: a
plain URL, built here, that asks nothing of Google until the reader follows it.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from flask import has_request_context
from icalendar import Calendar, Event, vRecur

from directory.i18n.phrases import zone_words
from directory.i18n.text import gettext
from directory.i18n.web import url_with_hl
from directory.models import Group, Meeting

PRODID = "-//Circles//Peer-support group finder//EN"
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DEFAULT_DURATION = timedelta(hours=1)
# How far ahead the generated VTIMEZONE rules reach for meetings without a last date.
TIMEZONE_YEARS_AHEAD = 10


def _with_hl(url: str) -> str:
    """`url` keeping the language the file was asked for in (a request's `hl`), so the
    group page a calendar links to opens in the words the event was written in."""
    return url_with_hl(url) if has_request_context() else url


def _positions(meeting: Meeting) -> list[int] | None:
    if not meeting.recurrence.startswith("monthly:"):
        return None
    return [int(p) for p in meeting.recurrence.removeprefix("monthly:").split(",")]


def _is_nth_weekday(day: date, positions: list[int]) -> bool:
    days_in_month = month_calendar.monthrange(day.year, day.month)[1]
    nth = (day.day - 1) // 7 + 1
    return nth in positions or (-1 in positions and day.day + 7 > days_in_month)


def first_occurrence(meeting: Meeting, *, on_or_after: date) -> date:
    """The first day on or after `on_or_after` on which the meeting takes place."""
    day = on_or_after + timedelta(days=(meeting.weekday - on_or_after.weekday()) % 7)
    positions = _positions(meeting)
    if positions is None:
        return day
    while not _is_nth_weekday(day, positions):
        day += timedelta(days=7)
    return day


def recurrence(meeting: Meeting, zone: ZoneInfo) -> vRecur:
    """The meeting's RRULE; UNTIL (in UTC, as RFC 5545 requires) from ends_on."""
    day = BYDAY[meeting.weekday]
    positions = _positions(meeting)
    if positions is None:
        rule = vRecur(FREQ="WEEKLY", BYDAY=[day])
    else:
        rule = vRecur(FREQ="MONTHLY", BYDAY=[f"{p}{day}" for p in positions])
    if meeting.ends_on is not None:
        last_moment = datetime.combine(meeting.ends_on, time(23, 59, 59), tzinfo=zone)
        rule["UNTIL"] = last_moment.astimezone(UTC)
    return rule


def _venue(meeting: Meeting):
    """The place to go to, if the meeting is attended in person (online ones have none)."""
    return meeting.location if meeting.how_attended() != "online" else None


def _place_text(meeting: Meeting) -> str:
    loc = _venue(meeting)
    if loc is None:
        return gettext("Online") if meeting.online_url or not meeting.online_phone \
            else gettext("By phone")
    region_line = " ".join(p for p in (loc.region, loc.postal_code) if p)
    parts = [loc.name, loc.address, loc.city, region_line, loc.country]
    return ", ".join(p for p in parts if p)


def _description(group: Group, meeting: Meeting, page_url: str) -> str:
    lines = []
    if group.description:
        lines += [group.description, ""]
    if _venue(meeting) is not None:
        lines.append(gettext("Where: %(place)s", place=_place_text(meeting)))
    if meeting.online_url:
        lines.append(gettext("Join online: %(url)s", url=meeting.online_url))
    if meeting.online_phone:
        lines.append(gettext("Join by phone: %(number)s", number=meeting.online_phone))
    if meeting.online_notes:
        lines.append(meeting.online_notes)
    lines.append(gettext("Times are %(zone)s.", zone=zone_words(meeting.timezone)))
    lines.append(gettext("Group page: %(url)s", url=page_url))
    return "\n".join(lines)


GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
GOOGLE_DETAILS_LIMIT = 1000  # the URL stays short enough for every browser


def _google_time(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _first_slot(meeting: Meeting, *, now: datetime) -> tuple[datetime, datetime] | None:
    """The first occurrence still to come (from starts_on or today, in the meeting's zone)
    and its end, or None when the meeting has ended."""
    zone = ZoneInfo(meeting.timezone)
    today = now.astimezone(zone).date()
    first = first_occurrence(meeting, on_or_after=meeting.starts_on or today)
    if meeting.ends_on is not None and (first > meeting.ends_on or meeting.ends_on < today):
        return None
    start = datetime.combine(first, meeting.start_time, tzinfo=zone)
    if meeting.end_time is not None:
        end_day = first if meeting.end_time > meeting.start_time else first + timedelta(days=1)
        end = datetime.combine(end_day, meeting.end_time, tzinfo=zone)
    else:
        end = start + DEFAULT_DURATION
    return start, end


def meeting_event(
    group: Group, meeting: Meeting, *, base_url: str, host: str, now: datetime
) -> Event | None:
    """One meeting as a recurring VEVENT, or None when it has no occurrence left (or is
    temporarily closed)."""
    if meeting.how_attended(group.format) == "inactive":
        return None
    zone = ZoneInfo(meeting.timezone)
    slot = _first_slot(meeting, now=now)
    if slot is None:
        return None
    start, end = slot
    page_url = _with_hl(f"{base_url}/groups/{group.slug}")
    event = Event()
    event.add("uid", f"{group.slug}-{meeting.position}@{host}")
    # Without a METHOD, DTSTAMP is when the information was last revised (RFC 5545 3.8.7.2):
    # the group's last change, so the same group gives the same file (and ETag) all day.
    event.add("dtstamp", _as_utc(group.updated_at) if group.updated_at else now.astimezone(UTC))
    event.add("summary", group.name)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", recurrence(meeting, zone))
    event.add("location", _place_text(meeting))
    event.add("url", page_url)
    event.add("description", _description(group, meeting, page_url))
    loc = _venue(meeting)
    if loc is not None and loc.latitude is not None and loc.longitude is not None:
        event.add("geo", (loc.latitude, loc.longitude))
    return event


def google_calendar_url(group: Group, meeting: Meeting, *, page_url: str,
                        now: datetime) -> str | None:
    """An "Add to Google Calendar" link for one meeting: its first occurrence to come, in its
    own zone (ctz), repeating by its RRULE; an online meeting's join link in the details and
    as the location. None for a temporarily closed meeting or one that has ended. The words
    are in the current language."""
    how = meeting.how_attended(group.format)
    if how == "inactive":
        return None
    slot = _first_slot(meeting, now=now)
    if slot is None:
        return None
    start, end = slot
    lines = [group.description] if group.description else []
    if meeting.online_url:
        lines.append(gettext("Join online: %(url)s", url=meeting.online_url))
    if meeting.online_phone:
        lines.append(gettext("Join by phone: %(number)s", number=meeting.online_phone))
    if meeting.online_notes:
        lines.append(meeting.online_notes)
    lines.append(gettext("Group page: %(url)s", url=page_url))
    details = "\n".join(lines)
    if len(details) > GOOGLE_DETAILS_LIMIT:  # the description gives way; the links stay
        details = "\n".join(lines[1:]) if group.description else details[:GOOGLE_DETAILS_LIMIT]
    if _venue(meeting) is not None:
        location = _place_text(meeting)
    else:
        location = meeting.online_url or meeting.online_phone or ""
    rule = recurrence(meeting, ZoneInfo(meeting.timezone)).to_ical().decode("ascii")
    params = [
        ("action", "TEMPLATE"),
        ("text", group.name if not meeting.name or meeting.name == group.name
         else f"{group.name} — {meeting.name}"),
        ("dates", f"{_google_time(start)}/{_google_time(end)}"),
        ("ctz", meeting.timezone),
        ("details", details),
        ("location", location),
        ("recur", f"RRULE:{rule}"),
    ]
    return f"{GOOGLE_CALENDAR}?{urlencode(params)}"


def _calendar(groups: Iterable[Group], *, name: str, base_url: str, now: datetime) -> bytes:
    base_url = base_url.rstrip("/")
    host = urlsplit(base_url).hostname or "circles"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    first_dates: list[date] = []
    last_dates: list[date] = []
    for group in groups:
        for meeting in group.meetings:
            event = meeting_event(group, meeting, base_url=base_url, host=host, now=now)
            if event is None:
                continue
            cal.add_component(event)
            first_dates.append(event.decoded("dtstart").date())
            last_dates.append(meeting.ends_on or first_dates[-1].replace(
                year=first_dates[-1].year + TIMEZONE_YEARS_AHEAD, day=1))
    if first_dates:
        cal.add_missing_timezones(
            first_date=min(first_dates) - timedelta(days=366),
            last_date=max(last_dates) + timedelta(days=366),
        )
    return cal.to_ical()


def group_calendar(group: Group, *, base_url: str, now: datetime) -> bytes:
    """A group's meetings as an iCalendar file (one recurring event per meeting)."""
    return _calendar([group], name=group.name, base_url=base_url, now=now)


def search_calendar(
    groups: Iterable[Group], *, base_url: str, now: datetime, name: str = "Circles search"
) -> bytes:
    """The meetings of several groups (e.g. a search's results) as one iCalendar file."""
    return _calendar(groups, name=name, base_url=base_url, now=now)
