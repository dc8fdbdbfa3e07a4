"""Private links that open a listing: issue, check, use, rotate, revoke, claim, recover.

There are no accounts. An owner holds an *edit* link (valid until it expires or is revoked);
"Is this your group?" sends a one-time *claim* link to the listing's contact address, and
opening it makes the claimant an owner with an edit link of their own. Only the SHA-256 of
a token is stored, so a lost link cannot be re-sent: a fresh one is issued instead.
Every link issued, first used and revoked leaves an audit entry (never the token itself).
Nothing here says whether an address matched; the views always answer the same.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from directory.listings.fields import CONTROL_RE, EMAIL_RE
from directory.models import AuditEntry, ClaimRequest, CoOwner, EditToken, Group, ListingOwner

DEFAULT_EDIT_LINK_DAYS = 365
DEFAULT_CLAIM_LINK_HOURS = 72
MAX_EXPLANATION = 2000
MAX_RECOVERED = 50  # listings one recovery mail may carry
MAX_CO_OWNERS = 10
# Listings that can be claimed or recovered (a rejected one has nothing to keep).
LIVE_OR_WAITING = ("active", "paused", "pending")


class LinkError(Exception):
    """An owner action on links that cannot be done (bad address, too many co-owners)."""


@dataclass(frozen=True)
class LinkPolicy:
    """How long links stay valid (from the app's EDIT_LINK_DAYS / CLAIM_LINK_HOURS)."""

    edit_days: int = DEFAULT_EDIT_LINK_DAYS
    claim_hours: int = DEFAULT_CLAIM_LINK_HOURS

    def max_age(self, purpose: str) -> timedelta:
        if purpose == "claim":
            return timedelta(hours=self.claim_hours)
        return timedelta(days=self.edit_days)


@dataclass
class LinkCheck:
    """What a token opens: state is ok, expired, revoked, used or unknown."""

    state: str
    row: EditToken | None = None
    group: Group | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@dataclass
class Issued:
    group: Group
    email: str
    token: str
    # The language its mail is written in (a co-owner's, stored when they were added).
    language: str | None = None


def hash_token(token: str) -> str:
    """The SHA-256 (hex) of a token: all that is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(value: str | None) -> str | None:
    """A usable e-mail address (trimmed, lower-cased), or None."""
    value = (value or "").strip().lower()
    if not value or len(value) > 254 or CONTROL_RE.search(value) or not EMAIL_RE.match(value):
        return None
    return value


def _audit(session: Session, *, group: Group, actor: str, action: str, now: datetime,
           note: str | None) -> None:
    session.add(AuditEntry(at=now, actor=actor[:300], action=action, group_id=group.id,
                           group_slug=group.slug, note=note))


def _describe(row: EditToken) -> str:
    where = f" sent to {row.email}" if row.email else ""
    return f"{row.purpose} link #{row.id}{where}"


def issue_link(
    session: Session, *, group: Group, now: datetime, email: str | None = None,
    purpose: str = "edit", actor: str = "system", why: str = "",
) -> str:
    """Create a new link for `group` (only its hash is stored) and audit it."""
    token = secrets.token_urlsafe(32)
    row = EditToken(group_id=group.id, token_hash=hash_token(token), created_at=now,
                    purpose=purpose, email=email)
    session.add(row)
    session.flush()
    note = _describe(row) + (f" ({why})" if why else "")
    _audit(session, group=group, actor=actor, action=f"{purpose} link issued", now=now,
           note=note)
    session.flush()
    return token


def check_link(session: Session, *, token: str, now: datetime, policy: LinkPolicy,
               purpose: str = "edit") -> LinkCheck:
    """Whether `token` opens a listing now, and if not, why (for a clear page)."""
    if not token or len(token) > 100:
        return LinkCheck("unknown")
    row = session.exec(select(EditToken).where(EditToken.token_hash == hash_token(token))
                       ).first()
    if row is None or row.purpose != purpose:
        return LinkCheck("unknown")
    group = session.get(Group, row.group_id)
    if group is None:
        return LinkCheck("unknown")
    if row.revoked_at is not None:
        return LinkCheck("revoked", row, group)
    if purpose == "claim" and row.used_at is not None:
        return LinkCheck("used", row, group)
    if now - row.created_at > policy.max_age(purpose):
        return LinkCheck("expired", row, group)
    return LinkCheck("ok", row, group)


def note_use(session: Session, *, row: EditToken, group: Group, now: datetime,
             actor: str = "owner") -> None:
    """Record a link's first use (later uses show in the entries of what was changed)."""
    if row.used_at is not None:
        return
    row.used_at = now
    session.add(row)
    _audit(session, group=group, actor=actor, action=f"{row.purpose} link used", now=now,
           note=_describe(row))
    session.flush()


def revoke_link(session: Session, *, row: EditToken, group: Group, now: datetime,
                actor: str, why: str) -> None:
    """The link stops working at once."""
    if row.revoked_at is not None:
        return
    row.revoked_at = now
    session.add(row)
    _audit(session, group=group, actor=actor, action=f"{row.purpose} link revoked", now=now,
           note=f"{_describe(row)} ({why})")
    session.flush()


def rotate_link(session: Session, *, row: EditToken, group: Group, now: datetime,
                actor: str = "owner") -> str:
    """Replace an edit link: the old one stops working, a new one (same address) is issued."""
    revoke_link(session, row=row, group=group, now=now, actor=actor, why="replaced by owner")
    return issue_link(session, group=group, now=now, email=row.email, actor=actor,
                      why=f"replaces link #{row.id}")


def renew_link(session: Session, *, row: EditToken, group: Group, now: datetime
               ) -> Issued | None:
    """An expired edit link asks for a fresh one: it goes to the address the old one was
    sent to (else the owner's), never to the person asking. None when there is none."""
    email = row.email or owner_email(session, group_id=group.id)
    if not email or group.status not in LIVE_OR_WAITING:
        return None
    revoke_link(session, row=row, group=group, now=now, actor="owner", why="renewed")
    token = issue_link(session, group=group, now=now, email=email, actor="owner",
                       why=f"renewal of expired link #{row.id}")
    return Issued(group, email, token)


# --- owners and co-owners --------------------------------------------------------------------


def owner_email(session: Session, *, group_id: int) -> str | None:
    owner = session.get(ListingOwner, group_id)
    return owner.email if owner and owner.email else None


def co_owners(session: Session, *, group_id: int) -> list[CoOwner]:
    return list(session.exec(select(CoOwner).where(CoOwner.group_id == group_id)
                             .order_by(CoOwner.id)).all())


def owner_addresses(session: Session, *, group: Group) -> list[str]:
    """Every address that may receive this listing's links: owner, co-owners, contact."""
    found: list[str] = []
    for value in [owner_email(session, group_id=group.id),
                  *(c.email for c in co_owners(session, group_id=group.id)),
                  group.contact_email]:
        email = normalise_email(value)
        if email and email not in found:
            found.append(email)
    return found


def add_co_owner(session: Session, *, group: Group, email: str, now: datetime,
                 actor: str = "owner", language: str | None = None) -> Issued:
    """Let another address keep the listing: it gets its own edit link. `language` (the
    page the owner added them from) is kept with the co-owner: their mail speaks it."""
    address = normalise_email(email)
    if address is None:
        raise LinkError("Enter an e-mail address like name@example.org.")
    existing = co_owners(session, group_id=group.id)
    row = next((c for c in existing if c.email == address), None)
    if row is None:
        if len(existing) >= MAX_CO_OWNERS:
            raise LinkError(f"A listing can have at most {MAX_CO_OWNERS} co-owners.")
        row = CoOwner(group_id=group.id, email=address, language=language, created_at=now)
        session.add(row)
        _audit(session, group=group, actor=actor, action="co-owner added", now=now,
               note=address)
    elif language:
        row.language = language  # added again from a page in another language
        session.add(row)
    token = issue_link(session, group=group, now=now, email=address, actor=actor,
                       why="co-owner")
    return Issued(group, address, token, row.language)


def remove_co_owner(session: Session, *, group: Group, co_owner_id: int, now: datetime,
                    actor: str = "owner") -> bool:
    """Remove a co-owner and revoke every link sent to them. False when there is none."""
    row = session.get(CoOwner, co_owner_id)
    if row is None or row.group_id != group.id:
        return False
    for link in session.exec(select(EditToken).where(
            EditToken.group_id == group.id, EditToken.email == row.email,
            EditToken.revoked_at.is_(None))).all():
        revoke_link(session, row=link, group=group, now=now, actor=actor,
                    why="co-owner removed")
    session.delete(row)
    _audit(session, group=group, actor=actor, action="co-owner removed", now=now,
           note=row.email)
    session.flush()
    return True


# --- recovery --------------------------------------------------------------------------------


def recover_links(session: Session, *, email: str, slug: str | None, now: datetime
                  ) -> list[Issued]:
    """Fresh edit links for the listings (one, or every one when `slug` is None) whose owner,
    co-owner or contact address is `email`. Empty when nothing matched — the caller must
    answer exactly as when something did."""
    address = normalise_email(email)
    if address is None:
        return []
    query = select(Group).where(Group.status.in_(LIVE_OR_WAITING))
    if slug:
        query = query.where(Group.slug == slug)
    else:
        owned = select(ListingOwner.group_id).where(ListingOwner.email == address)
        shared = select(CoOwner.group_id).where(CoOwner.email == address)
        query = query.where(Group.id.in_(owned) | Group.id.in_(shared)
                            | (Group.contact_email == address))
    out: list[Issued] = []
    for group in session.exec(query.order_by(Group.slug).limit(MAX_RECOVERED * 2)).all():
        if address not in owner_addresses(session, group=group):
            continue  # contact addresses are stored as typed: compare normalised
        token = issue_link(session, group=group, now=now, email=address, actor="owner",
                           why="recovery")
        out.append(Issued(group, address, token))
        if len(out) >= MAX_RECOVERED:
            break
    return out


# --- claims ----------------------------------------------------------------------------------


@dataclass
class ClaimOutcome:
    issued: Issued | None = None  # a claim link to the listing's own address
    request: ClaimRequest | None = None  # for a moderator (no address to send to)


def validate_claim(*, email: str, explanation: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if normalise_email(email) is None:
        errors["email"] = "Enter your e-mail address, like name@example.org."
    if len(explanation) > MAX_EXPLANATION:
        errors["explanation"] = (f"This is {len(explanation)} characters long; the limit is "
                                 f"{MAX_EXPLANATION}.")
    elif CONTROL_RE.search(explanation.replace("\r\n", "\n").replace("\n", " ")):
        errors["explanation"] = "This contains control characters."
    return errors


def claim_listing(session: Session, *, group: Group, email: str, explanation: str,
                  now: datetime, language: str | None = None) -> ClaimOutcome:
    """"Is this your group?": a one-time link to the listing's contact address (else the
    owner's); with neither, a request a moderator decides on (one open per claimant)."""
    claimant = normalise_email(email)
    if claimant is None:
        raise LinkError("Enter your e-mail address, like name@example.org.")
    target = normalise_email(group.contact_email) or owner_email(session, group_id=group.id)
    if target:
        token = issue_link(session, group=group, now=now, email=target, purpose="claim",
                           actor="claimant", why=f"claim asked by {claimant}")
        return ClaimOutcome(issued=Issued(group, target, token))
    existing = session.exec(select(ClaimRequest).where(
        ClaimRequest.group_id == group.id, ClaimRequest.email == claimant,
        ClaimRequest.status == "open")).first()
    if existing is not None:
        return ClaimOutcome(request=existing)
    request = ClaimRequest(group_id=group.id, email=claimant, explanation=explanation.strip(),
                           language=language, created_at=now)
    session.add(request)
    _audit(session, group=group, actor="claimant", action="claim requested", now=now,
           note=f"{claimant}: {explanation.strip()[:500]}")
    session.flush()
    return ClaimOutcome(request=request)


def redeem_claim(session: Session, *, check: LinkCheck, now: datetime,
                 language: str | None = None) -> Issued:
    """Open a valid claim link: it is used up, the address it went to becomes an owner
    (the owner, or a co-owner when there already is one) and gets an edit link."""
    row, group = check.row, check.group
    assert check.ok and row is not None and group is not None
    note_use(session, row=row, group=group, now=now, actor="claimant")
    address = normalise_email(row.email)
    if address is None:
        raise LinkError("This link was not sent to an address.")
    owner = session.get(ListingOwner, group.id)
    if owner is None:
        session.add(ListingOwner(group_id=group.id, email=address, language=language,
                                 created_at=now))
        _audit(session, group=group, actor="claimant", action="owner set", now=now,
               note=address)
    elif not owner.email:
        owner.email = address
        owner.language = language or owner.language
        session.add(owner)
        _audit(session, group=group, actor="claimant", action="owner set", now=now,
               note=address)
    elif normalise_email(owner.email) != address:
        if address not in (c.email for c in co_owners(session, group_id=group.id)):
            session.add(CoOwner(group_id=group.id, email=address, created_at=now))
            _audit(session, group=group, actor="claimant", action="co-owner added", now=now,
                   note=address)
    token = issue_link(session, group=group, now=now, email=address, actor="claimant",
                       why=f"claim link #{row.id} used")
    return Issued(group, address, token)


def list_open_claims(session: Session) -> list[tuple[ClaimRequest, Group]]:
    """Claims waiting for a moderator (listings with no address to send a link to)."""
    return list(session.exec(
        select(ClaimRequest, Group).join(Group, Group.id == ClaimRequest.group_id)
        .where(ClaimRequest.status == "open")
        .order_by(ClaimRequest.created_at, ClaimRequest.id)).all())


def decide_claim(session: Session, *, claim_id: int, approve: bool, moderator: str,
                 now: datetime) -> tuple[ClaimRequest, Issued | None] | None:
    """A moderator approves (a claim link goes to the claimant) or dismisses a claim.
    None when there is no such open claim."""
    claim = session.get(ClaimRequest, claim_id)
    if claim is None or claim.status != "open":
        return None
    group = session.get(Group, claim.group_id)
    claim.status = "approved" if approve else "dismissed"
    claim.decided_at = now
    claim.decided_by = moderator
    session.add(claim)
    _audit(session, group=group, actor=moderator, action=f"claim {claim.status}", now=now,
           note=claim.email)
    issued = None
    if approve:
        token = issue_link(session, group=group, now=now, email=claim.email, purpose="claim",
                           actor=moderator, why=f"claim #{claim.id} approved")
        issued = Issued(group, claim.email, token)
    session.flush()
    return claim, issued


def policy_from(config) -> LinkPolicy:
    """The link lifetimes from the app's configuration."""
    return LinkPolicy(edit_days=int(config.get("EDIT_LINK_DAYS") or DEFAULT_EDIT_LINK_DAYS),
                      claim_hours=int(config.get("CLAIM_LINK_HOURS")
                                      or DEFAULT_CLAIM_LINK_HOURS))
