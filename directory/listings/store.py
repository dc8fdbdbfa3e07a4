"""The one writer of listings: `write_listing` turns a :class:`ListingIn` into rows.

Insert, update, approval, a moderator's edit and every import go through it. Geocoding
(the configured geocoder, with DEFAULT_COUNTRY), time zones from the place and the audit
entry happen here, and the catalog version moves by itself in a session event
(directory/catalog.py), so no call site has to remember any of them.
Idempotence is "the stored listing equals the incoming one": writing the same listing
twice changes nothing, not even `updated_at`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from directory.listings.schema import (
    ListingIn,
    MeetingIn,
    OnlineIn,
    PlaceIn,
    attendance_from_format,
    comparable,
)
from directory.models import AuditEntry, Group, Location, Meeting, Organization

ZONE_MISSING = ("is required: no time zone was given and none could be derived from the "
                "place")


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    approximate: bool = True


@dataclass(frozen=True)
class Geocoder:
    """How listings get coordinates and time zones when they are saved (never in a search).

    `locate(address=, city=, region=, postal_code=, country=)` returns a GeocodeResult or
    None; `timezone_at(lat, lon)` an IANA zone or None. Either may be None (not available).
    """

    locate: Callable[..., GeocodeResult | None] | None = None
    timezone_at: Callable[[float, float], str | None] | None = None


NO_GEOCODER = Geocoder()


class ListingWriteError(Exception):
    """A listing that cannot be stored as it is (a meeting whose time zone is unknown)."""

    def __init__(self, problems: list[tuple[tuple, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


@dataclass
class Prepared:
    """A listing with coordinates and zones filled, and what could not be filled."""

    listing: ListingIn
    warnings: list[str] = field(default_factory=list)
    problems: list[tuple[tuple, str]] = field(default_factory=list)


@dataclass
class WriteResult:
    created: bool
    changed: bool
    warnings: list[str] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------


def place_of(location: Location | None) -> PlaceIn | None:
    if location is None:
        return None
    return PlaceIn.model_construct(
        name=location.name, address=location.address, city=location.city,
        region=location.region, postal_code=location.postal_code, country=location.country,
        latitude=location.latitude, longitude=location.longitude,
        approximate=location.approximate,
    )


def meeting_of(meeting: Meeting) -> MeetingIn:
    """A stored meeting as the schema's MeetingIn."""
    online = None
    if meeting.online_url or meeting.online_phone or meeting.online_notes:
        online = OnlineIn.model_construct(url=meeting.online_url, phone=meeting.online_phone,
                                          notes=meeting.online_notes)
    from directory.listings.fields import Recurrence

    return MeetingIn.model_construct(
        weekday=meeting.weekday, start_time=meeting.start_time, end_time=meeting.end_time,
        timezone=meeting.timezone, recurrence=Recurrence.parse(meeting.recurrence),
        starts_on=meeting.starts_on, ends_on=meeting.ends_on,
        attendance=meeting.attendance, place=place_of(meeting.location), online=online,
        name=meeting.name, notes=meeting.notes, location_notes=meeting.location_notes,
        source_slug=meeting.source_slug, source_types=list(meeting.source_types or []),
        regions=list(meeting.regions or []),
    )


def listing_of(group: Group) -> ListingIn:
    """A stored group as a ListingIn (what `write_listing` would have been given)."""
    verified = group.last_verified_at.date() if group.last_verified_at else None
    return ListingIn.model_construct(
        slug=group.slug, name=group.name,
        organization=group.organization.name if group.organization else None,
        description=group.description, topics=list(group.topics), approach=group.approach,
        format=group.format, cost=group.cost, fee_cents=group.fee_cents,
        fee_currency=group.fee_currency, languages=list(group.languages),
        audience=list(group.audience), access=list(group.access), welcome=group.welcome,
        registration_required=group.registration_required, facilitation=group.facilitation,
        contact_email=group.contact_email, contact_phone=group.contact_phone,
        website=group.website,
        status=group.status if group.status in ("active", "paused") else "paused",
        last_verified=verified, accepting_new_members=group.accepting_new_members,
        source=group.source_name, source_id=group.source_entry_id,
        meetings=[meeting_of(m) for m in group.meetings],
    )


def listing_json(listing: ListingIn) -> dict:
    """A listing as JSON-ready data (revisions and the audit log store this)."""
    return listing.model_dump(mode="json")


# --- preparing: coordinates and zones ------------------------------------------------------


def _known_places(group: Group | None) -> dict[tuple, Location]:
    known: dict[tuple, Location] = {}
    if group is None or group.id is None:
        return known
    for meeting in group.meetings:
        loc = meeting.location
        if loc is not None and loc.latitude is not None:
            key = (loc.name, loc.address, loc.city, loc.region, loc.postal_code, loc.country)
            known.setdefault(key, loc)
    return known


