"""Listings from their owners, through moderation, into the directory.

A new listing is stored at once as a `pending` group (invisible to seekers) with a `new`
revision; an owner's edit to a live listing is an `edit` revision that changes nothing
until a moderator approves it. Every write of a group goes through the one writer,
`directory.listings.store.write_listing`, which also leaves the AuditEntry of each change.
Revisions store the proposed listing as ListingIn JSON (older ones as CSV-shaped rows;
`revision_listing` reads both).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from directory.formats.csv import listing_data, listing_rows
from directory.listings.diff import FieldChange, diff_listings
from directory.listings.fields import SLUG_RE
from directory.listings.schema import ListingIn, validate_listing
from directory.listings.store import (
    Geocoder,
    ListingWriteError,
    listing_json,
    listing_of,
    write_listing,
)
from directory.models import (
    AuditEntry,
    EditToken,
    Group,
    ListingOwner,
    ListingRevision,
)
from directory.services import edit_links
from directory.services.listings import group_with_meetings

STALE_AFTER_DAYS = 180
MAX_DUPLICATE_CANDIDATES = 200
DUPLICATE_SCAN = 500  # listings the duplicates page checks, most recently changed first
# rapidfuzz scores are 0–100. A name this close, plus the same organization or place,
# is "likely the same group".
DUPLICATE_NAME_SCORE = 85
DUPLICATE_ORG_SCORE = 85
DUPLICATE_ADDRESS_SCORE = 90
PLACE_KEYS = ("location_name", "address", "city", "region", "postal_code", "country")


class ListingError(Exception):
    """A moderation action that cannot be done in the listing's current state."""


@dataclass
class Submission:
    group: Group
    revision: ListingRevision
    token: str | None  # None when this form had already been submitted
    already_submitted: bool = False


# --- tokens ------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    """The SHA-256 (hex) of an edit token: all that is stored."""
    return edit_links.hash_token(token)


def issue_edit_token(session: Session, *, group: Group, now: datetime,
                     email: str | None = None, actor: str = "system", why: str = "") -> str:
    """Create a new private edit link token for `group`; only its hash is stored (audited)."""
    return edit_links.issue_link(session, group=group, now=now, email=email, actor=actor,
                                 why=why)


def get_group_by_token(session: Session, *, token: str) -> Group | None:
    """The group an edit token opens (not revoked), or None. Views use
    `edit_links.check_link`, which also knows expiry."""
    if not token or len(token) > 100:
        return None
    return session.exec(
        select(Group)
        .join(EditToken, EditToken.group_id == Group.id)
        .where(EditToken.token_hash == hash_token(token), EditToken.purpose == "edit",
               EditToken.revoked_at.is_(None))
    ).first()


def get_owner(session: Session, *, group_id: int) -> ListingOwner | None:
    """The owner record (e-mail, reminders) of a group."""
    return session.get(ListingOwner, group_id)


# --- reading and writing a listing ----------------------------------------------------------


def current_listing(group: Group) -> ListingIn:
    """A stored group as a ListingIn (for forms, diffs and revisions)."""
    return listing_of(group)


def revision_listing(data: list[dict] | dict | None) -> ListingIn | None:
    """A stored revision's listing: ListingIn JSON, or (older revisions) CSV-shaped rows."""
    if not data:
        return None
    if isinstance(data, list):
        if len(data) == 1 and isinstance(data[0], dict) and "meetings" in data[0]:
            data = data[0]
        else:
            listing, _ = validate_listing(listing_data(data, None))
            return listing
    try:
        return ListingIn.model_validate(data)
    except ValueError:
        return None


def first_place(listing: ListingIn) -> dict[str, str]:
    """The first meeting's place or online link, CSV-shaped (for duplicate checks)."""
    rows = listing_rows(listing)
    for row in rows:
        if any(row.get(k) for k in ("address", "postal_code", "city", "online_url")):
            return row
    return rows[0] if rows else {}


def write_group(
    session: Session, group: Group | None, listing: ListingIn, *, now: datetime,
    status: str, geocoder: Geocoder, actor: str, action: str, note: str | None = None,
) -> Group:
    """Write a listing onto `group` through the one writer (which geocodes and audits; a
    write that changes nothing is still audited, so every decision is in the log)."""
    try:
        group, result = write_listing(session, group, listing, geocoder=geocoder, now=now,
                                      actor=actor, action=action, status=status, note=note)
    except ListingWriteError as exc:
        raise ListingError(str(exc)) from None
    if not result.changed:
        record_audit(session, actor=actor, action=action, group=group, now=now, note=note)
    return group


