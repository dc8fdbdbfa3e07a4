"""Template globals and filters shared by every blueprint."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, url_for
from flask.globals import _cv_request
from markupsafe import Markup, escape

from directory import taxonomy
from directory.config import DEFAULT_CRISIS_LINE
from directory.i18n import labels, problems
from directory.i18n import text as i18n
from directory.i18n.phrases import (
    param_label,
    say,
    sort_labels,
    time_of_day,
    understood_label,
    weekday_plural,
    zone_words,
)
from directory.listings.fields import ATTENDANCE
from directory.services.conference import conference_provider, phone_join
from directory.services.crisis import dial_string

clock = i18n.clock  # 7:00 pm on an English flyer, 19:00 in Spanish and French


def when(value: datetime | None, zone: str | None = None) -> str:
    """Tue 1 Dec, 7:00 pm Pacific time — in `zone` (else the datetime's own), the zone named in
    words in the reader's language ("mar 1 dic, 19:00 hora del Pacífico"), never an
    abbreviation such as "PST" that means nothing outside its country or language."""
    if value is None:
        return ""
    name = zone or getattr(value.tzinfo, "key", None)
    if zone:
        value = value.astimezone(ZoneInfo(zone))
    return f"{i18n.day_month(value)}, {clock(value)} {zone_words(name)}"


when_named = when  # the results' name for the same words


# Country names as a place line gives them ("Leeds, UK"); others show their ISO code.
# English here, said in the reader's language by `country_short`.
COUNTRY_SHORT = {"US": i18n.N_("USA"), "GB": i18n.N_("UK"), "CA": i18n.N_("Canada"),
                 "AU": i18n.N_("Australia"), "NZ": i18n.N_("New Zealand"),
                 "IE": i18n.N_("Ireland"), "MX": i18n.N_("Mexico")}


def country_short(code: str | None) -> str | None:
    """A country as a place line names it, in the current language; else its code."""
    english = COUNTRY_SHORT.get(code or "")
    return i18n.gettext(english) if english else code


def meeting_place(group, index: int | None = None):  # noqa: ANN001, ANN201 - Group, Location
    """The location a result shows: the shown meeting's, else the first meeting with one."""
    meetings = list(group.meetings)
    if index is not None and 0 <= index < len(meetings) and meetings[index].location:
        return meetings[index].location
    return next((m.location for m in meetings if m.location is not None), None)


def place_line(location, *, country: bool = False) -> str:  # noqa: ANN001 - a Location
    """"Grace Church, Hawthorne, Portland" or, with `country`, "Leeds, UK"."""
    if location is None:
        return ""
    if country:
        parts = [location.city or location.region,
                 country_short(location.country)]
    else:
        parts = [location.name, location.city or location.region]
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen)


# The one reason that says when the next meeting is (matching.reasons.when_text's shapes).
_WHEN_REASON = re.compile(r"^(today|tomorrow|next [A-Z][a-z]{2}|meeting now \(started"
                          r"|[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}) ")


# The keys of the reason saying when the next meeting is (matching.reasons.when_text).
WHEN_KEYS = frozenset({"started", "today", "tomorrow", "next_day", "date"})


def split_when(reasons: list[str]) -> list[tuple[str, bool]]:
    """Each reason, and whether it is the one saying when the next meeting is (the first such),
    so a page can mark that one up as a time the reader's browser converts."""
    out, seen = [], False
    for reason in reasons:
        when = getattr(reason, "key", None) in WHEN_KEYS if hasattr(reason, "key") \
            else bool(_WHEN_REASON.match(reason))
        is_when = not seen and when
        seen = seen or is_when
        out.append((reason, is_when))
    return out


WHERE_NOT_IN_PERSON = {"online": i18n.N_("Online"), "phone": i18n.N_("By phone")}


def where_line(group, match) -> str | None:  # noqa: ANN001 - a Group and its matching Result
    """Where a result meets, as its card says it: "Harbor Lane Hall, Portland"; "Leeds, UK"
    for an in-person group far from the seeker (``match.away``); "Online" or "By phone" —
    in the current language."""
    if group.format in ("in-person", "hybrid"):
        loc = meeting_place(group, match.next_meeting_index)
        if loc is not None:
            return place_line(loc, country=bool(match.away)) or None
    english = WHERE_NOT_IN_PERSON.get(group.format)
    return i18n.gettext(english) if english else None


