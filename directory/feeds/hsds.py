"""Open Referral HSDS 3.0: active groups as services, their hosts as organizations.

Mapping decisions (valid against the HSDS 3.0 schemas in ../shared/standards/hsds):

- A group is a service; every meeting is a schedule (an RFC 5545 rule: WEEKLY with byday
  "TU", or MONTHLY with byday "1TU,3TU" / "-1FR"; dtstart/until and valid_from/valid_to
  from the meeting's first and last dates; opens_at/closes_at in local time).
- HSDS's `schedule.timezone` is a number (a UTC offset). A fixed offset is wrong for half
  the year wherever daylight saving applies, so we leave it out and carry the IANA zone in
  the schedule's `description` and `notes` ("… America/New_York time").
- Each distinct place of a group is a physical location, each online join link (or dial-in
  number) a virtual location; every location has a service_at_location carrying the
  schedules of the meetings held there.
- A group without an organization is published as its own organization (same name and
  contact details): a peer group that runs itself is its own provider, and grouping
  unrelated groups under one invented "independent" provider would mislead a 211 operator.
- Ids are UUIDs derived with uuid5 from stable keys (group slug, organization name, place),
  so they survive re-imports and database moves without being stored.
- Topics and the approach are attributes linked to taxonomy terms of two taxonomies,
  "circles-topics" (a parent topic covers its children) and "circles-approaches".
- The API (`/api/v1/hsds/…`) takes the HSDS 3.0 API's parameters; filters, counts and pages
  are SQL with bound parameters, so a page reads only its own groups. Ids are mapped back to
  natural keys through an `IdIndex` that each worker rebuilds only when the catalog
  version moves. Unknown parameters are refused (400), never silently ignored.
- Contacts carry an e-mail address and phone number only: no personal names.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import uuid
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, datetime
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    cast,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    union,
    union_all,
)
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from directory import taxonomy
from directory.catalog import current_catalog_version
from directory.feeds.meeting_guide import Appointment, appointments_of
from directory.listings.queries import group_with_meetings
from directory.models import Group, Location, Meeting, Organization

HSDS_VERSION = "3.0"
# We publish plain HSDS 3.0, no profile: the profile is the specification itself.
HSDS_PROFILE = "https://github.com/openreferral/specification/tree/3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://circles.example.org/hsds")
TOPIC_TAXONOMY = "circles-topics"
APPROACH_TAXONOMY = "circles-approaches"
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
COST_OPTIONS: dict[str, str] = {
    "free": "Free",
    "donation": "Free; donations welcome",
    "sliding-scale": "Sliding scale: pay what you can afford",
    "fee": "Fee",
}


_NAMESPACE_SHA1 = hashlib.sha1(NAMESPACE.bytes, usedforsecurity=False)


def hsds_id(kind: str, key: str) -> str:
    """A stable UUID string for an object of `kind` with natural key `key`.

    Exactly uuid.uuid5(NAMESPACE, f"{kind}:{key}"), computed from a pre-hashed namespace:
    the id index hashes every key of the directory, and this is about three times faster.
    """
    digest = _NAMESPACE_SHA1.copy()
    digest.update(f"{kind}:{key}".encode())
    raw = bytearray(digest.digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def service_id(group: Group) -> str:
    """The HSDS service id of a group."""
    return hsds_id("service", group.slug)


def organization_id(group: Group) -> str:
    """The HSDS organization id of a group's organization (or of the group itself)."""
    if group.organization is not None:
        return hsds_id("organization", group.organization.name)
    return hsds_id("group-organization", group.slug)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None (HSDS has no nulls)."""
    return {k: v for k, v in obj.items() if v is not None}


def _phone(kind: str, key: str, number: str, **links: Any) -> dict[str, Any]:
    return _clean({"id": hsds_id(f"phone-{kind}", key), "number": number, **links})


# --- organizations -------------------------------------------------------------------------


def _organization_fields(org: Organization) -> dict[str, Any]:
    """An organization's own one-to-one fields."""
    return _clean({
        "id": hsds_id("organization", org.name),
        "name": org.name,
        "description": org.description or f"{org.name} hosts peer-support groups.",
        "email": org.email,
        "website": org.website,
    })


def _organization(group: Group) -> dict[str, Any]:
    org = group.organization
    oid = organization_id(group)
    if org is not None:
        phones = [_phone("organization", org.name, org.phone, organization_id=oid,
                         type="voice")] if org.phone else []
        return _clean({
            "id": oid,
            "name": org.name,
            "description": org.description or f"{org.name} hosts peer-support groups.",
            "email": org.email,
            "website": org.website,
            "phones": phones,
        })
    phones = [_phone("group-organization", group.slug, group.contact_phone, organization_id=oid,
                     type="voice")] if group.contact_phone else []
    return _clean({
        "id": oid,
        "name": group.name,
        "description": group.description or f"{group.name} is an independent peer-support "
                                            "group.",
        "email": group.contact_email,
        "website": group.website,
        "phones": phones,
    })


# --- locations and schedules ---------------------------------------------------------------


def _place_key(loc: Location) -> str:
    parts = (loc.name, loc.address, loc.city, loc.region, loc.postal_code, loc.country,
             loc.latitude, loc.longitude)
    return "|".join("" if p is None else str(p) for p in parts)


