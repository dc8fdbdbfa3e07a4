"""The guide's content files and their renderer: every page in every language, safe HTML only,
stable anchors, language choice and the links from the search and group pages."""

from __future__ import annotations

import ast
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from directory import ROOT
from directory.services import guide

CONTENT = ROOT / "content" / "guide"
ALL = [(lang, slug) for lang in guide.LANGUAGES for slug in guide.PAGES]

FRONT = '+++\ntitle = "T"\nsummary = "S"\nlast_reviewed = 2026-12-01\n+++\n'


def page(body: str, front: str = FRONT) -> guide.GuidePage:
    return guide.parse_page(front + body, slug="first-meeting", lang="en", name="test.md")


def test_every_language_has_every_page():
    assert guide.missing_pages(CONTENT) == []


def test_a_language_missing_a_page_is_reported(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "guide")
    (tmp_path / "guide" / "fr" / "choosing-a-group.md").unlink()
    assert guide.missing_pages(tmp_path / "guide") == [("fr", "choosing-a-group")]
    assert guide.load_page(tmp_path / "guide", lang="fr", slug="choosing-a-group") is None
    assert guide.languages_of(tmp_path / "guide", slug="choosing-a-group") == ["en", "es"]


@pytest.mark.parametrize("lang,slug", ALL)
def test_every_page_has_title_summary_review_date_and_starts_headings_at_h2(lang, slug):
    found = guide.load_page(CONTENT, lang=lang, slug=slug)
    assert found is not None
    assert found.title and found.summary
    assert date(2026, 1, 1) <= found.last_reviewed <= date.today()
    assert "<h1" not in found.html  # the title is the page's only h1
    levels = [int(n) for n in re.findall(r"<h([2-6])", found.html)]
    assert levels and levels[0] == 2
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


@pytest.mark.parametrize("lang,slug", ALL)
def test_content_files_contain_no_raw_html(lang, slug):
    text = (CONTENT / lang / f"{slug}.md").read_text(encoding="utf-8")
    assert not re.search(r"<[a-zA-Z/!]", text), "write Markdown, not HTML"


@pytest.mark.parametrize("slug", guide.PAGES)
def test_anchors_are_the_same_in_every_language(slug):
    anchors = {lang: [a for a, _ in guide.load_page(CONTENT, lang=lang, slug=slug).sections]
               for lang in guide.LANGUAGES}
    assert anchors["en"], "every page has anchored sections"
    assert anchors["es"] == anchors["en"] and anchors["fr"] == anchors["en"]


@pytest.mark.parametrize("lang", guide.LANGUAGES)
def test_every_section_a_group_page_links_to_exists(lang):
    sections = dict(guide.load_page(CONTENT, lang=lang, slug="first-meeting").sections)
    wanted = {"online", "open-or-closed", *guide.APPROACH_SECTIONS.values()}
    assert wanted <= set(sections)


@pytest.mark.parametrize("lang,slug", ALL)
def test_links_to_other_guide_pages_exist_and_keep_the_language(lang, slug):
    for href in guide.load_page(CONTENT, lang=lang, slug=slug).links:
        if href.startswith("/guide"):
            match = re.fullmatch(r"/guide/([a-z-]+)\?hl=([a-z]{2})(#[a-z-]+)?", href)
            assert match, href
            assert match.group(1) in guide.PAGES and match.group(2) == lang


@pytest.mark.parametrize("lang", guide.LANGUAGES)
def test_the_evidence_page_cites_each_source_with_title_publisher_and_https_link(lang):
    found = guide.load_page(CONTENT, lang=lang, slug="why-peer-support")
    assert len(found.sources) >= 5
    for source in found.sources:
        assert source.title and source.publisher
        assert source.url.startswith("https://")
        assert source.year == "" or re.fullmatch(r"(19|20)\d\d", source.year)
    # The same evidence in every language.
    english = guide.load_page(CONTENT, lang="en", slug="why-peer-support")
    assert found.sources == english.sources


@pytest.mark.parametrize("lang", guide.LANGUAGES)
def test_the_evidence_page_says_peer_support_complements_care(lang):
    html = guide.load_page(CONTENT, lang=lang, slug="why-peer-support").html
    words = {"en": "alongside", "es": "junto con", "fr": "en complément"}[lang]
    assert words in html
    assert "12,477" in html or "12.477" in html or "12 477" in html


def test_raw_html_in_a_file_is_escaped_not_rendered():
    found = page('Hello <script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n'
                 '<div onclick="x()">block</div>\n')
    assert "<script" not in found.html and "<img" not in found.html
    assert "<div" not in found.html
    assert "&lt;script&gt;" in found.html and "&lt;img" in found.html


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox(1)", "data:text/html,x",
    "file:///etc/passwd", "//elsewhere.example.org/x", "mailto:someone@example.org",
])
def test_only_http_and_relative_links_are_kept(href):
    found = page(f"[click]({href})\n")
    assert "<a " not in found.html
    assert found.links == ()


@pytest.mark.parametrize("href", ["https://example.org/a", "http://example.org/b",
                                  "/groups?approach=smart", "#late", "?hl=es"])
