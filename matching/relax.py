"""Too few results: which single filter to drop, or how far to widen the radius."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import numpy as np

from matching import vocab
from matching import weights as W
from matching.geo import KM_PER_MILE
from matching.phrases import Phrase
from matching.results import Relaxation

if TYPE_CHECKING:  # pragma: no cover
    from matching.index import Index
    from matching.query import Criteria
    from matching.query.understand import Understanding
    from matching.ranking import Distances


class SearchState(Protocol):
    """What a relaxation needs of the search it relaxes (``ranking.Ranking`` provides it):
    the criteria, the index, the understood words, the distances measured so far, and the
    schedule and radius masks."""

    c: Criteria
    ix: Index
    n: int
    und: Understanding | None
    dist: Distances | None

    def slot_mask(self, days_codes: tuple[str, ...] | None = None,
                  time_codes: tuple[str, ...] | None = None) -> np.ndarray: ...

    def distances(self, radius_km: float | None) -> Distances: ...

    def within(self, radius_km: float) -> np.ndarray: ...

# Filter mask key → (query parameter name as in the public URL, what the values are called).
_PARAMS: dict[str, tuple[str, str]] = {
    "topic": ("topic", "topic"),
    "format": ("format", "format"),
    "cost": ("cost", "cost"),
    "approach": ("approach", "approach"),
    "welcome": ("welcome", "welcome"),
    "lang": ("lang", "language"),
    "audience": ("audience", "audience"),
    "access": ("access", "accessibility"),
    "q": ("q", "search words"),
}


def _labels(search: SearchState, key: str) -> list[tuple[str, str]]:
    """(value, label) pairs of the values a filter holds."""
    c = search.c
    tax = search.ix.taxonomy
    if key == "topic":
        return [(t, tax.label(t)) for t in c.topics]
    if key == "format":
        return [(f, vocab.FORMATS[f]) for f in c.formats]
    if key == "cost":
        return [(x, vocab.COSTS[x]) for x in c.costs]
    if key == "approach":
        return [(x, vocab.APPROACHES[x]) for x in c.approaches]
    if key == "welcome":
        return [(c.welcome, vocab.WELCOME[c.welcome])] if c.welcome else []
    if key == "lang":
        return [(x, vocab.LANGUAGES.get(x, x)) for x in c.languages]
    if key == "audience":
        return [(x, vocab.AUDIENCES[x]) for x in c.audience]
    if key == "access":
        return [(x, vocab.ACCESS[x]) for x in c.access]
    return []


def _schedule_relaxations(search: SearchState, others: np.ndarray, total: int) -> list[Relaxation]:
    """Dropping the day filter or the time filter (each on its own)."""
    c = search.c
    out: list[Relaxation] = []
    for param, values, kept in (("day", c.days, {"times": c.times, "days": ()}),
                                ("time", c.times, {"days": c.days, "times": ()})):
        if not values:
            continue
        ok = search.slot_mask(kept["days"], kept["times"])
        mask = np.zeros(search.n, dtype=bool)
        mask[search.ix.meetings.owner[ok]] = True
        count = int((others & mask).sum())
        if count > total:
            names = [("today" if v == "today" else vocab.WEEKDAY_SHORT[vocab.WEEKDAYS.index(v)])
                     if param == "day" else v for v in values]
            value = values[0] if len(values) == 1 else None
            label = (Phrase("drop_value", f"Drop the ‘{names[0]}’ filter", param=param,
                            values=tuple(values))
                     if value else
                     Phrase("drop_filter", f"Drop the {param} filter ({', '.join(names)})",
                            param=param, values=tuple(values)))
            out.append(Relaxation(param, value, label, count, remove=(param, value)))
    return out


def suggest_relaxations(search: SearchState, masks: dict[str, np.ndarray],
                        total: int) -> list[Relaxation]:
    """Single changes that give more results, most results first.

    Each filter is dropped on its own (all its values at once; ``value`` is the single value
    when it had one); the radius is widened through ``RADIUS_WIDEN_STEPS`` (round numbers in the
    seeker's units); see :func:`_radius_relaxations`.
    """
    keys = list(masks)
    out: list[Relaxation] = []
    for key in keys:
        others = search.ix.live.copy()
        for other in keys:
            if other != key:
                others &= masks[other]
        if key == "schedule":
            out.extend(_schedule_relaxations(search, others, total))
            continue
        if key == "radius":
            out.extend(_radius_relaxations(search, others, total))
            continue
        count = int(others.sum())
        if count <= total:
            continue
        param, what = _PARAMS[key]
        if key == "q":
            words = search.und.raw if search.und is not None else search.c.text
            label = Phrase("drop_words", f"Search without the words “{words[:60]}”",
                           words=words[:60])
            out.append(Relaxation(param, None, label, count, remove=(param, None)))
            continue
        values = _labels(search, key)
        if len(values) == 1:
            value, vlabel = values[0]
            out.append(Relaxation(param, value,
                                  Phrase("drop_value", f"Drop the ‘{vlabel}’ filter",
                                         param=param, values=(value,)),
                                  count, remove=(param, value)))
        else:
            names = ", ".join(label for _, label in values)
            out.append(Relaxation(param, None,
                                  Phrase("drop_filter", f"Drop the {what} filter ({names})",
                                         param=param, values=tuple(v for v, _ in values)),
                                  count, remove=(param, None)))
    out.sort(key=lambda r: (-r.total, r.param, r.value or ""))
    return out


def _radius_relaxations(search: SearchState, others: np.ndarray, total: int) -> list[Relaxation]:
    """The smallest round radius giving ``RELAX_BELOW`` results, else the widest that helps."""
    c = search.c
    per_unit = 1.0 if c.units == "km" else KM_PER_MILE
    best: Relaxation | None = None
    search.dist = search.distances(None)  # the search measured only inside its radius
    for step in W.RADIUS_WIDEN_STEPS:
        radius = step * per_unit
        if radius <= c.radius_km + 1e-9:
            continue
        count = int((others & search.within(radius)).sum())
        if count <= total or (best is not None and count <= best.total):
            continue
        best = Relaxation("radius", None,
                          Phrase("widen", f"Widen to {step:.0f} {c.units}", step=step,
                                 units=c.units),
                          count, radius_km=round(radius, 3))
        if count >= W.RELAX_BELOW:
            break
    return [best] if best else []
