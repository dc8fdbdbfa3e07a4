"""The listing schema: value types, cross-field rules and where each error points."""

from __future__ import annotations

from datetime import time

import pytest

from directory.listings.fields import FieldError, Recurrence, normal_time_text, parse_phone
from directory.listings.schema import ListingIn, effective_format, validate_listing


def listing(**overrides):
    data = {
        "slug": "harbor-circle", "name": "Harbor Circle", "topics": "codependency",
        "format": "hybrid", "cost": "free",
        "meetings": [
            {"weekday": "tue", "start_time": "19:00", "timezone": "America/Chicago",
             "attendance": "in-person", "place": {"city": "Chicago", "country": "US"}},
            {"weekday": "sat", "start_time": "10:00", "timezone": "America/Chicago",
             "attendance": "online", "online": {"url": "https://meet.example.org/harbor"}},
        ],
    }
    data.update(overrides)
    return data


def test_a_group_may_meet_in_person_one_day_and_online_another():
    result, errors = validate_listing(listing())
    assert errors == []
    assert result.attendances() == ["in-person", "online"]
    assert result.search_format() == "hybrid"


@pytest.mark.parametrize("meeting, path, words", [
    ({"weekday": "sat", "start_time": "10:00", "timezone": "UTC", "attendance": "online"},
     ("meetings", 1, "online_url"), "needs online_url or online_phone"),
    ({"weekday": "sat", "start_time": "10:00", "timezone": "UTC", "attendance": "in-person"},
     ("meetings", 1, "address"), "needs a place"),
    ({"weekday": "sat", "start_time": "25:00", "timezone": "UTC", "attendance": "online",
      "online": {"url": "https://meet.example.org/x"}},
     ("meetings", 1, "start_time"), "not a possible time"),
    ({"weekday": "sat", "start_time": "10:00", "timezone": "UTC", "attendance": "roaming",
      "online": {"url": "https://meet.example.org/x"}},
     ("meetings", 1, "attendance"), "unknown attendance code 'roaming'"),
])
def test_each_bad_meeting_is_a_field_error_naming_that_meeting(meeting, path, words):
    data = listing()
    data["meetings"][1] = meeting
    result, errors = validate_listing(data)
    assert result is None
    assert [p for p, _ in errors] == [path]
    assert words in errors[0][1]


def test_every_rule_between_fields_is_reported_at_once():
    data = listing(cost="fee")
    data["meetings"][1].pop("online")
    _, errors = validate_listing(data)
    assert [p for p, _ in errors] == [("fee_amount",), ("meetings", 1, "online_url")]


def test_a_public_group_whose_only_meeting_is_temporarily_closed_is_refused():
    data = listing(format="in-person")
    data["meetings"] = [dict(data["meetings"][0], attendance="inactive")]
    _, errors = validate_listing(data)
    assert errors and errors[0][0] == ("meetings", 0, "attendance")
    assert "temporarily closed" in errors[0][1]
    paused, errors = validate_listing(dict(data, status="paused"))
    assert errors == [] and paused.search_format() == "in-person"


def test_a_closed_meeting_beside_an_open_one_is_fine_and_does_not_count_for_format():
    data = listing()
    data["meetings"][0]["attendance"] = "inactive"
    result, errors = validate_listing(data)
    assert errors == [] and result.search_format() == "online"


@pytest.mark.parametrize("fmt, attendances, expected", [
    ("in-person", ["in-person", "in-person"], "in-person"),
    ("in-person", ["in-person", "online"], "hybrid"),
    ("online", ["online"], "online"),
    ("phone", ["online"], "phone"),
    ("hybrid", ["hybrid"], "hybrid"),
    ("hybrid", ["online", "online"], "online"),
    ("in-person", ["inactive", "online"], "online"),
    ("in-person", ["inactive"], "in-person"),
])
def test_search_format_follows_the_meetings(fmt, attendances, expected):
    assert effective_format(fmt, attendances) == expected


@pytest.mark.parametrize("value", [
    "+1 555-0100", "+15550100123,,71771828957#", "+15550100123,,123456#,,,,*4321#",
    "(555) 010-0123",
])
def test_phone_accepts_numbers_and_the_one_tap_form(value):
    assert parse_phone(value) == value


@pytest.mark.parametrize("value", ["call us", "12345", "+1,,123#", "555-0100<script>"])
def test_phone_refuses_what_cannot_be_dialled(value):
    with pytest.raises(FieldError, match="is not a phone number"):
        parse_phone(value)


def test_recurrence_is_a_value_type():
    rec = Recurrence.parse("monthly:3,1")
    assert str(rec) == "monthly:1,3"
    assert rec.label() == "1st and 3rd of the month"
    assert rec.rrule(1) == {"FREQ": "MONTHLY", "BYDAY": ["1TU", "3TU"]}
    assert Recurrence.parse("weekly").rrule(6) == {"FREQ": "WEEKLY", "BYDAY": "SU"}
    assert Recurrence.parse("monthly:-1").label() == "Last of the month"
    with pytest.raises(FieldError):
        Recurrence.parse("fortnightly")


@pytest.mark.parametrize("typed, normal", [
    ("7pm", "19:00"), ("7:30 PM", "19:30"), ("7.30pm", "19:30"), ("12 noon", "12:00"),
    ("12am", "00:00"), ("12:15 p.m.", "12:15"), ("19h30", "19:30"), ("19:00", "19:00"),
    ("7", "7"), ("13pm", "13pm"), ("soon", "soon"),
])
def test_times_typed_as_people_write_them(typed, normal):
    assert normal_time_text(typed) == normal


def test_a_listing_round_trips_through_json():
    result, _ = validate_listing(listing())
    data = result.model_dump(mode="json")
    assert data["meetings"][0]["start_time"] == "19:00"
    assert data["meetings"][0]["recurrence"] == "weekly"
    again = ListingIn.model_validate(data)
    assert again == result
    assert again.meetings[0].start_time == time(19, 0)
