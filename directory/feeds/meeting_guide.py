"""The Meeting Guide JSON feed (code4recovery spec): our export of weekly meetings.

The feed is a JSON array with one object per meeting. It is weekly-only, so monthly
meetings are left out of the export; meetings by appointment (kept from a feed's entries
with no `day`) are published without `day` and `time`, as the spec has them. Our
vocabularies map to the type codes of the spec's types.json; only codes that exist there
are used (there is no "online" code: an online meeting is one with a conference_url or
conference_phone).

Reading a feed is `directory/formats/meeting_guide.py` (text -> listings), which shares the
type-code tables below.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from directory import taxonomy
from directory.models import Group, Location, Meeting
from places import normalise_name
from places.model import GAZETTEER_DIR

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

# --- export --------------------------------------------------------------------------------
#
# Every entry follows the spec's rules (code4recovery/spec README) and what TSML UI's
# load-meeting-data and the 12 Step Meeting List plugin do with them:
# - `slug`: "<group slug>-<day>-<HHMM>" (e.g. "eastside-family-circle-tue-1900"). It depends
#   only on the group and the meeting's own weekday and start time, so adding, removing or
#   reordering other meetings never changes it, and it survives re-imports and database moves
#   (meeting rows are rewritten on every edit, so their database ids would not). Two meetings
#   of one group at the same day and time (at two places) are told apart by a short hash of the
#   meeting's own place or join link (the one whose hash is smallest keeps the plain slug),
#   never by a counter that depends on the order of the meetings.
#   Moving a meeting to another day or time gives it a new slug: it is another meeting slot.
# - `attendance_option` ("in_person", "online", "hybrid", "inactive"), from
#   attendance_option_of(); an inactive (temporarily closed) meeting also gets the `TC` type.
# - Online meetings carry an approximate location, as the spec asks ("Meeting Guide selects
#   meetings that are nearby - even if that meeting is online"): a city that implies the
#   meeting's time zone, with `approximate: "yes"` and no venue or coordinates. The city is, in
#   order: the group's own in-person meeting place in that zone, the city where the group's
#   organization holds most in-person meetings in that zone, or the zone's principal city from
#   the gazetteer (America/Chicago → Chicago, IL, US). A meeting for which none can be found (a
#   zone without cities, such as UTC) is left out: consumers would drop it anyway.
# - In-person and hybrid entries have a street address (`approximate: "no"`), as the spec
#   requires; coordinates are published only when they are the venue's own, not a geocoded
#   postcode or town centre (TSML UI would put a pin there). A hybrid meeting known only by its
#   town is published as online from that town; an in-person one is left out (there is no
#   address to send anyone to, and apps would show it as inactive).
# - `conference_phone` is in the spec's dialable form: digits, a leading "+", and "," "*" "#"
#   for one-tap links; a numeric access code or meeting ID in the join notes is appended
#   ("+16135550160,,1275#").

ATTENDANCE_OPTIONS: dict[str, str] = {
    "in-person": "in_person",
    "hybrid": "hybrid",
    "online": "online",
    "phone": "online",
    "inactive": "inactive",
}
TEMPORARILY_CLOSED_TYPE = "TC"
_HASH_SUFFIX_CHARS = 6
# A code a caller can dial: "Access code 1275#", "PIN: 4242", "Meeting ID 717 7182 8957".
_MEETING_ID_RE = re.compile(r"\bmeeting\s*(?:id|number)\s*[:#]?\s*(\d[\d \-]{4,18}\d)", re.I)
_PIN_RE = re.compile(
    r"\b(?:access\s*code|pin|participant\s*code|conference\s*code|phone\s*passcode|passcode|"
    r"password)\s*[:#]?\s*(\d[\d \-]{1,14}\d)\b", re.I)
_DIALABLE_RE = re.compile(r"[^\d+,*#]")


def attendance_option_of(fmt: str) -> str:
    """The spec's `attendance_option` for one of our formats or attendance values.

    "in-person" → "in_person", "hybrid" → "hybrid", "online" and "phone" → "online",
    "inactive" (temporarily closed) → "inactive". Raises ValueError for anything else.
    """
    try:
        return ATTENDANCE_OPTIONS[fmt]
    except KeyError:
        raise ValueError(f"unknown format or attendance '{fmt}'") from None


def meeting_attendance(group: Group, meeting: Meeting) -> str:
    """How one meeting is attended, from the group's format and what the meeting has.

    A meeting's own attendance wins; otherwise a hybrid group's meeting without a join link
    is in person, one without a place online.
    """
    if meeting.attendance:
        return meeting.attendance
    has_place = meeting.location is not None
    has_join = bool(meeting.online_url or meeting.online_phone)
    if group.format == "hybrid":
        if has_place and not has_join:
            return "in-person"
        if has_join and not has_place:
            return "online" if meeting.online_url else "phone"
    return group.format


def conference_phone_of(phone: str | None, notes: str | None = None) -> str | None:
    """A dial-in number in the spec's one-tap form, or None without a number.

    Keeps digits, a leading "+" and "," "*" "#"; a number already in one-tap form is kept as
    it is; otherwise a numeric meeting ID and/or access code found in `notes` is appended.
    """
    if not phone or not phone.strip():
        return None
    raw = phone.strip()
    dial = ("+" if raw.startswith("+") else "") + _DIALABLE_RE.sub("", raw).replace("+", "")
    if not any(ch.isdigit() for ch in dial):
        return None
    if any(ch in dial for ch in ",*#"):
        return dial
    meeting_id = _MEETING_ID_RE.search(notes or "")
    pin = _PIN_RE.search(notes or "")
    digits = [re.sub(r"\D", "", m.group(1)) if m else None for m in (meeting_id, pin)]
    if digits[0] and digits[1]:
        return f"{dial},,{digits[0]}#,,,,*{digits[1]}#"
    if digits[0] or digits[1]:
        return f"{dial},,{digits[0] or digits[1]}#"
    return dial


@dataclass(frozen=True)
class ApproximatePlace:
    """A town that stands for an online meeting's point of origin."""

    city: str
    region: str | None
    country: str | None

    @property
    def formatted(self) -> str:
        return ", ".join(p for p in (self.city, self.region, self.country) if p)