def record_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    group: Group | None,
    now: datetime,
    before: list[dict] | None = None,
    after: list[dict] | None = None,
    note: str | None = None,
) -> AuditEntry:
    """Write one audit log entry (who, when, what, before and after)."""
    entry = AuditEntry(
        at=now, actor=actor[:300], action=action, note=note,
        group_id=group.id if group else None, group_slug=group.slug if group else None,
        before=before, after=after,
    )
    session.add(entry)
    session.flush()
    return entry


# --- slugs and duplicates ------------------------------------------------------------------


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "group"


def unique_slug(session: Session, *, name: str, city: str | None) -> str:
    """A new, unused slug from the group's name (and city when it helps)."""
    base = _slugify(name)
    candidates = [base]
    if city:
        candidates.append(_slugify(f"{name} {city}"))
    for candidate in candidates:
        if session.exec(select(Group.id).where(Group.slug == candidate)).first() is None:
            return candidate
    n = 2
    while True:
        candidate = f"{candidates[-1][:70]}-{n}"
        if session.exec(select(Group.id).where(Group.slug == candidate)).first() is None:
            return candidate
        n += 1


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
        names = listing_names(session)
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


# --- owners: submit, edit, pause, confirm ---------------------------------------------------


NONCE_RE = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")


def get_revision_by_nonce(session: Session, *, form_nonce: str) -> ListingRevision | None:
    """The revision a form (by its one-time nonce) already created, if any."""
    if not NONCE_RE.match(form_nonce or ""):
        return None
    return session.exec(
        select(ListingRevision).where(ListingRevision.form_nonce == form_nonce)
    ).first()


def submit_listing(
    session: Session,
    *,
    listing: ListingIn,
    owner_email: str | None,
    form_nonce: str | None,
    duplicate_of: list[int],
    now: datetime,
    geocoder: Geocoder,
) -> Submission:
    """Store a new listing as a pending group with its first edit token.

    Submitting the same form (same nonce) twice returns the first submission.
    """
    if form_nonce and not NONCE_RE.match(form_nonce):
        form_nonce = None  # not one we issued: the submission simply has no nonce
    if form_nonce:
        existing = get_revision_by_nonce(session, form_nonce=form_nonce)
        if existing is not None:
            return Submission(session.get(Group, existing.group_id), existing, None, True)
    place = first_place(listing)
    try:
        with session.begin_nested():
            slug = unique_slug(session, name=listing.name, city=place.get("city"))
            group = write_group(
                session, None, listing.model_copy(update={"slug": slug}), now=now,
                status="pending", geocoder=geocoder, actor="owner", action="submitted",
            )
            session.add(ListingOwner(group_id=group.id, email=owner_email or None,
                                     created_at=now))
            revision = ListingRevision(
                group_id=group.id, kind="new", proposed=listing_json(current_listing(group)),
                base=[], duplicate_of=duplicate_of, form_nonce=form_nonce or None,
                submitted_at=now,
            )
            session.add(revision)
            session.flush()
    except IntegrityError:
        # The same form raced in twice: the other request won; answer with its listing.
        existing = get_revision_by_nonce(session, form_nonce=form_nonce or "")
        if existing is None:
            raise
        return Submission(session.get(Group, existing.group_id), existing, None, True)
    token = issue_edit_token(session, group=group, now=now, email=owner_email or None,
                             actor="owner", why="submission")
    return Submission(group, revision, token)


def pending_revision(session: Session, *, group_id: int) -> ListingRevision | None:
    """The group's revision waiting for a moderator, if any (at most one; a conflict with
    a data source is not the owner's and is not counted)."""
    return session.exec(
        select(ListingRevision)
        .where(ListingRevision.group_id == group_id, ListingRevision.status == "pending",
               ListingRevision.kind != "conflict")
        .order_by(ListingRevision.id.desc())
    ).first()


def latest_decision(session: Session, *, group_id: int) -> ListingRevision | None:
    """The group's most recently decided (approved or rejected) revision, if any."""
    return session.exec(
        select(ListingRevision)
        .where(ListingRevision.group_id == group_id,
               ListingRevision.status.in_(("approved", "rejected")))
        .order_by(ListingRevision.decided_at.desc(), ListingRevision.id.desc())
    ).first()


