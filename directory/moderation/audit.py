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

from directory import taxonomy
from directory.i18n import labels
from directory.i18n import text as i18n
from directory.i18n.text import N_
from directory.i18n.text import gettext as _
from directory.listings.diff import FieldChange, diff_listings
from directory.listings.fields import SLUG_RE
from directory.listings.schema import MeetingIn
from directory.listings.store import Geocoder
from directory.models import AuditEntry, Group
from directory.moderation import submissions

FIELD_WORDS = {
    "group_name": N_("Name"), "organization": N_("Organization"),
    "description": N_("Description"), "topics": N_("Topics"), "approach": N_("Approach"),
    "format": N_("Format"), "cost": N_("Cost"), "fee_amount": N_("Fee"),
    "fee_currency": N_("Fee currency"), "languages": N_("Languages"),
    "audience": N_("Audience"), "access": N_("Accessibility"),
    "welcome": N_("Who may attend"), "registration_required": N_("Registration required"),
    "facilitation": N_("Led by"), "contact_email": N_("Contact e-mail"),
    "contact_phone": N_("Contact phone"), "website": N_("Website"),
    "accepting_new_members": N_("Accepting new members"),
    "appointments": N_("Meetings by appointment"),
    "weekday": N_("day"), "start_time": N_("start time"), "end_time": N_("end time"),
    "timezone": N_("time zone"), "recurrence": N_("how often"),
    "starts_on": N_("first date"), "ends_on": N_("last date"),
    "attendance": N_("attendance"), "location_name": N_("place name"),
    "address": N_("address"), "city": N_("city"), "region": N_("region"),
    "postal_code": N_("postcode"), "country": N_("country"),
    "online_url": N_("online link"), "online_phone": N_("dial-in"),
    "online_notes": N_("online notes"), "meeting_name": N_("meeting name"),
    "meeting_notes": N_("meeting notes"), "location_notes": N_("location notes"),
}
# What an audit entry's action code means, as the log's "What" column says it.
ACTION_WORDS = {
    "submitted": N_("submitted"), "approved new": N_("approved (new listing)"),
    "approved edit": N_("approved (edit)"), "approved edit in part": N_("approved in part"),
    "rejected new": N_("rejected (new listing)"), "rejected edit": N_("rejected (edit)"),
    "edited": N_("edited by a moderator"), "edited by editor": N_("edited by an editor"),
    "reverted": N_("reverted"), "paused": N_("paused"), "unpaused": N_("unpaused"),
    "confirmed accurate": N_("confirmed accurate"), "kept ours": N_("kept ours"),
    "accepted incoming": N_("accepted incoming"), "co-owner added": N_("co-owner added"),
    "co-owner removed": N_("co-owner removed"), "claim requested": N_("claim requested"),
    "claim approved": N_("claim approved"), "claim dismissed": N_("claim dismissed"),
    "owner set": N_("owner set"), "editor invited": N_("editor invited"),
    "editor joined": N_("editor joined"), "editor removed": N_("editor removed"),
    "editor password changed": N_("editor password changed"),
    "organization trusted": N_("organization trusted"),
    "organization untrusted": N_("organization no longer trusted"),
    "staff role changed": N_("staff role changed"), "report open": N_("report reopened"),
    "report acknowledged": N_("report acknowledged"), "report fixed": N_("report fixed"),
    "report dismissed": N_("report dismissed"),
    "edit proposed": N_("edit proposed"), "synced": N_("synced from a source"),
    "withdrawn": N_("withdrawn by its source"),
    "verified by moderator": N_("verified by a moderator"),
    "edit link issued": N_("edit link issued"), "edit link used": N_("edit link used"),
    "edit link revoked": N_("edit link revoked"), "claim link issued": N_("claim link issued"),
    "claim link used": N_("claim link used"), "claim link revoked": N_("claim link revoked"),
}
LONG_VALUE = 80
PER_PAGE = 50
MAX_TEXT = 100


def action_words(action: str) -> str:
    """An action code in words in es/fr ("approved edit" → "aprobado (cambio)"); in
    English, and for unknown ones, the code as it is."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE or action not in ACTION_WORDS:
        return action  # English: as recorded (and as the filter's values are typed)
    return _(ACTION_WORDS[action])


def _value(name: str, text: str) -> str:
    if name in ("start_time", "end_time") and len(text) == 5 and text[2] == ":":
        try:
            return i18n.clock(time.fromisoformat(text))
        except ValueError:
            return text
    if len(text) > LONG_VALUE:
        return f"“{text[:LONG_VALUE]}…”"
    return f"“{text}”" if name in ("description", "group_name", "location_name") else text


def meeting_words(meeting: MeetingIn) -> str:
    """"Tuesday 7:00 pm meeting" / "reunión del martes 19:00" in the current language."""
    when = f"{i18n.weekday_name(meeting.weekday)} {i18n.clock(meeting.start_time)}"
    if not meeting.recurrence.weekly:
        when = f"{when}, {labels.translate(meeting.recurrence.label())}"
    return _("%(when)s meeting", when=when)


def field_words(name: str) -> str:
    return _(FIELD_WORDS[name]) if name in FIELD_WORDS else name.replace("_", " ")


def change_label(change: FieldChange) -> str:
    """The diff table's row heading: the field's name as the CSV format writes it in
    English (moderators match it with the file), in words in other languages."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE or not (change.field or
                                                                 change.meeting):
        return change.label
    if change.meeting is None:
        return field_words(change.field)
    if not change.field:
        return meeting_words(change.meeting)
    return _("%(meeting)s: %(field)s", meeting=meeting_words(change.meeting),
             field=field_words(change.field))


