"""The `flask --app directory …` commands, one module per concern."""

from __future__ import annotations

from flask import Flask

from directory.cli import database, listings, moderators, sources


def register_commands(app: Flask) -> None:
    """Attach every command to `app`: init-db, seed, import, export, create-admin,
    send-reminders, sources."""
    database.register(app)
    listings.register(app)
    moderators.register(app)
    sources.register(app)
