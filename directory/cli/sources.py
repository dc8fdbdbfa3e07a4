"""sources add|list|sync|remove: the data sources synced into the directory."""

from __future__ import annotations

import sys

import click
from flask import Flask
from sqlmodel import Session

from directory.appservices import get_services
from directory.db import get_engine, write_engine
from directory.models import DataSource, utcnow
from directory.sources.registry import (
    FORMATS,
    SourceError,
    add_source,
    get_source,
    latest_report,
    list_sources,
)
from directory.sources.sync import SourceBusy, remove_source, report_line, sync_source


def register(app: Flask) -> None:
    @app.cli.group("sources")
    def sources_group() -> None:
        """Data sources: feeds synced into the directory (Meeting Guide, BMLT, HSDS, CSV)."""

    @sources_group.command("add")
    @click.argument("name")
    @click.argument("location", metavar="URL-OR-FILE")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
    @click.option("--topic", help="Topic code(s), ';'-separated (the feed has none).")
    @click.option("--approach", help="Approach code for every listing of the feed.")
    @click.option("--timezone", help="Time zone for entries that give none.")
    @click.option("--country", help="Country code for places that give none.")
    def add_command(name: str, location: str, fmt: str, topic: str | None,
                    approach: str | None, timezone: str | None, country: str | None) -> None:
        """Register a data source (a URL or a file path); `sources sync` reads it."""
        with Session(write_engine(get_engine(app))) as session:
            try:
                source = add_source(session, now=utcnow(), name=name, location=location,
                                    fmt=fmt, topic=topic, approach=approach,
                                    timezone=timezone, country=country)
            except SourceError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(1)
            session.commit()
            click.echo(f"Added source {source.name} ({source.format}): {source.location}")

    @sources_group.command("list")
    def list_command() -> None:
        """Each source, its settings and its last sync."""
        with Session(get_engine(app)) as session:
            sources = list_sources(session)
            if not sources:
                click.echo("No sources. Add one with: flask --app directory sources add …")
            for source in sources:
                report = latest_report(session, source)
                last = (f"last sync {report.started_at:%Y-%m-%d %H:%M} UTC: "
                        f"{report_line(source, report)}") if report else "never synced"
                click.echo(f"{source.name}\t{source.format}\t{source.location}\t{last}")

    @sources_group.command("sync")
    @click.argument("name", required=False)
    @click.option("--force", is_flag=True, help="Re-read the feed even if it has not changed.")
    def sync_command(name: str | None, force: bool) -> None:
        """Sync one source, or every source (safe to run from cron: a source already
        syncing is left alone). Exits 1 when a sync failed."""
        failed = False
        with Session(write_engine(get_engine(app))) as session:
            if name:
                source = get_source(session, name)
                if source is None:
                    click.echo(f"error: no source named '{name}'", err=True)
                    sys.exit(1)
                sources = [source]
            else:
                sources = list_sources(session)
            for source in sources:
                label = source.name
                try:
                    report = sync_source(session, source, now=utcnow(),
                                         geocoder=get_services(app).geocoder, force=force)
                except SourceBusy as exc:
                    click.echo(f"{exc}; skipped", err=True)
                    continue
                source = session.get(DataSource, report.source_id)
                click.echo(report_line(source, report) if source else label)
                for entry in report.skipped_entries[:20]:
                    field = f", field '{entry['field']}'" if entry.get("field") else ""
                    where = f"entry {entry['entry']}" if entry.get("entry") else "feed"
                    click.echo(f"  skipped {where}{field}: {entry['message']}", err=True)
                if report.outcome == "failed":
                    failed = True
        if failed:
            sys.exit(1)

    @sources_group.command("remove")
    @click.argument("name")
    def remove_command(name: str) -> None:
        """Remove a source; its listings are withdrawn from search (kept, never deleted)."""
        with Session(write_engine(get_engine(app))) as session:
            source = get_source(session, name)
            if source is None:
                click.echo(f"error: no source named '{name}'", err=True)
                sys.exit(1)
            count = remove_source(session, source, now=utcnow())
            click.echo(f"Removed source {name}; {count} listing(s) withdrawn (kept, paused).")
