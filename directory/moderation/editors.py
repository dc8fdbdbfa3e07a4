"""Organization editors: an intergroup's own accounts for all of its listings.

An editor belongs to one Organization and signs in with an e-mail and a password (a salted
scrypt hash, like the staff accounts). Editors are invited by e-mail — by a moderator, an
admin, or another editor of the same organization — with a one-time link that expires;
only the SHA-256 of the invitation token is stored, and every invitation, acceptance and
removal is in the audit log. An editor's edit goes through the one writer at once when an
admin has marked the organization trusted; otherwise it waits in the moderation queue like
an owner's edit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from directory.i18n.problems import Problem
from directory.i18n.text import gettext as _
from directory.listings.schema import ListingIn
from directory.listings.store import Geocoder, listing_json
from directory.models import (
    AuditEntry,
    EditorAccount,
    EditorInvitation,
    Group,
    ListingRevision,
    Organization,
)
from directory.moderation import edit_links
from directory.moderation.admins import WrongPassword, password_problem
from directory.moderation.submissions import (
    NONCE_RE,
    Submission,
    current_listing,
    first_place,
    get_revision_by_nonce,
    propose_edit,
    submit_listing,
    unique_slug,
    write_group,
)

DEFAULT_INVITE_HOURS = 72
ORGANIZATIONS_PER_PAGE = 50
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class EditorError(ValueError):
    """An invitation, account or edit that cannot be made as asked."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the form field it is about (the words are translated)


class WrongCurrentPassword(EditorError, WrongPassword):
    """The current password given to change it was wrong (counts as a failed login)."""


def _audit(session: Session, *, actor: str, action: str, note: str, now: datetime,
           group: Group | None = None) -> None:
    session.add(AuditEntry(at=now, actor=actor[:300], action=action, note=note[:2000],
                           group_id=group.id if group else None,
                           group_slug=group.slug if group else None))
    session.flush()


def editor_actor(editor: EditorAccount) -> str:
    """How an editor appears in the audit log and on revisions."""
    return f"editor:{editor.email}"


# --- invitations -------------------------------------------------------------------------


@dataclass
class Invitation:
    row: EditorInvitation
    token: str  # the only copy: it goes into the e-mail


def invite_editor(session: Session, *, organization: Organization, email: str, actor: str,
                  now: datetime, hours: int = DEFAULT_INVITE_HOURS,
                  language: str | None = None) -> Invitation:
    """Invite `email` to edit `organization`'s listings (earlier unused invitations of the
    same address to it stop working; audited). `language` (the inviter's) is kept with the
    invitation: its mail is written in it."""
    address = edit_links.normalise_email(email)
    if address is None:
        raise EditorError(_("Enter an e-mail address such as name@example.org."))
    existing = session.exec(select(EditorAccount).where(EditorAccount.email == address)).first()
    if existing is not None and existing.removed_at is None:
        if existing.organization_id == organization.id:
            raise EditorError(_("This address is already an editor of this organization."))
        raise EditorError(_("This address already edits another organization's listings; "
                            "an editor belongs to one organization."))
    for old in session.exec(select(EditorInvitation).where(
            EditorInvitation.organization_id == organization.id,
            EditorInvitation.email == address, EditorInvitation.used_at.is_(None),
            EditorInvitation.revoked_at.is_(None))):
        old.revoked_at = now
        session.add(old)
    token = secrets.token_urlsafe(32)
    row = EditorInvitation(organization_id=organization.id, email=address,
                           token_hash=edit_links.hash_token(token), invited_by=actor[:300],
                           language=language, created_at=now,
                           expires_at=now + timedelta(hours=hours))
    session.add(row)
    session.flush()
    _audit(session, actor=actor, action="editor invited", now=now,
           note=Problem("editor-invited", email=address, organization=organization.name,
                        number=row.id, hours=hours))
    return Invitation(row=row, token=token)


