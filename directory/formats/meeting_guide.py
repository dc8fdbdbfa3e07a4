"""The Meeting Guide JSON feed (code4recovery spec), read into listings.

A feed is a JSON array with one object per meeting. Entries are grouped into listings by
their `group` name (or, for a feed we exported, by the group slug in `url`); group-level
fields come from a group's first entry, and each meeting keeps its own attendance: an entry
with an address and a conference link is hybrid, one with only a link or phone is online.
The format has no topic, approach or cost: the caller supplies them. Type codes we do not
model are kept, by label, at the end of the description.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from directory import taxonomy
from directory.feeds.meeting_guide import (
    ACCESS_TYPES,
    AUDIENCE_TYPES,
    LANGUAGE_TYPES,
    OTHER_TYPE_LABELS,
    TYPES_NOTE_PREFIX,
    WELCOME_TYPES,
)
from directory.formats.csv import listing_data
from directory.i18n.problems import Problem
from directory.listings.fields import (
    MAX_LENGTHS,
    FieldError,
    normal_time_text,
    parse_codes,
    parse_timezone,
)
from directory.listings.report import LocatedListing, RowError
from directory.listings.schema import (
    AppointmentIn,
    effective_format,
    listing_errors,
    validate_listing,
)

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
_CLOCK_RE = re.compile(r"^\d{1,2}:\d{2}$")
_UPDATED_RE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?")

_TEXT_FIELDS = (
    "name", "slug", "time", "end_time", "timezone", "formatted_address", "address", "city",
    "state", "postal_code", "country", "location", "conference_url", "conference_url_notes",
    "conference_phone", "conference_phone_notes", "notes", "group", "url", "location_notes",
    "region", "sub_region", "attendance_option", "updated",
)
_TEXT_FIELD_SET = frozenset(_TEXT_FIELDS)
ATTENDANCE_OPTIONS = {"in_person": "in-person", "online": "online", "hybrid": "hybrid",
                      "inactive": "inactive"}


# Bump when the reader or the listing schema changes what an entry becomes: a sync skips
# an entry whose raw hash (which includes this and the code digest below) is unchanged.
PARSER_VERSION = "meeting-guide/2"


def _code_digest() -> str:
    """A digest of the code that turns an entry into a listing (this reader, the listing
    schema and its field parsers): a changed parser invalidates every stored hash."""
    from directory.formats import csv as csv_module
    from directory.listings import fields, schema

    digest = hashlib.sha256(PARSER_VERSION.encode())
    for module in (sys.modules[__name__], csv_module, fields, schema):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:  # no source file (a frozen install): the version alone counts
            pass
    return digest.hexdigest()


_CODE_DIGEST: str | None = None


def parser_digest() -> str:
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        _CODE_DIGEST = _code_digest()
    return _CODE_DIGEST


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused for a bulk read or write (as it was after).
    Reading a feed allocates hundreds of thousands of objects that
    reference counting frees by itself; collecting as they pile up took a third of a
    50,000-entry parse."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _said(exc: Exception) -> str:
    """An error's message, a Problem kept as one (str(exc) would make it plain text)."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)


