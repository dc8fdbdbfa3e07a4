"""The audit log in plain words, filtered, and one-click revert of a change.

An entry's `before` and `after` are ListingIn JSON lists for listing writes (status and
report changes store small dicts); the words are built with `diff_listings`, so a meeting
is named by its day and time, never by its position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from directory.listings.diff import FieldChange, clock_words, diff_listings
from directory.listings.fields import SLUG_RE
from directory.listings.store import Geocoder
from directory.models import AuditEntry, Group
from directory.moderation import submissions

FIELD_WORDS = {
    "group_name": "Name", "organization": "Organization", "description": "Description",
    "topics": "Topics", "approach": "Approach", "format": "Format", "cost": "Cost",
    "fee_amount": "Fee", "fee_currency": "Fee currency", "languages": "Languages",
    "audience": "Audience", "access": "Accessibility", "welcome": "Who may attend",
    "registration_required": "Registration required", "facilitation": "Led by",
    "contact_email": "Contact e-mail", "contact_phone": "Contact phone",
    "website": "Website", "accepting_new_members": "Accepting new members",
    "weekday": "day", "start_time": "start time", "end_time": "end time",
    "timezone": "time zone", "recurrence": "how often", "starts_on": "first date",
    "ends_on": "last date", "attendance": "attendance", "location_name": "place name",
    "address": "address", "city": "city", "region": "region", "postal_code": "postcode",
    "country": "country", "online_url": "online link", "online_phone": "dial-in",
    "online_notes": "online notes",
}
LONG_VALUE = 80
PER_PAGE = 50
MAX_TEXT = 100


def _value(name: str, text: str) -> str:
    if name in ("start_time", "end_time") and len(text) == 5 and text[2] == ":":
        try:
            return clock_words(time.fromisoformat(text))
        except ValueError:
            return text
    if len(text) > LONG_VALUE:
        return f"“{text[:LONG_VALUE]}…”"
    return f"“{text}”" if name in ("description", "group_name", "location_name") else text


def sentence(change: FieldChange) -> str:
    """One change in words: "Tuesday 7:00 pm meeting: start time changed from 7:00 pm to
    7:30 pm"."""
    if change.after == "added":
        return f"{change.label} added"
    if change.after == "removed":
        return f"{change.label} removed"
    meeting, _, name = change.label.rpartition(": ")
    words = FIELD_WORDS.get(name, name.replace("_", " "))
    subject = f"{meeting}: {words}" if meeting else words
    subject = subject[0].upper() + subject[1:]
    old, new = _value(name, change.before), _value(name, change.after)
    if not change.before:
        return f"{subject} set to {new}"
    if not change.after:
        return f"{subject} cleared (was {old})"
    return f"{subject} changed from {old} to {new}"


def _listing(data):
    if isinstance(data, list) and data and isinstance(data[0], dict) and "meetings" in data[0]:
        return submissions.revision_listing(data)
    return None


def describe(entry: AuditEntry) -> list[str]:
    """The entry's changes in plain words (empty when it changed no listing fields)."""
    before, after = _listing(entry.before), _listing(entry.after)
    if before is not None or after is not None:
        if before is None:
            return ["Listing created"] if entry.action != "approved new" else []
        return [sentence(c) for c in diff_listings(before, after)]
    out = []
    old = entry.before[0] if entry.before else {}
    new = entry.after[0] if entry.after else {}
    for key in sorted(set(old) | set(new)):
        if key in ("report",) or old.get(key) == new.get(key):
            continue
        words = {"status": "Status", "last_verified_at": "Last verified"}.get(key, key)
        a, b = old.get(key) or "", new.get(key) or ""
        if key == "last_verified_at":
            a, b = a[:10], b[:10]
        out.append(f"{words} changed from {a or '(none)'} to {b}" if a else
                   f"{words} set to {b}")
    return out


def revertible(entry: AuditEntry) -> bool:
    """A listing write with a previous version can be reverted."""
    return _listing(entry.before) is not None and entry.group_id is not None


@dataclass
class AuditFilters:
    listing: str = ""
    actor: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1
    notices: list[str] = field(default_factory=list)

    def args(self, **change) -> dict:
        out = {"listing": self.listing, "actor": self.actor, "action": self.action,
               "since": self.since.isoformat() if self.since else "",
               "until": self.until.isoformat() if self.until else "", "page": self.page}
        out.update(change)
        return {k: v for k, v in out.items() if v not in ("", None)}


def parse_filters(args) -> AuditFilters:
    """Filters from a query string; a bad value is ignored with a notice."""
    f = AuditFilters()
    f.listing = (args.get("listing") or "").strip()[:80]
    if f.listing and not SLUG_RE.match(f.listing):
        f.notices.append(f"Ignored a listing that is not a slug: “{f.listing[:40]}”.")
        f.listing = ""
    f.actor = (args.get("actor") or "").strip()[:MAX_TEXT]
    f.action = (args.get("action") or "").strip()[:40]
    for name in ("since", "until"):
        raw = (args.get(name) or "").strip()
        if raw:
            try:
                setattr(f, name, date.fromisoformat(raw))
            except ValueError:
                f.notices.append(f"Ignored a date that is not YYYY-MM-DD: “{raw[:20]}”.")
    raw = args.get("page") or "1"
    f.page = int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1
    return f


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def list_entries(session: Session, f: AuditFilters, *, per_page: int = PER_PAGE
                 ) -> tuple[list[AuditEntry], int]:
    """One page of matching entries, newest first, and how many match."""
    conditions = []
    if f.listing:
        conditions.append(AuditEntry.group_slug == f.listing)
    if f.actor:
        conditions.append(func.lower(AuditEntry.actor).like(_like(f.actor.lower()),
                                                            escape="\\"))
    if f.action:
        conditions.append(AuditEntry.action == f.action)
    if f.since:
        conditions.append(AuditEntry.at >= datetime.combine(f.since, time(0), tzinfo=UTC))
    if f.until:
        conditions.append(AuditEntry.at < datetime.combine(f.until, time(0), tzinfo=UTC)
                          + timedelta(days=1))
    total = session.exec(select(func.count(AuditEntry.id)).where(*conditions)).one()
    entries = session.exec(select(AuditEntry).where(*conditions)
                           .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                           .offset((f.page - 1) * per_page).limit(per_page)).all()
    return list(entries), total


def known_actions(session: Session) -> list[str]:
    """Every action in the log (for the filter's choices)."""
    return sorted(session.exec(select(AuditEntry.action).distinct()).all())


def revert_entry(session: Session, *, entry_id: int, moderator: str, now: datetime,
                 geocoder: Geocoder) -> Group:
    """Write the entry's `before` listing back through the one writer, audited as a revert.
    The listing keeps its current status (a revert changes content, not visibility)."""
    entry = session.get(AuditEntry, entry_id)
    if entry is None or not revertible(entry):
        raise submissions.ListingError("This entry has no earlier version to go back to.")
    group = session.get(Group, entry.group_id)
    if group is None:
        raise submissions.ListingError("This listing no longer exists.")
    before = _listing(entry.before).model_copy(update={"slug": group.slug,
                                                       "last_verified": None})
    submissions.write_group(session, group, before, now=now, status=group.status,
                           geocoder=geocoder, actor=moderator, action="reverted",
                           note=f"revert of entry #{entry.id} ({entry.action})")
    return group


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
