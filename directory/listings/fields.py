"""The value types of a listing: one parser per kind of value, and the annotated types the
listing schema is made of.

Every parser takes what a person or a file wrote (text) or an already-typed value, and
either returns the normal form or raises :class:`FieldError` with a message written for the
person who typed it ("'7pm' is not a time in HH:MM (24-hour) form"). The same parsers serve
the CSV format, the listing form and the feeds, so they all accept and refuse the same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

from directory import taxonomy

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
# The listing form and the feeds also take 7pm, 7:30 pm, 7.30pm, 12 noon and 19h30.
LOOSE_TIME_RE = re.compile(
    r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?$", re.IGNORECASE
)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+\.[^\s<>\"']+$", re.IGNORECASE)
# A phone number, or the Meeting Guide one-tap form: +15550100,,123456#,,,,*4321#
PHONE_RE = re.compile(r"^\+?[0-9 ().\-]{7,40}(?:[,;]+[0-9*#]+#?)*[,;*#]*$")
RECURRENCE_RE = re.compile(r"^monthly:(-1|[1-5])(,(-1|[1-5]))*$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MAX_LENGTHS: dict[str, int] = {
    "group_name": 200, "organization": 200, "description": 4000, "contact_email": 254,
    "contact_phone": 40, "website": 500, "location_name": 200, "address": 300, "city": 120,
    "region": 120, "postal_code": 20, "online_url": 500, "online_phone": 100,
    "online_notes": 500, "group_slug": 80,
    # Provenance and what a data source keeps per meeting.
    "source": 200, "source_id": 200, "meeting_name": 200, "meeting_notes": 4000,
    "location_notes": 1000, "source_slug": 200, "source_type": 40, "source_region": 120,
}
MAX_SLUG = MAX_LENGTHS["group_slug"]
ATTENDANCE = taxonomy.ATTENDANCE


class FieldError(ValueError):
    """A bad value in one field; the message is shown to the person importing or typing."""


_IANA_ZONES: frozenset[str] | None = None


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


# --- text ------------------------------------------------------------------------------------


def check_text(value: str, name: str) -> str:
    """Refuse control characters and text over the field's length limit."""
    if CONTROL_RE.search(value):
        raise FieldError("contains control characters")
    limit = MAX_LENGTHS.get(name)
    if limit is not None and len(value) > limit:
        raise FieldError(f"is {len(value)} characters long; the limit is {limit}")
    return value


def required(value: str) -> str:
    if not value:
        raise FieldError("is required")
    return value


def optional(value: str) -> str | None:
    return value or None


# --- codes -----------------------------------------------------------------------------------


def parse_codes(value: str | list[str] | tuple[str, ...], vocabulary: dict[str, Any] | None,
                what: str) -> list[str]:
    """`a;b` (or a list) of codes of one vocabulary, de-duplicated in order."""
    items = value.split(";") if isinstance(value, str) else list(value)
    codes = [str(c).strip() for c in items if str(c).strip()]
    seen: list[str] = []
    for code in codes:
        if vocabulary is not None and code not in vocabulary:
            known = ", ".join(vocabulary)
            raise FieldError(f"unknown {what} code '{code}' (use one of: {known})")
        if code not in seen:
            seen.append(code)
    return seen


def parse_code(value: str | None, vocabulary: dict[str, Any], what: str) -> str | None:
    if not value:
        return None
    if value not in vocabulary:
        raise FieldError(f"unknown {what} code '{value}' (use one of: {', '.join(vocabulary)})")
    return value


def parse_languages(value: str | list[str]) -> list[str]:
    text = value if isinstance(value, str) else ";".join(value)
    codes = parse_codes(text.lower().replace(",", ";"), None, "language")
    for code in codes:
        if not taxonomy.is_language_code(code):
            raise FieldError(f"'{code}' is not a two-letter ISO 639-1 language code")
    return codes


# --- times and dates -------------------------------------------------------------------------