def _physical_location(group: Group, loc: Location) -> dict[str, Any]:
    lid = hsds_id("location", f"{group.slug}|{_place_key(loc)}")
    addresses = []
    if loc.address and loc.city:
        addresses.append({
            "id": hsds_id("address", f"{group.slug}|{_place_key(loc)}"),
            "location_id": lid,
            "address_1": loc.address,
            "city": loc.city,
            # Required by the schema even where a country has no regions or postcodes.
            "state_province": loc.region or "",
            "postal_code": loc.postal_code or "",
            "country": loc.country or "",
            "address_type": "physical",
        })
    accessibility = [
        {"id": hsds_id("accessibility", f"{lid}|{code}"), "location_id": lid,
         "description": taxonomy.ACCESS[code]}
        for code in group.access
    ]
    description = None
    if loc.approximate:
        description = "The position on the map is approximate."
    return _clean({
        "id": lid,
        "location_type": "physical",
        "name": loc.name or loc.address or loc.city or group.name,
        "description": description,
        "latitude": loc.latitude,
        "longitude": loc.longitude,
        "addresses": addresses,
        "accessibility": accessibility,
    })


def _virtual_location(group: Group, meeting: Meeting) -> dict[str, Any]:
    key = f"{group.slug}|{meeting.online_url or ''}|{meeting.online_phone or ''}"
    lid = hsds_id("virtual-location", key)
    phones = []
    if meeting.online_phone:
        phones.append(_phone("virtual-location", key, meeting.online_phone, location_id=lid,
                             type="voice", description="Dial-in number"))
    accessibility = [
        {"id": hsds_id("accessibility", f"{lid}|{code}"), "location_id": lid,
         "description": taxonomy.ACCESS[code]}
        for code in group.access if code in ("asl", "captions")
    ]
    return _clean({
        "id": lid,
        "location_type": "virtual",
        "name": "Online meeting" if meeting.online_url else "Phone meeting",
        "url": meeting.online_url,
        "description": meeting.online_notes,
        "phones": phones,
        "accessibility": accessibility,
    })


def _ordinal(n: int) -> str:
    if n == -1:
        return "last"
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def recurrence_rule(meeting: Meeting) -> tuple[str, str]:
    """(freq, byday) of a meeting in RFC 5545 terms: ("WEEKLY", "TU") or ("MONTHLY", "1TU,3TU")."""
    day = BYDAY[meeting.weekday]
    if meeting.recurrence.startswith("monthly:"):
        positions = meeting.recurrence.removeprefix("monthly:").split(",")
        return "MONTHLY", ",".join(f"{p}{day}" for p in positions)
    return "WEEKLY", day


def _schedule(group: Group, meeting: Meeting, **links: str) -> dict[str, Any]:
    freq, byday = recurrence_rule(meeting)
    weekday = taxonomy.WEEKDAY_LABELS[taxonomy.WEEKDAYS[meeting.weekday]]
    if freq == "WEEKLY":
        when = f"Every {weekday}"
    else:
        positions = meeting.recurrence.removeprefix("monthly:").split(",")
        when = f"The {' and '.join(_ordinal(int(p)) for p in positions)} {weekday} of the month"
    hours = meeting.start_time.strftime("%H:%M")
    if meeting.end_time:
        hours += f"–{meeting.end_time.strftime('%H:%M')}"
    if meeting.location is not None and (meeting.online_url or meeting.online_phone):
        attending = "in person or online"
    elif meeting.location is not None:
        attending = "in person"
    elif meeting.online_url:
        attending = "online"
    else:
        attending = "by phone"
    starts = meeting.starts_on.isoformat() if meeting.starts_on else None
    ends = meeting.ends_on.isoformat() if meeting.ends_on else None
    return _clean({
        "id": hsds_id("schedule", f"{group.slug}|{meeting.position}"),
        **links,
        "valid_from": starts,
        "valid_to": ends,
        "dtstart": starts,
        "until": ends,
        "wkst": "MO",
        "freq": freq,
        "interval": 1,
        "byday": byday,
        "description": f"{when}, {hours} ({meeting.timezone} time)",
        "opens_at": meeting.start_time.strftime("%H:%M:%S"),
        "closes_at": meeting.end_time.strftime("%H:%M:%S") if meeting.end_time else None,
        "attending_type": attending,
        "notes": f"Times are local to {meeting.timezone}.",
    })


def _appointment_schedule(group: Group, k: int, appointment: Appointment,
                          **links: str) -> dict[str, Any]:
    """A meeting by appointment as an HSDS schedule: no recurrence, a description saying
    so, and how it is attended."""
    how = appointment.attendance or taxonomy.attendance_from_format(group.format)
    attending = {"hybrid": "in person or online", "in-person": "in person"}.get(how)
    if how == "online":
        phone_only = appointment.online_phone and not appointment.online_url
        attending = "by phone" if phone_only else "online"
    return _clean({
        "id": hsds_id("schedule", f"{group.slug}|appointment|{k}"),
        **links,
        "description": "By appointment: contact the group to arrange a time "
                       f"({appointment.timezone} time).",
        "attending_type": attending,
        "notes": appointment.notes,
    })


# --- services ------------------------------------------------------------------------------


def _cost_options(group: Group, sid: str) -> list[dict[str, Any]]:
    option: dict[str, Any] = {
        "id": hsds_id("cost-option", group.slug),
        "service_id": sid,
        "option": COST_OPTIONS[group.cost],
    }
    if group.cost in ("free", "donation"):
        option["amount"] = 0
    elif group.fee_cents is not None:
        option["amount"] = group.fee_cents / 100
        option["currency"] = group.fee_currency
        option["amount_description"] = (
            "per meeting" if group.cost == "fee" else "suggested amount; pay what you can"
        )
    return [_clean(option)]


