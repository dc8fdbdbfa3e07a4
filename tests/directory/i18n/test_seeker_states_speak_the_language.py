"""A sweep of the states a seeker meets — home, results, no results, widened results, a
crisis search in each language, bad filters, the group page of every kind of group (in person,
online, hybrid, by appointment), the handout, the embed, 404 and 400 — each rendered in
English, Spanish and French. A piece of visible text (text nodes and labelling attributes;
not scripts or styles) that is the same in the English page and the Spanish or French one is
English left behind, unless it is the listings' own words, what the seeker typed, a number,
a code, a proper name, or in the allow-list below (each entry says why)."""

from __future__ import annotations

import re
from datetime import time
from html import unescape

import pytest

from directory.models import Location, Meeting
from tests.directory.i18n.test_pages_speak_the_language import (
    HARBOR_CIRCLE,
    english_leftovers,
    in_both,
    listing_words,
    visible,
)

# Proper names and words spelt the same in English and the other language, beyond those the
# page sweep already allows (SAME_EVERYWHERE): service and product names, and French/Spanish
# words that are the English ones.
# Proper names the same in every language, beyond those the page sweep already allows
# (SAME_EVERYWHERE): crisis services that go by their own name in the UK and New Zealand.
ALLOWED = {"Samaritans", "Shout", "Lifeline Aotearoa"}

PORTLAND = dict(name="Harbor Lane Hall", address="120 Alder St", city="Portland",
                region="OR", postal_code="97214", country="US", latitude=45.5152,
                longitude=-122.6535)


@pytest.fixture
def seekers_world(make_group, session):
    """Four groups, one of each kind a group page can be."""
    in_person = make_group(**HARBOR_CIRCLE, location=Location(**PORTLAND))
    online = make_group(
        slug="evening-online", name="Evening Online Circle", format="online", location=None,
        topics=["grief"], cost="donation",
        meeting={"weekday": 3, "start_time": time(18, 0), "end_time": time(19, 0),
                 "timezone": "America/New_York",
                 "online_url": "https://us02web.zoom.example.com/j/5550100",
                 "online_phone": "+1 555 0101,,5550100#", "online_notes": "Passcode 2468"},
    )
    hybrid = make_group(
        slug="bridge-hybrid", name="Bridge Street Hybrid", format="hybrid",
        topics=["depression"], location=Location(**{**PORTLAND, "name": "Bridge Room"}),
        meeting={"weekday": 5, "start_time": time(10, 0), "end_time": time(11, 0),
                 "online_url": "https://meet.google.com/abc-defg-hij"},
    )
    appointment = make_group(
        slug="quiet-harbor", name="Quiet Harbor", topics=["trauma"], appointments=[
            {"name": "Quiet Harbor one-to-one", "attendance": "online",
             "online": {"url": "https://zoom.example.com/j/5550102", "notes": "Ask for a link."},
             "notes": "Call the contact number to arrange a time."},
            {"attendance": "in-person", "place": {"name": "Alder Street Annex",
                                                  "address": "14 Alder St", "city": "Portland",
                                                  "region": "OR", "country": "US"}},
        ])
    session.add(Meeting(group_id=in_person.id, weekday=5, start_time=time(9, 30),
                        end_time=time(10, 30), timezone="America/Los_Angeles",
                        recurrence="monthly:1,3", online_url="https://meet.example.org/harbor",
                        location=None))
    session.commit()
    for group in (in_person, online, hybrid, appointment):
        session.refresh(group)
    return [in_person, online, hybrid, appointment]


def own_words(groups) -> set[str]:  # noqa: ANN001
    words: set[str] = set()
    for group in groups:
        words |= listing_words(group)
        for appointment in group.appointments or []:
            words |= {appointment.get("name") or "", appointment.get("notes") or "",
                      (appointment.get("online") or {}).get("notes") or ""}
            place = appointment.get("place") or {}
            words |= {place.get(k) or "" for k in ("name", "address", "city")}
            words.add(", ".join(p for p in (place.get("city"), place.get("region")) if p))
        for meeting in group.meetings:
            words |= {meeting.online_phone or "", meeting.online_notes or ""}
    return {w for w in words if w}


def place_names(html: str) -> set[str]:
    """The gazetteer's places a results page names ("Showing groups near …", "Did you mean
    …?"): data, named as the gazetteer names them."""
    used = re.search(r'<p class="place-used">(.*?)</p>', html, re.S)
    if not used:
        return set()
    return {unescape(name).strip()
            for name in re.findall(r"<(?:a|strong)\b[^>]*>([^<]+)</(?:a|strong)>", used.group(1))}


