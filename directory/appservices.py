"""The app's long-lived services in one typed registry (instead of loose extension keys)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from directory.listings.store import Geocoder
    from directory.search.group_rows import GroupRows
    from directory.search.index_cache import IndexCache
    from directory.services.crisis import CrisisLine
    from directory.web.degraded import DatabaseHealth
    from places.online import NominatimFallback

KEY = "circles"


@dataclass
class AppServices:
    index: IndexCache
    geocoder: Geocoder
    online_geocoder: NominatimFallback | None
    crisis_lines: dict[str, tuple[CrisisLine, ...]]  # by country code, "INTL" fallback
    database: DatabaseHealth  # whether to use the database now, or the listings snapshot
    rows: GroupRows  # the groups result pages show, kept per catalog version


def set_services(app: Flask, services: AppServices) -> None:
    app.extensions[KEY] = services


def get_services(app: Flask | None = None) -> AppServices:
    """The services of `app` (the current app by default)."""
    return (app or current_app).extensions[KEY]
