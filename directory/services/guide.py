"""The first-timer guide: Markdown pages under content/guide/<lang>/<page>.md, one per page
and language, each with TOML front matter between `+++` lines (title, summary,
last_reviewed, and for the evidence page a `[[sources]]` list).

Rendering is markdown-it-py's safe mode: raw HTML in a file is escaped, never rendered, and a
link is kept only when it is http(s) or relative. A heading may end in `{#anchor}` to give it a
stable id — the same in every language, so that `/guide/first-meeting#online` means the same
section whatever language the page is shown in. Rendered pages are cached per file and
modification time. No Flask here: the content folder and the language preferences are passed in.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from directory import taxonomy
from directory.i18n import text as i18n
from directory.i18n.text import N_, gettext, using_language

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}
# The stable page slugs of PRODUCT.md, in reading order.
PAGES: tuple[str, ...] = ("why-peer-support", "first-meeting", "choosing-a-group",
                          "family-and-friends")
# Fewer results than this and the search page points to the guide.
THIN_RESULTS = 5

# The guide's own words around the content (English; the catalogs say them in es and fr).
TEXT_WORDS: dict[str, str] = {
    "colon": N_(":"),  # French puts a (no-break) space before a colon
    "guide": N_("First-timer's guide"),
    "intro": N_("Short answers for anyone thinking about going to a group for the first time."),
    "last_reviewed": N_("Last reviewed"),
    "other_languages": N_("This page in other languages"),
    "sources": N_("Sources"),
    "crisis": N_("If you might be in danger right now, please don't wait for a group: use the "
                 "crisis line at the top of this page."),
    "find": N_("Find a group"),
    "all_pages": N_("All guide pages"),
    "print_links": N_("Links that start with / are on"),
    "not_found": N_("We couldn't find that guide page"),
    "not_found_body": N_("The link may be mistyped, or the page may not exist in that "
                         "language. These pages are here:"),
}


def guide_text(lang: str) -> dict[str, str]:
    """The guide's chrome in the page's language."""
    with using_language(lang if lang in LANGUAGES else DEFAULT_LANGUAGE):
        return {key: gettext(words) for key, words in TEXT_WORDS.items()}


FRONT_MATTER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.DOTALL)
HEADING_ID = re.compile(r"\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class GuideContentError(ValueError):
    """A content file that cannot be used: bad front matter or a missing field."""


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str
    year: str = ""  # empty when the year could not be confirmed


@dataclass(frozen=True)
class GuidePage:
    slug: str
    lang: str
    title: str
    summary: str
    last_reviewed: date
    html: str
    sections: tuple[tuple[str, str], ...]  # (anchor, heading text) of headings with an id
    links: tuple[str, ...]  # every href kept in the body, in order
    sources: tuple[Source, ...] = ()


def is_safe_link(url: str) -> bool:
    """Only http(s) links and relative links (path, query or #anchor) survive rendering."""
    url = url.strip()
    if url.startswith("//"):
        return False  # protocol-relative: another host, whatever the page's scheme
    if SCHEME.match(url):
        return url.lower().startswith(("http://", "https://"))
    return True


def _heading_ids(state: StateCore) -> None:
    """`## Title {#anchor}` → <h2 id="anchor">Title</h2>; runs before inline parsing."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or i + 1 >= len(tokens):
            continue
        inline = tokens[i + 1]
        match = HEADING_ID.search(inline.content)
        if match:
            token.attrSet("id", match.group(1))
            inline.content = inline.content[: match.start()]


def _renderer() -> MarkdownIt:
    # "js-default": CommonMark plus tables, with raw HTML off (it is escaped as text).
    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_link
    # No images: a picture from elsewhere would be a third-party request.
    md.disable("image")
    md.core.ruler.after("block", "heading_ids", _heading_ids)

    def link_open(self, tokens, idx, options, env):
        href = str(tokens[idx].attrGet("href") or "")
        if href.lower().startswith(("http://", "https://")):
            # Leaving the site: tell the other side nothing about where the reader came from.
            tokens[idx].attrSet("rel", "noopener noreferrer")
        env.setdefault("links", []).append(href)
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


_MD = _renderer()


def render_markdown(text: str) -> tuple[str, tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Safe HTML for a Markdown body, its anchored sections and the links it kept."""
    env: dict = {}
    tokens = _MD.parse(text, env)
    sections = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrGet("id"):
            sections.append((str(token.attrGet("id")), tokens[i + 1].content.strip()))
    html = _MD.renderer.render(tokens, _MD.options, env)
    return html, tuple(sections), tuple(env.get("links", []))


def parse_page(text: str, *, slug: str, lang: str, name: str = "") -> GuidePage:
    """One content file's front matter and rendered body; GuideContentError when unusable."""
    match = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise GuideContentError(f"{name}: no +++ front matter at the top")
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise GuideContentError(f"{name}: front matter: {exc}") from exc
    for key in ("title", "summary", "last_reviewed"):
        if not meta.get(key):
            raise GuideContentError(f"{name}: front matter needs {key!r}")
    reviewed = meta["last_reviewed"]
    if not isinstance(reviewed, date):
        raise GuideContentError(f"{name}: last_reviewed must be a date (YYYY-MM-DD)")
    sources = []
    for entry in meta.get("sources", []):
        try:
            source = Source(title=str(entry["title"]), publisher=str(entry["publisher"]),
                            url=str(entry["url"]), year=str(entry.get("year", "")))
        except (KeyError, TypeError) as exc:
            raise GuideContentError(f"{name}: each source needs title, publisher, url") from exc
        if not source.url.startswith("https://"):
            raise GuideContentError(f"{name}: source link must be https: {source.url}")
        sources.append(source)
    html, sections, links = render_markdown(text[match.end():])
    return GuidePage(slug=slug, lang=lang, title=str(meta["title"]),
                     summary=str(meta["summary"]), last_reviewed=reviewed, html=html,
                     sections=sections, links=links, sources=tuple(sources))


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, slug: str, lang: str) -> GuidePage:
    # mtime in the key: an edited file is read again, an unchanged one never.
    return parse_page(Path(path).read_text(encoding="utf-8"), slug=slug, lang=lang, name=path)


