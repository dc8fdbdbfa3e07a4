"""Seeker views: thin — parse input, call one service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, abort, current_app, make_response, render_template, request

from directory.db import get_session
from directory.models import utcnow
from directory.search.params import SearchParams
from directory.seekers.guide_views import content_dir as guide_content_dir
from directory.seekers.preferences import DEFAULT_VIEW, VIEW_COOKIE, choose_view, remember
from directory.services import calendar, guide, listings
from directory.services.qr import qr_svg
from directory.web.search import crisis_panel, request_search_params, run_search, search_url
from matching.reasons import zone_words


def guide_hint(params: SearchParams, total: int):
    """The English guide page to offer under a search with few or no results, or None."""
    slug = guide.page_for_search(topics=params.topic, text=params.q, total=total)
    return guide.load_page(guide_content_dir(), lang="en", slug=slug) if slug else None


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
    choice = choose_view(request.args.to_dict(flat=False), request.cookies)
    # A view named in the URL stays in this page's links (a shared link keeps it even where
    # cookies are off); a remembered one needs no parameter.
    view_suffix = [("view", choice.view)] if choice.from_url else []
    shared_view = [("view", choice.view)] if choice.view != DEFAULT_VIEW else []

    def page_search_url(p: SearchParams, *, endpoint: str = "seekers.search",
                        **options) -> str:
        url = search_url(p, endpoint=endpoint, **options)
        return with_items(url, view_suffix) if endpoint == "seekers.search" else url

    response = make_response(render_template(
        "seekers/search.html",
        outcome=outcome,
        crisis=crisis_panel(outcome),
        params=outcome.params,
        guide_hint=guide_hint(outcome.params, outcome.total),
        search_url=page_search_url,
        results_view=choice.view,
        view_notice=choice.notice,
        view_urls={view: with_items(search_url(outcome.params), [("view", view)])
                   for view in ("cards", "list")},
        share_url=with_items(search_url(params, external=True, include_page=False),
                             shared_view),
        embed_url=search_url(params, endpoint="referrers.show_embed", external=True,
                             include_page=False),
        now=utcnow(),
    ))
    if choice.from_url:  # remembered on this device for the next search
        remember(response, VIEW_COOKIE, choice.view,
                 secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def with_items(url: str, items: list[tuple[str, str]]) -> str:
    """`url` with interface parameters added (`view`, and then `hl` when the page has it)."""
    if not items:
        return url
    extra = list(items)
    if request.args.get("hl"):
        extra.append(("hl", request.args["hl"]))
    return url + ("&" if "?" in url else "?") + urlencode(extra)


def show_search_qr():
    """A QR code (SVG, made here) of the canonical link to a search."""
    svg = qr_svg(search_url(request_search_params(), external=True, include_page=False))
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})


def show_group(slug: str):
    """One group's page."""
    group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        abort(404)
    return render_template(
        "seekers/group.html",
        group=group,
        occurrences=listings.next_occurrences(group, now=utcnow()),
        what_to_expect=guide.expectation_links(
            guide_content_dir(), lang="en", approach=group.approach, format=group.format,
            welcome=group.welcome,
        ),
    )


def download_group_calendar(slug: str):
    """One group's meetings as an iCalendar file."""
    group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        abort(404)
    body = calendar.group_calendar(group, base_url=current_app.config["BASE_URL"], now=utcnow())
    return Response(body, content_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{group.slug}.ics"',
        "Cache-Control": "public, max-age=300",
    })


def download_search_calendar():
    """The meetings of a search's results (this page of them) as one iCalendar file."""
    outcome = run_search(request_search_params())
    body = calendar.search_calendar(
        [item.group for item in outcome.items], base_url=current_app.config["BASE_URL"],
        now=utcnow(), name="Circles search",
    )
    return Response(body, content_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="circles-search.ics"',
        "Cache-Control": "public, max-age=300",
    })
