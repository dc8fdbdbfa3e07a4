"""iCalendar feeds: recurring events in the meeting's own zone, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from directory.feeds.ical import first_occurrence, group_calendar, search_calendar
from directory.models import Location

NOW = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)  # a Monday
BASE_URL = "https://circles.example.org"


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


def local_occurrences(cal: Calendar, event, until: datetime) -> list[datetime]:
    """Occurrences computed only from the file: the RRULE, and the file's own VTIMEZONE."""
    start = event.decoded("dtstart")
    tzid = str(event["DTSTART"].params["TZID"])
    (vtimezone,) = [tz for tz in cal.walk("VTIMEZONE") if str(tz["TZID"]) == tzid]
    zone = vtimezone.to_tz()
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
    naive = rule.between(start.replace(tzinfo=None), until, inc=True)
    return [moment.replace(tzinfo=zone) for moment in naive]


@pytest.fixture
def new_york_group(make_group):
    return make_group(
        slug="brooklyn-evening",
        name="Brooklyn Evening",
        description="Join us. <script>alert('x')</script>; bring a friend, or two",
        meeting={"weekday": 1, "start_time": time(19, 0), "end_time": time(20, 0),
                 "timezone": "America/New_York"},
        location=Location(name="Room 4", address="55 Atlantic Ave", city="Brooklyn",
                          region="NY", postal_code="11201", country="US",
                          latitude=40.6904, longitude=-73.9969),
    )


def test_weekly_meeting_is_one_recurring_event_in_its_own_zone(new_york_group):
    cal = parse(group_calendar(new_york_group, base_url=BASE_URL, now=NOW))
    (event,) = events(cal)
    start = event.decoded("dtstart")
    assert str(event["DTSTART"].params["TZID"]) == "America/New_York"
    assert start == datetime(2026, 11, 3, 19, 0, tzinfo=ZoneInfo("America/New_York"))
    assert event.decoded("dtend") - start == timedelta(hours=1)
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert cal.get_missing_tzids() == set()


def test_meeting_stays_at_19_local_across_daylight_saving_changes(new_york_group):
    cal = parse(group_calendar(new_york_group, base_url=BASE_URL, now=NOW))
    (event,) = events(cal)
    moments = local_occurrences(cal, event, until=datetime(2027, 11, 30))
    march = [m for m in moments if (m.year, m.month) == (2027, 3)]
    november = [m for m in moments if (m.year, m.month) == (2027, 11)]
    assert march and november
    for moment in march + november:
        assert (moment.hour, moment.minute) == (19, 0)
    # 2027-03-09 is before the change (EST), 2027-03-16 after it (EDT).
    utc_hours = {m.date(): m.astimezone(UTC).hour for m in march}
    assert utc_hours[date(2027, 3, 9)] == 0 and utc_hours[date(2027, 3, 16)] == 23
    utc_hours = {m.date(): m.astimezone(UTC).hour for m in november}
    assert utc_hours[date(2027, 11, 2)] == 23 and utc_hours[date(2027, 11, 9)] == 0


def test_event_carries_summary_location_url_and_join_details(new_york_group):
    (event,) = events(parse(group_calendar(new_york_group, base_url=BASE_URL, now=NOW)))
    assert str(event["SUMMARY"]) == "Brooklyn Evening"
    assert str(event["LOCATION"]) == "Room 4, 55 Atlantic Ave, Brooklyn, NY 11201, US"
    assert str(event["URL"]) == f"{BASE_URL}/groups/brooklyn-evening"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Join us. <script>alert('x')</script>; bring a friend, or two")
    assert "Where: Room 4, 55 Atlantic Ave, Brooklyn, NY 11201, US" in description
    # The zone in words, as the pages name it — not its IANA name.
    assert "Times are Eastern time." in description
    assert "America/New_York" not in description
    assert event.decoded("geo") is not None


def test_online_meeting_says_online_and_gives_the_link(make_group):
    group = make_group(
        format="online", location=None,
        meeting={"online_url": "https://meet.example.org/x", "online_notes": "Passcode 42"},
    )
    (event,) = events(parse(group_calendar(group, base_url=BASE_URL, now=NOW)))
    assert str(event["LOCATION"]) == "Online"
    assert "Join online: https://meet.example.org/x\nPasscode 42" in str(event["DESCRIPTION"])


def test_uids_are_stable_between_calls(make_group):
    group = make_group(slug="steady-circle")
    first = events(parse(group_calendar(group, base_url=BASE_URL, now=NOW)))
    later = events(parse(group_calendar(group, base_url=BASE_URL, now=NOW + timedelta(days=9))))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in later]
    assert str(first[0]["UID"]) == "steady-circle-0@circles.example.org"


