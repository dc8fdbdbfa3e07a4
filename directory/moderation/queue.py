"""The moderators' queue at scale: filters, paging and bulk decisions in SQL, and keeping
the good part of an edit (per-field accept).

Every filter is a bound parameter in one query; a page reads only its own revisions (and
their groups and owners), never every pending revision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import String, cast, exists, func, or_
from sqlmodel import Session, select

from directory import taxonomy
from directory.i18n import problems
from directory.i18n.problems import Problem
from directory.i18n.text import N_
from directory.i18n.text import gettext as _
from directory.listings.diff import GROUP_FIELDS, meeting_words, pair_meetings
from directory.listings.schema import ListingIn, MeetingIn
from directory.listings.store import Geocoder
from directory.models import (
    DataSource,
    Group,
    ListingOwner,
    ListingRevision,
    Location,
    Meeting,
    Organization,
    Report,
)
from directory.moderation import decisions, status, submissions
from directory.moderation.reports import WORKING_STATES

KINDS = ("new", "edit", "conflict")
AGES = {"1": 1, "3": 3, "7": 7, "14": 14, "30": 30}  # "waiting more than N days"
SORTS = ("oldest", "newest")
# The filters as a notice names them.
FILTER_WORDS = {"kind": N_("kind"), "age": N_("waiting time"), "sort": N_("sort order"),
                "topic": N_("topic")}
PER_PAGE = 50
MAX_BULK = 2000
MAX_QUERY = 100
COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")


class BulkError(Exception):
    """A bulk decision that failed as a whole (nothing was changed)."""


@dataclass
class QueueFilters:
    q: str = ""
    kind: str = ""
    age: str = ""
    topic: str = ""
    country: str = ""
    organization: str = ""
    source: str = ""  # a data source's name: its listings' items, its conflicts
    duplicate: bool = False
    reported: bool = False
    sort: str = "oldest"
    page: int = 1
    notices: list[str] = field(default_factory=list)

    def args(self, **change) -> dict:
        """The filters as query-string arguments (for paging links)."""
        out = {"q": self.q, "kind": self.kind, "age": self.age, "topic": self.topic,
               "country": self.country, "organization": self.organization,
               "source": self.source, "duplicate": "1" if self.duplicate else "",
               "reported": "1" if self.reported else "", "sort": self.sort,
               "page": self.page}
        out.update(change)
        return {k: v for k, v in out.items() if v not in ("", None, False)}


def parse_filters(args) -> QueueFilters:
    """Filters from a query string; an unknown value is ignored with a notice."""
    f = QueueFilters()
    text = lambda name: (args.get(name) or "").strip()[:MAX_QUERY]  # noqa: E731
    f.q = text("q")
    f.organization = text("organization")
    f.source = text("source")
    for name, allowed in (("kind", KINDS), ("age", tuple(AGES)), ("sort", SORTS),
                          ("topic", tuple(taxonomy.TOPICS))):
        value = text(name)
        if value and value not in allowed:
            f.notices.append(_("Ignored an unknown %(name)s: “%(value)s”.",
                               name=_(FILTER_WORDS[name]), value=value))
        elif value:
            setattr(f, name, value)
    country = text("country")
    if country and not COUNTRY_RE.match(country):
        f.notices.append(_("Ignored a country that is not a two-letter code: “%(value)s”.",
                           value=country))
    else:
        f.country = country.upper()
    f.duplicate = args.get("duplicate") in ("1", "on", "yes")
    f.reported = args.get("reported") in ("1", "on", "yes")
    raw = args.get("page") or "1"
    f.page = int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1
    return f


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query, f: QueueFilters, now: datetime):
    query = query.where(ListingRevision.status == "pending")
    if f.kind:
        query = query.where(ListingRevision.kind == f.kind)
    if f.age:
        query = query.where(ListingRevision.submitted_at < now - timedelta(days=AGES[f.age]))
    if f.q:
        pattern = _like(f.q.lower())
        query = query.where(or_(func.lower(Group.name).like(pattern, escape="\\"),
                                func.lower(Group.slug).like(pattern, escape="\\")))
    if f.topic:
        # Topics are a JSON array of codes; a code is [a-z-] only, so '"code"' is exact.
        query = query.where(cast(Group.topics, String).like(_like(f'"{f.topic}"'),
                                                            escape="\\"))
    if f.country:
        query = query.where(exists(
            select(Meeting.id).join(Location, Location.id == Meeting.location_id)
            .where(Meeting.group_id == Group.id, Location.country == f.country)))
    if f.organization:
        query = query.where(exists(
            select(Organization.id).where(
                Organization.id == Group.organization_id,
                func.lower(Organization.name).like(_like(f.organization.lower()),
                                                   escape="\\"))))
    if f.source:
        query = query.where(or_(
            exists(select(DataSource.id).where(DataSource.id == Group.source_id,
                                               DataSource.name == f.source)),
            ListingRevision.submitted_by == f"source:{f.source}"))
    if f.duplicate:
        query = query.where(cast(ListingRevision.duplicate_of, String).not_in(("[]", "")))
    if f.reported:
        query = query.where(exists(select(Report.id).where(
            Report.group_id == Group.id, Report.status.in_(WORKING_STATES))))
    return query


@dataclass
class QueueItem:
    revision: ListingRevision
    group: Group
    owner_email: str | None
    open_reports: int


def queue_page(session: Session, f: QueueFilters, *, now: datetime, per_page: int = PER_PAGE
               ) -> tuple[list[QueueItem], int]:
    """One page of pending revisions matching `f`, and how many match in all."""
    base = select(ListingRevision, Group, ListingOwner.email).join(
        Group, Group.id == ListingRevision.group_id).outerjoin(
        ListingOwner, ListingOwner.group_id == Group.id)
    count_query = _filtered(
        select(func.count(ListingRevision.id)).select_from(ListingRevision)
        .join(Group, Group.id == ListingRevision.group_id), f, now)
    total = session.exec(count_query).one()
    order = (ListingRevision.submitted_at.asc(), ListingRevision.id.asc()) \
        if f.sort == "oldest" else (ListingRevision.submitted_at.desc(),
                                    ListingRevision.id.desc())
    rows = session.exec(_filtered(base, f, now).order_by(*order)
                        .offset((f.page - 1) * per_page).limit(per_page)).all()
    ids = [group.id for _, group, _ in rows]
    reports: dict[int, int] = {}
    if ids:
        reports = dict(session.exec(
            select(Report.group_id, func.count(Report.id))
            .where(Report.group_id.in_(ids), Report.status.in_(WORKING_STATES))
            .group_by(Report.group_id)).all())
    return [QueueItem(rev, group, email, reports.get(group.id, 0))
            for rev, group, email in rows], total


def count_stale(session: Session, *, now: datetime) -> int:
    """Live listings past the stale limit (what /admin/stale lists), counted in SQL."""
    cutoff = now - timedelta(days=status.STALE_AFTER_DAYS)
    return session.exec(
        select(func.count(Group.id)).where(Group.status.in_(("active", "paused")))
        .where((Group.last_verified_at.is_(None)) | (Group.last_verified_at < cutoff))).one()


def count_open_reports(session: Session) -> int:
    return session.exec(select(func.count(Report.id))
                        .where(Report.status.in_(WORKING_STATES))).one()


def count_pending(session: Session) -> int:
    return session.exec(select(func.count(ListingRevision.id))
                        .where(ListingRevision.status == "pending")).one()


# --- bulk -------------------------------------------------------------------------------------


def parse_ids(values: list[str]) -> list[int]:
    """Revision ids from checkboxes; anything that is not a number is a BulkError."""
    ids: list[int] = []
    for value in values:
        if not value.isdigit() or len(value) > 12:
            raise BulkError(_("The selection was not understood; reload the queue and try "
                              "again."))
        if int(value) not in ids:
            ids.append(int(value))
    if not ids:
        raise BulkError(_("Tick at least one listing first."))
    if len(ids) > MAX_BULK:
        raise BulkError(_("At most %(count)s items can be decided at once.", count=MAX_BULK))
    return ids


def bulk_decide(session: Session, *, revision_ids: list[int], approve: bool, reason: str,
                moderator: str, now: datetime, geocoder: Geocoder) -> list[ListingRevision]:
    """Approve or reject every revision, in one savepoint: all of them or none (the first
    that cannot be decided names itself in the BulkError, and nothing is changed)."""
    if not approve and not reason.strip():
        raise BulkError(_("Give one reason for rejecting them (it is e-mailed to each "
                          "owner)."))
    decided: list[ListingRevision] = []
    try:
        with session.begin_nested():
            for revision_id in revision_ids:
                try:
                    if approve:
                        revision = decisions.approve_listing(
                            session, revision_id=revision_id, moderator=moderator, now=now,
                            geocoder=geocoder)
                    else:
                        revision = decisions.reject_listing(
                            session, revision_id=revision_id, moderator=moderator,
                            reason=reason.strip(), now=now)
                except submissions.ListingError as exc:
                    group = _group_of(session, revision_id)
                    raise BulkError(_("Nothing was changed: “%(group)s” could not be decided "
                                      "(%(why)s)", group=group, why=exc)) from None
                decided.append(revision)
    except BulkError:
        session.expire_all()
        raise
    return decided


def _group_of(session: Session, revision_id: int) -> str:
    revision = session.get(ListingRevision, revision_id)
    group = session.get(Group, revision.group_id) if revision else None
    return group.name if group else f"submission {revision_id}"


# --- keep the good part of an edit ------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One thing an edit changes that a moderator can accept or reject on its own: a group
    field, or one meeting (added, removed or changed)."""

    key: str
    label: str
    field: str = ""  # a group field's name
    meeting: MeetingIn | None = None  # or the meeting, and whether it was added, removed or
    what: str = ""  # changed


