"""A group that meets in person on Tuesdays and online on Saturdays, end to end:
submit → approve → search → group page → every export → re-import identical."""

from __future__ import annotations

import re

from icalendar import Calendar
from sqlmodel import select

from directory.exports import export_listings_csv
from directory.imports import import_listing_csv
from directory.models import Group, utcnow

SATURDAY_ONLINE = {
    "m-1-weekday": "sat", "m-1-start_time": "10:00 am", "m-1-end_time": "11:00 am",
    "m-1-timezone": "America/Chicago", "m-1-recurrence": "weekly",
    "m-1-attendance": "online", "m-1-online_url": "https://meet.example.org/lakeside",
    "m-1-online_notes": "Passcode 2468",
}


def submit_mixed(client, csrf_token, listing_form, **overrides):
    form = listing_form(csrf_token(), format="in-person",
                        **{"m-0-attendance": "in-person", **SATURDAY_ONLINE, **overrides})
    return client.post("/submit", data=form)


def approve_all(client, session, csrf_token, login_as):
    login_as("admin")
    queue = client.get("/admin/").get_data(as_text=True)
    for revision_id in re.findall(r'/admin/revisions/(\d+)"', queue):
        response = client.post(f"/admin/revisions/{revision_id}/approve",
                               data={"csrf_token": csrf_token("/admin/")})
        assert response.status_code == 302


def test_mixed_attendance_group_end_to_end(app, client, session, csrf_token, listing_form,
                                           login_as):
    assert submit_mixed(client, csrf_token, listing_form).status_code == 302
    approve_all(client, session, csrf_token, login_as)
    group = session.exec(select(Group)).one()
    session.refresh(group)
    assert [m.how_attended() for m in group.meetings] == ["in-person", "online"]
    assert group.meetings[1].start_time.hour == 10  # "10:00 am" was understood

    # Search: the group is hybrid to seekers, found by an online search and by place.
    api = client.get("/api/v1/groups?format=online").get_json()
    found = [r for r in api["results"] if r["group"]["slug"] == group.slug]
    assert found and [m["attendance"] for m in found[0]["group"]["meetings"]] == [
        "in-person", "online"]
    near = client.get("/api/v1/groups?near=Madison%2C+WI&format=in-person").get_json()
    assert group.slug in [r["group"]["slug"] for r in near["results"]]

    # The group page says per meeting how to join.
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    meetings = page[page.index('class="meetings"'):]
    first, second = meetings.split("</li>")[:2]
    assert "In person" in first and "400 Shore Rd" in first and "meet.example.org" not in first
    assert "Online" in second and "https://meet.example.org/lakeside" in second
    assert "400 Shore Rd" not in second

    # Exports: CSV says which meeting is online; iCal gives a place to one, a link to the other.
    exported = export_listings_csv(session)
    rows = [line for line in exported.splitlines() if line.startswith(group.slug)]
    assert rows[0].endswith(",") and rows[1].endswith(",online")
    cal = Calendar.from_ical(client.get(f"/groups/{group.slug}.ics").data)
    events = [c for c in cal.walk("VEVENT")]
    assert "400 Shore Rd" in str(events[0]["LOCATION"])
    assert str(events[1]["LOCATION"]) == "Online"
    assert "geo" not in {k.lower() for k in events[1]}
    hsds = client.get("/api/v1/hsds/services?full=true").get_json()
    service = next(s for s in hsds["contents"] if s["name"] == group.name)
    kinds = sorted(sal["location"]["location_type"] for sal in service["service_at_locations"])
    assert kinds == ["physical", "virtual"]
    feed = client.get("/api/v1/meeting-guide.json").get_json()
    entries = [e for e in feed if e["url"].endswith(f"/groups/{group.slug}")]
    assert len(entries) == 2
    by_day = {e["day"]: e for e in entries}
    assert by_day[6].get("conference_url") == "https://meet.example.org/lakeside"
    assert "conference_url" not in by_day[2]
    assert (by_day[2]["attendance_option"], by_day[6]["attendance_option"]) == (
        "in_person", "online")

    # Re-importing the export changes nothing.
    report = import_listing_csv(session, exported, filename="export.csv", now=utcnow())
    assert report.ok and report.created == [] and report.updated == []
    assert export_listings_csv(session) == exported


def test_form_names_the_meeting_whose_join_link_is_missing(client, csrf_token, listing_form):
    response = submit_mixed(client, csrf_token, listing_form, **{"m-1-online_url": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Meeting 2: Join link" in html
    assert 'value="10:00 am"' in html  # what was typed is kept


def test_form_refuses_a_public_listing_whose_only_meeting_is_closed(client, csrf_token,
                                                                     listing_form):
    form = listing_form(csrf_token(), **{"m-0-attendance": "inactive"})
    response = client.post("/submit", data=form)
    assert response.status_code == 400
    assert "temporarily closed" in response.get_data(as_text=True)


def test_form_fills_the_time_zone_from_the_address(client, session, csrf_token, listing_form):
    form = listing_form(csrf_token(), **{"m-0-timezone": ""})
    assert client.post("/submit", data=form).status_code == 302
    group = session.exec(select(Group)).one()
    assert group.meetings[0].timezone == "America/Chicago"


def test_form_needs_a_zone_for_an_online_meeting(client, csrf_token, listing_form):
    form = listing_form(csrf_token(), **{**SATURDAY_ONLINE, "m-1-timezone": ""})
    response = client.post("/submit", data=form)
    assert response.status_code == 400
    assert "Meeting 2: Time zone" in response.get_data(as_text=True)
