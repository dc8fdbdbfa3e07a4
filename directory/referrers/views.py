"""Referrer views: a printable handout and a frameable results widget."""

from __future__ import annotations

import base64
from dataclasses import replace
from urllib.parse import urlencode

from flask import current_app, render_template, request

from directory.db import get_session
from directory.i18n.text import gettext as _
from directory.i18n.text import ngettext
from directory.i18n.web import url_with_hl
from directory.listings import queries as listings
from directory.listings.fields import is_iana_zone
from directory.models import utcnow
from directory.services.handout import handout_entries
from directory.services.qr import qr_svg
from directory.web.search import crisis_panel, request_search_params, run_search, search_url

HANDOUT_SIZE = 10
EMBED_SIZE = 10


def show_handout():
    """One printable page: a search's top groups, or a hand-picked shortlist (?group=…)."""
    slugs = request.args.getlist("group")
    now = utcnow()
    notices: list[str] = []
    # The zone the referrer chose for the times; without one, each meeting's own (labelled).
    tz = ""
    if slugs:
        tz = request.args.get("tz", "").strip()
        if tz and not is_iana_zone(tz):
            notices.append(_("“%(zone)s” is not a time zone such as America/Chicago; "
                             "times are in each group's own zone.", zone=tz[:40]))
            tz = ""
        groups, missing = listings.get_public_groups(get_session(), slugs=slugs)
        if missing:
            notices.append(ngettext("%(num)s group is no longer listed and left out.",
                                    "%(num)s groups are no longer listed and left out.",
                                    len(missing)))
        items = [(g, None) for g in groups]
        live_path = "/handout?" + urlencode(
            [("group", g.slug) for g in groups] + ([("tz", tz)] if tz else []))
        params = None
        title = _("Support groups picked for you")
    else:
        params = request_search_params()
        outcome = run_search(replace(params, page=1, per_page=HANDOUT_SIZE))
        notices.extend(message for _, message in outcome.notices)
        items = [(item.group, item.match) for item in outcome.items]
        tz = params.tz
        live_path = search_url(params, include_page=False)
        title = _("Support groups")
        if outcome.place is not None:
            title = _("Support groups near %(place)s", place=outcome.place.label)
    # The QR code and printed link open in the language the handout was made in.
    live_url = url_with_hl(current_app.config["BASE_URL"] + live_path)
    qr = "data:image/svg+xml;base64," + base64.b64encode(qr_svg(live_url, scale=3)).decode()
    entries = handout_entries([g for g, _ in items], now=now, tz=tz or None)
    return render_template(
        "referrers/handout.html", entries=entries, title=title, live_url=live_url,
        qr_svg=qr, notices=notices, params=params, now=now, tz=tz,
    )


def show_embed():
    """Compact results for an iframe on another site; links open Circles in a new tab."""
    requested = request_search_params()
    params = replace(requested, per_page=min(requested.per_page, EMBED_SIZE))
    outcome = run_search(params)
    full_url = url_with_hl(current_app.config["BASE_URL"]
                           + search_url(requested, include_page=False))
    return render_template("referrers/embed.html", outcome=outcome, params=params,
                           full_url=full_url, crisis=crisis_panel(outcome))
