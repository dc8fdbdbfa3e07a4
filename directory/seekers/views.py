"""Seeker views: thin — parse input, call one service, render."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from flask import Response, abort, current_app, make_response, render_template, request

from directory.appservices import get_services
from directory.db import get_session
from directory.feeds import ical as calendar
from directory.feeds.meeting_guide import appointments_of
from directory.i18n.phrases import zone_words
from directory.i18n.text import current_language, gettext
from directory.i18n.web import url_with_hl
from directory.listings import queries as listings
from directory.models import utcnow
from directory.search.params import SearchParams
from directory.seekers.guide_views import content_dir as guide_content_dir
from directory.seekers.preferences import DEFAULT_VIEW, VIEW_COOKIE, choose_view, remember
from directory.services import guide
from directory.services.qr import qr_svg
from directory.web.paging import Page
from directory.web.search import crisis_panel, request_search_params, run_search, search_url


def guide_hint(params: SearchParams, total: int):
    """The guide page (in the reader's language) to offer under a search with few or no
    results, or None."""
    slug = guide.page_for_search(topics=params.topic, text=params.q, total=total)
    if not slug:
        return None
    return guide.load_page(guide_content_dir(), lang=current_language(), slug=slug)


def show_home():
    """The home page: a search box, shortcuts and the topics."""
    # Without JavaScript "tonight" is judged on the server's zone, and the link says so; the
    # script swaps in the browser's zone.
    default_tz = current_app.config["DEFAULT_TIMEZONE"]
    return render_template("seekers/home.html", default_tz=default_tz,
                           default_tz_words=zone_words(default_tz))


def search():
    """Search results for any combination of the public search parameters."""
    params = request_search_params()
    outcome = run_search(params)
    if outcome.params.page > outcome.pages:  # a stale link past the end: the last page
        outcome = run_search(replace(params, page=outcome.pages))
    choice = choose_view(request.args.to_dict(flat=False), request.cookies)
    # A view named in the URL stays in this page's links (a shared link keeps it even where
    # cookies are off); a remembered one needs no parameter.
    view_suffix = [("view", choice.view)] if choice.from_url else []
    shared_view = [("view", choice.view)] if choice.view != DEFAULT_VIEW else []

    def page_search_url(p: SearchParams, *, endpoint: str = "seekers.search",
                        **options) -> str:
        extra = view_suffix if endpoint == "seekers.search" else []
        return search_url(p, endpoint=endpoint, extra=extra, **options)

    paged = Page(items=outcome.items, page=outcome.params.page,
                 per_page=outcome.params.per_page, total=outcome.total,
                 link=lambda n: page_search_url(replace(outcome.params, page=n)))

    response = make_response(render_template(
        "seekers/search.html",
        outcome=outcome,
        paged=paged,
        crisis=crisis_panel(outcome),
        params=outcome.params,
        guide_hint=guide_hint(outcome.params, outcome.total),
        search_url=page_search_url,
        results_view=choice.view,
        view_notice=choice.notice,
        view_urls={view: search_url(outcome.params, extra=[("view", view)])
                   for view in ("cards", "list")},
        share_url=search_url(params, external=True, include_page=False, extra=shared_view),
        embed_url=search_url(params, endpoint="referrers.show_embed", external=True,
                             include_page=False),
        now=utcnow(),
    ))
    if choice.from_url:  # remembered on this device for the next search
        remember(response, VIEW_COOKIE, choice.view,
                 secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def show_search_qr():
    """A QR code (SVG, made here) of the canonical link to a search."""
    svg = qr_svg(search_url(request_search_params(), external=True, include_page=False))
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})


def by_appointment(group) -> list:
    """The group's meetings "by appointment" (a source entry with no day), read like
    meetings; none for a copy of the group that does not keep them (the outage snapshot)."""
    if not getattr(group, "appointments", None):
        return []
    return appointments_of(group)


def show_group(slug: str):
    """One group's page."""
    services, db = get_services(), get_session()
    group = services.rows.public_group(db, slug, version=services.index.catalog_version(db))
    if group is None:
        abort(404)
    now = utcnow()
    page_url = url_with_hl(f"{current_app.config['BASE_URL']}/groups/{group.slug}")
    return render_template(
        "seekers/group.html",
        group=group,
        occurrences=listings.next_occurrences(group, now=now),
        google_calendar=[calendar.google_calendar_url(group, meeting, page_url=page_url, now=now)
                         for meeting in group.meetings],
        appointments=by_appointment(group),
        share_url=page_url,
        what_to_expect=guide.expectation_links(
            guide_content_dir(), lang=current_language(), approach=group.approach,
            format=group.format,
            welcome=group.welcome,
        ),
    )


def download_group_calendar(slug: str):
    """One group's meetings as an iCalendar file."""
    group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        abort(404)
    body = calendar.group_calendar(group, base_url=current_app.config["BASE_URL"], now=utcnow())
    return _calendar_response(body, f"{group.slug}.ics")


def download_search_calendar():
    """The meetings of a search's results (this page of them) as one iCalendar file."""
    outcome = run_search(request_search_params())
    body = calendar.search_calendar(
        [item.group for item in outcome.items], base_url=current_app.config["BASE_URL"],
        now=utcnow(), name=gettext("Circles search"),
    )
    return _calendar_response(body, "circles-search.ics")


def _calendar_response(body: bytes, filename: str) -> Response:
    """An .ics download with a strong ETag of its bytes: a calendar app that polls the feed
    with If-None-Match gets a 304 until something in it changes."""
    response = Response(body, content_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "public, max-age=300",
    })
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    return response.make_conditional(request)