# What the diff says instead of a value when a whole meeting comes or goes.
MARKERS = {"added": N_("added"), "removed": N_("removed"), "present": N_("present"),
           "(none)": N_("(none)"), "yes": N_("Yes"), "no": N_("No")}


def _codes(text: str, say) -> str:  # noqa: ANN001 - a code → label function
    return "; ".join(say(code) for code in text.split(";") if code)


def change_value(change: FieldChange, side: str) -> str:
    """The diff table's old or new value: as the CSV format writes it in English, with codes
    said as labels in other languages."""
    text = change.before if side == "before" else change.after
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE or not text:
        return text
    if text in MARKERS:
        return _(MARKERS[text])
    name = change.field
    if name == "topics":
        return _codes(text, labels.topic_label)
    if name in taxonomy.VOCABULARIES:
        return _codes(text, lambda code: labels.vocabulary_label(name, code))
    if name == "attendance":
        return _codes(text, lambda code: labels.translate(taxonomy.ATTENDANCE.get(code, code)))
    if name == "languages":
        return _codes(text, labels.language_label)
    if name == "weekday" and text in taxonomy.WEEKDAY_LABELS:
        return labels.translate(taxonomy.WEEKDAY_LABELS[text])
    if name in ("start_time", "end_time"):
        return _value(name, text)
    return text


def choice_label(choice) -> str:  # noqa: ANN001 - a queue.Choice
    """A part of an edit a moderator may keep, named in the current language (English: as
    the owner's mail names it)."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return choice.label
    if choice.meeting is not None:
        what = meeting_words(choice.meeting)
        return {"added": _("%(what)s added", what=what),
                "removed": _("%(what)s removed", what=what)}.get(
                    choice.what, _("%(what)s changed", what=what))
    return field_words(choice.field) if choice.field else choice.label


def sentence(change: FieldChange) -> str:
    """One change in words: "Tuesday 7:00 pm meeting: start time changed from 7:00 pm to
    7:30 pm"."""
    if change.meeting is not None and not change.field:
        what = meeting_words(change.meeting)
        return (_("%(what)s added", what=what) if change.after == "added" else
                _("%(what)s removed", what=what))
    if change.after == "added":
        return _("%(what)s added", what=change.label)
    if change.after == "removed":
        return _("%(what)s removed", what=change.label)
    if change.field:
        name = change.field
        meeting = meeting_words(change.meeting) if change.meeting is not None else ""
    else:
        meeting, _sep, name = change.label.rpartition(": ")
    words = field_words(name)
    subject = _("%(meeting)s: %(field)s", meeting=meeting, field=words) if meeting else words
    subject = subject[0].upper() + subject[1:]
    old, new = _value(name, change.before), _value(name, change.after)
    if not change.before:
        return _("%(subject)s set to %(new)s", subject=subject, new=new)
    if not change.after:
        return _("%(subject)s cleared (was %(old)s)", subject=subject, old=old)
    return _("%(subject)s changed from %(old)s to %(new)s", subject=subject, old=old, new=new)


def _listing(data):
    if isinstance(data, list) and data and isinstance(data[0], dict) and "meetings" in data[0]:
        return submissions.revision_listing(data)
    return None


def describe(entry: AuditEntry) -> list[str]:
    """The entry's changes in plain words (empty when it changed no listing fields)."""
    before, after = _listing(entry.before), _listing(entry.after)
    if before is not None or after is not None:
        if before is None:
            return [_("Listing created")] if entry.action != "approved new" else []
        return [sentence(c) for c in diff_listings(before, after)]
    out = []
    old = entry.before[0] if entry.before else {}
    new = entry.after[0] if entry.after else {}
    for key in sorted(set(old) | set(new)):
        if key in ("report",) or old.get(key) == new.get(key):
            continue
        words = {"status": _("Status"), "last_verified_at": _("Last verified")}.get(key, key)
        a, b = old.get(key) or "", new.get(key) or ""
        if key == "last_verified_at":
            a, b = a[:10], b[:10]
        out.append(_("%(subject)s changed from %(old)s to %(new)s", subject=words, old=a, new=b)
                   if a else _("%(subject)s set to %(new)s", subject=words, new=b))
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
        f.notices.append(_("Ignored a listing that is not a slug: “%(value)s”.",
                           value=f.listing[:40]))
        f.listing = ""
    f.actor = (args.get("actor") or "").strip()[:MAX_TEXT]
    f.action = (args.get("action") or "").strip()[:40]
    for name in ("since", "until"):
        raw = (args.get(name) or "").strip()
        if raw:
            try:
                setattr(f, name, date.fromisoformat(raw))
            except ValueError:
                f.notices.append(_("Ignored a date that is not YYYY-MM-DD: “%(value)s”.",
                                   value=raw[:20]))
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
        raise submissions.ListingError(_("This entry has no earlier version to go back to."))
    group = session.get(Group, entry.group_id)
    if group is None:
        raise submissions.ListingError(_("This listing no longer exists."))
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
