"""Fixtures for the Flask side: a fresh database per test (SQLite in memory, or the
PostgreSQL named by TEST_DATABASE_URL), the app, a client and a group factory."""

from __future__ import annotations

import itertools
import os
import secrets
import socket
from datetime import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text
from sqlmodel import Session, SQLModel, select

from directory import create_app
from directory.catalog import bump_catalog_version
from directory.db import get_engine
from directory.models import Group, Location, Meeting, Organization

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
from tests_support import FIXED_NOW  # noqa: E402


def reset_schema(engine) -> None:
    """Drop everything (including Alembic's table) and create the tables afresh."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        else:
            SQLModel.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    SQLModel.metadata.create_all(engine)


@pytest.fixture(autouse=True)
def dispose_engines(monkeypatch):
    """Every engine an app made during the test is disposed at its end, so no pooled
    PostgreSQL connection outlives its test (to be garbage-collected during another)."""
    import directory.db as db

    made = []
    real = db.make_engine

    def tracking(*args, **kwargs):
        engine = real(*args, **kwargs)
        made.append(engine)
        return engine

    monkeypatch.setattr(db, "make_engine", tracking)
    yield
    for engine in made:
        engine.dispose()


@pytest.fixture
def database_url() -> str:
    return TEST_DATABASE_URL or "sqlite://"


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test",
                      "MAIL_OUTBOX": str(tmp_path / "outbox")})
    engine = get_engine(app)
    reset_schema(engine)
    yield app
    engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session(app):
    with Session(get_engine(app), expire_on_commit=False) as session:
        yield session


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


_slugs = itertools.count(1)


@pytest.fixture
def make_group(session):
    """Create and commit a group with one meeting; keyword overrides change any field."""

    def make(**overrides) -> Group:
        n = next(_slugs)
        org_name = overrides.pop("organization", "Harbor Lane Community Services")
        meeting_overrides = overrides.pop("meeting", {})
        location = overrides.pop(
            "location",
            Location(
                name="Harbor Lane Hall", address="120 Alder St", city="Portland",
                region="OR", postal_code="97214", country="US", latitude=45.5152,
                longitude=-122.6535,
            ),
        )
        org = (
            session.exec(select(Organization).where(Organization.name == org_name)).first()
            if org_name else None
        )
        if org_name and org is None:
            org = Organization(name=org_name)
        fields = {
            "slug": f"test-group-{n}",
            "name": f"Tuesday Evening Circle {n}",
            "description": "A peer-led circle for people affected by a loved one's drinking.",
            "topics": ["codependency"],
            "format": "in-person",
            "cost": "free",
            "languages": ["en"],
            "audience": ["everyone"],
            "status": "active",
            "last_verified_at": FIXED_NOW,
            "organization": org,
        }
        fields.update(overrides)
        group = Group(**fields)
        meeting = {
            "weekday": 1, "start_time": time(19, 0), "end_time": time(20, 30),
            "timezone": "America/Los_Angeles", "location": location,
        }
        meeting.update(meeting_overrides)
        group.meetings.append(Meeting(**meeting))
        session.add(group)
        bump_catalog_version(session, now=FIXED_NOW)
        session.commit()
        return group

    return make


@pytest.fixture
def login_as(app, client, session):
    """Create a moderator with `role` and log the test client in as them."""

    def login(role: str = "admin", email: str | None = None):
        from directory.moderation.admins import create_admin

        user = create_admin(
            session, email=email or f"{role}@example.org", password="correct horse battery",
            role=role, now=FIXED_NOW,
        )
        session.commit()
        from directory.admin import sessions as admin_sessions

        with client.session_transaction() as flask_session:
            flask_session.update(admin_sessions.claims(user))
        return user

    return login


@pytest.fixture
def csrf_token(client):
    """The client's CSRF token, read from a real form (CSRF stays on in every test)."""
    import re

    def token(url: str = "/submit") -> str:
        html = client.get(url).get_data(as_text=True)
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert match, f"no CSRF token on {url}"
        return match.group(1)

    return token


@pytest.fixture
def listing_form():
    """Build a valid /submit form (an in-person weekly group); keyword overrides change it."""

    def build(token: str, **overrides) -> dict:
        form = {
            "csrf_token": token,
            "form_nonce": secrets.token_hex(16),  # a fresh form each time
            "group_name": "Lakeside Family Circle",
            "organization": "Lakeside Community Services",
            "description": "A peer-led circle for families of people who drink.",
            "topics": ["family-and-friends"],
            "format": "in-person",
            "cost": "free",
            "languages": "en",
            "audience": ["everyone"],
            "accepting_new_members": "yes",
            "registration_required": "no",
            "contact_email": "circle@example.org",
            "owner_email": "host@example.org",
            "m-0-weekday": "tue",
            "m-0-start_time": "19:00",
            "m-0-end_time": "20:30",
            "m-0-timezone": "America/Chicago",
            "m-0-recurrence": "weekly",
            "m-0-location_name": "Lakeside Library",
            "m-0-address": "400 Shore Rd",
            "m-0-city": "Madison",
            "m-0-region": "WI",
            "m-0-postal_code": "53703",
            "m-0-country": "US",
            "action": "submit",
        }
        form.update(overrides)
        return form

    return build


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


@pytest.fixture
def smtp(app):
    """A real SMTP server on localhost, and the app configured to use it."""
    inbox = Inbox()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port),
                      MAIL_FROM="Circles <listings@circles.example>")
    yield inbox
    controller.stop()