def _part(choice: Choice) -> Problem:
    """A part not kept, as its English label that the moderation page can say in words."""
    if choice.meeting is not None:
        return Problem("part-meeting", label=choice.label, what=choice.what,
                       day=choice.meeting.weekday,
                       clock=choice.meeting.start_time.strftime("%H:%M"),
                       recurrence=str(choice.meeting.recurrence))
    return Problem("part-field", label=choice.label, field=choice.field or choice.label)


def edit_choices(live: ListingIn, proposed: ListingIn) -> list[Choice]:
    """What a moderator can accept one by one, in the diff's order."""
    out: list[Choice] = []
    for attr, label in GROUP_FIELDS:
        old, new = getattr(live, attr), getattr(proposed, attr)
        if old != new and not (old in (None, "", []) and new in (None, "", [])):
            out.append(Choice(f"field:{attr}", label, field=label))
    for i, (old_m, new_m) in enumerate(pair_meetings(live.meetings, proposed.meetings)):
        if old_m is not None and new_m is not None and old_m == new_m:
            continue
        words = meeting_words(old_m or new_m)
        what = "added" if old_m is None else "removed" if new_m is None else "changed"
        out.append(Choice(f"meeting:{i}", f"{words} meeting {what}", meeting=old_m or new_m,
                          what=what))
    return out