# Region codes that people write in addresses; elsewhere the region's name reads better.
_REGION_CODE_COUNTRIES = ("US", "CA", "AU")
_zone_cities: dict[str, ApproximatePlace] | None = None
_zone_cities_lock = threading.Lock()


def _gazetteer_rows(name: str):

    with gzip.open(GAZETTEER_DIR / name, "rt", encoding="utf-8", newline="\n") as handle:
        next(handle, None)  # header
        for line in handle:
            if line.strip():
                yield line.rstrip("\n").split("\t")


def _build_zone_cities() -> dict[str, ApproximatePlace]:
    """Each time zone's principal city: the city it is named after, else its most populous.

    One pass over the gazetteer's place list (not the whole geocoding index, which takes
    seconds to build): a fraction of a second, once per process.
    """

    named_after: dict[str, str] = {}
    best: dict[str, tuple[tuple[bool, int], str, str, str]] = {}
    for name, key, country, region, _lat, _lon, population, zone in _gazetteer_rows(
            "places.tsv.gz"):
        if not zone or population in ("", "0"):
            continue
        if zone not in named_after:
            named_after[zone] = normalise_name(zone.rsplit("/", 1)[-1].replace("_", " "))
        rank = (key == named_after[zone], int(population))
        if zone not in best or rank > best[zone][0]:
            best[zone] = (rank, name, country, region)
    region_names = {(row[0], row[1]): row[2] for row in _gazetteer_rows("regions.tsv.gz")}
    table = {}
    for zone, (_rank, name, country, code) in best.items():
        region = code if country in _REGION_CODE_COUNTRIES else region_names.get(
            (country, code), code)
        table[zone] = ApproximatePlace(name, region or None, country or None)
    return table


def zone_principal_city(zone: str) -> ApproximatePlace | None:
    """The city a time zone is named after (or its most populous city), from the gazetteer;
    None for a zone without cities (UTC, Etc/GMT+5)."""
    global _zone_cities
    if _zone_cities is None:
        with _zone_cities_lock:
            if _zone_cities is None:
                _zone_cities = _build_zone_cities()
    return _zone_cities.get(zone)


def _city_of(loc: Location | None) -> ApproximatePlace | None:
    if loc is None or not loc.city:
        return None
    return ApproximatePlace(loc.city, loc.region, loc.country)


