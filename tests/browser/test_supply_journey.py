"""The supply side in a real browser: submit → moderator approves → found in search →
owner edits through the private link → moderator approves → the change is live.
Every form page is scanned with axe-core."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe

from tests_support import ADMIN_EMAIL, ADMIN_PASSWORD, AXE_OPTIONS


def assert_accessible(page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def log_in(page) -> None:
    page.goto("/admin/login")
    assert_accessible(page)
    page.get_by_label("E-mail").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/?$"))


def approve_first_pending(page, name: str) -> None:
    page.goto("/admin/")
    page.get_by_role("link", name=re.compile(name)).first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url(re.compile(r"/admin/"))


def test_submit_moderate_find_edit_moderate_live(browser, live_server, shoot):
    owner = browser.new_context(base_url=live_server)
    owner.set_default_timeout(10_000)
    page = owner.new_page()
    page.goto("/submit")
    assert_accessible(page)
    shoot("submit", "/submit")
    # A first try with a mistake: the error is shown next to the field, nothing is lost.
    page.fill("form [name=group_name]", "Harbour Light Family Circle")
    page.fill("form [name=description]", "A peer-led circle for families of people who drink.")
    page.get_by_role("group", name=re.compile("Topics")).get_by_label(
        re.compile("Family & friends")).check()
    page.select_option("form [name=format]", "in-person")
    page.select_option("form [name=cost]", "free")
    page.fill("form [name=owner_email]", "host@example.org")
    page.select_option("form [name='m-0-weekday']", "wed")
    page.fill("form [name='m-0-start_time']", "25:00")
    page.fill("form [name='m-0-timezone']", "America/Los_Angeles")
    page.fill("form [name='m-0-address']", "12 Harbour St")
    page.fill("form [name='m-0-city']", "Portland")
    page.fill("form [name='m-0-region']", "OR")
    page.fill("form [name='m-0-postal_code']", "97214")
    page.fill("form [name='m-0-country']", "US")
    page.get_by_role("button", name="Send for review").last.click()
    assert page.locator("form [name=group_name]").input_value() == "Harbour Light Family Circle"
    assert page.locator("form [name='m-0-postal_code']").input_value() == "97214"
    assert_accessible(page)
    page.fill("form [name='m-0-start_time']", "19:00")
    page.get_by_role("button", name="Send for review").last.click()
    if page.get_by_role("button", name=re.compile("send it anyway")).count():
        page.get_by_role("button", name=re.compile("send it anyway")).click()
    page.wait_for_url(re.compile(r"/submit/done"))
    edit_link = re.search(r"/listings/edit/[A-Za-z0-9_\-]+", page.content()).group(0)
    assert_accessible(page)

    moderator = browser.new_context(base_url=live_server)
    moderator.set_default_timeout(10_000)
    admin = moderator.new_page()
    log_in(admin)
    approve_first_pending(admin, "Harbour Light Family Circle")

    seeker = browser.new_context(base_url=live_server).new_page()
    seeker.goto("/groups?q=Harbour+Light+Family+Circle&near=97214")
    first = seeker.locator(".results .group-card h2 a").first
    assert first.inner_text() == "Harbour Light Family Circle"
    first.click()
    assert "7:00 pm" in seeker.locator(".meetings").inner_text()
    group_url = seeker.url

    page.goto(edit_link)
    assert_accessible(page)
    page.fill("form [name='m-0-start_time']", "18:30")
    page.get_by_role("button", name=re.compile("Send|Save")).last.click()
    seeker.goto(group_url)
    assert "7:00 pm" in seeker.locator(".meetings").inner_text()  # not live until approved

    approve_first_pending(admin, "Harbour Light Family Circle")
    seeker.goto(group_url)
    assert "6:30 pm" in seeker.locator(".meetings").inner_text()

    seeker.goto(group_url + "/report")
    assert_accessible(seeker)
    moderator.close()
    owner.close()
