"""The CSV listing format of PRODUCT.md: parse and validate, upsert by slug, export.

Import is two-phase: every row of the file is validated into plain records first; only a
file with no errors is written, and it is written in the caller's one transaction. A
record is compared with the stored group in the same normalised form that export writes,
so importing a file twice (or an export of the directory) changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from sqlmodel import Session, select

from directory import taxonomy
from directory.models import Group, Location, Meeting, Organization
from directory.services.catalog import bump_catalog_version

CSV_COLUMNS: tuple[str, ...] = (
    "group_slug", "group_name", "organization", "description", "topics", "approach",
    "format", "cost", "fee_amount", "fee_currency", "languages", "audience", "access",
    "welcome", "registration_required", "facilitation", "contact_email", "contact_phone",
    "website", "weekday", "start_time", "end_time", "timezone", "recurrence",
    "location_name", "address", "city", "region", "postal_code", "country", "latitude",
    "longitude", "online_url", "online_phone", "online_notes", "last_verified", "status",
    "starts_on", "ends_on", "accepting_new_members",
)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "group_slug", "group_name", "topics", "format", "cost", "weekday", "start_time",
)
# Columns that describe the group; every row of one group must agree on them.
GROUP_COLUMNS: tuple[str, ...] = (
    "group_name", "organization", "description", "topics", "approach", "format", "cost",
    "fee_amount", "fee_currency", "languages", "audience", "access", "welcome",
    "registration_required", "facilitation", "contact_email", "contact_phone", "website",
    "last_verified", "status", "accepting_new_members",
)
PLACE_COLUMNS: tuple[str, ...] = ("address", "city", "postal_code", "country")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+\.[^\s<>\"']+$", re.IGNORECASE)
PHONE_RE = re.compile(r"^\+?[0-9 ().\-]{7,40}$")
RECURRENCE_RE = re.compile(r"^monthly:(-1|[1-5])(,(-1|[1-5]))*$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = "=+-@\t\r"
# ...unless it is only a number or phone number: no letters, so no function or reference.
HARMLESS_NUMBER_RE = re.compile(r"^[+-]?[0-9][0-9 ().\-]*$")
# A cell neutralised on export: one added apostrophe before the formula character, or before
# apostrophes that precede one (so a value that itself starts with them survives too).
NEUTRALISED_RE = re.compile(r"^'+[=+\-@\t\r]")

MAX_LENGTHS: dict[str, int] = {
    "group_name": 200, "organization": 200, "description": 4000, "contact_email": 254,
    "contact_phone": 40, "website": 500, "location_name": 200, "address": 300, "city": 120,
    "region": 120, "postal_code": 20, "online_url": 500, "online_phone": 40,
    "online_notes": 500, "group_slug": 80,
}

_IANA_ZONES: frozenset[str] | None = None

Geocoder = Callable[..., "GeocodeResult | None"]
TimezoneLookup = Callable[[float, float], "str | None"]


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    approximate: bool = True


@dataclass(frozen=True)
class RowError:
    filename: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.filename]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


def iana_zones() -> frozenset[str]:
    """Every IANA time zone name this Python knows (cached)."""
    global _IANA_ZONES
    if _IANA_ZONES is None:
        _IANA_ZONES = frozenset(available_timezones())
    return _IANA_ZONES


def is_iana_zone(name: str) -> bool:
    """True for a real IANA zone name such as America/Chicago; offsets and abbreviations are not."""
    if name == "UTC":
        return True
    if "/" not in name or name.startswith("Etc/") or name not in iana_zones():
        return False
    try:
        ZoneInfo(name)
    except (KeyError, ValueError):
        return False
    return True


# --- parsing single values -------------------------------------------------------------


class FieldError(ValueError):
    """A bad value in one field; the message is shown to the person importing."""


def _codes(value: str, vocabulary: dict[str, Any] | None, what: str) -> list[str]:
    codes = [c.strip() for c in value.split(";") if c.strip()]
    seen: list[str] = []
    for code in codes:
        if vocabulary is not None and code not in vocabulary:
            known = ", ".join(vocabulary)
            raise FieldError(f"unknown {what} code '{code}' (use one of: {known})")
        if code not in seen:
            seen.append(code)
    return seen


def _code(value: str, vocabulary: dict[str, Any], what: str) -> str | None:
    if not value:
        return None
    if value not in vocabulary:
        raise FieldError(f"unknown {what} code '{value}' (use one of: {', '.join(vocabulary)})")
    return value


def _languages(value: str) -> list[str]:
    codes = _codes(value.lower(), None, "language")
    for code in codes:
        if not taxonomy.is_language_code(code):
            raise FieldError(f"'{code}' is not a two-letter ISO 639-1 language code")
    return codes


def parse_time(value: str) -> time:
    """HH:MM, 24-hour, into a time; anything else raises FieldError."""
    match = TIME_RE.match(value)
    if not match:
        raise FieldError(f"'{value}' is not a time in HH:MM (24-hour) form")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise FieldError(f"'{value}' is not a possible time (00:00 to 23:59)")
    return time(hour, minute)


def parse_date(value: str) -> date:
    """YYYY-MM-DD into a date; anything else raises FieldError."""
    if not DATE_RE.match(value):
        raise FieldError(f"'{value}' is not a date in YYYY-MM-DD form")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"'{value}' is not a possible date") from None


def _yes_no(value: str, default: bool) -> bool:
    if not value:
        return default
    lowered = value.lower()
    if lowered in ("yes", "no"):
        return lowered == "yes"
    raise FieldError(f"'{value}' must be yes or no")


def _fee_cents(value: str) -> int | None:
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise FieldError(f"'{value}' is not an amount such as 10 or 12.50") from None
    if not amount.is_finite() or amount < 0 or amount > 100000:
        raise FieldError(f"'{value}' is not an amount between 0 and 100000")
    if amount != amount.quantize(Decimal("0.01")):
        raise FieldError(f"'{value}' has more than two decimal places")
    return int(amount * 100)


def _coordinate(value: str, limit: float, what: str) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise FieldError(f"'{value}' is not a number") from None
    if not -limit <= number <= limit:
        raise FieldError(f"{what} must be between -{limit:g} and {limit:g}")
    return round(number, 6)


def _recurrence(value: str) -> str:
    if not value or value == "weekly":
        return "weekly"
    if RECURRENCE_RE.match(value):
        positions = [int(p) for p in value.removeprefix("monthly:").split(",")]
        ordered = sorted(set(positions), key=lambda p: (p < 0, p))
        return "monthly:" + ",".join(str(p) for p in ordered)
    raise FieldError(
        f"'{value}' is not a recurrence: use weekly, or monthly:1,3 (1st and 3rd) or "
        "monthly:-1 (last)"
    )


def _checked_text(value: str, name: str) -> str:
    if CONTROL_RE.search(value):
        raise FieldError("contains control characters")
    limit = MAX_LENGTHS.get(name)
    if limit is not None and len(value) > limit:
        raise FieldError(f"is {len(value)} characters long; the limit is {limit}")
    return value


def neutralise_formula(value: str) -> str:
    """A cell value as written to CSV: `=cmd|…`, `+…`, `-…`, `@…` and a leading tab or CR
    get an apostrophe in front, so no spreadsheet runs it; plain numbers stay as they are.
    `restore_formula` undoes it exactly, so export → import round-trips."""
    if not value:
        return value
    if value[0] in FORMULA_START and not HARMLESS_NUMBER_RE.match(value):
        return "'" + value
    if NEUTRALISED_RE.match(value):
        return "'" + value
    return value


def restore_formula(value: str) -> str:
    """The value a neutralised cell stood for (any other cell is returned as it is)."""
    return value[1:] if NEUTRALISED_RE.match(value) else value


def _optional(value: str) -> str | None:
    return value or None


# --- records -------------------------------------------------------------------------------


def _group_fields(row: dict[str, str]) -> dict[str, Any]:
    """The group-level fields of one row, parsed; raises FieldError with the field name."""
    parsers: dict[str, Callable[[str], Any]] = {
        "group_name": lambda v: v if v else _missing(),
        "organization": _optional,
        "description": lambda v: v,
        "topics": lambda v: _codes(v, taxonomy.TOPICS, "topic") or _missing(),
        "approach": lambda v: _code(v, taxonomy.APPROACHES, "approach"),
        "format": lambda v: _code(v, taxonomy.FORMATS, "format") or _missing(),
        "cost": lambda v: _code(v, taxonomy.COSTS, "cost") or _missing(),
        "fee_amount": _fee_cents,
        "fee_currency": lambda v: _currency(v),
        "languages": lambda v: _languages(v) or ["en"],
        "audience": lambda v: _codes(v, taxonomy.AUDIENCES, "audience") or ["everyone"],
        "access": lambda v: _codes(v, taxonomy.ACCESS, "access"),
        "welcome": lambda v: _code(v, taxonomy.WELCOME, "welcome"),
        "registration_required": lambda v: _yes_no(v, False),
        "facilitation": lambda v: _code(v, taxonomy.FACILITATION, "facilitation"),
        "contact_email": lambda v: _email(v),
        "contact_phone": lambda v: _phone(v),
        "website": lambda v: _url(v),
        "last_verified": lambda v: parse_date(v) if v else None,
        "status": lambda v: _status(v),
        "accepting_new_members": lambda v: _yes_no(v, True),
    }
    out: dict[str, Any] = {}
    for name, parse in parsers.items():
        raw = row.get(name, "")
        try:
            out[name] = parse(_checked_text(raw, name))
        except FieldError as exc:
            raise _Located(name, str(exc)) from None
    if out["fee_amount"] is not None and out["cost"] not in ("fee", "sliding-scale"):
        raise _Located(
            "fee_amount", "a fee amount is only allowed when cost is fee or sliding-scale"
        )
    if out["cost"] == "fee" and out["fee_amount"] is None:
        raise _Located("fee_amount", "required when cost is fee")
    if out["fee_amount"] is not None and not out["fee_currency"]:
        raise _Located("fee_currency", "required with fee_amount (e.g. USD)")
    if out["fee_currency"] and out["fee_amount"] is None:
        raise _Located("fee_amount", "required with fee_currency")
    return out


def _meeting_fields(row: dict[str, str], group_format: str) -> dict[str, Any]:
    """The meeting-level fields of one row, parsed; raises _Located on the first bad field."""

    def take(name: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(_checked_text(row.get(name, ""), name))
        except FieldError as exc:
            raise _Located(name, str(exc)) from None

    out: dict[str, Any] = {
        "weekday": take("weekday", _weekday),
        "start_time": take("start_time", lambda v: parse_time(v) if v else _missing()),
        "end_time": take("end_time", lambda v: parse_time(v) if v else None),
        "timezone": take("timezone", _timezone),
        "recurrence": take("recurrence", _recurrence),
        "location_name": take("location_name", _optional),
        "address": take("address", _optional),
        "city": take("city", _optional),
        "region": take("region", _optional),
        "postal_code": take("postal_code", _optional),
        "country": take("country", lambda v: _country(v)),
        "latitude": take("latitude", lambda v: _coordinate(v, 90, "latitude")),
        "longitude": take("longitude", lambda v: _coordinate(v, 180, "longitude")),
        "online_url": take("online_url", _url),
        "online_phone": take("online_phone", _phone),
        "online_notes": take("online_notes", _optional),
        "starts_on": take("starts_on", lambda v: parse_date(v) if v else None),
        "ends_on": take("ends_on", lambda v: parse_date(v) if v else None),
    }
    if (out["latitude"] is None) != (out["longitude"] is None):
        missing = "longitude" if out["longitude"] is None else "latitude"
        raise _Located(missing, "latitude and longitude must be given together")
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        raise _Located("ends_on", "is before starts_on")
    has_place = any(out[c] for c in PLACE_COLUMNS) or out["latitude"] is not None
    has_online = bool(out["online_url"] or out["online_phone"])
    if group_format in ("in-person", "hybrid") and not has_place:
        raise _Located(
            "address", f"a {group_format} meeting needs a place (address, city, postal_code, "
            "country, or latitude and longitude)"
        )
    if group_format in ("online", "phone") and not has_online:
        raise _Located("online_url", f"an {group_format} meeting needs online_url or online_phone")
    if group_format == "phone" and not out["online_phone"]:
        raise _Located("online_phone", "a phone meeting needs online_phone")
    return out


class _Located(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def _missing() -> Any:
    raise FieldError("is required")


def _weekday(value: str) -> int:
    lowered = value.lower()
    if not lowered:
        raise FieldError("is required (mon, tue, wed, thu, fri, sat or sun)")
    if lowered not in taxonomy.WEEKDAYS:
        raise FieldError(f"'{value}' is not a weekday (mon, tue, wed, thu, fri, sat or sun)")
    return taxonomy.WEEKDAYS.index(lowered)


def _timezone(value: str) -> str | None:
    if not value:
        return None
    if not is_iana_zone(value):
        raise FieldError(
            f"'{value}' is not an IANA time zone name such as America/Chicago "
            "(UTC offsets and abbreviations are not accepted)"
        )
    return value


def _country(value: str) -> str | None:
    if not value:
        return None
    upper = value.upper()
    if upper == "UK":
        upper = "GB"
    if not COUNTRY_RE.match(upper):
        raise FieldError(f"'{value}' is not a two-letter country code such as US, CA, GB, AU")
    return upper


def _currency(value: str) -> str | None:
    if not value:
        return None
    if not CURRENCY_RE.match(value.upper()):
        raise FieldError(f"'{value}' is not a three-letter currency code such as USD")
    return value.upper()


def _email(value: str) -> str | None:
    if not value:
        return None
    if not EMAIL_RE.match(value):
        raise FieldError(f"'{value}' is not an e-mail address")
    return value


def _url(value: str) -> str | None:
    if not value:
        return None
    if not URL_RE.match(value):
        raise FieldError(f"'{value}' is not a web address starting with http:// or https://")
    return value


def _phone(value: str) -> str | None:
    if not value:
        return None
    if not PHONE_RE.match(value) or sum(ch.isdigit() for ch in value) < 7:
        raise FieldError(f"'{value}' is not a phone number")
    return value


def _status(value: str) -> str:
    if not value:
        return "active"
    if value not in ("active", "paused"):
        raise FieldError(f"'{value}' must be active or paused")
    return value


@dataclass
class GroupRecord:
    """One group of the file, validated: group fields plus its meetings in file order."""

    slug: str
    first_line: int
    fields: dict[str, Any]
    meetings: list[dict[str, Any]] = field(default_factory=list)


def parse_listing_csv(text: str, *, filename: str) -> tuple[list[GroupRecord], list[RowError]]:
    """Validate a whole CSV file into group records; returns (records, errors)."""
    errors: list[RowError] = []

    def error(line: int | None, field_name: str | None, message: str) -> None:
        errors.append(RowError(filename, line, field_name, message))

    if "\x00" in text:
        error(None, None, "this is not a text CSV file (it contains NUL bytes)")
        return [], errors
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        error(1, None, f"malformed CSV: {exc}")
        return [], errors
    if not header or not any(h.strip() for h in header):
        error(1, None, "the file is empty; a header row is required")
        return [], errors
    names = [h.strip().lower() for h in header]
    for name in names:
        if name not in CSV_COLUMNS:
            error(1, name or None, f"unknown column '{name}'" if name else "empty column name")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    for name in duplicates:
        error(1, name, "column appears more than once")
    for name in REQUIRED_COLUMNS:
        if name not in names:
            error(1, name, "required column is missing")
    if errors:
        return [], errors

    records: list[GroupRecord] = []
    by_slug: dict[str, GroupRecord] = {}
    group_rows: dict[str, dict[str, str]] = {}
    current: GroupRecord | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                error(line, None, f"has {len(cells)} cells; the header has {len(names)}")
                continue
            row = {n: restore_formula(c.strip()) for n, c in zip(names, cells, strict=True)}
            slug = row["group_slug"]
            if not slug:
                error(line, "group_slug", "is required")
                continue
            if not SLUG_RE.match(slug) or len(slug) > MAX_LENGTHS["group_slug"]:
                error(
                    line, "group_slug",
                    f"'{slug[:100]}' is not a slug (lowercase letters, digits and single "
                    "hyphens, at most 80 characters)",
                )
                continue
            if slug in by_slug and (current is None or current.slug != slug):
                error(
                    line, "group_slug",
                    f"duplicate slug '{slug}': that group's rows start at line "
                    f"{by_slug[slug].first_line}; rows of one group must be consecutive",
                )
                continue
            if current is None or current.slug != slug:
                try:
                    fields = _group_fields(row)
                except _Located as exc:
                    error(line, exc.field, exc.message)
                    current = None
                    by_slug.setdefault(slug, GroupRecord(slug, line, {}))
                    continue
                current = GroupRecord(slug, line, fields)
                by_slug[slug] = current
                group_rows[slug] = row
                records.append(current)
            else:
                first = group_rows[slug]
                differing = [c for c in GROUP_COLUMNS if c in row and row[c] != first.get(c, "")]
                if differing:
                    error(
                        line, differing[0],
                        f"differs from line {current.first_line} of the same group "
                        f"'{slug}'; group fields must be the same on every row",
                    )
                    continue
            try:
                meeting = _meeting_fields(row, current.fields["format"])
            except _Located as exc:
                error(line, exc.field, exc.message)
                continue
            meeting["line"] = line
            key = _meeting_key(meeting)
            if any(_meeting_key(m) == key for m in current.meetings):
                error(line, "weekday", f"repeats an earlier meeting of group '{slug}'")
                continue
            current.meetings.append(meeting)
    except csv.Error as exc:
        error(reader.line_num, None, f"malformed CSV: {exc}")
    if not records and not errors:
        error(None, None, "the file has a header but no listing rows")
    return records, errors


def _meeting_key(meeting: dict[str, Any]) -> tuple:
    return tuple(v for k, v in sorted(meeting.items()) if k != "line")


# --- writing ------------------------------------------------------------------------------


def _fee_text(cents: int | None) -> str:
    if cents is None:
        return ""
    whole, part = divmod(cents, 100)
    return str(whole) if part == 0 else f"{whole}.{part:02d}"


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def group_to_rows(group: Group) -> list[dict[str, str]]:
    """A stored group as CSV rows (one per meeting), in the export's normal form."""
    verified = group.last_verified_at.date().isoformat() if group.last_verified_at else ""
    base = {
        "group_slug": group.slug,
        "group_name": group.name,
        "organization": group.organization.name if group.organization else "",
        "description": group.description,
        "topics": ";".join(group.topics),
        "approach": group.approach or "",
        "format": group.format,
        "cost": group.cost,
        "fee_amount": _fee_text(group.fee_cents),
        "fee_currency": group.fee_currency or "",
        "languages": ";".join(group.languages),
        "audience": ";".join(group.audience),
        "access": ";".join(group.access),
        "welcome": group.welcome or "",
        "registration_required": "yes" if group.registration_required else "no",
        "facilitation": group.facilitation or "",
        "contact_email": group.contact_email or "",
        "contact_phone": group.contact_phone or "",
        "website": group.website or "",
        "last_verified": verified,
        "status": group.status if group.status in ("active", "paused") else "paused",
        "accepting_new_members": "yes" if group.accepting_new_members else "no",
    }
    rows = []
    for meeting in group.meetings:
        loc = meeting.location
        row = dict(base)
        row.update(
            {
                "weekday": taxonomy.WEEKDAYS[meeting.weekday],
                "start_time": meeting.start_time.strftime("%H:%M"),
                "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
                "timezone": meeting.timezone,
                "recurrence": meeting.recurrence,
                "location_name": (loc.name or "") if loc else "",
                "address": (loc.address or "") if loc else "",
                "city": (loc.city or "") if loc else "",
                "region": (loc.region or "") if loc else "",
                "postal_code": (loc.postal_code or "") if loc else "",
                "country": (loc.country or "") if loc else "",
                "latitude": _number_text(loc.latitude) if loc else "",
                "longitude": _number_text(loc.longitude) if loc else "",
                "online_url": meeting.online_url or "",
                "online_phone": meeting.online_phone or "",
                "online_notes": meeting.online_notes or "",
                "starts_on": meeting.starts_on.isoformat() if meeting.starts_on else "",
                "ends_on": meeting.ends_on.isoformat() if meeting.ends_on else "",
            }
        )
        rows.append(row)
    return rows


