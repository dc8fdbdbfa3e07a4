"""The data sources Circles syncs from: add, list, find, remove (no Flask here)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from directory import taxonomy
from directory.listings.fields import FieldError, is_iana_zone, parse_codes
from directory.models import DataSource, SyncReport
from directory.sources.fetch import FetchError, is_url

FORMATS: tuple[str, ...] = ("meeting-guide", "bmlt", "hsds", "csv")
# Formats that carry no topic: a source of one of them needs --topic.
TOPICLESS: tuple[str, ...] = ("meeting-guide", "bmlt", "hsds")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._()&'-]{0,79}$")


class SourceError(ValueError):
    """A source setting that cannot be used; the message says which and why."""


def check_settings(
    *, name: str, location: str, fmt: str, topic: str | None = None,
    approach: str | None = None, timezone: str | None = None, country: str | None = None,
) -> dict[str, str | None]:
    """Validated source settings (a file path made absolute); SourceError when not."""
    name = (name or "").strip()
    if not NAME_RE.match(name):
        raise SourceError(f"name '{name[:100]}': use 1–80 letters, digits, spaces or . _ ( ) & ' "
                          "-, starting with a letter or digit")
    if fmt not in FORMATS:
        raise SourceError(f"format '{fmt}': use one of {', '.join(FORMATS)}")
    location = (location or "").strip()
    if not location:
        raise SourceError("a URL or a file path is required")
    try:
        remote = is_url(location)
    except FetchError as exc:
        raise SourceError(str(exc)) from None
    if not remote:
        path = Path(location).expanduser().resolve()
        if not path.is_file():
            raise SourceError(f"{location}: no such file (give an http(s) URL or a file path)")
        location = str(path)
    if len(location) > 1000:
        raise SourceError("the URL or path is longer than 1000 characters")
    topics = None
    if topic:
        try:
            topics = ";".join(parse_codes(topic, taxonomy.TOPICS, "topic"))
        except FieldError as exc:
            raise SourceError(f"topic: {exc}") from None
    elif fmt in TOPICLESS:
        raise SourceError(f"topic is required: the {fmt} format has no topic (--topic)")
    if approach and approach not in taxonomy.APPROACHES:
        raise SourceError(f"approach '{approach}': use one of "
                          f"{', '.join(taxonomy.APPROACHES)}")
    if timezone and not is_iana_zone(timezone):
        raise SourceError(f"time zone '{timezone}' is not an IANA zone name such as "
                          "America/Chicago")
    if country and not re.match(r"^[A-Za-z]{2}$", country):
        raise SourceError(f"country '{country}': give a two-letter code such as US")
    return {"name": name, "location": location, "format": fmt, "topic": topics,
            "approach": approach or None, "timezone": timezone or None,
            "country": country.upper() if country else None}


def add_source(session: Session, *, now: datetime, **settings: str | None) -> DataSource:
    """Register a source (adds and flushes; the caller commits)."""
    checked = check_settings(**settings)  # type: ignore[arg-type]
    if get_source(session, checked["name"] or "") is not None:
        raise SourceError(f"a source named '{checked['name']}' already exists")
    source = DataSource(created_at=now, **checked)  # type: ignore[arg-type]
    session.add(source)
    session.flush()
    return source


def get_source(session: Session, name: str) -> DataSource | None:
    return session.exec(select(DataSource).where(DataSource.name == name)).first()


def list_sources(session: Session) -> list[DataSource]:
    return list(session.exec(select(DataSource).order_by(DataSource.name)).all())


def latest_report(session: Session, source: DataSource) -> SyncReport | None:
    return session.exec(
        select(SyncReport).where(SyncReport.source_id == source.id)
        .order_by(col(SyncReport.started_at).desc(), col(SyncReport.id).desc())
    ).first()
