"""The matching library's phrases (reasons, relaxations, notices) in the reader's language.

matching returns :class:`~matching.phrases.Phrase` values: English text with a key and the
values it was made from. ``say`` turns one into the current language; a key it does not know
stays English (a test keeps the two lists in step).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from directory.i18n import labels, problems
from directory.i18n import text as i18n
from directory.i18n.messages import MESSAGES
from directory.i18n.text import N_, gettext
from matching import reasons as matching_reasons
from matching.geo import format_distance
from matching.phrases import Phrase
from places import model as places_model

# Zones as people name them, in words the catalogs translate ("Pacific time" → "hora del
# Pacífico"); other zones are named by their city.
ZONE_NAMES: dict[str, str] = {
    "Pacific": N_("Pacific time"), "Mountain": N_("Mountain time"),
    "Arizona": N_("Arizona time"), "Central": N_("Central time"),
    "Saskatchewan": N_("Saskatchewan time"), "Eastern": N_("Eastern time"),
    "Atlantic": N_("Atlantic time"), "Newfoundland": N_("Newfoundland time"),
    "Alaska": N_("Alaska time"), "Hawaii": N_("Hawaii time"), "UK": N_("UK time"),
    "Irish": N_("Irish time"), "New Zealand": N_("New Zealand time"), "UTC": N_("UTC"),
}
WEEKDAY_PLURALS = (N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"),
                   N_("Fridays"), N_("Saturdays"), N_("Sundays"))
TIME_OF_DAY = {"morning": N_("Morning"), "afternoon": N_("Afternoon"),
               "evening": N_("Evening"), "night": N_("Night")}


def zone_words(name: str | None) -> str:
    """"Pacific time" / "hora del Pacífico" / "heure du Pacifique"; "Kolkata time" otherwise."""
    if not name:
        return gettext("local time")
    words = matching_reasons.ZONE_WORDS.get(name)
    if words in ZONE_NAMES:
        return gettext(ZONE_NAMES[words])
    if words is None:
        words = name.rsplit("/", 1)[-1].replace("_", " ")
    return gettext("%(city)s time", city=words)


def weekday_plural(index: int) -> str:
    """Mondays / los lunes / le lundi (Monday = 0)."""
    return gettext(WEEKDAY_PLURALS[index])


def time_of_day(code: str) -> str:
    return gettext(TIME_OF_DAY[code]) if code in TIME_OF_DAY else code


def distance(km: float, units: str) -> str:
    """2.3 mi / 2,3 mi — matching's rounding, the language's decimal sign."""
    english = format_distance(km, units)
    number, _, unit = english.partition(" ")
    try:
        value = float(number)
    except ValueError:
        return english
    return f"{i18n.decimal(value, '0.0' if '.' in number else '0')} {unit}"


def _at(args: dict) -> str:
    start: datetime = args["start"]
    at = i18n.clock(start)
    return f"{at} {zone_words(args['tz'])}" if args.get("tz") else at


def _value_label(param: str, value: str) -> str:
    if param == "topic":
        return labels.topic_label(value)
    if param == "lang":
        return labels.language_label(value)
    if param == "day":
        if value == "today":
            return gettext("today")
        from matching import vocab
        return i18n.weekday_short_of(vocab.WEEKDAYS.index(value)) if value in vocab.WEEKDAYS \
            else value
    if param == "time":
        return time_of_day(value)
    if param == "welcome":
        return labels.translate({"open": "Open meeting", "closed": "Closed meeting"}
                                .get(value, value))
    return labels.vocabulary_label(param, value)


FILTER_NAMES = {"topic": N_("topic"), "format": N_("format"), "cost": N_("cost"),
                "approach": N_("approach"), "welcome": N_("welcome"), "lang": N_("language"),
                "audience": N_("audience"), "access": N_("accessibility"), "day": N_("day"),
                "time": N_("time")}

_SAY: dict[str, Callable[[dict], str]] = {
    # reasons
    "topic": lambda a: (f"{a['words']} → " if a.get("words") else "") + (
        labels.topic_label(a["code"]) if a.get("code") else labels.translate(a["label"])),
    "for_family": lambda a: gettext("for family members"),
    "online": lambda a: gettext("online"),
    "by_phone": lambda a: gettext("by phone"),
    "distance": lambda a: distance(a["km"], a["units"]),
    "distance_or_online": lambda a: gettext("%(distance)s or online",
                                            distance=distance(a["km"], a["units"])),
    "in_person_or_online": lambda a: gettext("in person or online"),
    "cost": lambda a: labels.vocabulary_label("cost", a["code"]).lower(),
    "started": lambda a: gettext("meeting now (started %(time)s)", time=_at(a)),
    "today": lambda a: gettext("today %(time)s", time=_at(a)),
    "tomorrow": lambda a: gettext("tomorrow %(time)s", time=_at(a)),
    "next_day": lambda a: gettext("next %(day)s %(time)s", day=i18n.weekday_short(a["start"]),
                                  time=_at(a)),
    "date": lambda a: f"{i18n.day_month(a['start'])} {_at(a)}",
    "no_upcoming": lambda a: gettext("no upcoming meeting"),
    "language": lambda a: gettext("in %(language)s", language=labels.language_label(a["code"])),
    "audience": lambda a: gettext("for %(audience)s",
                                  audience=labels.vocabulary_label("audience", a["code"])
                                  if a["code"] in ("lgbtq", "bipoc") else
                                  labels.vocabulary_label("audience", a["code"]).lower()),
    "access": lambda a: labels.vocabulary_label("access", a["code"]).lower(),
    "not_accepting": lambda a: gettext("not taking new members now"),
    "stale_since": lambda a: gettext("not verified since %(month)s",
                                     month=i18n.month_year(a["since"])),
    "not_verified": lambda a: gettext("not yet verified"),
    # relaxations
    "drop_value": lambda a: gettext("Drop the ‘%(value)s’ filter",
                                    value=_value_label(a["param"], a["values"][0])),
    "drop_filter": lambda a: gettext(
        "Drop the %(filter)s filter (%(values)s)",
        filter=gettext(FILTER_NAMES.get(a["param"], a["param"])),
        values=", ".join(_value_label(a["param"], v) for v in a["values"])),
    "drop_words": lambda a: gettext("Search without the words “%(words)s”", words=a["words"]),
    "widen": lambda a: gettext("Widen to %(distance)s",
                               distance=f"{a['step']:.0f} {a['units']}"),
    # notices
    "text-too-general": lambda a: gettext(
        "“%(words)s” is too general to search for; showing all groups.", words=a["words"]),
    "text-not-recognised": lambda a: gettext("No group matches the words “%(words)s”.",
                                             words=a["words"]),
    "page-out-of-range": lambda a: gettext("There are no results on this page."),
    "clamped": lambda a: gettext("Only the first %(count)s characters are used.",
                                 count=a["count"]),
    "unknown-value": lambda a: gettext("Ignored unknown value “%(value)s”.", value=a["value"]),
    "one-welcome": lambda a: gettext("Only one welcome value is allowed."),
}
KEYS = frozenset(_SAY)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    out = []
    for i, part in enumerate(parts):
        out.append(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)")
    return re.compile("".join(out), re.DOTALL)


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Formatted English messages other layers make (``{name}`` marks a value)."""
    names = ("NOT_FOUND_MESSAGE", "EMPTY_MESSAGE", "TOO_LONG_MESSAGE", "FUZZY_MESSAGE",
             "NEAR_ME_MESSAGE", "NOT_A_PLACE_MESSAGE", "COUNTRY_MESSAGE", "REGION_MESSAGE")
    templates = [getattr(places_model, n) for n in names] + list(MESSAGES)
    return tuple((_pattern(t), t) for t in templates if "{" in t)


