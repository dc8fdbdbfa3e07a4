"""The CSV listing format of PRODUCT.md: text <-> ListingIn, nothing else.

One row per meeting; consecutive rows sharing `group_slug` form one listing. The file's
shape (header, columns, consecutive slugs, group columns that agree) is checked here; the
values are checked by the listing schema, whose errors are located back to a line and a
column. Writing is the reverse: a listing becomes rows in the normal form, so that an
export imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from directory import taxonomy
from directory.i18n.problems import Problem
from directory.listings.fields import MAX_SLUG, SLUG_RE, fee_text
from directory.listings.report import LocatedListing, RowError, locate
from directory.listings.schema import ListingIn, attendance_from_format, validate_listing

CSV_COLUMNS: tuple[str, ...] = (
    "group_slug", "group_name", "organization", "description", "topics", "approach",
    "format", "cost", "fee_amount", "fee_currency", "languages", "audience", "access",
    "welcome", "registration_required", "facilitation", "contact_email", "contact_phone",
    "website", "weekday", "start_time", "end_time", "timezone", "recurrence",
    "location_name", "address", "city", "region", "postal_code", "country", "latitude",
    "longitude", "online_url", "online_phone", "online_notes", "last_verified", "status",
    "starts_on", "ends_on", "accepting_new_members", "attendance", "source", "source_id",
)
OPTIONAL_PROVENANCE: tuple[str, ...] = ("source", "source_id")
REQUIRED_COLUMNS: tuple[str, ...] = (
    "group_slug", "group_name", "topics", "format", "cost", "weekday", "start_time",
)
# Columns that describe the group; every row of one group must agree on them.
GROUP_COLUMNS: tuple[str, ...] = (
    "group_name", "organization", "description", "topics", "approach", "format", "cost",
    "fee_amount", "fee_currency", "languages", "audience", "access", "welcome",
    "registration_required", "facilitation", "contact_email", "contact_phone", "website",
    "last_verified", "status", "accepting_new_members", "source", "source_id",
)
GROUP_KEYS: dict[str, str] = {  # CSV column -> ListingIn field
    "group_name": "name", "organization": "organization", "description": "description",
    "topics": "topics", "approach": "approach", "format": "format", "cost": "cost",
    "fee_amount": "fee_cents", "fee_currency": "fee_currency", "languages": "languages",
    "audience": "audience", "access": "access", "welcome": "welcome",
    "registration_required": "registration_required", "facilitation": "facilitation",
    "contact_email": "contact_email", "contact_phone": "contact_phone", "website": "website",
    "last_verified": "last_verified", "status": "status",
    "accepting_new_members": "accepting_new_members", "source": "source",
    "source_id": "source_id",
}
MEETING_KEYS = ("weekday", "start_time", "end_time", "timezone", "recurrence", "starts_on",
                "ends_on", "attendance")
PLACE_KEYS = {"location_name": "name", "address": "address", "city": "city",
              "region": "region", "postal_code": "postal_code", "country": "country",
              "latitude": "latitude", "longitude": "longitude"}
ONLINE_KEYS = {"online_url": "url", "online_phone": "phone", "online_notes": "notes"}
_REQUIRED_GROUP_KEYS = frozenset({"name", "topics", "format", "cost"})
_REQUIRED_MEETING_KEYS = frozenset({"weekday", "start_time"})

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = "=+-@\t\r"
# ...unless it is only a number or phone number: no letters, so no function or reference.
HARMLESS_NUMBER_RE = re.compile(r"^[+-]?[0-9][0-9 ().\-]*$")
# A cell neutralised on export: one added apostrophe before the formula character, or before
# apostrophes that precede one (so a value that itself starts with them survives too).
NEUTRALISED_RE = re.compile(r"^'+[=+\-@\t\r]")


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


def listing_data(rows: list[dict[str, str]], slug: str | None) -> dict[str, Any]:
    """Rows of one group (CSV column -> text) as the plain dict the schema validates."""
    first = rows[0] if rows else {}
    data: dict[str, Any] = {"slug": slug} if slug else {}
    # An empty optional cell is left out: the schema reads "" there as its default, and
    # leaving it out saves validating it (most cells of a feed are empty). So is an
    # all-empty place or join part.
    for column, key in GROUP_KEYS.items():
        value = first.get(column, "")
        if value != "" or key in _REQUIRED_GROUP_KEYS:
            data[key] = value
    meetings = []
    for row in rows:
        meeting: dict[str, Any] = {}
        for k in MEETING_KEYS:
            value = row.get(k, "")
            if value != "" or k in _REQUIRED_MEETING_KEYS:
                meeting[k] = value
        place = {v: row[k] for k, v in PLACE_KEYS.items() if row.get(k, "") != ""}
        meeting["place"] = place or None
        online = {v: row[k] for k, v in ONLINE_KEYS.items() if row.get(k, "") != ""}
        meeting["online"] = online or None
        meetings.append(meeting)
    data["meetings"] = meetings
    return data


def parse_csv(text: str, *, filename: str) -> tuple[list[LocatedListing], list[RowError]]:
    """Validate a whole CSV file into listings; returns (listings, errors)."""
    errors: list[RowError] = []

    def error(line: int | None, field_name: str | None, message: str) -> None:
        errors.append(RowError(filename, line, field_name, message))

    if "\x00" in text:
        error(None, None, Problem("nul-bytes"))
        return [], errors
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        error(1, None, Problem("malformed-csv", detail=exc))
        return [], errors
    if not header or not any(h.strip() for h in header):
        error(1, None, Problem("empty-file"))
        return [], errors
    names = [h.strip().lower() for h in header]
    for name in names:
        if name not in CSV_COLUMNS:
            error(1, name or None, Problem("unknown-column", name=name) if name
                  else Problem("empty-column-name"))
    for name in sorted({n for n in names if names.count(n) > 1}):
        error(1, name, Problem("repeated-column"))
    for name in REQUIRED_COLUMNS:
        if name not in names:
            error(1, name, Problem("missing-column"))
    if errors:
        return [], errors

    # Group consecutive rows by slug, checking the file's shape as we go.
    groups: list[tuple[str, list[tuple[int, dict[str, str]]]]] = []
    first_line: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                error(line, None, Problem("cell-count", cells=len(cells), header=len(names)))
                continue
            row = {n: restore_formula(c.strip()) for n, c in zip(names, cells, strict=True)}
            slug = row["group_slug"]
            if not slug:
                error(line, "group_slug", Problem("required"))
                continue
            if not SLUG_RE.match(slug) or len(slug) > MAX_SLUG:
                error(line, "group_slug",
                      Problem("not-a-slug", value=slug[:100], most=MAX_SLUG))
                continue
            if groups and groups[-1][0] == slug:
                _, first = groups[-1][1][0]
                differing = [c for c in GROUP_COLUMNS if c in row and row[c] != first.get(c, "")]
                if differing:
                    error(line, differing[0],
                          Problem("differs-from-line", first=first_line[slug], slug=slug))
                    continue
                groups[-1][1].append((line, row))
            elif slug in first_line:
                error(line, "group_slug",
                      Problem("duplicate-slug-rows", slug=slug, first=first_line[slug]))
            else:
                first_line[slug] = line
                groups.append((slug, [(line, row)]))
    except csv.Error as exc:
        error(reader.line_num, None, Problem("malformed-csv", detail=exc))

    listings: list[LocatedListing] = []
    for slug, lined_rows in groups:
        lines = [line for line, _ in lined_rows]
        listing, problems = validate_listing(listing_data([r for _, r in lined_rows], slug))
        if listing is None:
            for path, message in problems:
                line, column = locate(path, lines)
                error(line, column, message)
            continue
        listings.append(LocatedListing(listing, lines[0], lines))
    if not listings and not errors:
        error(None, None, Problem("no-rows"))
    return listings, errors


# --- writing ---------------------------------------------------------------------------------


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def listing_rows(listing: ListingIn) -> list[dict[str, str]]:
    """A listing as CSV rows (one per meeting), in the export's normal form."""
    base = {
        "group_slug": listing.slug or "",
        "group_name": listing.name,
        "organization": listing.organization or "",
        "description": listing.description,
        "topics": ";".join(listing.topics),
        "approach": listing.approach or "",
        "format": listing.format,
        "cost": listing.cost,
        "fee_amount": fee_text(listing.fee_cents),
        "fee_currency": listing.fee_currency or "",
        "languages": ";".join(listing.languages),
        "audience": ";".join(listing.audience),
        "access": ";".join(listing.access),
        "welcome": listing.welcome or "",
        "registration_required": "yes" if listing.registration_required else "no",
        "facilitation": listing.facilitation or "",
        "contact_email": listing.contact_email or "",
        "contact_phone": listing.contact_phone or "",
        "website": listing.website or "",
        "last_verified": listing.last_verified.isoformat() if listing.last_verified else "",
        "status": listing.status,
        "accepting_new_members": "yes" if listing.accepting_new_members else "no",
        "source": listing.source or "",
        "source_id": listing.source_id or "",
    }
    default = attendance_from_format(listing.format)
    rows = []
    for m in listing.meetings:
        place, online = m.place, m.online
        row = dict(base)
        row.update({
            "weekday": taxonomy.WEEKDAYS[m.weekday],
            "start_time": m.start_time.strftime("%H:%M"),
            "end_time": m.end_time.strftime("%H:%M") if m.end_time else "",
            "timezone": m.timezone or "",
            "recurrence": str(m.recurrence),
            "location_name": (place.name or "") if place else "",
            "address": (place.address or "") if place else "",
            "city": (place.city or "") if place else "",
            "region": (place.region or "") if place else "",
            "postal_code": (place.postal_code or "") if place else "",
            "country": (place.country or "") if place else "",
            "latitude": _number_text(place.latitude) if place else "",
            "longitude": _number_text(place.longitude) if place else "",
            "online_url": (online.url or "") if online else "",
            "online_phone": (online.phone or "") if online else "",
            "online_notes": (online.notes or "") if online else "",
            "starts_on": m.starts_on.isoformat() if m.starts_on else "",
            "ends_on": m.ends_on.isoformat() if m.ends_on else "",
            # Written only where it differs from the group's format (the CSV default).
            "attendance": "" if (m.attendance or default) == default else m.attendance,
        })
        rows.append(row)
    return rows


def rows_to_text(rows: list[dict[str, str]]) -> str:
    """CSV text (header and rows) in the listing format's column order, every cell
    neutralised against spreadsheet formulas."""
    out = io.StringIO()
    # The provenance columns are optional: written only when some listing has a source.
    columns = [c for c in CSV_COLUMNS
               if c not in OPTIONAL_PROVENANCE or any(r.get(c) for r in rows)]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(
        {name: neutralise_formula("" if value is None else str(value))
         for name, value in row.items()} for row in rows
    )
    return out.getvalue()


def listing_from_rows(rows: list[dict[str, str]], *, slug: str | None = None) -> ListingIn:
    """CSV-shaped rows of one group (column -> text) as a validated listing; raises
    ValueError naming every problem (for code and tests that hold rows, not files)."""
    listing, problems = validate_listing(listing_data(rows, slug))
    if listing is None:
        raise ValueError("; ".join(f"{'/'.join(map(str, p))}: {m}" for p, m in problems))
    return listing