def _fees_description(group: Group) -> str:
    text = COST_OPTIONS[group.cost]
    if group.fee_cents is not None:
        text += f" ({group.fee_cents / 100:.2f} {group.fee_currency})"
    return text + "."


def _eligibility(group: Group) -> str:
    audience = [taxonomy.AUDIENCES[a] for a in group.audience if a in taxonomy.AUDIENCES]
    parts = [f"For: {', '.join(audience)}."] if audience else []
    if group.welcome:
        parts.append(taxonomy.WELCOME[group.welcome] + ".")
    if not group.accepting_new_members:
        parts.append("Not accepting new members at the moment.")
    return " ".join(parts) or "Everyone is welcome."


# --- taxonomies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    """One of our closed vocabularies, published as an HSDS taxonomy."""

    code: str
    name: str
    description: str
    link_type: str  # the attribute's link_type for a service tagged with one of its terms


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy(TOPIC_TAXONOMY, "Circles topics",
             "What a peer-support group is about: codependency, addiction and wellness "
             "topics; a parent topic covers its children.", "topic"),
    Taxonomy(APPROACH_TAXONOMY, "Circles approaches",
             "How a group works: 12-step, SMART Recovery, secular, faith-based, "
             "mindfulness or another approach.", "approach"),
)


def taxonomy_id(code: str) -> str:
    """The HSDS id of one of our taxonomies."""
    return hsds_id("taxonomy", code)


def term_id(taxonomy_code: str, code: str) -> str:
    """The HSDS id of a term (topic ids are keyed by the bare code, as first published)."""
    if taxonomy_code == TOPIC_TAXONOMY:
        return hsds_id("taxonomy-term", code)
    return hsds_id("taxonomy-term", f"{taxonomy_code}|{code}")


def taxonomy_object(taxonomy_entry: Taxonomy) -> dict[str, Any]:
    """A taxonomy as an HSDS taxonomy object."""
    return {
        "id": taxonomy_id(taxonomy_entry.code),
        "name": taxonomy_entry.name,
        "description": taxonomy_entry.description,
        "version": "1",
    }


def _term_objects() -> list[dict[str, Any]]:
    terms = []
    for topic in taxonomy.TOPIC_LIST:
        terms.append(_clean({
            "id": term_id(TOPIC_TAXONOMY, topic.code),
            "code": topic.code,
            "name": topic.label,
            "description": f"Peer support for: {topic.label}",
            "parent_id": term_id(TOPIC_TAXONOMY, topic.parent) if topic.parent else None,
            "taxonomy": TOPIC_TAXONOMY,
            "taxonomy_id": taxonomy_id(TOPIC_TAXONOMY),
            "language": "en",
        }))
    for code, label in taxonomy.APPROACHES.items():
        terms.append({
            "id": term_id(APPROACH_TAXONOMY, code),
            "code": code,
            "name": label,
            "description": f"Approach: {label}",
            "taxonomy": APPROACH_TAXONOMY,
            "taxonomy_id": taxonomy_id(APPROACH_TAXONOMY),
            "language": "en",
        })
    return terms


TERMS: tuple[dict[str, Any], ...] = tuple(_term_objects())
TERMS_BY_ID: dict[str, dict[str, Any]] = {t["id"]: t for t in TERMS}
TAXONOMIES_BY_ID: dict[str, Taxonomy] = {taxonomy_id(t.code): t for t in TAXONOMIES}


def _attributes(group: Group, sid: str) -> list[dict[str, Any]]:
    tagged = [(TOPIC_TAXONOMY, code) for code in group.topics if code in taxonomy.TOPICS]
    if group.approach in taxonomy.APPROACHES:
        tagged.append((APPROACH_TAXONOMY, group.approach))
    link_types = {t.code: t.link_type for t in TAXONOMIES}
    out = []
    for taxonomy_code, code in tagged:
        tid = term_id(taxonomy_code, code)
        key = f"{group.slug}|{code}" if taxonomy_code == TOPIC_TAXONOMY else (
            f"{group.slug}|{taxonomy_code}|{code}")
        out.append({
            "id": hsds_id("attribute", key),
            "link_id": sid,
            "link_type": link_types[taxonomy_code],
            "link_entity": "service",
            "taxonomy_term_id": tid,
            "taxonomy_term": TERMS_BY_ID[tid],
        })
    return out


def service_at_location_objects(group: Group) -> list[dict[str, Any]]:
    """A group's places (physical and virtual), each with the schedules of its meetings."""
    sid = service_id(group)
    locations: dict[str, dict[str, Any]] = {}
    schedules_at: dict[str, list[Meeting]] = {}
    for meeting in group.meetings:
        places = []
        if meeting.location is not None:
            places.append(_physical_location(group, meeting.location))
        if meeting.online_url or meeting.online_phone:
            places.append(_virtual_location(group, meeting))
        for place in places:
            locations.setdefault(place["id"], place)
            schedules_at.setdefault(place["id"], []).append(meeting)
    out = []
    for lid, location in locations.items():
        sal_id = hsds_id("service-at-location", f"{sid}|{lid}")
        out.append({
            "id": sal_id,
            "service_id": sid,
            "location_id": lid,
            "schedules": [
                _schedule(group, m, service_at_location_id=sal_id, location_id=lid)
                for m in schedules_at[lid]
            ],
            "location": location,
        })
    return out