@dataclass
class InvitationCheck:
    state: str  # ok | unknown | used | expired | revoked
    row: EditorInvitation | None = None
    organization: Organization | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def check_invitation(session: Session, *, token: str, now: datetime) -> InvitationCheck:
    """What an invitation link opens, or why it does not."""
    if not token or len(token) > 100 or not token.isascii():
        return InvitationCheck("unknown")
    row = session.exec(select(EditorInvitation).where(
        EditorInvitation.token_hash == edit_links.hash_token(token))).first()
    if row is None:
        return InvitationCheck("unknown")
    organization = session.get(Organization, row.organization_id)
    if row.used_at is not None:
        return InvitationCheck("used", row, organization)
    if row.revoked_at is not None:
        return InvitationCheck("revoked", row, organization)
    if row.expires_at <= now:
        return InvitationCheck("expired", row, organization)
    return InvitationCheck("ok", row, organization)


def check_password(password: str) -> str | None:
    """Why a new password cannot be used, or None (the staff accounts' rule)."""
    return password_problem(password)


def accept_invitation(session: Session, *, token: str, password: str, now: datetime
                      ) -> EditorAccount:
    """Use an invitation once: the invited address becomes (again) an editor of the
    organization with this password (audited)."""
    check = check_invitation(session, token=token, now=now)
    if not check.ok:
        raise EditorError({"used": _("This invitation has already been used."),
                           "expired": _("This invitation has expired."),
                           "revoked": _("This invitation was replaced by a newer one.")}
                          .get(check.state, _("This invitation is not known.")))
    problem = check_password(password)
    if problem:
        raise EditorError(problem, field="password")
    row = check.row
    editor = session.exec(select(EditorAccount).where(EditorAccount.email == row.email)).first()
    if editor is not None and editor.removed_at is None and \
            editor.organization_id != row.organization_id:
        raise EditorError(_("This address already edits another organization's listings."))
    if editor is None:
        editor = EditorAccount(organization_id=row.organization_id, email=row.email,
                               password_hash="", created_at=now)
    else:  # back after a removal, or a fresh password for the same organization
        editor.session_version += 1
    editor.organization_id = row.organization_id
    editor.password_hash = generate_password_hash(password)
    editor.removed_at = None
    editor.last_login_at = now
    row.used_at = now
    session.add_all([editor, row])
    session.flush()
    _audit(session, actor=editor_actor(editor), action="editor joined", now=now,
           note=Problem("editor-joined", email=editor.email, number=row.id,
                        organization=check.organization.name))
    return editor


# --- accounts and sessions ---------------------------------------------------------------


def authenticate_editor(session: Session, *, email: str, password: str, now: datetime
                        ) -> EditorAccount | None:
    """The editor with this e-mail and password (not removed), or None."""
    address = (email or "").strip().lower()[:254]
    editor = None
    if "\x00" not in address:
        editor = session.exec(select(EditorAccount).where(EditorAccount.email == address)
                              ).first()
    if editor is None:
        check_password_hash(_DUMMY_HASH, password)  # a miss takes as long as a hit
        return None
    if not check_password_hash(editor.password_hash, password) or editor.removed_at:
        return None
    editor.last_login_at = now
    session.add(editor)
    session.flush()
    return editor


def get_editor(session: Session, *, editor_id: int) -> EditorAccount | None:
    """An editor by id (removed ones too: their sessions then fail the version check)."""
    return session.get(EditorAccount, editor_id)


def editor_by_email(session: Session, *, email: str) -> EditorAccount | None:
    """The editor account of an address, if there is one."""
    return session.exec(select(EditorAccount).where(EditorAccount.email == email)).first()


def end_editor_sessions(session: Session, *, editor: EditorAccount) -> None:
    """End every session of this editor (logout)."""
    editor.session_version += 1
    session.add(editor)
    session.flush()


