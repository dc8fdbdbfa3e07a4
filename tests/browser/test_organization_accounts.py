"""Organization accounts in a real browser: an admin's accounts, settings and organization
pages; a moderator's invitation by e-mail; the editor choosing a password, seeing and
editing the organization's listings, inviting a co-editor — every page scanned with
axe-core. Its own server (with an outbox to read the invitation from)."""

from __future__ import annotations

import re
import threading
from email import message_from_bytes, policy

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlmodel import Session
from werkzeug.serving import make_server

from directory import create_app
from directory.db import get_engine, upgrade_database
from directory.imports import import_listing_csv
from directory.models import utcnow
from directory.moderation.admins import create_admin
from tests_support import ADMIN_EMAIL, ADMIN_PASSWORD, AXE_OPTIONS

LISTING = (
    "group_slug,group_name,organization,topics,format,cost,weekday,start_time,end_time,"
    "timezone,address,city,region,postal_code,country\n"
    "riverside-tuesday,Riverside Tuesday Group,Riverside Intergroup,alcohol,in-person,free,"
    "tue,19:00,20:00,America/Chicago,400 Shore Rd,Madison,WI,53703,US\n"
)
EDITOR_PASSWORD = "a long editor passphrase"


@pytest.fixture(scope="module")
def org_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("orgs")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'c.db'}",
                      "SECRET_KEY": "browser-tests", "MAIL_OUTBOX": str(folder / "outbox")})
    engine = get_engine(app)
    upgrade_database(engine)
    with Session(engine) as session:
        report = import_listing_csv(session, LISTING, filename="org.csv", now=utcnow())
        assert report.ok, report.errors[:3]
        create_admin(session, email=ADMIN_EMAIL, password=ADMIN_PASSWORD, role="admin",
                     now=utcnow())
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", folder / "outbox"
    server.shutdown()
    engine.dispose()


def assert_accessible(page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def _invitation_link(outbox) -> str:
    for path in sorted(outbox.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content()
        match = re.search(r"http://\S+?(/organization/invitations/\S+)", body)
        if match:
            return match.group(1)  # the path: BASE_URL is not this test server
    raise AssertionError("no invitation in the outbox")


def test_admin_invites_an_editor_who_edits_the_organizations_listing_accessibly(
        browser, org_server):
    base, outbox = org_server
    admin = browser.new_context(base_url=base, locale="en-US").new_page()
    admin.set_default_timeout(10_000)
    admin.goto("/admin/login")
    admin.get_by_label("E-mail").fill(ADMIN_EMAIL)
    admin.get_by_label("Password").fill(ADMIN_PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.wait_for_url(re.compile(r"/admin/?$"))
    for link in ("Accounts", "Settings", "Organizations"):
        admin.get_by_role("link", name=link, exact=True).click()
        assert_accessible(admin)
    admin.get_by_role("link", name="Riverside Intergroup").click()
    assert_accessible(admin)
    admin.get_by_role("button", name="Send invitation").click()  # empty: an error
    assert admin.get_by_text("Enter an e-mail address").first.is_visible()
    assert_accessible(admin)
    admin.fill("form [name=email]", "secretary@example.org")
    admin.get_by_role("button", name="Send invitation").click()
    assert "invitation was sent" in admin.get_by_role("status").inner_text()
    assert_accessible(admin)

    editor = browser.new_context(base_url=base, locale="en-US").new_page()
    editor.set_default_timeout(10_000)
    editor.goto(_invitation_link(outbox))
    assert_accessible(editor)
    editor.fill("form [name=password]", EDITOR_PASSWORD)
    editor.fill("form [name=password_again]", EDITOR_PASSWORD)
    editor.get_by_role("button", name="Start editing").click()
    editor.wait_for_url(re.compile(r"/organization/$"))
    assert_accessible(editor)
    editor.get_by_role("link", name="Riverside Tuesday Group").click()
    assert_accessible(editor)
    editor.fill("form [name=description]", "Tuesday evenings by the river.")
    editor.get_by_role("button", name="Save changes").last.click()
    editor.wait_for_url(re.compile(r"/organization/$"))
    assert "waiting for a moderator" in editor.get_by_role("status").inner_text()
    editor.get_by_role("link", name="Editors").click()
    assert_accessible(editor)
    editor.get_by_role("link", name="Password").click()
    assert_accessible(editor)
    editor.get_by_role("button", name=re.compile("Log out")).click()
    editor.wait_for_url(re.compile(r"/organization/login$"))
    assert_accessible(editor)
    editor.goto("/organization/invitations/not-a-real-token")
    assert_accessible(editor)