def distance(km: float | None, units: str = "mi") -> str:
    """2.3 mi / 3.7 km; under a tenth shows as "nearby"."""
    if km is None:
        return ""
    value = km / 1.609344 if units == "mi" else km
    if value < 0.1:
        return i18n.gettext("nearby")
    return f"{i18n.decimal(value, '0.0' if value < 10 else '0')} {units}"


def cost_label(group) -> str:  # noqa: ANN001 - a Group
    """Free / Donation / Sliding scale (suggested 10 USD) / Fee: 12.50 GBP."""
    label = labels.vocabulary_label("cost", group.cost)
    if group.fee_cents is None:
        return label
    whole, cents = divmod(group.fee_cents, 100)
    amount = i18n.decimal(group.fee_cents / 100, "0" if cents == 0 else "0.00")
    currency = group.fee_currency or ""
    if group.cost == "sliding-scale":
        inner = i18n.gettext("suggested %(amount)s %(currency)s", amount=amount,
                             currency=currency)
    else:
        inner = f"{amount} {currency}"
    return f"{label} ({inner.strip()})"


def verified_label(group) -> str:  # noqa: ANN001 - a Group
    """Verified 3 Sep 2026 — and a warning when older than the stale limit."""
    if group.last_verified_at is None:
        return i18n.gettext("Not yet verified")
    text = i18n.gettext("Verified %(date)s", date=day_label(group.last_verified_at))
    age = datetime.now(group.last_verified_at.tzinfo) - group.last_verified_at
    if age.days > taxonomy.STALE_AFTER_DAYS:
        text += " — " + i18n.gettext("may be out of date; please check with the group")
    return text


def day_label(value: date | datetime) -> str:
    """1 Dec 2026 / 1 dic 2026 / 1 déc. 2026."""
    return i18n.day_label(value)


def crisis_line_text(configured: str) -> str:
    """The crisis banner: our default in the reader's language; a configured text as is."""
    return i18n.gettext(DEFAULT_CRISIS_LINE) if configured == DEFAULT_CRISIS_LINE else configured


# A phone number: 3+ digits, maybe spaced or dashed, not part of a word, time or date.
_PHONE_NUMBER = re.compile(r"(?<![\w+/:.])(\+?\d[\d -]{1,16}\d)(?![\w/:])")


def tel_links(text: str) -> Markup:
    """Free text (the CRISIS_LINE setting) escaped, each phone number in it a tel: link."""
    out: list[str] = []
    last = 0
    for m in _PHONE_NUMBER.finditer(text):
        number = m.group(1).strip()
        out.append(str(escape(text[last:m.start()])))
        out.append(f'<a href="tel:{escape(dial_string(number))}">{escape(number)}</a>')
        last = m.start() + len(number)
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


# A value that can stand in a URL as it is (a slug): its link is the link made for a
# placeholder with the placeholder replaced, which is what url_for would build.
_PLAIN_URL_VALUE = re.compile(r"^[A-Za-z0-9_.~-]+$")
_PLACEHOLDER = "circles0placeholder0value"
_LINK_PATTERNS_ATTR = "_circles_link_patterns"


def link_for(endpoint: str, name: str, value: str) -> str:
    """url_for(endpoint, **{name: value}) — built once per request for a placeholder, then
    filled: a results page links each of its 20 groups twice, and url_for (the language's
    `hl` added by url_defaults) was a tenth of the cards' rendering. A value that is not a
    plain slug is built by url_for itself."""
    if not isinstance(value, str) or not _PLAIN_URL_VALUE.match(value):
        return url_for(endpoint, **{name: value})
    ctx = _cv_request.get(None)
    patterns = getattr(ctx, _LINK_PATTERNS_ATTR, None) if ctx is not None else None
    if patterns is None:
        patterns = {}
        if ctx is not None:
            setattr(ctx, _LINK_PATTERNS_ATTR, patterns)
    key = (endpoint, name)
    pattern = patterns.get(key)
    if pattern is None:
        pattern = patterns[key] = url_for(endpoint, **{name: _PLACEHOLDER})
    return pattern.replace(_PLACEHOLDER, value, 1)