# A message's {what} or {name} that is a vocabulary or filter (a field's English code), said
# in words: "Unknown topic code" → "Código de tema desconocido".
VALUE_WORDS = {**FILTER_NAMES, "facilitation": N_("facilitation"), "units": N_("unit"),
               "sort": N_("sort order"), "tz": N_("time zone"), "radius": N_("radius")}


def _value_words(key: str, value: str) -> str:
    if key in ("what", "name") and value in VALUE_WORDS:
        return gettext(VALUE_WORDS[value])
    return value


def say(phrase: object) -> str:
    """A Phrase, or a known formatted English message, in the current language; any other
    text as it is."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return str(phrase)
    if isinstance(phrase, problems.Problem):
        return problems.render(phrase)
    if hasattr(phrase, "problem"):  # an import's RowError
        return problems.render(phrase.problem())
    if isinstance(phrase, Phrase):
        speak = _SAY.get(phrase.key)
        if speak is not None:
            return speak(phrase.args)
    if isinstance(phrase, str) and phrase:
        said = gettext(str(phrase))
        if said != phrase:
            return said
        for pattern, template in _templates():
            found = pattern.fullmatch(phrase)
            if found:
                values = {key: _value_words(key, value)
                          for key, value in found.groupdict().items()}
                return gettext(template).format(**values)
    return str(phrase)


PARAM_LABELS = {"format": N_("Format"), "cost": N_("Cost"), "day": N_("Day"), "time": N_("Time"),
                "lang": N_("Language"), "audience": N_("For"), "access": N_("Access"),
                "approach": N_("Approach"), "welcome": N_("Who may attend")}


def understood_label(item: dict) -> str:
    """How a piece of the search words was read ("Cost: Free", "Grief", "for family and
    friends"), from matching's structured item, in the current language."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return item.get("label", "")
    kind = item.get("kind")
    if kind == "filter":
        param = item.get("param", "")
        name = gettext(PARAM_LABELS[param]) if param in PARAM_LABELS else param
        return i18n.labelled(name, _value_label(param, item.get("value", "")))
    if kind == "topic":
        return labels.topic_label(item.get("topic", ""))
    if kind == "approach":
        return gettext("%(approach)s (preferred)",
                       approach=labels.vocabulary_label("approach", item.get("value", "")))
    if kind == "family":
        return gettext("for family and friends")
    if kind == "adult-child":
        return gettext("for adult children")
    return item.get("label", "")


CHIP_LABELS = {"q": N_("Words"), "topic": N_("Topic"), "format": N_("Format"), "cost": N_("Cost"),
               "day": N_("Day"), "time": N_("Time"), "lang": N_("Language"), "audience": N_("For"),
               "access": N_("Access"), "approach": N_("Approach"), "welcome": N_("Who may attend"),
               "near": N_("Near"), "lat": N_("Near"), "radius": N_("Within"), "sort": N_("Sort")}
SORT_LABELS = {"best": N_("Best match"), "soonest": N_("Meeting soonest"),
               "distance": N_("Nearest"), "recent": N_("Recently updated")}


def param_label(name: str) -> str:
    """A search parameter's name on a chip ("Cost", "Near")."""
    return gettext(CHIP_LABELS[name]) if name in CHIP_LABELS else name


def sort_labels() -> dict[str, str]:
    """The sort orders, in order, with their labels."""
    return {code: gettext(label) for code, label in SORT_LABELS.items()}