def parse_time(value: str | time) -> time:
    """HH:MM, 24-hour, into a time; anything else raises FieldError."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if not value:
        raise FieldError("is required")
    match = TIME_RE.match(value)
    if not match:
        raise FieldError(f"'{value}' is not a time in HH:MM (24-hour) form")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise FieldError(f"'{value}' is not a possible time (00:00 to 23:59)")
    return time(hour, minute)


def normal_time_text(value: str) -> str:
    """A time as people write it (7pm, 7:30 PM, 19.30, 19h30, noon) in HH:MM form; text that
    is not recognisably a time is returned as it was, for :func:`parse_time` to refuse."""
    text = value.strip().lower()
    if text in ("noon", "midday", "12 noon"):
        return "12:00"
    if text == "midnight":
        return "00:00"
    match = LOOSE_TIME_RE.match(text)
    if not match:
        return value.strip()
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    marker = (match.group(3) or "").replace(".", "")
    if marker:
        if not 1 <= hour <= 12:
            return value.strip()
        hour = hour % 12 + (12 if marker == "pm" else 0)
    elif match.group(2) is None:
        return value.strip()  # a bare number is not a time
    return f"{hour:02d}:{minute:02d}"


def parse_date(value: str | date) -> date:
    """YYYY-MM-DD into a date; anything else raises FieldError."""
    if isinstance(value, date):
        return value
    if not DATE_RE.match(value):
        raise FieldError(f"'{value}' is not a date in YYYY-MM-DD form")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"'{value}' is not a possible date") from None


def parse_weekday(value: str | int) -> int:
    """mon…sun (any case) or 0–6 (Monday = 0)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= 6:
            return value
        raise FieldError(f"'{value}' is not a weekday (mon, tue, wed, thu, fri, sat or sun)")
    lowered = str(value).lower()
    if not lowered:
        raise FieldError("is required (mon, tue, wed, thu, fri, sat or sun)")
    if lowered not in taxonomy.WEEKDAYS:
        raise FieldError(f"'{value}' is not a weekday (mon, tue, wed, thu, fri, sat or sun)")
    return taxonomy.WEEKDAYS.index(lowered)


def parse_timezone(value: str | None) -> str | None:
    if not value:
        return None
    if not is_iana_zone(value):
        raise FieldError(
            f"'{value}' is not an IANA time zone name such as America/Chicago "
            "(UTC offsets and abbreviations are not accepted)"
        )
    return value


@dataclass(frozen=True)
class Recurrence:
    """How often a meeting happens: every week, or on some weekdays of the month.

    ``positions`` is empty for weekly; otherwise the 1st…5th (1–5) or last (-1) such weekday.
    """

    positions: tuple[int, ...] = ()

    @classmethod
    def parse(cls, value: str | Recurrence | None) -> Recurrence:
        if isinstance(value, Recurrence):
            return value
        if not value or value == "weekly":
            return cls()
        if RECURRENCE_RE.match(value):
            positions = {int(p) for p in value.removeprefix("monthly:").split(",")}
            return cls(tuple(sorted(positions, key=lambda p: (p < 0, p))))
        raise FieldError(
            f"'{value}' is not a recurrence: use weekly, or monthly:1,3 (1st and 3rd) or "
            "monthly:-1 (last)"
        )

    def __str__(self) -> str:
        if not self.positions:
            return "weekly"
        return "monthly:" + ",".join(str(p) for p in self.positions)

    @property
    def weekly(self) -> bool:
        return not self.positions

    def rrule(self, weekday: int) -> dict[str, Any]:
        """The iCalendar RRULE parts for a meeting on `weekday` (0 = Monday)."""
        day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[weekday]
        if self.weekly:
            return {"FREQ": "WEEKLY", "BYDAY": day}
        return {"FREQ": "MONTHLY", "BYDAY": [f"{p}{day}" for p in self.positions]}

    def label(self) -> str:
        """"Every week", "1st and 3rd of the month", "Last of the month"."""
        if self.weekly:
            return "Every week"
        names = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "Last"}
        words = [names[p] for p in self.positions]
        text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        if words[0] == "Last" or len(words) == 1:
            return f"{text} of the month"
        return f"{text} of the month"


# --- contact, money, places ----------------------------------------------------------------


def parse_email(value: str | None) -> str | None:
    if not value:
        return None
    if not EMAIL_RE.match(value):
        raise FieldError(f"'{value}' is not an e-mail address")
    return value


def parse_url(value: str | None) -> str | None:
    if not value:
        return None
    if not URL_RE.match(value):
        raise FieldError(f"'{value}' is not a web address starting with http:// or https://")
    return value


def parse_phone(value: str | None) -> str | None:
    """A phone number, or a one-tap dial string (`+15550100,,123456#`) as feeds publish."""
    if not value:
        return None
    number = re.split(r"[,;*#]", value, maxsplit=1)[0]
    if not PHONE_RE.match(value) or sum(ch.isdigit() for ch in number) < 7:
        raise FieldError(f"'{value}' is not a phone number")
    return value