def load_page(content_dir: Path, *, lang: str, slug: str) -> GuidePage | None:
    """The page in that language, or None when the page or the language is not ours."""
    if lang not in LANGUAGES or slug not in PAGES:
        return None
    path = Path(content_dir) / lang / f"{slug}.md"
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    return _load(str(path), mtime, slug, lang)


def list_pages(content_dir: Path, *, lang: str) -> list[GuidePage]:
    """Every page that exists in that language, in reading order."""
    pages = (load_page(content_dir, lang=lang, slug=slug) for slug in PAGES)
    return [page for page in pages if page is not None]


def languages_of(content_dir: Path, *, slug: str) -> list[str]:
    """The languages a page exists in."""
    return [lang for lang in LANGUAGES if (Path(content_dir) / lang / f"{slug}.md").is_file()]


def missing_pages(content_dir: Path) -> list[tuple[str, str]]:
    """(lang, slug) of every page a language lacks."""
    return [(lang, slug) for lang in LANGUAGES for slug in PAGES
            if not (Path(content_dir) / lang / f"{slug}.md").is_file()]


def choose_language(*, requested: str | None, cookie: str | None,
                    accepted: list[str]) -> str | None:
    """The page language: `hl` when given (None if it is not one of ours), else the cookie
    when it names one of ours, else the first Accept-Language tag we have, else English."""
    if requested:
        code = requested.strip().lower()
        return code if code in LANGUAGES else None
    if cookie and cookie.strip().lower() in LANGUAGES:
        return cookie.strip().lower()
    for tag in accepted:
        primary = tag.strip().lower().replace("_", "-").split("-")[0]
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE


def review_label(value: date, lang: str) -> str:
    """3 Nov 2026 / 3 nov 2026 / 3 nov. 2026, in the page's language."""
    with using_language(lang if lang in LANGUAGES else DEFAULT_LANGUAGE):
        return i18n.day_label(value)


# Which sections of "Your first meeting" speak to a group of this approach / format.
APPROACH_SECTIONS = {"twelve-step": "twelve-step", "smart": "other-approaches",
                     "secular": "other-approaches", "mindfulness": "other-approaches",
                     "faith-based": "other-approaches"}
REMOTE_FORMATS = {"online", "phone", "hybrid"}


def expectation_anchors(*, approach: str | None, format: str | None,
                        welcome: str | None = None) -> list[str]:
    """Anchors in the first-meeting page that match a group, most specific first."""
    anchors = []
    if format in REMOTE_FORMATS:
        anchors.append("online")
    if approach in APPROACH_SECTIONS:
        anchors.append(APPROACH_SECTIONS[approach])
    if welcome == "closed":
        anchors.append("open-or-closed")
    return anchors


def expectation_links(content_dir: Path, *, lang: str, approach: str | None,
                      format: str | None, welcome: str | None = None) -> list[tuple[str, str]]:
    """(anchor, heading text) of the first-meeting sections that match a group."""
    page = load_page(content_dir, lang=lang, slug="first-meeting")
    if page is None:
        return []
    titles = dict(page.sections)
    return [(a, titles[a]) for a in expectation_anchors(approach=approach, format=format,
                                                        welcome=welcome) if a in titles]


FAMILY_TOPICS = {"family-and-friends"}


def _family_phrases() -> tuple[str, ...]:
    return next(t.phrases for t in taxonomy.TOPIC_LIST if t.code == "family-and-friends")


def page_for_search(*, topics: tuple[str, ...] | list[str], text: str, total: int) -> str | None:
    """The guide page to offer under a search with few or no results, or None."""
    if total >= THIN_RESULTS:
        return None
    lowered = text.lower()
    if FAMILY_TOPICS.intersection(topics) or any(p in lowered for p in _family_phrases()):
        return "family-and-friends"
    return "choosing-a-group"