class _Located(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message




def slugify(text: str) -> str:
    """Lowercase ASCII letters and digits joined by single hyphens, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[: MAX_LENGTHS["group_slug"]].rstrip("-")


_DAY_NAMES: dict[str, int] = {
    name: i for i, names in enumerate((
        ("sunday", "sun"), ("monday", "mon"), ("tuesday", "tue", "tues"),
        ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"), ("friday", "fri"),
        ("saturday", "sat"))) for name in names
}


def _day_numbers(value: Any, warn: Any = None) -> list[int]:
    """`day` as the spec gives it (0–6 or an array of them); day names are read too, with a
    warning (TSML sheets write them)."""
    values = value if isinstance(value, list) else [value]
    if not values:
        raise FieldError(Problem("mg-no-day"))
    days: list[int] = []
    for v in values:
        if isinstance(v, str) and v.strip().isdigit():
            v = int(v.strip())
        elif isinstance(v, str) and v.strip().lower() in _DAY_NAMES:
            name = v.strip()
            v = _DAY_NAMES[name.lower()]
            if warn is not None:
                warn(Problem("day-read-as", value=name, day=v))
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 6:
            raise FieldError(Problem("mg-not-a-day", value=repr(v)))
        days.append(v)
    return days


def _number_text(value: Any, name: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Located(name, Problem("mg-not-number"))
    return str(value)


def _country_code(value: str) -> str:
    return _COUNTRY_NAMES.get(value.strip().upper(), value.strip())


def _time_text(value: str) -> str:
    match = _TIME_WITH_SECONDS_RE.match(value)
    return match.group(1) if match else value


def _type_codes(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # TSML sheets and some feeds: "O, T, LGBTQ"
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Located("types", Problem("mg-types"))
    codes: list[str] = []
    for v in value:
        if v.strip() and v.strip() not in codes:
            codes.append(v.strip())
    return codes


_REVERSE_WELCOME = {v: k for k, v in WELCOME_TYPES.items()}
_REVERSE_AUDIENCE = {v: k for k, v in AUDIENCE_TYPES.items()}
_REVERSE_ACCESS = {v: k for k, v in ACCESS_TYPES.items()}
_REVERSE_LANGUAGE = {v: k for k, v in LANGUAGE_TYPES.items()}
_KNOWN_TYPES = set(_REVERSE_WELCOME) | set(_REVERSE_AUDIENCE) | set(_REVERSE_ACCESS) \
    | set(_REVERSE_LANGUAGE) | {"A"}


def _group_row(
    entry: dict[str, Any], types: list[str], *, topic: str, approach: str | None, cost: str
) -> dict[str, str]:
    reverse_welcome = _REVERSE_WELCOME
    reverse_audience = _REVERSE_AUDIENCE
    reverse_access = _REVERSE_ACCESS
    reverse_language = _REVERSE_LANGUAGE
    welcome = next((reverse_welcome[t] for t in types if t in reverse_welcome), "")
    audience = [reverse_audience[t] for t in types if t in reverse_audience]
    access = [reverse_access[t] for t in types if t in reverse_access]
    languages = [reverse_language[t] for t in types if t in reverse_language]
    if not approach and "A" in types:
        approach = "secular"
    other = [OTHER_TYPE_LABELS.get(t, t) for t in types if t not in _KNOWN_TYPES]
    description = (entry.get("notes") or "").strip()
    if other:
        note = TYPES_NOTE_PREFIX + ", ".join(other) + "."
        description = f"{description}\n\n{note}" if description else note
    return {
        "group_name": (entry.get("group") or entry.get("name") or "").strip(),
        "description": description,
        "topics": topic,
        "approach": approach or "",
        "cost": cost,
        "languages": ";".join(languages),
        "audience": ";".join(audience),
        "access": ";".join(access),
        "welcome": welcome,
    }


def _meeting_row(entry: dict[str, Any], day: int) -> dict[str, str]:
    address = (entry.get("address") or "").strip()
    city = (entry.get("city") or "").strip()
    formatted = (entry.get("formatted_address") or "").strip()
    if not address and not city and formatted:
        address = formatted
    return {
        "weekday": taxonomy.WEEKDAYS[(day + 6) % 7],
        "start_time": _time_text((entry.get("time") or "").strip()),
        "end_time": _time_text((entry.get("end_time") or "").strip()),
        "timezone": (entry.get("timezone") or "").strip(),
        "location_name": (entry.get("location") or "").strip(),
        "address": address,
        "city": city,
        "region": (entry.get("state") or "").strip(),
        "postal_code": (entry.get("postal_code") or "").strip(),
        "country": _country_code(entry.get("country") or ""),
        "latitude": _number_text(entry.get("latitude"), "latitude"),
        "longitude": _number_text(entry.get("longitude"), "longitude"),
        "online_url": (entry.get("conference_url") or "").strip(),
        "online_phone": (entry.get("conference_phone") or "").strip(),
        "online_notes": (
            entry.get("conference_url_notes") or entry.get("conference_phone_notes") or ""
        ).strip(),
    }


def _entry_attendance(entry: dict[str, Any], row: dict[str, str]) -> str:
    """An entry's own attendance: the spec's attendance_option, else what it gives."""
    option = entry.get("attendance_option")
    if isinstance(option, str) and option.strip().lower() in ATTENDANCE_OPTIONS:
        return ATTENDANCE_OPTIONS[option.strip().lower()]
    has_place = any(row[c] for c in ("address", "city", "postal_code", "latitude"))
    has_online = bool(row["online_url"] or row["online_phone"])
    if has_place:
        return "hybrid" if has_online else "in-person"
    return "online"


def _group_format(attendances: list[str], rows: list[dict[str, str]]) -> str:
    """The listing's format from its meetings' attendance (phone-only groups are phone)."""
    live = [a for a in attendances if a != "inactive"] or attendances
    if set(live) == {"online"} and all(r["online_phone"] and not r["online_url"] for r in rows):
        return "phone"
    if set(live) == {"online"}:
        return "online"
    if set(live) == {"in-person"}:
        return "in-person"
    return effective_format("hybrid", live)


def _group_key(entry: dict[str, Any], slug: str,
               slugs_of: dict[str, str] | None = None) -> str:
    match = _URL_SLUG_RE.search(entry.get("url") or "")
    if match and len(match.group(1)) <= MAX_LENGTHS["group_slug"]:
        return match.group(1)
    name = entry.get("group") or ""
    if slugs_of is None:
        return slugify(name) or slugify(slug)
    named = slugs_of.get(name)
    if named is None:
        named = slugs_of[name] = slugify(name)
    return named or slugify(slug)


def _validate_options(
    topic: str | None, approach: str | None, cost: str | None, error: Any
) -> tuple[str, str | None, str]:
    topics = ""
    if not (topic or "").strip():
        error(None, "topic", Problem("mg-topic-required"))
    else:
        try:
            topics = ";".join(parse_codes(topic or "", taxonomy.TOPICS, "topic"))
        except FieldError as exc:
            error(None, "topic", str(exc))
    if approach and approach not in taxonomy.APPROACHES:
        error(None, "approach", f"unknown approach code '{approach}' "
              f"(use one of: {', '.join(taxonomy.APPROACHES)})")
    cost = cost or "free"
    if cost not in ("free", "donation"):
        # Fee groups need an amount, which the format cannot carry.
        error(None, "cost", Problem("mg-cost", value=cost))
    return topics, approach or None, cost


def _updated_day(value: Any) -> date | None:
    """The spec's `updated` ("YYYY-MM-DD HH:MM:SS", UTC) as a date; None when unreadable."""
    if not isinstance(value, str) or not _UPDATED_RE.match(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _regions(entry: dict[str, Any]) -> list[str]:
    value = entry.get("regions")
    if isinstance(value, list):
        return [str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()]
    if isinstance(value, str) and value.strip():
        return [v.strip() for v in value.split(">") if v.strip()]
    return [str(entry[k]).strip() for k in ("region", "sub_region")
            if isinstance(entry.get(k), str) and entry[k].strip()]


def _approximate(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "true", "false"):
        return value.strip().lower() in ("yes", "true")
    return None


def _meeting_extras(entry: dict[str, Any], slug: str, types: list[str]) -> dict[str, Any]:
    """What the source keeps per meeting, as MeetingIn fields."""
    return {
        "name": (entry.get("name") or "").strip(),
        "notes": (entry.get("notes") or "").strip(),
        "location_notes": (entry.get("location_notes") or "").strip()
        if isinstance(entry.get("location_notes"), str) else "",
        "source_slug": slug,
        "source_types": types,
        "regions": _regions(entry),
    }


def _first_format(attendance: str, row: dict[str, str]) -> str:
    """A group's format from its first entry (used when it has no scheduled meeting)."""
    return {"in-person": "in-person", "hybrid": "hybrid"}.get(
        attendance, "phone" if row["online_phone"] and not row["online_url"] else "online")


def _appointment(entry: dict[str, Any], row: dict[str, str], slug: str, types: list[str]
                 ) -> tuple[dict[str, Any] | None, tuple[str | None, str]]:
    """A by-appointment entry (no `day`) as AppointmentIn data, checked on its own;
    (None, (field, reason)) when it is invalid."""
    approximate = _approximate(entry.get("approximate"))
    place = {"name": row["location_name"], "address": row["address"], "city": row["city"],
             "region": row["region"], "postal_code": row["postal_code"],
             "country": row["country"], "latitude": row["latitude"] or None,
             "longitude": row["longitude"] or None}
    if approximate is not None:
        place["approximate"] = approximate
    data = dict(_meeting_extras(entry, slug, types), timezone=row["timezone"] or None,
                attendance=row["attendance"], place=place,
                online={"url": row["online_url"], "phone": row["online_phone"],
                        "notes": row["online_notes"]})
    try:
        checked = AppointmentIn.model_validate(
            {k: (v or None) if isinstance(v, str) else v for k, v in data.items()})
    except ValidationError as exc:
        path, message = listing_errors(exc)[0]
        name = str(path[-1]) if path else None
        return None, (_FIELD_NAMES.get(name, name) if name else None, message)
    return checked.model_dump(mode="json", exclude_defaults=True), (None, "")


def _validate_group(key: str, group: dict[str, Any], source_name: str | None,
                    alone: bool = False) -> tuple[Any, list[tuple[tuple, str]]]:
    rows = [dict(group["row"], **r) for r in group["rows"]]
    fmt = _group_format([r["attendance"] for r in rows], rows) if rows else group["format"]
    for row in rows:
        row["format"] = fmt
    data = listing_data(rows or [dict(group["row"], format=fmt)], group.get("slug") or key)
    if not rows:
        data["meetings"] = []
        note = "By appointment: contact the group for times."
        data["description"] = (f"{data['description']}\n\n{note}" if data["description"]
                               else note)
    else:
        for meeting, extras in zip(data["meetings"], group["extras"], strict=True):
            meeting.update(extras)
    data["appointments"] = group["appointment_data"]
    data["source_id"] = key
    data["source"] = source_name or ""
    if alone:  # one meeting checked on its own: "all meetings closed" is not its fault
        data["status"] = "paused"
    days = [d for d in group["updated"] if d is not None]
    if days:
        data["last_verified"] = max(days).isoformat()
    listing, problems = validate_listing(data)
    if listing is not None:
        for meeting, approximate in zip(listing.meetings, group["approximate"], strict=False):
            if approximate is not None and meeting.place is not None:
                meeting.place.approximate = approximate
    return listing, problems


def _with_paused_gc(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with paused_gc():
            return function(*args, **kwargs)
    return wrapper


@_with_paused_gc
def parse_feed(
    data: str | bytes | list[Any] | Any,
    *,
    filename: str,
    topic: str | None = None,
    approach: str | None = None,
    cost: str | None = None,
    timezone: str | None = None,
    country: str | None = None,
    source: str | None = None,
    skip_invalid: bool = False,
    warnings: list[str] | None = None,
    present: set[str] | None = None,
    known: dict[str, str] | None = None,
    hashes: dict[str, str] | None = None,
    unchanged: set[str] | None = None,
) -> tuple[list[LocatedListing], list[RowError]]:
    """Validate a whole Meeting Guide feed into listings; returns (listings, errors).

    `topic` (one or more codes separated by ";") is required, `approach` optional and
    `cost` free (default) or donation: the format carries none of them. `timezone` and
    `country` are the feed-wide defaults for entries that give none; `source` names where
    the listings came from.

    All or nothing by default: any error returns no listings. With `skip_invalid`, an entry
    that is invalid is reported (entry, field, reason) and left out, and the rest is
    returned. Lenient readings (12-hour times, day names) add to `warnings`. `present`
    receives the source id (group key) of every entry with a usable slug, valid or not.

    For a sync: `hashes` receives, per source id, a hash of its raw entries (canonical
    JSON, with the parser's digest and the options), for the source ids read without an
    error; a source id whose hash equals `known[source id]` is not validated at all and is
    added to `unchanged` instead of being returned (it is what the last sync stored).
    """
    errors: list[RowError] = []
    notes = warnings if warnings is not None else []

    def error(entry_no: int | None, field_name: str | None, message: str) -> None:
        errors.append(RowError(filename, entry_no, field_name, message, "entry"))

    topics, approach, cost = _validate_options(topic, approach, cost, error)
    if timezone:
        try:
            parse_timezone(timezone)
        except FieldError as exc:
            error(None, "timezone", Problem("mg-default-zone", message=_said(exc)))
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            error(None, None, Problem("not-json", detail=exc))
            return [], errors
    if not isinstance(data, list):
        error(None, None, Problem("mg-not-array", kind=type(data).__name__))
        return [], errors
    if errors:
        return [], errors
    if not data:
        error(None, None, Problem("mg-no-meetings"))
        return [], errors

    entry_keys: list[tuple[str, str] | None] | None = None
    skip: set[str] = set()
    if hashes is not None:
        seed = json.dumps([parser_digest(), topics, approach, cost, timezone, country,
                           source, filename])
        entry_keys, digests = _raw_hashes(data, seed)
        hashes.update(digests)
        skip = {key for key, digest in digests.items()
                if known is not None and known.get(key) == digest}
        if unchanged is not None:
            unchanged.update(skip)

    groups: dict[str, dict[str, Any]] = {}
    slugs: dict[str, int] = {}
    labels: dict[int, str] = {}
    name_slugs: dict[str, str] = {}
    for number, entry in enumerate(data, start=1):
        if skip and entry_keys is not None and entry_keys[number - 1] is not None \
                and entry_keys[number - 1][0] in skip:  # type: ignore[index]
            # Unchanged since the last sync (which read it without an error): not read.
            key, slug = entry_keys[number - 1]  # type: ignore[misc]
            slugs[slug] = number
            if present is not None:
                present.add(key)
            continue
        if not isinstance(entry, dict):
            error(number, None, Problem("mg-not-object", kind=type(entry).__name__))
            continue
        raw_slug = entry.get("slug")
        if isinstance(raw_slug, int) and not isinstance(raw_slug, bool):
            raw_slug = str(raw_slug)  # the spec allows integer slugs
            entry = dict(entry, slug=raw_slug)
        for numeric in ("postal_code",):  # numeric postal codes (US ZIP codes as numbers)
            value = entry.get(numeric)
            if isinstance(value, int) and not isinstance(value, bool):
                entry = dict(entry, **{numeric: str(value)})
        label = f"'{raw_slug[:80]}'" if isinstance(raw_slug, str) and raw_slug \
            else f"#{number}"
        bad_field = None
        if not all(v is None or v.__class__ is str for k, v in entry.items()
                   if k in _TEXT_FIELD_SET):
            bad_field = next((f for f in _TEXT_FIELDS if entry.get(f) is not None
                              and not isinstance(entry[f], str)), None)
        if bad_field is not None:
            error(number, bad_field, Problem("meeting", label=label,
                                             message=Problem("mg-not-string")))
            continue
        slug = (raw_slug or "").strip()
        if not slug:
            error(number, "slug", Problem("mg-slug-required"))
            continue
        if len(slug) > MAX_LENGTHS["source_slug"]:
            error(number, "slug", Problem("meeting", label=label, message=Problem(
                "too-long", length=len(slug), limit=MAX_LENGTHS["source_slug"])))
            continue
        if slug in slugs:
            error(number, "slug", Problem("duplicate-slug-entry", slug=slug, entry=slugs[slug]))
            continue
        slugs[slug] = number
        labels[number] = label
        hinted = entry.get("_source_key")
        key = hinted if isinstance(hinted, str) and hinted else _group_key(
            entry, slug, slugs_of=name_slugs)
        if present is not None:
            present.add(key)
        if not (entry.get("name") or "").strip():
            error(number, "name", Problem("meeting", label=label, message=Problem("required")))
            continue

        def warn(message: str, number: int = number, label: str = label) -> None:
            notes.append(Problem("entry-warning", file=filename, entry=number, label=label,
                                 message=message))

        appointment = entry.get("day") in (None, "", [])
        days: list[int] = []
        if not appointment:
            try:
                days = _day_numbers(entry["day"], warn)
            except FieldError as exc:
                error(number, "day", Problem("meeting", label=label, message=_said(exc)))
                continue
        try:
            types = _type_codes(entry.get("types"))
            meeting_row = _meeting_row(entry, days[0] if days else 0)
        except _Located as exc:
            error(number, exc.field, Problem("meeting", label=label, message=exc.message))
            continue
        clock = meeting_row["start_time"]
        if clock and not _CLOCK_RE.match(clock):
            normal = normal_time_text(clock)
            if normal != clock and _CLOCK_RE.match(normal):
                warn(Problem("time-read-as", value=clock, normal=normal))
                meeting_row["start_time"] = normal
        end = meeting_row["end_time"]
        if end and not _CLOCK_RE.match(end):
            normal = normal_time_text(end)
            if normal != end and _CLOCK_RE.match(normal):
                warn(Problem("end-time-read-as", value=end, normal=normal))
                meeting_row["end_time"] = normal
        attendance = _entry_attendance(entry, meeting_row)
        if "TC" in types and attendance == "in-person":
            attendance = "inactive"  # location temporarily closed
        meeting_row["attendance"] = attendance
        if not meeting_row["timezone"] and timezone:
            meeting_row["timezone"] = timezone
        if not meeting_row["country"] and country and any(
                meeting_row[c] for c in ("address", "city", "postal_code", "latitude")):
            meeting_row["country"] = country
        group = groups.get(key)
        if group is None:
            hint = entry.get("_slug")
            group = {"slug": hint if isinstance(hint, str) else None,
                     "row": _group_row(entry, types, topic=topics, approach=approach,
                                       cost=cost),
                     "rows": [], "lines": [], "extras": [], "approximate": [], "updated": [],
                     "appointments": [], "appointment_data": [],
                     "from_appointment": appointment, "first": number, "label": label,
                     "format": _first_format(attendance, meeting_row)}
            groups[key] = group
        if appointment:
            try:
                parse_timezone(meeting_row["timezone"] or None)
            except FieldError as exc:
                error(number, "timezone", Problem("meeting", label=label, message=_said(exc)))
                continue
            kept, problem = _appointment(entry, meeting_row, slug, types)
            if kept is None:
                error(number, problem[0], Problem("meeting", label=label, message=problem[1]))
                continue
            group["updated"].append(_updated_day(entry.get("updated")))
            group["appointments"].append(number)
            group["appointment_data"].append(kept)
            continue
        group["updated"].append(_updated_day(entry.get("updated")))
        if group["from_appointment"]:
            # Group-level fields come from the first scheduled entry, wherever the
            # by-appointment ones stand: our own feed lists them after the schedule.
            group["row"] = _group_row(entry, types, topic=topics, approach=approach,
                                      cost=cost)
            group["format"] = _first_format(attendance, meeting_row)
            group["from_appointment"] = False
        extras = _meeting_extras(entry, slug, types)
        for day in days:
            group["rows"].append(dict(meeting_row, weekday=taxonomy.WEEKDAYS[(day + 6) % 7]))
            group["lines"].append(number)
            group["extras"].append(extras)
            group["approximate"].append(_approximate(entry.get("approximate")))

    listings: list[LocatedListing] = []
    for key, group in groups.items():
        if not group["rows"] and not group["appointments"]:
            continue  # its only entry was invalid
        if group["appointments"] and group["rows"]:
            for number in group["appointments"]:
                notes.append(Problem("entry-warning", file=filename, entry=number,
                                     label=labels[number],
                                     message=Problem("mg-appointment-beside")))
        elif group["appointments"]:
            notes.append(Problem("entry-warning", file=filename, entry=group["first"],
                                 label=group["label"], message=Problem("mg-appointment-alone")))
        listing, problems = _validate_group(key, group, source)
        if listing is None and skip_invalid and len(group["rows"]) > 1:
            # Keep the group's good meetings: drop each meeting that is invalid on its own.
            keep = []
            for i in range(len(group["rows"])):
                alone = _subgroup(group, [i])
                _, alone_problems = _validate_group(key, alone, source, alone=True)
                if alone_problems:
                    _report(error, alone, alone_problems, labels)
                else:
                    keep.append(i)
            if not keep:
                continue
            group = _subgroup(group, keep)
            listing, problems = _validate_group(key, group, source)
        if listing is None:
            _report(error, group, problems, labels)
            continue
        listings.append(LocatedListing(listing, group["first"], group["lines"], "entry"))
    errors = list(dict.fromkeys(errors))  # an entry on several days is reported once
    if hashes is not None and entry_keys is not None:
        # A source id with an invalid entry is read again next time (and reported again).
        for err in errors:
            if err.line is None:
                hashes.clear()
                break
            if 0 < err.line <= len(entry_keys) and entry_keys[err.line - 1] is not None:
                hashes.pop(entry_keys[err.line - 1][0], None)  # type: ignore[index]
    if errors and not skip_invalid:
        return [], errors
    return listings, errors


def _raw_hashes(data: list[Any], seed: str
                ) -> tuple[list[tuple[str, str] | None], dict[str, str]]:
    """Per entry its (source id, slug) as the reader will find them (None when it cannot
    tell), and per source id a hash of its entries' canonical JSON, in feed order. A
    source id with an entry whose slug another entry has too gets no hash (which of the
    two is kept depends on the rest of the feed)."""
    keys: list[tuple[str, str] | None] = []
    parts: dict[str, list[str]] = {}
    seen: set[str] = set()
    spoiled: set[str] = set()
    dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                             allow_nan=True).encode
    group_keys: dict[str, str] = {}  # group name → its slug (a group repeats its name)
    for entry in data:
        if not isinstance(entry, dict):
            keys.append(None)
            continue
        raw_slug = entry.get("slug")
        if isinstance(raw_slug, int) and not isinstance(raw_slug, bool):
            raw_slug = str(raw_slug)
        hinted = entry.get("_source_key")
        try:
            slug = raw_slug.strip() if isinstance(raw_slug, str) else ""
            if isinstance(hinted, str) and hinted:
                key = hinted
            else:
                key = _group_key(entry, slug, slugs_of=group_keys)
            text = dumps(entry)
        except (TypeError, ValueError, AttributeError):
            keys.append(None)
            continue
        keys.append((key, slug))
        parts.setdefault(key, []).append(text)
        if not slug or slug in seen:
            spoiled.add(key)
        seen.add(slug)
    digests = {key: hashlib.sha256("\n".join([seed, *texts]).encode()).hexdigest()
               for key, texts in parts.items() if key not in spoiled}
    return keys, digests


def _subgroup(group: dict[str, Any], indexes: list[int]) -> dict[str, Any]:
    out = dict(group)
    for name in ("rows", "lines", "extras", "approximate"):
        out[name] = [group[name][i] for i in indexes]
    out["first"] = out["lines"][0] if out["lines"] else group["first"]
    return out


def _report(error: Any, group: dict[str, Any], problems: list[tuple[tuple, str]],
            labels: dict[int, str]) -> None:
    for path, message in problems:
        index = path[1] if path[0] == "meetings" and len(path) > 2 else 0
        number = group["lines"][index] if index < len(group["lines"]) else group["first"]
        name = str(path[2]) if path[0] == "meetings" and len(path) > 2 else str(path[0])
        name = {"group_name": "group_name", "fee_amount": "cost"}.get(name, name)
        error(number, _FIELD_NAMES.get(name, name),
              Problem("meeting", label=labels.get(number, f"#{number}"), message=message))
