"""French typography: a no-break space (U+00A0, or the narrow U+202F) before « : ; ! ? » and
inside « guillemets », in the catalog and on the rendered pages — and no template that glues
a ":" after a translated label (the colon belongs inside the message, where French can put
its space)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.directory.i18n.test_pages_speak_the_language import listing, listing_words
from tests.directory.i18n.test_staff_pages_speak_the_language import FIXTURE_WORDS, staff_world

__all__ = ["listing", "staff_world"]  # fixtures, used by name

ROOT = Path(__file__).resolve().parents[3]
FRENCH = ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
NO_BREAK = "\u00a0\u202f"
HIGH = ":;!?"
# Messages whose French keeps a bare ";": the value a moderator types into the field, a list
# of codes ("en; fr"), not prose.
LITERAL_VALUES = {"Two-letter codes separated by ; — for example en; es"}


def typography_problems(text: str) -> list[str]:
    """Where `text` breaks French typography: a plain space, or no space at all, before a
    : ; ! ? used as punctuation (followed by a space, a line end or the end), and « or »
    without a no-break space inside. Times (19:00), URLs (https://, ?hl=es) and format codes
    (monthly:1,3) are not punctuation and pass."""
    problems = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if char in HIGH:
            if before in NO_BREAK or after not in ("", " ", "\n", "»", ")", *NO_BREAK):
                continue
            if char in "!?" and before in "!?":  # "?!" — the space is before the first
                continue
            problems.append(f"{text[max(0, i - 25):i + 2]!r}: "
                            f"{'a plain space' if before == ' ' else 'no space'} before {char}")
        elif char == "«" and after not in NO_BREAK:
            problems.append(f"{text[i:i + 25]!r}: no no-break space after «")
        elif char == "»" and before not in NO_BREAK:
            problems.append(f"{text[max(0, i - 25):i + 1]!r}: no no-break space before »")
    return problems


@pytest.mark.parametrize("text", ["Merci !", "Nom: Marie", "Nom : Marie", "Vraiment?",
                                  "« Oui »", "«Oui»", "un ; deux", "la fin:"])
def test_the_check_catches_english_spacing(text):
    assert typography_problems(text)


@pytest.mark.parametrize("text", ["Merci\u00a0!", "Nom\u202f: Marie", "à 19:00",
                                  "https://example.org/a?hl=fr", "«\u00a0Oui\u00a0»",
                                  "monthly:1,3", "un\u00a0; deux", "Vraiment\u00a0?!",
                                  "Ouvrez ce lien\u00a0:\nhttps://x"])
def test_the_check_lets_french_spacing_times_and_urls_pass(text):
    assert typography_problems(text) == []


def test_every_french_message_spaces_its_high_punctuation():
    with FRENCH.open("rb") as handle:
        catalog = read_po(handle)
    bad = []
    for message in catalog:
        if not message.id or message.id in LITERAL_VALUES:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            bad += [f"{message.id!r} → {problem}" for problem in typography_problems(text)]
    assert bad == [], "\n".join(bad)


# A ":" (or ; ! ?) right after the end of an expression, a tag or a block in a template: the
# label before it was translated alone and the colon glued on in English style.
GLUED = re.compile(r"(\}\}|%\}|</[a-z]+>)[:;!?](?=[\s<{]|$)", re.M)


def test_no_template_glues_punctuation_after_a_translated_label():
    glued = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in (".html", ".txt"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if GLUED.search(line):
                glued.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert glued == [], "\n".join(glued)


class _Text(HTMLParser):
    """The visible text of a page as one string, no-break spaces kept."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in ("script", "style", "textarea", "pre"):
            self._hidden += 1
        elif tag in ("p", "li", "div", "td", "th", "h1", "h2", "h3", "dt", "dd", "br",
                     "option", "label", "section", "tr"):
            self.parts.append("\n")
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(f"\n{value}\n")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in ("script", "style", "textarea", "pre"):
            self._hidden -= 1

    def handle_data(self, data):  # noqa: ANN001
        if not self._hidden:
            self.parts.append(data)


def _literal_values_in_french() -> set[str]:
    with FRENCH.open("rb") as handle:
        catalog = read_po(handle)
    return {catalog.get(message).string for message in LITERAL_VALUES}


def page_problems(html: str, own_words: set[str]) -> list[str]:
    own_words = own_words | _literal_values_in_french()
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.parts)
    for word in sorted(own_words, key=len, reverse=True):  # the listings' own words
        text = text.replace(word, "")
    text = re.sub(r"[ \t\r\f]+", " ", text)
    return typography_problems(text)


SEEKER_PAGES = [
    "/", "/groups?topic=codependency&format=in-person&cost=sliding-scale",
    "/groups?q=zzzqqq", "/groups?day=today&format=online&sort=distance",
    "/groups/harbor-circle", "/groups/harbor-circle/report", "/submit",
    "/handout?group=harbor-circle", "/embed?topic=codependency", "/guide",
    "/guide/first-meeting", "/groups/no-such-group", "/groups?radius=abc",
    "/groups?q=je+veux+mourir", "/groups?q=my+husband+drinks&near=Portland%2C+OR&view=list",
    "/groups?view=zzz&sort=zzz", "/groups?q=free+grief+groups+in+spanish",
]


@pytest.mark.parametrize("path", SEEKER_PAGES)
def test_french_seeker_pages_space_their_punctuation(client, listing, path):
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}hl=fr")
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html
    problems = page_problems(html, listing_words(listing))
    assert problems == [], f"{path}: {problems}"


def test_french_search_chips_put_the_space_inside_the_message(client, listing):
    html = client.get("/groups?topic=codependency&hl=fr").get_data(as_text=True)
    assert re.search("<span>[^<]+\u00a0: [^<]+</span>", html), \
        re.findall(r'<a class="chip".*?</a>', html, re.S)


def test_french_understood_filters_put_the_space_inside_the_message(client, listing):
    html = client.get("/groups?q=free+grief+groups+in+spanish&hl=fr").get_data(as_text=True)
    assert "Coût\u00a0: Gratuit" in html, re.findall(r"understood.*?</ul>", html, re.S)


def test_french_staff_pages_space_their_punctuation(client, staff_world):
    words = listing_words(staff_world["group"]) | FIXTURE_WORDS
    for path in ("/admin/", "/admin/audit", "/admin/sources", "/admin/reports",
                 "/admin/accounts", "/admin/import-export", "/admin/settings"):
        html = client.get(f"{path}?hl=fr").get_data(as_text=True)
        assert '<html lang="fr">' in html, path
        problems = page_problems(html, words)
        assert problems == [], f"{path}: {problems}"
