"""The sample data sources `flask seed` registers and syncs (fictional feeds in seed_data/),
so that a new directory shows provenance and /admin/sources on first run."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from directory.listings.store import Geocoder
from directory.models import SyncReport
from directory.sources.registry import add_source, get_source
from directory.sources.sync import SourceBusy, sync_source

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "seed_data" / "sources"
SAMPLES: tuple[dict[str, str], ...] = (
    {"name": "Lakeshore Intergroup (sample)", "file": "lakeshore-intergroup.json",
     "fmt": "meeting-guide", "topic": "alcohol", "approach": "twelve-step",
     "timezone": "America/Chicago", "country": "US"},
    {"name": "Front Range Area NA (sample)", "file": "front-range-na-bmlt.json",
     "fmt": "bmlt", "topic": "drugs", "approach": "twelve-step",
     "timezone": "America/Denver", "country": "US"},
)


def seed_sample_sources(session: Session, *, now: datetime, geocoder: Geocoder
                        ) -> list[tuple[str, SyncReport | None]]:
    """Register each sample source (if absent) by its file path and sync it."""
    out: list[tuple[str, SyncReport | None]] = []
    for sample in SAMPLES:
        source = get_source(session, sample["name"])
        if source is None:
            settings = {k: v for k, v in sample.items() if k != "file"}
            source = add_source(session, now=now, location=str(SAMPLES_DIR / sample["file"]),
                                **settings)
            session.commit()
        try:
            out.append((sample["name"], sync_source(session, source, now=now,
                                                    geocoder=geocoder)))
        except SourceBusy:
            out.append((sample["name"], None))
    return out
