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
- Topics are attributes linked to taxonomy terms of the "circles-topics" taxonomy.
- Contacts carry an e-mail address and phone number only: no personal names.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from directory import taxonomy
from directory.models import Group, Location, Meeting, Organization
from directory.services.listings import group_with_meetings

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://circles.example.org/hsds")
TOPIC_TAXONOMY = "circles-topics"
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
COST_OPTIONS: dict[str, str] = {
    "free": "Free",
    "donation": "Free; donations welcome",
    "sliding-scale": "Sliding scale: pay what you can afford",
    "fee": "Fee",
}


def hsds_id(kind: str, key: str) -> str:
    """A stable UUID string for an object of `kind` with natural key `key`."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


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


def _topic_attributes(group: Group, sid: str) -> list[dict[str, Any]]:
    out = []
    for code in group.topics:
        topic = taxonomy.TOPICS.get(code)
        if topic is None:
            continue
        term_id = hsds_id("taxonomy-term", code)
        term = _clean({
            "id": term_id,
            "code": code,
            "name": topic.label,
            "description": f"Peer support for: {topic.label}",
            "parent_id": hsds_id("taxonomy-term", topic.parent) if topic.parent else None,
            "taxonomy": TOPIC_TAXONOMY,
        })
        out.append({
            "id": hsds_id("attribute", f"{group.slug}|{code}"),
            "link_id": sid,
            "link_type": "topic",
            "link_entity": "service",
            "taxonomy_term_id": term_id,
            "taxonomy_term": term,
        })
    return out


def service_object(group: Group, *, base_url: str, with_organization: bool = True) -> dict:
    """A group as a fully nested HSDS service."""
    sid = service_id(group)
    base_url = base_url.rstrip("/")
    locations: dict[str, dict[str, Any]] = {}
    schedules_at: dict[str, list[dict[str, Any]]] = {}
    for meeting in group.meetings:
        places = []
        if meeting.location is not None:
            places.append(_physical_location(group, meeting.location))
        if meeting.online_url or meeting.online_phone:
            places.append(_virtual_location(group, meeting))
        for place in places:
            locations.setdefault(place["id"], place)
            schedules_at.setdefault(place["id"], []).append(meeting)
    service_at_locations = []
    for lid, location in locations.items():
        sal_id = hsds_id("service-at-location", f"{sid}|{lid}")
        service_at_locations.append({
            "id": sal_id,
            "service_id": sid,
            "location_id": lid,
            "schedules": [
                _schedule(group, m, service_at_location_id=sal_id, location_id=lid)
                for m in schedules_at[lid]
            ],
            "location": location,
        })
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
        "schedules": [_schedule(group, m, service_id=sid) for m in group.meetings],
        "service_at_locations": service_at_locations,
        "languages": languages,
        "cost_options": _cost_options(group, sid),
        "contacts": contacts,
        "attributes": _topic_attributes(group, sid),
    })
    if with_organization:
        service["organization"] = _organization(group)
    return service


# --- queries and pages ---------------------------------------------------------------------


def _active_groups():
    return (
        select(Group)
        .where(Group.status == "active")
        .options(*group_with_meetings())
        .order_by(Group.slug)
    )


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


def list_services(session: Session, *, base_url: str, page: int, per_page: int) -> dict:
    """One page of active groups as HSDS services, ordered by slug."""
    total = session.exec(
        select(func.count()).select_from(Group).where(Group.status == "active")
    ).one()
    groups = session.exec(_active_groups().offset((page - 1) * per_page).limit(per_page)).all()
    contents = [service_object(g, base_url=base_url) for g in groups]
    return page_of(contents, total=total, page=page, per_page=per_page)


def _find_group(session: Session, predicate) -> Group | None:
    rows = session.exec(
        select(Group.slug, Organization.name)
        .join(Organization, Group.organization_id == Organization.id, isouter=True)
        .where(Group.status == "active")
    ).all()
    for slug, org_name in rows:
        if predicate(slug, org_name):
            return session.exec(_active_groups().where(Group.slug == slug)).first()
    return None


def get_service(session: Session, *, base_url: str, service_id: str) -> dict | None:
    """One active group as an HSDS service by its id, or None."""
    wanted = service_id.lower()
    group = _find_group(session, lambda slug, _org: hsds_id("service", slug) == wanted)
    return service_object(group, base_url=base_url) if group is not None else None


def _organizations(session: Session, *, base_url: str) -> list[tuple[dict, list[Group]]]:
    """Every organization with at least one active group, with those groups, by name."""
    by_id: dict[str, tuple[dict, list[Group]]] = {}
    for group in session.exec(_active_groups()).all():
        oid = organization_id(group)
        if oid not in by_id:
            by_id[oid] = (_organization(group), [])
        by_id[oid][1].append(group)
    return sorted(by_id.values(), key=lambda item: (item[0]["name"].lower(), item[0]["id"]))


def list_organizations(session: Session, *, base_url: str, page: int, per_page: int) -> dict:
    """One page of the organizations of active groups (their own fields), ordered by name."""
    organizations = _organizations(session, base_url=base_url)
    start = (page - 1) * per_page
    contents = [
        {k: v for k, v in org.items() if k != "phones"}
        for org, _groups in organizations[start:start + per_page]
    ]
    return page_of(contents, total=len(organizations), page=page, per_page=per_page)


def get_organization(session: Session, *, base_url: str, organization_id: str) -> dict | None:
    """One organization, fully nested with its active groups as services, or None."""
    wanted = organization_id.lower()
    for org, groups in _organizations(session, base_url=base_url):
        if org["id"] == wanted:
            return {
                **org,
                "services": [
                    service_object(g, base_url=base_url, with_organization=False)
                    for g in groups
                ],
            }
    return None


def hsds_export(session: Session, *, base_url: str) -> dict:
    """Every active group as a fully nested HSDS service (with its organization), one page."""
    groups = session.exec(_active_groups()).all()
    contents = [service_object(g, base_url=base_url) for g in groups]
    return page_of(contents, total=len(contents), page=1, per_page=max(1, len(contents)))
