"""Alembic environment: runs against the engine the app hands over, or DATABASE_URL."""

from __future__ import annotations

import os

from alembic import context
from sqlmodel import SQLModel

import directory.models  # noqa: F401 - registers the tables on SQLModel.metadata
from directory.db import make_engine, no_statement_timeout

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = make_engine(os.environ.get("DATABASE_URL", "sqlite:///instance/circles.db"),
                             statement_timeout=None)
    # A migration may rewrite a big table: no statement timeout for it.
    with engine.connect() as connection, no_statement_timeout(connection):
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