def propose_edit(
    session: Session, *, group: Group, listing: ListingIn, duplicate_of: list[int],
    now: datetime, geocoder: Geocoder,
) -> ListingRevision:
    """An owner's edit. A live (active or paused) listing stays as it is until a moderator
    approves; a listing nobody sees yet (pending, rejected) is changed and (re)queued."""
    before = listing_json(current_listing(group))
    listing = listing.model_copy(update={"slug": group.slug})
    previous = pending_revision(session, group_id=group.id)
    if previous is not None:
        previous.status = "superseded"
        previous.decided_at = now
        session.add(previous)
    if group.status in ("active", "paused"):
        revision = ListingRevision(
            group_id=group.id, kind="edit", base=before, proposed=listing_json(listing),
            duplicate_of=duplicate_of, submitted_at=now,
        )
        record_audit(session, actor="owner", action="edit proposed", group=group, now=now,
                     before=[before], after=[revision.proposed])
    else:
        write_group(session, group, listing, now=now, status="pending", geocoder=geocoder,
                    actor="owner", action="edit proposed")
        revision = ListingRevision(
            group_id=group.id, kind="new", base=[],
            proposed=listing_json(current_listing(group)), duplicate_of=duplicate_of,
            submitted_at=now,
        )
    session.add(revision)
    session.flush()
    return revision


def pause_listing(session: Session, *, group: Group, actor: str, now: datetime) -> None:
    """Hide an active listing from seekers until it is unpaused."""
    if group.status != "active":
        raise ListingError("Only a live listing can be paused.")
    _set_status(session, group, "paused", actor=actor, action="paused", now=now)


def unpause_listing(session: Session, *, group: Group, actor: str, now: datetime) -> None:
    """Show a paused listing to seekers again."""
    if group.status != "paused":
        raise ListingError("Only a paused listing can be unpaused.")
    _set_status(session, group, "active", actor=actor, action="unpaused", now=now)


def _set_status(
    session: Session, group: Group, status: str, *, actor: str, action: str, now: datetime
) -> None:
    before = [{"status": group.status}]
    group.status = status
    group.updated_at = now
    session.add(group)
    record_audit(session, actor=actor, action=action, group=group, now=now, before=before,
                 after=[{"status": status}])


def confirm_listing(session: Session, *, group: Group, actor: str, now: datetime) -> None:
    """The owner says the listing is still accurate: it is verified as of now."""
    before = group.last_verified_at.isoformat() if group.last_verified_at else ""
    group.last_verified_at = now
    session.add(group)
    record_audit(session, actor=actor, action="confirmed accurate", group=group, now=now,
                 before=[{"last_verified_at": before}],
                 after=[{"last_verified_at": now.isoformat()}])


# --- moderators -----------------------------------------------------------------------------


def list_pending_revisions(session: Session) -> list[ListingRevision]:
    """Every revision waiting for a moderator, oldest first."""
    return list(
        session.exec(
            select(ListingRevision)
            .where(ListingRevision.status == "pending")
            .order_by(ListingRevision.submitted_at, ListingRevision.id)
        ).all()
    )


def get_revision(session: Session, *, revision_id: int) -> ListingRevision | None:
    """One revision by id."""
    return session.get(ListingRevision, revision_id)


def approve_listing(
    session: Session, *, revision_id: int, moderator: str, now: datetime, geocoder: Geocoder,
) -> ListingRevision:
    """Approve a pending new listing (it goes live) or edit (it replaces the live version)."""
    revision = session.get(ListingRevision, revision_id)
    if revision is None or revision.status != "pending":
        raise ListingError("This submission is no longer waiting for a decision.")
    if revision.kind == "conflict":  # approving a conflict accepts the incoming version
        return _resolve(session, revision_id, "incoming", moderator, now, geocoder)
    group = session.get(Group, revision.group_id)
    if revision.kind == "new":
        # A pending group already holds its latest state (owner edits to it, and any
        # moderator edit, are written at once), so approving only publishes it.
        before = [listing_json(current_listing(group))]
        group.status = "active"
        group.updated_at = now
        group.last_verified_at = now
        session.add(group)
        record_audit(session, actor=moderator, action="approved new", group=group, now=now,
                     before=None, after=before)
    else:
        proposed = revision_listing(revision.proposed)
        if proposed is None:
            raise ListingError("This edit can no longer be read; reject it with a reason.")
        proposed = proposed.model_copy(update={"slug": group.slug, "last_verified": None})
        write_group(session, group, proposed, now=now, status=group.status,
                    geocoder=geocoder, actor=moderator, action="approved edit")
        group.last_verified_at = now
        session.add(group)
    revision.status = "approved"
    revision.decided_by = moderator
    revision.decided_at = now
    session.add(revision)
    session.flush()
    return revision


