"""The listing form (submit, owner edit, moderator edit): raw input to CSV-shaped rows.

A listing travels through moderation in the CSV listing format (one row per meeting), so
that approving it writes through the same code as an import. This module validates what a
person typed, field by field, into `{field: message}`; it reuses the importer's parsers so
the form and the CSV accept exactly the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from directory import taxonomy
from directory.services import listings_csv as csvfmt
from directory.services.listings_csv import FieldError

# Form field name -> CSV column, for the group-level fields (the names are the same).
GROUP_TEXT_FIELDS: tuple[str, ...] = (
    "organization", "group_name", "description", "approach", "format", "cost", "fee_amount",
    "fee_currency", "languages", "welcome", "registration_required", "facilitation",
    "contact_email", "contact_phone", "website", "accepting_new_members",
)
GROUP_LIST_FIELDS: tuple[str, ...] = ("topics", "audience", "access")
MEETING_FIELDS: tuple[str, ...] = (
    "weekday", "start_time", "end_time", "timezone", "recurrence", "location_name", "address",
    "city", "region", "postal_code", "country", "online_url", "online_phone", "online_notes",
    "starts_on", "ends_on",
)
# Columns the listing form never sets: moderation owns them.
NOT_FROM_FORM: tuple[str, ...] = ("group_slug", "status", "last_verified", "latitude",
                                  "longitude")
MAX_MEETINGS = 20
MAX_OWNER_EMAIL = 254

RECURRENCE_CHOICES: dict[str, str] = {
    "weekly": "Every week",
    "monthly:1": "1st of the month",
    "monthly:2": "2nd of the month",
    "monthly:3": "3rd of the month",
    "monthly:4": "4th of the month",
    "monthly:-1": "Last of the month",
    "monthly:1,3": "1st and 3rd of the month",
    "monthly:2,4": "2nd and 4th of the month",
}


FIELD_LABELS: dict[str, str] = {
    "group_name": "Group name", "organization": "Organization", "description": "Description",
    "topics": "Topics", "approach": "Approach", "format": "Format", "welcome": "Who may attend",
    "facilitation": "Led by", "languages": "Languages",
    "accepting_new_members": "Accepting new members",
    "registration_required": "Registration required", "cost": "Cost",
    "fee_amount": "Fee amount", "fee_currency": "Currency", "audience": "Who it is for",
    "access": "Accessibility", "contact_email": "Public contact e-mail",
    "contact_phone": "Public contact phone", "website": "Website",
    "owner_email": "Your e-mail", "weekday": "Day", "start_time": "Starts at",
    "end_time": "Ends at", "timezone": "Time zone", "recurrence": "How often",
    "starts_on": "First date", "ends_on": "Last date", "location_name": "Building or room",
    "address": "Street address", "city": "City", "region": "State or region",
    "postal_code": "Postal code", "country": "Country", "online_url": "Join link",
    "online_phone": "Dial-in phone number", "online_notes": "Joining notes",
    # the report, login and reject forms share the error summary
    "kind": "What is wrong", "details": "Details", "email": "E-mail", "reason": "Reason",
    "meetings": "Meetings",
}


def field_label(name: str) -> str:
    """The label of a form field for the error summary ("Meeting 2: Starts at")."""
    parts = name.split("-", 2)
    if len(parts) == 3 and parts[0] == "m" and parts[1].isdigit():
        return f"Meeting {int(parts[1]) + 1}: {FIELD_LABELS.get(parts[2], parts[2])}"
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


@dataclass
class ListingInput:
    """What a person typed into the listing form, kept verbatim for re-rendering."""

    group: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    meetings: list[dict[str, str]] = field(default_factory=list)
    owner_email: str = ""
    # How many meetings the form carried: more than MAX_MEETINGS is refused, not cut short.
    meetings_sent: int = 0

    def value(self, name: str) -> str:
        return self.group.get(name, "")

    def values(self, name: str) -> list[str]:
        return self.lists.get(name, [])


def empty_meeting() -> dict[str, str]:
    """A blank meeting row (weekly, no place yet)."""
    return {name: "" for name in MEETING_FIELDS} | {"recurrence": "weekly"}


def blank_input() -> ListingInput:
    """An empty form with one meeting row and the usual defaults."""
    data = ListingInput(meetings=[empty_meeting()])
    data.group.update({"languages": "en", "accepting_new_members": "yes",
                       "registration_required": "no"})
    data.lists["audience"] = ["everyone"]
    return data


def input_from_form(form: Any) -> ListingInput:
    """Read a submitted form (a MultiDict) into a ListingInput; never fails."""
    data = ListingInput()
    for name in GROUP_TEXT_FIELDS:
        data.group[name] = (form.get(name) or "").strip()
    if not data.group["registration_required"]:
        data.group["registration_required"] = "no"
    for name in GROUP_LIST_FIELDS:
        data.lists[name] = [v.strip() for v in form.getlist(name) if v.strip()]
    data.owner_email = (form.get("owner_email") or "").strip()
    indices = sorted(
        {
            int(key.split("-")[1])
            for key in form
            if key.startswith("m-") and key.count("-") >= 2 and key.split("-")[1].isdigit()
        }
    )
    data.meetings_sent = len(indices)
    indices = indices[:MAX_MEETINGS]
    for i in indices:
        data.meetings.append(
            {name: (form.get(f"m-{i}-{name}") or "").strip() for name in MEETING_FIELDS}
        )
    if not data.meetings:
        data.meetings.append(empty_meeting())
    return data


def input_from_rows(rows: list[dict[str, str]], *, owner_email: str = "") -> ListingInput:
    """A ListingInput showing stored CSV-shaped rows (for the edit forms)."""
    data = ListingInput(owner_email=owner_email)
    first = rows[0] if rows else {}
    for name in GROUP_TEXT_FIELDS:
        data.group[name] = first.get(name, "")
    for name in GROUP_LIST_FIELDS:
        data.lists[name] = [c for c in first.get(name, "").split(";") if c]
    for row in rows:
        data.meetings.append({name: row.get(name, "") for name in MEETING_FIELDS})
    if not data.meetings:
        data.meetings.append(empty_meeting())
    return data


def _message(exc: Exception) -> str:
    text = str(exc)
    if text.startswith("is ") or text.startswith("contains "):
        text = "This " + text
    return text[:1].upper() + text[1:]


def _required(value: str) -> str:
    if not value:
        raise FieldError("is required")
    return value


def _group_checks() -> dict[str, Callable[[str], Any]]:
    return {
        "organization": lambda v: v,
        "group_name": _required,
        "description": lambda v: v,
        "approach": lambda v: csvfmt._code(v, taxonomy.APPROACHES, "approach"),
        "format": lambda v: csvfmt._code(_required(v), taxonomy.FORMATS, "format"),
        "cost": lambda v: csvfmt._code(_required(v), taxonomy.COSTS, "cost"),
        "fee_amount": csvfmt._fee_cents,
        "fee_currency": csvfmt._currency,
        "languages": csvfmt._languages,
        "welcome": lambda v: csvfmt._code(v, taxonomy.WELCOME, "welcome"),
        "registration_required": lambda v: csvfmt._yes_no(v, False),
        "facilitation": lambda v: csvfmt._code(v, taxonomy.FACILITATION, "facilitation"),
        "contact_email": csvfmt._email,
        "contact_phone": csvfmt._phone,
        "website": csvfmt._url,
        "accepting_new_members": lambda v: csvfmt._yes_no(v, True),
    }


def _meeting_checks() -> dict[str, Callable[[str], Any]]:
    return {
        "weekday": csvfmt._weekday,
        "start_time": lambda v: csvfmt.parse_time(_required(v)),
        "end_time": lambda v: csvfmt.parse_time(v) if v else None,
        "timezone": lambda v: csvfmt._timezone(_required(v)),
        "recurrence": csvfmt._recurrence,
        "location_name": lambda v: v,
        "address": lambda v: v,
        "city": lambda v: v,
        "region": lambda v: v,
        "postal_code": lambda v: v,
        "country": csvfmt._country,
        "online_url": csvfmt._url,
        "online_phone": csvfmt._phone,
        "online_notes": lambda v: v,
        "starts_on": lambda v: csvfmt.parse_date(v) if v else None,
        "ends_on": lambda v: csvfmt.parse_date(v) if v else None,
    }


def _check(value: str, name: str, parse: Callable[[str], Any]) -> Any:
    return parse(csvfmt._checked_text(value, name))


def validate_listing(
    data: ListingInput, *, slug: str = "new-listing"
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Validate a ListingInput into CSV-shaped rows; returns (rows, {field: message}).

    Meeting fields are reported as `m-<index>-<field>`. Rows are only meaningful when the
    error dict is empty.
    """
    errors: dict[str, str] = {}
    if data.meetings_sent > MAX_MEETINGS:
        errors["meetings"] = (f"The form had {data.meetings_sent} meetings; a listing can have "
                              f"at most {MAX_MEETINGS}. Only the first {MAX_MEETINGS} are shown: "
                              "list the others as a second group.")
    for name, parse in _group_checks().items():
        try:
            _check(data.value(name), name, parse)
        except FieldError as exc:
            errors[name] = _message(exc)
    vocabularies = {"topics": taxonomy.TOPICS, "audience": taxonomy.AUDIENCES,
                    "access": taxonomy.ACCESS}
    for name, vocabulary in vocabularies.items():
        try:
            csvfmt._codes(";".join(data.values(name)), vocabulary, name.rstrip("s"))
        except FieldError as exc:
            errors[name] = _message(exc)
    if not data.values("topics") and "topics" not in errors:
        errors["topics"] = "Choose at least one topic."
    if data.owner_email:
        try:
            if len(data.owner_email) > MAX_OWNER_EMAIL:
                raise FieldError(f"is {len(data.owner_email)} characters long; the limit is "
                                 f"{MAX_OWNER_EMAIL}")
            csvfmt._email(csvfmt._checked_text(data.owner_email, "owner_email"))
        except FieldError as exc:
            errors["owner_email"] = _message(exc)
    meeting_checks = _meeting_checks()
    for i, meeting in enumerate(data.meetings):
        for name, parse in meeting_checks.items():
            try:
                _check(meeting.get(name, ""), name, parse)
            except FieldError as exc:
                errors[f"m-{i}-{name}"] = _message(exc)
    rows = rows_from_input(data, slug=slug)
    if errors:
        return rows, errors
    # Cross-field rules (fee with cost, place for in-person, …) are the importer's own.
    _, row_errors = csvfmt.parse_listing_csv(csvfmt._rows_to_text(rows), filename="form")
    for error in row_errors:
        index = (error.line or 2) - 2
        name = error.field or "group_name"
        key = name if name in GROUP_TEXT_FIELDS or name in GROUP_LIST_FIELDS else (
            f"m-{index}-{name}"
        )
        if name in ("latitude", "longitude"):
            key = f"m-{index}-address"
        errors.setdefault(key, _message(error.message))
    return rows, errors


