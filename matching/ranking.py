"""Ranking one search over an Index: the filter masks, a shortlist, the score components
(matching/scores.py), their weighted combination and the order of the page."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from matching import weights as W
from matching.geo import Near, chord2_of_km, km_of_chord2
from matching.phrases import Phrase
from matching.profiles import GroupProfile
from matching.query import Criteria
from matching.query.understand import ADULT_CHILD_TOPIC, FAMILY_TOPIC, Understanding
from matching.reasons import build_reasons
from matching.relax import suggest_relaxations
from matching.results import Match, Notice, SearchResult
from matching.schedule import judge_occurrences, next_occurrence
from matching.scores import place_score, schedule_score, text_score
from matching.select import kth_largest, kth_smallest, top_rows
from matching.text import STOPWORDS, name_key, query_terms
from matching.vocab import (
    ACCESS_CODES,
    APPROACH_CODES,
    AUDIENCE_CODES,
    COST_CODES,
    FORMAT_CODES,
    WELCOME_CODES,
    code_index,
    code_lut,
)

if TYPE_CHECKING:  # pragma: no cover
    from matching.index import Index

# A format filter value also keeps these formats: hybrid groups can be joined either way.
FORMAT_INCLUDES: dict[str, tuple[str, ...]] = {
    "in-person": ("in-person", "hybrid"),
    "online": ("online", "hybrid"),
    "hybrid": ("hybrid",),
    "phone": ("phone",),
}
COMPONENTS: tuple[str, ...] = tuple(W.COMPONENT_WEIGHTS)
# With at most SHORTLIST_FACTOR × rows needed + SHORTLIST_MIN candidates, all are scored.
SHORTLIST_FACTOR = 4
SHORTLIST_MIN = 256
# The shortlist's estimate of a score differs from the exact one by less than its rounding
# (5e-7) plus float32 error in Index.static_scores; rows within this much of the bound are kept.
SHORTLIST_SLACK = 1e-5
# When the bound keeps more than that, the best SHORTLIST_PROBE_FACTOR × rows needed +
# SHORTLIST_PROBE_MIN by the estimate are scored exactly first, for a tighter bound.
SHORTLIST_PROBE_FACTOR = 2
SHORTLIST_PROBE_MIN = 64
# Above this many candidates (sort=best), an upper bound from a few gathers drops rows first.
SHORTLIST_BOUND_ROWS = 20_000


def _codes_mask(column: np.ndarray, codes: tuple[str, ...], wanted) -> np.ndarray:  # noqa: ANN001
    """Rows whose code (an index into ``codes``; -1 = unknown) is one of ``wanted``: a few
    equality tests, not a lookup-table gather over every row."""
    found = sorted({i for w in wanted if (i := code_index(w, codes)) >= 0})
    if not found:
        return np.zeros(column.shape[0], dtype=bool)
    out = column == found[0]
    for i in found[1:]:
        out |= column == i
    return out


def _any_rows(matrix: np.ndarray, cols: list[int], n: int,
              rows: np.ndarray | None = None) -> np.ndarray:
    """OR of the code rows ``cols`` of a code-major bool matrix (at ``rows`` when given);
    no code → no row."""
    if not cols:
        return np.zeros(n, dtype=bool)
    out = matrix[cols[0]] if rows is None else matrix[cols[0]][rows]
    out = out.copy() if rows is None else out
    for col in cols[1:]:
        out |= matrix[col] if rows is None else matrix[col][rows]
    return out


def _all_rows(matrix: np.ndarray, cols: list[int], n: int) -> np.ndarray:
    """AND of the code rows ``cols`` of a code-major bool matrix; no code → every row."""
    out = np.ones(n, dtype=bool)
    for col in cols:
        out &= matrix[col]
    return out


def _marked(rows: np.ndarray, wanted: list[int]) -> np.ndarray:
    """Per row of ``rows`` (ascending): is it one of the few rows ``wanted`` (what
    ``np.isin`` gives, by binary search instead of sorting ``rows``)."""
    out = np.zeros(rows.size, dtype=bool)
    if not rows.size or not wanted:
        return out
    w = np.asarray(wanted, dtype=np.int64)
    pos = np.searchsorted(rows, w)
    ok = pos < rows.size
    ok[ok] = rows[pos[ok]] == w[ok]
    out[pos[ok]] = True
    return out


def fold_words(text: str) -> str:
    return name_key(text)


def _coverage(text: str, covered: set[int]) -> tuple[float, str]:
    """Share (0–1) of the text's meaningful words that a recognised phrase or lexicon entry
    explains, and the words left unexplained (joined by spaces)."""
    toks = text.split()
    meaningful = [(t, i in covered) for i, t in enumerate(toks) if t not in STOPWORDS]
    if not meaningful:
        return 0.0, ""
    share = sum(c for _, c in meaningful) / len(meaningful)
    return share, " ".join(t for t, c in meaningful if not c)


class Distances:
    """Distances from the seeker's place (a ``geo.Near``): ``rows`` (ascending) are the
    groups measured and ``chord2`` the squared chord to the nearest of their places;
    kilometres are taken only for the rows read. Any other group is NaN when it has no
    place (remote groups included), else inf (beyond what was measured)."""

    def __init__(self, ix: Index, near: Near) -> None:
        self.ix, self.near = ix, near
        self.rows, self.chord2 = near.rows, near.chord2

    def at(self, rows: np.ndarray) -> np.ndarray:
        """The distances (km) of ``rows`` (float64; NaN: no place; inf: not measured)."""
        out = self.ix.no_place_nan[rows]
        if rows.size and self.rows.size:
            found, chord2 = self.near.at(rows)
            out[found] = km_of_chord2(chord2)
        return out

    def within(self, radius_km: float) -> np.ndarray:
        """Per group: met remotely, no place, or measured at most ``radius_km`` away."""
        mask = self.ix.placeless_or_remote()
        mask[self.rows[self.chord2 <= chord2_of_km(radius_km)]] = True
        return mask


class Ranking:
    """One search: masks -> shortlist -> score components -> order -> the page (internal)."""

    def __init__(self, index: Index, crit: Criteria, notices: list[Notice], now: datetime,
                 und: Understanding | None = None,
                 extra: dict[str, tuple[str, ...]] | None = None):
        self.ix = index
        self.c = crit
        # Filters read from the words for parameters the query also set (both must hold).
        self.extra = extra or {}
        self.notices = notices
        self.now = now
        self.n = index.size
        self._remote: np.ndarray | None = None
        self.und = und
        # An audience wish (parameter or word) weighs the fit component more: see
        # weights.AUDIENCE_WISH_FIT_WEIGHT.
        self.weights = dict(W.COMPONENT_WEIGHTS)
        if any(a != "everyone" for a in crit.audience):
            self.weights["fit"] = W.AUDIENCE_WISH_FIT_WEIGHT

    # --- filters -----------------------------------------------------------------------
    def masks(self) -> dict[str, np.ndarray]:
        ix, c, n = self.ix, self.c, self.n
        m: dict[str, np.ndarray] = {}
        if c.topics:
            allowed = set(ix.taxonomy.expand(c.topics))
            allowed.update(p for t in c.topics if (p := ix.taxonomy.parents.get(t)))
            cols = [ix.topic_col[t] for t in sorted(allowed) if t in ix.topic_col]
            m["topic"] = _any_rows(ix.topics_t, cols, n)
        if c.formats:
            wanted = {f for code in c.formats for f in FORMAT_INCLUDES[code]}
            m["format"] = _codes_mask(ix.fmt, FORMAT_CODES, wanted)
        if c.costs:
            m["cost"] = _codes_mask(ix.cost, COST_CODES, c.costs)
        if c.approaches:
            m["approach"] = _codes_mask(ix.approach, APPROACH_CODES, c.approaches)
        if c.welcome:
            m["welcome"] = _codes_mask(ix.welcome, WELCOME_CODES, (c.welcome,))
        if c.languages:
            cols = [ix.lang_col[code] for code in c.languages if code in ix.lang_col]
            m["lang"] = _any_rows(ix.langs_t, cols, n)
        if c.audience:
            cols = [AUDIENCE_CODES.index(a) for a in c.audience]
            cols.append(AUDIENCE_CODES.index("everyone"))
            m["audience"] = _any_rows(ix.aud_t, cols, n)
        if c.access:
            cols = [ACCESS_CODES.index(a) for a in c.access]
            m["access"] = _all_rows(ix.acc_t, cols, n)
        # A format is a property of each meeting: the group qualifies through a meeting that
        # can be attended that way, and only such meetings are offered as its next one.
        by_format = ix.meetings_for_formats(c.formats) if c.formats else None
        if by_format is not None:
            m["format"] &= ix.groups_for_formats(c.formats)
        self._by_format = by_format
        # The schedule filter is judged last, only on the meetings of groups every other
        # filter keeps (it is the costly one); the words' own day/time filters need it first.
        scheduled = bool(c.days or c.times)
        late = scheduled and not (self.extra.get("day") or self.extra.get("time"))
        if scheduled and not late:
            self.meeting_ok = self.slot_mask()
            if by_format is not None:
                self.meeting_ok &= by_format
            m["schedule"] = np.zeros(n, dtype=bool)
            m["schedule"][ix.meetings.owner[self.meeting_ok]] = True
        else:
            self.meeting_ok = by_format
        if c.has_place:
            self.dist = self.distances(c.radius_km)
            m["radius"] = self.within(c.radius_km)
        else:
            self.dist = None
        if c.text or (self.und is not None and self.und.hits):
            self.text_masks(m)
        if self.extra:
            # The words' own filters on parameters the query set too: one more condition,
            # relaxed together with the words ("search without the words").
            words = self.extra_mask()
            m["q"] = m["q"] & words if "q" in m else words
        if late:
            cand = ix.live.copy()
            for mask in m.values():
                cand &= mask
            ok = self.slot_mask(groups=np.nonzero(cand)[0])
            if by_format is not None:
                ok &= by_format
            self.meeting_ok = ok
            m["schedule"] = np.zeros(n, dtype=bool)
            m["schedule"][ix.meetings.owner[ok]] = True
            self._schedule_partial = True
        return m

    def full_schedule_mask(self) -> np.ndarray:
        """The schedule filter over every group (masks() judges only the candidates)."""
        ok = self.slot_mask()
        if self._by_format is not None:
            ok &= self._by_format
        mask = np.zeros(self.n, dtype=bool)
        mask[self.ix.meetings.owner[ok]] = True
        return mask

    def extra_mask(self) -> np.ndarray:
        ix, n = self.ix, self.n
        keep = np.ones(n, dtype=bool)
        for param, values in self.extra.items():
            if param == "format":
                wanted = {f for code in values for f in FORMAT_INCLUDES.get(code, ())}
                keep &= _codes_mask(ix.fmt, FORMAT_CODES, wanted)
            elif param == "cost":
                keep &= _codes_mask(ix.cost, COST_CODES, values)
            elif param == "approach":
                keep &= _codes_mask(ix.approach, APPROACH_CODES, values)
            elif param == "welcome":
                keep &= _codes_mask(ix.welcome, WELCOME_CODES, values)
            elif param == "lang":
                cols = [ix.lang_col[code] for code in values if code in ix.lang_col]
                keep &= _any_rows(ix.langs_t, cols, n)
            elif param == "audience":
                cols = [AUDIENCE_CODES.index(a) for a in values if a in AUDIENCE_CODES]
                cols.append(AUDIENCE_CODES.index("everyone"))
                keep &= _any_rows(ix.aud_t, cols, n)
            elif param == "access":
                cols = [ACCESS_CODES.index(a) for a in values if a in ACCESS_CODES]
                keep &= _all_rows(ix.acc_t, cols, n)
        days = self.extra.get("day")
        times = self.extra.get("time")
        if days or times:
            ok = self.slot_mask(tuple(days or ()), tuple(times or ()))
            if self.meeting_ok is not None:
                ok &= self.meeting_ok
            self.meeting_ok = ok
            sched = np.zeros(n, dtype=bool)
            sched[ix.meetings.owner[ok]] = True
            keep &= sched
        return keep

    def distances(self, radius_km: float | None) -> Distances:
        """Distances to the groups with a place within ``radius_km`` (see
        :class:`Distances`); None measures every group with a place."""
        c = self.c
        assert c.lat is not None and c.lon is not None
        return Distances(self.ix, self.ix.places.near(c.lat, c.lon, radius_km, self.n))

    def within(self, radius_km: float) -> np.ndarray:
        assert self.dist is not None
        return self.dist.within(radius_km)

    def slot_mask(
        self, days_codes: tuple[str, ...] | None = None, time_codes: tuple[str, ...] | None = None,
        *, groups: np.ndarray | None = None,
    ) -> np.ndarray:
        """Meetings whose current or next occurrence is on a wanted day and time of day.

        Judged on the seeker's clock for meetings joined from anywhere (see
        :meth:`judged_remote`), on the meeting's own clock for meetings attended in person;
        see :func:`matching.schedule.judge_occurrences`.
        """
        c, mt = self.c, self.ix.meetings
        days_codes = c.days if days_codes is None else days_codes
        time_codes = c.times if time_codes is None else time_codes
        if groups is None:
            rows = np.arange(mt.owner.size)
            return judge_occurrences(mt, rows, self.now, seeker_tz=c.tz,
                                     remote=self.remote_meetings(), days=days_codes,
                                     times=time_codes)
        # Only the meetings of ``groups`` (ascending rows) are judged; the others are False.
        rows = mt.rows_of(groups)
        out = np.zeros(mt.owner.size, dtype=bool)
        if rows.size:
            out[rows] = judge_occurrences(mt, rows, self.now, seeker_tz=c.tz,
                                          remote=self.remote_meetings()[rows],
                                          days=days_codes, times=time_codes)
        return out

    def judged_remote(self) -> np.ndarray:
        """Per meeting: judged on the seeker's clock (joined from anywhere).

        Online and phone meetings are; so are a hybrid group's meetings when the seeker asked
        for ``online`` and not ``in-person`` (they will join online).
        """
        mt, ix = self.ix.meetings, self.ix
        remote = mt.online.copy()
        if "online" in self.c.formats and "in-person" not in self.c.formats:
            hybrid = FORMAT_CODES.index("hybrid")
            remote |= ix.fmt[mt.owner] == hybrid
        return remote

    def text_masks(self, m: dict[str, np.ndarray]) -> None:
        ix, c = self.ix, self.c
        self.text_topics, covered = self.understood_topics()
        self.lexical = ix.text.score(c.text)
        self.name_rows = ix.names.get(name_key(c.text), []) or self.near_name_rows()
        if not self.text_topics and not self.name_rows and not query_terms(c.text):
            # Only stopwords ("help", "near me"): nothing to search for, so show everything.
            self.notices.append(Notice(
                "q", "text-too-general",
                Phrase("text-too-general", f"“{c.text[:60]}” is too general to search for; "
                       "showing all groups.", words=c.text[:60])))
            return
        recognised = bool(self.text_topics) or bool(self.name_rows) or ix.text.recognised(
            c.text)
        self.text_active = recognised
        if not recognised:
            self.notices.append(Notice(
                "q", "text-not-recognised",
                Phrase("text-not-recognised", f"No group matches the words “{c.text[:60]}”.",
                       words=c.text[:60])))
            m["q"] = np.zeros(self.n, dtype=bool)
            return
        self.coverage, uncovered = _coverage(c.text, covered)
        self.lexical_rest = self.lexical
        if 0.0 < self.coverage < 1.0:
            self.lexical_rest = ix.text.score(uncovered)
        keep = self.lexical > 0
        if self.text_topics:
            # Every row's fit, kept for the search: the candidates' are read from it later.
            self._topic_fit_all = self.text_topic_fit(None)
            keep |= self._topic_fit_all >= W.TEXT_TOPIC_KEEP_MIN
        if self.name_rows:
            keep[self.name_rows] = True
        m["q"] = keep

    def understood_topics(self) -> tuple[dict[str, float], set[int]]:
        """Topic → strength from the taxonomy's phrases and the lexicon, and the positions
        of the text's words they explain.

        A phrase hit inside a longer lexicon entry of another topic is dropped ("smoking" in
        "smoking crack" is not nicotine). When a family member writes ("my husband drinks",
        "Al-Anon"), family-and-friends counts fully and the substance only as context
        (``weights.VIEWPOINT_CONTEXT_STRENGTH``), so groups for family members come before
        meetings for the person who drinks.
        """
        ix, c, und = self.ix, self.c, self.und
        topics: dict[str, float] = {}
        covered: set[int] = set()
        lex = [] if und is None else list(zip(und.hits, und.hit_positions, strict=True))
        for h in ix.phrases.match(c.text):
            if h.topic not in ix.topic_col:
                continue
            span = set(range(*h.span))
            if any(span < pos and h.topic not in hit.entry.topics for hit, pos in lex):
                continue
            topics[h.topic] = max(topics.get(h.topic, 0.0), h.strength)
            if h.strength >= W.PHRASE_SUBSUMED_FACTOR:
                covered.update(span)
        for hit, pos in lex:
            covered.update(pos)
            for t in hit.entry.topics:
                if t in ix.topic_col:
                    topics[t] = 1.0
        if und is not None and und.viewpoint.adult_child and ADULT_CHILD_TOPIC in ix.topic_col:
            topics[ADULT_CHILD_TOPIC] = 1.0
            if FAMILY_TOPIC in topics:
                topics[FAMILY_TOPIC] = min(topics[FAMILY_TOPIC], W.VIEWPOINT_CONTEXT_STRENGTH)
        elif und is not None and und.viewpoint.relation and not und.family \
                and FAMILY_TOPIC in topics:
            # A relation is named but the problem is the writer's own ("drinking to sleep,
            # wife says I need to talk to someone"): family groups are not the first wish.
            topics[FAMILY_TOPIC] = min(topics[FAMILY_TOPIC], W.VIEWPOINT_CONTEXT_STRENGTH)
        elif und is not None and und.family and FAMILY_TOPIC in ix.topic_col:
            for t in list(topics):
                if t in ix.addiction_topics:
                    topics[t] = min(topics[t], W.VIEWPOINT_CONTEXT_STRENGTH)
            topics[FAMILY_TOPIC] = 1.0
        return topics, covered

    def near_name_rows(self) -> list[int]:
        """Groups whose name the query spells with a slip ("Serenity Al-Anon Famly Group").

        Only multi-word queries; only the groups ranked highest by words are compared.
        """
        key = name_key(self.c.text)
        if len(key.split()) < W.NAME_FUZZY_MIN_WORDS or not self.lexical.any():
            return []
        k = min(W.NAME_FUZZY_CANDIDATES, self.n)
        top = top_rows(self.lexical, k, cap=k)
        names = self.ix.name_keys.get_many(top.tolist())
        hits = [int(r) for r, name in zip(top, names, strict=True)
                if fuzz.ratio(key, name, score_cutoff=W.NAME_FUZZY_CUTOFF)]
        return sorted(hits)

    def text_topic_fit(self, rows: np.ndarray | None) -> np.ndarray:
        """Strength-weighted mean fit to the topics recognised in the text (0–1).

        A topic fits through the group's listed topics (see ``Taxonomy.relation``) or, at
        ``TOPIC_IMPLIED``, because the group's own words name it.
        """
        if rows is not None and self._topic_fit_all is not None:
            return self._topic_fit_all[rows]
        ix = self.ix
        sel = slice(None) if rows is None else rows
        out: np.ndarray | None = None
        total = 0.0
        for t, strength in self.text_topics.items():
            col = ix.topic_col[t]
            fit = np.maximum(ix.topic_fit[col][sel],
                             ix.implied_t[col][sel] * np.float32(W.TOPIC_IMPLIED))
            # × 1 and ÷ 1 leave a float as it is: skipped (a full strength is the usual case).
            vals = fit if strength == 1.0 else fit * np.float32(strength)
            out = vals if out is None else out + vals
            total += strength
        assert out is not None
        return out if np.float32(total) == 1.0 else out / np.float32(total)

    # --- scores ------------------------------------------------------------------------
    def components(self, rows: np.ndarray, *, schedule: bool = True, static: bool = True
                   ) -> tuple[dict[str, np.ndarray], dict[str, bool]]:
        """The score components of ``rows``. With ``static=False`` the components that depend
        only on the group and the day (cost, format, freshness, and fit when the query adds
        nothing to it) are left out of ``comp`` (still marked active): see
        :meth:`shortlist`."""
        full = schedule and static
        if full and self._last is not None:
            # Every component is a value per row: a call for rows the last full call
            # scored (the page after the probe of _floor) reads them from it.
            last_rows, last_comp, last_active, last_minutes = self._last
            pos = np.minimum(np.searchsorted(last_rows, rows), max(last_rows.size - 1, 0))
            if last_rows.size and np.array_equal(last_rows[pos], rows):
                self.minutes = last_minutes[pos]
                return {key: v[pos] for key, v in last_comp.items()}, dict(last_active)
        comp, active = self._components(rows, schedule=schedule, static=static)
        if full:
            self._last = (rows, comp, active, self.minutes)
        return comp, active

    def _components(self, rows: np.ndarray, *, schedule: bool, static: bool
                    ) -> tuple[dict[str, np.ndarray], dict[str, bool]]:
        ix, c = self.ix, self.c
        k = rows.size
        comp: dict[str, np.ndarray] = {}
        active: dict[str, bool] = {}

        topic = np.zeros(k)
        has_topic = False
        if c.topics:
            has_topic = True
            for t in c.topics:
                topic = np.maximum(topic, ix.topic_fit[ix.topic_col[t]][rows])
        text_fit = None
        if self.text_active and self.text_topics:
            has_topic = True
            text_fit = self.text_topic_fit(rows)
            topic = np.maximum(topic, text_fit)
        comp["topic"], active["topic"] = topic, has_topic

        text = np.zeros(k)
        if c.text and self.text_active:
            understood = self.text_topics and self.coverage > 0
            text = text_score(
                self.lexical[rows].astype(np.float64),
                rest=self.lexical_rest[rows].astype(np.float64) if understood else None,
                topic_fit=(text_fit if text_fit is not None else self.text_topic_fit(rows))
                if understood else None,
                coverage=self.coverage if understood else 0.0,
                named=_marked(rows, self.name_rows) if self.name_rows else None,
            )
        comp["text"], active["text"] = text, bool(c.text and self.text_active)

        if self.dist is not None:
            d = self.dist.at(rows)
            comp["distance"] = place_score(d, ix.remote[rows], c.radius_km)
            active["distance"] = True
        else:
            comp["distance"], active["distance"] = np.zeros(k), False

        if schedule:
            self.minutes = self.group_minutes(rows)
            comp["schedule"] = schedule_score(self.minutes)
        else:
            comp["schedule"] = np.zeros(k)
        active["schedule"] = True
        active["cost"] = active["format"] = active["fit"] = active["freshness"] = True
        if static:
            comp["cost"] = ix.cost_scores(rows)
            comp["format"] = ix.format_scores(c.has_place, rows)
        if not static and not self.fit_parts():
            for key in comp:
                comp[key] = np.clip(np.asarray(comp[key], dtype=np.float64), 0.0, 1.0)
            return comp, active

        parts = [ix.fit_bases(rows)]
        if self.und is not None and self.und.approaches and not c.approaches:
            named = code_lut(APPROACH_CODES, self.und.approaches)[ix.approach[rows]]
            parts.append(np.where(named, 1.0, W.APPROACH_HINT_OTHER_SCORE))
        if c.audience:
            cols = [AUDIENCE_CODES.index(a) for a in c.audience if a != "everyone"]
            if cols:
                specific = _any_rows(ix.aud_t, cols, k, rows)
                audience_part = np.where(specific, W.AUDIENCE_SPECIFIC_SCORE,
                                         W.AUDIENCE_EVERYONE_SCORE)
                parts.extend([audience_part] * W.AUDIENCE_WISH_PARTS)
        if c.languages:
            cols = [ix.lang_col[x] for x in c.languages if x in ix.lang_col]
            if cols:
                primary = np.isin(ix.lang_primary[rows], cols)
                parts.append(np.where(primary, W.LANGUAGE_PRIMARY_SCORE,
                                      W.LANGUAGE_SECONDARY_SCORE))
        comp["fit"] = np.mean(parts, axis=0)
        if static:
            comp["freshness"] = ix.freshness_on(self.now.date().toordinal())[rows]
        for key in comp:
            comp[key] = np.clip(np.asarray(comp[key], dtype=np.float64), 0.0, 1.0)
        return comp, active

    def fit_parts(self) -> bool:
        """The query adds parts to the fit component (approach hint, audience, language)."""
        c = self.c
        return bool((self.und is not None and self.und.approaches and not c.approaches)
                    or any(a != "everyone" for a in c.audience)
                    or any(x in self.ix.lang_col for x in c.languages))

    def group_minutes(self, rows: np.ndarray) -> np.ndarray:
        """Minutes until each candidate group's next (wanted) meeting; inf when none."""
        mt = self.ix.meetings
        out = np.full(rows.size, np.inf)
        if rows.size == 0 or mt.owner.size == 0:
            return out
        mrows = mt.rows_of(rows)
        if self.meeting_ok is not None:
            mrows = mrows[self.meeting_ok[mrows]]
        if mrows.size == 0:
            return out
        mins = mt.minutes_until(mrows, self.now)
        owners = mt.owner[mrows]
        starts = np.concatenate(([0], np.nonzero(np.diff(owners))[0] + 1))
        best = np.minimum.reduceat(mins, starts)
        pos = np.searchsorted(rows, owners[starts])
        out[pos] = best
        return out

    # --- run ---------------------------------------------------------------------------
    def run(self) -> SearchResult:
        c = self.c
        self.text_active = False
        self.text_topics: dict[str, float] = {}
        self.name_rows: list[int] = []
        self.dist: Distances | None = None
        self.meeting_ok: np.ndarray | None = None
        self._remote: np.ndarray | None = None
        self._page_km: dict[int, float] = {}
        self.coverage = 0.0
        self._schedule_partial = False
        self._by_format = None
        self._topic_fit_all: np.ndarray | None = None
        self._last: tuple | None = None  # the last full components() call (see there)
        masks = self.masks() if self.n else {}
        self.away = self.away_groups() if self.n else np.zeros(0, dtype=bool)
        keep = self.ix.live.copy() if self.n else np.ones(0, dtype=bool)
        for mask in masks.values():
            keep &= mask
        rows = np.nonzero(keep)[0]
        total = int(rows.size)
        need = min(c.page * c.per_page, total)
        # Only candidates that can still reach the requested pages are scored in full.
        rows = self.shortlist(rows, need)
        comp, active = self.components(rows)
        score = self.combine(comp, active)

        order = self.order(rows, score)
        start = (c.page - 1) * c.per_page
        page_pos = order[start:start + c.per_page]
        if total and start >= total:
            self.notices.append(Notice("page", "page-out-of-range",
                                       Phrase("page-out-of-range",
                                              "There are no results on this page.")))
        page_rows = rows[page_pos]
        # The page's distances in one lookup, not one binary search a result.
        if self.dist is not None:
            ascending_rows = np.sort(page_rows)  # as Distances.at takes them
            self._page_km = dict(zip(ascending_rows.tolist(),
                                     self.dist.at(ascending_rows).tolist(), strict=True))
        page_groups = self.ix.profiles(page_rows.tolist())
        matches = [self.match(int(p), rows, score, comp, g)
                   for p, g in zip(page_pos, page_groups, strict=True)]
        relaxations = []
        self._last = None  # the relaxations change what a row scores
        if total < W.RELAX_BELOW and self.n:
            if self._schedule_partial:
                masks["schedule"] = self.full_schedule_mask()
            relaxations = suggest_relaxations(self, masks, total)
        return SearchResult(matches=matches, total=total, notices=self.notices,
                            relaxations=relaxations, page=c.page, per_page=c.per_page)

    def combine(self, comp: dict[str, np.ndarray], active: dict[str, bool],
                skip: str | None = None) -> np.ndarray:
        """The weighted mean of the active components (0–1), rounded to 6 decimals.

        With ``skip``, that component is left out of the numerator but kept in the
        denominator: a lower bound of the full score.
        """
        wsum = sum(self.weights[k] for k in COMPONENTS if active[k])
        size = next(iter(comp.values())).shape[0]
        score = np.zeros(size)
        for k in COMPONENTS:
            if active[k] and k != skip:
                score += self.weights[k] * comp[k]
        score = np.clip(score / wsum, 0.0, 1.0) if wsum else score
        return np.round(score, 6)  # stable across platforms; ties fall to the tie-breaks

    def shortlist(self, rows: np.ndarray, need: int) -> np.ndarray:
        """A subset of ``rows`` that surely holds the first ``need`` results (ascending).

        For ``best``: everything but the (costly) schedule component is scored; a row whose
        score could not reach the ``need``-th best even with a perfect schedule is dropped.
        For the other sorts, rows beyond the ``need``-th primary key are dropped.
        """
        c, ix = self.c, self.ix
        if need == 0:
            return rows[:0]
        if rows.size <= SHORTLIST_FACTOR * need + SHORTLIST_MIN:
            return rows
        if c.sort == "best" and rows.size > SHORTLIST_BOUND_ROWS:
            rows = self._bounded(rows, need)
        if c.sort == "best":
            # An estimate of the score without its schedule part: the per-group components
            # come summed from one column (Index.static_scores) instead of four gathers, and
            # nothing is rounded. It is within SHORTLIST_SLACK of the exact combine(), so the
            # rows kept are a superset of the exact bound's, and the page is the same.
            comp, active = self.components(rows, schedule=False, static=False)
            wsum = sum(self.weights[k] for k in COMPONENTS if active[k])
            total = self.ix.static_scores(
                self.now.date().toordinal(), c.has_place, self.weights,
                with_fit=not self.fit_parts())[rows].astype(np.float64)
            for k, part in comp.items():
                if k != "schedule" and active[k]:
                    total += self.weights[k] * part
            key = np.clip(total / wsum, 0.0, 1.0)
            key -= W.AWAY_PENALTY * self.away[rows]
            if self.name_rows:
                key += 2.0 * _marked(rows, self.name_rows)
            reach = self.weights["schedule"] / wsum + 1e-5
            kth = kth_largest(key, need)
            keep = key + reach >= kth - SHORTLIST_SLACK
            if np.count_nonzero(keep) > SHORTLIST_FACTOR * need + SHORTLIST_MIN:
                # The exact page keys (as order() sorts them) of the rows the estimate puts
                # first give a floor the need-th result reaches; a row whose estimate plus a
                # perfect schedule stays below it cannot be on the pages.
                floor = self._floor(rows, key, need)
                if floor is not None:
                    keep &= key + reach >= floor - SHORTLIST_SLACK
            return rows[keep]
        if c.sort == "distance":
            if self.dist is None:
                return rows
            d = self.dist.at(rows)
            key = np.where(ix.remote[rows] | np.isnan(d), np.inf, d)
        elif c.sort == "recent":
            key = -ix.updated[rows]
        else:
            key = np.maximum(self.group_minutes(rows), 0)
        kth = kth_smallest(key, need)
        return rows[key <= kth]

    def _page_keys(self, rows: np.ndarray) -> np.ndarray:
        """The exact key order() ranks ``rows`` by for ``best`` (higher first)."""
        comp, active = self.components(rows)
        key = self.combine(comp, active) - W.AWAY_PENALTY * self.away[rows]
        if self.name_rows:
            key += 2.0 * _marked(rows, self.name_rows)
        return key

    def _floor(self, rows: np.ndarray, est: np.ndarray, need: int) -> float | None:
        """The need-th best exact page key among the rows ``est`` puts first: the need-th
        result's key is at least that (None when too few rows)."""
        size = min(rows.size, SHORTLIST_PROBE_FACTOR * need + SHORTLIST_PROBE_MIN)
        if size < need:
            return None
        probe = rows[top_rows(est, size, cap=4 * size)]
        exact = self._page_keys(probe)
        return float(-np.partition(-exact, need - 1)[need - 1])

    def _bounded(self, rows: np.ndarray, need: int) -> np.ndarray:
        """For ``best`` over many rows: drops the rows whose upper bound — the per-group
        column, each query component at its largest possible value (topic and the words as
        they can score at most, distance and extra fit parts perfect), plus a perfect
        schedule — stays below the floor of :meth:`_floor` (a few gathers a row instead of
        every component)."""
        c, ix, w = self.c, self.ix, self.weights
        topic_on = bool(c.topics) or bool(self.text_active and self.text_topics)
        text_on = bool(c.text and self.text_active)
        fit_parts = self.fit_parts()
        wsum = sum(w[k] for k in COMPONENTS
                   if k not in ("topic", "text", "distance")) \
            + (w["topic"] if topic_on else 0.0) + (w["text"] if text_on else 0.0) \
            + (w["distance"] if self.dist is not None else 0.0)
        # float32 throughout (a few 1e-7 off at most; the cut keeps 4 × SHORTLIST_SLACK more).
        f32 = np.float32
        ub = ix.static_scores(self.now.date().toordinal(), c.has_place, w,
                              with_fit=not fit_parts)[rows]
        if topic_on:
            top = np.zeros(rows.size, dtype=np.float32)
            for t in c.topics:
                np.maximum(top, ix.topic_fit[ix.topic_col[t]][rows], out=top)
            if self.text_active and self.text_topics:
                np.maximum(top, self.text_topic_fit(rows), out=top)
            np.minimum(top, f32(1.0), out=top)
            top *= f32(w["topic"])
            ub += top
        if text_on:
            # text_score is a mean of these (or 1 for a named group).
            txt = self.lexical[rows]
            if self.text_topics and self.coverage > 0:
                np.maximum(txt, self.lexical_rest[rows], out=txt)
                np.maximum(txt, self.text_topic_fit(rows), out=txt)
            if self.name_rows:
                txt[_marked(rows, self.name_rows)] = 1.0
            np.minimum(txt, f32(1.0), out=txt)
            txt *= f32(w["text"])
            ub += txt
        fixed = (w["distance"] if self.dist is not None else 0.0) \
            + (w["fit"] if fit_parts else 0.0)
        if fixed:
            ub += f32(fixed)
        ub /= f32(wsum)
        np.minimum(ub, f32(1.0), out=ub)
        ub += f32(w["schedule"] / wsum + 1e-5)
        ub -= f32(W.AWAY_PENALTY) * self.away[rows]
        if self.name_rows:
            ub += f32(2.0) * _marked(rows, self.name_rows)
        floor = self._floor(rows, ub, need)
        if floor is None:
            return rows
        return rows[ub >= f32(floor - 4 * SHORTLIST_SLACK)]

    def order(self, rows: np.ndarray, score: np.ndarray) -> np.ndarray:
        """Positions into ``rows`` of the first ``page × per_page`` results, in order."""
        c, ix = self.c, self.ix
        if rows.size == 0:
            return np.zeros(0, dtype=np.int64)
        ids = ix.ids[rows]
        if self.dist is not None:
            d = self.dist.at(rows)
            dist = np.where(ix.remote[rows] | np.isnan(d), np.inf, d)
        else:
            dist = np.full(rows.size, np.inf)
        mins = self.minutes
        name_hit = np.zeros(rows.size)
        if self.name_rows:
            name_hit = _marked(rows, self.name_rows).astype(np.float64)
        if c.sort == "distance":
            keys = [ids, -score, dist]
        elif c.sort == "soonest":
            keys = [ids, dist, -score, np.maximum(mins, 0)]
        elif c.sort == "recent":
            keys = [ids, dist, -score, -ix.updated[rows]]
        else:
            keys = [ids, mins, dist, -(score - W.AWAY_PENALTY * self.away[rows]), -name_hit]
        need = min(c.page * c.per_page, rows.size)
        # A single float that orders like the leading keys, to cut the candidates cheaply
        # before the exact multi-key sort (ties at the cut are all kept).
        if c.sort == "best":
            primary = -(2.0 * name_hit + score - W.AWAY_PENALTY * self.away[rows])
        else:
            primary = keys[-1]
        if rows.size > 4 * need + 64:
            kth = kth_smallest(primary, need)
            sub = np.nonzero(primary <= kth)[0]
            sub_order = np.lexsort([k[sub] for k in keys])
            return sub[sub_order][:need]
        return np.lexsort(keys)[:need]

    def match(self, pos: int, rows: np.ndarray, score: np.ndarray,
              comp: dict[str, np.ndarray], g: GroupProfile) -> Match:
        ix, c = self.ix, self.c
        row = int(rows[pos])
        mt = ix.meetings
        mrows = np.arange(mt.ptr[row], mt.ptr[row + 1])
        if self.meeting_ok is not None:
            mrows = mrows[self.meeting_ok[mrows]]
        best: tuple[datetime, int, bool, int] | None = None
        for mrow in mrows:
            i = int(mt.position[mrow])
            start, running = next_occurrence(g.meetings[i], self.now)
            if start is None:
                continue
            key = (start, i, running, int(mrow))
            if best is None or (not best[2] and (running or start < best[0])):
                best = key
        display_tz = None
        if best is not None:
            remote = self.remote_meeting(best[3])
            display_tz = c.tz if remote and c.tz else g.meetings[best[1]].timezone
        distance = None
        if self.dist is not None and not ix.remote[row] and ix.has_place[row]:
            distance = self._page_km[row]
        stale_since = None
        if g.last_verified is not None and (self.now.date() - g.last_verified).days > \
                W.STALE_AFTER_DAYS:
            stale_since = g.last_verified
        return Match(
            group_id=g.id,
            slug=g.slug,
            score=float(score[pos]),
            components={k: float(comp[k][pos]) for k in COMPONENTS},
            reasons=build_reasons(
                g, topic_label=self.topic_reason(g), for_family=self.for_family(g),
                distance_km=distance, units=c.units,
                next_start=best[0] if best else None, in_progress=bool(best and best[2]),
                now=self.now, tz=display_tz, languages=c.languages, audience=c.audience,
                access=c.access, stale_since=stale_since),
            distance_km=distance,
            next_meeting=best[0] if best else None,
            next_meeting_index=best[1] if best else None,
            in_progress=bool(best and best[2]),
            display_tz=display_tz,
            away=bool(self.away[row]),
        )

    def away_groups(self) -> np.ndarray:
        """Per group: in person only outside the seeker's region (see ``W.AWAY_PENALTY``).

        Only with no place and a known seeker zone; otherwise nothing is away.
        """
        ix, c, mt = self.ix, self.c, self.ix.meetings
        away = np.zeros(self.n, dtype=bool)
        if c.has_place or not c.tz or mt.owner.size == 0:
            return away
        hybrid_ok = not ("in-person" in c.formats and "online" not in c.formats)
        return ix.away_mask(c.tz, hybrid_ok)

    def remote_meeting(self, mrow: int) -> bool:
        """One meeting's :meth:`judged_remote` (without judging every meeting)."""
        if self._remote is not None:
            return bool(self._remote[mrow])
        mt = self.ix.meetings
        if mt.online[mrow]:
            return True
        if "online" in self.c.formats and "in-person" not in self.c.formats:
            return bool(self.ix.fmt[mt.owner[mrow]] == FORMAT_CODES.index("hybrid"))
        return False

    def remote_meetings(self) -> np.ndarray:
        """Per meeting: judged and shown on the seeker's clock (cached for the search)."""
        if self._remote is None:
            self._remote = self.judged_remote()
        return self._remote

    def topic_reason(self, g: GroupProfile) -> Phrase | None:
        """The topic part of the reasons, saying what the words were read as when a lexicon
        entry named it ("CoDA → Codependency")."""
        code = self.topic_code(g)
        if code is None:
            return None
        label = self.ix.taxonomy.label(code)
        if self.und is not None:
            for hit in self.und.hits:
                if code in hit.entry.topics:
                    words = self.und.words_of(hit.start, hit.end)
                    if words and fold_words(words) != fold_words(label):
                        return Phrase("topic", f"{words} → {label}", label=label, code=code,
                                      words=words)
        return Phrase("topic", label, label=label, code=code)

    def for_family(self, g: GroupProfile) -> bool:
        """The seeker writes as a family member and this group is for them."""
        return bool(self.und is not None and self.und.family
                    and (FAMILY_TOPIC in g.topics or "families" in g.audience))

    def topic_label(self, g: GroupProfile) -> str | None:
        code = self.topic_code(g)
        return None if code is None else self.ix.taxonomy.label(code)

    def topic_code(self, g: GroupProfile) -> str | None:
        """The label of the group topic that best serves what the seeker asked for."""
        tax = self.ix.taxonomy
        wanted = [(t, 1.0) for t in self.c.topics] + list(self.text_topics.items())
        known = [t for t in g.topics if t in tax]
        if not known:
            return None
        best, best_score = known[0], 0.0
        for have in known:
            for want, strength in wanted:
                s = tax.relation(want, have) * strength
                if s > best_score:
                    best, best_score = have, s
        return best
