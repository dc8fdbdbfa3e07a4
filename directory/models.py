"""SQLModel tables: organizations, groups, meetings and locations.

Instants are aware UTC datetimes (SQLModel's UTCDateTime stores them in UTC on SQLite
and PostgreSQL alike); a meeting's local wall-clock time is stored with its IANA zone
name, never a UTC offset.
List-valued vocabularies (topics, languages, audience, access) are JSON arrays of codes.
"""

from datetime import UTC, date, datetime, time
from typing import Optional

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    UniqueConstraint,
    event,
    inspect,
)
from sqlmodel import Field, Relationship, SQLModel

from directory.i18n.problems import Problem
from directory.taxonomy import attendance_from_format

# Listings seekers can find (pending, paused and rejected ones are not shown).
PUBLIC_STATUSES: tuple[str, ...] = ("active",)


def new_list() -> list:
    """A fresh empty list (a plain function: pydantic inspects a default factory's signature
    on every model construction, which is slow for a builtin such as `list`)."""
    return []


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, index=True)
    website: str | None = Field(default=None, max_length=500)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    description: str = Field(default="", max_length=4000)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Set by an admin: edits by this organization's editors go live at once (still audited).
    trusted: bool = False

    groups: list["Group"] = Relationship(back_populates="organization")


class Location(SQLModel, table=True):
    __tablename__ = "location"

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    region: str | None = Field(default=None, max_length=120)
    postal_code: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=2)
    latitude: float | None = None
    longitude: float | None = None
    approximate: bool = False


class Group(SQLModel, table=True):
    __tablename__ = "support_group"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=4000)
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    topics: list[str] = Field(default_factory=new_list, sa_column=Column(JSON, nullable=False))
    approach: str | None = Field(default=None, max_length=20)
    format: str = Field(max_length=20)
    cost: str = Field(max_length=20)
    fee_cents: int | None = None
    fee_currency: str | None = Field(default=None, max_length=3)
    languages: list[str] = Field(default_factory=new_list, sa_column=Column(JSON, nullable=False))
    audience: list[str] = Field(default_factory=new_list, sa_column=Column(JSON, nullable=False))
    access: list[str] = Field(default_factory=new_list, sa_column=Column(JSON, nullable=False))
    welcome: str | None = Field(default=None, max_length=10)
    registration_required: bool = False
    accepting_new_members: bool = True
    facilitation: str | None = Field(default=None, max_length=20)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=40)
    website: str | None = Field(default=None, max_length=500)
    status: str = Field(default="pending", max_length=10, index=True)
    last_verified_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Provenance: the data source a listing is synced from (None: entered here or imported
    # from a file), the source's own id for it, and the name of where it came from.
    source_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("data_source.id", ondelete="SET NULL"),
                         nullable=True, index=True),
    )
    source_entry_id: str | None = Field(default=None, max_length=200, index=True)
    source_name: str | None = Field(default=None, max_length=200)
    # What the last sync wrote (a hash of the source's listing) and when: an edit made here
    # after that (updated_at later than source_synced_at) is a conflict, not overwritten.
    source_hash: str | None = Field(default=None, max_length=64)
    source_synced_at: datetime | None = None
    # Set when the listing left the source's feed (it is paused, never deleted).
    source_withdrawn_at: datetime | None = None
    # Meetings by appointment (a feed's entries with no day), as schema.AppointmentIn
    # dicts: kept so that exports publish them; never part of a schedule or a search.
    appointments: list[dict] = Field(default_factory=new_list,
                                     sa_column=Column(JSON, nullable=False, default=list))

    organization: Optional["Organization"] = Relationship(back_populates="groups")
    source: Optional["DataSource"] = Relationship()
    meetings: list["Meeting"] = Relationship(
        back_populates="group",
        sa_relationship_kwargs={
            "cascade": "all, delete-orphan",
            "order_by": "Meeting.position",
        },
    )


