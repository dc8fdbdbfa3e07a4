"""The request's interface language, Flask-Babel, and the language switcher's cookie.

The language is `hl` (when it names one of ours), else the switcher's first-party cookie, else
the browser's Accept-Language, else English — for seekers, owners, editors and moderators
alike; the JSON API speaks `hl` or English, so a machine client gets the same bytes whatever its
headers.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from babel.support import NullTranslations
from flask import Flask, g, has_request_context, request
from flask.globals import _cv_request
from flask_babel import Babel, get_locale
from jinja2 import Environment, pass_eval_context
from markupsafe import Markup

from directory.i18n import text
from directory.i18n.text import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, normalise

LANGUAGE_COOKIE = "hl"
COOKIE_MAX_AGE = 365 * 24 * 3600
EXPLICIT_ONLY_BLUEPRINTS = frozenset({"api"})
# Endpoints whose URLs never carry `hl` (files, feeds, the switcher itself).
NO_HL_ENDPOINTS = frozenset({"static", "seekers.choose_language"})
# Responses whose words follow the reader's language: pages, calendar files (event text), the
# QR code's SVG (its <title>), the web-app manifest (name, description) — not our static
# files. They say which language, and vary with
# what chose it.
WORDED_MIMETYPES = frozenset({"text/html", "text/calendar", "image/svg+xml",
                              "application/manifest+json"})


def explicit_language() -> str | None:
    """The language the URL asks for with `hl`, or None."""
    return normalise(request.args.get("hl"))


def request_language() -> str:
    """hl, then the switcher's cookie, then Accept-Language, then English."""
    blueprint = request.blueprint or ""
    chosen = explicit_language()
    if chosen or blueprint in EXPLICIT_ONLY_BLUEPRINTS:
        return chosen or DEFAULT_LANGUAGE
    cookie = normalise(request.cookies.get(LANGUAGE_COOKIE))
    if cookie:
        return cookie
    try:
        best = request.accept_languages.best_match(LANGUAGES)
    except (ValueError, TypeError):  # a header werkzeug cannot read is no preference
        best = None
    return normalise(best) or DEFAULT_LANGUAGE


# Where the request's language is kept once resolved: on its request context, so each of
# the hundreds of gettext calls of one page is a single lookup, not a walk through
# Flask-Babel's context and locale objects.
_LANGUAGE_ATTR = "_circles_language"


def _resolve() -> str | None:
    ctx = _cv_request.get(None)
    if ctx is None:
        return None
    lang = getattr(ctx, _LANGUAGE_ATTR, None)
    if lang is None:
        lang = normalise(str(get_locale() or DEFAULT_LANGUAGE)) or DEFAULT_LANGUAGE
        setattr(ctx, _LANGUAGE_ATTR, lang)
    return lang


def hl_items() -> list[tuple[str, str]]:
    """[("hl", lang)] for links meant to open in this language elsewhere (share links, QR
    codes, handouts, embeds): any language but English, and English when it was asked for."""
    lang = text.current_language()
    if lang != DEFAULT_LANGUAGE or explicit_language():
        return [("hl", lang)]
    return []


def url_with_hl(url: str) -> str:
    """`url` with this page's `hl` (see hl_items) added to its query."""
    items = hl_items()
    base, _, fragment = url.partition("#")
    query = base.partition("?")[2]
    if not items or any(part.startswith("hl=") for part in query.split("&")):
        return url
    joiner = "&" if "?" in base else "?"
    out = f"{base}{joiner}{urlencode(items)}"
    return f"{out}#{fragment}" if fragment else out


def current_url_in(lang: str | None) -> str:
    """This page's path and query with `hl` set to `lang` (dropped for None)."""
    items = [(k, v) for k, v in request.args.items(multi=True) if k != "hl"]
    if lang:
        items.append(("hl", lang))
    query = urlencode(items)
    return request.path + (f"?{query}" if query else "")


