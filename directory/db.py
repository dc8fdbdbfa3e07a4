"""Database plumbing: one engine per app, one session per request, migrations, CLI commands."""

from __future__ import annotations

from pathlib import Path

from alembic import command as alembic_command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite with WAL and foreign keys (in memory: one connection)."""
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
        kwargs: dict = {"connect_args": {"check_same_thread": False}}
        if in_memory:
            kwargs["poolclass"] = StaticPool
        else:
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # noqa: ANN001 - DB-API types
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": 3},
    )


def get_engine(app: Flask | None = None) -> Engine:
    """The engine of the current (or given) app."""
    return (app or current_app).extensions["circles_engine"]


def get_session() -> Session:
    """The session of the current request, opened on first use."""
    if "db_session" not in g:
        g.db_session = Session(get_engine(), expire_on_commit=False)
    return g.db_session


def close_session(exc: BaseException | None = None) -> None:
    """End the request's unit of work: roll back anything uncommitted, then close."""
    session = g.pop("db_session", None)
    if session is not None:
        if exc is not None or session.in_transaction():
            session.rollback()
        session.close()


def alembic_config(engine: Engine) -> AlembicConfig:
    """An Alembic configuration bound to `engine`."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_database(engine: Engine) -> None:
    """Apply every migration to the database behind `engine`."""
    alembic_command.upgrade(alembic_config(engine), "head")


def init_app(app: Flask) -> None:
    """Create the app's engine and register the per-request session teardown."""
    app.extensions["circles_engine"] = make_engine(app.config["DATABASE_URL"])
    app.teardown_appcontext(close_session)


def register_commands(app: Flask) -> None:
    """The `flask --app directory …` commands: init-db, seed, import, export."""
    import sys

    import click

    from directory.appservices import get_services
    from directory.exports import export_listings_csv
    from directory.imports import import_file
    from directory.models import utcnow
    from directory.services import hsds, meeting_guide
    from directory.services.listings import count_groups

    def run_import(path: Path, text: str, **feed_options: str | None) -> None:
        with Session(get_engine()) as session:
            report = import_file(
                session, text, filename=path.name, actor="cli import", now=utcnow(),
                geocoder=get_services(app).geocoder, **feed_options,
            )
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
            for removed in report.removed_meetings:
                click.echo(f"removed meeting: {removed}", err=True)
            click.echo(f"{path.name}: {report.summary()}")

    def read_text(path: Path) -> str:
        try:
            return path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            click.echo(f"error: {path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})",
                       err=True)
            click.echo("Nothing was imported.", err=True)
            sys.exit(1)

    @app.cli.command("init-db")
    def init_db_command() -> None:
        """Create or upgrade the database schema (Alembic migrations)."""
        upgrade_database(get_engine())
        click.echo("Database is up to date.")

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
        path = SEED_FILE
        run_import(path, read_text(path))

    @app.cli.command("import")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--topic", help="Meeting Guide (.json) only: topic code(s), ';'-separated.")
    @click.option("--approach", help="Meeting Guide (.json) only: approach code.")
    @click.option("--cost", help="Meeting Guide (.json) only: free (default) or donation.")
    def import_command(
        file: Path, topic: str | None, approach: str | None, cost: str | None
    ) -> None:
        """Import listings from CSV, or a Meeting Guide feed (.json); an upsert by slug."""
        if file.suffix.lower() == ".json":
            run_import(file, read_text(file), topic=topic, approach=approach, cost=cost)
        elif topic or approach or cost:
            click.echo("error: --topic, --approach and --cost are for Meeting Guide (.json) "
                       "files; a CSV file carries them in its columns.", err=True)
            sys.exit(2)
        else:
            run_import(file, read_text(file))

    @app.cli.command("export")
    @click.option("--format", "fmt", type=click.Choice(["csv", "meeting-guide", "hsds"]),
                  default="csv", show_default=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
    def export_command(fmt: str, output: Path | None) -> None:
        """Export the directory (stdout by default)."""
        import json

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

    @app.cli.command("create-admin")
    @click.argument("email")
    @click.option("--role", default="admin", show_default=True)
    @click.password_option(help="Prompted for (twice) when not given.")
    def create_admin_command(email: str, role: str, password: str) -> None:
        """Create a moderator account (or set a new password for one)."""
        from directory.services.admins import AdminError, create_admin

        with Session(get_engine()) as session:
            try:
                create_admin(session, email=email, password=password, role=role, now=utcnow())
            except AdminError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(1)
            session.commit()
        click.echo(f"Moderator {email.strip().lower()} can now log in at /admin.")

    @app.cli.command("send-reminders")
    def send_reminders_command() -> None:
        """E-mail owners whose listings are nearing 180 days unverified (run daily by cron)."""
        from directory.services import mail
        from directory.services.moderation import due_reminders

        settings = mail.mail_settings(app.config)
        with Session(get_engine()) as session:
            reminders = due_reminders(session, now=utcnow())
            session.commit()
            for reminder in reminders:
                link = f"{app.config['BASE_URL']}/listings/edit/{reminder.token}"
                subject, body = mail.reminder_message(
                    group_name=reminder.group.name, link=link, days=reminder.days_unverified
                )
                mail.send_mail(settings, to=reminder.email, subject=subject, body=body,
                               logger=app.logger)
        click.echo(f"Sent {len(reminders)} reminder(s).")


SEED_FILE = Path(__file__).resolve().parent.parent / "seed_data" / "directory.csv"
