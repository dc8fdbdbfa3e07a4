""""Add to Google Calendar": a plain link built here from a meeting's recurrence, and a group
page that links to Google (href) without ever loading anything from it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from directory.feeds.ical import google_calendar_url
from directory.models import Location

NOW = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)  # a Monday
PAGE = "https://circles.example.org/groups/calm"


def params_of(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https", "calendar.google.com", "/calendar/render")
    query = parse_qs(parts.query, keep_blank_values=True)
    assert all(len(values) == 1 for values in query.values())
    return {name: values[0] for name, values in query.items()}


def test_a_weekly_meeting_in_a_named_zone(app, make_group):
    group = make_group(
        name="Thursday Calm Circle", description="Peer support for anxious people.",
        location=Location(name="Hall", address="1 Strand", city="London", region="England",
                          postal_code="WC2N 5DN", country="GB", latitude=51.5081,
                          longitude=-0.1248),
        meeting={"weekday": 3, "start_time": time(18, 30), "end_time": time(20, 0),
                 "timezone": "Europe/London", "ends_on": date(2027, 3, 25)},
    )
    with app.test_request_context("/"):
        url = google_calendar_url(group, group.meetings[0], page_url=PAGE, now=NOW)
    params = params_of(url)
    assert params["action"] == "TEMPLATE"
    assert params["text"] == "Thursday Calm Circle"
    # The first Thursday to come, at the meeting's own clock, in its own zone.
    assert params["dates"] == "20261105T183000/20261105T200000"
    assert params["ctz"] == "Europe/London"
    assert params["recur"] == "RRULE:FREQ=WEEKLY;UNTIL=20270325T235959Z;BYDAY=TH"
    assert params["location"] == "Hall, 1 Strand, London, England WC2N 5DN, GB"
    assert params["details"].splitlines() == [
        "Peer support for anxious people.", f"Group page: {PAGE}"]


def test_an_online_meeting_puts_its_join_link_in_details_and_location(app, make_group):
    group = make_group(
        name="Calm Online", format="online", location=None, description=None,
        meeting={"weekday": 2, "start_time": time(20, 0), "end_time": None,
                 "timezone": "America/New_York", "recurrence": "monthly:1,3",
                 "online_url": "https://meet.example.org/calm",
                 "online_phone": "+1 555 0100", "online_notes": "Passcode 4321"},
    )
    with app.test_request_context("/"):
        params = params_of(google_calendar_url(group, group.meetings[0], page_url=PAGE, now=NOW))
    assert params["location"] == "https://meet.example.org/calm"
    assert params["details"].splitlines() == [
        "Join online: https://meet.example.org/calm", "Join by phone: +1 555 0100",
        "Passcode 4321", f"Group page: {PAGE}"]
    assert params["dates"] == "20261104T200000/20261104T210000"  # 1st Wednesday; an hour
    assert params["ctz"] == "America/New_York"
    assert params["recur"] == "RRULE:FREQ=MONTHLY;BYDAY=1WE,3WE"


def test_a_phone_meeting_gives_its_number_as_the_place(app, make_group):
    group = make_group(format="phone", location=None,
                       meeting={"online_phone": "+1 555 0199", "online_url": None})
    with app.test_request_context("/"):
        params = params_of(google_calendar_url(group, group.meetings[0], page_url=PAGE, now=NOW))
    assert params["location"] == "+1 555 0199"


@pytest.mark.parametrize(("lang", "line"), [
    ("es", "Entrar en línea: https://meet.example.org/calm"),
    ("fr", "Rejoindre en ligne\u00a0: https://meet.example.org/calm"),
])
def test_the_details_are_in_the_pages_language(app, make_group, lang, line):
    group = make_group(format="online", location=None, description=None,
                       meeting={"online_url": "https://meet.example.org/calm"})
    with app.test_request_context(f"/?hl={lang}"):
        params = params_of(google_calendar_url(group, group.meetings[0], page_url=PAGE, now=NOW))
    assert params["details"].splitlines()[0] == line


def test_closed_and_ended_meetings_get_no_link(app, make_group):
    closed = make_group(meeting={"attendance": "inactive"})
    ended = make_group(meeting={"ends_on": date(2026, 1, 1)})
    with app.test_request_context("/"):
        assert google_calendar_url(closed, closed.meetings[0], page_url=PAGE, now=NOW) is None
        assert google_calendar_url(ended, ended.meetings[0], page_url=PAGE, now=NOW) is None


def test_the_group_page_links_to_google_without_loading_anything_from_it(app, client,
                                                                        make_group):
    group = make_group(slug="calm-online", format="online", location=None,
                       meeting={"online_url": "https://meet.example.org/calm",
                                "timezone": "America/Chicago"})
    response = client.get(f"/groups/{group.slug}?hl=es")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    links = re.findall(r'<a href="(https://calendar\.google\.com/[^"]+)"([^>]*)>([^<]+)', html)
    assert len(links) == 1
    href, attributes, text = links[0]
    assert text == "Añadir a Google Calendar"
    assert "noreferrer" in attributes
    params = params_of(unescape(href))
    assert params["ctz"] == "America/Chicago"
    assert params["recur"] == "RRULE:FREQ=WEEKLY;BYDAY=TU"
    base = app.config["BASE_URL"].rstrip("/")
    assert params["details"].splitlines()[-1] == (
        f"Página del grupo: {base}/groups/calm-online?hl=es")  # the page keeps its language
    # Only a link: nothing on the page loads from Google, and the CSP would not let it.
    assert "calendar.google.com" not in re.sub(r'href="[^"]*"', "", html)
    assert "google" not in response.headers["Content-Security-Policy"]


def test_a_closed_meeting_has_no_google_link_on_the_page(client, make_group):
    group = make_group(slug="closed-for-now", meeting={"attendance": "inactive"})
    html = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "temporarily closed" in html
    assert "calendar.google.com" not in html
