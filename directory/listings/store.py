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

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import Session, select

from directory.catalog import bump_catalog_version
from directory.i18n.problems import Problem
from directory.listings.fields import Recurrence
from directory.listings.schema import (
    AppointmentIn,
    ListingIn,
    MeetingIn,
    OnlineIn,
    PlaceIn,
    attendance_from_format,
    comparable,
)
from directory.models import (
    PUBLIC_STATUSES,
    AuditEntry,
    Group,
    Location,
    Meeting,
    Organization,
)

ZONE_MISSING = Problem("zone-missing")


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

    def problem(self) -> str:
        """The first problem as a message said in the reader's language (its English text
        when there are several; each is also in `problems`)."""
        return self.problems[0][1] if len(self.problems) == 1 else str(self)


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
        appointments=[AppointmentIn.model_validate(a) for a in group.appointments or []],
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


def _needs_filling(listing: ListingIn) -> bool:
    for meeting in listing.meetings:
        place = meeting.place
        if meeting.timezone is None or (
                place is not None and place.latitude is None and place.describes_somewhere()):
            return True
    return False


def prepare_listing(
    listing: ListingIn, *, geocoder: Geocoder, existing: Group | None = None,
    label: str = "",
) -> Prepared:
    """Fill missing coordinates (a stored place keeps its own; otherwise the geocoder) and
    missing time zones (from the place). A place that cannot be located is kept, marked
    approximate, with a warning; a meeting whose zone cannot be found is a problem."""
    if not _needs_filling(listing):  # nothing to fill: no copy (a feed gives it all)
        return Prepared(listing)
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
                out.warnings.append(Problem("place-not-located", number=i + 1, who=who))
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


@dataclass
class BatchItem:
    """One listing of a batch write: onto `group` (None: a new listing). `columns` are the
    caller's own bookkeeping columns of a new group (a sync's source, hash and sync time),
    never listing content."""

    listing: ListingIn
    group: Group | None = None
    columns: dict = field(default_factory=dict)
    status: str | None = None


@dataclass
class BatchResult:
    group_id: int | None
    slug: str
    result: WriteResult | None = None
    error: ListingWriteError | None = None


BATCH_CHUNK = 500


def write_listings(
    session: Session,
    items: list[BatchItem],
    *,
    geocoder: Geocoder,
    now: datetime,
    actor: str,
    action: str,
    status: str | None = None,
    note: str | None = None,
    chunk: int = BATCH_CHUNK,
    progress: Callable[[int], None] | None = None,
) -> list[BatchResult]:
    """`write_listing` for many listings at once, with the same rows and audit entries.

    A listing onto an existing group goes through `write_listing` itself. New listings are
    written in chunks: their organizations looked up once per chunk, groups, places,
    meetings and one audit entry per listing inserted in a few statements, and one flush
    per chunk instead of three per listing. A listing that cannot be stored (a meeting
    whose zone is unknown) comes back with its error; the others are written. Adds and
    flushes; the caller commits once. `progress(n)`, if given, hears how many are written.
    """
    results: list[BatchResult | None] = [None] * len(items)
    written = 0
    fresh: list[tuple[int, ListingIn, BatchItem]] = []
    for i, item in enumerate(items):
        wanted = item.status or status
        if item.group is not None and item.group.id is not None:
            try:
                group, result = write_listing(
                    session, item.group, item.listing, geocoder=geocoder, now=now,
                    actor=actor, action=action, status=wanted, note=note)
            except ListingWriteError as exc:
                results[i] = BatchResult(item.group.id, item.group.slug, error=exc)
                continue
            results[i] = BatchResult(group.id, group.slug, result)
            written += 1
            if progress is not None and written % 50 == 0:
                progress(written)
            continue
        prepared = prepare_listing(item.listing, geocoder=geocoder)
        if prepared.problems:
            results[i] = BatchResult(None, item.listing.slug or "",
                                     error=ListingWriteError(prepared.problems))
            continue
        if not prepared.listing.slug:
            raise ValueError("a new listing needs a slug")
        results[i] = BatchResult(None, prepared.listing.slug,
                                 WriteResult(True, True, prepared.warnings))
        fresh.append((i, prepared.listing, item))
    session.flush()
    for start in range(0, len(fresh), chunk):
        part = fresh[start:start + chunk]
        ids = _insert_new(session, part, now=now, actor=actor, action=action,
                          status=status, note=note)
        for (i, _, _), group_id in zip(part, ids, strict=True):
            results[i].group_id = group_id  # type: ignore[union-attr]
        written += len(part)
        if progress is not None:
            progress(written)
    return [r for r in results if r is not None]