def organization_cities(session: Session) -> dict[tuple[int, str], ApproximatePlace]:
    """(organization id, time zone) → the city of most of its active in-person meetings there."""
    rows = session.execute(
        sa_select(Group.organization_id, Meeting.timezone, Location.city, Location.region,
                  Location.country, func.count())
        .select_from(Meeting)
        .join(Group, Group.id == Meeting.group_id)
        .join(Location, Location.id == Meeting.location_id)
        .where(Group.status == "active", Group.organization_id.is_not(None),
               Location.city.is_not(None))
        .group_by(Group.organization_id, Meeting.timezone, Location.city, Location.region,
                  Location.country)
    ).all()
    best: dict[tuple[int, str], tuple[int, str, ApproximatePlace]] = {}
    for org_id, zone, city, region, country, count in rows:
        key = (org_id, zone)
        candidate = (count, city, ApproximatePlace(city, region, country))
        held = best.get(key)
        if held is None or (candidate[0], held[1]) > (held[0], candidate[1]):
            best[key] = candidate
    return {key: value[2] for key, value in best.items()}


def approximate_place(
    group: Group, meeting: Meeting, org_cities: dict[tuple[int, str], ApproximatePlace]
) -> ApproximatePlace | None:
    """The approximate point of origin of an online meeting (see the notes above)."""
    for other in group.meetings:
        if other.timezone == meeting.timezone and _city_of(other.location) is not None:
            return _city_of(other.location)
    if group.organization_id is not None:
        found = org_cities.get((group.organization_id, meeting.timezone))
        if found is not None:
            return found
    return zone_principal_city(meeting.timezone)


@dataclass(frozen=True)
class _Place:
    """A by-appointment meeting's place, read like a Location row."""

    name: str | None = None
    address: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    approximate: bool = False


@dataclass(frozen=True)
class Appointment:
    """A by-appointment meeting (Group.appointments) read like a Meeting row: no weekday,
    start or end time, so that its entry has no `day` and no `time`."""

    timezone: str
    attendance: str | None = None
    location: _Place | None = None
    online_url: str | None = None
    online_phone: str | None = None
    online_notes: str | None = None
    name: str | None = None
    notes: str | None = None
    location_notes: str | None = None
    source_slug: str | None = None
    source_types: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    weekday: None = None
    start_time: None = None
    end_time: None = None

    @classmethod
    def of(cls, data: dict[str, Any], zone: str) -> Appointment:
        place = data.get("place") or None
        online = data.get("online") or {}
        return cls(
            timezone=data.get("timezone") or zone, attendance=data.get("attendance"),
            location=_Place(**place) if place else None, online_url=online.get("url"),
            online_phone=online.get("phone"), online_notes=online.get("notes"),
            name=data.get("name"), notes=data.get("notes"),
            location_notes=data.get("location_notes"), source_slug=data.get("source_slug"),
            source_types=tuple(data.get("source_types") or ()),
            regions=tuple(data.get("regions") or ()))


def appointments_of(group: Group) -> list[Appointment]:
    """The group's by-appointment meetings; one without a time zone takes its group's
    (from its first meeting) or UTC."""
    zone = group.meetings[0].timezone if group.meetings else "UTC"
    return [Appointment.of(a, zone) for a in group.appointments or []]


def _place_hash(meeting: Meeting) -> str:
    loc = meeting.location
    parts: tuple[Any, ...] = (meeting.online_url, meeting.online_phone)
    if loc is not None:
        parts += (loc.name, loc.address, loc.city, loc.region, loc.postal_code, loc.country)
    key = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode()).hexdigest()[:_HASH_SUFFIX_CHARS]


def meeting_slug(
    group_slug: str, meeting: Meeting, taken: set[str], *, disambiguate: bool = False
) -> str:
    """A stable, URL-safe slug of at most 64 characters for one meeting of a group.

    "<group slug>-<day>-<HHMM>"; with `disambiguate` (another meeting of the group holds the
    same day and time) a hash of the meeting's own place or join link is appended.
    """
    suffix = f"-{taxonomy.WEEKDAYS[meeting.weekday]}-{meeting.start_time.strftime('%H%M')}"
    if len(group_slug) + len(suffix) > MAX_SLUG_LENGTH - 3:
        # Truncate deterministically, keeping a short hash of the full slug so two long
        # slugs with the same beginning stay distinct.
        digest = hashlib.sha1(group_slug.encode()).hexdigest()[:6]
        keep = MAX_SLUG_LENGTH - 3 - len(suffix) - len(digest) - 1
        group_slug = f"{group_slug[:keep].rstrip('-')}-{digest}"
    slug = f"{group_slug}{suffix}"
    if disambiguate or slug in taken:
        keep = MAX_SLUG_LENGTH - _HASH_SUFFIX_CHARS - 1
        slug = f"{slug[:keep].rstrip('-')}-{_place_hash(meeting)}"
    candidate, n = slug, 2
    while candidate in taken:  # the very same place and time twice: nothing else tells them apart
        candidate = f"{slug[:MAX_SLUG_LENGTH - 3]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def meeting_types(group: Group, attendance: str | None = None) -> list[str]:
    """The Meeting Guide type codes of a group (and `TC` for an inactive meeting), sorted."""
    codes: set[str] = set()
    if group.welcome in WELCOME_TYPES:
        codes.add(WELCOME_TYPES[group.welcome])
    codes.update(AUDIENCE_TYPES[a] for a in group.audience if a in AUDIENCE_TYPES)
    codes.update(ACCESS_TYPES[a] for a in group.access if a in ACCESS_TYPES)
    codes.update(LANGUAGE_TYPES[lang] for lang in group.languages if lang in LANGUAGE_TYPES)
    if group.approach in APPROACH_TYPES:
        codes.add(APPROACH_TYPES[group.approach])
    if attendance == "inactive":
        codes.add(TEMPORARILY_CLOSED_TYPE)
    return sorted(codes)


