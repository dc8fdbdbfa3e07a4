"""Request -> search: the one place pages, the API, handouts and embeds turn a request into
search parameters, run the search and build the crisis panel."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, request, url_for

from directory.appservices import get_services
from directory.config import DEFAULT_CRISIS_LINE
from directory.db import get_session
from directory.i18n.web import explicit_language, hl_items
from directory.models import utcnow
from directory.search import service as search_service
from directory.search.params import SearchParams, parse_search_params
from directory.services import crisis as crisis_service
from matching.schedule import zone_country
from places import resolve_place, timezone_at
from places.model import CORE_COUNTRIES


def request_search_params() -> SearchParams:
    """The current request's search parameters, parsed with the app's paging limits."""
    return parse_search_params(
        request.args.to_dict(flat=False),
        default_per_page=current_app.config["PER_PAGE"],
        max_per_page=current_app.config["MAX_PER_PAGE"],
    )


def search_url(params: SearchParams, *, endpoint: str = "seekers.search", external=False,
               include_page: bool = True, extra: list[tuple[str, str]] | tuple = ()) -> str:
    """The canonical URL of a search: parameters sorted, defaults dropped, then `extra`
    interface parameters (`view`), then the language: a link for someone else opens in the
    language it was made in, and a page opened with `hl` keeps it from link to link."""
    base = url_for(endpoint, hl=None)  # the query below carries the language itself
    items = params.canonical_items(include_page=include_page) + list(extra)
    if external:
        items += hl_items()
    elif explicit_language():
        items.append(("hl", explicit_language()))
    query = urlencode(items)
    path = f"{base}?{query}" if query else base
    return current_app.config["BASE_URL"] + path if external else path


def browser_country() -> str | None:
    """The country the seeker's browser names in its languages ("en-GB" → GB, "fr-CA" → CA),
    the first it prefers that names one of the directory's own countries; else None.

    Weaker than the place and the time zone, stronger than DEFAULT_COUNTRY. Only Circles' own
    countries count: "es-MX" is the usual setting of Spanish speakers in the US too, so it
    must not move their crisis lines or their "Portland" out of the country; a language
    alone ("es", "fr") names no country. "en-US" is ignored too: it is most browsers' factory
    setting, worn in London as in Leeds, so it must not outrank a directory's DEFAULT_COUNTRY.
    """
    for value, _quality in request.accept_languages:
        parts = value.replace("_", "-").split("-")
        region = parts[1].upper() if len(parts) >= 2 else ""
        if region in CORE_COUNTRIES and region != "US":
            return region
    return None


def run_search(params: SearchParams) -> search_service.SearchOutcome:
    """Run a search with the app's index cache and place resolver."""
    # An ambiguous place ("Manchester", "Perth") is read in the seeker's own country, from
    # their time zone or, without one, the region their browser names (en-GB), before the
    # directory's default country.
    seeker_country = zone_country(params.tz) or browser_country()
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
        rows=services.rows,
    )


def crisis_panel(outcome: search_service.SearchOutcome) -> crisis_service.CrisisPanel | None:
    """The crisis panel for a search whose words signal a crisis (else None): lines for the
    seeker's country (place, else time zone, else the browser's region, else DEFAULT_COUNTRY),
    in the language of `hl`, else Accept-Language, else the words'."""
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
        default_country=browser_country() or current_app.config["DEFAULT_COUNTRY"],
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
