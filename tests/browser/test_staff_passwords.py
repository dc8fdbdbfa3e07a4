"""Staff passwords and editors' new listings in a real browser, every page scanned with
axe-core: an admin adds a moderator by address, the moderator chooses a password through
the mailed link, changes it, asks for a reset; an organization editor adds a listing."""

from __future__ import annotations

import re
import threading
from email import message_from_bytes, policy

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlmodel import Session, select
from werkzeug.serving import make_server

from directory import create_app
from directory.db import get_engine, upgrade_database
from directory.imports import import_listing_csv
from directory.models import Organization, utcnow
from directory.moderation import editors
from directory.moderation.admins import create_admin
from tests_support import ADMIN_EMAIL, ADMIN_PASSWORD, AXE_OPTIONS

LISTING = (
    "group_slug,group_name,organization,topics,format,cost,weekday,start_time,end_time,"
    "timezone,address,city,region,postal_code,country\n"
    "riverside-tuesday,Riverside Tuesday Group,Riverside Intergroup,alcohol,in-person,free,"
    "tue,19:00,20:00,America/Chicago,400 Shore Rd,Madison,WI,53703,US\n"
)
NEW_PASSWORD = "the new moderator's passphrase"
EDITOR_PASSWORD = "a long editor passphrase"


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("staff")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'c.db'}",
                      "SECRET_KEY": "browser-tests", "MAIL_OUTBOX": str(folder / "outbox")})
    engine = get_engine(app)
    upgrade_database(engine)
    with Session(engine) as session:
        report = import_listing_csv(session, LISTING, filename="org.csv", now=utcnow())
        assert report.ok, report.errors[:3]
        create_admin(session, email=ADMIN_EMAIL, password=ADMIN_PASSWORD, role="admin",
                     now=utcnow())
        org = session.exec(select(Organization)).one()
        invitation = editors.invite_editor(session, organization=org,
                                           email="secretary@example.org", actor="moderator:m",
                                           now=utcnow())
        editors.accept_invitation(session, token=invitation.token, password=EDITOR_PASSWORD,
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


def _link_path(outbox, to: str) -> str:
    for path in sorted(outbox.glob("*.eml"), reverse=True):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if message["To"] != to:
            continue
        body = message.get_body(preferencelist=("plain",)).get_content()
        match = re.search(r"http://\S+?(/admin/set-password/\S+)", body)
        if match:
            return match.group(1)
    raise AssertionError(f"no set-password link to {to} in the outbox")


def _page(browser, base):
    page = browser.new_context(base_url=base, locale="en-US").new_page()
    page.set_default_timeout(10_000)
    return page


def test_a_new_moderator_chooses_changes_and_resets_their_password_accessibly(
        browser, staff_server):
    base, outbox = staff_server
    admin = _page(browser, base)
    admin.goto("/admin/login")
    admin.get_by_label("E-mail").fill(ADMIN_EMAIL)
    admin.get_by_label("Password").fill(ADMIN_PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.wait_for_url(re.compile(r"/admin/?$"))
    admin.goto("/admin/accounts")
    admin.get_by_role("button", name="Send the link").click()  # no address: an error
    assert admin.get_by_text("That is not an e-mail address.").first.is_visible()
    assert_accessible(admin)
    admin.fill("form [name=email]", "newmod@example.org")
    admin.get_by_role("button", name="Send the link").click()
    assert "was sent a link" in admin.get_by_role("status").inner_text()
    assert_accessible(admin)

    moderator = _page(browser, base)
    link = _link_path(outbox, "newmod@example.org")
    moderator.goto(link)
    assert_accessible(moderator)
    moderator.fill("form [name=password]", NEW_PASSWORD)
    moderator.fill("form [name=password_again]", "not the same")
    moderator.get_by_role("button", name="Save my password").click()
    assert moderator.get_by_text("The two passwords are not the same.").first.is_visible()
    assert_accessible(moderator)
    moderator.fill("form [name=password]", NEW_PASSWORD)
    moderator.fill("form [name=password_again]", NEW_PASSWORD)
    moderator.get_by_role("button", name="Save my password").click()
    moderator.wait_for_url(re.compile(r"/admin/settings$"))
    moderator.get_by_role("link", name="Change your password").click()
    assert_accessible(moderator)
    moderator.fill("form [name=current_password]", "a wrong guess here")
    moderator.fill("form [name=new_password]", "another passphrase now")
    moderator.fill("form [name=new_password_again]", "another passphrase now")
    moderator.get_by_role("button", name="Change password").click()
    assert moderator.get_by_text("That is not your current password.").first.is_visible()
    assert_accessible(moderator)
    moderator.goto(link)  # used: a clear page
    assert "already been used" in moderator.content()
    assert_accessible(moderator)

    stranger = _page(browser, base)
    stranger.goto("/admin/login")
    stranger.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(stranger)
    stranger.fill("form [name=email]", "newmod@example.org")
    stranger.get_by_role("button", name="Send me a link").click()
    assert "If newmod@example.org belongs" in stranger.get_by_role("status").inner_text()
    assert_accessible(stranger)


def test_an_editor_adds_a_listing_to_their_organization_accessibly(browser, staff_server):
    base, _ = staff_server
    editor = _page(browser, base)
    editor.goto("/organization/login")
    editor.get_by_label("E-mail").fill("secretary@example.org")
    editor.get_by_label("Password").fill(EDITOR_PASSWORD)
    editor.get_by_role("button", name="Log in").click()
    editor.wait_for_url(re.compile(r"/organization/$"))
    editor.get_by_role("link", name="Add a listing").click()
    assert editor.input_value("form [name=organization]") == "Riverside Intergroup"
    assert_accessible(editor)
    editor.get_by_role("button", name="Add the listing").last.click()  # empty: errors
    assert editor.locator(".error-summary").is_visible()
    assert_accessible(editor)
