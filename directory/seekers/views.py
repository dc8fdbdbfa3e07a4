"""Seeker views: thin — parse input, call one service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, abort, current_app, render_template, request, url_for

from directory.appservices import get_services
from directory.config import DEFAULT_CRISIS_LINE
from directory.db import get_session
from directory.i18n.phrases import zone_words
from directory.i18n.text import current_language
from directory.i18n.web import hl_items
from directory.models import utcnow
from directory.seekers import bp
from directory.seekers.guide_views import content_dir as guide_content_dir
from directory.services import calendar, guide, listings
from directory.services import crisis as crisis_service
from directory.services import search as search_service
from directory.services.places import resolve_place, timezone_at
from directory.services.qr import qr_svg
from directory.services.search_params import SearchParams, parse_search_params
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
    items = params.canonical_items(include_page=include_page)
    if external:  # a link for someone else opens in the language it was made in
        items = items + hl_items()
    query = urlencode(items)
    path = f"{base}?{query}" if query else base
    return current_app.config["BASE_URL"] + path if external else path


def run_search(params: SearchParams) -> search_service.SearchOutcome:
    """Run a search with the app's index cache and place resolver."""
    # An ambiguous place ("Manchester", "Perth") is read in the seeker's own country, from
    # their time zone, before the directory's default country.
    seeker_country = zone_country(params.tz)
    country = current_app.config["DEFAULT_COUNTRY"]
    services = get_services()
    online = services.online_geocoder
    return search_service.search_groups(
        get_session(),
        params=params,
        now=utcnow(),
        index_cache=services.index,
        resolve_place=lambda text: resolve_place(text, default_country=country, online=online,
                                                 prefer_country=seeker_country),
        timezone_at=timezone_at,
        raw_text=request.args.get("q"),  # all of it: a crisis is looked for past MAX_TEXT
    )


def crisis_panel(outcome: search_service.SearchOutcome) -> crisis_service.CrisisPanel | None:
    """The crisis panel for a search whose words signal a crisis (else None): lines for the
    seeker's country (place, else time zone, else DEFAULT_COUNTRY), in the language of `hl`,
    else Accept-Language, else the words'."""
    if outcome.crisis is None:
        return None
    return build_crisis_panel(outcome.crisis, outcome.params, place=outcome.place,
                              seeker_tz=outcome.seeker_tz)


def build_crisis_panel(plan: crisis_service.CrisisPlan, params: SearchParams, *,
                       place=None, seeker_tz: str | None = None,  # noqa: ANN001 - a Place
                       ) -> crisis_service.CrisisPanel:
    """The panel for a crisis plan, with or without a search run (an API 400 has none)."""
    zone = params.tz or None
    if place is None and params.lat is not None and params.lon is not None:
        zone = timezone_at(params.lat, params.lon) or zone
    country = crisis_service.seeker_country(
        place_country=place.country if place is not None else None,
        tz=zone or seeker_tz,
        default_country=current_app.config["DEFAULT_COUNTRY"],
    )
    language = crisis_service.panel_language(
        hl=request.args.get("hl") or request.cookies.get("hl"),
        accept_language=request.headers.get("Accept-Language"),
        detected=plan.crisis.language,
    )
    banner = current_app.config["CRISIS_LINE"]
    return crisis_service.build_panel(
        plan.crisis, country=country, language=language,
        table=get_services().crisis_lines,
        topics_added=plan.topics_added,
        banner_text=banner if banner != DEFAULT_CRISIS_LINE else None,
    )


def guide_hint(params: SearchParams, total: int):
    """The guide page (in the reader's language) to offer under a search with few or no
    results, or None."""
    slug = guide.page_for_search(topics=params.topic, text=params.q, total=total)
    if not slug:
        return None
    return guide.load_page(guide_content_dir(), lang=current_language(), slug=slug)


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
        crisis=crisis_panel(outcome),
        params=outcome.params,
        guide_hint=guide_hint(outcome.params, outcome.total),
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
        what_to_expect=guide.expectation_links(
            guide_content_dir(), lang=current_language(), approach=group.approach,
            format=group.format,
            welcome=group.welcome,
        ),
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
