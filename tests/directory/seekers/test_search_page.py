"""The /groups search page: ranking wired to the page, notices, share link, bad input."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import Location


@pytest.fixture
def directory(make_group):
    """A handful of groups: two in Portland, one in Seattle, one online."""
    make_group(slug="pdx-family", name="Eastside Family Circle", topics=["family-and-friends"],
               description="For people whose husband, wife or partner drinks.")
    make_group(slug="pdx-grief", name="After the Loss", topics=["grief"], cost="donation",
               description="Grief support after the death of a parent, partner or friend.")
    make_group(
        slug="sea-anxiety", name="Calm Waters", topics=["anxiety"],
        location=Location(name="Fremont Hall", address="1 Fremont Ave", city="Seattle",
                          region="WA", postal_code="98103", country="US", latitude=47.651,
                          longitude=-122.35),
    )
    make_group(slug="online-grief", name="Good Mourning Online", topics=["grief"],
               format="online", location=None,
               meeting={"online_url": "https://meet.example.org/mourning",
                        "timezone": "America/New_York"})


def names(html: str) -> list[str]:
    import re

    return re.findall(r'<h2 id="g-\d+"><a href="[^"]+">([^<]+)</a>', html)


def test_everyday_words_find_the_right_group(client, directory):
    html = client.get("/groups?q=my+husband+drinks").get_data(as_text=True)
    assert names(html)[0] == "Eastside Family Circle"
    assert "Why this matches" in html


def test_typo_still_finds_grief_groups(client, directory):
    found = names(client.get("/groups?q=greif").get_data(as_text=True))
    assert set(found[:2]) == {"After the Loss", "Good Mourning Online"}


def test_place_limits_in_person_groups_but_keeps_online_ones(client, directory):
    html = client.get("/groups?near=Seattle%2C+WA&radius=10").get_data(as_text=True)
    found = names(html)
    assert "Calm Waters" in found and "Good Mourning Online" in found
    assert "Eastside Family Circle" not in found
    assert "Showing groups near <strong>Seattle, Washington</strong>" in html


def test_unknown_place_gives_a_notice_not_an_error(client, directory):
    response = client.get("/groups?near=Qwxzvbnm+Land")
    assert response.status_code == 200
    assert 'class="notice"' in response.get_data(as_text=True)


def test_active_filters_show_as_removable_chips(client, directory):
    html = client.get("/groups?topic=grief&cost=donation").get_data(as_text=True)
    assert names(html) == ["After the Loss"]
    assert 'href="/groups?topic=grief"' in html  # removes the cost chip
    assert 'href="/groups?cost=donation"' in html  # removes the topic chip


def test_few_results_suggest_which_filter_to_relax(client, directory):
    html = client.get("/groups?topic=grief&cost=donation").get_data(as_text=True)
    assert "Want more results?" in html
    assert 'href="/groups?topic=grief"' in html


def test_share_link_is_canonical_and_has_a_qr_code(client, directory):
    html = client.get("/groups?sort=best&topic=grief&q=loss&page=1").get_data(as_text=True)
    assert 'value="http://127.0.0.1:5000/groups?q=loss&amp;topic=grief"' in html
    qr = client.get("/groups/qr.svg?topic=grief&q=loss")
    assert qr.status_code == 200
    assert qr.mimetype == "image/svg+xml"
    assert b"<svg" in qr.data


def test_same_search_gives_the_same_order(client, directory):
    first = names(client.get("/groups?q=support").get_data(as_text=True))
    assert first == names(client.get("/groups?q=support").get_data(as_text=True))


BAD_QUERIES = [
    "lat=999&lon=0", "lat=45", "page=0", "page=-1", "page=99999999999999999999",
    "per_page=0", "per_page=101", "radius=abc&near=Portland", "radius=1e400&near=Portland",
    "topic=" + "x" * 5000, "q=" + "a" * 10_000, "near=" + "%00" * 50, "tz=Not/AZone",
    "sort=sideways", "day=funday&time=teatime", "units=parsecs", "welcome=sometimes",
    "lang=english", "colour=blue", "q=%F0%9F%98%80%F0%9F%98%80", "near=%E2%80%AE%E2%80%AE",
    "lat=nan&lon=nan", "lat=inf&lon=-inf", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "page=2&per_page=100", "format=online&format=online&format=zoom",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_garbage_query_strings_give_a_page_with_a_notice_never_an_error(
    client, directory, query
):
    response = client.get(f"/groups?{query}")
    assert response.status_code == 200, query
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(
    st.sampled_from(["q", "topic", "near", "lat", "lon", "radius", "format", "cost", "day",
                     "time", "lang", "audience", "access", "approach", "welcome", "tz",
                     "sort", "page", "per_page", "units", "zzz"]),
    st.text(max_size=30),
), max_size=8))
def test_any_query_string_is_answered_without_a_server_error(client, directory, pairs):
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
    assert client.get(f"/groups?{query}").status_code == 200


def test_search_calendar_holds_the_results_meetings(client, directory):
    from icalendar import Calendar

    response = client.get("/groups.ics?topic=grief")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"After the Loss", "Good Mourning Online"}
    html = client.get("/groups?topic=grief").get_data(as_text=True)
    assert 'href="/groups.ics?topic=grief"' in html


def test_unknown_place_offers_suggestions_and_typos_name_the_place_used(client, directory):
    html = client.get("/groups?near=Xyzzyville").get_data(as_text=True)
    assert "We couldn" in html and "Try:" in html
    typo = client.get("/groups?near=Portlnd").get_data(as_text=True)
    assert "Showing groups near <strong>Portland, Oregon</strong>" in typo
    assert "closest match to “Portlnd”" in typo
    assert "Did you mean" in typo and "Portland, Maine" in typo
