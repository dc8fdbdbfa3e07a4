"""Seeker views: thin — parse input, call one service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, abort, current_app, render_template, request, url_for

from directory.db import get_session
from directory.models import utcnow
from directory.seekers import bp
from directory.services import calendar, listings
from directory.services import search as search_service
from directory.services.places import resolve_place, timezone_at
from directory.services.qr import qr_svg
from directory.services.search_params import SearchParams, parse_search_params
from matching.reasons import zone_words
from matching.schedule import zone_country


def request_search_params() -> SearchParams:
    """The current request's search parameters, parsed with the app's paging limits."""
    return parse_search_params(
        request.args.to_dict(flat=False),
        default_per_page=current_app.config["PER_PAGE"],
        max_per_page=current_app.config["MAX_PER_PAGE"],
    )


def search_url(params: SearchParams, *, endpoint: str = "seekers.search", external=False,
               include_page: bool = True) -> str:
    """The canonical URL of a search: parameters sorted, defaults dropped."""
    base = url_for(endpoint)
    query = urlencode(params.canonical_items(include_page=include_page))
    path = f"{base}?{query}" if query else base
    return current_app.config["BASE_URL"] + path if external else path


def run_search(params: SearchParams) -> search_service.SearchOutcome:
    """Run a search with the app's index cache and place resolver."""
    # An ambiguous place ("Manchester", "Perth") is read in the seeker's own country, from
    # their time zone, before the directory's default country.
    seeker_country = zone_country(params.tz)
    country = current_app.config["DEFAULT_COUNTRY"]
    online = current_app.extensions.get("circles_online_geocoder")
    return search_service.search_groups(
        get_session(),
        params=params,
        now=utcnow(),
        index_cache=current_app.extensions["circles_index"],
        resolve_place=lambda text: resolve_place(text, default_country=country, online=online,
                                                 prefer_country=seeker_country),
        timezone_at=timezone_at,
    )


@bp.get("/")
def show_home():
    """The home page: a search box, shortcuts and the topics."""
    # Without JavaScript "tonight" is judged on the server's zone, and the link says so; the
    # script swaps in the browser's zone.
    default_tz = current_app.config["DEFAULT_TIMEZONE"]
    return render_template("seekers/home.html", default_tz=default_tz,
                           default_tz_words=zone_words(default_tz))


@bp.get("/groups")
def search():
    """Search results for any combination of the public search parameters."""
    params = request_search_params()
    outcome = run_search(params)
    return render_template(
        "seekers/search.html",
        outcome=outcome,
        params=outcome.params,
        search_url=search_url,
        share_url=search_url(params, external=True, include_page=False),
        embed_url=search_url(params, endpoint="referrers.show_embed", external=True,
                             include_page=False),
        now=utcnow(),
    )


@bp.get("/groups/qr.svg")
def show_search_qr():
    """A QR code (SVG, made here) of the canonical link to a search."""
    svg = qr_svg(search_url(request_search_params(), external=True, include_page=False))
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})


@bp.get("/groups/<slug>")
def show_group(slug: str):
    """One group's page."""
    group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        abort(404)
    return render_template(
        "seekers/group.html",
        group=group,
        occurrences=listings.next_occurrences(group, now=utcnow()),
    )


@bp.get("/groups/<slug>.ics")
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


@bp.get("/groups.ics")
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
