"""Submitting a listing: the form, validation, duplicates, one listing per form."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from directory.models import AuditEntry, EditToken, Group, ListingOwner, ListingRevision


def test_submit_page_shows_the_form_with_a_csrf_token(client):
    response = client.get("/submit")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'name="csrf_token"' in html
    assert 'name="m-0-weekday"' in html
    assert 'name="form_nonce"' in html


def test_a_good_submission_creates_one_pending_listing_and_shows_the_edit_link_once(
    client, session, csrf_token, listing_form
):
    response = client.post("/submit", data=listing_form(csrf_token()))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/submit/done")
    done = client.get("/submit/done").get_data(as_text=True)
    match = re.search(r"/listings/edit/([A-Za-z0-9_\-]+)", done)
    assert match
    token = match.group(1)
    again = client.get("/submit/done").get_data(as_text=True)
    assert token not in again

    group = session.exec(select(Group)).one()
    assert group.status == "pending"
    assert group.name == "Lakeside Family Circle"
    assert group.meetings[0].timezone == "America/Chicago"
    stored = session.exec(select(EditToken)).one()
    assert stored.token_hash != token and len(stored.token_hash) == 64
    assert session.get(ListingOwner, group.id).email == "host@example.org"
    revision = session.exec(select(ListingRevision)).one()
    assert (revision.kind, revision.status) == ("new", "pending")
    assert session.exec(select(AuditEntry)).first().action == "submitted"
    # Pending listings are not public.
    assert client.get(f"/groups/{group.slug}").status_code == 404


def test_a_form_submitted_twice_creates_one_listing(client, session, csrf_token, listing_form):
    form = listing_form(csrf_token())
    first = client.post("/submit", data=form)
    second = client.post("/submit", data=form)
    assert first.status_code == second.status_code == 302
    assert len(session.exec(select(Group)).all()) == 1
    assert len(session.exec(select(ListingRevision)).all()) == 1


def test_meeting_rows_are_added_and_removed_without_javascript(
    client, session, csrf_token, listing_form
):
    token = csrf_token()
    added = client.post("/submit", data=listing_form(token, action="add_meeting"))
    assert added.status_code == 200
    html = added.get_data(as_text=True)
    assert 'name="m-1-weekday"' in html
    assert 'value="Lakeside Family Circle"' in html
    two = listing_form(
        token,
        **{
            "m-1-weekday": "thu",
            "m-1-start_time": "18:00",
            "m-1-timezone": "America/Chicago",
            "m-1-city": "Madison",
            "m-1-country": "US",
            "action": "remove_meeting:0",
        },
    )
    removed = client.post("/submit", data=two).get_data(as_text=True)
    assert 'name="m-1-weekday"' not in removed
    assert 'value="18:00"' in removed
    assert session.exec(select(Group)).first() is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("group_name", "", "required"),
        ("group_name", "x" * 201, "the limit is 200"),
        ("contact_email", "not-an-email", "not an e-mail address"),
        ("website", "javascript:alert(1)", "not a web address"),
        ("contact_phone", "call me", "not a phone number"),
        ("m-0-start_time", "25:61", "not a possible time"),
        ("m-0-timezone", "UTC+2", "not an IANA time zone"),
        ("format", "telepathy", "unknown format code"),
        ("topics", ["astrology"], "unknown topic code"),
        ("m-0-weekday", "someday", "not a weekday"),
        ("owner_email", "host@", "not an e-mail address"),
        ("fee_amount", "10", "only allowed when cost is fee"),
    ],
)
def test_bad_input_is_a_field_error_with_status_400_and_the_form_intact(
    client, session, csrf_token, field, value, message, listing_form
):
    response = client.post("/submit", data=listing_form(csrf_token(), **{field: value}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message.lower() in html.lower()
    assert f'id="{field}-error"' in html
    assert re.search(rf'aria-describedby="[^"]*{field}-error"', html)
    assert "Lakeside Community Services" in html
    assert "400 Shore Rd" in html
    assert session.exec(select(Group)).first() is None


def test_in_person_meeting_without_a_place_is_an_error_on_the_address(
    client, csrf_token, listing_form
):
    form = listing_form(csrf_token())
    for key in (
        "m-0-location_name",
        "m-0-address",
        "m-0-city",
        "m-0-region",
        "m-0-postal_code",
        "m-0-country",
    ):
        form[key] = ""
    response = client.post("/submit", data=form)
    assert response.status_code == 400
    assert 'id="m-0-address-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_missing_or_wrong_csrf_token_is_400_with_the_form_intact(
    client, session, token, listing_form
):
    form = listing_form("")
    if token is None:
        del form["csrf_token"]
    else:
        form["csrf_token"] = token
    response = client.post("/submit", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "did not come from this site" in html
    assert 'value="Lakeside Family Circle"' in html
    assert "400 Shore Rd" in html
    assert session.exec(select(Group)).first() is None


def test_html_typed_into_fields_is_shown_as_text(client, csrf_token, listing_form):
    evil = '<script>alert("x")</script>'
    response = client.post(
        "/submit", data=listing_form(csrf_token(), group_name=evil, contact_email="bad")
    )
    html = response.get_data(as_text=True)
    assert evil not in html
    assert "&lt;script&gt;" in html


def test_honeypot_filled_by_a_bot_stores_nothing(client, session, csrf_token, listing_form):
    response = client.post("/submit", data=listing_form(csrf_token(), homepage="http://spam"))
    assert response.status_code == 302
    assert session.exec(select(Group)).first() is None


def test_likely_duplicate_is_shown_and_the_submitter_can_go_on(
    client, session, csrf_token, make_group, listing_form
):
    existing = make_group(name="Lakeside Family Circle", organization="Lakeside Community Services")
    token = csrf_token()
    shown = client.post("/submit", data=listing_form(token))
    assert shown.status_code == 200
    html = shown.get_data(as_text=True)
    assert "Is this your group?" in html
    assert 'value="submit_anyway"' in html
    assert len(session.exec(select(Group)).all()) == 1
    sent = client.post("/submit", data=listing_form(token, action="submit_anyway"))
    assert sent.status_code == 302
    revision = session.exec(select(ListingRevision)).one()
    assert revision.duplicate_of == [existing.id]


def test_only_accepted_submissions_count_and_a_429_keeps_what_was_typed(
    app, client, csrf_token, listing_form
):
    app.config["SUBMIT_RATE_LIMIT"] = "2/hour"
    token = csrf_token()
    bad = listing_form(token, group_name="")
    # Forms with errors, and adding a meeting row, are not submissions: they never count.
    for _ in range(4):
        assert client.post("/submit", data=bad).status_code == 400
    assert client.post("/submit", data=listing_form(token, action="add_meeting")).status_code == 200
    assert client.post("/submit", data=listing_form(token)).status_code == 302
    assert client.post("/submit", data=listing_form(token)).status_code == 302
    limited = client.post("/submit", data=listing_form(
        token, group_name="Harbour Lights Circle", description="Typed with care."))
    assert limited.status_code == 429
    html = limited.get_data(as_text=True)
    assert "not saved yet" in html and "Everything you typed is still here" in html
    assert 'value="Harbour Lights Circle"' in html and "Typed with care." in html
    assert client.get("/submit").status_code == 200


def test_nul_bytes_anywhere_are_a_clear_4xx_never_a_500(
    client, session, csrf_token, listing_form, make_group, login_as
):
    group = make_group()
    token = csrf_token()
    for field in ("group_name", "owner_email", "m-0-city", "form_nonce", "homepage"):
        response = client.post("/submit", data=listing_form(token, **{field: "a\x00b"}))
        assert response.status_code in (302, 400), field
    report = client.post(f"/groups/{group.slug}/report",
                         data={"csrf_token": token, "kind": "other", "details": "a\x00b"})
    assert report.status_code == 400
    assert client.get("/groups/a%00b/report").status_code == 400
    assert client.post("/admin/login", data={"csrf_token": token, "email": "a\x00b",
                                             "password": "x"}).status_code == 400
    login_as("admin")
    assert client.get("/admin/groups/a%00b/edit").status_code == 400


def test_a_pending_look_alike_is_flagged_to_the_moderator_but_not_shown(
    client, session, csrf_token, listing_form, make_group
):
    pending = make_group(name="Lakeside Family Circle", status="pending",
                         organization="Lakeside Community Services")
    response = client.post("/submit", data=listing_form(csrf_token()))
    assert response.status_code == 302
    revision = session.exec(select(ListingRevision)).one()
    assert revision.duplicate_of == [pending.id]
