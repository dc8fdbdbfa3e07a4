"""The listing schema: what one group with its meetings is, whoever wrote it.

Every producer validates into :class:`ListingIn` — CSV rows of one slug, the listing form, a
Meeting Guide entry, a stored revision — and :func:`directory.listings.store.write_listing`
is its only consumer. Each meeting carries its own attendance (in person, online, hybrid or
temporarily closed) and its own place and/or online details, so a group may meet in person
on Tuesdays and online on Saturdays.

Errors come back as ``[(path, message)]`` where `path` names the field the way the CSV
format and the form do (``("group_name",)``, ``("meetings", 1, "start_time")``), with the
same wording the importer always used.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Field, SQLModel

from directory import taxonomy
from directory.i18n import problems
from directory.i18n.problems import Problem
from directory.listings import fields as f

PLACE_FIELDS = ("name", "address", "city", "region", "postal_code", "country", "latitude",
                "longitude")
ONLINE_FIELDS = ("url", "phone", "notes")
REMOTE_FORMATS = ("online", "phone")
MAX_MEETINGS = 100


class PlaceIn(SQLModel):
    """Where an in-person meeting happens. Coordinates may be filled by the geocoder."""

    name: f.Text("location_name") = None
    address: f.Text("address") = None
    city: f.Text("city") = None
    region: f.Text("region") = None
    postal_code: f.Text("postal_code") = None
    country: f.Country = None
    latitude: f.Latitude = None
    longitude: f.Longitude = None
    approximate: bool = False

    @model_validator(mode="after")
    def _coordinates_together(self) -> PlaceIn:
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise _located((missing,), Problem("coordinates-together"))
        return self

    def is_empty(self) -> bool:
        """No field given (PLACE_FIELDS, each None or "")."""
        return (self.name in (None, "") and self.address in (None, "")
                and self.city in (None, "") and self.region in (None, "")
                and self.postal_code in (None, "") and self.country in (None, "")
                and self.latitude in (None, "") and self.longitude in (None, ""))

    def describes_somewhere(self) -> bool:
        """A street address, city, postcode, country or coordinates (a name alone is not)."""
        return bool(self.address or self.city or self.postal_code or self.country
                    or self.latitude is not None)

    def key(self) -> tuple:
        return tuple(getattr(self, k) for k in PLACE_FIELDS)


class OnlineIn(SQLModel):
    """How to join a meeting online or by phone."""

    url: f.WebUrl = None
    phone: f.Phone = None
    notes: f.Text("online_notes") = None

    def is_empty(self) -> bool:
        return not (self.url or self.phone or self.notes)


class _JoinDetails(SQLModel):
    """What every meeting keeps, scheduled or by appointment: how to attend (place and/or
    join details) and what a data source says of it (its own name, notes, slug, types,
    regions). Empty place or join parts are dropped."""

    timezone: f.IanaZone = None
    # None: the group's format decides (in-person → in-person, online/phone → online…).
    attendance: f.Code(f.ATTENDANCE, "attendance") = None
    place: PlaceIn | None = None
    online: OnlineIn | None = None
    name: f.Text("meeting_name") = None
    notes: f.Text("meeting_notes") = None
    location_notes: f.Text("location_notes") = None
    source_slug: f.Text("source_slug") = None
    source_types: f.Texts("source_type") = Field(default_factory=list)
    regions: f.Texts("source_region") = Field(default_factory=list)

    @model_validator(mode="after")
    def _drop_empty_parts(self) -> _JoinDetails:
        if self.place is not None and self.place.is_empty():
            self.place = None
        if self.online is not None and self.online.is_empty():
            self.online = None
        return self


class MeetingIn(_JoinDetails):
    """One recurring meeting: when, how often, and how to attend it."""

    weekday: f.Weekday
    start_time: f.Clock
    end_time: f.OptionalClock = None
    recurrence: f.RecurrenceField = Field(default_factory=f.Recurrence)
    starts_on: f.Day = None
    ends_on: f.Day = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> MeetingIn:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise _located(("ends_on",), Problem("before-starts-on"))
        return self

    def attendance_for(self, group_format: str) -> str:
        """This meeting's attendance, defaulting from the group's format."""
        if self.attendance:
            return self.attendance
        return attendance_from_format(group_format)

    def identity(self) -> tuple:
        """What makes two meetings of a group "the same meeting" (for diffs and duplicates)."""
        return (self.weekday, self.start_time, str(self.recurrence))


class AppointmentIn(_JoinDetails):
    """A meeting "by appointment" (a Meeting Guide entry with no `day`, as the spec
    allows): no schedule, but its own name, notes, slug, types, regions, attendance, place
    and join details, kept as the source gave them so that they survive our exports."""


attendance_from_format = taxonomy.attendance_from_format


def effective_format(group_format: str, attendances: list[str]) -> str:
    """The group's format in searches: a group mixing in-person and online meetings is
    hybrid; temporarily closed meetings do not count; a group whose meetings all follow its
    format keeps it (phone stays phone)."""
    live = {a for a in attendances if a != "inactive"}
    if not live or live == {attendance_from_format(group_format)}:
        return group_format
    if live == {"online"}:
        return "phone" if group_format == "phone" else "online"
    if live == {"in-person"}:
        return "in-person"
    return "hybrid"


class ListingIn(SQLModel):
    """One group and its meetings, validated; the single shape of a listing in transit."""

    slug: f.Slug | None = None
    name: str
    organization: f.Text("organization") = None
    description: str = ""
    topics: f.Codes(taxonomy.TOPICS, "topic")
    approach: f.Code(taxonomy.APPROACHES, "approach") = None
    format: f.Code(taxonomy.FORMATS, "format")
    cost: f.Code(taxonomy.COSTS, "cost")
    fee_cents: f.Money = None
    fee_currency: f.Currency = None
    languages: f.Languages = Field(default_factory=lambda: ["en"])
    audience: f.Codes(taxonomy.AUDIENCES, "audience") = Field(
        default_factory=lambda: ["everyone"])
    access: f.Codes(taxonomy.ACCESS, "access") = Field(default_factory=list)
    welcome: f.Code(taxonomy.WELCOME, "welcome") = None
    registration_required: f.YesNo(False) = False
    facilitation: f.Code(taxonomy.FACILITATION, "facilitation") = None
    contact_email: f.Email = None
    contact_phone: f.Annotated[str | None, f._field(f.parse_phone, "contact_phone")] = None
    website: f.WebUrl = None
    status: str = "active"
    last_verified: f.Day = None
    accepting_new_members: f.YesNo(True) = True
    # Where the listing came from (a data source's name) and that source's id for it.
    source: f.Text("source") = None
    source_id: f.Text("source_id") = None
    meetings: list[MeetingIn] = Field(default_factory=list)
    # Meetings by appointment (no day or time): kept for exports, never in a schedule.
    appointments: list[AppointmentIn] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _text_fields(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for key, name in (("name", "group_name"), ("description", "description")):
            value = data.get(key)
            if isinstance(value, str):
                value = value.strip()
                try:
                    f.check_text(value, name)
                except f.FieldError as exc:
                    raise _located((key,), str(exc)) from None
                data[key] = value
        if not data.get("name"):
            raise _located(("name",), Problem("required"))
        for key in ("topics", "format", "cost"):
            if not data.get(key):
                raise _located((key,), Problem("required"))
        for key, default in (("languages", ["en"]), ("audience", ["everyone"])):
            if not data.get(key):
                data[key] = default
        if data.get("description") is None:
            data["description"] = ""
        status = data.get("status") or "active"
        if status not in ("active", "paused"):
            raise _located(("status",), Problem("active-or-paused", value=status))
        data["status"] = status
        return data

    @model_validator(mode="after")
    def _cross_field_rules(self, info: ValidationInfo) -> ListingIn:
        problems = listing_problems(self)
        if problems and isinstance(info.context, dict) and "problems" in info.context:
            info.context["problems"].extend(problems)  # validate_listing reports them all
        elif problems:
            path, message = problems[0]
            raise _located(path, message)
        return self

    def attendances(self) -> list[str]:
        return [m.attendance_for(self.format) for m in self.meetings]

    def search_format(self) -> str:
        """The format seekers filter on (a group mixing attendances is hybrid)."""
        return effective_format(self.format, self.attendances())


def listing_problems(self: ListingIn) -> list[tuple[tuple, str]]:
    """The rules between fields: a fee needs its cost and currency; meetings need a way in."""
    out: list[tuple[tuple, str]] = []
    if self.fee_cents is not None and self.cost not in ("fee", "sliding-scale"):
        out.append((("fee_cents",), Problem("fee-not-allowed")))
    if self.cost == "fee" and self.fee_cents is None:
        out.append((("fee_cents",), Problem("fee-required")))
    if self.fee_cents is not None and not self.fee_currency:
        out.append((("fee_currency",), Problem("currency-required")))
    if self.fee_currency and self.fee_cents is None:
        out.append((("fee_cents",), Problem("amount-required")))
    return [(_normal_path(path), message) for path, message in out + meeting_problems(self)]


def meeting_problems(listing: ListingIn) -> list[tuple[tuple, str]]:
    """The per-meeting rules that need the group: how each meeting can be attended."""
    out: list[tuple[tuple, str]] = []
    seen: set[tuple] = set()
    # Only meetings at the same day, time and recurrence can repeat one another: the
    # others need no full comparison.
    slots: dict[tuple, int] = {}
    for meeting in listing.meetings:
        slots[meeting.identity()] = slots.get(meeting.identity(), 0) + 1
    for i, meeting in enumerate(listing.meetings):
        attendance = meeting.attendance_for(listing.format)
        explicit = meeting.attendance is not None
        online = meeting.online
        has_place = meeting.place is not None and meeting.place.describes_somewhere()
        has_online = online is not None and bool(online.url or online.phone)
        where = ("meetings", i)
        if attendance in ("in-person", "hybrid") and not has_place:
            out.append((where + ("address",), Problem("needs-place", attendance=attendance)))
        if attendance == "online" and not has_online:
            kind = listing.format if not explicit and listing.format in REMOTE_FORMATS \
                else "online"
            out.append((where + ("online_url",), Problem("needs-online", kind=kind)))
        elif listing.format == "phone" and not explicit and has_online and not online.phone:
            out.append((where + ("online_phone",), Problem("needs-phone")))
        if slots[meeting.identity()] > 1:
            key = (meeting.model_dump_json(exclude={"attendance"}), attendance)
            if key in seen:
                out.append((where + ("weekday",),
                            Problem("repeats-meeting-of", slug=listing.slug) if listing.slug
                            else Problem("repeats-meeting")))
            seen.add(key)
    live = [a for a in listing.attendances() if a != "inactive"]
    if listing.meetings and not live and listing.status == "active":
        out.append((("meetings", 0, "attendance"), Problem("all-closed")))
    return out


def _located(path: tuple, message: str) -> PydanticCustomError:
    """An error for one field, carried through pydantic with its path (and the message's
    code, for the reader's language) in the context."""
    context: dict[str, Any] = {"path": "/".join(map(str, path))}
    if isinstance(message, Problem):
        context["problem"] = message.stored()
    return PydanticCustomError("circles_located", str(message), context)


def _split_path(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in text.split("/") if p != "")


def listing_errors(exc: ValidationError) -> list[tuple[tuple, str]]:
    """A ValidationError as ``[(path, message)]`` in our wording, one per field."""
    out: list[tuple[tuple, str]] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err.get("loc", ()))
        ctx = err.get("ctx") or {}
        message = err["msg"]
        if err["type"] == "circles_located":
            loc = loc + _split_path(str(ctx.get("path", "")))
            message = problems.load(ctx.get("problem"), message) or message
        elif err["type"] == "missing":
            message = Problem("required")
        elif err["type"] != "circles":
            message = _plain(err)
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        out.append((_normal_path(loc), message))
    return out


