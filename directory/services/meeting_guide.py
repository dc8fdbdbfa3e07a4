"""The Meeting Guide JSON feed (code4recovery spec): export of weekly meetings, and import.

The feed is a JSON array with one object per meeting. It is weekly-only, so monthly
meetings are left out of the export. Our vocabularies map to the type codes of the spec's
types.json; only codes that exist there are used (there is no "online" code: an online
meeting is one with a conference_url or conference_phone).

Import turns a feed into the same GroupRecord objects as the CSV importer, so that
`listings_csv.import_records` does the upsert. Entries are grouped into groups by their
`group` name (or, for a feed we exported, by the group slug in `url`); group-level fields
come from a group's first entry. The format has no topic, approach or cost: the caller
supplies them. Type codes we do not model are kept, by label, at the end of the description.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from directory import taxonomy
from directory.models import Group, Meeting

MAX_SLUG_LENGTH = 64

WELCOME_TYPES: dict[str, str] = {"open": "O", "closed": "C"}
AUDIENCE_TYPES: dict[str, str] = {
    "women": "W", "men": "M", "lgbtq": "LGBTQ", "young-adults": "Y", "seniors": "SEN",
    "bipoc": "POC",
}
ACCESS_TYPES: dict[str, str] = {
    "wheelchair": "X", "wheelchair-bathroom": "XB", "asl": "ASL", "fragrance-free": "FF",
    "childcare": "BA",
}
APPROACH_TYPES: dict[str, str] = {"secular": "A"}
# ISO 639-1 → the spec's language codes (only languages that types.json lists).
LANGUAGE_TYPES: dict[str, str] = {
    "af": "AF", "am": "AM", "ar": "AR", "bg": "BG", "da": "DA", "de": "DE", "el": "EL",
    "en": "EN", "es": "S", "fa": "FA", "fi": "FI", "fr": "FR", "he": "HE", "hi": "HI",
    "hr": "HR", "hu": "HU", "is": "IS", "it": "ITA", "ja": "JA", "ka": "KA", "ko": "KOR",
    "lt": "LT", "ml": "ML", "mt": "MT", "ne": "NE", "nl": "NL", "no": "NO", "pa": "PUN",
    "pl": "POL", "pt": "POR", "ru": "RUS", "sk": "SK", "sl": "SL", "sv": "SV", "th": "TH",
    "tl": "TL", "tr": "TUR", "uk": "UK",
}
# Labels of codes we read but do not model, so that they survive as readable notes.
OTHER_TYPE_LABELS: dict[str, str] = {
    "11": "11th Step Meditation", "12x12": "12 Steps & 12 Traditions",
    "ABSI": "As Bill Sees It", "AL": "Concurrent with Alateen",
    "AL-AN": "Concurrent with Al-Anon", "B": "Big Book", "BE": "Newcomer",
    "BI": "Bisexual", "BRK": "Breakfast", "CAN": "Candlelight", "CF": "Child-Friendly",
    "D": "Discussion", "DB": "Digital Basket", "DD": "Dual Diagnosis",
    "DR": "Daily Reflections", "G": "Gay", "GR": "Grapevine", "H": "Birthday",
    "L": "Lesbian", "LIT": "Literature", "LS": "Living Sober", "MED": "Meditation",
    "N": "Native American", "NB": "Non-Binary", "NDG": "Indigenous", "OUT": "Outdoor",
    "P": "Professionals", "POA": "Proof of Attendance", "SM": "Smoking Permitted",
    "SP": "Speaker", "ST": "Step Study", "T": "Transgender",
    "TC": "Location Temporarily Closed", "TR": "Tradition Study",
    "XT": "Cross Talk Permitted",
}
TYPES_NOTE_PREFIX = "Meeting types: "

# Meeting Guide field names for the CSV columns our validators report.
_FIELD_NAMES: dict[str, str] = {
    "group_name": "group", "description": "notes", "weekday": "day", "start_time": "time",
    "end_time": "end_time", "location_name": "location", "region": "state",
    "online_url": "conference_url", "online_phone": "conference_phone",
    "online_notes": "conference_url_notes", "languages": "types", "audience": "types",
    "access": "types", "welcome": "types", "topics": "topic", "approach": "approach",
    "cost": "cost",
}
_COUNTRY_NAMES: dict[str, str] = {
    "USA": "US", "UNITED STATES": "US", "UNITED STATES OF AMERICA": "US", "CAN": "CA",
    "CANADA": "CA", "UK": "GB", "UNITED KINGDOM": "GB", "AUS": "AU", "AUSTRALIA": "AU",
}
_URL_SLUG_RE = re.compile(r"/groups/([a-z0-9]+(?:-[a-z0-9]+)*)/?$")
_TIME_WITH_SECONDS_RE = re.compile(r"^(\d{1,2}:\d{2}):00$")

_TEXT_FIELDS = (
    "name", "slug", "time", "end_time", "timezone", "formatted_address", "address", "city",
    "state", "postal_code", "country", "location", "conference_url", "conference_url_notes",
    "conference_phone", "conference_phone_notes", "notes", "group", "url",
)


# --- export --------------------------------------------------------------------------------


def meeting_slug(group_slug: str, meeting: Meeting, taken: set[str]) -> str:
    """A stable, URL-safe slug of at most 64 characters for one meeting of a group."""
    suffix = f"-{taxonomy.WEEKDAYS[meeting.weekday]}-{meeting.start_time.strftime('%H%M')}"
    if len(group_slug) + len(suffix) > MAX_SLUG_LENGTH - 3:
        # Truncate deterministically, keeping a short hash of the full slug so two long
        # slugs with the same beginning stay distinct.
        digest = hashlib.sha1(group_slug.encode()).hexdigest()[:6]
        keep = MAX_SLUG_LENGTH - 3 - len(suffix) - len(digest) - 1
        group_slug = f"{group_slug[:keep].rstrip('-')}-{digest}"
    slug = f"{group_slug}{suffix}"
    n = 2
    candidate = slug
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def meeting_types(group: Group) -> list[str]:
    """The Meeting Guide type codes of a group, sorted."""
    codes: set[str] = set()
    if group.welcome in WELCOME_TYPES:
        codes.add(WELCOME_TYPES[group.welcome])
    codes.update(AUDIENCE_TYPES[a] for a in group.audience if a in AUDIENCE_TYPES)
    codes.update(ACCESS_TYPES[a] for a in group.access if a in ACCESS_TYPES)
    codes.update(LANGUAGE_TYPES[lang] for lang in group.languages if lang in LANGUAGE_TYPES)
    if group.approach in APPROACH_TYPES:
        codes.add(APPROACH_TYPES[group.approach])
    return sorted(codes)


def _formatted_address(loc: Any) -> str:
    region_line = " ".join(p for p in (loc.region, loc.postal_code) if p)
    return ", ".join(p for p in (loc.address, loc.city, region_line, loc.country) if p)


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def meeting_entry(group: Group, meeting: Meeting, *, slug: str, base_url: str) -> dict[str, Any]:
    """One meeting as a Meeting Guide feed entry."""
    entry: dict[str, Any] = {
        "name": group.name,
        "slug": slug,
        "day": (meeting.weekday + 1) % 7,
        "time": meeting.start_time.strftime("%H:%M"),
    }
    if meeting.end_time is not None:
        entry["end_time"] = meeting.end_time.strftime("%H:%M")
    entry["timezone"] = meeting.timezone
    loc = meeting.location
    if loc is not None:
        if loc.name:
            entry["location"] = loc.name
        formatted = _formatted_address(loc)
        if formatted:
            entry["formatted_address"] = formatted
        for key, value in (
            ("address", loc.address), ("city", loc.city), ("state", loc.region),
            ("postal_code", loc.postal_code), ("country", loc.country),
        ):
            if value:
                entry[key] = value
        if loc.latitude is not None and loc.longitude is not None:
            entry["latitude"] = loc.latitude
            entry["longitude"] = loc.longitude
        entry["approximate"] = "yes" if loc.approximate else "no"
    if meeting.online_url:
        entry["conference_url"] = meeting.online_url
        if meeting.online_notes:
            entry["conference_url_notes"] = meeting.online_notes
    if meeting.online_phone:
        entry["conference_phone"] = meeting.online_phone
        if meeting.online_notes and not meeting.online_url:
            entry["conference_phone_notes"] = meeting.online_notes
    entry["types"] = meeting_types(group)
    if group.description:
        entry["notes"] = group.description
    entry["group"] = group.name
    entry["updated"] = _utc_text(group.updated_at)
    entry["url"] = f"{base_url}/groups/{group.slug}"
    entry["feedback_url"] = f"{base_url}/groups/{group.slug}/report"
    return entry


def meeting_guide_feed(
    session: Session, *, base_url: str, today: date | None = None
) -> list[dict[str, Any]]:
    """Every weekly meeting of every active group as Meeting Guide entries, by group slug.

    With `today`, meetings whose last date (ends_on) is before it are left out.
    """
    base_url = base_url.rstrip("/")
    groups = session.exec(
        select(Group)
        .where(Group.status == "active")
        .options(selectinload(Group.meetings).selectinload(Meeting.location))
        .order_by(Group.slug)
    ).all()
    entries: list[dict[str, Any]] = []
    taken: set[str] = set()
    for group in groups:
        for meeting in group.meetings:
            if meeting.recurrence != "weekly":
                continue
            if today is not None and meeting.ends_on is not None and meeting.ends_on < today:
                continue
            slug = meeting_slug(group.slug, meeting, taken)
            entries.append(meeting_entry(group, meeting, slug=slug, base_url=base_url))
    return entries
