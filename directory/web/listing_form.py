"""The listing form (submit, owner edit, moderator edit): what a person typed, to a listing.

The form's text is kept verbatim (`ListingInput`) so that a form with errors is shown again
exactly as typed; it validates straight into the listing schema (`ListingIn`), whose
messages the CSV importer shares, and reports `{field: message}` with meeting fields as
`m-<index>-<field>`. Times may be typed as people write them (19:00, 7:00 pm, 7pm); a
meeting with an address needs no time zone (it is filled from the place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from directory import taxonomy
from directory.formats.csv import listing_rows
from directory.i18n import labels, problems
from directory.i18n.text import gettext
from directory.listings import fields as lf
from directory.listings.fields import ATTENDANCE, FieldError
from directory.listings.schema import ListingIn
from directory.listings.schema import validate_listing as validate_schema
from directory.listings.store import Geocoder, prepare_listing

# Form field name -> CSV column, for the group-level fields (the names are the same).
GROUP_TEXT_FIELDS: tuple[str, ...] = (
    "organization", "group_name", "description", "approach", "format", "cost", "fee_amount",
    "fee_currency", "languages", "welcome", "registration_required", "facilitation",
    "contact_email", "contact_phone", "website", "accepting_new_members",
)
GROUP_LIST_FIELDS: tuple[str, ...] = ("topics", "audience", "access")
MEETING_FIELDS: tuple[str, ...] = (
    "weekday", "start_time", "end_time", "timezone", "recurrence", "attendance",
    "location_name", "address", "city", "region", "postal_code", "country", "online_url",
    "online_phone", "online_notes", "starts_on", "ends_on", "overnight",
)
OCLOCK_RE = re.compile(r"^\d{2}:\d{2}$")  # normal_time_text's HH:MM, comparable as text
OVERNIGHT_ERROR = ("This is not after the start time. If the meeting runs past midnight, "
                   "tick “Ends after midnight”")
ZONE_NOT_FOUND = ("We could not work out the time zone from this address: choose it from "
                  "the list")
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
    "attendance": "How to attend",
    "starts_on": "First date", "ends_on": "Last date", "location_name": "Building or room",
    "address": "Street address", "city": "City", "region": "State or region",
    "postal_code": "Postal code", "country": "Country", "online_url": "Join link",
    "online_phone": "Dial-in phone number", "online_notes": "Joining notes",
    "overnight": "Ends after midnight",
    # the report, login and reject forms share the error summary
    "kind": "What is wrong", "details": "Details", "email": "E-mail", "reason": "Reason",
    "meetings": "Meetings",
}


def field_label(name: str) -> str:
    """The label of a form field for the error summary ("Meeting 2: Starts at")."""
    parts = name.split("-", 2)
    if len(parts) == 3 and parts[0] == "m" and parts[1].isdigit():
        label = labels.translate(FIELD_LABELS.get(parts[2], parts[2]))
        return gettext("Meeting %(number)s: %(field)s", number=int(parts[1]) + 1, field=label)
    if name in FIELD_LABELS:
        return labels.translate(FIELD_LABELS[name])
    return name.replace("_", " ").capitalize()


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
        data.meetings[-1]["overnight"] = "yes" if data.meetings[-1]["overnight"] else ""
    if not data.meetings:
        data.meetings.append(empty_meeting())
    return data


def input_from_listing(listing: ListingIn | None, *, owner_email: str = "") -> ListingInput:
    """A ListingInput showing a stored listing (for the edit forms)."""
    data = ListingInput(owner_email=owner_email)
    rows = listing_rows(listing) if listing is not None else []
    first = rows[0] if rows else {}
    for name in GROUP_TEXT_FIELDS:
        data.group[name] = first.get(name, "")
    for name in GROUP_LIST_FIELDS:
        data.lists[name] = [c for c in first.get(name, "").split(";") if c]
    for row, meeting in zip(rows, listing.meetings if listing else [], strict=True):
        data.meetings.append({name: row.get(name, "") for name in MEETING_FIELDS})
        data.meetings[-1]["attendance"] = meeting.attendance or ""
        ends_next_day = meeting.end_time is not None and meeting.end_time <= meeting.start_time
        data.meetings[-1]["overnight"] = "yes" if ends_next_day else ""
    if not data.meetings:
        data.meetings.append(empty_meeting())
    return data


def _message(exc: Exception) -> str:
    message = exc.args[0] if isinstance(exc, Exception) and exc.args and \
        isinstance(exc.args[0], str) else exc
    text = str(message)
    if text.startswith("is ") or text.startswith("contains "):
        return "This " + text  # the form's own wording (i18n/messages.py)
    # A schema rule built as a Problem stays one: said in the reader's language, its values
    # in words ("Una reunión híbrida necesita un lugar…").
    return problems.sentence(message) if isinstance(message, problems.Problem) else \
        text[:1].upper() + text[1:]


def _form_data(data: ListingInput, slug: str | None) -> dict[str, Any]:
    """The typed form as the plain dict the listing schema validates."""
    group = data.group
    out: dict[str, Any] = {
        "slug": slug, "name": group.get("group_name", ""),
        "organization": group.get("organization", ""),
        "description": group.get("description", ""), "topics": data.values("topics"),
        "approach": group.get("approach", ""), "format": group.get("format", ""),
        "cost": group.get("cost", ""), "fee_cents": group.get("fee_amount", ""),
        "fee_currency": group.get("fee_currency", ""),
        "languages": group.get("languages", ""), "audience": data.values("audience"),
        "access": data.values("access"), "welcome": group.get("welcome", ""),
        "registration_required": group.get("registration_required", ""),
        "facilitation": group.get("facilitation", ""),
        "contact_email": group.get("contact_email", ""),
        "contact_phone": group.get("contact_phone", ""), "website": group.get("website", ""),
        "accepting_new_members": group.get("accepting_new_members", ""),
        "meetings": [],
    }
    for m in data.meetings:
        out["meetings"].append({
            "weekday": m.get("weekday", "").lower(),
            "start_time": lf.normal_time_text(m.get("start_time", "")),
            "end_time": lf.normal_time_text(m.get("end_time", "")),
            "timezone": m.get("timezone", ""),
            "recurrence": m.get("recurrence", ""),
            "attendance": m.get("attendance", ""),
            "starts_on": m.get("starts_on", ""), "ends_on": m.get("ends_on", ""),
            "place": {"name": m.get("location_name", ""), "address": m.get("address", ""),
                      "city": m.get("city", ""), "region": m.get("region", ""),
                      "postal_code": m.get("postal_code", ""),
                      "country": m.get("country", "")},
            "online": {"url": m.get("online_url", ""), "phone": m.get("online_phone", ""),
                       "notes": m.get("online_notes", "")},
        })
    return out


def _form_key(path: tuple) -> str:
    if path and path[0] == "meetings" and len(path) >= 3:
        name = str(path[2])
        if name in ("latitude", "longitude"):
            name = "address"
        return f"m-{path[1]}-{name}"
    return str(path[0]) if path else "group_name"


def validate_listing(
    data: ListingInput, *, slug: str | None = None, geocoder: Geocoder | None = None,
) -> tuple[ListingIn | None, dict[str, str]]:
    """Validate a ListingInput into a ListingIn; returns (listing, {field: message}).

    Every error is reported at once. With a `geocoder`, a meeting with no time zone gets the
    zone of its address, and one whose zone cannot be found is a field error."""
    errors: dict[str, str] = {}
    if data.meetings_sent > MAX_MEETINGS:
        errors["meetings"] = (f"The form had {data.meetings_sent} meetings; a listing can have "
                              f"at most {MAX_MEETINGS}. Only the first {MAX_MEETINGS} are shown: "
                              "list the others as a second group.")
    if data.owner_email:
        try:
            if len(data.owner_email) > MAX_OWNER_EMAIL:
                raise FieldError(f"is {len(data.owner_email)} characters long; the limit is "
                                 f"{MAX_OWNER_EMAIL}")
            lf.parse_email(lf.check_text(data.owner_email, "owner_email"))
        except FieldError as exc:
            errors["owner_email"] = _message(exc)
    form = _form_data(data, slug)
    listing, problems = validate_schema(form)
    if listing is None:
        for path, message in problems:
            errors.setdefault(_form_key(path), _message(message))
    if not data.values("topics"):
        errors["topics"] = "Choose at least one topic."
    for i, meeting in enumerate(form["meetings"]):
        start, end = meeting["start_time"], meeting["end_time"]
        if (OCLOCK_RE.match(start) and OCLOCK_RE.match(end) and end <= start
                and data.meetings[i].get("overnight") != "yes"):
            errors.setdefault(f"m-{i}-end_time", OVERNIGHT_ERROR)
        if not meeting["timezone"] and not any(meeting["place"].values()):
            errors.setdefault(f"m-{i}-timezone", "This is required for a meeting without an "
                              "address: choose the time zone from the list")
    if listing is not None and geocoder is not None and not errors:
        prepared = prepare_listing(listing, geocoder=geocoder)
        for path, _ in prepared.problems:
            errors.setdefault(_form_key(path), ZONE_NOT_FOUND)
    if errors:
        return None, errors
    return listing, errors


_ZONES: tuple[str, ...] = ()


def timezone_choices() -> tuple[str, ...]:
    """IANA zone names offered in the form (Region/City names, sorted; cached)."""
    global _ZONES
    if not _ZONES:
        _ZONES = tuple(sorted(z for z in lf.iana_zones() if lf.is_iana_zone(z)))
    return _ZONES


def form_vocabularies() -> dict[str, Any]:
    """The closed vocabularies as the form shows them."""
    return {
        "topics": {t.code: labels.translate(t.label) for t in taxonomy.TOPIC_LIST},
        "weekdays": labels.LabelTable(taxonomy.WEEKDAY_LABELS),
        "recurrences": labels.LabelTable(RECURRENCE_CHOICES),
        "attendance": labels.LabelTable(ATTENDANCE),
        "yes_no": {"yes": gettext("Yes"), "no": gettext("No")},
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