def prepare_listing(
    listing: ListingIn, *, geocoder: Geocoder, existing: Group | None = None,
    label: str = "",
) -> Prepared:
    """Fill missing coordinates (a stored place keeps its own; otherwise the geocoder) and
    missing time zones (from the place). A place that cannot be located is kept, marked
    approximate, with a warning; a meeting whose zone cannot be found is a problem."""
    out = Prepared(listing.model_copy(deep=True))
    known = _known_places(existing)
    who = label or listing.slug or listing.name
    for i, meeting in enumerate(out.listing.meetings):
        place = meeting.place
        if place is not None and place.latitude is None and place.describes_somewhere():
            key = (place.name, place.address, place.city, place.region, place.postal_code,
                   place.country)
            stored = known.get(key)
            result = None
            if stored is not None:
                result = GeocodeResult(stored.latitude, stored.longitude, stored.approximate)
            elif geocoder.locate is not None:
                result = geocoder.locate(
                    address=place.address, city=place.city, region=place.region,
                    postal_code=place.postal_code, country=place.country,
                )
            if result is None:
                place.approximate = True
                out.warnings.append(
                    f"meeting {i + 1} ({who}): the place could not be located; kept without "
                    "coordinates for a moderator to fix"
                )
            else:
                place.latitude = round(result.latitude, 6)
                place.longitude = round(result.longitude, 6)
                place.approximate = result.approximate
        if meeting.timezone is None:
            zone = None
            if place is not None and place.latitude is not None and geocoder.timezone_at:
                zone = geocoder.timezone_at(place.latitude, place.longitude)
            if zone is None:
                out.problems.append((("meetings", i, "timezone"), ZONE_MISSING))
            else:
                meeting.timezone = zone
    return out


# --- writing --------------------------------------------------------------------------------


def same_listing(stored: ListingIn, incoming: ListingIn) -> bool:
    """True when writing `incoming` over `stored` would change nothing a person can see."""
    return comparable(stored) == comparable(incoming) and (
        incoming.last_verified is None or incoming.last_verified == stored.last_verified
    )


def _verified_at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def write_listing(
    session: Session,
    group: Group | None,
    listing: ListingIn,
    *,
    geocoder: Geocoder,
    now: datetime,
    actor: str,
    action: str,
    status: str | None = None,
    note: str | None = None,
    audit: bool = True,
) -> tuple[Group, WriteResult]:
    """Store `listing` on `group` (a new group when None); the only code that writes one.

    `status` overrides the listing's own (moderation decides pending/active); `action` and
    `actor` go into the audit entry. Adds and flushes; the caller commits once.
    Raises ListingWriteError when a meeting's time zone cannot be found.
    """
    prepared = prepare_listing(listing, geocoder=geocoder, existing=group)
    if prepared.problems:
        raise ListingWriteError(prepared.problems)
    listing = prepared.listing
    if group is not None and group.id is not None and listing.source is None \
            and group.source_name:
        listing = with_provenance(listing, listing_of(group))
    created = group is None or group.id is None
    if group is None:
        if not listing.slug:
            raise ValueError("a new listing needs a slug")
        group = Group(slug=listing.slug, name="", format="", cost="", created_at=now)
    new_status = status or listing.status
    before = None if created else listing_of(group)
    if before is not None and same_listing(before, listing) and new_status == group.status:
        return group, WriteResult(created=False, changed=False, warnings=prepared.warnings)
    _apply(session, group, listing, now=now)
    group.status = new_status
    session.add(group)
    session.flush()
    if audit:
        session.add(AuditEntry(
            at=now, actor=actor[:300], action=action, note=note, group_id=group.id,
            group_slug=group.slug,
            before=[listing_json(before)] if before is not None else None,
            after=[listing_json(listing_of(group))],
        ))
    session.flush()  # the catalog version moves by itself (directory/catalog.py)
    return group, WriteResult(created=created, changed=True, warnings=prepared.warnings)


MEETING_PROVENANCE = ("name", "notes", "location_notes", "source_slug", "source_types",
                      "regions")


def with_provenance(listing: ListingIn, stored: ListingIn) -> ListingIn:
    """`listing` (an edit that says nothing of provenance, such as the listing form's) with
    the stored listing's source, source id and per-meeting source fields kept: an edit never
    silently drops what a data source gave."""
    out = listing.model_copy(deep=True)
    out.source, out.source_id = stored.source, stored.source_id
    by_identity: dict[tuple, list[MeetingIn]] = {}
    for meeting in stored.meetings:
        by_identity.setdefault(meeting.identity(), []).append(meeting)
    for meeting in out.meetings:
        if any(getattr(meeting, k) for k in MEETING_PROVENANCE):
            continue
        matches = by_identity.get(meeting.identity())
        if matches:
            old = matches.pop(0)
            for k in MEETING_PROVENANCE:
                value = getattr(old, k)
                setattr(meeting, k, list(value) if isinstance(value, list) else value)
    return out