def rows_from_input(data: ListingInput, *, slug: str) -> list[dict[str, str]]:
    """The CSV-shaped rows (one per meeting) of a ListingInput, with normalised codes."""
    base = {name: data.value(name) for name in GROUP_TEXT_FIELDS}
    base["group_name"] = data.value("group_name")
    for name in GROUP_LIST_FIELDS:
        base[name] = ";".join(data.values(name))
    base["languages"] = ";".join(
        c.strip().lower() for c in data.value("languages").replace(",", ";").split(";")
        if c.strip()
    )
    base["fee_currency"] = data.value("fee_currency").upper()
    base["group_slug"] = slug
    rows = []
    for meeting in data.meetings:
        row = dict(base)
        row.update({name: meeting.get(name, "") for name in MEETING_FIELDS})
        row["weekday"] = row["weekday"].lower()
        for name in ("start_time", "end_time"):
            # 7:00 and 07:00 are the same time; store the importer's normal form.
            if csvfmt.TIME_RE.match(row[name]):
                row[name] = row[name].zfill(5)
        row["country"] = row["country"].upper()
        rows.append(row)
    return rows


def editable_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Stored rows without the columns that only moderation sets (for diffs and forms)."""
    return [{k: v for k, v in row.items() if k not in NOT_FROM_FORM} for row in rows]


def first_place(rows: list[dict[str, str]]) -> Mapping[str, str]:
    """The first meeting row that names a place or an online link (for duplicate checks)."""
    for row in rows:
        if any(row.get(k) for k in ("address", "postal_code", "city", "online_url")):
            return row
    return rows[0] if rows else {}


_ZONES: tuple[str, ...] = ()


def timezone_choices() -> tuple[str, ...]:
    """IANA zone names offered in the form (Region/City names, sorted; cached)."""
    global _ZONES
    if not _ZONES:
        _ZONES = tuple(sorted(z for z in csvfmt.iana_zones() if csvfmt.is_iana_zone(z)))
    return _ZONES


def form_vocabularies() -> dict[str, Any]:
    """The closed vocabularies as the form shows them."""
    return {
        "topics": {t.code: t.label for t in taxonomy.TOPIC_LIST},
        "weekdays": taxonomy.WEEKDAY_LABELS,
        "recurrences": RECURRENCE_CHOICES,
        "yes_no": {"yes": "Yes", "no": "No"},
        "zones": timezone_choices(),
    }


def apply_row_action(data: ListingInput, action: str) -> bool:
    """Apply an "add meeting" / "remove meeting N" button to the form; True when the
    action was one of them (the form is then shown again, nothing is saved)."""
    if action == "add_meeting":
        if len(data.meetings) < MAX_MEETINGS:
            data.meetings.append(empty_meeting())
        return True
    if action.startswith("remove_meeting:"):
        index = action.split(":", 1)[1]
        if index.isdigit() and int(index) < len(data.meetings) and len(data.meetings) > 1:
            del data.meetings[int(index)]
        return True
    return False
