"""GET /groups/<slug>.ics: a group's meetings as a downloadable iCalendar file."""

from __future__ import annotations

from icalendar import Calendar


def test_calendar_download_is_text_calendar_with_a_filename(client, make_group):
    make_group(slug="harbor-circle", name="Harbor Circle")
    response = client.get("/groups/harbor-circle.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="harbor-circle.ics"'
    cal = Calendar.from_ical(response.data)
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Harbor Circle"
    assert str(event["UID"]) == "harbor-circle-0@127.0.0.1"
    assert str(event["DTSTART"].params["TZID"]) == "America/Los_Angeles"


def test_group_page_still_answers_beside_its_calendar(client, make_group):
    make_group(slug="harbor-circle")
    assert client.get("/groups/harbor-circle").status_code == 200


def test_unknown_or_paused_group_has_no_calendar(client, make_group):
    make_group(slug="paused-circle", status="paused")
    make_group(slug="pending-circle", status="pending")
    for slug in ("paused-circle", "pending-circle", "no-such-group"):
        assert client.get(f"/groups/{slug}.ics").status_code == 404


def test_calendar_has_a_strong_etag_and_answers_304_until_the_group_changes(
    client, make_group, session
):
    group = make_group(slug="harbor-circle", name="Harbor Circle")
    first = client.get("/groups/harbor-circle.ics")
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get("/groups/harbor-circle.ics")
    assert again.headers["ETag"] == etag  # the same bytes, a moment later
    polled = client.get("/groups/harbor-circle.ics", headers={"If-None-Match": etag})
    assert polled.status_code == 304 and polled.data == b""

    from datetime import timedelta

    group.name = "Harbor Circle (Tuesdays)"
    group.updated_at = group.updated_at + timedelta(minutes=5)
    session.add(group)
    session.commit()
    changed = client.get("/groups/harbor-circle.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "Harbor Circle (Tuesdays)" in changed.get_data(as_text=True)


def test_search_calendar_answers_304_to_its_own_etag(client, make_group):
    make_group(slug="harbor-circle", name="Harbor Circle")
    first = client.get("/groups.ics?q=harbor")
    assert first.status_code == 200
    polled = client.get("/groups.ics?q=harbor", headers={"If-None-Match": first.headers["ETag"]})
    assert polled.status_code == 304
