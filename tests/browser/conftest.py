"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright
against a live server holding the sample directory. Under CI a missing Chromium fails."""

from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import Session
from werkzeug.serving import make_server

from directory import create_app
from directory.cli.listings import SEED_FILE
from directory.db import get_engine, upgrade_database
from directory.imports import import_listing_csv
from directory.models import utcnow
from tests_support import ADMIN_EMAIL, ADMIN_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# Every axe-scanned page is scanned in both colour schemes (prefers-color-scheme emulated).
SCHEMES = ["light", "dark"]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _require_chromium() -> str:
    path = shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if path is None:
        message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must install it (.ci/run does)", pytrace=False)
        pytest.skip(message)
    return path


@contextmanager
def serve_sample_directory(folder: Path, config: dict | None = None):
    """The app on a free port over a file SQLite database loaded with the sample directory;
    yields its base URL. `config` adds settings (e.g. MAP_TILES_URL)."""
    db_path = folder / "circles.db"
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "SECRET_KEY": "browser-tests",
        "MAIL_OUTBOX": str(db_path.parent / "outbox"),
        **(config or {}),
    })
    engine = get_engine(app)
    upgrade_database(engine)
    with Session(engine) as session:
        report = import_listing_csv(
            session, SEED_FILE.read_text(encoding="utf-8"), filename=SEED_FILE.name,
            now=utcnow(),
        )
        assert report.ok, report.errors[:3]
        from directory.moderation.admins import create_admin

        create_admin(session, email=ADMIN_EMAIL, password=ADMIN_PASSWORD, role="admin",
                     now=utcnow())
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app on a free port over a file SQLite database loaded with the sample directory."""
    with serve_sample_directory(tmp_path_factory.mktemp("live")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport=VIEWPORTS["desktop"], base_url=live_server, locale="en-US",
        timezone_id="America/Los_Angeles",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def shoot(browser, live_server):
    """Save a screenshot of a URL at phone and desktop sizes into screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def shoot(name: str, path: str, color_scheme: str = "light") -> None:
        suffix = "" if color_scheme == "light" else f"-{color_scheme}"
        for label, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, base_url=live_server,
                                          color_scheme=color_scheme)
            page = context.new_page()
            page.goto(path)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}{suffix}.png"),
                            full_page=True)
            context.close()

    return shoot
