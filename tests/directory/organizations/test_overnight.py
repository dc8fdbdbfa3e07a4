"""An end time before the start is an error unless the meeting is marked overnight."""

from __future__ import annotations

from sqlmodel import select

from directory.listings.store import listing_of
from directory.models import Group
from directory.web import listing_form as form_service


def test_an_end_before_the_start_is_an_error_with_everything_kept(client, csrf_token,
                                                                  listing_form):
    response = client.post("/submit", data=listing_form(csrf_token(), **{
        "m-0-start_time": "7:00 pm", "m-0-end_time": "08:30", "description": "kept text"}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="m-0-end_time-error"' in html and "Ends after midnight" in html
    assert "kept text" in html


def test_an_equal_end_and_start_is_an_error_too(client, csrf_token, listing_form):
    response = client.post("/submit", data=listing_form(csrf_token(), **{
        "m-0-start_time": "19:00", "m-0-end_time": "19:00"}))
    assert response.status_code == 400


def test_an_overnight_meeting_is_accepted_when_ticked_and_shown_ticked_again(
    client, session, csrf_token, listing_form
):
    response = client.post("/submit", data=listing_form(csrf_token(), **{
        "m-0-start_time": "23:00", "m-0-end_time": "01:00", "m-0-overnight": "yes"}))
    assert response.status_code == 302
    group = session.exec(select(Group)).one()
    assert group.meetings[0].end_time.strftime("%H:%M") == "01:00"
    data = form_service.input_from_listing(listing_of(group))
    assert data.meetings[0]["overnight"] == "yes"


def test_an_end_after_the_start_needs_no_tick(client, csrf_token, listing_form):
    assert client.post("/submit", data=listing_form(csrf_token(), **{
        "m-0-start_time": "19:00", "m-0-end_time": "20:30"})).status_code == 302