def reject_listing(
    session: Session, *, revision_id: int, moderator: str, reason: str, now: datetime
) -> ListingRevision:
    """Reject a pending new listing or edit with a reason (the live version is untouched)."""
    revision = session.get(ListingRevision, revision_id)
    if revision is None or revision.status != "pending":
        raise ListingError("This submission is no longer waiting for a decision.")
    if revision.kind == "conflict":  # rejecting a conflict keeps ours
        return _resolve(session, revision_id, "ours", moderator, now, None, reason)
    group = session.get(Group, revision.group_id)
    if revision.kind == "new":
        group.status = "rejected"
        group.updated_at = now
        session.add(group)
    revision.status = "rejected"
    revision.reason = reason
    revision.decided_by = moderator
    revision.decided_at = now
    session.add(revision)
    session.flush()
    record_audit(session, actor=moderator, action=f"rejected {revision.kind}", group=group,
                 now=now, note=reason)
    return revision


def _resolve(session: Session, revision_id: int, keep: str, moderator: str, now: datetime,
             geocoder: Geocoder | None, reason: str = "") -> ListingRevision:
    from directory.services.conflicts import ConflictError, resolve_conflict

    try:
        return resolve_conflict(session, revision_id=revision_id, keep=keep,
                                moderator=moderator, now=now, reason=reason,
                                geocoder=geocoder or Geocoder())
    except ConflictError as exc:
        raise ListingError(str(exc)) from None


def moderator_edit(
    session: Session, *, group: Group, listing: ListingIn, moderator: str,
    now: datetime, geocoder: Geocoder,
) -> None:
    """A moderator's edit of any listing: written at once, audited (by the writer)."""
    listing = listing.model_copy(update={"slug": group.slug})
    write_group(session, group, listing, now=now, status=group.status, geocoder=geocoder,
                actor=moderator, action="edited")


def diff_revision(base: list[dict] | dict | None, proposed: list[dict] | dict | None
                  ) -> list[FieldChange]:
    """Field-by-field differences between two stored versions (meetings by identity)."""
    return diff_listings(revision_listing(base), revision_listing(proposed))


def list_stale_groups(session: Session, *, now: datetime) -> list[Group]:
    """Live listings not verified for STALE_AFTER_DAYS days, the oldest first."""
    cutoff = now - timedelta(days=STALE_AFTER_DAYS)
    return list(
        session.exec(
            select(Group)
            .where(Group.status.in_(("active", "paused")))
            .where((Group.last_verified_at.is_(None)) | (Group.last_verified_at < cutoff))
            .order_by(Group.last_verified_at, Group.slug)
        ).all()
    )


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


def list_audit_entries(
    session: Session, *, page: int, per_page: int, group_id: int | None = None
) -> tuple[list[AuditEntry], int]:
    """One page of the audit log, newest first, and the total number of entries."""
    query = select(AuditEntry)
    count = select(func.count()).select_from(AuditEntry)
    if group_id is not None:
        query = query.where(AuditEntry.group_id == group_id)
        count = count.where(AuditEntry.group_id == group_id)
    total = session.exec(count).one()
    entries = session.exec(
        query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * per_page).limit(per_page)
    ).all()
    return list(entries), total


def list_groups(session: Session) -> list[Group]:
    """Every listing, any status, by name (the moderators' index)."""
    return list(session.exec(select(Group).order_by(Group.name, Group.slug)).all())


def get_group(session: Session, *, slug: str) -> Group | None:
    """A group in any status, by slug."""
    if not SLUG_RE.match(slug):
        return None
    return session.exec(select(Group).where(Group.slug == slug)).first()


# Reminders, escalation and automatic pauses: directory/services/verification.py.
