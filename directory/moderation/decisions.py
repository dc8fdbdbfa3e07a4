"""Moderators' decisions on submissions and owners' edits: approve, reject, edit."""


from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from directory.i18n.text import gettext as _
from directory.listings.diff import FieldChange, diff_listings
from directory.listings.schema import ListingIn
from directory.listings.store import (
    Geocoder,
    listing_json,
)
from directory.models import (
    Group,
    ListingRevision,
)
from directory.moderation.conflicts import ConflictError, resolve_conflict
from directory.moderation.submissions import (
    ListingError,
    current_listing,
    record_audit,
    revision_listing,
    write_group,
)


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
        raise ListingError(_("This submission is no longer waiting for a decision."))
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
            raise ListingError(_("This edit can no longer be read; reject it with a reason."))
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
        raise ListingError(_("This submission is no longer waiting for a decision."))
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
