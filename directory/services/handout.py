"""What a printed handout says about each group: every meeting (day, time, how to attend,
where or how to join), the soonest next meeting, in one labelled zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from directory.i18n import labels
from directory.i18n import text as i18n
from directory.i18n.phrases import weekday_plural, zone_words
from directory.i18n.text import N_, gettext
from directory.listings.queries import next_occurrences
from directory.models import Group, Meeting

ORDINALS = {"1": N_("1st"), "2": N_("2nd"), "3": N_("3rd"), "4": N_("4th"), "5": N_("5th"),
            "-1": N_("last")}


@dataclass(frozen=True)
class HandoutMeeting:
    day: str  # "Tuesdays", "Tuesdays (1st and 3rd of the month)"
    time: str  # "7:00–8:30 pm"
    attendance: str  # "In person", "Online", "Phone", "In person or online"
    where: str  # address, or the link / phone to join
    zone: str  # "Pacific time": the zone `time` is in


@dataclass(frozen=True)
class HandoutEntry:
    group: Group
    meetings: list[HandoutMeeting]
    next_text: str  # "Tue 3 Mar, 7:00 pm" or ""
    zone_label: str  # "Pacific time" when every meeting is shown in one zone, else ""
    topics: str
    welcome: str  # "Open meeting — anyone welcome" / "Closed — …" / ""
    accepting: bool


def _clock(value: datetime) -> str:
    return i18n.clock(value)  # 7:00 pm in English, 19:00 in Spanish and French


def _attendance(meeting: Meeting, group_format: str) -> str:
    place = meeting.location is not None and group_format != "online"
    online = bool(meeting.online_url)
    phone = bool(meeting.online_phone)
    if place and (online or phone):
        return gettext("In person or online")
    if place:
        return gettext("In person")
    if online:
        return gettext("Online or phone") if phone else gettext("Online")
    if phone or group_format == "phone":
        return gettext("Phone")
    return labels.vocabulary_label("format", group_format)


def _where(meeting: Meeting) -> str:
    parts: list[str] = []
    loc = meeting.location
    if loc is not None:
        parts.append(", ".join(p for p in (loc.name, loc.address, loc.city, loc.postal_code) if p))
    if meeting.online_url:
        parts.append(meeting.online_url)
    if meeting.online_phone:
        parts.append(gettext("phone %(number)s", number=meeting.online_phone))
    if meeting.online_notes and not loc:
        parts.append(meeting.online_notes)
    return " · ".join(parts)


def _recurrence(recurrence: str) -> str:
    if not recurrence or recurrence == "weekly" or ":" not in recurrence:
        return ""
    parts = [gettext(ORDINALS[p.strip()]) if p.strip() in ORDINALS else p.strip()
             for p in recurrence.split(":", 1)[1].split(",")]
    return " (" + gettext("%(days)s of the month",
                          days=f" {gettext('and')} ".join(parts)) + ")"


def handout_entries(groups: list[Group], *, now: datetime, tz: str | None) -> list[HandoutEntry]:
    """Each group's handout entry; times in `tz` when given, else in each meeting's own zone."""
    entries = []
    for group in groups:
        occurrences = next_occurrences(group, now=now)
        meetings: list[HandoutMeeting] = []
        zones: list[str] = []
        soonest: datetime | None = None
        last_where = ""
        for meeting, (start, _running) in zip(group.meetings, occurrences, strict=True):
            zone = tz or meeting.timezone
            zones.append(zone)
            local_start = start.astimezone(ZoneInfo(zone)) if start is not None else None
            if local_start is None:
                weekday = meeting.weekday
                at = _clock(datetime.combine(now.date(), meeting.start_time))
                end = meeting.end_time and _clock(datetime.combine(now.date(), meeting.end_time))
            else:
                weekday = local_start.weekday()
                at = _clock(local_start)
                end = None
                if meeting.end_time is not None:
                    length = (datetime.combine(now.date(), meeting.end_time)
                              - datetime.combine(now.date(), meeting.start_time))
                    if length.total_seconds() <= 0:
                        length += timedelta(days=1)
                    end = _clock(local_start + length)
            where = _where(meeting)
            if meetings and where and where == last_where:
                shown_where = gettext("same place")  # one printed page: an address once per group
            else:
                shown_where = where
            last_where = where
            meetings.append(HandoutMeeting(
                day=f"{weekday_plural(weekday)}{_recurrence(meeting.recurrence)}",
                time=f"{at}–{end}" if end else at,
                attendance=_attendance(meeting, group.format),
                where=shown_where,
                zone=zone_words(zone),
            ))
            if start is not None and (soonest is None or start < soonest):
                soonest = start
        shown_zone = tz or (zones[0] if zones else None)
        next_text = ""
        if soonest is not None:
            local = soonest.astimezone(ZoneInfo(tz)) if tz else soonest
            next_text = f"{i18n.day_month(local)}, {_clock(local)}"
            if not tz:
                next_text += f" {zone_words(getattr(local.tzinfo, 'key', None))}"
        welcome = {"open": gettext("Open: anyone welcome, including supporters"),
                   "closed": gettext("Closed: for people who share the issue")}.get(
            group.welcome or "", "")
        entries.append(HandoutEntry(
            group=group, meetings=meetings, next_text=next_text,
            zone_label=zone_words(shown_zone) if shown_zone and len(set(zones)) <= 1 else "",
            topics=", ".join(labels.topic_label(t) for t in group.topics),
            welcome=welcome, accepting=bool(group.accepting_new_members),
        ))
    return entries