# What the seeker typed (shown back to them) and place names the gazetteer gives.
TYPED = {"zzzqqq", "i want to die", "quiero morir", "je veux mourir", "abc", "funday", "zzz",
         "huge", "codependency"}

STATES = {
    "home": "/",
    "results": "/groups?topic=codependency&near=Portland%2C+OR",
    "results as a list": "/groups?topic=codependency&view=list",
    "no results": "/groups?q=zzzqqq",
    "widened results": "/groups?topic=grief&format=in-person&cost=free&day=sunday",
    "crisis (en words)": "/groups?q=i+want+to+die",
    "crisis (es words)": "/groups?q=quiero+morir",
    "crisis (fr words)": "/groups?q=je+veux+mourir",
    "crisis in the UK": "/groups?q=i+want+to+die&near=London",
    "crisis in New Zealand": "/groups?q=quiero+morir&tz=Pacific/Auckland",
    "crisis in Canada": "/groups?q=je+veux+mourir&tz=America/Toronto",
    "crisis with a topic": "/groups?q=i+want+to+die&topic=grief",
    "bad filters": "/groups?radius=abc&day=funday&format=zzz&view=zzz&sort=zzz&page=abc",
    "in-person group": "/groups/harbor-circle",
    "online group": "/groups/evening-online",
    "hybrid group": "/groups/bridge-hybrid",
    "by-appointment group": "/groups/quiet-harbor",
    "handout of one group": "/handout?group=harbor-circle",
    "handout of a search": "/handout?topic=codependency&near=Portland%2C+OR",
    "handout with nothing": "/handout?q=zzzqqq",
    "embed": "/embed?topic=codependency",
    "embed, crisis": "/embed?q=quiero+morir",
    "404": "/groups/no-such-group",
    "400": "/preferences/text-size?size=huge",
}


def _runs(html: str, words: set[str], n: int = 3) -> set[tuple[str, ...]]:
    """Every run of `n` words in the page's visible text, the listings' and the seeker's own
    words taken out first."""
    runs: set[tuple[str, ...]] = set()
    for segment in visible(html):
        for word in sorted(words, key=len, reverse=True):
            segment = segment.replace(word, " | ")
        tokens: list[str] = []
        # Words only: a URL, a number, a name in CamelCase (OpenStreetMap) breaks a run.
        for token in [*segment.split(), "|"]:
            word = token.strip(".,;:!?()“”«»‘’\"'—·")
            if re.fullmatch(r"[A-Za-z][a-z']+|[a-z]", word):
                tokens.append(word.lower())
                continue
            runs |= {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}
            tokens = []
    return runs


def english_runs(english: str, other: str, words: set[str]) -> list[str]:
    """Runs of three English words from the English page's interface found in the other
    page: English left inside a translated sentence ("Próxima: next Tue 7:00 pm")."""
    return sorted(" ".join(run) for run in _runs(english, words) & _runs(other, words))


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_seeker_state_speaks_the_language(client, seekers_world, lang):
    words = own_words(seekers_world) | TYPED | ALLOWED
    leaks: dict[str, list[str]] = {}
    for state, path in STATES.items():
        english, other = in_both(client, path, lang)
        html = other.get_data(as_text=True)
        assert f'lang="{lang}"' in html, state
        own = words | place_names(english.get_data(as_text=True))
        found = english_leftovers(english.get_data(as_text=True), html, own)
        found += english_runs(english.get_data(as_text=True), html, own)
        if found:
            leaks[state] = found
    assert leaks == {}, f"English left in {lang}: {leaks}"


def test_the_sweep_finds_english_left_behind(client, seekers_world):
    """The comparison can fail: an English page compared with itself leaks everything."""
    english = client.get("/groups/harbor-circle?hl=en").get_data(as_text=True)
    leaks = english_leftovers(english, english, own_words(seekers_world) | TYPED | ALLOWED)
    assert "When and where" in leaks
    # English words inside a translated sentence are found too.
    assert english_runs("<p>Next meeting by phone</p>", "<p>Próxima: meeting by phone</p>",
                        set()) == ["meeting by phone"]


@pytest.mark.parametrize("state", ["400", "404", "bad filters", "widened results"])
def test_the_states_are_what_they_say(client, seekers_world, state):
    """Each state in the sweep is the state its name says (so the sweep covers it)."""
    response = client.get(STATES[state] + "&hl=en" if "?" in STATES[state]
                          else STATES[state] + "?hl=en")
    html = response.get_data(as_text=True)
    if state in ("400", "404"):
        assert response.status_code == int(state)
    elif state == "bad filters":
        assert response.status_code == 200 and 'class="notice"' in html
    else:
        assert "Want more results?" in html or "widened" in html.lower()