def init_app(app: Flask) -> None:
    """Expose the vocabularies and the crisis line to templates."""

    @app.context_processor
    def inject_globals() -> dict:
        return {
            "crisis_line": crisis_line_text(app.config["CRISIS_LINE"]),
        }

    def map_tiles() -> dict | None:
        """The optional map's tiles: None unless MAP_TILES_URL (and attribution) are set."""
        if not app.config.get("MAP_TILES_SOURCE"):
            return None
        return {"url": app.config["MAP_TILES_URL"],
                "attribution": app.config["MAP_TILES_ATTRIBUTION"]}

    # A global, not a context variable, so that imported macros see it too. Its label
    # tables speak the reader's language.
    app.jinja_env.globals["taxonomy"] = labels.TranslatedTaxonomy()
    app.jinja_env.globals["attendance_labels"] = labels.LabelTable(ATTENDANCE)
    app.jinja_env.globals["map_tiles"] = map_tiles
    app.jinja_env.globals["link_for"] = link_for
    app.jinja_env.filters["status_label"] = labels.status_label

    app.jinja_env.filters["topic_label"] = labels.topic_label
    app.jinja_env.filters["country_name"] = i18n.country_name
    app.jinja_env.filters["whole_number"] = i18n.whole_number
    app.jinja_env.filters["weekday_label"] = lambda i: labels.translate(
        taxonomy.WEEKDAY_LABELS[taxonomy.WEEKDAYS[i]]
    )
    app.jinja_env.filters["labels"] = lambda codes, vocabulary: ", ".join(
        labels.vocabulary_label(vocabulary, code) for code in codes
    )
    app.jinja_env.globals["param_label"] = param_label
    app.jinja_env.globals["labelled"] = i18n.labelled
    app.jinja_env.globals["after_label"] = i18n.after_label
    app.jinja_env.globals["sort_labels"] = sort_labels
    app.jinja_env.filters["understood_label"] = understood_label
    app.jinja_env.filters["time_of_day"] = time_of_day
    app.jinja_env.filters["weekday_plural"] = weekday_plural
    # A call, not a filter on a literal: Jinja folds filters of constants when it compiles a
    # template, which would freeze the first reader's language.
    app.jinja_env.globals["language_choices"] = lambda *codes: {
        code: labels.language_label(code) for code in codes}
    app.jinja_env.filters["say"] = say  # a matching Phrase (reason, relaxation) in words
    app.jinja_env.filters["say_all"] = lambda phrases: [say(p) for p in phrases]
    # A message the system built (a Problem), or stored text with the code kept beside it
    # (`told(stored)`), in the reader's language; old rows without a code: their text.
    app.jinja_env.filters["told"] = problems.render
    app.jinja_env.filters["told_all"] = lambda texts, stored=None: [
        problems.render(text, (stored or [])[i] if i < len(stored or []) else None)
        for i, text in enumerate(texts or [])]
    app.jinja_env.filters["replace_near"] = lambda params, text: replace(
        params, near=text, lat=None, lon=None, page=1
    )
    app.jinja_env.filters["chip_items"] = lambda params: [
        (name, value)
        for name, value in params.canonical_items(include_page=False)
        if name not in ("lon", "per_page", "tz", "units")
    ]
    app.jinja_env.filters["filter_items"] = lambda params: [
        (name, value)
        for name, value in params.canonical_items(include_page=False)
        if name not in ("q", "near", "lat", "lon", "per_page", "tz", "units")
    ]
    app.jinja_env.filters["differs_in"] = lambda dt, zone: (
        dt.utcoffset() != dt.astimezone(ZoneInfo(zone)).utcoffset()
    )
    app.jinja_env.filters["tel_links"] = tel_links
    app.jinja_env.filters["clock"] = clock
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["when_named"] = when_named
    app.jinja_env.filters["zone_words"] = zone_words
    app.jinja_env.filters["meeting_place"] = meeting_place
    app.jinja_env.filters["place_line"] = place_line
    app.jinja_env.filters["split_when"] = split_when
    app.jinja_env.filters["in_zone"] = lambda dt, zone: (
        dt.astimezone(ZoneInfo(zone)) if zone else dt
    )
    app.jinja_env.filters["day_label"] = day_label
    app.jinja_env.filters["distance"] = distance
    app.jinja_env.filters["cost_label"] = cost_label
    app.jinja_env.filters["verified_label"] = verified_label
    app.jinja_env.filters["conference_provider"] = conference_provider
    app.jinja_env.filters["phone_join"] = phone_join
    app.jinja_env.filters["hhmm"] = lambda t: t.strftime("%H:%M") if t else ""
