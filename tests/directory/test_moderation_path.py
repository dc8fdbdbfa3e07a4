"""The whole supply path through the test client (the browser test will walk the same):
submit → moderator approves → found in search → owner edits through the private link →
moderator approves → the change is live."""

from __future__ import annotations

import re

from sqlmodel import select

from directory.models import AuditEntry, ListingRevision


def _revision_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"/admin/revisions/(\d+)", html)]


def test_submit_approve_search_edit_approve_live(
    client, session, csrf_token, listing_form, login_as
):
    # 1. An organization submits a listing.
    sent = client.post("/submit", data=listing_form(csrf_token()))
    assert sent.status_code == 302
    done = client.get("/submit/done").get_data(as_text=True)
    edit_path = re.search(r"(/listings/edit/[A-Za-z0-9_\-]+)", done).group(1)
    assert "Lakeside Family Circle" not in client.get("/groups").get_data(as_text=True)

    # 2. A moderator approves it.
    login_as("admin")
    queue = client.get("/admin/").get_data(as_text=True)
    assert "Lakeside Family Circle" in queue
    [revision_id] = _revision_ids(queue)
    token = csrf_token("/admin/")
    approved = client.post(f"/admin/revisions/{revision_id}/approve", data={"csrf_token": token})
    assert approved.status_code == 302

    # 3. Seekers find it.
    results = client.get("/groups").get_data(as_text=True)
    assert "Lakeside Family Circle" in results
    slug = re.search(r'href="/groups/([a-z0-9-]+)">Lakeside Family Circle', results).group(1)
    assert "7:00 pm" in client.get(f"/groups/{slug}").get_data(as_text=True)

    # 4. The owner edits through the private link; the live version stays as it was.
    page = client.get(edit_path)
    assert page.status_code == 200
    assert 'value="Lakeside Family Circle"' in page.get_data(as_text=True)
    edited = listing_form(
        csrf_token(edit_path), **{"m-0-start_time": "18:30", "group_name": "Lakeside Family Circle"}
    )
    assert client.post(edit_path, data=edited).status_code == 302
    live = client.get(f"/groups/{slug}").get_data(as_text=True)
    assert "7:00 pm" in live and "6:30 pm" not in live

    # 5. The moderator sees a field-by-field diff and approves.
    queue = client.get("/admin/").get_data(as_text=True)
    [edit_id] = _revision_ids(queue)
    review = client.get(f"/admin/revisions/{edit_id}").get_data(as_text=True)
    assert "Tuesday 7:00 pm meeting: start_time" in review
    assert "19:00" in review and "18:30" in review
    assert (
        client.post(
            f"/admin/revisions/{edit_id}/approve", data={"csrf_token": csrf_token("/admin/")}
        ).status_code
        == 302
    )

    # 6. The change is live, and every step is in the audit log.
    live = client.get(f"/groups/{slug}").get_data(as_text=True)
    assert "6:30 pm" in live and "7:00 pm" not in live
    actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
    listing_actions = [a for a in actions if " link " not in a]
    assert listing_actions == ["submitted", "approved new", "edit proposed", "approved edit"]
    # The edit link itself: issued with the submission, then first used.
    assert [a for a in actions if " link " in a] == ["edit link issued", "edit link used"]
    statuses = [r.status for r in session.exec(select(ListingRevision))]
    assert statuses == ["approved", "approved"]