def change_password(session: Session, *, editor: EditorAccount, current: str, new: str,
                    now: datetime) -> None:
    """A new password; every session made with the old one ends."""
    if not check_password_hash(editor.password_hash, current):
        raise WrongCurrentPassword(_("That is not your current password."),
                                   field="current_password")
    problem = check_password(new)
    if problem:
        raise EditorError(problem, field="new_password")
    editor.password_hash = generate_password_hash(new)
    editor.session_version += 1
    session.add(editor)
    _audit(session, actor=editor_actor(editor), action="editor password changed", now=now,
           note=editor.email)


def remove_editor(session: Session, *, editor: EditorAccount, actor: str, now: datetime
                  ) -> None:
    """An editor loses access: their sessions end at once (audited)."""
    if editor.removed_at is not None:
        return
    editor.removed_at = now
    editor.session_version += 1
    session.add(editor)
    org = session.get(Organization, editor.organization_id)
    _audit(session, actor=actor, action="editor removed", now=now,
           note=Problem("editor-removed", email=editor.email,
                        organization=org.name if org else "?"))


def list_editors(session: Session, *, organization_id: int) -> list[EditorAccount]:
    """The organization's current editors, by e-mail."""
    return list(session.exec(select(EditorAccount).where(
        EditorAccount.organization_id == organization_id,
        EditorAccount.removed_at.is_(None)).order_by(EditorAccount.email)))


def open_invitations(session: Session, *, organization_id: int, now: datetime
                     ) -> list[EditorInvitation]:
    """Invitations to the organization that can still be accepted."""
    return list(session.exec(select(EditorInvitation).where(
        EditorInvitation.organization_id == organization_id,
        EditorInvitation.used_at.is_(None), EditorInvitation.revoked_at.is_(None),
        EditorInvitation.expires_at > now).order_by(EditorInvitation.created_at)))


# --- organizations -----------------------------------------------------------------------


@dataclass
class OrganizationRow:
    organization: Organization
    listings: int
    editors: int


def list_organizations(session: Session, *, q: str = "", page: int = 1
                       ) -> tuple[list[OrganizationRow], int]:
    """Organizations by name (optionally those whose name contains `q`), a page at a time,
    with their listing and editor counts; and how many match."""
    where = []
    q = q.strip()[:200]
    if q:
        escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(func.lower(Organization.name).like(f"%{escaped}%", escape="\\"))
    total = session.exec(select(func.count()).select_from(Organization).where(*where)).one()
    orgs = list(session.exec(select(Organization).where(*where).order_by(Organization.name)
                             .offset((max(page, 1) - 1) * ORGANIZATIONS_PER_PAGE)
                             .limit(ORGANIZATIONS_PER_PAGE)))
    ids = [o.id for o in orgs]
    listings = dict(session.exec(select(Group.organization_id, func.count()).where(
        Group.organization_id.in_(ids)).group_by(Group.organization_id)).all()) if ids else {}
    editors = dict(session.exec(select(EditorAccount.organization_id, func.count()).where(
        EditorAccount.organization_id.in_(ids), EditorAccount.removed_at.is_(None))
        .group_by(EditorAccount.organization_id)).all()) if ids else {}
    rows = [OrganizationRow(o, listings.get(o.id, 0), editors.get(o.id, 0)) for o in orgs]
    return rows, total


def set_trusted(session: Session, *, organization: Organization, trusted: bool, actor: str,
                now: datetime) -> None:
    """Mark an organization trusted (its editors' edits go live at once) or not (audited)."""
    if organization.trusted == trusted:
        return
    organization.trusted = trusted
    organization.updated_at = now
    session.add(organization)
    _audit(session, actor=actor, action="organization trusted" if trusted else
           "organization untrusted", now=now, note=organization.name)


def organization_listings(session: Session, *, organization_id: int) -> list[Group]:
    """Every listing of the organization, any status, by name."""
    return list(session.exec(select(Group).where(Group.organization_id == organization_id)
                             .order_by(Group.name, Group.slug)))


