"""Handouts and the embeddable widget."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def directory(make_group):
    make_group(slug="after-the-loss", name="After the Loss", topics=["grief"],
               contact_phone="+1 503-555-0142")
    make_group(slug="calm-waters", name="Calm Waters", topics=["anxiety"])
    make_group(slug="paused-one", name="Paused One", topics=["grief"], status="paused")


def test_handout_for_a_search_lists_its_top_groups_with_a_qr_code(client, directory):
    html = client.get("/handout?topic=grief").get_data(as_text=True)
    assert "After the Loss" in html and "Calm Waters" not in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "http://127.0.0.1:5000/groups?topic=grief" in html
    assert "Call +1 503-555-0142" in html
    assert "988" in html  # the crisis line is printed too


def test_handout_for_a_shortlist_keeps_the_chosen_order(client, directory):
    html = client.get("/handout?group=calm-waters&group=after-the-loss").get_data(as_text=True)
    assert html.index("Calm Waters") < html.index("After the Loss")
    assert "http://127.0.0.1:5000/handout?group=calm-waters&amp;group=after-the-loss" in html


def test_handout_leaves_out_unlisted_groups_with_a_notice(client, directory):
    response = client.get("/handout?group=paused-one&group=nope&group=calm-waters")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Paused One" not in html and "Calm Waters" in html
    assert "2 groups are no longer listed" in html


def test_embed_can_be_framed_by_any_site_but_other_pages_cannot(client, directory):
    embed = client.get("/embed?topic=grief")
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    html = embed.get_data(as_text=True)
    assert '<base target="_blank">' in html
    assert "After the Loss" in html
    page = client.get("/groups?topic=grief")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_results_page_offers_handout_embed_and_shortlist_links(client, directory):
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    assert 'href="/handout?topic=grief"' in html
    assert '&lt;iframe src="http://127.0.0.1:5000/embed?topic=grief"' in html
    assert 'href="/handout?group=after-the-loss"' in html


@pytest.fixture
def zoned(make_group):
    make_group(slug="online-grief", name="Online Grief Circle", topics=["grief"],
               format="online", location=None,
               meeting={"online_url": "https://meet.example.org/grief",
                        "timezone": "America/New_York"})
    make_group(slug="hall-grief", name="Hall Grief Circle", topics=["grief"])


def _times(html: str) -> dict[str, str]:
    """Each result's name -> its <time …>…</time> element."""
    out = {}
    for chunk in html.split("<li>")[1:]:
        name = re.search(r'rel="noopener">([^<]+)<', chunk).group(1)
        out[name] = re.search(r"<time[^>]*>[^<]*</time>", chunk).group(0)
    return out


def test_embed_times_are_labelled_with_their_zone_and_marked_for_the_readers_browser(
        client, zoned):
    times = _times(client.get("/embed?topic=grief").get_data(as_text=True))
    online = times["Online Grief Circle"]
    # Without JavaScript: the meeting's own zone, named in words.
    assert re.search(r">(today|tomorrow|next \w{3}|\w{3} \d+ \w{3}|meeting now \(started) "
                     r"\d+:\d\d [ap]m Eastern time\)?<", online)
    assert re.search(r'data-reader-time="2\d{3}-\d\d-\d\dT\d\d:\d\d:00-0[45]:00"', online)
    # In person: the reader will be there, so the place's own clock stays.
    hall = times["Hall Grief Circle"]
    assert re.search(r"Pacific time\)?<", hall) and "data-reader-time" not in hall
    assert 'src="/static/js/site.' in client.get("/embed?topic=grief").get_data(as_text=True)


def test_embed_time_for_a_given_tz_carries_that_zones_offset(client, zoned):
    online = _times(client.get("/embed?topic=grief&tz=America/Chicago").get_data(as_text=True))[
        "Online Grief Circle"]
    assert re.search(r"Central time\)?<", online)
    assert re.search(r'data-reader-time="[^"]+-0[56]:00"', online)
