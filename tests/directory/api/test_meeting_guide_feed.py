"""GET /api/v1/meeting-guide.json: the feed, cacheable and open to other origins."""

from __future__ import annotations

import json
from datetime import time

from directory.models import Location


def test_feed_lists_weekly_meetings_of_active_groups(client, make_group):
    make_group(slug="weekly-circle", name="Weekly Circle")
    make_group(slug="monthly-circle", meeting={"recurrence": "monthly:1,3"})
    make_group(slug="paused-circle", status="paused")
    response = client.get("/api/v1/meeting-guide.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    feed = response.get_json()
    assert [e["slug"] for e in feed] == ["weekly-circle-tue-1900"]
    assert feed[0]["day"] == 2
    assert feed[0]["url"] == "http://127.0.0.1:5000/groups/weekly-circle"


def test_feed_is_cacheable_with_an_etag_and_cors(client, make_group):
    make_group()
    response = client.get("/api/v1/meeting-guide.json")
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    etag = response.headers["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    again = client.get("/api/v1/meeting-guide.json")
    assert again.headers["ETag"] == etag


def test_matching_if_none_match_answers_304_without_a_body(client, make_group):
    make_group()
    etag = client.get("/api/v1/meeting-guide.json").headers["ETag"]
    response = client.get("/api/v1/meeting-guide.json", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    stale = client.get("/api/v1/meeting-guide.json", headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200


def test_etag_changes_when_the_listing_changes(client, make_group, session):
    group = make_group()
    etag = client.get("/api/v1/meeting-guide.json").headers["ETag"]
    group.meetings[0].start_time = time(20, 0)
    session.add(group)
    session.commit()
    assert client.get("/api/v1/meeting-guide.json").headers["ETag"] != etag


def test_markup_in_a_listing_cannot_break_out_of_the_json(client, make_group):
    make_group(
        description="</script><script>alert(1)</script> & more",
        location=Location(name="<b>Hall</b>", address="1 Main St", city="Portland",
                          country="US"),
    )
    response = client.get("/api/v1/meeting-guide.json")
    assert b"<" not in response.data and b">" not in response.data
    (entry,) = json.loads(response.data)
    assert entry["notes"] == "</script><script>alert(1)</script> & more"
    assert entry["location"] == "<b>Hall</b>"
