"""The first-timer guide: /guide and /guide/<page>, in English, Spanish and French."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, redirect, render_template, request, url_for

from directory import ROOT
from directory.services import guide

# A first-party cookie a language switcher may set; read here, never set here.
LANGUAGE_COOKIE = "hl"


def content_dir() -> Path:
    """Where the guide's Markdown lives: content/guide beside templates/, unless configured."""
    return Path(current_app.config.get("GUIDE_CONTENT_DIR") or ROOT / "content" / "guide")


def page_language() -> str | None:
    """The request's guide language (None when `hl` names a language we don't have)."""
    return guide.choose_language(
        requested=request.args.get("hl"),
        cookie=request.cookies.get(LANGUAGE_COOKIE),
        accepted=[tag for tag, _quality in request.accept_languages],
    )


def _negotiated(response, lang: str):
    response.headers["Content-Language"] = lang
    if not request.args.get("hl"):
        # The same URL answers in another language for another browser or cookie.
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def guide_not_found(lang: str | None, *, slug: str | None = None):
    """A friendly 404 listing the pages (and, for a page, the languages it has)."""
    shown = lang or guide.DEFAULT_LANGUAGE
    html = render_template(
        "seekers/guide_404.html",
        html_lang=shown,
        text=guide.guide_text(shown),
        pages=guide.list_pages(content_dir(), lang=shown),
        page_languages=guide.languages_of(content_dir(), slug=slug) if slug else [],
        slug=slug,
        language_names=guide.LANGUAGE_NAMES,
    )
    response = current_app.make_response((html, 404))
    return _negotiated(response, shown)


def show_guide_index():
    """The guide's pages, in the reader's language."""
    lang = page_language()
    if lang is None:
        return guide_not_found(None)
    html = render_template(
        "seekers/guide_index.html",
        html_lang=lang,
        text=guide.guide_text(lang),
        pages=guide.list_pages(content_dir(), lang=lang),
        alternates=[code for code in guide.LANGUAGES if code != lang],
        language_names=guide.LANGUAGE_NAMES,
    )
    return _negotiated(current_app.make_response(html), lang)


def redirect_guide_index():
    """/guide/ is /guide."""
    return redirect(url_for("seekers.show_guide_index", **request.args), code=308)


def show_guide_page(page: str):
    """One guide page in the reader's language, with its review date and other languages."""
    lang = page_language()
    found = guide.load_page(content_dir(), lang=lang, slug=page) if lang else None
    if found is None:
        return guide_not_found(lang, slug=page if page in guide.PAGES else None)
    html = render_template(
        "seekers/guide_page.html",
        html_lang=lang,
        text=guide.guide_text(lang),
        page=found,
        reviewed=guide.review_label(found.last_reviewed, lang),
        alternates=[code for code in guide.languages_of(content_dir(), slug=page)
                    if code != lang],
        language_names=guide.LANGUAGE_NAMES,
        pages=guide.list_pages(content_dir(), lang=lang),
    )
    return _negotiated(current_app.make_response(html), lang)