def _one_to_one(obj: dict[str, Any]) -> dict[str, Any]:
    """The object's own fields, without its nested lists and objects."""
    return {k: v for k, v in obj.items() if not isinstance(v, list | dict)}


def service_summary(group: Group, *, base_url: str) -> dict:
    """A group as an HSDS service with its one-to-one fields and its organization's."""
    summary = _one_to_one(service_object(group, base_url=base_url, with_organization=False))
    summary["organization"] = _one_to_one(_organization(group))
    return summary


def service_object(group: Group, *, base_url: str, with_organization: bool = True) -> dict:
    """A group as a fully nested HSDS service."""
    sid = service_id(group)
    base_url = base_url.rstrip("/")
    service_at_locations = service_at_location_objects(group)
    contact_phones = []
    if group.contact_phone:
        contact_phones.append(_phone("service", group.slug, group.contact_phone, service_id=sid,
                                     type="voice"))
    contacts = []
    if group.contact_email or group.contact_phone:
        cid = hsds_id("contact", group.slug)
        contacts.append(_clean({
            "id": cid,
            "service_id": sid,
            "title": "Group contact",
            "email": group.contact_email,
            "phones": [_phone("contact", group.slug, group.contact_phone, contact_id=cid,
                              type="voice")] if group.contact_phone else [],
        }))
    languages = [
        _clean({
            "id": hsds_id("language", f"{group.slug}|{code}"),
            "service_id": sid,
            "name": taxonomy.LANGUAGES.get(code),
            "code": code,
        })
        for code in group.languages
    ]
    application = (
        "Registration is required: contact the group before your first meeting."
        if group.registration_required else "No registration: come to any meeting."
    )
    service = _clean({
        "id": sid,
        "organization_id": organization_id(group),
        "name": group.name,
        "description": group.description or None,
        "url": f"{base_url}/groups/{group.slug}",
        "email": group.contact_email,
        "status": "active" if group.status == "active" else "inactive",
        "interpretation_services": (
            "Sign language interpretation" if "asl" in group.access else None
        ),
        "application_process": application,
        "fees_description": _fees_description(group),
        "eligibility_description": _eligibility(group),
        "alert": None if group.accepting_new_members else "Not accepting new members now.",
        "assured_date": (
            group.last_verified_at.date().isoformat() if group.last_verified_at else None
        ),
        "last_modified": _iso(group.updated_at),
        "phones": contact_phones,
        "schedules": [_schedule(group, m, service_id=sid) for m in group.meetings] + [
            _appointment_schedule(group, k, a, service_id=sid)
            for k, a in enumerate(appointments_of(group))],
        "service_at_locations": service_at_locations,
        "languages": languages,
        "cost_options": _cost_options(group, sid),
        "contacts": contacts,
        "attributes": _attributes(group, sid),
    })
    if with_organization:
        service["organization"] = _organization(group)
    return service


# --- query parameters ----------------------------------------------------------------------

MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 10
MAX_IDS = 50
_FILTERS = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")
_PAGING = ("page", "per_page", "format")
# The HSDS 3.0 API's parameters that each endpoint understands (its openapi.json). Anything
# else is refused with a 400: a filter we ignored would silently return everything.
ENDPOINT_PARAMETERS: dict[str, tuple[str, ...]] = {
    "services": (*_FILTERS, "full", *_PAGING),
    "service_at_locations": (*_FILTERS, "full", *_PAGING),
    "organizations": ("search", "full_service", *_PAGING),
    "organization": ("full_service",),
    "taxonomies": ("search", *_PAGING),
    "taxonomy_terms": ("search", "taxonomy_id", "top_only", "parent_id", *_PAGING),
    "item": (),
}
MAX_PAGE = 100000


@dataclass(frozen=True)
class HsdsQuery:
    """The validated query parameters of one HSDS API request."""

    page: int = 1
    per_page: int = 20
    search: tuple[str, ...] = ()
    taxonomy_term_ids: tuple[str, ...] = ()
    taxonomy_ids: tuple[str, ...] = ()
    organization_ids: tuple[str, ...] = ()
    modified_after: datetime | None = None
    full: bool = False
    full_service: bool = False
    top_only: bool = False
    parent_ids: tuple[str, ...] = ()


_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _uuid_list(raw: str) -> tuple[str, ...]:
    values = [v.strip() for v in raw.split(",") if v.strip()]
    if not values:
        raise ValueError("give one id, or several separated by commas")
    if len(values) > MAX_IDS:
        raise ValueError(f"give at most {MAX_IDS} ids")
    out = []
    for value in values:
        try:
            out.append(str(uuid.UUID(value)))
        except ValueError:
            raise ValueError(f"'{value[:60]}' is not a UUID") from None
    return tuple(dict.fromkeys(out))


_LEAP_SECOND = re.compile(r"(T\d\d:\d\d):60", re.IGNORECASE)


def _moment(raw: str) -> datetime:
    """An ISO 8601 date or RFC 3339 date-time as a UTC moment (lower-case t and z and a leap
    second allowed, as RFC 3339 does)."""
    text = _LEAP_SECOND.sub(r"\1:59", raw.strip()).replace("t", "T").replace("z", "Z")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("must be an ISO 8601 date or date-time, e.g. 2026-11-01 or "
                         "2026-11-01T12:00:00Z") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # before year 1 or after 9999 in UTC: every or no change is after it
        return (datetime.max if moment.year == MAXYEAR else datetime.min).replace(tzinfo=UTC)