def _insert_new(session: Session, part: list[tuple[int, ListingIn, BatchItem]], *,
                now: datetime, actor: str, action: str, status: str | None,
                note: str | None) -> list[int]:
    """Insert one chunk of new listings; returns their group ids in order."""

    organizations = _organizations(session, {listing.organization: listing.website
                                             for _, listing, _ in part
                                             if listing.organization}, now)
    group_rows = []
    for _, listing, item in part:
        row = group_values(listing, now=now)
        row.update(slug=listing.slug, status=item.status or status or listing.status,
                   created_at=now, organization_id=organizations.get(listing.organization))
        row.update(item.columns)
        group_rows.append(row)
    group_ids = list(session.execute(
        Group.__table__.insert().returning(Group.__table__.c.id,
                                           sort_by_parameter_order=True),
        group_rows).scalars())
    # One location per distinct place of a group, as the one-listing write keeps them.
    location_rows, meeting_rows, meeting_place = [], [], []
    for group_id, (_, listing, _) in zip(group_ids, part, strict=True):
        places: dict[tuple, int] = {}
        for position, meeting in enumerate(listing.meetings):
            index = None
            if meeting.place is not None and not meeting.place.is_empty():
                key = meeting.place.key()
                index = places.get(key)
                if index is None:
                    index = places[key] = len(location_rows)
                    location_rows.append(place_values(meeting.place))
            row = meeting_values(meeting, listing.format)
            row.update(group_id=group_id, position=position, location_id=None)
            meeting_rows.append(row)
            meeting_place.append(index)
    if location_rows:
        location_ids = list(session.execute(
            Location.__table__.insert().returning(Location.__table__.c.id,
                                                  sort_by_parameter_order=True),
            location_rows).scalars())
        for row, index in zip(meeting_rows, meeting_place, strict=True):
            if index is not None:
                row["location_id"] = location_ids[index]
    if meeting_rows:
        session.execute(Meeting.__table__.insert(), meeting_rows)
    audit_rows = [{
        "at": now, "actor": actor[:300], "action": action, "note": note,
        "group_id": group_id, "group_slug": listing.slug, "before": None,
        "after": [stored_listing_json(listing, status=row["status"],
                                      verified_at=row["last_verified_at"])],
    } for group_id, (_, listing, _), row in zip(group_ids, part, group_rows, strict=True)]
    session.execute(AuditEntry.__table__.insert(), audit_rows)
    if any(row["status"] in PUBLIC_STATUSES for row in group_rows):
        # Core inserts pass no ORM flush, so the session event cannot see them.
        bump_catalog_version(session, now=now)
    return group_ids


def _organizations(session: Session, wanted: dict[str, str | None],
                   now: datetime) -> dict[str, int]:
    """Organization ids by name, creating the missing ones (as `_organization` does)."""
    if not wanted:
        return {}
    found = dict(session.exec(select(Organization.name, Organization.id)
                              .where(Organization.name.in_(list(wanted)))).all())
    missing = [{"name": name, "website": website, "description": "", "created_at": now,
                "updated_at": now} for name, website in wanted.items() if name not in found]
    if missing:
        table = Organization.__table__
        rows = session.execute(table.insert().returning(
            table.c.id, table.c.name, sort_by_parameter_order=True), missing).all()
        found.update({name: id_ for id_, name in rows})
    return found


def stored_listing(listing: ListingIn, *, status: str, verified_at: datetime) -> ListingIn:
    """What `listing_of` reads back after `listing` was written as a new group (the audit
    entry's "after"), without reading it back."""
    meetings = []
    for meeting in listing.meetings:
        row = meeting_values(meeting, listing.format)
        place = meeting.place if meeting.place is not None and not meeting.place.is_empty() \
            else None
        online = None
        if row["online_url"] or row["online_phone"] or row["online_notes"]:
            online = OnlineIn.model_construct(url=row["online_url"], phone=row["online_phone"],
                                              notes=row["online_notes"])
        meetings.append(meeting.model_copy(update={
            "timezone": row["timezone"], "attendance": row["attendance"],
            "place": PlaceIn.model_construct(**place_values(place)) if place else None,
            "online": online}))
    return listing.model_copy(update={
        "status": status if status in ("active", "paused") else "paused",
        "last_verified": verified_at.date(), "meetings": meetings})


