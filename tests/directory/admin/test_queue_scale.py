"""The queue for hundreds: filters, paging, sort, bulk decisions (atomic), owner contact."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from sqlmodel import select

from directory.listings.store import listing_json, listing_of
from directory.models import (
    Group,
    ListingOwner,
    ListingRevision,
    Location,
    Report,
    utcnow,
)
from directory.moderation import queue
from tests_support import FIXED_NOW


def pending(session, make_group, *, kind="new", days_ago=0, duplicate=False, owner=None,
            **group):
    status = "pending" if kind == "new" else "active"
    g = make_group(status=status, **group)
    proposed = listing_json(listing_of(g))
    if kind == "edit":
        proposed = dict(proposed, description="An edited description.")
    session.add(ListingRevision(group_id=g.id, kind=kind, proposed=proposed,
                                base=[] if kind == "new" else listing_json(listing_of(g)),
                                duplicate_of=[1] if duplicate else [],
                                submitted_at=utcnow() - timedelta(days=days_ago)))
    if owner:
        session.add(ListingOwner(group_id=g.id, email=owner))
    session.commit()
    return g


def names(client, query: str) -> list[str]:
    html = client.get(f"/admin/?{query}").get_data(as_text=True)
    return re.findall(r'/admin/revisions/\d+">([^<]+)</a>', html)


def test_queue_filters_narrow_by_kind_age_topic_country_organization_flags_and_text(
    client, session, make_group, login_as
):
    a = pending(session, make_group, name="Alder Family Circle", topics=["codependency"],
                days_ago=10, owner="alder@example.org")
    b = pending(session, make_group, name="Birch Gambling Group", topics=["gambling"],
                organization="North Shore Services", duplicate=True,
                location=Location(name="Hall", city="Toronto", region="ON", country="CA",
                                  latitude=43.65, longitude=-79.38))
    c = pending(session, make_group, kind="edit", name="Cedar Circle", topics=["alcohol"])
    session.add(Report(group_id=c.id, kind="other", details="x"))
    session.commit()
    login_as("moderator")

    assert names(client, "") == [a.name, b.name, c.name]  # oldest first
    assert names(client, "sort=newest")[0] in (b.name, c.name)
    assert names(client, "kind=edit") == [c.name]
    assert names(client, "kind=new") == [a.name, b.name]
    assert names(client, "age=7") == [a.name]
    assert names(client, "topic=gambling") == [b.name]
    assert names(client, "country=ca") == [b.name]
    assert names(client, "organization=north+shore") == [b.name]
    assert names(client, "duplicate=1") == [b.name]
    assert names(client, "reported=1") == [c.name]
    assert names(client, "q=cedar") == [c.name]
    assert names(client, "q=100%25") == []  # a LIKE wildcard is searched for literally
    page = client.get("/admin/").get_data(as_text=True)
    assert "alder@example.org" in page  # the owner's contact, for the moderator


def test_unknown_filter_values_are_ignored_with_a_notice_never_a_500(client, login_as):
    login_as("moderator")
    response = client.get("/admin/?kind=bogus&age=999&topic=nope&country=USA&page=x")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Ignored an unknown kind" in html and "not a two-letter code" in html


def test_queue_pages_are_read_in_sql_one_page_at_a_time(session, make_group):
    for i in range(5):
        pending(session, make_group, name=f"Paged {i}", days_ago=5 - i)
    filters = queue.QueueFilters(page=2)
    items, total = queue.queue_page(session, filters, now=utcnow(), per_page=2)
    assert total == 5
    assert [item.group.name for item in items] == ["Paged 2", "Paged 3"]


def test_bulk_approve_decides_every_ticked_item(client, session, make_group, login_as,
                                                csrf_token):
    groups = [pending(session, make_group) for _ in range(3)]
    login_as("moderator")
    ids = [str(r.id) for r in session.exec(select(ListingRevision)).all()]
    response = client.post("/admin/bulk", data={
        "csrf_token": csrf_token("/admin/"), "bulk_action": "approve", "revision": ids})
    assert response.status_code == 302
    assert "Approved 3 items." in client.get("/admin/").get_data(as_text=True)
    for g in groups:
        session.refresh(g)
        assert g.status == "active"


def test_bulk_reject_needs_one_reason_and_a_bad_item_changes_nothing(
    client, session, make_group, login_as, csrf_token
):
    pending(session, make_group)
    pending(session, make_group, name="Decided Already")
    revisions = session.exec(select(ListingRevision).order_by(ListingRevision.id)).all()
    login_as("moderator")
    token = csrf_token("/admin/")
    ids = [str(r.id) for r in revisions]
    no_reason = client.post("/admin/bulk", data={"csrf_token": token, "bulk_action": "reject",
                                                 "revision": ids})
    assert no_reason.status_code == 400 and "Give one reason" in no_reason.get_data(
        as_text=True)
    revisions[1].status = "approved"
    session.add(revisions[1])
    session.commit()
    response = client.post("/admin/bulk", data={
        "csrf_token": token, "bulk_action": "reject", "reason": "Not a peer group",
        "revision": ids})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Nothing was changed" in html and "Decided Already" in html
    session.refresh(revisions[0])
    assert revisions[0].status == "pending"
    assert client.post("/admin/bulk", data={"csrf_token": token, "bulk_action": "approve",
                                            "revision": ["1; DROP"]}).status_code == 400


def _many_pending(session, n: int) -> list[int]:
    groups = [Group(slug=f"bulk-{i}", name=f"Bulk Circle {i}", topics=["codependency"],
                    format="online", cost="free", status="pending", created_at=FIXED_NOW)
              for i in range(n)]
    session.add_all(groups)
    session.flush()
    revisions = [ListingRevision(group_id=g.id, kind="new", proposed=[], base=[],
                                 submitted_at=FIXED_NOW) for g in groups]
    session.add_all(revisions)
    session.commit()
    return [r.id for r in revisions]


def test_a_bulk_action_over_a_thousand_items_completes_as_a_whole(session):
    ids = _many_pending(session, 1001)
    started = time.perf_counter()
    decided = queue.bulk_decide(session, revision_ids=ids, approve=False, reason="Spam",
                                moderator="moderator:m@example.org", now=utcnow(),
                                geocoder=None)
    session.commit()
    assert len(decided) == 1001
    assert time.perf_counter() - started < 120
    assert session.exec(select(Group).where(Group.status == "pending")).first() is None


def test_a_bulk_action_over_a_thousand_items_fails_as_a_whole(session):
    ids = _many_pending(session, 1000)
    last = session.get(ListingRevision, ids[-1])
    last.status = "superseded"
    session.add(last)
    session.commit()
    try:
        queue.bulk_decide(session, revision_ids=ids, approve=False, reason="Spam",
                          moderator="moderator:m@example.org", now=utcnow(), geocoder=None)
    except queue.BulkError as exc:
        assert "Nothing was changed" in str(exc)
    else:
        raise AssertionError("the bulk action should have failed")
    session.rollback()
    assert len(session.exec(select(ListingRevision).where(
        ListingRevision.status == "pending")).all()) == 999
    assert len(session.exec(select(Group).where(Group.status == "rejected")).all()) == 0
