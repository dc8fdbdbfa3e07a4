"""The catalog version moves when what seekers can find changes, and only then: every move
makes each worker rebuild its search index, so a pending submission or a report (nothing
public changed) must not move it, while approving, editing a live listing or its meetings
must."""

from __future__ import annotations

from datetime import time

from sqlmodel import select

from directory.catalog import current_catalog_version
from directory.models import Group, Location, Meeting


def version(session) -> int:
    session.expire_all()
    return current_catalog_version(session)


def test_a_pending_submission_does_not_move_the_catalog_version(client, session, csrf_token,
                                                                 listing_form, make_group):
    make_group(slug="live-one")
    before = version(session)
    assert client.post("/submit", data=listing_form(csrf_token())).status_code == 302
    pending = session.exec(select(Group).where(Group.status == "pending")).one()
    assert pending.meetings  # it has meetings (and places): still nothing public changed
    assert version(session) == before


def test_a_report_does_not_move_the_catalog_version(client, session, csrf_token, make_group):
    make_group(slug="reported")
    before = version(session)
    token = csrf_token("/groups/reported/report")
    response = client.post("/groups/reported/report", data={
        "csrf_token": token, "kind": "wrong-time", "details": "It moved to Wednesday."})
    assert response.status_code in (302, 303)
    assert version(session) == before


def test_a_live_listings_meeting_and_place_changes_move_it(session, make_group):
    group = make_group(slug="live-two")
    before = version(session)
    meeting = group.meetings[0]
    meeting.start_time = time(20, 30)
    session.add(meeting)
    session.commit()
    assert version(session) == before + 1
    place = Location(name="Hall", city="Leeds", country="GB", latitude=53.8, longitude=-1.55)
    session.add(place)
    session.flush()
    meeting.location_id = place.id
    session.add(meeting)
    session.commit()
    assert version(session) == before + 2


def test_a_meeting_added_to_a_pending_group_does_not_move_it_but_approval_does(session,
                                                                             make_group):
    group = make_group(slug="waiting", status="pending")
    before = version(session)
    session.add(Meeting(group_id=group.id, weekday=2, start_time=time(9, 0),
                        timezone="Europe/London"))
    session.commit()
    assert version(session) == before
    group.status = "active"
    session.add(group)
    session.commit()
    assert version(session) == before + 1
