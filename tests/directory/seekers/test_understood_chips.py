"""What the search words were read as, on the page (removable chips) and in the API."""

from __future__ import annotations

import html as html_lib
import re

import pytest


@pytest.fixture
def directory(make_group):
    make_group(slug="pdx-grief-free", name="After the Loss", topics=["grief"], cost="free",
               description="Grief support after the death of a parent, partner or friend.")
    make_group(slug="pdx-grief-fee", name="Paid Grief Course", topics=["grief"], cost="fee",
               description="A grief course with a fee.")
    make_group(slug="pdx-coda", name="Portland Codependency Circle", topics=["codependency"],
               description="Co-Dependents Anonymous meeting.")
    make_group(slug="pdx-alanon", name="Eastside Family Circle", topics=["family-and-friends"],
               description="For people whose husband, wife or partner drinks.")


def chip_links(page: str) -> dict[str, str]:
    """Chip text → its link, for the chips of words read as filters."""
    out = {}
    block = page.split('class="chips understood-chips"', 1)
    if len(block) < 2:
        return out
    for href, text in re.findall(r'<a class="chip" href="([^"]+)">\s*<span>([^<]+)</span>',
                                 block[1].split("</ul>", 1)[0]):
        out[html_lib.unescape(text)] = html_lib.unescape(href)
    return out


def test_a_filter_word_becomes_a_chip_that_removes_it(client, directory):
    page = client.get("/groups?q=free+grief").get_data(as_text=True)
    assert "After the Loss" in page and "Paid Grief Course" not in page
    chips = chip_links(page)
    assert chips == {"We read “free” as Cost: Free": "/groups?q=grief"}
    again = client.get(chips["We read “free” as Cost: Free"]).get_data(as_text=True)
    assert "After the Loss" in again and "Paid Grief Course" in again
    assert not chip_links(again)


def test_tonight_is_one_chip_naming_every_filter_it_set(client, directory):
    chips = chip_links(client.get("/groups?q=grief+tonight").get_data(as_text=True))
    assert chips == {"We read “tonight” as Day: today, Time: Evening, Time: Night":
                     "/groups?q=grief"}


def test_the_page_says_what_a_fellowship_name_was_read_as(client, directory):
    page = html_lib.unescape(client.get("/groups?q=CoDA").get_data(as_text=True))
    assert "We read “CoDA” as Codependency" in page
    assert "CoDA → Codependency" in page  # the "why this matches" line


def test_a_family_member_is_told_family_groups_come_first(client, directory):
    page = client.get("/groups?q=mi+esposo+bebe").get_data(as_text=True)
    assert "groups for family and friends come first" in page
    first = re.search(r'<h2 id="g-\d+"><a href="[^"]+">([^<]+)</a>', page)
    assert first and first.group(1) == "Eastside Family Circle"


@pytest.mark.parametrize("q", ["🙂🙂", "the and of", "x" * 10_000, "ca", "free", "ça va"])
def test_odd_words_give_a_page_never_an_error(client, directory, q):
    assert client.get("/groups", query_string={"q": q}).status_code == 200


def test_the_api_reports_what_the_words_were_read_as(client, directory):
    body = client.get("/api/v1/groups?q=free+grief+en+espa%C3%B1ol").get_json()
    understood = body["query"]["understood"]
    assert {"kind": "filter", "param": "cost", "value": "free", "words": "free",
            "label": "Cost: Free"} in understood
    assert {"kind": "filter", "param": "lang", "value": "es", "words": "en español",
            "label": "Language: Spanish"} in understood
    assert all("off" not in item for item in understood)


def test_the_api_understood_list_is_empty_without_words(client, directory):
    assert client.get("/api/v1/groups?topic=grief").get_json()["query"]["understood"] == []


def test_dropping_a_word_read_filter_drops_its_words(client, make_group):
    make_group(slug="grief-fee", name="Paid Grief Course", topics=["grief"], cost="fee",
               description="A grief course with a fee.")
    page = html_lib.unescape(client.get("/groups?q=free+grief").get_data(as_text=True))
    assert "No groups match" in page
    links = dict((text, href) for href, text in re.findall(r'<li><a href="([^"]+)">([^<]+)</a>',
                                                           page.split('class="relax"', 1)[1]))
    assert links["Drop the ‘Free’ filter"] == "/groups?q=grief"