def _search_words(raw: str) -> tuple[str, ...]:
    if len(raw) > MAX_SEARCH_CHARS:
        raise ValueError(f"must be at most {MAX_SEARCH_CHARS} characters")
    if any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in raw):
        raise ValueError("must not contain control characters")
    words = tuple(dict.fromkeys(w.lower() for w in raw.split()))
    if len(words) > MAX_SEARCH_WORDS:
        raise ValueError(f"use at most {MAX_SEARCH_WORDS} words")
    return words


def parse_query(
    args: Mapping[str, list[str]], *, endpoint: str, per_page: int, max_per_page: int
) -> tuple[HsdsQuery, list[dict[str, str]]]:
    """Validate an HSDS request's query string (every value of every parameter, as lists).

    Returns the query and one `{param, message}` detail per bad or unknown parameter.
    """
    allowed = ENDPOINT_PARAMETERS[endpoint]
    details: list[dict[str, str]] = []
    values: dict[str, Any] = {"per_page": per_page}

    def bad(param: str, message: str) -> None:
        details.append({"param": param, "message": message})

    for name, raws in args.items():
        if name not in allowed:
            hint = f"use one of: {', '.join(allowed)}" if allowed else "it takes no parameters"
            bad(name, f"is not a parameter of this endpoint ({hint})")
            continue
        if len(raws) != 1:
            bad(name, "give it once")
            continue
        raw = raws[0]
        try:
            if name in ("page", "per_page"):
                high = MAX_PAGE if name == "page" else max_per_page
                if not raw.isdigit() or not 1 <= int(raw) <= high:
                    raise ValueError(f"must be a whole number from 1 to {high}")
                values[name] = int(raw)
            elif name == "format":
                if raw != "json":
                    raise ValueError("only json is offered")
            elif name == "search":
                values["search"] = _search_words(raw)
            elif name in ("taxonomy_term_id", "taxonomy_id", "organization_id", "parent_id"):
                values[f"{name}s"] = _uuid_list(raw)
            elif name == "modified_after":
                values["modified_after"] = _moment(raw)
            else:  # full, full_service, top_only
                if raw.lower() not in _BOOLEANS:
                    raise ValueError("must be true or false")
                values[name] = _BOOLEANS[raw.lower()]
        except ValueError as exc:
            bad(name, str(exc))
    return HsdsQuery(**values), details


# --- the id index --------------------------------------------------------------------------


@dataclass(frozen=True)
class IdIndex:
    """Our HSDS ids are derived (uuid5) from natural keys, not stored; this maps them back.

    `services`: service id → group slug; `organizations`: organization id → ("org", name)
    or ("group", slug) for a group that is its own organization; `service_at_locations`:
    id → group slug. Active groups only.
    """

    services: dict[str, str]
    organizations: dict[str, tuple[str, str]]
    service_at_locations: dict[str, str]


def build_id_index(session: Session, *, places: bool = True) -> IdIndex:
    """Read the keys of every active group (plain rows), and with `places` of its places."""
    services: dict[str, str] = {}
    organizations: dict[str, tuple[str, str]] = {}
    rows = session.execute(
        sa_select(Group.slug, Organization.name)
        .outerjoin(Organization, Organization.id == Group.organization_id)
        .where(Group.status == "active")
    ).all()
    for slug, org_name in rows:
        services[hsds_id("service", slug)] = slug
        if org_name is None:
            organizations[hsds_id("group-organization", slug)] = ("group", slug)
        else:
            organizations.setdefault(hsds_id("organization", org_name), ("org", org_name))
    sals: dict[str, str] = {}
    if places:
        sals = _service_at_location_keys(session, {slug: sid for sid, slug in services.items()})
    return IdIndex(services, organizations, sals)


def _service_at_location_keys(session: Session, sid_of: dict[str, str]) -> dict[str, str]:
    rows = session.execute(
        sa_select(Group.slug, Location.name, Location.address, Location.city, Location.region,
                  Location.postal_code, Location.country, Location.latitude,
                  Location.longitude, Meeting.online_url, Meeting.online_phone)
        .join(Group, Group.id == Meeting.group_id)
        .outerjoin(Location, Location.id == Meeting.location_id)
        .where(Group.status == "active")
    ).all()
    keys: set[tuple[str, str, str]] = set()  # a place shared by meetings is hashed once
    for row in rows:
        slug = row[0]
        if any(v is not None for v in row[1:9]):
            keys.add((slug, "location",
                      f"{slug}|" + "|".join("" if v is None else str(v) for v in row[1:9])))
        if row[9] or row[10]:
            keys.add((slug, "virtual-location", f"{slug}|{row[9] or ''}|{row[10] or ''}"))
    sals: dict[str, str] = {}
    for slug, kind, key in keys:
        if slug in sid_of:
            lid = hsds_id(kind, key)
            sals[hsds_id("service-at-location", f"{sid_of[slug]}|{lid}")] = slug
    return sals