class Meeting(SQLModel, table=True):
    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("support_group.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )
    position: int = 0
    weekday: int = Field(ge=0, le=6)  # Monday = 0
    start_time: time
    end_time: time | None = None
    timezone: str = Field(max_length=64)
    recurrence: str = Field(default="weekly", max_length=40)
    starts_on: date | None = None
    ends_on: date | None = None
    location_id: int | None = Field(default=None, foreign_key="location.id", index=True)
    # in-person | online | hybrid | inactive (temporarily closed); None follows the
    # group's format (see `how_attended`).
    attendance: str | None = Field(default=None, max_length=10)
    online_url: str | None = Field(default=None, max_length=500)
    # A phone number or a one-tap dial string (+15550100,,123456#), as feeds publish them.
    online_phone: str | None = Field(default=None, max_length=100)
    online_notes: str | None = Field(default=None, max_length=500)
    # What a data source keeps per meeting: its own name, notes, slug, types and regions.
    name: str | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, max_length=4000)
    location_notes: str | None = Field(default=None, max_length=1000)
    source_slug: str | None = Field(default=None, max_length=200)
    source_types: list[str] = Field(default_factory=new_list,
                                    sa_column=Column(JSON, nullable=False, default=list))
    regions: list[str] = Field(default_factory=new_list,
                               sa_column=Column(JSON, nullable=False, default=list))

    group: Optional["Group"] = Relationship(back_populates="meetings")
    location: Optional["Location"] = Relationship()

    def how_attended(self, group_format: str | None = None) -> str:
        """This meeting's attendance: its own, else what its group's format implies."""
        if self.attendance:
            return self.attendance
        return attendance_from_format(group_format or (self.group.format if self.group
                                                        else "in-person"))


class DataSource(SQLModel, table=True):
    """A feed Circles syncs listings from (a URL or a file on this machine)."""

    __tablename__ = "data_source"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True, index=True)
    location: str = Field(max_length=1000)  # an http(s) URL or a file path
    format: str = Field(max_length=20)  # meeting-guide | bmlt | hsds | csv
    topic: str | None = Field(default=None, max_length=200)
    approach: str | None = Field(default=None, max_length=20)
    timezone: str | None = Field(default=None, max_length=64)
    country: str | None = Field(default=None, max_length=2)
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)
    # A hash of the last body synced with these options: the same body again does nothing.
    body_hash: str | None = Field(default=None, max_length=64)
    last_synced_at: datetime | None = None
    # Advisory lock: a sync holds the source until this instant (a crashed sync's lock
    # expires by itself).
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SyncReport(SQLModel, table=True):
    """What one sync of a data source did."""

    __tablename__ = "sync_report"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(
        sa_column=Column(Integer, ForeignKey("data_source.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    )
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    # ok | not-modified | unchanged | failed
    outcome: str = Field(default="ok", max_length=20)
    message: str | None = Field(default=None, max_length=2000)
    # The message's code and values (i18n/problems.py), to say it in the reader's language.
    message_problem: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    skipped: int = 0
    conflicts: int = 0
    # [{"entry": 3, "field": "day", "message": "…"}]
    skipped_entries: list[dict] = Field(default_factory=new_list,
                                        sa_column=Column(JSON, nullable=False))
    # [{"slug": "…", "source_id": "…", "incoming": {ListingIn JSON}}]: both sides kept (the
    # stored listing stays as its owner or a moderator left it).
    conflict_entries: list[dict] = Field(default_factory=new_list,
                                         sa_column=Column(JSON, nullable=False))
    warnings: list[str] = Field(default_factory=new_list, sa_column=Column(JSON, nullable=False))


class CatalogVersion(SQLModel, table=True):
    """One row whose number goes up whenever public listing data changes.

    Every worker keeps its matching index in memory and compares this number (one cheap
    query) to decide whether to rebuild: that is how several workers and hosts over one
    database agree within a request of a change.
    """

    __tablename__ = "catalog_version"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime = Field(default_factory=utcnow)


# --- moderation: owners, revisions, reports, moderators, audit ------------------------------


class ListingOwner(SQLModel, table=True):
    """Who submitted a group (no account: an e-mail address and private edit links)."""

    __tablename__ = "listing_owner"

    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("support_group.id", ondelete="CASCADE"), primary_key=True
        )
    )
    email: str | None = Field(default=None, max_length=254)
    reminded_at: datetime | None = None
    # Verification reminders sent since the listing was last verified (0 = none yet).
    reminder_stage: int = 0
    # The interface language the listing was submitted (or claimed) in: mail sent outside a
    # request (reminders, decisions, report outcomes) is written in it. None: English.
    language: str | None = Field(default=None, max_length=5)
    created_at: datetime = Field(default_factory=utcnow)


class CoOwner(SQLModel, table=True):
    """Another address that may receive the listing's edit links (an owner added it)."""

    __tablename__ = "listing_co_owner"
    __table_args__ = (UniqueConstraint("group_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("support_group.id", ondelete="CASCADE"), nullable=False,
            index=True,
        )
    )
    email: str = Field(max_length=254)
    # The language of the page the owner added them from: their edit-link mail is written
    # in it (the co-owner has not spoken for themselves). None: English.
    language: str | None = Field(default=None, max_length=5)
    created_at: datetime = Field(default_factory=utcnow)


class ClaimRequest(SQLModel, table=True):
    """"Is this your group?" for a listing with no contact address: a moderator decides."""

    __tablename__ = "claim_request"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("support_group.id", ondelete="CASCADE"), nullable=False,
            index=True,
        )
    )
    email: str = Field(max_length=254)
    explanation: str = Field(default="", max_length=2000)
    status: str = Field(default="open", max_length=12, index=True)  # open|approved|dismissed
    # The claimant's interface language: the claim link a moderator approves is written in it.
    language: str | None = Field(default=None, max_length=5)
    created_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None
    decided_by: str | None = Field(default=None, max_length=300)