def groups_with_pending_edits(session: Session, *, organization_id: int) -> set[int]:
    """Ids of the organization's listings with a revision waiting for a moderator (one
    query, however many listings)."""
    return set(session.exec(
        select(ListingRevision.group_id).join(Group, Group.id == ListingRevision.group_id)
        .where(Group.organization_id == organization_id,
               ListingRevision.status == "pending")).all())


def editable_group(session: Session, *, editor: EditorAccount, slug: str) -> Group | None:
    """The editor's organization's listing with this slug, or None (another
    organization's listing is as unknown as a missing one)."""
    group = session.exec(select(Group).where(Group.slug == slug)).first()
    if group is None or group.organization_id != editor.organization_id:
        return None
    return group


def pending_edit(session: Session, *, group_id: int) -> ListingRevision | None:
    """The listing's revision waiting for a moderator, if any."""
    return session.exec(select(ListingRevision).where(
        ListingRevision.group_id == group_id, ListingRevision.status == "pending")
        .order_by(ListingRevision.id.desc())).first()


def save_editor_edit(session: Session, *, editor: EditorAccount, group: Group,
                     listing: ListingIn, duplicate_of: list[int], now: datetime,
                     geocoder: Geocoder) -> str:
    """An editor's edit: live at once for a trusted organization ("live"), otherwise a
    revision for the moderators ("queued"). The listing stays the organization's."""
    organization = session.get(Organization, editor.organization_id)
    if group.organization_id != organization.id:
        raise EditorError(_("This listing is not your organization's."))
    listing = listing.model_copy(update={"slug": group.slug,
                                         "organization": organization.name})
    actor = editor_actor(editor)
    if organization.trusted:
        write_group(session, group, listing, now=now, status=group.status,
                    geocoder=geocoder, actor=actor, action="edited by editor",
                    note=Problem("trusted-organization", organization=organization.name))
        return "live"
    propose_edit(session, group=group, listing=listing, duplicate_of=duplicate_of, now=now,
                 geocoder=geocoder, actor=actor)
    return "queued"


def create_editor_listing(session: Session, *, editor: EditorAccount, listing: ListingIn,
                          form_nonce: str | None, duplicate_of: list[int], now: datetime,
                          geocoder: Geocoder) -> tuple[Submission, str]:
    """A new listing of the editor's organization (the organization is always theirs): live
    at once for a trusted organization ("live"), otherwise a new submission in the
    moderation queue, attributed to the editor ("queued"). The same form sent twice (same
    nonce) gives the first listing back, with `already_submitted` set."""
    organization = session.get(Organization, editor.organization_id)
    listing = listing.model_copy(update={"organization": organization.name})
    actor = editor_actor(editor)
    if form_nonce and not NONCE_RE.match(form_nonce):
        form_nonce = None  # not one we issued
    if not organization.trusted:
        result = submit_listing(session, listing=listing, owner_email=None,
                                form_nonce=form_nonce, duplicate_of=duplicate_of, now=now,
                                geocoder=geocoder, actor=actor, edit_link=False)
        return result, "queued"
    existing = get_revision_by_nonce(session, form_nonce=form_nonce or "")
    if existing is not None:
        return Submission(session.get(Group, existing.group_id), existing, None, True), "live"
    slug = unique_slug(session, name=listing.name, city=first_place(listing).get("city"))
    group = write_group(session, None, listing.model_copy(update={"slug": slug}), now=now,
                        status="active", geocoder=geocoder, actor=actor,
                        action="created by editor",
                        note=Problem("trusted-organization", organization=organization.name))
    # The decided revision keeps the form's nonce (a second send finds it) and the record
    # of who put the listing up.
    revision = ListingRevision(
        group_id=group.id, kind="new", status="approved",
        proposed=listing_json(current_listing(group)), base=[], duplicate_of=duplicate_of,
        form_nonce=form_nonce or None, submitted_at=now, submitted_by=actor[:300],
        decided_at=now, decided_by=actor[:300],
        reason=f"trusted organization {organization.name}")
    session.add(revision)
    session.flush()
    return Submission(group, revision, None), "live"