def test_http_and_relative_links_are_rendered(href):
    found = page(f"[go]({href})\n")
    assert found.links == (href,)
    assert "<a href=" in found.html


def test_links_that_leave_the_site_send_no_referrer():
    found = page("[away](https://example.org/) [here](/groups)\n")
    assert '<a href="https://example.org/" rel="noopener noreferrer">' in found.html
    assert '<a href="/groups">' in found.html


def test_images_are_not_rendered_so_no_third_party_request_is_made():
    assert "<img" not in page("![a picture](https://example.org/x.png)\n").html


def test_a_heading_anchor_becomes_a_stable_id_and_a_section():
    found = page("## What usually happens {#what-happens}\n\ntext\n\n## No anchor\n")
    assert '<h2 id="what-happens">What usually happens</h2>' in found.html
    assert found.sections == (("what-happens", "What usually happens"),)


@pytest.mark.parametrize("front,problem", [
    ("", "front matter"),
    ('+++\nsummary = "S"\nlast_reviewed = 2026-12-01\n+++\n', "title"),
    ('+++\ntitle = "T"\nsummary = "S"\nlast_reviewed = "soon"\n+++\n', "date"),
    ('+++\ntitle = "T"\n+++ nope', "front matter"),
    (FRONT[:-4] + '[[sources]]\ntitle = "x"\npublisher = "y"\nurl = "http://x.example"\n+++\n',
     "https"),
    (FRONT[:-4] + '[[sources]]\ntitle = "x"\n+++\n', "source"),
])
def test_unusable_front_matter_is_an_error_naming_the_file(front, problem):
    with pytest.raises(guide.GuideContentError, match=problem) as error:
        page("body\n", front=front)
    assert "test.md" in str(error.value)


def test_an_edited_file_is_read_again_and_an_unknown_page_or_language_is_none(tmp_path):
    (tmp_path / "en").mkdir()
    path = tmp_path / "en" / "first-meeting.md"
    path.write_text(FRONT + "first\n", encoding="utf-8")
    assert "first" in guide.load_page(tmp_path, lang="en", slug="first-meeting").html
    path.write_text(FRONT + "second\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert "second" in guide.load_page(tmp_path, lang="en", slug="first-meeting").html
    assert guide.load_page(tmp_path, lang="de", slug="first-meeting") is None
    assert guide.load_page(tmp_path, lang="en", slug="../../etc/passwd") is None


@pytest.mark.parametrize("requested,cookie,accepted,expected", [
    ("es", "fr", ["en"], "es"),          # hl wins
    ("FR", None, [], "fr"),
    ("de", "es", ["es"], None),          # a language we don't have: a 404, not a guess
    ("", "fr", ["es"], "fr"),            # then the cookie
    (None, "klingon", ["es-MX", "en"], "es"),  # a bad cookie is ignored
    (None, None, ["pt-BR", "fr-CA", "en"], "fr"),
    (None, None, ["de"], "en"),
    (None, None, [], "en"),
])
def test_language_comes_from_hl_then_cookie_then_accept_language(requested, cookie, accepted,
                                                                 expected):
    assert guide.choose_language(requested=requested, cookie=cookie,
                                 accepted=accepted) == expected


def test_review_date_is_written_in_the_pages_language():
    day = date(2026, 12, 1)
    assert guide.review_label(day, "en") == "1 Dec 2026"
    assert guide.review_label(day, "es") == "1 dic 2026"
    assert guide.review_label(day, "fr") == "1 déc. 2026"


@pytest.mark.parametrize("approach,format,welcome,expected", [
    ("twelve-step", "online", "open", ["online", "twelve-step"]),
    ("smart", "in-person", "closed", ["other-approaches", "open-or-closed"]),
    ("other", "phone", None, ["online"]),
    (None, "in-person", None, []),
])
def test_what_to_expect_matches_a_groups_approach_format_and_welcome(approach, format, welcome,
                                                                     expected):
    assert guide.expectation_anchors(approach=approach, format=format,
                                     welcome=welcome) == expected


def test_what_to_expect_links_carry_the_section_titles():
    links = guide.expectation_links(CONTENT, lang="en", approach="twelve-step", format="online")
    assert links == [("online", "Online and phone meetings"),
                     ("twelve-step", "At a 12-step meeting")]


@pytest.mark.parametrize("topics,text,total,expected", [
    ((), "", 0, "choosing-a-group"),
    ((), "grief", 4, "choosing-a-group"),
    (("family-and-friends",), "", 2, "family-and-friends"),
    ((), "My husband drinks every night", 1, "family-and-friends"),
    ((), "grief", 5, None),
    (("family-and-friends",), "", 30, None),
])
def test_thin_results_point_to_the_relevant_page(topics, text, total, expected):
    assert guide.page_for_search(topics=topics, text=text, total=total) == expected


def test_the_content_folder_sits_beside_the_templates_and_the_service_has_no_flask():
    assert CONTENT.is_dir() and (ROOT / "templates").is_dir()
    tree = ast.parse(Path(guide.__file__).read_text(encoding="utf-8"))
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert imported and not [m for m in imported if m.split(".")[0] in ("flask", "werkzeug")]
