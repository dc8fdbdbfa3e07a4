"""/admin/sources in a real browser: the sample sources with their last sync, "sync now",
and no axe-core violations. Its own server, so the shared sample directory stays as it is."""

from __future__ import annotations

import json
import re
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlmodel import Session
from werkzeug.serving import make_server

from directory import create_app
from directory.db import get_engine, upgrade_database
from directory.listings.store import NO_GEOCODER
from directory.models import utcnow
from directory.moderation.admins import create_admin
from directory.sources.registry import add_source
from directory.sources.samples import SAMPLES_DIR, seed_sample_sources
from tests_support import ADMIN_EMAIL, ADMIN_PASSWORD, AXE_OPTIONS


@pytest.fixture(scope="module")
def sources_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'c.db'}",
                      "SECRET_KEY": "browser-tests"})
    engine = get_engine(app)
    upgrade_database(engine)
    feed = json.loads((SAMPLES_DIR / "lakeshore-intergroup.json").read_text())
    feed[2]["conference_url"] = "javascript:alert(1)"
    (folder / "broken.json").write_text(json.dumps(feed))
    with Session(engine) as session:
        seed_sample_sources(session, now=utcnow(), geocoder=NO_GEOCODER)
        add_source(session, now=utcnow(), name="Broken feed", location=str(folder / "broken.json"),
                   fmt="meeting-guide", topic="alcohol")
        create_admin(session, email=ADMIN_EMAIL, password=ADMIN_PASSWORD, role="admin",
                     now=utcnow())
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    engine.dispose()


def test_sources_page_shows_each_sync_and_syncs_now_accessibly(browser, sources_server):
    context = browser.new_context(base_url=sources_server, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/admin/login")
    page.get_by_label("E-mail").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/?$"))
    page.get_by_role("link", name="Sources").click()
    page.wait_for_url(re.compile(r"/admin/sources$"))
    assert page.get_by_role("heading", name="Lakeshore Intergroup (sample)").is_visible()
    assert page.get_by_text("Never synced.").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Sync Broken feed now").click()
    page.wait_for_url(re.compile(r"/admin/sources$"))
    assert page.get_by_role("status").inner_text().startswith("Broken feed: sync ok")
    assert page.get_by_text(re.compile(r"Entry 3, field conference_url")).is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    context.close()