def accepted_listing(live: ListingIn, proposed: ListingIn, accepted: set[str]) -> ListingIn:
    """The live listing with only the accepted parts of the proposal applied."""
    update = {attr: getattr(proposed, attr) for attr, _ in GROUP_FIELDS
              if f"field:{attr}" in accepted}
    meetings = []
    for i, (old_m, new_m) in enumerate(pair_meetings(live.meetings, proposed.meetings)):
        take_new = f"meeting:{i}" in accepted or (old_m is not None and old_m == new_m)
        chosen = new_m if take_new else old_m
        if chosen is not None:
            meetings.append(chosen)
    update["meetings"] = meetings
    return live.model_copy(update=update)


def approve_in_part(session: Session, *, revision_id: int, accepted: set[str], reason: str,
                    moderator: str, now: datetime, geocoder: Geocoder) -> tuple[
                        ListingRevision, list[Choice]]:
    """Approve the accepted parts of a pending edit and reject the rest (with `reason`):
    the accepted listing is written through the one writer. Returns the rejected choices."""
    revision = session.get(ListingRevision, revision_id)
    if revision is None or revision.status != "pending" or revision.kind != "edit":
        raise submissions.ListingError(_("Only a pending edit can be approved in part."))
    group = session.get(Group, revision.group_id)
    live = submissions.current_listing(group)
    proposed = submissions.revision_listing(revision.proposed)
    if proposed is None:
        raise submissions.ListingError(_("This edit can no longer be read; reject it."))
    choices = edit_choices(live, proposed)
    keys = {c.key for c in choices}
    accepted = accepted & keys
    if not accepted:
        raise submissions.ListingError(_("Tick at least one change to keep, or reject the "
                                         "edit."))
    not_kept = [c for c in choices if c.key not in accepted]
    rejected = [_part(c) for c in not_kept]
    if rejected and not reason.strip():
        raise submissions.ListingError(_("Give the owner a reason for the changes not kept."),
                                       field="part_reason")
    listing = accepted_listing(live, proposed, accepted).model_copy(
        update={"slug": group.slug, "last_verified": None})
    note = ("kept: " + "; ".join(c.label for c in choices if c.key in accepted)
            + ("; not kept: " + "; ".join(rejected) + f" ({reason.strip()})" if rejected
               else ""))
    submissions.write_group(session, group, listing, now=now, status=group.status,
                           geocoder=geocoder, actor=moderator, action="approved edit in part",
                           note=note[:2000])
    group.last_verified_at = now
    session.add(group)
    revision.status = "approved"
    revision.reason = (Problem("not-kept", parts=problems.joined(rejected),
                               reason=reason.strip())[:2000] if rejected else None)
    revision.decided_by = moderator
    revision.decided_at = now
    session.add(revision)
    session.flush()
    return revision, not_kept
