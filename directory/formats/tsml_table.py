"""The TSML "table" variant of a Meeting Guide feed: a Google Sheet or CSV file in the 12 Step
Meeting List import layout (Time, End Time, Day, Name, Location, Address, City, State,
Postal Code, Country, Types, Notes, Region, Conference URL …), read into listings.

Each row is one meeting. Headers are read as TSML reads them: case and spacing do not
matter ("End Time", "end_time" and "END TIME" are one column), and its aliases are honoured
(Zip → postal_code, Meeting → name, Location Name → location, Start Time → time). Values are
taken in the forms TSML accepts: days 0–6 or names (an empty day is a by-appointment
meeting), 12- or 24-hour times and "noon"/"midnight", `types` as a comma-separated list of
codes or of the spec's English names ("Open, Big Book, Wheelchair Access"), a ZIP code whose
leading zeros a spreadsheet dropped. A row without a slug gets one from its name (or group,
or location), unique within the sheet as TSML makes it (`name`, `name-1`, `name-2` …).
Rows then go through the Meeting Guide reader, so every rule of the spec holds and errors
name the sheet's row (its line, the header being line 1) and column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from typing import Any

from directory.formats import meeting_guide as mg_format
from directory.i18n.problems import Problem
from directory.listings.report import LocatedListing, RowError

# The spec's type codes by their English names (code4recovery/spec data/types.json), and
# TSML's legacy aliases; a code itself is accepted in any case.
TYPE_NAMES: dict[str, str] = {
    "11th step meditation": "11", "12 steps & 12 traditions": "12x12", "secular": "A",
    "as bill sees it": "ABSI", "concurrent with alateen": "AL",
    "concurrent with al-anon": "AL-AN", "amharic": "AM", "american sign language": "ASL",
    "big book": "B", "babysitting available": "BA", "newcomer": "BE", "bisexual": "BI",
    "breakfast": "BRK", "closed": "C", "candlelight": "CAN", "child-friendly": "CF",
    "discussion": "D", "danish": "DA", "digital basket": "DB", "dual diagnosis": "DD",
    "german": "DE", "daily reflections": "DR", "greek": "EL", "english": "EN",
    "persian": "FA", "fragrance free": "FF", "french": "FR", "gay": "G", "grapevine": "GR",
    "birthday": "H", "hebrew": "HE", "hindi": "HI", "croatian": "HR", "hungarian": "HU",
    "italian": "ITA", "japanese": "JA", "korean": "KOR", "lesbian": "L", "lgbtq": "LGBTQ",
    "literature": "LIT", "living sober": "LS", "lithuanian": "LT", "men": "M",
    "meditation": "MED", "malayalam": "ML", "native american": "N", "indigenous": "NDG",
    "norwegian": "NO", "open": "O", "online": "ONL", "outdoor": "OUT",
    "professionals": "P", "people of color": "POC", "polish": "POL", "portuguese": "POR",
    "punjabi": "PUN", "russian": "RUS", "spanish": "S", "seniors": "SEN", "slovak": "SK",
    "smoking permitted": "SM", "speaker": "SP", "step study": "ST", "swedish": "SV",
    "transgender": "T", "location temporarily closed": "TC", "temporary closure": "TC",
    "thai": "TH", "tagalog": "TL", "tradition study": "TR", "ukrainian": "UK",
    "women": "W", "wheelchair access": "X", "wheelchair accessible": "X",
    "wheelchair-accessible bathroom": "XB", "cross talk permitted": "XT",
    "young people": "Y",
    # TSML's aliases for older names
    "sign language": "ASL", "outdoor meeting": "OUT", "step meeting": "ST",
}
TYPE_CODES: frozenset[str] = frozenset(TYPE_NAMES.values()) | frozenset(
    {"BE", "DB", "LGBTQ", "NB", "POA", "X", "XB"})
_CODES_BY_UPPER = {code.upper(): code for code in TYPE_CODES}

# TSML's column aliases (after the header is normalised).
ALIASES: dict[str, str] = {"zip": "postal_code", "zip_code": "postal_code",
                           "postcode": "postal_code", "meeting": "name",
                           "meeting_name": "name", "location_name": "location",
                           "start_time": "time", "group_name": "group"}
# The columns a sheet may have (anything else is ignored with a warning, as TSML does).
COLUMNS: frozenset[str] = frozenset({
    "name", "slug", "day", "time", "end_time", "timezone", "location", "location_notes",
    "address", "formatted_address", "city", "state", "postal_code", "country", "latitude",
    "longitude", "approximate", "types", "notes", "group", "group_notes", "district",
    "region", "sub_region", "conference_url", "conference_url_notes", "conference_phone",
    "conference_phone_notes", "attendance_option", "updated", "url", "website", "email",
    "phone", "venmo", "paypal", "square", "author", "id",
})
_SHEET_RE = re.compile(r"^https://docs\.google\.com/spreadsheets/d/([A-Za-z0-9_-]+)")
_GID_RE = re.compile(r"[#?&]gid=(\d+)")


def column_name(header: str) -> str:
    """A header as TSML reads it: "End Time" → end_time, "Postal Code" → postal_code."""
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return ALIASES.get(name, name)


def sheet_csv_url(url: str) -> str:
    """A Google Sheet's address as its own CSV export (of the tab the address names); any
    other address as it is."""
    match = _SHEET_RE.match(url)
    if match is None or "/export" in url:
        return url
    gid = _GID_RE.search(url)
    return (f"https://docs.google.com/spreadsheets/d/{match.group(1)}/export?format=csv"
            + (f"&gid={gid.group(1)}" if gid else ""))


def looks_like_table(text: str) -> bool:
    """True for CSV text whose header has the columns of a TSML sheet (not our own CSV
    listing format, whose header starts from `group_slug`)."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head[:1] in ("[", "{", "<", ""):  # JSON, an HTML page, nothing: not a sheet
        return False
    first = head.split("\n", 1)[0]
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    names = {column_name(h) for h in header}
    return "group_slug" not in names and "day" in names and "time" in names \
        and ("name" in names or "location" in names)


def _types(value: str, warn: Any) -> list[str]:
    codes: list[str] = []
    for part in value.split(","):
        item = part.strip()
        if not item:
            continue
        code = _CODES_BY_UPPER.get(item.upper()) or TYPE_NAMES.get(item.lower())
        if code is None:
            warn(Problem("tsml-type", value=item[:60]))
            code = item
        if code not in codes:
            codes.append(code)
    return codes


def _time(value: str) -> str:
    lowered = value.strip().lower()
    return {"noon": "12:00", "midnight": "00:00"}.get(lowered, value)


def _slug_base(entry: dict[str, str]) -> str:
    for key in ("slug", "id", "name", "group", "location"):
        base = mg_format.slugify(entry.get(key, ""))
        if base:
            return base
    return ""


def table_entries(text: str, *, filename: str, warnings: list[str]
                  ) -> tuple[list[dict[str, Any]], list[int], list[RowError]]:
    """The sheet's rows as Meeting Guide entries, with each entry's line in the file."""
    errors: list[RowError] = []
    if "\x00" in text:
        return [], [], [RowError(filename, None, None, Problem("nul-bytes"))]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [], [RowError(filename, 1, None, Problem("malformed-csv", detail=exc))]
    if not header or not any(h.strip() for h in header):
        return [], [], [RowError(filename, 1, None, Problem("tsml-empty"))]
    names = [column_name(h) for h in header]
    for raw, name in zip(header, names, strict=True):
        if name and name not in COLUMNS:
            warnings.append(Problem("at-file", file=filename, message=Problem(
                "tsml-unknown-column", name=raw.strip()[:60])))
    for required in ("day", "time"):
        if required not in names:
            errors.append(RowError(filename, 1, required, Problem("missing-column")))
    if "name" not in names and "location" not in names:
        errors.append(RowError(filename, 1, "name", Problem("tsml-missing-name")))
    if errors:
        return [], [], errors
    entries: list[dict[str, Any]] = []
    lines: list[int] = []
    used: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue

            def warn(message: str, line: int = line) -> None:
                warnings.append(Problem("at-line", file=filename, line=line, message=message))

            entry: dict[str, Any] = {}
            for name, cell in zip(names, cells, strict=False):
                value = cell.strip()
                if value and name in COLUMNS and name not in entry:
                    entry[name] = value
            if "address" in entry and "@" in entry["address"][1:]:
                entry["address"] = entry["address"].split("@", 1)[0].strip()
            if entry.get("day", "").strip().isdigit():
                entry["day"] = int(entry["day"])
            for key in ("time", "end_time"):
                if key in entry:
                    entry[key] = _time(entry[key])
            if "types" in entry:
                entry["types"] = _types(entry["types"], warn)
            zip_code = entry.get("postal_code", "")
            if zip_code.isdigit() and len(zip_code) < 5 and \
                    entry.get("country", "US").upper() in ("US", "USA"):
                entry["postal_code"] = zip_code.zfill(5)
                warn(Problem("tsml-zip", value=zip_code, normal=entry["postal_code"]))
            if not entry.get("name"):
                place = entry.get("location") or entry.get("address") or "Meeting"
                entry["name"] = f"{place} by appointment" if "day" not in entry \
                    else place
            base = entry.get("slug") or _slug_base(entry)
            if base and "slug" not in entry:
                count = used.get(base, 0)
                entry["slug"] = base if count == 0 else f"{base}-{count}"
                used[base] = count + 1
            entries.append(entry)
            lines.append(line)
    except csv.Error as exc:
        return [], [], [RowError(filename, reader.line_num, None,
                                 Problem("malformed-csv", detail=exc))]
    if not entries:
        return [], [], [RowError(filename, None, None, Problem("tsml-no-meetings"))]
    return entries, lines, []


def parse_table(text: str, *, filename: str, warnings: list[str] | None = None,
                **options: Any) -> tuple[list[LocatedListing], list[RowError]]:
    """A TSML sheet (CSV text) as listings, by the Meeting Guide reader's rules; options as
    `meeting_guide.parse_feed` takes them. Errors and warnings name the sheet's lines."""
    notes: list[str] = warnings if warnings is not None else []
    entries, lines, errors = table_entries(text, filename=filename, warnings=notes)
    if errors:
        return [], errors
    feed_warnings: list[str] = []
    listings, feed_errors = mg_format.parse_feed(entries, filename=filename,
                                                 warnings=feed_warnings, **options)

    def line_of(entry: int | None) -> int | None:
        return lines[entry - 1] if entry is not None and 0 < entry <= len(lines) else entry

    prefix = f"{filename}, entry "
    for message in feed_warnings:
        if message.startswith(prefix):
            number, _, rest = message[len(prefix):].partition(":")
            if number.isdigit():
                message = f"{filename}, line {line_of(int(number))}:{rest}"
        notes.append(message)
    for item in listings:
        item.first_line = line_of(item.first_line) or item.first_line
        item.meeting_lines = [line_of(n) or n for n in item.meeting_lines]
        item.where = "line"
    return listings, [RowError(e.filename, line_of(e.line), e.field, e.message, "line")
                      for e in feed_errors]
