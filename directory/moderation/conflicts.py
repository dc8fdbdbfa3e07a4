"""Conflicts: a data source (or a file import) brings a new version of a listing that its
owner or a moderator has edited here since it was last imported. Nothing is overwritten:
the incoming version waits in the moderation queue as a "conflict" item, and a moderator
keeps ours or accepts the incoming one (both audited).

A conflict is a ListingRevision of kind "conflict": `base` is the listing as it was here
when the conflict arose, `proposed` the incoming version, `submitted_by` where it came from
("source:NAME" or "import:FILE"). The same incoming version is never queued twice: while a
conflict waits it is not repeated, and once a moderator kept ours it is not raised again
(a different incoming version is a new conflict).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from directory.i18n.problems import Problem
from directory.i18n.text import gettext as _
from directory.listings.schema import ListingIn
from directory.listings.store import Geocoder, listing_json, listing_of, same_listing
from directory.models import Group, ListingRevision
from directory.moderation import submissions

KIND = "conflict"
KEEP_OURS, ACCEPT_INCOMING = "ours", "incoming"


class ConflictError(ValueError):
    """A conflict that cannot be resolved as asked (already decided, unreadable)."""


def edited_here(group: Group) -> bool:
    """Changed here (by its owner or a moderator) since an import or sync last wrote it; a
    listing no import or sync ever wrote was entered here."""
    if group.source_synced_at is None:
        return True
    return group.updated_at is not None and group.updated_at > group.source_synced_at


def is_conflict(group: Group, incoming: ListingIn) -> bool:
    """True when writing `incoming` would overwrite an edit made here."""
    if not edited_here(group):
        return False
    stored = listing_of(group)
    return not same_listing(stored, incoming.model_copy(update={"slug": stored.slug}))


def record_conflict(session: Session, *, group: Group, incoming: ListingIn, origin: str,
                    now: datetime) -> tuple[ListingRevision, bool]:
    """Queue `incoming` as a conflict on `group` for a moderator (adds and flushes).

    Returns (the conflict, whether it is new). The same incoming version is queued once:
    an identical pending conflict is returned as it is, and one a moderator already set
    aside ("keep ours") is returned decided; a different one supersedes a pending one."""
    proposed = listing_json(incoming.model_copy(update={"slug": group.slug}))
    previous = session.exec(
        select(ListingRevision)
        .where(ListingRevision.group_id == group.id, ListingRevision.kind == KIND)
        .order_by(ListingRevision.id.desc())
    ).first()
    if previous is not None and previous.proposed == proposed \
            and previous.status in ("pending", "rejected"):
        return previous, False
    if previous is not None and previous.status == "pending":
        previous.status = "superseded"
        previous.decided_at = now
        session.add(previous)
    revision = ListingRevision(
        group_id=group.id, kind=KIND, base=listing_json(listing_of(group)),
        proposed=proposed, submitted_by=origin[:300], submitted_at=now,
    )
    session.add(revision)
    session.flush()
    return revision, True


def resolve_conflict(session: Session, *, revision_id: int, keep: str, moderator: str,
                     now: datetime, geocoder: Geocoder, reason: str = "") -> ListingRevision:
    """Keep ours (the listing stays as it is here) or accept the incoming version (written
    through the one writer); audited either way. Adds and flushes."""

    if keep not in (KEEP_OURS, ACCEPT_INCOMING):
        raise ConflictError(_("Choose “keep ours” or “accept incoming”."))
    revision = session.get(ListingRevision, revision_id)
    if revision is None or revision.kind != KIND or revision.status != "pending":
        raise ConflictError(_("This conflict is no longer waiting for a decision."))
    group = session.get(Group, revision.group_id)
    incoming = submissions.revision_listing(revision.proposed)
    if incoming is None:
        raise ConflictError(_("The incoming version can no longer be read; keep ours.")) \
            if keep == ACCEPT_INCOMING else ConflictError(_("This conflict cannot be read."))
    note = f"conflict with {revision.submitted_by}" + (f": {reason}" if reason else "")
    if keep == ACCEPT_INCOMING:
        status = "active" if group.source_withdrawn_at is not None else group.status
        listing = incoming.model_copy(update={"slug": group.slug})
        submissions.write_group(session, group, listing, now=now, status=status,
                               geocoder=geocoder, actor=moderator,
                               action="accepted incoming", note=note[:2000])
        # The listing is the source's again: its next change is applied, not a conflict.
        group.source_synced_at = group.updated_at
        group.source_withdrawn_at = None
        revision.status = "approved"
    else:
        submissions.record_audit(session, actor=moderator, action="kept ours", group=group,
                                now=now, note=note[:2000], before=None,
                                after=[revision.proposed])
        revision.status = "rejected"
        revision.reason = reason[:2000] or Problem("kept-ours")
    session.add(group)
    revision.decided_by = moderator
    revision.decided_at = now
    session.add(revision)
    session.flush()
    return revision