def _organization(session: Session, name: str | None, website: str | None,
                  now: datetime) -> Organization | None:
    if not name:
        return None
    organization = session.exec(select(Organization).where(Organization.name == name)).first()
    if organization is None:
        for pending in session.new:  # created earlier in this unit of work, not yet flushed
            if isinstance(pending, Organization) and pending.name == name:
                return pending
        organization = Organization(name=name, website=website, created_at=now,
                                    updated_at=now)
        if session.get_bind().dialect.name == "postgresql":
            return _insert_organization_once(session, organization)
        session.add(organization)  # SQLite: writers hold the write lock (BEGIN IMMEDIATE)
    return organization


def _insert_organization_once(session: Session, organization: Organization) -> Organization:
    """Insert a new organization, or take the one a concurrent writer just committed under
    the same name (two people submitting groups of one organization at the same moment
    must both succeed)."""
    from sqlalchemy.dialects.postgresql import insert

    session.execute(insert(Organization).values(
        name=organization.name, website=organization.website,
        description=organization.description, created_at=organization.created_at,
        updated_at=organization.updated_at,
    ).on_conflict_do_nothing(index_elements=["name"]))
    return session.exec(
        select(Organization).where(Organization.name == organization.name)).one()


def _apply(session: Session, group: Group, listing: ListingIn, *, now: datetime) -> None:
    group.name = listing.name
    group.organization = _organization(session, listing.organization, listing.website, now)
    group.description = listing.description
    group.topics = list(listing.topics)
    group.approach = listing.approach
    group.format = listing.format
    group.cost = listing.cost
    group.fee_cents = listing.fee_cents
    group.fee_currency = listing.fee_currency
    group.languages = list(listing.languages)
    group.audience = list(listing.audience)
    group.access = list(listing.access)
    group.welcome = listing.welcome
    group.registration_required = listing.registration_required
    group.facilitation = listing.facilitation
    group.contact_email = listing.contact_email
    group.contact_phone = listing.contact_phone
    group.website = listing.website
    group.accepting_new_members = listing.accepting_new_members
    group.source_name = listing.source
    group.source_entry_id = listing.source_id
    if listing.last_verified is not None:
        group.last_verified_at = _verified_at(listing.last_verified)
    elif group.last_verified_at is None:
        group.last_verified_at = now
    group.updated_at = now
    _apply_meetings(session, group, listing)


def _apply_meetings(session: Session, group: Group, listing: ListingIn) -> None:
    """Replace the group's meetings, keeping the rows (and ids) of meetings that stay."""
    old = list(group.meetings)
    old_locations = {id(m.location): m.location for m in old if m.location is not None}
    by_identity: dict[tuple, list[Meeting]] = {}
    for meeting in old:
        key = (meeting.weekday, meeting.start_time, meeting.recurrence)
        by_identity.setdefault(key, []).append(meeting)
    places: dict[tuple, Location] = {}
    kept: list[Meeting] = []
    for position, m in enumerate(listing.meetings):
        key = (m.weekday, m.start_time, str(m.recurrence))
        row = by_identity.get(key, [None]).pop(0) if by_identity.get(key) else None
        if row is None:
            row = Meeting(weekday=m.weekday, start_time=m.start_time, timezone="UTC")
        location = None
        if m.place is not None and not m.place.is_empty():
            pkey = m.place.key()
            location = places.get(pkey)
            if location is None:
                current = row.location
                if current is not None and _same_location(current, m.place) \
                        and current not in places.values():
                    location = current
                    location.approximate = m.place.approximate
                else:
                    location = Location(
                        name=m.place.name, address=m.place.address, city=m.place.city,
                        region=m.place.region, postal_code=m.place.postal_code,
                        country=m.place.country, latitude=m.place.latitude,
                        longitude=m.place.longitude, approximate=m.place.approximate,
                    )
                places[pkey] = location
        row.position = position
        row.weekday = m.weekday
        row.start_time = m.start_time
        row.end_time = m.end_time
        row.timezone = m.timezone or "UTC"
        row.recurrence = str(m.recurrence)
        row.starts_on = m.starts_on
        row.ends_on = m.ends_on
        # Stored only where it differs from what the group's format implies.
        default = attendance_from_format(listing.format)
        row.attendance = m.attendance if m.attendance and m.attendance != default else None
        row.location = location
        row.online_url = m.online.url if m.online else None
        row.online_phone = m.online.phone if m.online else None
        row.online_notes = m.online.notes if m.online else None
        row.name = m.name
        row.notes = m.notes
        row.location_notes = m.location_notes
        row.source_slug = m.source_slug
        row.source_types = list(m.source_types)
        row.regions = list(m.regions)
        kept.append(row)
    group.meetings[:] = kept
    session.add(group)
    session.flush()
    for location in old_locations.values():
        if location in places.values():
            continue
        in_use = session.exec(select(Meeting.id).where(Meeting.location_id == location.id)).first()
        if in_use is None:
            session.delete(location)


def _same_location(location: Location, place: PlaceIn) -> bool:
    return (location.name, location.address, location.city, location.region,
            location.postal_code, location.country, location.latitude,
            location.longitude) == place.key()