def install_fast_gettext(env: Environment, catalog: Callable[[], NullTranslations]) -> None:
    """Jinja's newstyle gettext, `_` and ngettext, each one call instead of three.

    A search page says about 190 strings; through the i18n extension each `_()` went through
    Jinja's call machinery three times (the `_` alias resolving `gettext`, its newstyle
    wrapper, our catalog lookup), a tenth of the page's rendering. These do the same as the
    extension's newstyle callables — the string is always a format string, its %(name)s
    filled by escaping the values under autoescape — in one call."""

    @pass_eval_context
    def gettext(eval_ctx, __string: str, **variables):  # noqa: ANN001, ANN202
        rv = catalog().ugettext(__string)
        if eval_ctx.autoescape:
            rv = Markup(rv)
        return rv % variables

    @pass_eval_context
    def ngettext(eval_ctx, __singular: str, __plural: str, __num: int,  # noqa: ANN001, ANN202
                 **variables):
        variables.setdefault("num", __num)
        rv = catalog().ungettext(__singular, __plural, __num)
        if eval_ctx.autoescape:
            rv = Markup(rv)
        return rv % variables

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)


def init_app(app: Flask) -> None:
    """Flask-Babel with our language choice, gettext in templates, the hl-keeping links."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(text.TRANSLATIONS_DIR))
    Babel(app, locale_selector=request_language)
    text.set_language_resolver(_resolve)
    # One catalog source for templates and services alike: the current language, pinned or
    # the request's (Flask-Babel's own callables know nothing of a pinned language).
    # Jinja's newstyle gettext fills the %(name)s itself (escaping the values).
    def catalog():  # noqa: ANN202
        return text.translations(text.current_language())

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalog().ugettext(s),
        ngettext=lambda s, p, n: catalog().ungettext(s, p, n),
        pgettext=lambda c, s: catalog().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalog().unpgettext(c, s, p, n),
        newstyle=True,
    )
    install_fast_gettext(app.jinja_env, catalog)

    @app.url_defaults
    def keep_explicit_hl(endpoint: str, values: dict) -> None:
        # A page opened with ?hl=es (a shared link, a handout's QR code) keeps speaking
        # Spanish from link to link even without the cookie.
        if not has_request_context() or endpoint in NO_HL_ENDPOINTS or "hl" in values:
            return
        if endpoint.startswith("api."):
            return
        chosen = explicit_language()
        if chosen:
            values["hl"] = chosen

    @app.context_processor
    def language_context() -> dict:
        lang = text.current_language()
        return {
            "html_lang": lang,
            "explicit_hl": explicit_language(),
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
            "current_url_in": current_url_in,
            "url_with_hl": url_with_hl,
        }

    def say_language(response):  # noqa: ANN001, ANN202 - a Response
        if not response.mimetype:
            return response
        if response.mimetype == "text/html" or (response.mimetype in WORDED_MIMETYPES
                                                and request.endpoint != "static"):
            response.headers.setdefault("Content-Language", text.current_language())
            if not explicit_language() and request.blueprint not in EXPLICIT_ONLY_BLUEPRINTS:
                # The same URL answers in another language for another browser or cookie.
                response.vary.update(("Accept-Language", "Cookie"))
        return response

    # Last of all after_request handlers (they run in reverse order), after the compression
    # added its own Vary, so the response keeps one Vary header naming all three.
    app.after_request_funcs.setdefault(None, []).insert(0, say_language)

    # Flask-Babel needs `g`; a language resolved before a request's blueprint is known
    # (an early 413) is recomputed once the request is routed.
    @app.before_request
    def forget_early_language() -> None:
        ctx = getattr(g, "_flask_babel", None)
        if ctx is not None and hasattr(ctx, "babel_locale"):
            del ctx.babel_locale
        request_ctx = _cv_request.get(None)
        if request_ctx is not None and hasattr(request_ctx, _LANGUAGE_ATTR):
            delattr(request_ctx, _LANGUAGE_ATTR)