def _formatted_address(loc: Any) -> str:
    region_line = " ".join(p for p in (loc.region, loc.postal_code) if p)
    return ", ".join(p for p in (loc.address, loc.city, region_line, loc.country) if p)


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def meeting_entry(
    group: Group, meeting: Meeting, *, slug: str, base_url: str,
    attendance: str | None = None, origin: ApproximatePlace | None = None,
) -> dict[str, Any]:
    """One meeting as a Meeting Guide feed entry.

    `attendance` is our format for this meeting (default: meeting_attendance()); `origin` is
    the approximate place published for a meeting that has no place of its own.
    """
    attendance = attendance or meeting_attendance(group, meeting)
    entry: dict[str, Any] = {
        # A meeting keeps the name, notes, types and regions its source gave it.
        "name": meeting.name or group.name,
        "slug": slug,
    }
    if meeting.weekday is not None:  # by appointment: no day and no time (the spec's way)
        entry["day"] = (meeting.weekday + 1) % 7
        entry["time"] = meeting.start_time.strftime("%H:%M")
    if meeting.end_time is not None:
        entry["end_time"] = meeting.end_time.strftime("%H:%M")
    entry["timezone"] = meeting.timezone
    entry["attendance_option"] = attendance_option_of(attendance)
    loc = meeting.location
    if loc is not None and attendance not in ("online", "phone"):
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
        if loc.latitude is not None and loc.longitude is not None and not loc.approximate:
            entry["latitude"] = loc.latitude
            entry["longitude"] = loc.longitude
        entry["approximate"] = "no" if loc.address else "yes"
    elif origin is not None:
        entry["formatted_address"] = origin.formatted
        entry["city"] = origin.city
        if origin.region:
            entry["state"] = origin.region
        if origin.country:
            entry["country"] = origin.country
        entry["approximate"] = "yes"
    if attendance != "inactive":
        if meeting.online_url:
            entry["conference_url"] = meeting.online_url
            if meeting.online_notes:
                entry["conference_url_notes"] = meeting.online_notes
        phone = conference_phone_of(meeting.online_phone, meeting.online_notes)
        if phone:
            entry["conference_phone"] = phone
            if meeting.online_notes:
                entry["conference_phone_notes"] = meeting.online_notes
    if meeting.source_types:  # the source's own codes for this meeting, as it gave them
        types = [t for t in meeting.source_types
                 if t != TEMPORARILY_CLOSED_TYPE or attendance == "inactive"]
        if attendance == "inactive" and TEMPORARILY_CLOSED_TYPE not in types:
            types.append(TEMPORARILY_CLOSED_TYPE)
        entry["types"] = types
    else:
        entry["types"] = meeting_types(group, attendance)
    # A meeting read from a feed has its own notes (the group's description was made from
    # them); any other meeting is described by its group.
    notes = meeting.notes if meeting.source_slug else group.description
    if notes:
        entry["notes"] = notes
    if meeting.location_notes and "location" in entry:
        entry["location_notes"] = meeting.location_notes
    if meeting.regions:
        entry["regions"] = list(meeting.regions)
    entry["group"] = group.name
    # A listing from a source was last updated when the source says (its `updated`, our
    # last-verified date); one entered here when it last changed.
    updated = group.last_verified_at if group.source_name and group.last_verified_at \
        else group.updated_at
    entry["updated"] = _utc_text(updated)
    entry["url"] = f"{base_url}/groups/{group.slug}"
    entry["feedback_url"] = f"{base_url}/groups/{group.slug}/report"
    return entry


