"""BMLT semantic JSON (a root server's `GetSearchResults` output), read into listings.

Each BMLT meeting becomes a Meeting Guide entry and goes through the Meeting Guide reader,
so both formats are validated, located and skipped the same way:
`weekday_tinyint` 1–7 is Sunday–Saturday; `start_time` "19:00:00" and `duration_time`
"01:30:00" give the start and end; `location_*` the place; `virtual_meeting_link` and
`phone_meeting_number` the online ways in; `venue_type` 1/2/3 in person/virtual/hybrid;
`formats` the type codes (the common ones mapped to Meeting Guide codes, every one kept as
the meeting's source types); `time_zone` its zone; unpublished meetings (`published` "0")
are left out. BMLT has no groups: each meeting is its own listing, keyed by `id_bigint`.
A root server's `tsml` output is a Meeting Guide feed: use the meeting-guide format for it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from directory.formats.meeting_guide import parse_feed, slugify
from directory.i18n.problems import Problem
from directory.listings.report import LocatedListing, RowError

# BMLT (NA) format codes with a Meeting Guide equivalent.
FORMAT_TO_TYPE: dict[str, str] = {
    "O": "O", "C": "C", "W": "W", "M": "M", "WCHR": "X", "BT": "BE", "B": "BE",
    "Y": "Y", "GL": "LGBTQ", "LGBTQ": "LGBTQ", "SP": "S", "ES": "S", "S": "S", "TC": "TC",
    "VM": "ONL", "CH": "CF", "NS": "NS", "SM": "SM", "D": "D", "ST": "ST", "LIT": "LIT",
}
VENUE_TYPES = {"1": "in_person", "2": "online", "3": "hybrid", "4": "inactive"}
_DURATION_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _end_time(start: str, duration: str) -> str:
    s, d = _TIME_RE.match(start), _DURATION_RE.match(duration)
    if not s or not d:
        return ""
    minutes = int(s.group(1)) * 60 + int(s.group(2)) + int(d.group(1)) * 60 + int(d.group(2))
    if minutes == int(s.group(1)) * 60 + int(s.group(2)):
        return ""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def bmlt_entry(entry: dict[str, Any]) -> dict[str, Any] | None:
    """One BMLT meeting as a Meeting Guide entry (None for an unpublished meeting)."""
    if _text(entry, "published") == "0":
        return None
    ident = _text(entry, "id_bigint")
    weekday = _text(entry, "weekday_tinyint")
    day: Any = None
    if weekday.isdigit() and 1 <= int(weekday) <= 7:
        day = int(weekday) - 1
    elif weekday:
        day = weekday  # the Meeting Guide reader reports it
    start = _text(entry, "start_time")
    codes = [c.strip() for c in _text(entry, "formats").split(",") if c.strip()]
    types = []
    for code in codes:
        mapped = FORMAT_TO_TYPE.get(code.upper())
        if mapped and mapped not in types:
            types.append(mapped)
    out: dict[str, Any] = {
        "slug": ident,
        "name": _text(entry, "meeting_name"),
        "day": day,
        "time": start[:5] if _TIME_RE.match(start) else start,
        "end_time": _end_time(start, _text(entry, "duration_time")),
        "timezone": _text(entry, "time_zone"),
        "location": _text(entry, "location_text"),
        "location_notes": _text(entry, "location_info"),
        "address": _text(entry, "location_street"),
        "city": _text(entry, "location_municipality") or _text(entry, "location_city_subsection"),
        "state": _text(entry, "location_province"),
        "postal_code": _text(entry, "location_postal_code_1"),
        "country": _text(entry, "location_nation"),
        "notes": _text(entry, "comments"),
        "conference_url": _text(entry, "virtual_meeting_link"),
        "conference_url_notes": _text(entry, "virtual_meeting_additional_info"),
        "conference_phone": _text(entry, "phone_meeting_number"),
        "types": types,
        "regions": [r for r in (_text(entry, "location_sub_province"),
                                _text(entry, "location_neighborhood")) if r],
        "_source_key": f"bmlt-{ident}" if ident else "",
        "_slug": slugify(_text(entry, "meeting_name")) or None,
    }
    for key in ("latitude", "longitude"):
        value = _text(entry, key)
        if value:
            try:
                out[key] = float(value)
            except ValueError:
                out[key] = value  # reported by the reader
    venue = VENUE_TYPES.get(_text(entry, "venue_type"))
    if venue:
        out["attendance_option"] = venue
    if not out["_slug"]:
        del out["_slug"]
    return {k: v for k, v in out.items() if v not in ("", None) or k == "day"}


def parse_bmlt(
    data: str | bytes | Any, *, filename: str, warnings: list[str] | None = None,
    **options: Any,
) -> tuple[list[LocatedListing], list[RowError]]:
    """Validate a BMLT `GetSearchResults` JSON document into listings (see the module
    docstring); the options are those of the Meeting Guide reader."""
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            return [], [RowError(filename, None, None, Problem("not-json", detail=exc), "entry")]
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]  # GetSearchResults with get_used_formats
    if not isinstance(data, list):
        return [], [RowError(filename, None, None,
                             Problem("bmlt-not-array", kind=type(data).__name__), "entry")]
    entries: list[Any] = []
    hidden = 0
    for entry in data:
        if isinstance(entry, dict):
            converted = bmlt_entry(entry)
            if converted is None:
                hidden += 1
                converted = {"_unpublished": True}
            entries.append(converted)
        else:
            entries.append(entry)
    # Unpublished meetings keep their place in the numbering but are not read.
    numbered = [(i, e) for i, e in enumerate(entries, start=1)
                if not (isinstance(e, dict) and e.get("_unpublished"))]
    if hidden and warnings is not None:
        warnings.append(Problem("at-file", file=filename,
                                message=Problem("bmlt-unpublished", count=hidden)))
    if not numbered:
        return [], [RowError(filename, None, None, Problem("bmlt-none-published"), "entry")]
    listings, errors = parse_feed([e for _, e in numbered], filename=filename,
                                  warnings=warnings, **options)
    # Entry numbers back to the document's own (1-based, unpublished ones counted).
    index = [i for i, _ in numbered]
    errors = [RowError(e.filename, index[e.line - 1] if e.line else None, e.field, e.message,
                       "entry") for e in errors]
    for item in listings:
        item.first_line = index[item.first_line - 1]
        item.meeting_lines = [index[n - 1] for n in item.meeting_lines]
    return listings, errors
