"""init-db: apply the migrations (the Procfile's release step; safe to repeat)."""

from __future__ import annotations

import click
from flask import Flask

from directory.db import get_engine, upgrade_database


def register(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db_command() -> None:
        """Create or upgrade the database schema (Alembic migrations)."""
        upgrade_database(get_engine())
        click.echo("Database is up to date.")