def meeting_guide_feed(
    session: Session, *, base_url: str, today: date | None = None
) -> list[dict[str, Any]]:
    """Every weekly meeting of every active group as Meeting Guide entries, by group slug,
    each group's by-appointment meetings (no `day`, no `time`) after its schedule.

    With `today`, meetings whose last date (ends_on) is before it are left out; so are
    in-person meetings without a street address and online ones without an approximate
    place (see the notes above).
    """
    base_url = base_url.rstrip("/")
    groups = session.exec(
        select(Group)
        .where(Group.status == "active")
        .options(selectinload(Group.meetings).selectinload(Meeting.location))
        .order_by(Group.slug)
    ).all()
    org_cities = organization_cities(session)
    entries: list[dict[str, Any]] = []
    taken: set[str] = set()
    for group in groups:
        # Of a group's meetings at one day and time, the one with the smallest place hash has
        # the plain slug: which one does not depend on the meetings' order, nor on others.
        plain: dict[tuple, Meeting] = {}
        for meeting in group.meetings:
            slot = (meeting.weekday, meeting.start_time)
            if slot not in plain or _place_hash(meeting) < _place_hash(plain[slot]):
                plain[slot] = meeting
        # One source entry on several days (`day: [0, 3]`) became one meeting per day:
        # those meetings are published again as that one entry, under its own slug.
        by_own: dict[str, list[dict[str, Any]]] = {}
        for meeting in group.meetings:
            if meeting.recurrence != "weekly":
                continue
            if today is not None and meeting.ends_on is not None and meeting.ends_on < today:
                continue
            how = _how_published(group, meeting, org_cities)
            if how is None:
                continue
            own = meeting.source_slug
            entry = meeting_entry(group, meeting, slug=own or "", base_url=base_url,
                                  attendance=how[0], origin=how[1])
            if own and len(own) <= MAX_SLUG_LENGTH and own not in taken:
                slug = own  # the source's own slug: app favourites keep working
                taken.add(own)
                by_own[own] = [entry]
            elif own and own in by_own and _same_but_day(by_own[own][0], entry):
                by_own[own].append(entry)
                continue
            else:
                slug = meeting_slug(
                    group.slug, meeting, taken,
                    disambiguate=plain[(meeting.weekday, meeting.start_time)] is not meeting)
            entry["slug"] = slug
            entries.append(entry)
        for same in by_own.values():
            if len(same) > 1:
                same[0]["day"] = [e["day"] for e in same]
        # Meetings by appointment: no day or time, as the spec has them (TSML UI lists them
        # at the bottom; the Meeting Guide app leaves them out).
        for appointment in appointments_of(group):
            how = _how_published(group, appointment, org_cities)
            if how is None:
                continue
            entries.append(meeting_entry(
                group, appointment, slug=_appointment_slug(group.slug, appointment, taken),
                base_url=base_url, attendance=how[0], origin=how[1]))
    return entries


def _how_published(group: Group, meeting: Meeting | Appointment,
                   org_cities: dict[tuple[int, str], ApproximatePlace]
                   ) -> tuple[str, ApproximatePlace | None] | None:
    """(attendance, approximate origin) of a meeting's entry; None when it cannot be
    published (see the notes above)."""
    attendance = meeting_attendance(group, meeting)  # type: ignore[arg-type]
    loc = meeting.location
    if attendance in ("in-person", "hybrid") and not (loc is not None and loc.address):
        if attendance == "in-person" or not (meeting.online_url or meeting.online_phone):
            return None  # no street address to send anyone to
        attendance = "online" if meeting.online_url else "phone"
    origin = None
    if attendance in ("online", "phone") or loc is None:
        origin = _city_of(loc) or approximate_place(group, meeting, org_cities)  # type: ignore[arg-type]
        if origin is None:
            return None
    return attendance, origin


def _same_but_day(first: dict[str, Any], other: dict[str, Any]) -> bool:
    return {k: v for k, v in first.items() if k not in ("day", "slug")} == \
        {k: v for k, v in other.items() if k not in ("day", "slug")}


def _appointment_slug(group_slug: str, appointment: Appointment, taken: set[str]) -> str:
    """The source's own slug where it is free, else "<group slug>-appointment[-n]"."""
    own = appointment.source_slug
    if own and len(own) <= MAX_SLUG_LENGTH and own not in taken:
        taken.add(own)
        return own
    base = f"{group_slug[:MAX_SLUG_LENGTH - 16].rstrip('-')}-appointment"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