class IdCache:
    """IdIndexes per database, rebuilt when the catalog version moves (one cheap query per
    request otherwise), so looking up an id never reads the whole directory per request.
    The places part (service_at_location ids) is built only when one is looked up."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: weakref.WeakKeyDictionary[Any, dict[bool, tuple[int, IdIndex]]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, session: Session, *, places: bool = False) -> IdIndex:
        """The index for the session's database at its current catalog version."""
        engine = session.get_bind()
        version = current_catalog_version(session)
        with self._lock:
            entry = self._entries.get(engine, {}).get(places)
        if entry is not None and entry[0] == version:
            return entry[1]
        index = build_id_index(session, places=places)
        with self._lock:
            self._entries.setdefault(engine, {})[places] = (version, index)
        return index


def _index(session: Session, ids: IdCache | None, *, places: bool = False) -> IdIndex:
    if ids is None:
        return build_id_index(session, places=places)
    return ids.get(session, places=places)


# --- filters (SQL with bound parameters) ---------------------------------------------------


def _term_clause(tid: str):
    term = TERMS_BY_ID.get(tid)
    if term is None:
        return false()
    if term["taxonomy"] == APPROACH_TAXONOMY:
        return Group.approach == term["code"]
    # Topics are a JSON array of codes; a code is quoted in its text, so '"alcohol"' matches
    # that code only. A parent term covers its children, as our search does.
    codes = sorted(taxonomy.expand_topics([term["code"]]))
    topics_text = cast(Group.topics, String)
    return or_(*[topics_text.contains(f'"{code}"', autoescape=True) for code in codes])


def _taxonomy_clause(tid: str):
    entry = TAXONOMIES_BY_ID.get(tid)
    if entry is None:
        return false()
    if entry.code == APPROACH_TAXONOMY:
        return Group.approach.in_(list(taxonomy.APPROACHES))
    return or_(*[_term_clause(term_id(TOPIC_TAXONOMY, code)) for code in taxonomy.PARENT_TOPICS])


def _organization_clause(oid: str, index: IdIndex):
    found = index.organizations.get(oid)
    if found is None:
        return false()
    kind, key = found
    if kind == "org":
        return Organization.name == key
    return and_(Group.slug == key, Group.organization_id.is_(None))


def _group_clauses(query: HsdsQuery, index: IdIndex | None) -> list:
    clauses: list = [Group.status == "active"]
    for word in query.search:
        clauses.append(or_(
            Group.name.icontains(word, autoescape=True),
            Group.description.icontains(word, autoescape=True),
            Organization.name.icontains(word, autoescape=True),
        ))
    if query.taxonomy_term_ids:
        clauses.append(or_(*[_term_clause(t) for t in query.taxonomy_term_ids]))
    if query.taxonomy_ids:
        clauses.append(or_(*[_taxonomy_clause(t) for t in query.taxonomy_ids]))
    if query.organization_ids and index is not None:
        clauses.append(or_(*[_organization_clause(o, index) for o in query.organization_ids]))
    if query.modified_after is not None:
        clauses.append(Group.updated_at >= query.modified_after)
    return clauses


def _filtered(statement, query: HsdsQuery, index: IdIndex | None):
    return statement.outerjoin(Organization, Organization.id == Group.organization_id).where(
        *_group_clauses(query, index))


def _load_groups(session: Session, group_ids: list[int]) -> dict[int, Group]:
    if not group_ids:
        return {}
    groups = session.exec(
        select(Group).where(Group.id.in_(group_ids)).options(*group_with_meetings())
    ).all()
    return {g.id: g for g in groups}


# --- pages ---------------------------------------------------------------------------------


def page_of(contents: list[Any], *, total: int, page: int, per_page: int) -> dict[str, Any]:
    """The HSDS API's paginated list shape around one page of contents."""
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def api_root(*, base_url: str) -> dict[str, str]:
    """The HSDS API's `/`: which HSDS version it speaks and where its description is."""
    return {
        "version": HSDS_VERSION,
        "profile": HSDS_PROFILE,
        "openapi_url": f"{base_url.rstrip('/')}/api/v1/openapi.json",
    }


def list_services(
    session: Session, *, base_url: str, page: int = 1, per_page: int = 20,
    query: HsdsQuery | None = None, ids: IdCache | None = None,
) -> dict:
    """One page of the active groups that match `query`, as HSDS services, by slug.

    Services have their one-to-one fields and organization, or are fully nested with
    `full`. Filtering, counting and paging happen in SQL; only the page's groups are loaded.
    """
    query = query or HsdsQuery(page=page, per_page=per_page, full=True)
    index = _index(session, ids) if query.organization_ids else None
    total = session.execute(_filtered(sa_select(func.count(Group.id)), query, index)).scalar_one()
    group_ids = session.execute(
        _filtered(sa_select(Group.id), query, index).order_by(Group.slug)
        .offset((query.page - 1) * query.per_page).limit(query.per_page)
    ).scalars().all()
    by_id = _load_groups(session, list(group_ids))
    groups = [by_id[i] for i in group_ids if i in by_id]
    contents = [
        service_object(g, base_url=base_url) if query.full else
        service_summary(g, base_url=base_url)
        for g in groups
    ]
    return page_of(contents, total=total, page=query.page, per_page=query.per_page)


def _active_group(session: Session, slug: str) -> Group | None:
    return session.exec(
        select(Group).where(Group.slug == slug, Group.status == "active")
        .options(*group_with_meetings())
    ).first()


