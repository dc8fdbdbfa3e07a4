"""Applying an :class:`~matching.query.understand.Understanding` to validated criteria, and
describing it for the seeker (``SearchResult.understood``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from matching import vocab
from matching.query import Criteria
from matching.query.understand import FAMILY_TOPIC, Understanding
from matching.taxonomy import Taxonomy

_FIELD = {"format": "formats", "cost": "costs", "day": "days", "time": "times",
          "lang": "languages", "audience": "audience", "access": "access",
          "approach": "approaches"}
_PARAM_LABEL = {"format": "Format", "cost": "Cost", "day": "Day", "time": "Time",
                "lang": "Language", "audience": "For", "access": "Access",
                "approach": "Approach", "welcome": "Who may attend"}


def seeker_weekday(now: datetime, tz: str | None, days_ahead: int = 0) -> str:
    """The weekday code of the seeker's today (+ ``days_ahead``): in ``tz`` when given, else
    in ``now``'s own zone."""
    local = now.astimezone(ZoneInfo(tz)) if tz else now
    return vocab.WEEKDAYS[(local + timedelta(days=days_ahead)).weekday()]


def value_label(param: str, value: str) -> str:
    """A filter value as a person reads it ("Free", "Women", "Spanish", "today")."""
    table = {"format": vocab.FORMATS, "cost": vocab.COSTS, "audience": vocab.AUDIENCES,
             "access": vocab.ACCESS, "approach": vocab.APPROACHES, "lang": vocab.LANGUAGES,
             "welcome": vocab.WELCOME}.get(param)
    if table is not None:
        return table.get(value, value)
    if param == "time":
        return value.title()
    if param == "day" and value in vocab.WEEKDAYS:
        return vocab.WEEKDAY_SHORT[vocab.WEEKDAYS.index(value)]
    return value


def apply_filters(crit: Criteria, und: Understanding, now: datetime
                  ) -> tuple[Criteria, dict[str, tuple[str, ...]]]:
    """Criteria with the text's filter words as filters and the text replaced by the words
    left for relevance; and the word-read values of parameters the query also set itself.

    A parameter the words name and the query does not set takes the words' values. When the
    query sets it too, both must hold: the words' values come back separately (``extra``,
    parameter name → values) for the search to add as one more filter, so that words never
    widen an explicit filter ("online" in the text with ``format=in-person`` keeps only
    groups that are both, i.e. hybrid).
    """
    changes: dict[str, object] = {"text": und.text}
    extra: dict[str, tuple[str, ...]] = {}
    for param, value, _words in und.filters:
        if param == "day" and value in ("today", "tomorrow"):
            value = seeker_weekday(now, crit.tz, 0 if value == "today" else 1)
        if param == "welcome":
            if value not in vocab.WELCOME:
                continue
            if crit.welcome is None:
                changes["welcome"] = value
            elif crit.welcome != value:
                extra["welcome"] = (value,)
            continue
        name = _FIELD.get(param)
        if name is None:
            continue
        if getattr(crit, name):
            if value not in extra.get(param, ()):
                extra[param] = (*extra.get(param, ()), value)
            continue
        current = tuple(changes.get(name, ()))  # type: ignore[arg-type]
        if value not in current:
            changes[name] = (*current, value)
    return replace(crit, **changes), extra  # type: ignore[arg-type]


def understood_items(und: Understanding, taxonomy: Taxonomy) -> list[dict[str, str]]:
    """What was understood, for the seeker: filters, topics, the family viewpoint.

    Items: ``{"kind": "filter", "param", "value", "words", "label"}`` (label e.g. "Cost:
    Free"), ``{"kind": "topic", "words", "topic", "label"}``, ``{"kind": "approach", "words",
    "value", "label"}`` (an approach the named programme follows: a ranking preference, not
    a filter), ``{"kind": "family", "words",
    "label"}`` and ``{"kind": "adult-child", "words", "label"}``.
    """
    items: list[dict[str, str]] = []
    for param, value, words in und.filters:
        items.append({"kind": "filter", "param": param, "value": value, "words": words,
                      "label": f"{_PARAM_LABEL.get(param, param)}: {value_label(param, value)}"})
    seen: set[tuple[str, str]] = set()
    for hit in und.hits:
        words = und.words_of(hit.start, hit.end)
        for topic in hit.entry.topics:
            if topic in taxonomy and (words, topic) not in seen:
                seen.add((words, topic))
                items.append({"kind": "topic", "words": words, "topic": topic,
                              "label": taxonomy.label(topic)})
    named = {a for p, a, _w in und.filters if p == "approach"}
    for hit in und.hits:
        a = hit.entry.approach
        if a and a in vocab.APPROACHES and a not in named and a != "other":
            named.add(a)
            items.append({"kind": "approach", "words": und.words_of(hit.start, hit.end),
                          "value": a, "label": f"{vocab.APPROACHES[a]} (preferred)"})
    if und.family and FAMILY_TOPIC in taxonomy:
        vp = und.viewpoint
        words = und.words_of(*vp.span) if vp.family and vp.span else next(
            (und.words_of(h.start, h.end) for h in und.hits if h.entry.family), "")
        items.append({"kind": "family", "words": words, "label": "for family and friends"})
    elif und.viewpoint.adult_child and und.viewpoint.span:
        items.append({"kind": "adult-child", "words": und.words_of(*und.viewpoint.span),
                      "label": "for adult children"})
    return items