def export_listings_csv(session: Session, *, include_pending: bool = False) -> str:
    """Every active and paused group as CSV in the listing format, ordered by slug."""
    statuses = ["active", "paused"] + (["pending"] if include_pending else [])
    groups = session.exec(
        select(Group).where(Group.status.in_(statuses)).order_by(Group.slug)
    ).all()
    return _rows_to_text([row for group in groups for row in group_to_rows(group)])


def _record_as_rows(record: GroupRecord) -> list[dict[str, Any]]:
    """A record in the comparable form: what its group would look like once stored."""
    return [
        {
            "fields": {k: v for k, v in record.fields.items() if k != "last_verified"},
            "meeting": {k: v for k, v in m.items() if k not in ("line", "approximate")},
        }
        for m in record.meetings
    ]


def _group_as_record_rows(group: Group) -> list[dict[str, Any]]:
    records, _ = parse_listing_csv(
        _rows_to_text(group_to_rows(group)), filename="(stored)"
    )
    if not records:
        return []
    return _record_as_rows(records[0])


def _rows_to_text(rows: list[dict[str, str]]) -> str:
    """Rows as CSV text in the listing format, every cell neutralised against formulas."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {name: neutralise_formula("" if value is None else str(value))
         for name, value in row.items()} for row in rows
    )
    return out.getvalue()


def _verified_at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def import_records(
    session: Session,
    records: list[GroupRecord],
    *,
    now: datetime,
    filename: str,
    geocode: Geocoder | None = None,
    timezone_at: TimezoneLookup | None = None,
) -> ImportReport:
    """Upsert validated records by slug; adds and flushes, the caller commits once.

    Missing coordinates are filled by `geocode(address=, city=, region=, postal_code=,
    country=)` and a missing time zone by `timezone_at(lat, lon)`. A meeting whose zone
    cannot be found is an error, reported before anything is written.
    """
    report = ImportReport()
    # Resolve places and zones first, so that a failure writes nothing.
    for record in records:
        for meeting in record.meetings:
            _fill_place(meeting, geocode, report, record.slug)
            if meeting["timezone"] is None:
                zone = None
                if timezone_at and meeting["latitude"] is not None:
                    zone = timezone_at(meeting["latitude"], meeting["longitude"])
                if zone is None:
                    report.errors.append(
                        RowError(
                            filename, meeting["line"], "timezone",
                            "is required: no time zone was given and none could be derived "
                            "from the place",
                        )
                    )
                else:
                    meeting["timezone"] = zone
    if report.errors:
        return report

    organizations: dict[str, Organization] = {}
    for record in records:
        existing = session.exec(select(Group).where(Group.slug == record.slug)).first()
        if existing is not None:
            same = _group_as_record_rows(existing) == _record_as_rows(record)
            verified = record.fields["last_verified"]
            stored_day = existing.last_verified_at.date() if existing.last_verified_at else None
            if same and (verified is None or verified == stored_day):
                report.unchanged.append(record.slug)
                continue
        group = existing or Group(slug=record.slug, name="", format="", cost="", created_at=now)
        _apply_record(session, group, record, now=now, organizations=organizations)
        (report.updated if existing is not None else report.created).append(record.slug)
    if report.created or report.updated:
        bump_catalog_version(session, now=now)
    session.flush()
    return report


def _fill_place(
    meeting: dict[str, Any], geocode: Geocoder | None, report: ImportReport, slug: str
) -> None:
    has_place = any(meeting[c] for c in PLACE_COLUMNS)
    meeting["approximate"] = False
    if meeting["latitude"] is not None or not has_place:
        return
    result = None
    if geocode is not None:
        result = geocode(
            address=meeting["address"], city=meeting["city"], region=meeting["region"],
            postal_code=meeting["postal_code"], country=meeting["country"],
        )
    if result is None:
        meeting["approximate"] = True
        report.warnings.append(
            f"line {meeting['line']} ({slug}): the place could not be located; kept without "
            "coordinates for a moderator to fix"
        )
        return
    meeting["latitude"] = round(result.latitude, 6)
    meeting["longitude"] = round(result.longitude, 6)
    meeting["approximate"] = result.approximate


def _apply_record(
    session: Session,
    group: Group,
    record: GroupRecord,
    *,
    now: datetime,
    organizations: dict[str, Organization],
) -> None:
    f = record.fields
    org_name = f["organization"]
    organization = None
    if org_name:
        organization = organizations.get(org_name) or session.exec(
            select(Organization).where(Organization.name == org_name)
        ).first()
        if organization is None:
            organization = Organization(name=org_name, website=f["website"], created_at=now,
                                        updated_at=now)
            session.add(organization)
        organizations[org_name] = organization
    group.name = f["group_name"]
    group.organization = organization
    group.description = f["description"]
    group.topics = f["topics"]
    group.approach = f["approach"]
    group.format = f["format"]
    group.cost = f["cost"]
    group.fee_cents = f["fee_amount"]
    group.fee_currency = f["fee_currency"]
    group.languages = f["languages"]
    group.audience = f["audience"]
    group.access = f["access"]
    group.welcome = f["welcome"]
    group.registration_required = f["registration_required"]
    group.facilitation = f["facilitation"]
    group.contact_email = f["contact_email"]
    group.contact_phone = f["contact_phone"]
    group.website = f["website"]
    group.status = f["status"]
    group.accepting_new_members = f["accepting_new_members"]
    if f["last_verified"] is not None:
        group.last_verified_at = _verified_at(f["last_verified"])
    elif group.last_verified_at is None:
        group.last_verified_at = now
    group.updated_at = now
    # Several meetings may share one place: each old location is considered once.
    old_locations = list({id(m.location): m.location for m in group.meetings
                          if m.location is not None}.values())
    group.meetings.clear()
    places: dict[tuple, Location] = {}
    for position, m in enumerate(record.meetings):
        location = None
        place_key = tuple(
            m[k] for k in ("location_name", "address", "city", "region", "postal_code",
                           "country", "latitude", "longitude")
        )
        if any(v is not None for v in place_key):
            location = places.get(place_key)
            if location is None:
                location = Location(
                    name=m["location_name"], address=m["address"], city=m["city"],
                    region=m["region"], postal_code=m["postal_code"], country=m["country"],
                    latitude=m["latitude"], longitude=m["longitude"],
                    approximate=m["approximate"],
                )
                places[place_key] = location
        group.meetings.append(
            Meeting(
                position=position, weekday=m["weekday"], start_time=m["start_time"],
                end_time=m["end_time"], timezone=m["timezone"], recurrence=m["recurrence"],
                starts_on=m["starts_on"], ends_on=m["ends_on"], location=location,
                online_url=m["online_url"], online_phone=m["online_phone"],
                online_notes=m["online_notes"],
            )
        )
    session.add(group)
    session.flush()
    for location in old_locations:
        if location not in places.values():
            in_use = session.exec(
                select(Meeting.id).where(Meeting.location_id == location.id)
            ).first()
            if in_use is None:
                session.delete(location)


def offline_geocoder(*, default_country: str = "US") -> Geocoder:
    """A geocoder for imports: a postcode or city centroid from the offline gazetteer."""
    from directory.services import places

    def geocode(**fields: str | None) -> GeocodeResult | None:
        place = places.geocode_address(**fields, default_country=default_country)
        if place is None:
            return None
        return GeocodeResult(place.lat, place.lon, approximate=True)

    return geocode


def import_listing_csv(
    session: Session,
    text: str,
    *,
    filename: str,
    now: datetime,
    geocode: Geocoder | None = None,
    timezone_at: TimezoneLookup | None = None,
) -> ImportReport:
    """Validate a whole CSV file, then upsert it; on any error nothing is written."""
    records, errors = parse_listing_csv(text, filename=filename)
    if errors:
        return ImportReport(errors=errors)
    return import_records(
        session, records, now=now, filename=filename, geocode=geocode, timezone_at=timezone_at
    )