def _canonical(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def get_service(
    session: Session, *, base_url: str, service_id: str, ids: IdCache | None = None
) -> dict | None:
    """One active group as a fully nested HSDS service by its id, or None."""
    wanted = _canonical(service_id)
    slug = _index(session, ids).services.get(wanted) if wanted else None
    group = _active_group(session, slug) if slug else None
    return service_object(group, base_url=base_url) if group is not None else None


def list_service_at_locations(
    session: Session, *, base_url: str, query: HsdsQuery, ids: IdCache | None = None
) -> dict:
    """One page of the places of matching active groups, by group slug then place.

    Each is a service_at_location with its location (and, with `full`, its schedules).
    The distinct places are enumerated, counted and paged in SQL.
    """
    index = _index(session, ids) if query.organization_ids else None
    physical = _filtered(
        sa_select(Group.id.label("gid"), Group.slug.label("slug"),
                  literal(0, Integer).label("kind"), Meeting.location_id.label("loc"),
                  cast(null(), String).label("url"), cast(null(), String).label("phone"))
        .select_from(Meeting).join(Group, Group.id == Meeting.group_id), query, index,
    ).where(Meeting.location_id.is_not(None)).distinct()
    virtual = _filtered(
        sa_select(Group.id.label("gid"), Group.slug.label("slug"),
                  literal(1, Integer).label("kind"), cast(null(), Integer).label("loc"),
                  Meeting.online_url.label("url"), Meeting.online_phone.label("phone"))
        .select_from(Meeting).join(Group, Group.id == Meeting.group_id), query, index,
    ).where(or_(Meeting.online_url.is_not(None), Meeting.online_phone.is_not(None))).distinct()
    places = union(physical, virtual).subquery()
    total = session.execute(sa_select(func.count()).select_from(places)).scalar_one()
    rows = session.execute(
        sa_select(places).order_by(places.c.slug, places.c.kind, places.c.loc, places.c.url,
                                   places.c.phone)
        .offset((query.page - 1) * query.per_page).limit(query.per_page)
    ).all()
    by_id = _load_groups(session, list({r.gid for r in rows}))
    contents = []
    for row in rows:
        group = by_id.get(row.gid)
        lid = None
        for meeting in group.meetings if group is not None else ():
            if row.kind == 0 and meeting.location_id == row.loc:
                lid = _physical_location(group, meeting.location)["id"]
                break
            if row.kind == 1 and (meeting.online_url, meeting.online_phone) == (row.url,
                                                                                 row.phone):
                lid = _virtual_location(group, meeting)["id"]
                break
        sal = next((s for s in service_at_location_objects(group) if s["location_id"] == lid),
                   None) if lid is not None else None
        if sal is not None:  # None only if the group changed between the two queries
            contents.append(_service_at_location(group, sal, full=query.full,
                                                 base_url=base_url))
    return page_of(contents, total=total, page=query.page, per_page=query.per_page)


def _service_at_location(group: Group, sal: dict, *, full: bool, base_url: str) -> dict:
    where = sal["location"].get("name") or "online"
    out = {
        "id": sal["id"],
        "service_id": sal["service_id"],
        "location_id": sal["location_id"],
        "description": f"{group.name}: {where}",
        "location": sal["location"],
    }
    if full:
        service = service_object(group, base_url=base_url)
        out["schedules"] = sal["schedules"]
        out["contacts"] = service["contacts"]
        out["attributes"] = service["attributes"]
    return out


def get_service_at_location(
    session: Session, *, base_url: str, sal_id: str, ids: IdCache | None = None
) -> dict | None:
    """One place of an active group, fully nested (location, schedules, contacts), or None."""
    wanted = _canonical(sal_id)
    slug = (_index(session, ids, places=True).service_at_locations.get(wanted)
            if wanted else None)
    group = _active_group(session, slug) if slug else None
    if group is None:
        return None
    for sal in service_at_location_objects(group):
        if sal["id"] == wanted:
            return _service_at_location(group, sal, full=True, base_url=base_url)
    return None


def _organization_rows(query: HsdsQuery):
    """(sort name, kind, key) of every organization with an active group, matching `search`.

    Organizations with active groups, plus each active group that has no organization (it is
    its own); `search` looks in the organization's name and description.
    """
    def words(*columns):
        return [or_(*[c.icontains(w, autoescape=True) for c in columns]) for w in query.search]

    has_active = exists().where(Group.organization_id == Organization.id,
                                Group.status == "active")
    hosts = sa_select(func.lower(Organization.name).label("sort"), literal("org").label("kind"),
                      Organization.name.label("key")).where(
        has_active, *words(Organization.name, Organization.description))
    own = sa_select(func.lower(Group.name).label("sort"), literal("group").label("kind"),
                    Group.slug.label("key")).where(
        Group.organization_id.is_(None), Group.status == "active",
        *words(Group.name, Group.description))
    return union_all(hosts, own).subquery()


def _organization_groups(session: Session, keys: list[tuple[str, str]]) -> dict:
    """The active groups of each (kind, key) organization, by slug, in one query."""
    names = [key for kind, key in keys if kind == "org"]
    slugs = [key for kind, key in keys if kind == "group"]
    wanted = []
    if names:
        wanted.append(Organization.name.in_(names))
    if slugs:
        wanted.append(and_(Group.slug.in_(slugs), Group.organization_id.is_(None)))
    found: dict[tuple[str, str], list[Group]] = {k: [] for k in keys}
    if not wanted:
        return found
    groups = session.exec(
        select(Group).outerjoin(Organization, Organization.id == Group.organization_id)
        .where(Group.status == "active", or_(*wanted))
        .options(*group_with_meetings()).order_by(Group.slug)
    ).all()
    for group in groups:
        key = ("org", group.organization.name) if group.organization else ("group", group.slug)
        if key in found:
            found[key].append(group)
    return found


def _organization_with_services(groups: list[Group], *, base_url: str, full: bool) -> dict:
    organization = _organization(groups[0])
    organization["services"] = [
        service_object(g, base_url=base_url, with_organization=False) if full
        else _one_to_one(service_object(g, base_url=base_url, with_organization=False))
        for g in groups
    ]
    return organization


def list_organizations(
    session: Session, *, base_url: str, page: int = 1, per_page: int = 20,
    query: HsdsQuery | None = None,
) -> dict:
    """One page of the organizations of active groups (their own fields), ordered by name.

    With `full_service`, each carries its active groups as fully nested services.
    """
    query = query or HsdsQuery(page=page, per_page=per_page)
    rows = _organization_rows(query)
    total = session.execute(sa_select(func.count()).select_from(rows)).scalar_one()
    keys = [(r.kind, r.key) for r in session.execute(
        sa_select(rows).order_by(rows.c.sort, rows.c.kind, rows.c.key)
        .offset((query.page - 1) * query.per_page).limit(query.per_page)
    ).all()]
    contents = []
    if query.full_service:
        groups_of = _organization_groups(session, keys)
        for key in keys:
            if groups_of[key]:
                contents.append(_organization_with_services(groups_of[key], base_url=base_url,
                                                            full=True))
        return page_of(contents, total=total, page=query.page, per_page=query.per_page)
    names = [key for kind, key in keys if kind == "org"]
    slugs = [key for kind, key in keys if kind == "group"]
    hosts = {o.name: o for o in session.exec(
        select(Organization).where(Organization.name.in_(names))).all()} if names else {}
    own = {g.slug: g for g in session.exec(
        select(Group).where(Group.slug.in_(slugs))).all()} if slugs else {}
    for kind, key in keys:
        if kind == "org" and key in hosts:
            contents.append(_organization_fields(hosts[key]))
        elif kind == "group" and key in own:
            contents.append({k: v for k, v in _organization(own[key]).items() if k != "phones"})
    return page_of(contents, total=total, page=query.page, per_page=query.per_page)


def get_organization(
    session: Session, *, base_url: str, organization_id: str, full_service: bool = True,
    ids: IdCache | None = None,
) -> dict | None:
    """One organization with its active groups as services (fully nested with
    `full_service`, else their one-to-one fields), or None."""
    wanted = _canonical(organization_id)
    found = _index(session, ids).organizations.get(wanted) if wanted else None
    if found is None:
        return None
    groups = _organization_groups(session, [found])[found]
    if not groups:
        return None
    return _organization_with_services(groups, base_url=base_url, full=full_service)


def _matches_words(obj: dict[str, Any], words: tuple[str, ...]) -> bool:
    text = " ".join(str(obj.get(k, "")) for k in ("name", "description", "code")).lower()
    return all(w in text for w in words)


def list_taxonomies(query: HsdsQuery) -> dict:
    """One page of our taxonomies (a short, fixed list)."""
    found = [taxonomy_object(t) for t in TAXONOMIES]
    found = [t for t in found if _matches_words(t, query.search)]
    start = (query.page - 1) * query.per_page
    return page_of(found[start:start + query.per_page], total=len(found), page=query.page,
                   per_page=query.per_page)


def get_taxonomy(taxonomy_id_text: str) -> dict | None:
    """One taxonomy by id, or None."""
    entry = TAXONOMIES_BY_ID.get(_canonical(taxonomy_id_text) or "")
    return taxonomy_object(entry) if entry is not None else None


def list_taxonomy_terms(query: HsdsQuery) -> dict:
    """One page of the terms of our taxonomies, in vocabulary order.

    `taxonomy_id` keeps one taxonomy's terms, `parent_id` the children of a term, `top_only`
    the terms with no parent, `search` those whose name, description or code has every word.
    """
    found = [
        t for t in TERMS
        if (not query.taxonomy_ids or t["taxonomy_id"] in query.taxonomy_ids)
        and (not query.parent_ids or t.get("parent_id") in query.parent_ids)
        and (not query.top_only or "parent_id" not in t)
        and _matches_words(t, query.search)
    ]
    start = (query.page - 1) * query.per_page
    return page_of(found[start:start + query.per_page], total=len(found), page=query.page,
                   per_page=query.per_page)


def get_taxonomy_term(term_id_text: str) -> dict | None:
    """One taxonomy term by id, with its taxonomy, or None."""
    term = TERMS_BY_ID.get(_canonical(term_id_text) or "")
    if term is None:
        return None
    return {**term, "taxonomy_detail": taxonomy_object(TAXONOMIES_BY_ID[term["taxonomy_id"]])}


def hsds_export(session: Session, *, base_url: str) -> dict:
    """Every active group as a fully nested HSDS service (with its organization), one page."""
    groups = session.exec(
        select(Group).where(Group.status == "active").options(*group_with_meetings())
        .order_by(Group.slug)
    ).all()
    contents = [service_object(g, base_url=base_url) for g in groups]
    return page_of(contents, total=len(contents), page=1, per_page=max(1, len(contents)))