def stored_listing_json(listing: ListingIn, *, status: str, verified_at: datetime) -> dict:
    """`listing_json(stored_listing(...))` without copying a model per meeting: the batch
    writer's audit entries are most of its work otherwise."""
    data = listing_json(listing)
    data["status"] = status if status in ("active", "paused") else "paused"
    data["last_verified"] = verified_at.date().isoformat()
    for meeting, out in zip(listing.meetings, data["meetings"], strict=True):
        row = meeting_values(meeting, listing.format)
        place = meeting.place
        out["timezone"], out["attendance"] = row["timezone"], row["attendance"]
        out["place"] = place_values(place) if place is not None and not place.is_empty() \
            else None
        out["online"] = {"url": row["online_url"], "phone": row["online_phone"],
                         "notes": row["online_notes"]} \
            if row["online_url"] or row["online_phone"] or row["online_notes"] else None
    return data


MEETING_PROVENANCE = ("name", "notes", "location_notes", "source_slug", "source_types",
                      "regions")


def with_provenance(listing: ListingIn, stored: ListingIn) -> ListingIn:
    """`listing` (an edit that says nothing of provenance, such as the listing form's) with
    the stored listing's source, source id, per-meeting source fields and by-appointment
    meetings kept: an edit never silently drops what a data source gave."""
    out = listing.model_copy(deep=True)
    out.source, out.source_id = stored.source, stored.source_id
    if not out.appointments:  # the form has no by-appointment meetings to edit
        out.appointments = [a.model_copy(deep=True) for a in stored.appointments]
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


def group_values(listing: ListingIn, *, now: datetime,
                 verified_at: datetime | None = None) -> dict:
    """The group row's columns for `listing` (the organization aside): what both the
    one-listing and the batch write store. `verified_at` is the stored verification, kept
    when the listing gives no date of its own."""
    if listing.last_verified is not None:
        verified_at = _verified_at(listing.last_verified)
    return {
        "name": listing.name, "description": listing.description,
        "topics": list(listing.topics), "approach": listing.approach,
        "format": listing.format, "cost": listing.cost, "fee_cents": listing.fee_cents,
        "fee_currency": listing.fee_currency, "languages": list(listing.languages),
        "audience": list(listing.audience), "access": list(listing.access),
        "welcome": listing.welcome, "registration_required": listing.registration_required,
        "facilitation": listing.facilitation, "contact_email": listing.contact_email,
        "contact_phone": listing.contact_phone, "website": listing.website,
        "accepting_new_members": listing.accepting_new_members,
        "source_name": listing.source, "source_entry_id": listing.source_id,
        "appointments": [a.model_dump(mode="json", exclude_defaults=True)
                         for a in listing.appointments],
        "last_verified_at": verified_at or now, "updated_at": now,
    }


def meeting_values(meeting: MeetingIn, group_format: str) -> dict:
    """A meeting row's columns (its place aside) for `meeting` of a group of that format."""
    m = meeting
    # Stored only where it differs from what the group's format implies.
    default = attendance_from_format(group_format)
    return {
        "weekday": m.weekday, "start_time": m.start_time, "end_time": m.end_time,
        "timezone": m.timezone or "UTC", "recurrence": str(m.recurrence),
        "starts_on": m.starts_on, "ends_on": m.ends_on,
        "attendance": m.attendance if m.attendance and m.attendance != default else None,
        "online_url": m.online.url if m.online else None,
        "online_phone": m.online.phone if m.online else None,
        "online_notes": m.online.notes if m.online else None,
        "name": m.name, "notes": m.notes, "location_notes": m.location_notes,
        "source_slug": m.source_slug, "source_types": list(m.source_types),
        "regions": list(m.regions),
    }


def place_values(place: PlaceIn) -> dict:
    """A location row's columns for `place`."""
    return {"name": place.name, "address": place.address, "city": place.city,
            "region": place.region, "postal_code": place.postal_code,
            "country": place.country, "latitude": place.latitude,
            "longitude": place.longitude, "approximate": place.approximate}


def _insert_organization_once(session: Session, organization: Organization) -> Organization:
    """Insert a new organization, or take the one a concurrent writer just committed under
    the same name (two people submitting groups of one organization at the same moment
    must both succeed)."""
    session.execute(pg_insert(Organization).values(
        name=organization.name, website=organization.website,
        description=organization.description, created_at=organization.created_at,
        updated_at=organization.updated_at,
    ).on_conflict_do_nothing(index_elements=["name"]))
    return session.exec(
        select(Organization).where(Organization.name == organization.name)).one()


def _apply(session: Session, group: Group, listing: ListingIn, *, now: datetime) -> None:
    group.organization = _organization(session, listing.organization, listing.website, now)
    for key, value in group_values(listing, now=now,
                                   verified_at=group.last_verified_at).items():
        setattr(group, key, value)
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
                    location = Location(**place_values(m.place))
                places[pkey] = location
        row.position = position
        for column, value in meeting_values(m, listing.format).items():
            setattr(row, column, value)
        row.location = location
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
