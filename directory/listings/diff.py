"""What changed between two versions of a listing, in words a moderator reads.

Meetings are matched by identity — the same weekday, start time and recurrence; failing
that, a meeting whose time moved on the same day — never by position: removing the Tuesday
meeting reads "Tuesday 7:00 pm meeting removed", not "meeting 2 removed".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from directory import taxonomy
from directory.listings.fields import fee_text
from directory.listings.schema import (
    AppointmentIn,
    ListingIn,
    MeetingIn,
    attendance_from_format,
)

GROUP_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "group_name"), ("organization", "organization"), ("description", "description"),
    ("topics", "topics"), ("approach", "approach"), ("format", "format"), ("cost", "cost"),
    ("fee_cents", "fee_amount"), ("fee_currency", "fee_currency"),
    ("languages", "languages"), ("audience", "audience"), ("access", "access"),
    ("welcome", "welcome"), ("registration_required", "registration_required"),
    ("facilitation", "facilitation"), ("contact_email", "contact_email"),
    ("contact_phone", "contact_phone"), ("website", "website"),
    ("accepting_new_members", "accepting_new_members"),
    # Meetings by appointment (no day or time) come from data sources; a moderator sees and
    # accepts them as one field.
    ("appointments", "appointments"),
)
MEETING_FIELDS: tuple[str, ...] = (
    "weekday", "start_time", "end_time", "timezone", "recurrence", "starts_on", "ends_on",
    "attendance", "location_name", "address", "city", "region", "postal_code", "country",
    "online_url", "online_phone", "online_notes", "meeting_name", "meeting_notes",
    "location_notes",
)


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    field: str = ""  # the field's name (empty for a whole meeting added or removed)
    meeting: MeetingIn | None = None  # the meeting it belongs to, if any


def shown(name: str, value: Any) -> str:
    """A value as the CSV format writes it (for the diff table)."""
    if value is None:
        return ""
    if name in ("fee_amount", "fee_cents"):
        return fee_text(value)
    if name == "weekday":
        return taxonomy.WEEKDAYS[value]
    if name == "appointments":
        return "; ".join(appointment_words(a) for a in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def appointment_words(appointment: AppointmentIn) -> str:
    """A meeting by appointment as its data says it: its name, place and how to join
    ("Newcomer line, Harbor Hall, Portland, tel:+1 555 0100"), its attendance code if that
    is all there is."""
    place, online = appointment.place, appointment.online
    parts = [appointment.name or appointment.source_slug or ""]
    if place is not None:
        parts += [place.name or "", place.address or "", place.city or ""]
    if online is not None:
        parts += [online.url or "", f"tel:{online.phone}" if online.phone else ""]
    text = ", ".join(p for p in parts if p)
    return text or (appointment.attendance or "?")


def clock_words(start: time) -> str:
    hour = start.hour % 12 or 12
    return f"{hour}:{start.minute:02d} {'am' if start.hour < 12 else 'pm'}"


def meeting_words(meeting: MeetingIn) -> str:
    """"Tuesday 7:00 pm" (and the recurrence when it is not weekly)."""
    day = taxonomy.WEEKDAY_LABELS[taxonomy.WEEKDAYS[meeting.weekday]]
    text = f"{day} {clock_words(meeting.start_time)}"
    return text if meeting.recurrence.weekly else f"{text}, {meeting.recurrence.label()}"


def _meeting_values(meeting: MeetingIn, group_format: str) -> dict[str, Any]:
    place, online = meeting.place, meeting.online
    return {
        "weekday": meeting.weekday, "start_time": meeting.start_time,
        "end_time": meeting.end_time, "timezone": meeting.timezone,
        "recurrence": str(meeting.recurrence), "starts_on": meeting.starts_on,
        "ends_on": meeting.ends_on,
        "attendance": meeting.attendance or attendance_from_format(group_format),
        "location_name": place.name if place else None,
        "address": place.address if place else None,
        "city": place.city if place else None,
        "region": place.region if place else None,
        "postal_code": place.postal_code if place else None,
        "country": place.country if place else None,
        "online_url": online.url if online else None,
        "online_phone": online.phone if online else None,
        "online_notes": online.notes if online else None,
        "meeting_name": meeting.name,
        "meeting_notes": meeting.notes,
        "location_notes": meeting.location_notes,
    }


def pair_meetings(before: list[MeetingIn], after: list[MeetingIn]
                  ) -> list[tuple[MeetingIn | None, MeetingIn | None]]:
    """Match meetings by identity, then same weekday; what is left is added or removed."""
    left = list(range(len(before)))
    pairs: list[tuple[MeetingIn | None, MeetingIn | None]] = []
    unmatched: list[MeetingIn] = []
    for new in after:
        match = next((i for i in left if before[i].identity() == new.identity()), None)
        if match is None:
            unmatched.append(new)
            continue
        left.remove(match)
        pairs.append((before[match], new))
    for new in unmatched:
        match = next((i for i in left if before[i].weekday == new.weekday), None)
        if match is None:
            pairs.append((None, new))
        else:
            left.remove(match)
            pairs.append((before[match], new))
    pairs.extend((before[i], None) for i in left)
    return pairs


def diff_listings(before: ListingIn | None, after: ListingIn | None) -> list[FieldChange]:
    """Field-by-field differences: group fields first, then each meeting by identity."""
    changes: list[FieldChange] = []
    for attr, label in GROUP_FIELDS:
        old = getattr(before, attr) if before is not None else None
        new = getattr(after, attr) if after is not None else None
        if old != new and not (old in (None, "", []) and new in (None, "", [])):
            changes.append(FieldChange(label, shown(label, old), shown(label, new), label))
    old_format = before.format if before is not None else ""
    new_format = after.format if after is not None else ""
    for old_m, new_m in pair_meetings(before.meetings if before else [],
                                      after.meetings if after else []):
        if old_m is None and new_m is not None:
            changes.append(FieldChange(f"{meeting_words(new_m)} meeting", "(none)", "added",
                                       meeting=new_m))
            continue
        if new_m is None and old_m is not None:
            changes.append(FieldChange(f"{meeting_words(old_m)} meeting", "present",
                                       "removed", meeting=old_m))
            continue
        assert old_m is not None and new_m is not None
        old_v, new_v = _meeting_values(old_m, old_format), _meeting_values(new_m, new_format)
        for name in MEETING_FIELDS:
            if old_v[name] != new_v[name]:
                changes.append(FieldChange(f"{meeting_words(old_m)} meeting: {name}",
                                           shown(name, old_v[name]), shown(name, new_v[name]),
                                           name, old_m))
    return changes