class EditToken(SQLModel, table=True):
    """A private edit link: only the SHA-256 of the token is stored.

    A group may have several (the first from the submission, later ones from reminders),
    because the token itself is never kept and so cannot be sent again.
    """

    __tablename__ = "edit_token"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("support_group.id", ondelete="CASCADE"), nullable=False,
            index=True,
        )
    )
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    # edit: opens the private edit page until it expires or is revoked;
    # claim: a one-time link that makes whoever opens it an owner (then it is used up).
    purpose: str = Field(default="edit", max_length=10)
    email: str | None = Field(default=None, max_length=254)  # where it was sent, if mailed
    used_at: datetime | None = None  # first use
    revoked_at: datetime | None = None  # rotated, renewed or removed: it no longer opens


class ListingRevision(SQLModel, table=True):
    """A proposed state of a group waiting for a moderator: a new listing or an edit.

    `proposed` and `base` are the listing as ListingIn JSON (revisions from before the
    listing schema hold CSV-shaped rows; `moderation.revision_listing` reads both), so that
    approving a revision writes through the same code as an import.
    """

    __tablename__ = "listing_revision"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("support_group.id", ondelete="CASCADE"), nullable=False,
            index=True,
        )
    )
    kind: str = Field(max_length=10)  # new | edit
    status: str = Field(default="pending", max_length=12, index=True)
    proposed: dict | list[dict] = Field(default_factory=new_list,
                                        sa_column=Column(JSON, nullable=False))
    base: dict | list[dict] = Field(default_factory=new_list,
                                    sa_column=Column(JSON, nullable=False))
    duplicate_of: list[int] = Field(default_factory=new_list,
                                    sa_column=Column(JSON, nullable=False))
    submitted_by: str = Field(default="owner", max_length=300)
    form_nonce: str | None = Field(default=None, max_length=64, unique=True)
    reason: str | None = Field(default=None, max_length=2000)
    # A reason the system wrote ("Not kept: …"): its code and values (i18n/problems.py).
    reason_problem: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    decided_by: str | None = Field(default=None, max_length=300)
    submitted_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None


