"""seed, import, export: listings in and out, through the one import orchestration."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from sqlmodel import Session

from directory.appservices import get_services
from directory.db import get_engine, upgrade_database, write_engine
from directory.exports import export_listings_csv
from directory.feeds import hsds, meeting_guide
from directory.formats import tsml_table
from directory.imports import import_file
from directory.listings.queries import count_groups
from directory.models import DataSource, utcnow
from directory.planner import analyze_after_bulk_write
from directory.sources.samples import seed_sample_sources
from directory.sources.sync import report_line

SEED_FILE = Path(__file__).resolve().parents[2] / "seed_data" / "directory.csv"


def read_text(path: Path) -> str:
    """A file as UTF-8 text, or exit 1 saying why not."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        click.echo(f"error: {path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})",
                   err=True)
        click.echo("Nothing was imported.", err=True)
        sys.exit(1)


def run_import(app: Flask, path: Path, text: str, *, skip_invalid: bool = False,
               **feed_options: str | None) -> None:
    """Import one file (all or nothing, unless `skip_invalid`) and say what happened; exit
    1 on any error."""
    with Session(write_engine(get_engine(app))) as session:
        report = import_file(
            session, text, filename=path.name, actor="cli import", now=utcnow(),
            geocoder=get_services(app).geocoder, skip_invalid=skip_invalid, **feed_options,
        )
        for skipped in report.skipped[:50]:
            click.echo(f"skipped: {skipped}", err=True)
        if len(report.skipped) > 50:
            click.echo(f"... and {len(report.skipped) - 50} more skipped entries", err=True)
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        if not report.ok:
            session.rollback()
            for error in report.errors[:50]:
                click.echo(f"error: {error}", err=True)
            if len(report.errors) > 50:
                click.echo(f"... and {len(report.errors) - 50} more errors", err=True)
            click.echo("Nothing was imported.", err=True)
            sys.exit(1)
        session.commit()
        analyze_after_bulk_write(session.get_bind(), len(report.created) + len(report.updated))
        for removed in report.removed_meetings:
            click.echo(f"removed meeting: {removed}", err=True)
        click.echo(f"{path.name}: {report.summary()}")


def register(app: Flask) -> None:
    @app.cli.command("seed")
    @click.option("--if-empty", is_flag=True, help="Only seed a database with no groups.")
    def seed_command(if_empty: bool) -> None:
        """Load the sample directory from seed_data/ (an idempotent upsert)."""
        upgrade_database(get_engine())
        if if_empty:
            with Session(get_engine()) as session:
                if count_groups(session) > 0:
                    click.echo("Database already has groups; not seeding.")
                    return
        run_import(app, SEED_FILE, read_text(SEED_FILE))
        with Session(write_engine(get_engine())) as session:
            for name, report in seed_sample_sources(session, now=utcnow(),
                                                    geocoder=get_services(app).geocoder):
                if report is None:
                    click.echo(f"{name}: already syncing; skipped", err=True)
                    continue
                source = session.get(DataSource, report.source_id)
                click.echo(report_line(source, report) if source else name)

    @app.cli.command("import")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--topic", help="Meeting Guide (.json) only: topic code(s), ';'-separated.")
    @click.option("--approach", help="Meeting Guide (.json) only: approach code.")
    @click.option("--cost", help="Meeting Guide (.json) only: free (default) or donation.")
    @click.option("--timezone", help="Meeting Guide (.json) only: the feed's default zone.")
    @click.option("--skip-invalid", is_flag=True,
                  help="Meeting Guide (.json) only: skip invalid entries (each reported) "
                       "and import the rest.")
    def import_command(
        file: Path, topic: str | None, approach: str | None, cost: str | None,
        timezone: str | None, skip_invalid: bool,
    ) -> None:
        """Import listings from CSV, a Meeting Guide feed (.json) or a TSML sheet (CSV in
        the 12 Step Meeting List layout); an upsert by slug."""
        text = read_text(file)
        if file.suffix.lower() == ".json" or tsml_table.looks_like_table(text):
            run_import(app, file, text, topic=topic, approach=approach, cost=cost,
                       timezone=timezone, skip_invalid=skip_invalid)
        elif timezone or skip_invalid:
            click.echo("error: --timezone and --skip-invalid are for Meeting Guide (.json) "
                       "feeds; a CSV file is imported all or nothing.", err=True)
            sys.exit(2)
        elif topic or approach or cost:
            click.echo("error: --topic, --approach and --cost are for Meeting Guide (.json) "
                       "files; a CSV file carries them in its columns.", err=True)
            sys.exit(2)
        else:
            run_import(app, file, text)

    @app.cli.command("export")
    @click.option("--format", "fmt", type=click.Choice(["csv", "meeting-guide", "hsds"]),
                  default="csv", show_default=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
    def export_command(fmt: str, output: Path | None) -> None:
        """Export the directory (stdout by default)."""
        base_url = app.config["BASE_URL"]
        with Session(get_engine()) as session:
            if fmt == "meeting-guide":
                feed = meeting_guide.meeting_guide_feed(
                    session, base_url=base_url, today=utcnow().date()
                )
                text = json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
            elif fmt == "hsds":
                document = hsds.hsds_export(session, base_url=base_url)
                text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            else:
                text = export_listings_csv(session)
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            click.echo(f"Wrote {output}", err=True)
