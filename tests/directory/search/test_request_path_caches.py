"""The search request's per-process shortcuts keep what a seeker sees exact: the result
page's group rows are kept only for one catalog version, the catalog version is read at most
every CATALOG_CHECK_INTERVAL seconds (at once after this process's own change), and the
request's language is worked out once per request."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlmodel import select

import directory.search.index_cache as index_cache_module
from directory import create_app
from directory.appservices import get_services
from directory.config import load_config
from directory.db import get_engine
from directory.models import Group, Organization
from tests.directory.conftest import reset_schema


class Statements:
    """The SQL statements an engine runs while counting."""

    def __init__(self, engine) -> None:  # noqa: ANN001
        self.seen: list[str] = []
        event.listen(engine, "before_cursor_execute", self._record)
        self._engine = engine

    def _record(self, _conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        self.seen.append(" ".join(statement.split()).lower())

    def reading(self, table: str) -> list[str]:
        return [s for s in self.seen if s.startswith("select") and f"from {table}" in s]

    def clear(self) -> None:
        self.seen.clear()

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._record)


@pytest.fixture
def statements(app):
    recorder = Statements(get_engine(app))
    yield recorder
    recorder.close()


SEARCH = "/groups?near=Portland%2C+OR"


def test_result_rows_are_kept_between_searches_until_the_catalog_moves(
        app, client, session, make_group, statements):
    group = make_group(slug="harbor-circle", name="Harbor Circle")
    assert "Harbor Circle" in client.get(SEARCH).get_data(as_text=True)
    rows = get_services(app).rows
    assert len(rows) == 1
    statements.clear()
    page = client.get(SEARCH).get_data(as_text=True)
    assert "Harbor Circle" in page and 'href="/groups/harbor-circle"' in page
    assert statements.reading("support_group") == []  # the group came from the kept rows
    assert rows.hits >= 1

    # A change to a public listing moves the catalog version: the next page reads it again.
    group.name = "Harbor Circle, renamed"
    session.add(group)
    session.commit()
    statements.clear()
    page = client.get(SEARCH).get_data(as_text=True)
    assert "Harbor Circle, renamed" in page
    assert statements.reading("support_group")


def test_kept_rows_serve_every_page_that_shows_results(app, client, session, make_group):
    make_group(slug="online-circle", name="Online Circle", format="online", location=None,
               meeting={"online_url": "https://meet.example.org/circle"})
    for _ in range(2):  # read, then kept: both answers are whole
        body = client.get("/api/v1/groups?q=circle").get_json()
        assert [r["group"]["slug"] for r in body["results"]] == ["online-circle"]
        assert body["results"][0]["group"]["meetings"][0]["online"]["url"] == \
            "https://meet.example.org/circle"
        assert "Online Circle" in client.get("/handout?q=circle").get_data(as_text=True)
        assert "Online Circle" in client.get("/embed?q=circle").get_data(as_text=True)
        page = client.get("/groups?q=circle").get_data(as_text=True)
        assert 'href="https://meet.example.org/circle"' in page  # the card's join button


def test_renaming_an_organization_is_seen_by_the_next_search(client, session, make_group):
    make_group(slug="org-circle", organization="Harbor Lane Services")
    first = client.get("/api/v1/groups?near=Portland%2C+OR").get_json()["results"][0]
    assert first["group"]["organization"]["name"] == "Harbor Lane Services"
    org = session.exec(select(Organization).where(
        Organization.name == "Harbor Lane Services")).one()
    org.name = "Harbor Lane Community Network"
    session.add(org)
    session.commit()
    again = client.get("/api/v1/groups?near=Portland%2C+OR").get_json()["results"][0]
    assert again["group"]["organization"]["name"] == "Harbor Lane Community Network"


def test_a_paused_group_leaves_the_results_at_once(client, session, make_group):
    make_group(slug="stays", name="Stays Circle")
    leaving = make_group(slug="leaves", name="Leaves Circle")
    assert "Leaves Circle" in client.get(SEARCH).get_data(as_text=True)
    leaving.status = "paused"
    session.add(leaving)
    session.commit()
    page = client.get(SEARCH).get_data(as_text=True)
    assert "Stays Circle" in page and "Leaves Circle" not in page


@pytest.fixture
def slow_check_app(database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test",
                      "MAIL_OUTBOX": str(tmp_path / "outbox"),
                      "CATALOG_CHECK_INTERVAL": 30.0})
    reset_schema(get_engine(app))
    yield app
    get_engine(app).dispose()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_catalog_version_is_read_at_most_every_interval(slow_check_app, monkeypatch):
    from sqlmodel import Session

    from directory.models import Location, Meeting
    from tests_support import FIXED_NOW

    app = slow_check_app
    clock = Clock()
    monkeypatch.setattr(index_cache_module.time, "monotonic", clock)
    client = app.test_client()
    engine = get_engine(app)
    recorder = Statements(engine)

    def add_group(slug: str, name: str) -> None:
        from datetime import time as clock_time

        with Session(engine, expire_on_commit=False) as session:
            group = Group(slug=slug, name=name, description="A peer-led circle.",
                          topics=["grief"], format="in-person", cost="free",
                          languages=["en"], audience=["everyone"], status="active",
                          last_verified_at=FIXED_NOW)
            group.meetings.append(Meeting(
                weekday=2, start_time=clock_time(18, 0), timezone="America/Los_Angeles",
                location=Location(name="Alder Hall", city="Portland", region="OR",
                                  country="US", latitude=45.52, longitude=-122.65)))
            session.add(group)
            session.commit()

    try:
        add_group("first-circle", "First Circle")
        assert "First Circle" in client.get(SEARCH).get_data(as_text=True)
        # Another process (another worker or host) adds a listing: this process's count of
        # its own changes does not move.
        real_local_changes = index_cache_module.local_changes
        frozen = real_local_changes()
        monkeypatch.setattr(index_cache_module, "local_changes", lambda: frozen)
        add_group("second-circle", "Second Circle")
        recorder.clear()
        clock.now += 29
        page = client.get(SEARCH).get_data(as_text=True)
        assert "First Circle" in page and "Second Circle" not in page  # within the interval
        assert recorder.reading("catalog_version") == []
        clock.now += 2  # past it: read once, and the new listing shows
        page = client.get(SEARCH).get_data(as_text=True)
        assert "Second Circle" in page
        assert len(recorder.reading("catalog_version")) == 1
        # A change this process commits itself is seen by its next search at once.
        monkeypatch.setattr(index_cache_module, "local_changes", real_local_changes)
        client.get(SEARCH)  # (the real count differs from the frozen one: checked again)
        recorder.clear()
        add_group("third-circle", "Third Circle")
        assert "Third Circle" in client.get(SEARCH).get_data(as_text=True)
        assert len(recorder.reading("catalog_version")) == 1
    finally:
        recorder.close()


PRODUCTION = {"SECRET_KEY": "k3Jq9-vT2xLw8ZpR4nYc6HbF1sGd7MaE0uWoQ5iK"}


def test_tests_check_on_every_search_and_production_every_second(tmp_path, monkeypatch):
    monkeypatch.delenv("CATALOG_CHECK_INTERVAL", raising=False)
    assert load_config(str(tmp_path), {"TESTING": True})["CATALOG_CHECK_INTERVAL"] == 0
    assert load_config(str(tmp_path), PRODUCTION)["CATALOG_CHECK_INTERVAL"] == 1
    monkeypatch.setenv("CATALOG_CHECK_INTERVAL", "2.5")
    assert load_config(str(tmp_path), PRODUCTION)["CATALOG_CHECK_INTERVAL"] == 2.5


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_bad_catalog_check_interval_stops_the_app_with_a_message(tmp_path, monkeypatch,
                                                                   value):
    monkeypatch.setenv("CATALOG_CHECK_INTERVAL", value)
    with pytest.raises(RuntimeError, match="CATALOG_CHECK_INTERVAL must be a number"):
        load_config(str(tmp_path), PRODUCTION)


def test_the_language_is_worked_out_once_per_request(app, client, make_group):
    make_group(slug="es-circle", name="Círculo de los martes")
    babel = app.extensions["babel"]
    real = babel.locale_selector
    calls: list[str] = []

    def counting():  # noqa: ANN202
        calls.append("x")
        return real()

    babel.locale_selector = counting
    try:
        page = client.get(SEARCH + "&hl=es").get_data(as_text=True)
        assert '<html lang="es"' in page
        assert len(calls) == 1
        calls.clear()
        client.set_cookie("hl", "fr")
        page = client.get(SEARCH).get_data(as_text=True)
        assert '<html lang="fr"' in page
        assert len(calls) == 1
    finally:
        babel.locale_selector = real


@pytest.mark.parametrize("hl", [None, "es"])
def test_group_links_are_what_url_for_builds(app, hl):
    from flask import url_for

    from directory.templating import link_for

    query = f"/groups?hl={hl}" if hl else "/groups"
    with app.test_request_context(query):
        for slug in ("tuesday-circle", "circle-2", "Odd Slug/with space", "ñandú"):
            assert link_for("seekers.show_group", "slug", slug) == \
                url_for("seekers.show_group", slug=slug)
            assert link_for("referrers.show_handout", "group", slug) == \
                url_for("referrers.show_handout", group=slug)
        if hl:
            assert link_for("seekers.show_group", "slug", "a-b").endswith("?hl=es")


def test_template_gettext_escapes_its_values_and_speaks_the_language(app):
    from flask import render_template_string

    with app.test_request_context("/groups?hl=es"):
        out = render_template_string(
            "{{ _('Search') }}|{{ _('We read “%(words)s” as %(label)s', words='<b>', "
            "label='x') }}|{{ ngettext('%(num)s group', '%(num)s groups', 3) }}")
    searched, read, groups = out.split("|")
    assert searched == "Buscar"
    assert "&lt;b&gt;" in read and "<b>" not in read
    assert groups == "3 grupos"


def test_a_groups_page_is_kept_until_the_catalog_moves(client, session, make_group,
                                                        statements):
    group = make_group(slug="page-circle", name="Page Circle")
    assert "Page Circle" in client.get("/groups/page-circle").get_data(as_text=True)
    statements.clear()
    page = client.get("/groups/page-circle")
    assert page.status_code == 200 and "Page Circle" in page.get_data(as_text=True)
    assert statements.reading("support_group") == []
    group.status = "paused"
    session.add(group)
    session.commit()
    assert client.get("/groups/page-circle").status_code == 404
    assert client.get("/groups/no-such-circle").status_code == 404


def test_during_an_outage_rows_kept_from_the_database_are_served_and_snapshot_rows_not_kept(
        app, session, make_group):
    from sqlmodel import Session

    from directory.search.group_rows import GroupRows
    from directory.search.snapshot import SNAPSHOT_SESSION

    kept = make_group(slug="harbor-circle", name="Harbor Circle")
    other = make_group(slug="ridge-circle", name="Ridge Circle")
    rows = GroupRows()
    assert set(rows.groups(session, [kept.id], version=7)) == {kept.id}
    assert rows.public_group(session, "harbor-circle", version=7).name == "Harbor Circle"

    # The "snapshot": a session flagged as the outage copy (here over the same data, renamed
    # so that where each row came from shows).
    with Session(get_engine(app)) as writer:
        for slug in ("harbor-circle", "ridge-circle"):
            group = writer.exec(select(Group).where(Group.slug == slug)).one()
            group.name = f"{group.name} (snapshot)"
            writer.add(group)
        writer.commit()
    with Session(get_engine(app)) as snapshot:
        snapshot.info[SNAPSHOT_SESSION] = True
        found = rows.groups(snapshot, [kept.id, other.id], version=7)
        assert found[kept.id].name == "Harbor Circle"  # kept from the database
        assert found[other.id].name == "Ridge Circle (snapshot)"
        assert rows.public_group(snapshot, "harbor-circle", version=None).name == \
            "Harbor Circle"
        assert rows.public_group(snapshot, "ridge-circle", version=None).name == \
            "Ridge Circle (snapshot)"
        # Another version than the rows were kept for: nothing kept is served.
        assert rows.groups(snapshot, [kept.id], version=8)[kept.id].name == \
            "Harbor Circle (snapshot)"
    assert len(rows) == 1  # the snapshot's rows were not kept