def _plain(err: dict) -> str:
    kind = err["type"]
    if kind in ("string_type", "list_type", "int_type", "bool_type", "float_type",
                "model_type", "dict_type"):
        return Problem("wrong-kind", detail=err["msg"].lower())
    if kind == "too_long":
        return Problem("too-many")
    return err["msg"]


# Schema field names -> the names the CSV format and the form use.
GROUP_KEYS = {"name": "group_name", "fee_cents": "fee_amount", "last_verified": "last_verified"}
PLACE_KEYS = {"name": "location_name"}
ONLINE_KEYS = {"url": "online_url", "phone": "online_phone", "notes": "online_notes"}


def _normal_path(loc: tuple) -> tuple:
    """("meetings", 1, "place", "name") -> ("meetings", 1, "location_name") and so on."""
    if not loc:
        return ("group_name",)
    if loc[0] == "appointments":
        return tuple(str(p) if not isinstance(p, int) else p for p in loc)
    if loc[0] != "meetings":
        return (GROUP_KEYS.get(str(loc[0]), str(loc[0])),)
    if len(loc) < 3:
        return ("meetings", loc[1] if len(loc) > 1 else 0, "weekday")
    index, rest = loc[1], loc[2:]
    if rest[0] == "place":
        name = PLACE_KEYS.get(str(rest[1]), str(rest[1])) if len(rest) > 1 else "address"
        return ("meetings", index, name)
    if rest[0] == "online":
        name = ONLINE_KEYS.get(str(rest[1]), str(rest[1])) if len(rest) > 1 else "online_url"
        return ("meetings", index, name)
    return ("meetings", index, str(rest[0]))


def validate_listing(data: dict[str, Any]) -> tuple[ListingIn | None, list[tuple[tuple, str]]]:
    """Validate a listing as a plain dict; returns (listing, []) or (None, errors)."""
    problems: list[tuple[tuple, str]] = []
    try:
        listing = ListingIn.model_validate(data, context={"problems": problems})
    except ValidationError as exc:
        return None, listing_errors(exc)
    if problems:
        return None, problems
    return listing, []


def comparable(listing: ListingIn) -> dict[str, Any]:
    """A listing as plain data for "is the stored listing the same as the incoming one?":
    coordinates that the geocoder filled and the verification date do not count."""
    data = listing.model_dump(mode="json")
    data.pop("last_verified", None)
    data.pop("slug", None)
    for meeting in data["meetings"]:
        meeting["attendance"] = meeting.get("attendance") or attendance_from_format(
            listing.format)
        place = meeting.get("place")
        if place:
            place.pop("approximate", None)
    return data


def dated(listing: ListingIn) -> date | None:
    return listing.last_verified
