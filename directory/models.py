"""SQLModel tables: organizations, groups, meetings and locations.

Instants are aware UTC datetimes (SQLModel's UTCDateTime stores them in UTC on SQLite
and PostgreSQL alike); a meeting's local wall-clock time is stored with its IANA zone
name, never a UTC offset.
List-valued vocabularies (topics, languages, audience, access) are JSON arrays of codes.
"""

from datetime import UTC, date, datetime, time
from typing import Optional

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, Relationship, SQLModel


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
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    approach: str | None = Field(default=None, max_length=20)
    format: str = Field(max_length=20)
    cost: str = Field(max_length=20)
    fee_cents: int | None = None
    fee_currency: str | None = Field(default=None, max_length=3)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    audience: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    access: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
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

    organization: Optional["Organization"] = Relationship(back_populates="groups")
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
    online_url: str | None = Field(default=None, max_length=500)
    online_phone: str | None = Field(default=None, max_length=40)
    online_notes: str | None = Field(default=None, max_length=500)

    group: Optional["Group"] = Relationship(back_populates="meetings")
    location: Optional["Location"] = Relationship()


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