def parse_fee_cents(value: str | int | None) -> int | None:
    """An amount such as 10 or 12.50 into cents."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FieldError(f"'{value}' is not an amount such as 10 or 12.50") from None
    if not amount.is_finite() or amount < 0 or amount > 100000:
        raise FieldError(f"'{value}' is not an amount between 0 and 100000")
    if amount != amount.quantize(Decimal("0.01")):
        raise FieldError(f"'{value}' has more than two decimal places")
    return int(amount * 100)


def fee_text(cents: int | None) -> str:
    """Cents as the CSV format writes an amount (10, 12.50)."""
    if cents is None:
        return ""
    whole, part = divmod(cents, 100)
    return str(whole) if part == 0 else f"{whole}.{part:02d}"


def parse_currency(value: str | None) -> str | None:
    if not value:
        return None
    if not CURRENCY_RE.match(value.upper()):
        raise FieldError(f"'{value}' is not a three-letter currency code such as USD")
    return value.upper()


def parse_country(value: str | None) -> str | None:
    if not value:
        return None
    upper = value.upper()
    if upper == "UK":
        upper = "GB"
    if not COUNTRY_RE.match(upper):
        raise FieldError(f"'{value}' is not a two-letter country code such as US, CA, GB, AU")
    return upper


def parse_coordinate(value: str | float | None, limit: float, what: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise FieldError(f"'{value}' is not a number") from None
    if not -limit <= number <= limit:
        raise FieldError(f"{what} must be between -{limit:g} and {limit:g}")
    return round(number, 6)


def parse_yes_no(value: str | bool | None, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if not value:
        return default
    lowered = value.lower()
    if lowered in ("yes", "no"):
        return lowered == "yes"
    raise FieldError(f"'{value}' must be yes or no")


def parse_slug(value: str | int) -> str:
    slug = str(value)
    if not slug:
        raise FieldError("is required")
    if not SLUG_RE.match(slug) or len(slug) > MAX_SLUG:
        raise FieldError(
            f"'{slug[:100]}' is not a slug (lowercase letters, digits and single hyphens, "
            f"at most {MAX_SLUG} characters)"
        )
    return slug


# --- annotated types for the schema --------------------------------------------------------


def _field(parse: Any, name: str | None = None) -> BeforeValidator:
    """A pydantic validator running `parse` (after the text checks) with our own message."""

    def run(value: Any) -> Any:
        try:
            if value.__class__ is str and value:  # "" (most cells) needs no text checks
                value = value.strip()
                if name is not None:
                    check_text(value, name)
            return parse(value)
        except FieldError as exc:
            raise PydanticCustomError("circles", str(exc)) from None

    return BeforeValidator(run)


def Text(name: str) -> Any:  # noqa: N802 - reads as a type in the schema
    """Plain text of field `name` (length limit, no control characters); empty → None."""
    return Annotated[str | None, _field(lambda v: v or None, name)]


Slug = Annotated[str, _field(parse_slug)]
Email = Annotated[str | None, _field(parse_email, "contact_email")]
WebUrl = Annotated[str | None, _field(parse_url, "website")]
Phone = Annotated[str | None, _field(parse_phone, "online_phone")]
IanaZone = Annotated[str | None, _field(parse_timezone)]
Country = Annotated[str | None, _field(parse_country)]
Currency = Annotated[str | None, _field(parse_currency)]
Money = Annotated[int | None, _field(parse_fee_cents)]
Weekday = Annotated[int, _field(parse_weekday)]
def _clock_text(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


Clock = Annotated[time, _field(parse_time), PlainSerializer(_clock_text, return_type=str)]
OptionalClock = Annotated[time | None, _field(lambda v: parse_time(v) if v else None),
                          PlainSerializer(_clock_text, return_type=str | None)]
Day = Annotated[date | None, _field(lambda v: parse_date(v) if v else None)]
RecurrenceField = Annotated[
    Recurrence, _field(Recurrence.parse), PlainSerializer(str, return_type=str)
]
Latitude = Annotated[float | None, _field(lambda v: parse_coordinate(v, 90, "latitude"))]
Longitude = Annotated[float | None, _field(lambda v: parse_coordinate(v, 180, "longitude"))]


def Code(vocabulary: dict[str, Any], what: str) -> Any:  # noqa: N802
    """One code of a closed vocabulary, or None."""
    return Annotated[str | None, _field(lambda v: parse_code(v, vocabulary, what))]


def Codes(vocabulary: dict[str, Any] | None, what: str) -> Any:  # noqa: N802
    """Several codes of a closed vocabulary (`a;b` or a list)."""
    return Annotated[list[str], _field(lambda v: parse_codes(v or [], vocabulary, what))]


def parse_texts(value: Any, name: str) -> list[str]:
    """A list of short texts (a source's own type codes, its regions); `a;b` or a list."""
    if value is None or value == "":
        return []
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise FieldError("must be a list of texts")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str | int) or isinstance(item, bool):
            raise FieldError("must be a list of texts")
        text = check_text(str(item).strip(), name)
        if text and text not in out:
            out.append(text)
    if len(out) > 50:
        raise FieldError("has more than 50 entries")
    return out


def Texts(name: str) -> Any:  # noqa: N802
    """Several short texts of field `name` (the source's types, regions)."""
    return Annotated[list[str], _field(lambda v: parse_texts(v, name))]


Languages = Annotated[list[str], _field(lambda v: parse_languages(v or []))]


def YesNo(default: bool) -> Any:  # noqa: N802
    return Annotated[bool, _field(lambda v: parse_yes_no(v, default))]
