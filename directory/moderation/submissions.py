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
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from directory.formats.csv import listing_data, listing_rows
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
from directory.moderation import edit_links


class ListingError(Exception):
    """A moderation action that cannot be done in the listing's current state."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the form field it is about (the words are translated)


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
    actor: str = "owner",
    edit_link: bool = True,
    language: str | None = None,
) -> Submission:
    """Store a new listing as a pending group with its first edit token (none when
    `edit_link` is False: an organization editor's listing is reached through their
    account). `actor` is who submitted it, in the audit log and on the revision; `language`
    is the interface language it was submitted in (the owner's mail is written in it).

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
                status="pending", geocoder=geocoder, actor=actor, action="submitted",
            )
            session.add(ListingOwner(group_id=group.id, email=owner_email or None,
                                     language=language, created_at=now))
            revision = ListingRevision(
                group_id=group.id, kind="new", proposed=listing_json(current_listing(group)),
                base=[], duplicate_of=duplicate_of, form_nonce=form_nonce or None,
                submitted_at=now, submitted_by=actor[:300],
            )
            session.add(revision)
            session.flush()
    except IntegrityError:
        # The same form raced in twice: the other request won; answer with its listing.
        existing = get_revision_by_nonce(session, form_nonce=form_nonce or "")
        if existing is None:
            raise
        return Submission(session.get(Group, existing.group_id), existing, None, True)
    if not edit_link:
        return Submission(group, revision, None)
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
    now: datetime, geocoder: Geocoder, actor: str = "owner",
) -> ListingRevision:
    """An owner's (or an untrusted organization editor's) edit. A live (active or paused)
    listing stays as it is until a moderator approves; a listing nobody sees yet (pending,
    rejected) is changed and (re)queued."""
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
            duplicate_of=duplicate_of, submitted_at=now, submitted_by=actor[:300],
        )
        record_audit(session, actor=actor, action="edit proposed", group=group, now=now,
                     before=[before], after=[revision.proposed])
    else:
        write_group(session, group, listing, now=now, status="pending", geocoder=geocoder,
                    actor=actor, action="edit proposed")
        revision = ListingRevision(
            group_id=group.id, kind="new", base=[],
            proposed=listing_json(current_listing(group)), duplicate_of=duplicate_of,
            submitted_at=now, submitted_by=actor[:300],
        )
    session.add(revision)
    session.flush()
    return revision


# --- moderators -----------------------------------------------------------------------------


def list_groups(session: Session) -> list[Group]:
    """Every listing, any status, by name (the moderators' index)."""
    return list(session.exec(select(Group).order_by(Group.name, Group.slug)).all())


def get_group(session: Session, *, slug: str) -> Group | None:
    """A group in any status, by slug."""
    if not SLUG_RE.match(slug):
        return None
    return session.exec(select(Group).where(Group.slug == slug)).first()


# Reminders, escalation and automatic pauses: directory/moderation/verification.py.