class Report(SQLModel, table=True):
    """A seeker's report of a problem with a listing (no account, no IP stored)."""

    __tablename__ = "report"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("support_group.id", ondelete="CASCADE"), nullable=False,
            index=True,
        )
    )
    kind: str = Field(max_length=20)
    details: str = Field(default="", max_length=2000)
    # open | acknowledged | fixed | dismissed
    status: str = Field(default="open", max_length=20, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None
    resolved_by: str | None = Field(default=None, max_length=300)
    note: str | None = Field(default=None, max_length=2000)  # the moderator's latest note


class AdminUser(SQLModel, table=True):
    """A staff account that can log in to /admin (password stored as a salted hash).

    `role` is `admin` (manages accounts, trusted organizations and data sources, and does
    everything a moderator does) or `moderator` (the queue, reports and listings).
    """

    __tablename__ = "admin_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=300)
    role: str = Field(default="moderator", max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    # Carried in every login session; raised on logout and on a password change, which
    # ends every session of this moderator (a copied cookie included).
    session_version: int = 0
    # A disabled account cannot log in; disabling it ended its sessions.
    disabled_at: datetime | None = None
    # New submissions, edits and reports: immediate | digest | none.
    notify: str = Field(default="digest", max_length=10)
    # The newest notice already in a digest sent to this moderator.
    digest_sent_at: datetime | None = None
    # The interface language of the moderator's last login or settings change: notices and
    # digests are written in it. None: English.
    language: str | None = Field(default=None, max_length=5)


class StaffPasswordLink(SQLModel, table=True):
    """A one-time link that lets a staff account choose its password (only its hash is
    kept): sent to a new moderator or admin, or on a forgotten password."""

    __tablename__ = "staff_password_link"

    id: int | None = Field(default=None, primary_key=True)
    admin_user_id: int = Field(
        sa_column=Column(Integer, ForeignKey("admin_user.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    )
    token_hash: str = Field(max_length=64, unique=True, index=True)
    purpose: str = Field(default="invite", max_length=10)  # invite | reset
    created_by: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


class EditorAccount(SQLModel, table=True):
    """An organization's editor: sees and edits all of that organization's listings."""

    __tablename__ = "org_editor"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(
        sa_column=Column(Integer, ForeignKey("organization.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    )
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    session_version: int = 0  # raised on logout, a password change and removal
    removed_at: datetime | None = None  # removed editors cannot log in
    language: str | None = Field(default=None, max_length=5)  # of their last login; mail's

    organization: Optional["Organization"] = Relationship()


class EditorInvitation(SQLModel, table=True):
    """A one-time invitation to become an organization's editor (only its hash is kept)."""

    __tablename__ = "org_invitation"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(
        sa_column=Column(Integer, ForeignKey("organization.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    )
    email: str = Field(max_length=254)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    invited_by: str = Field(max_length=300)
    # The inviter's language when they invited: the invitation mail is written in it.
    language: str | None = Field(default=None, max_length=5)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


class ModeratorNotice(SQLModel, table=True):
    """Something for moderators to look at (a new submission, an edit, a report, a claim):
    mailed at once to moderators who want that, and gathered into the daily digest."""

    __tablename__ = "moderator_notice"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    kind: str = Field(max_length=20)  # new | edit | report | claim
    group_id: int | None = None  # a plain number: the notice outlives the group
    group_slug: str | None = Field(default=None, max_length=80)
    group_name: str = Field(default="", max_length=200)
    admin_path: str = Field(default="/admin/", max_length=300)  # where to look at it


class AuditEntry(SQLModel, table=True):
    """One change to a listing: who, when, what it was before and after.

    `group_id` is a plain number, not a foreign key, so the history outlives the group.
    """

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=300)
    action: str = Field(max_length=40)
    group_id: int | None = Field(default=None, index=True)
    group_slug: str | None = Field(default=None, max_length=80)
    before: list[dict] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: list[dict] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    note: str | None = Field(default=None, max_length=2000)
    # A note the system wrote: its code and values (i18n/problems.py), for other languages.
    note_problem: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class ImportJob(SQLModel, table=True):
    """An admin-page import run in the background: the uploaded file itself (so a worker
    that restarts can run it again), where it has got to, and its report when done.

    The import is one transaction, as in the request: nothing is written until the whole
    file is checked, and the job is marked done in the same commit as the listings."""

    __tablename__ = "import_job"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=300)
    filename: str = Field(max_length=100)
    size: int = 0
    # queued | running | done | failed
    status: str = Field(default="queued", max_length=20)
    # reading | checking | writing: how far a running import has got, "done" of "total"
    stage: str = Field(default="queued", max_length=20)
    done: int = 0
    total: int = 0
    # Each run takes the job by raising this; a run whose number is no longer the job's
    # (a stalled run taken over) commits nothing.
    attempt: int = 0
    # A running job's last sign of life: one silent for IMPORT_JOB_STALE_S is run again.
    heartbeat_at: datetime | None = None
    finished_at: datetime | None = None
    # The uploaded bytes, until the job is finished.
    payload: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    # What the import said: {"summary", "created", "updated", "unchanged", "conflicts",
    # "skipped", "removed_meetings": [...], "warnings": [...]}; on failure, "errors": [...].
    report: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


# Text the system writes as a Problem (i18n/problems.py) keeps its code and values beside it,
# so a reader in another language sees it in theirs; other text leaves the code empty.
_PROBLEM_COLUMNS = ((SyncReport, "message", "message_problem"),
                    (AuditEntry, "note", "note_problem"),
                    (ListingRevision, "reason", "reason_problem"))


def _keeper(text_name: str, code_name: str):  # noqa: ANN202 - a mapper event listener
    def keep(mapper, connection, target) -> None:  # noqa: ANN001, ARG001
        value = getattr(target, text_name)
        if isinstance(value, Problem):
            setattr(target, code_name, value.stored())
            setattr(target, text_name, str(value))
        elif inspect(target).attrs[text_name].history.has_changes():
            setattr(target, code_name, None)  # new plain text: no code of an older one
    return keep


for _model, _text, _code in _PROBLEM_COLUMNS:
    event.listen(_model, "before_insert", _keeper(_text, _code))
    event.listen(_model, "before_update", _keeper(_text, _code))
