"""HSDS 3.0 JSON (services with their schedules and locations), read into listings.

A document is a list of services, an API page (`{"contents": [...]}`) or one service. Each
service is one listing keyed by its `id`; each weekly schedule (the service's own, or a
service_at_location's, which brings that location) becomes a meeting per `byday` day, read
through the Meeting Guide reader so that errors are located and skipped the same way. A
virtual location (`location_type` "virtual") makes the meeting online, its `url` the link.
HSDS gives a schedule's zone as a UTC offset, which is not a zone: the source's default
time zone is used (a meeting without one is reported). Schedules that are not weekly are
left out with a warning (a meeting here recurs weekly or monthly by weekday).
"""

from __future__ import annotations

import json
from typing import Any

from directory.formats.meeting_guide import parse_feed, slugify
from directory.i18n.problems import Problem
from directory.listings.report import LocatedListing, RowError

BYDAY = {"SU": 0, "MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6}


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _place(location: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"location": _s(location.get("name"))}
    addresses = location.get("addresses") or []
    address = next((a for a in addresses if isinstance(a, dict)
                    and a.get("address_type") != "postal"), None)
    if address:
        street = ", ".join(p for p in (_s(address.get("address_1")),
                                       _s(address.get("address_2"))) if p)
        out.update(address=street, city=_s(address.get("city")),
                   state=_s(address.get("state_province")),
                   postal_code=_s(address.get("postal_code")),
                   country=_s(address.get("country")))
    for key in ("latitude", "longitude"):
        if isinstance(location.get(key), int | float) and not isinstance(location[key], bool):
            out[key] = location[key]
    return out


def _entries(service: dict[str, Any], warn: Any) -> list[dict[str, Any]]:
    sid = _s(service.get("id"))
    name = _s(service.get("name"))
    base = {"group": name, "_source_key": f"hsds-{sid}" if sid else "",
            "_slug": slugify(name) or None, "notes": _s(service.get("description"))}
    plans: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
        (s, None) for s in service.get("schedules") or [] if isinstance(s, dict)]
    for sal in service.get("service_at_locations") or []:
        if isinstance(sal, dict):
            location = sal.get("location") if isinstance(sal.get("location"), dict) else None
            plans.extend((s, location) for s in sal.get("schedules") or []
                         if isinstance(s, dict))
    out = []
    for schedule, location in plans:
        freq = _s(schedule.get("freq")).upper()
        if freq and freq != "WEEKLY":
            warn(Problem("hsds-not-weekly", name=name, schedule=_s(schedule.get("id")),
                         freq=freq.lower()))
            continue
        days: list[Any] = []
        for part in _s(schedule.get("byday")).split(","):
            part = part.strip().upper()
            if part:
                days.append(BYDAY.get(part[-2:], part))
        entry: dict[str, Any] = dict(
            base, slug=_s(schedule.get("id")) or f"{sid}-{len(out) + 1}",
            name=name, day=days or None,
            time=_s(schedule.get("opens_at"))[:5], end_time=_s(schedule.get("closes_at"))[:5],
        )
        if _s(schedule.get("notes")):
            entry["notes"] = _s(schedule.get("notes"))
        if location is not None:
            if _s(location.get("location_type")) == "virtual":
                entry.update(attendance_option="online", conference_url=_s(location.get("url")))
            else:
                entry.update(_place(location))
        elif _s(service.get("url")):
            entry.update(attendance_option="online", conference_url=_s(service.get("url")))
        out.append({k: v for k, v in entry.items() if v not in ("", None) or k == "day"})
    return out


def parse_hsds(
    data: str | bytes | Any, *, filename: str, warnings: list[str] | None = None,
    **options: Any,
) -> tuple[list[LocatedListing], list[RowError]]:
    """Validate an HSDS 3.0 services document into listings (see the module docstring);
    the options are those of the Meeting Guide reader. Entry numbers count schedules."""
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            return [], [RowError(filename, None, None, Problem("not-json", detail=exc), "entry")]
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    elif isinstance(data, dict) and "schedules" in data:
        data = [data]
    if not isinstance(data, list):
        return [], [RowError(filename, None, None,
                             Problem("hsds-not-list", kind=type(data).__name__), "entry")]
    notes = warnings if warnings is not None else []
    entries: list[dict[str, Any]] = []
    for number, service in enumerate(data, start=1):
        if not isinstance(service, dict):
            notes.append(Problem("at-file", file=filename,
                                 message=Problem("hsds-not-object", number=number)))
            continue
        entries.extend(_entries(service, lambda m: notes.append(
            Problem("at-file", file=filename, message=m))))
    if not entries:
        return [], [RowError(filename, None, None, Problem("hsds-no-weekly"), "entry")]
    return parse_feed(entries, filename=filename, warnings=notes, **options)
