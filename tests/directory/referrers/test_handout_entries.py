"""A handout lists every meeting of each group, the soonest next one, in one labelled zone."""

from __future__ import annotations

import re
from datetime import time

from directory.models import Location, Meeting


def make_two_meeting_group(make_group, session, **overrides):
    group = make_group(slug="two-meetings", name="Two Meeting Circle", welcome="closed",
                       accepting_new_members=False, **overrides)
    group.meetings.append(Meeting(
        weekday=5, start_time=time(10, 0), end_time=time(11, 0), timezone="America/Los_Angeles",
        online_url="https://meet.example.org/two", position=1))
    group.meetings.append(Meeting(
        weekday=3, start_time=time(18, 30), timezone="America/Los_Angeles", position=2,
        location=Location(name="Oak Room", address="9 Oak St", city="Salem", country="US",
                          latitude=44.94, longitude=-123.03)))
    session.commit()
    return group


def test_handout_lists_every_meeting_with_attendance_and_where(client, make_group, session):
    make_two_meeting_group(make_group, session)
    html = client.get("/handout?group=two-meetings").get_data(as_text=True)
    meetings = re.findall(r'<li class="handout-meeting">(.*?)</li>', html, flags=re.S)
    assert len(meetings) == 3
    text = " ".join(meetings)
    for part in ("Tuesdays", "Saturdays", "Thursdays", "7:00 pm–8:30 pm", "10:00 am–11:00 am",
                 "In person", "Online", "Harbor Lane Hall", "https://meet.example.org/two",
                 "Oak Room, 9 Oak St, Salem"):
        assert part in text
    assert "and 2 more" not in html
    assert "Times are Pacific time." in html
    assert "Not taking new members now" in html
    assert "Closed: for people who share the issue" in html
    assert "Codependency" in html


def test_handout_next_is_the_soonest_meeting_not_the_first(app, make_group, session):
    from directory.services.handout import handout_entries
    from tests_support import FIXED_NOW

    with app.app_context():
        group = make_two_meeting_group(make_group, session)
        entry = handout_entries([group], now=FIXED_NOW, tz=None)[0]
        from directory.listings.queries import next_occurrences

        soonest = min(s for s, _ in next_occurrences(group, now=FIXED_NOW) if s)
        assert entry.next_text.startswith(f"{soonest:%a} {soonest.day} {soonest:%b}")


def test_handout_times_follow_the_referrer_zone(client, make_group, session):
    make_two_meeting_group(make_group, session)
    html = client.get("/handout?group=two-meetings&tz=America/Chicago").get_data(as_text=True)
    assert "Times are Central time." in html
    assert "9:00 pm–10:30 pm" in html  # Tuesday 7 pm in Portland is 9 pm in Chicago
    assert "tz=America%2FChicago" in html or "tz=America/Chicago" in html


def test_handout_ignores_a_bad_zone_with_a_notice(client, make_group, session):
    make_two_meeting_group(make_group, session)
    response = client.get("/handout?group=two-meetings&tz=Nowhere/Atlantis")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "is not a time zone" in html
    assert "Times are Pacific time." in html
