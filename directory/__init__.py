"""Circles: the Flask application. Importing this package has no side effects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, database, blueprints, error pages and CLI commands."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    from directory.config import load_config

    app.config.from_mapping(load_config(app.instance_path, config))

    from directory import (
        db,
        delivery,
        errors,
        extensions,
        hardening,
        jobs,
        mail_queue,
        security,
        templating,
    )
    from directory.admin.blueprint import bp as admin_bp
    from directory.api.blueprint import bp as api_bp
    from directory.cli import register_commands
    from directory.editors.blueprint import bp as editors_bp
    from directory.organizations.blueprint import bp as organizations_bp
    from directory.referrers.blueprint import bp as referrers_bp
    from directory.seekers.blueprint import bp as seekers_bp

    delivery.init_app(app)  # first: its compression runs after every other after_request
    db.init_app(app)
    from directory.catalog import watch_catalog

    watch_catalog()  # the catalog version moves on every flush that changes a public listing
    from directory.appservices import AppServices, set_services
    from directory.listings.geocoding import listing_geocoder
    from directory.search.group_rows import GroupRows
    from directory.search.index_cache import IndexCache
    from places.online import make_online_geocoder

    # Only when GEOCODER=nominatim: tried after an offline miss, never required.
    online = make_online_geocoder(
        app.config["GEOCODER"], user_agent=app.config["GEOCODER_USER_AGENT"]
    )
    from directory.services.crisis import load_lines

    # The crisis-line table, checked at start-up (a bad CRISIS_LINES stops the app here).
    crisis_lines = load_lines(app.config.get("CRISIS_LINES"), app.config.get("CRISIS_LINES_FILE"))
    from directory.search.snapshot import SnapshotStore, database_identity
    from directory.web.degraded import DatabaseHealth

    engine = db.get_engine(app)
    background = not app.config["TESTING"]
    snapshot = None
    if app.config["SNAPSHOT_DIR"]:
        identity = database_identity(app.config["DATABASE_URL"])
        snapshot = SnapshotStore(Path(app.config["SNAPSHOT_DIR"]) / f"listings-{identity}.sqlite",
                                 identity=identity,
                                 min_interval=app.config["SNAPSHOT_MIN_INTERVAL"])
    set_services(app, AppServices(
        # Background refreshes outside tests; tests want a change visible on the next request.
        index=IndexCache(engine=engine, background=background, snapshot=snapshot,
                         check_interval=app.config["CATALOG_CHECK_INTERVAL"]),
        rows=GroupRows(),
        # Every door that saves a listing geocodes with this one.
        geocoder=listing_geocoder(default_country=app.config["DEFAULT_COUNTRY"],
                                  online=online),
        online_geocoder=online,
        crisis_lines=crisis_lines,
        database=DatabaseHealth(engine=engine, background=background,
                                retry_interval=app.config["DATABASE_RETRY_INTERVAL"]),
    ))
    from directory.i18n import web as i18n_web

    i18n_web.init_app(app)  # before the templates' globals: they translate
    templating.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    hardening.init_app(app)  # before the blueprints and CSRF: its guards run first
    jobs.init_app(app)
    mail_queue.init_app(app)
    app.register_blueprint(seekers_bp)
    from directory.seekers import preferences

    preferences.init_app(app)
    app.register_blueprint(referrers_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(organizations_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(editors_bp)
    from directory.web import uow

    uow.init_app(app)  # every view a unit of work, inside the limits, retry and outage guard
    extensions.init_app(app)  # after the blueprints: it rate-limits their views
    from directory.organizations.link_views import init_limits

    init_limits(app)  # claim and recovery limits, with the limiter extensions installed
    db.retry_writes_when_locked(app)  # last but the CLI: it wraps every (decorated) view
    from directory.web import degraded

    degraded.init_app(app)  # outside the retry: a database that is down is not retried
    register_commands(app)
    return app
