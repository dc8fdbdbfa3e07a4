"""Likely duplicates: a new listing against the directory, and the duplicates page."""


from __future__ import annotations

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from directory.formats.csv import listing_rows
from directory.listings.queries import group_with_meetings
from directory.listings.schema import ListingIn
from directory.listings.store import (
    listing_of,
)
from directory.models import (
    Group,
    Location,
    Meeting,
    Organization,
)
from directory.moderation.submissions import current_listing, first_place

MAX_DUPLICATE_CANDIDATES = 200


DUPLICATE_SCAN = 500  # listings the duplicates page checks, most recently changed first


# rapidfuzz scores are 0–100. A name this close, plus the same organization or place,
# is "likely the same group".
DUPLICATE_NAME_SCORE = 85


DUPLICATE_ORG_SCORE = 85


DUPLICATE_ADDRESS_SCORE = 90


PLACE_KEYS = ("location_name", "address", "city", "region", "postal_code", "country")


STREET_WORDS = {
    "street": "st", "avenue": "ave", "road": "rd", "boulevard": "blvd", "drive": "dr",
    "lane": "ln", "place": "pl", "court": "ct", "north": "n", "south": "s", "east": "e",
    "west": "w", "suite": "ste",
}


def _address_text(address: str) -> str:
    words = utils.default_process(address).split()
    return " ".join(STREET_WORDS.get(word, word) for word in words)


def _same_place(row: dict[str, str], other: dict[str, str]) -> bool:
    url = (row.get("online_url") or "").rstrip("/").lower()
    if url and url == (other.get("online_url") or "").rstrip("/").lower():
        return True
    postal = (row.get("postal_code") or "").replace(" ", "").lower()
    other_postal = (other.get("postal_code") or "").replace(" ", "").lower()
    address, other_address = row.get("address") or "", other.get("address") or ""
    if address and other_address:
        close = fuzz.token_set_ratio(_address_text(address), _address_text(other_address))
        if close >= DUPLICATE_ADDRESS_SCORE and (
            postal == other_postal
            or (row.get("city") or "").lower() == (other.get("city") or "").lower()
        ):
            return True
    return False


def listing_names(session: Session) -> dict[int, str]:
    """Every listing's name by id (rejected ones left out), as plain rows."""
    return dict(session.execute(
        sa_select(Group.id, Group.name).where(Group.status != "rejected")
    ).all())


def _candidate_names(session: Session, *, org: str, place: dict[str, str]) -> dict[int, str]:
    """The names (by id) of the listings, rejected ones left out, that share the
    organization (a close name) or could share the place as `_same_place` judges it: the
    same online link, or an address beside the same postal code or city."""
    conditions = []
    if org:
        close_orgs = process.extract(
            org, dict(session.execute(sa_select(Organization.id, Organization.name)).all()),
            scorer=fuzz.token_set_ratio, processor=utils.default_process,
            score_cutoff=DUPLICATE_ORG_SCORE, limit=None)
        if close_orgs:
            conditions.append(col(Group.organization_id).in_([key for *_, key in close_orgs]))
    url = (place.get("online_url") or "").rstrip("/").lower()
    if url:
        conditions.append(col(Group.id).in_(
            sa_select(Meeting.group_id).where(
                func.lower(func.rtrim(Meeting.online_url, "/")) == url)))
    if place.get("address"):
        postal = (place.get("postal_code") or "").replace(" ", "").lower()
        city = (place.get("city") or "").lower()
        places = sa_select(Location.id).where(
            func.coalesce(Location.address, "") != "",
            or_(func.lower(func.replace(func.coalesce(Location.postal_code, ""), " ", ""))
                == postal,
                func.lower(func.coalesce(Location.city, "")) == city))
        conditions.append(col(Group.id).in_(
            sa_select(Meeting.group_id).where(col(Meeting.location_id).in_(places))))
    if not conditions:
        return {}
    return dict(session.execute(
        sa_select(Group.id, Group.name).where(Group.status != "rejected", or_(*conditions))
    ).all())


def find_likely_duplicates(
    session: Session, *, listing: ListingIn, exclude_group_id: int | None = None,
    limit: int = 5, names: dict[int, str] | None = None,
) -> list[Group]:
    """Existing listings that look like the same group: a close name (rapidfuzz 0–100)
    and the same organization or the same place. Rejected listings are not compared."""
    name = listing.name
    org = listing.organization or ""
    place = first_place(listing)
    # Names first, as plain rows scored in C; only close names are loaded in full, so a
    # directory of tens of thousands of listings costs milliseconds, not a full table load.
    if names is None:
        # Only listings that could pass the place-or-organization test below are scored:
        # a submission no longer reads every listing's name (at 50,000 listings that was a
        # fifth of the server's time under load).
        names = _candidate_names(session, org=org, place=place)
    names = {k: v for k, v in names.items() if k != exclude_group_id}
    close = process.extract(
        name, names, scorer=fuzz.token_set_ratio, processor=utils.default_process,
        score_cutoff=DUPLICATE_NAME_SCORE, limit=MAX_DUPLICATE_CANDIDATES,
    )
    name_scores = {key: score for _, score, key in close}
    candidates = session.exec(
        select(Group).where(Group.id.in_(list(name_scores))).options(*group_with_meetings())
    ).all() if name_scores else []
    scored: list[tuple[float, Group]] = []
    for group in candidates:
        name_score = name_scores[group.id]
        other_org = group.organization.name if group.organization else ""
        same_org = bool(org and other_org) and fuzz.token_set_ratio(
            org, other_org, processor=utils.default_process
        ) >= DUPLICATE_ORG_SCORE
        same_place = any(_same_place(place, r) for r in listing_rows(listing_of(group)))
        if same_org or same_place:
            scored.append((name_score, group))
    scored.sort(key=lambda pair: (-pair[0], pair[1].slug))
    return [group for _, group in scored[:limit]]


def list_duplicate_suggestions(session: Session) -> list[tuple[Group, list[Group]]]:
    """The most recently changed listings that look like another listing, each with its
    look-alikes (at most DUPLICATE_SCAN of them are checked, so the page stays fast on a
    directory of any size)."""
    groups = session.exec(
        select(Group).where(Group.status != "rejected")
        .order_by(Group.updated_at.desc(), Group.slug).limit(DUPLICATE_SCAN)
        .options(*group_with_meetings())
    ).all()
    groups = sorted(groups, key=lambda g: g.slug)
    names = listing_names(session)
    seen: set[frozenset[int]] = set()
    out: list[tuple[Group, list[Group]]] = []
    for group in groups:
        matches = [
            other for other in find_likely_duplicates(
                session, listing=current_listing(group), exclude_group_id=group.id, limit=10,
                names=names,
            )
            if frozenset((group.id, other.id)) not in seen
        ]
        for other in matches:
            seen.add(frozenset((group.id, other.id)))
        if matches:
            out.append((group, matches))
    return out