@pytest.mark.parametrize(
    ("recurrence", "weekday", "rule", "first"),
    [
        ("monthly:1,3", 1, b"FREQ=MONTHLY;BYDAY=1TU,3TU", date(2026, 11, 3)),
        ("monthly:3", 1, b"FREQ=MONTHLY;BYDAY=3TU", date(2026, 11, 17)),
        ("monthly:-1", 4, b"FREQ=MONTHLY;BYDAY=-1FR", date(2026, 11, 27)),
        ("monthly:2,-1", 0, b"FREQ=MONTHLY;BYDAY=2MO,-1MO", date(2026, 11, 9)),
    ],
)
def test_monthly_meetings_repeat_on_their_nth_weekday(make_group, recurrence, weekday, rule,
                                                      first):
    group = make_group(meeting={"recurrence": recurrence, "weekday": weekday,
                                "timezone": "America/Chicago"})
    cal = parse(group_calendar(group, base_url=BASE_URL, now=NOW))
    (event,) = events(cal)
    assert event["RRULE"].to_ical() == rule
    assert event.decoded("dtstart").date() == first
    assert event.decoded("dtstart").hour == 19


def test_course_starts_on_its_first_date_and_ends_with_until(make_group):
    group = make_group(meeting={
        "weekday": 2, "timezone": "Europe/London", "start_time": time(18, 0),
        "end_time": time(19, 30), "starts_on": date(2026, 12, 1), "ends_on": date(2027, 1, 27),
    })
    (event,) = events(parse(group_calendar(group, base_url=BASE_URL, now=NOW)))
    assert event.decoded("dtstart") == datetime(2026, 12, 2, 18, 0,
                                                tzinfo=ZoneInfo("Europe/London"))
    until = event["RRULE"]["UNTIL"][0]
    assert until == datetime(2027, 1, 27, 23, 59, 59, tzinfo=UTC)


def test_first_occurrence_is_on_or_after_the_given_day(make_group):
    meeting = make_group(meeting={"weekday": 0}).meetings[0]
    assert first_occurrence(meeting, on_or_after=date(2026, 11, 2)) == date(2026, 11, 2)
    assert first_occurrence(meeting, on_or_after=date(2026, 11, 3)) == date(2026, 11, 9)


def test_a_meeting_that_has_ended_is_left_out(make_group):
    group = make_group(meeting={"starts_on": date(2026, 1, 7), "ends_on": date(2026, 2, 25)})
    cal = parse(group_calendar(group, base_url=BASE_URL, now=NOW))
    assert events(cal) == []
    assert cal.walk("VTIMEZONE") == []


def test_search_calendar_holds_every_meeting_of_every_group_with_each_zone(make_group):
    one = make_group(meeting={"timezone": "America/New_York"})
    two = make_group(meeting={"timezone": "Australia/Sydney", "weekday": 6})
    cal = parse(search_calendar([one, two], base_url=BASE_URL, now=NOW))
    assert len(events(cal)) == 2
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {
        "America/New_York", "Australia/Sydney"}
    assert str(cal["X-WR-CALNAME"]) == "Circles search"


def test_calendar_file_speaks_the_language_it_was_asked_in(client, new_york_group):
    response = client.get("/groups/brooklyn-evening.ics?hl=es")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "es"
    (event,) = events(parse(response.data))
    description = str(event["DESCRIPTION"])
    assert "Times are" not in description and "Where:" not in description
    assert "hora del Este" in description
    # The group page it links to opens in Spanish too.
    assert str(event["URL"]).endswith("/groups/brooklyn-evening?hl=es")


def test_online_meeting_in_french_says_en_ligne(client, make_group):
    group = make_group(format="online", location=None,
                       meeting={"online_url": "https://meet.example.org/x"})
    (event,) = events(parse(client.get(f"/groups/{group.slug}.ics?hl=fr").data))
    assert str(event["LOCATION"]) == "En ligne"
    assert "Rejoindre en ligne" in str(event["DESCRIPTION"])


def test_calendar_chosen_by_the_browser_varies_with_its_headers(client, new_york_group):
    response = client.get("/groups/brooklyn-evening.ics", headers={"Accept-Language": "fr"})
    assert "heure de l'Est" in str(events(parse(response.data))[0]["DESCRIPTION"])
    vary = {v.strip() for v in response.headers["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert response.headers["Content-Language"] == "fr"


def test_search_calendar_is_named_in_the_readers_language(client, make_group):
    make_group(name="Harbor Lane Circle")
    cal = parse(client.get("/groups.ics?hl=es").data)
    assert str(cal["X-WR-CALNAME"]) != "Circles search"


def test_static_svg_does_not_vary_with_language(client):
    # Our own files are the same bytes in every language: cached once, for everyone.
    response = client.get("/static/icons/icon.svg", headers={"Accept-Language": "es"})
    assert response.status_code == 200
    assert "Accept-Language" not in response.headers.get("Vary", "")
    assert "Content-Language" not in response.headers
    response.close()


def test_a_calendar_in_another_language_is_another_etag(client, new_york_group):
    english = client.get("/groups/brooklyn-evening.ics?hl=en")
    spanish = client.get("/groups/brooklyn-evening.ics?hl=es")
    assert english.headers["ETag"] != spanish.headers["ETag"]
    # The English copy a calendar app holds is not "not modified" for a Spanish reader.
    again = client.get("/groups/brooklyn-evening.ics?hl=es",
                       headers={"If-None-Match": english.headers["ETag"]})
    assert again.status_code == 200 and b"hora del Este" in again.data
