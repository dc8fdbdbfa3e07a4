"""On an SQLite file a submission takes the write lock late: the duplicate check reads in a
deferred transaction of its own before BEGIN IMMEDIATE, so concurrent submitters queue only
for the write itself. And each transaction still gets the busy timeout of its kind (set
only when it changes)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlmodel import Session, select

from directory import create_app
from directory.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    SQLITE_READ_BUSY_TIMEOUT_MS,
    get_engine,
    write_engine,
)
from directory.models import Group, Location
from tests.directory.conftest import reset_schema


@pytest.fixture
def app(tmp_path):  # this module's app: an SQLite file, where BEGIN IMMEDIATE applies
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/lock.db",
                      "SECRET_KEY": "test", "MAIL_OUTBOX": str(tmp_path / "outbox")})
    reset_schema(get_engine(app))
    yield app
    get_engine(app).dispose()


def test_the_duplicate_check_reads_before_the_write_lock_is_taken(
        app, client, make_group, csrf_token, listing_form, session):
    make_group(slug="lakeside-circle", name="Lakeside Family Circle",
               organization="Lakeside Community Services",
               location=Location(name="Lakeside Library", address="400 Shore Rd",
                                 city="Madison", region="WI", postal_code="53703",
                                 country="US", latitude=43.07, longitude=-89.38))
    token = csrf_token()
    statements: list[tuple[int, str]] = []  # (connection, statement)

    def record(conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append((id(conn.connection.dbapi_connection),
                           " ".join(statement.split()).lower()))

    engine = get_engine(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.post("/submit", data=listing_form(token, action="submit_anyway"))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 302
    begin = next(i for i, (_, s) in enumerate(statements) if s == "begin immediate")
    duplicate_reads = [i for i, (_, s) in enumerate(statements)
                       if s.startswith("select") and "from support_group" in s]
    assert duplicate_reads and duplicate_reads[0] < begin  # scored before the lock
    stored = session.exec(select(Group).where(Group.status == "pending")).all()
    assert [g.name for g in stored] == ["Lakeside Family Circle"]


def test_each_transaction_keeps_the_busy_timeout_of_its_kind(app):
    engine = get_engine(app)
    for _ in range(2):  # the same pooled connection, read → write → read
        with Session(engine) as reads:
            assert reads.exec(text("PRAGMA busy_timeout")).scalar() == \
                SQLITE_READ_BUSY_TIMEOUT_MS
        with Session(write_engine(engine)) as writes:
            assert writes.exec(text("PRAGMA busy_timeout")).scalar() == \
                SQLITE_BUSY_TIMEOUT_MS
