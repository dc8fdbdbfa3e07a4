"""Groups as JSON for the public API: one shape for search results and single groups."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from directory import taxonomy
from directory.feeds.meeting_guide import Appointment, appointments_of
from directory.i18n import labels
from directory.listings.queries import meeting_next
from directory.models import Group, Meeting


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def meeting_to_json(meeting: Meeting, group: Group, *, now: datetime) -> dict[str, Any]:
    """One meeting, with its next occurrence (ISO 8601 with the meeting zone's offset)."""
    start, in_progress = meeting_next(meeting, group.format, now=now)
    return {
        "weekday": taxonomy.WEEKDAYS[meeting.weekday],
        "start_time": meeting.start_time.strftime("%H:%M"),
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else None,
        "timezone": meeting.timezone,
        "recurrence": meeting.recurrence,
        "starts_on": meeting.starts_on.isoformat() if meeting.starts_on else None,
        "ends_on": meeting.ends_on.isoformat() if meeting.ends_on else None,
        "next_occurrence": _iso(start),
        "in_progress": in_progress,
        "attendance": meeting.how_attended(group.format),
        **_joining_json(meeting),
    }


def _place_json(loc: Any) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {
        "name": loc.name, "address": loc.address, "city": loc.city, "region": loc.region,
        "postal_code": loc.postal_code, "country": loc.country, "latitude": loc.latitude,
        "longitude": loc.longitude, "approximate": loc.approximate,
    }


def _joining_json(meeting: Meeting | Appointment) -> dict[str, Any]:
    """Where and how to join, and the meeting's own words and source codes: the same for a
    scheduled meeting and one by appointment."""
    return {
        "location": _place_json(meeting.location),
        "online": None if not (meeting.online_url or meeting.online_phone) else {
            "url": meeting.online_url, "phone": meeting.online_phone,
            "notes": meeting.online_notes,
        },
        "name": meeting.name,
        "notes": meeting.notes,
        "location_notes": meeting.location_notes,
        "source_slug": meeting.source_slug,
        "source_types": list(meeting.source_types or []),
        "regions": list(meeting.regions or []),
    }


def appointment_to_json(appointment: Appointment, group: Group) -> dict[str, Any]:
    """A by-appointment meeting: how it is attended, where or how to join; no day or time
    (the seeker arranges one with the group)."""
    return {
        "timezone": appointment.timezone,
        "attendance": appointment.attendance or taxonomy.attendance_from_format(group.format),
        **_joining_json(appointment),
    }


def source_to_json(group: Group) -> dict[str, Any] | None:
    """Where a listing came from and when the source last confirmed it (None: entered
    here). The confirmation date is the source's own `updated`, not the sync date."""
    if not group.source_name:
        return None
    verified = group.last_verified_at
    return {
        "name": group.source_name,
        "source_id": group.source_entry_id,
        "last_confirmed": verified.date().isoformat() if verified else None,
        "last_synced": _iso(group.source_synced_at),
        "withdrawn": group.source_withdrawn_at is not None,
    }


def group_to_json(group: Group, *, base_url: str, now: datetime) -> dict[str, Any]:
    """A public group with its meetings, links and labels (labels in the current language;
    codes stay codes)."""
    verified = group.last_verified_at
    stale = verified is None or (now - verified).days > taxonomy.STALE_AFTER_DAYS
    fee = None
    if group.fee_cents is not None:
        fee = {"amount": round(group.fee_cents / 100, 2), "currency": group.fee_currency}
    return {
        "slug": group.slug,
        "name": group.name,
        "url": f"{base_url}/groups/{group.slug}",
        "calendar_url": f"{base_url}/groups/{group.slug}.ics",
        "description": group.description,
        "organization": None if group.organization is None else {
            "name": group.organization.name, "website": group.organization.website,
        },
        "topics": [{"code": c, "label": labels.topic_label(c)} for c in group.topics],
        "approach": group.approach,
        "format": group.format,
        "cost": group.cost,
        "fee": fee,
        "languages": list(group.languages),
        "audience": list(group.audience),
        "access": list(group.access),
        "welcome": group.welcome,
        "registration_required": group.registration_required,
        "accepting_new_members": group.accepting_new_members,
        "facilitation": group.facilitation,
        "contact": {"email": group.contact_email, "phone": group.contact_phone},
        "website": group.website,
        "last_verified": verified.date().isoformat() if verified else None,
        "stale": stale,
        "updated_at": _iso(group.updated_at),
        "source": source_to_json(group),
        "meetings": [meeting_to_json(m, group, now=now) for m in group.meetings],
        "appointments": [appointment_to_json(a, group) for a in appointments_of(group)],
    }
