"""Every main page in Spanish and French, compared with the same page in English: a piece of
visible text that is still the English one (and is not a name, a number or a listing's own
words) fails the test."""

from __future__ import annotations

import re
from datetime import time
from html import unescape
from html.parser import HTMLParser

import pytest
from flask import render_template

from directory.errors import too_large_message
from directory.models import Location, Meeting

# Words that are the same in every language: names of things, codes, units.
SAME_EVERYWHERE = {
    "Circles", "English", "Español", "Français", "SMART Recovery", "LGBTQ+", "UTC", "mi",
    "km", "JSON", "OpenStreetMap", "×", "·", "—", "Format", "Description", "Contact",
    "Source", "Distance", "Stress", "Nicotine", "Parents", "Principal", "No", "Page",
    "E-mail", "Alcohol", "Secular", "Trauma", "Error",
}
ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")


class VisibleText(HTMLParser):
    """Text nodes a reader sees or hears (not scripts or styles), and labelling attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in ("script", "style", "textarea", "datalist"):
            self._hidden += 1
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self._add(value)
            if tag == "meta" and name == "content" and ("name", "description") in attrs:
                self._add(value)

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in ("script", "style", "textarea", "datalist"):
            self._hidden -= 1

    def handle_data(self, data):  # noqa: ANN001
        if not self._hidden:
            self._add(data)

    def _add(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.nodes.append(text)


def visible(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.nodes


def is_language_neutral(text: str, listing_words: set[str]) -> bool:
    """Names, numbers, codes, addresses, the listing's and the seeker's own words need no
    translation."""
    text = text.strip(" ,·—:()“”")
    if not text or text in SAME_EVERYWHERE or text in listing_words:
        return True
    if not re.search(r"[A-Za-z]{2,}", text):  # numbers, times, punctuation
        return True
    if re.fullmatch(r"\d+(\.\d+)? (mi|km)", text):  # a distance
        return True
    if re.fullmatch(r"(https?://|/|mailto:|tel:)\S*|\S+@\S+|[\w.-]+\.(ics|svg)", text):
        return True
    if re.fullmatch(r"[A-Z]{2,4}|[a-z]{2}(-[A-Z]{2})?", text):  # codes: USD, OR, en
        return True
    for word in sorted(listing_words | SAME_EVERYWHERE, key=len, reverse=True):
        if word and word in text:
            return is_language_neutral(text.replace(word, " "), listing_words)
    return False


def english_leftovers(english: str, other: str, listing_words: set[str]) -> list[str]:
    shown_in_english = set(visible(english))
    return sorted({text for text in visible(other)
                   if text in shown_in_english and not is_language_neutral(text, listing_words)})


def in_both(client, path: str, lang: str):  # noqa: ANN001, ANN201 - test client, responses
    """The page at `path` in English and in `lang` (both answering alike)."""
    joiner = "&" if "?" in path else "?"
    english = client.get(f"{path}{joiner}hl=en")
    other = client.get(f"{path}{joiner}hl={lang}")
    assert other.status_code == english.status_code, path
    return english, other


# An in-person group with every part of a group page filled in.
HARBOR_CIRCLE = dict(
    slug="harbor-circle", name="Harbor Lane Family Circle", approach="twelve-step",
    welcome="open", facilitation="peer-led", access=["wheelchair"], cost="sliding-scale",
    fee_cents=500, fee_currency="USD", contact_email="hello@example.org",
    contact_phone="+1 555 0100", website="https://example.org/harbor",
    topics=["codependency", "family-and-friends"],
)


@pytest.fixture
def listing(make_group, session):
    """An in-person group with a second, online meeting, so every part of the page shows."""
    group = make_group(**HARBOR_CIRCLE)
    session.add(Meeting(group_id=group.id, weekday=5, start_time=time(9, 30),
                        end_time=time(10, 30), timezone="America/Los_Angeles",
                        recurrence="monthly:1,3", online_url="https://meet.example.org/harbor",
                        location=None))
    session.commit()
    session.refresh(group)
    return group


def listing_words(group) -> set[str]:  # noqa: ANN001
    words = {group.name, group.description or "", group.slug, group.contact_email or "",
             group.contact_phone or "", group.website or ""}
    if group.organization:
        words.add(group.organization.name)
    for meeting in group.meetings:
        loc: Location | None = meeting.location
        if loc:
            words.update({loc.name or "", loc.address or "", loc.city or "", loc.region or "",
                          loc.postal_code or "", loc.country or "",
                          ", ".join(p for p in (loc.city, loc.region, loc.postal_code) if p),
                          f"{loc.name}, {loc.city}"})
        words.update({meeting.online_url or "", meeting.name or ""})
    return {w for w in words if w}


# Places the gazetteer names (in their own language) and the words typed in the searches.
SEARCH_WORDS = {"my husband drinks", "zzzqqq", "grief", "Portland, OR", "Portland, Oregon",
                "Portland, Maine", "Portland, Connecticut", "Portland, Indiana",
                "Portland, Tennessee", "Portland, Texas"}

PAGES = [
    "/",
    "/groups?q=my+husband+drinks&near=Portland%2C+OR",
    "/groups?format=online&cost=free&day=today&sort=distance",  # notices and relaxations
    "/groups?q=zzzqqq",
    "/groups/harbor-circle",
    "/submit",
    "/groups/harbor-circle/report",
    "/groups/harbor-circle/claim",
    "/listings/recover",
    "/handout?group=harbor-circle",
    "/handout?q=grief&near=Portland%2C+OR",
    "/embed?topic=codependency",
    "/guide",
    "/guide/first-meeting",
    "/groups/no-such-group",
]


@pytest.mark.parametrize("lang", ["es", "fr"])
@pytest.mark.parametrize("path", PAGES)
def test_a_page_in_spanish_or_french_shows_no_english_interface_text(client, listing, lang,
                                                                     path):
    joiner = "&" if "?" in path else "?"
    english = client.get(f"{path}{joiner}hl=en")
    other = client.get(f"{path}{joiner}hl={lang}")
    assert other.status_code == english.status_code
    html = other.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    leftovers = english_leftovers(english.get_data(as_text=True), html,
                                  listing_words(listing) | SEARCH_WORDS)
    assert leftovers == [], f"English left on {path} in {lang}: {leftovers}"


@pytest.mark.parametrize("lang", ["es", "fr"])
@pytest.mark.parametrize("template", ["errors/400.html", "errors/404.html", "errors/413.html",
                                      "errors/429.html", "errors/4xx.html", "errors/500.html",
                                      "errors/503.html"])
def test_error_pages_speak_the_language(app, lang, template):
    def render(hl: str) -> str:
        with app.test_request_context(f"/?hl={hl}"):
            error = type("Error", (), {"description": too_large_message()})
            return render_template(template, error=error)

    leftovers = english_leftovers(render("en"), render(lang), set())
    assert leftovers == [], f"English left in {template} ({lang}): {leftovers}"


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_a_form_with_errors_says_them_in_the_language(client, lang):
    form = {"group_name": "", "contact_email": "not-an-email", "format": "in-person",
            "cost": "free", "m-0-weekday": "tue", "m-0-start_time": "19:00",
            "m-0-timezone": "America/Chicago", "action": "submit"}
    english = client.post("/submit?hl=en", data=form)
    other = client.post(f"/submit?hl={lang}", data=form)
    assert english.status_code == other.status_code == 400
    html = other.get_data(as_text=True)
    leftovers = english_leftovers(english.get_data(as_text=True), html, {"not-an-email"})
    assert leftovers == [], leftovers
    said = unescape(html)
    assert {"es": "Nombre del grupo: Este dato es obligatorio",
            "fr": "Nom du groupe\u00a0: Ce champ est obligatoire"}[lang] in said
    assert {"es": "así que no se guardó nada", "fr": "rien n'a été enregistré"}[lang] in said
