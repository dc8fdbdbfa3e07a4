"""The search index: group profiles as numpy columns, and the search over them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np
from rapidfuzz import fuzz

from matching import vocab
from matching import weights as W
from matching.geo import PointTable, distance_score
from matching.phrases import Phrase
from matching.profiles import GroupProfile
from matching.query import Criteria, Query, normalise
from matching.query.apply import apply_filters, understood_items
from matching.query.understand import ADULT_CHILD_TOPIC, FAMILY_TOPIC, Understanding, understand
from matching.reasons import build_reasons
from matching.relax import suggest_relaxations
from matching.results import Match, Notice, SearchResult
from matching.schedule import MeetingTable, judge_occurrences, next_occurrence, same_region
from matching.taxonomy import Taxonomy
from matching.text import STOPWORDS, PhraseMatcher, TextIndex, name_key, query_terms, terms

FORMAT_CODES: tuple[str, ...] = tuple(vocab.FORMATS)
COST_CODES: tuple[str, ...] = tuple(vocab.COSTS)
APPROACH_CODES: tuple[str, ...] = tuple(vocab.APPROACHES)
WELCOME_CODES: tuple[str, ...] = tuple(vocab.WELCOME)
AUDIENCE_CODES: tuple[str, ...] = tuple(vocab.AUDIENCES)
ACCESS_CODES: tuple[str, ...] = tuple(vocab.ACCESS)
REMOTE_FORMATS = ("online", "phone")
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
_NEG = np.int8(-1)


# How a meeting can be attended, as bits of Index.meeting_ways.
WAY_IN_PERSON, WAY_ONLINE, WAY_HYBRID, WAY_PHONE = 1, 2, 4, 8
FORMAT_WAYS: dict[str, int] = {
    "in-person": WAY_IN_PERSON | WAY_HYBRID,  # a hybrid meeting can be attended in person
    "online": WAY_ONLINE | WAY_HYBRID,
    "hybrid": WAY_HYBRID,
    "phone": WAY_PHONE,
}


def meeting_attendance(meeting: object, group_format: str) -> str:
    """A meeting's attendance: its own, else what its group's format implies (a meeting
    with nowhere to go to is online)."""
    own = getattr(meeting, "attendance", None)
    if own in ("in-person", "online", "hybrid"):
        return own
    if group_format in REMOTE_FORMATS or getattr(meeting, "online", False):
        return "online"
    return "hybrid" if group_format == "hybrid" else "in-person"


def _meeting_ways(groups: list[GroupProfile], table: MeetingTable) -> np.ndarray:
    """Per meeting row of the table: the ways it can be attended (WAY_* bits)."""
    ways = np.zeros(table.owner.size, dtype=np.uint8)
    bits = {"in-person": WAY_IN_PERSON, "online": WAY_ONLINE, "hybrid": WAY_HYBRID}
    for k in range(table.owner.size):
        g = groups[int(table.owner[k])]
        way = bits[meeting_attendance(g.meetings[int(table.position[k])], g.format)]
        if g.format == "phone":
            way |= WAY_PHONE
        ways[k] = way
    return ways


def _code_index(value: object, codes: tuple[str, ...]) -> int:
    try:
        return codes.index(value)  # type: ignore[arg-type]
    except ValueError:
        return -1


def _lut(codes: tuple[str, ...], wanted: Iterable[str]) -> np.ndarray:
    """A lookup table over code indexes (+1 slot at the end for "unknown", index -1)."""
    lut = np.zeros(len(codes) + 1, dtype=bool)
    for code in wanted:
        i = _code_index(code, codes)
        if i >= 0:
            lut[i] = True
    return lut


class Index:
    """An immutable, query-ready view of the directory's active groups.

    Build once with :meth:`build` and replace (never mutate) when listings change; a search
    reads only numpy arrays and the profiles of the page it returns.
    """

    def __init__(self) -> None:  # use Index.build
        self.size = 0

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, profiles: Iterable[GroupProfile], taxonomy: Taxonomy) -> Index:
        """Index group profiles.

        Parameters:
            profiles: the active groups; a later profile with the same ``id`` replaces an
                earlier one. Rows are kept in ``id`` order.
            taxonomy: the topic taxonomy (see :meth:`Taxonomy.from_topics`).

        Returns:
            A new :class:`Index`.
        """
        self = cls()
        by_id: dict[int, GroupProfile] = {}
        for p in profiles:
            by_id[int(p.id)] = p
        groups = [by_id[k] for k in sorted(by_id)]
        n = len(groups)
        self.size = n
        self.taxonomy = taxonomy
        self.groups: tuple[GroupProfile, ...] = tuple(groups)
        self.ids = np.fromiter((g.id for g in groups), dtype=np.int64, count=n)
        self.row_of_id = {g.id: i for i, g in enumerate(groups)}

        self.fmt = np.fromiter((_code_index(g.format, FORMAT_CODES) for g in groups),
                               dtype=np.int8, count=n)
        self.cost = np.fromiter((_code_index(g.cost, COST_CODES) for g in groups),
                                dtype=np.int8, count=n)
        self.approach = np.fromiter((_code_index(g.approach, APPROACH_CODES) for g in groups),
                                    dtype=np.int8, count=n)
        self.welcome = np.fromiter((_code_index(g.welcome, WELCOME_CODES) for g in groups),
                                   dtype=np.int8, count=n)
        remote_lut = _lut(FORMAT_CODES, REMOTE_FORMATS)
        self.remote = remote_lut[self.fmt]

        codes = taxonomy.codes
        self.topic_col = {c: i for i, c in enumerate(codes)}
        self.topics = np.zeros((n, len(codes)), dtype=bool)
        self.lang_col: dict[str, int] = {}
        lang_rows: list[tuple[int, int]] = []
        self.lang_primary = np.full(n, -1, dtype=np.int16)
        self.aud = np.zeros((n, len(AUDIENCE_CODES)), dtype=bool)
        self.acc = np.zeros((n, len(ACCESS_CODES)), dtype=bool)
        lat = np.full(n, np.nan)
        lon = np.full(n, np.nan)
        verified = np.full(n, np.iinfo(np.int32).min, dtype=np.int64)
        updated = np.full(n, -np.inf)
        accepting = np.ones(n, dtype=bool)
        aud_col = {c: i for i, c in enumerate(AUDIENCE_CODES)}
        acc_col = {c: i for i, c in enumerate(ACCESS_CODES)}
        self.names: dict[str, list[int]] = {}
        docs: list[list[tuple[str, float]]] = []
        place_owner: list[int] = []
        place_lat: list[float] = []
        place_lon: list[float] = []
        for r, g in enumerate(groups):
            for t in g.topics:
                col = self.topic_col.get(t)
                if col is not None:
                    self.topics[r, col] = True
            for j, code in enumerate(g.languages):
                col = self.lang_col.setdefault(str(code).lower(), len(self.lang_col))
                lang_rows.append((r, col))
                if j == 0:
                    self.lang_primary[r] = col
            # A group that names no audience is for everyone.
            for code in g.audience or ("everyone",):
                if code in aud_col:
                    self.aud[r, aud_col[code]] = True
            for code in g.access:
                if code in acc_col:
                    self.acc[r, acc_col[code]] = True
            if not self.remote[r]:
                # The group's place and its in-person meetings' places; distance is to the
                # nearest of them.
                pts: list[tuple[float, float]] = []
                for plat, plon in ((g.lat, g.lon), *(
                        (m.lat, m.lon) for m in g.meetings if not getattr(m, "online", False))):
                    if _valid_point(plat, plon):
                        pt = (float(plat), float(plon))  # type: ignore[arg-type]
                        if pt not in pts:
                            pts.append(pt)
                for plat, plon in pts:
                    place_owner.append(r)
                    place_lat.append(plat)
                    place_lon.append(plon)
                if pts:
                    lat[r], lon[r] = pts[0]
            if g.last_verified is not None:
                verified[r] = g.last_verified.toordinal()
            if g.updated is not None:
                upd = g.updated if g.updated.tzinfo else g.updated.replace(tzinfo=UTC)
                updated[r] = upd.timestamp()
            accepting[r] = bool(g.accepting_new_members)
            self.names.setdefault(name_key(g.name), []).append(r)
            facets = " ".join((
                vocab.APPROACHES.get(g.approach or "", ""),
                vocab.FORMATS.get(g.format, ""),
                *(vocab.AUDIENCES.get(a, "") for a in g.audience if a != "everyone"),
                *(vocab.LANGUAGES.get(x, "") for x in g.languages if x != "en"),
            ))
            docs.append([
                (g.name or "", W.TEXT_FIELD_NAME),
                (facets, W.TEXT_FIELD_FACETS),
                (g.organization or "", W.TEXT_FIELD_ORGANIZATION),
                (g.description or "", W.TEXT_FIELD_DESCRIPTION),
            ])
        self.langs = np.zeros((n, max(len(self.lang_col), 1)), dtype=bool)
        if lang_rows:
            rr, cc = zip(*lang_rows, strict=True)
            self.langs[list(rr), list(cc)] = True
        self.place_owner = np.asarray(place_owner, dtype=np.int64)
        self.place_lat = np.asarray(place_lat, dtype=np.float64)
        self.points = PointTable(self.place_lat, np.asarray(place_lon, dtype=np.float64))
        self.no_place_nan = np.where(np.isnan(lat), np.nan, np.inf)
        self.has_place = ~np.isnan(lat)
        self.verified = verified
        self.updated = updated
        self.accepting = accepting

        # Topic fit of every group for every wanted topic, precomputed (T × N float32).
        rel = np.array([[taxonomy.relation(w, h) for h in codes] for w in codes],
                       dtype=np.float32).reshape(len(codes), len(codes))
        family = np.zeros((len(codes), len(codes)), dtype=bool)
        for i, code in enumerate(codes):
            root = taxonomy.parents.get(code) or code
            family[i, self.topic_col[root] if root in self.topic_col else i] = True
        counts = (self.topics.astype(np.int32) @ family.astype(np.int32) > 0).sum(axis=1)
        focus = np.maximum(W.TOPIC_FOCUS_FLOOR,
                           1.0 - W.TOPIC_FOCUS_PENALTY * np.maximum(counts - 1, 0))
        self.topic_fit = np.zeros((len(codes), n), dtype=np.float32)
        for wi in range(len(codes)):
            cols = np.nonzero(rel[wi])[0]
            if cols.size:
                vals = self.topics[:, cols] * rel[wi, cols]
                self.topic_fit[wi] = vals.max(axis=1) * focus

        self.cost_score = np.array([W.COST_SCORES.get(c, W.COST_UNKNOWN_SCORE)
                                    for c in COST_CODES] + [W.COST_UNKNOWN_SCORE])[self.cost]
        self.format_score_place = np.array(
            [W.FORMAT_SCORES_WITH_PLACE.get(c, W.FORMAT_UNKNOWN_SCORE) for c in FORMAT_CODES]
            + [W.FORMAT_UNKNOWN_SCORE])[self.fmt]
        self.format_score_noplace = np.array(
            [W.FORMAT_SCORES_NO_PLACE.get(c, W.FORMAT_UNKNOWN_SCORE) for c in FORMAT_CODES]
            + [W.FORMAT_UNKNOWN_SCORE])[self.fmt]

        self.meetings = MeetingTable([g.meetings for g in groups])
        self.meeting_ways = _meeting_ways(groups, self.meetings)
        self.text = TextIndex(docs)
        self.phrases = PhraseMatcher(taxonomy, known=self.text.term_id.__contains__)
        # Topics a relation's words turn into a family viewpoint ("my son" + drugs).
        self.addiction_topics = frozenset(
            c for c in codes if c == "addiction" or taxonomy.parents.get(c) == "addiction")
        # Topics a group's own words name (all words of a phrase present; order ignored).
        self.implied = np.zeros((n, len(codes)), dtype=bool)
        for code, phrase_list in taxonomy.phrases.items():
            col = self.topic_col[code]
            for phrase in phrase_list:
                words_ = terms(phrase)
                if words_:
                    self.implied[self.text.rows_with_all(words_), col] = True
        return self

    def rebuilt(
        self, *, upserts: Iterable[GroupProfile] = (), removed_ids: Iterable[int] = ()
    ) -> Index:
        """A new index with some profiles added/replaced and some removed (this one unchanged)."""
        removed = {int(i) for i in removed_ids}
        merged = {g.id: g for g in self.groups if g.id not in removed}
        for g in upserts:
            merged[g.id] = g
        return Index.build(merged.values(), self.taxonomy)

    def meetings_for_formats(self, formats: Iterable[str]) -> np.ndarray:
        """Per meeting row: True when it can be attended in one of ``formats``."""
        wanted = 0
        for code in formats:
            wanted |= FORMAT_WAYS.get(code, 0)
        return (self.meeting_ways & np.uint8(wanted)) != 0

    def __len__(self) -> int:
        return self.size

    def nbytes(self) -> int:
        """Approximate bytes held by the numpy columns (profiles and dicts not included)."""
        total = 0
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
        for obj in (self.points, self.meetings, self.text):
            for value in vars(obj).values():
                if isinstance(value, np.ndarray):
                    total += value.nbytes
        return total

    # ----------------------------------------------------------------- search
    def search(self, query: Query | None, *, now: datetime) -> SearchResult:
        """Rank the groups for a seeker; see the package docstring for the rules.

        Parameters:
            query: the seeker's :class:`Query` (anything malformed becomes a notice).
            now: the current instant, aware (a naive value is taken as UTC).

        Returns:
            A :class:`SearchResult`: one page of :class:`Match`, the total, notices and, when
            fewer than ``weights.RELAX_BELOW`` results, relaxation suggestions.
        """
        if not isinstance(now, datetime):
            raise TypeError("now must be a datetime (the library never reads the clock)")
        crit, notices = normalise(query, self.taxonomy)
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        und = None
        extra: dict[str, tuple[str, ...]] = {}
        if crit.text:
            # An exact group name is taken as written ("Free Spirit Women's Circle").
            exact = name_key(crit.text) in self.names
            und = understand(crit.text, self.taxonomy.codes,
                             addiction_topics=self.addiction_topics, use_filters=not exact)
            crit, extra = apply_filters(crit, und, now)
            if not crit.text and not und.filters and not und.hits:
                notices.append(Notice(
                    "q", "text-too-general",
                    Phrase("text-too-general", f"“{und.raw[:60]}” is too general to search "
                           "for; showing all groups.", words=und.raw[:60])))
        result = _Search(self, crit, notices, now, und, extra).run()
        if und is not None:
            result.understood = understood_items(und, self.taxonomy)
        return result


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


def schedule_score(minutes: np.ndarray) -> np.ndarray:
    """0–1 from minutes until the next meeting (≤ 0 = in progress → 1; inf = none → 0)."""
    hours = np.maximum(np.where(np.isinf(minutes), 0.0, minutes), 0.0) / 60.0
    week = 168.0
    within = 1.0 - (1.0 - W.SCHEDULE_WEEK_SCORE) * np.minimum(hours, week) / week
    beyond = W.SCHEDULE_WEEK_SCORE * np.power(
        0.5, np.maximum(hours - week, 0.0) / W.SCHEDULE_HALF_LIFE_HOURS)
    score = np.where(hours <= week, within, beyond)
    return np.where(np.isinf(minutes), W.SCHEDULE_NONE_SCORE, score)


def _valid_point(lat: object, lon: object) -> bool:
    return (lat is not None and lon is not None and _finite(lat) and _finite(lon)
            and -90.0 <= float(lat) <= 90.0 and -180.0 <= float(lon) <= 180.0)  # type: ignore[arg-type]


def _finite(x: object) -> bool:
    try:
        return math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


class _Search:
    """One search: the filter masks, the scores and the page (internal)."""

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
            m["topic"] = ix.topics[:, cols].any(axis=1) if cols else np.zeros(n, bool)
        if c.formats:
            wanted = {f for code in c.formats for f in FORMAT_INCLUDES[code]}
            m["format"] = _lut(FORMAT_CODES, wanted)[ix.fmt]
        if c.costs:
            m["cost"] = _lut(COST_CODES, c.costs)[ix.cost]
        if c.approaches:
            m["approach"] = _lut(APPROACH_CODES, c.approaches)[ix.approach]
        if c.welcome:
            m["welcome"] = _lut(WELCOME_CODES, (c.welcome,))[ix.welcome]
        if c.languages:
            cols = [ix.lang_col[code] for code in c.languages if code in ix.lang_col]
            m["lang"] = ix.langs[:, cols].any(axis=1) if cols else np.zeros(n, bool)
        if c.audience:
            cols = [AUDIENCE_CODES.index(a) for a in c.audience]
            cols.append(AUDIENCE_CODES.index("everyone"))
            m["audience"] = ix.aud[:, cols].any(axis=1)
        if c.access:
            cols = [ACCESS_CODES.index(a) for a in c.access]
            m["access"] = ix.acc[:, cols].all(axis=1)
        # A format is a property of each meeting: the group qualifies through a meeting that
        # can be attended that way, and only such meetings are offered as its next one.
        by_format = ix.meetings_for_formats(c.formats) if c.formats else None
        if by_format is not None:
            has = np.zeros(n, dtype=bool)
            has[ix.meetings.owner[by_format]] = True
            m["format"] = m["format"] & has
        if c.days or c.times:
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
        return m

    def extra_mask(self) -> np.ndarray:
        ix, n = self.ix, self.n
        keep = np.ones(n, dtype=bool)
        for param, values in self.extra.items():
            if param == "format":
                wanted = {f for code in values for f in FORMAT_INCLUDES.get(code, ())}
                keep &= _lut(FORMAT_CODES, wanted)[ix.fmt]
            elif param == "cost":
                keep &= _lut(COST_CODES, values)[ix.cost]
            elif param == "approach":
                keep &= _lut(APPROACH_CODES, values)[ix.approach]
            elif param == "welcome":
                keep &= _lut(WELCOME_CODES, values)[ix.welcome]
            elif param == "lang":
                cols = [ix.lang_col[code] for code in values if code in ix.lang_col]
                keep &= ix.langs[:, cols].any(axis=1) if cols else np.zeros(n, bool)
            elif param == "audience":
                cols = [AUDIENCE_CODES.index(a) for a in values if a in AUDIENCE_CODES]
                cols.append(AUDIENCE_CODES.index("everyone"))
                keep &= ix.aud[:, cols].any(axis=1)
            elif param == "access":
                cols = [ACCESS_CODES.index(a) for a in values if a in ACCESS_CODES]
                keep &= ix.acc[:, cols].all(axis=1)
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

    def distances(self, radius_km: float | None) -> np.ndarray:
        """Distances (km) to every group: NaN with no place; inf beyond ``radius_km``.

        Only groups inside the latitude band the radius allows are measured; None measures all.
        """
        ix, c = self.ix, self.c
        assert c.lat is not None and c.lon is not None
        dist = ix.no_place_nan.copy()
        if radius_km is None:
            places = np.arange(ix.place_owner.size)
        else:
            band_deg = radius_km / 111.0 + 0.01
            places = np.nonzero(np.abs(ix.place_lat - c.lat) <= band_deg)[0]
        if places.size:
            d = ix.points.distances_km(c.lat, c.lon, places)
            owners = ix.place_owner[places]  # ascending: places are stored group by group
            starts = np.concatenate(([0], np.nonzero(np.diff(owners))[0] + 1))
            dist[owners[starts]] = np.minimum.reduceat(d, starts)
        return dist

    def within(self, radius_km: float) -> np.ndarray:
        assert self.dist is not None
        return self.ix.remote | ~self.ix.has_place | (self.dist <= radius_km)

    def slot_mask(
        self, days_codes: tuple[str, ...] | None = None, time_codes: tuple[str, ...] | None = None
    ) -> np.ndarray:
        """Meetings whose current or next occurrence is on a wanted day and time of day.

        Judged on the seeker's clock for meetings joined from anywhere (see
        :meth:`judged_remote`), on the meeting's own clock for meetings attended in person;
        see :func:`matching.schedule.judge_occurrences`.
        """
        c, mt = self.c, self.ix.meetings
        days_codes = c.days if days_codes is None else days_codes
        time_codes = c.times if time_codes is None else time_codes
        rows = np.arange(mt.owner.size)
        return judge_occurrences(mt, rows, self.now, seeker_tz=c.tz,
                                 remote=self.remote_meetings(), days=days_codes,
                                 times=time_codes)

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
            keep |= self.text_topic_fit(None) >= W.TEXT_TOPIC_KEEP_MIN
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
        top = np.argpartition(-self.lexical, k - 1)[:k]
        names = [name_key(self.ix.groups[int(r)].name) for r in top]
        hits = [int(r) for r, name in zip(top, names, strict=True)
                if fuzz.ratio(key, name, score_cutoff=W.NAME_FUZZY_CUTOFF)]
        return sorted(hits)

    def text_topic_fit(self, rows: np.ndarray | None) -> np.ndarray:
        """Strength-weighted mean fit to the topics recognised in the text (0–1).

        A topic fits through the group's listed topics (see ``Taxonomy.relation``) or, at
        ``TOPIC_IMPLIED``, because the group's own words name it.
        """
        ix = self.ix
        sel = slice(None) if rows is None else rows
        out: np.ndarray | None = None
        total = 0.0
        for t, strength in self.text_topics.items():
            col = ix.topic_col[t]
            fit = np.maximum(ix.topic_fit[col][sel],
                             ix.implied[sel, col] * np.float32(W.TOPIC_IMPLIED))
            vals = fit * np.float32(strength)
            out = vals if out is None else out + vals
            total += strength
        assert out is not None
        return out / np.float32(total)

    # --- scores ------------------------------------------------------------------------
    def components(self, rows: np.ndarray, *, schedule: bool = True
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
        if self.text_active and self.text_topics:
            has_topic = True
            topic = np.maximum(topic, self.text_topic_fit(rows))
        comp["topic"], active["topic"] = topic, has_topic

        text = np.zeros(k)
        if c.text and self.text_active:
            text = self.lexical[rows].astype(np.float64)
            if self.text_topics and self.coverage > 0:
                semantic = (W.PHRASE_SEMANTIC_SHARE * self.text_topic_fit(rows)
                            + (1.0 - W.PHRASE_SEMANTIC_SHARE) * text)
                rest = self.lexical_rest[rows].astype(np.float64)
                text = (1.0 - self.coverage) * rest + self.coverage * semantic
            if self.name_rows:
                text[np.isin(rows, self.name_rows)] = 1.0
        comp["text"], active["text"] = text, bool(c.text and self.text_active)

        if self.dist is not None:
            d = self.dist[rows]
            score = distance_score(d, c.radius_km)
            score = np.where(ix.remote[rows], W.DISTANCE_REMOTE_SCORE, score)
            comp["distance"], active["distance"] = score, True
        else:
            comp["distance"], active["distance"] = np.zeros(k), False

        if schedule:
            self.minutes = self.group_minutes(rows)
            comp["schedule"] = schedule_score(self.minutes)
        else:
            comp["schedule"] = np.zeros(k)
        active["schedule"] = True
        comp["cost"], active["cost"] = ix.cost_score[rows], True
        fmt = ix.format_score_place if c.has_place else ix.format_score_noplace
        comp["format"], active["format"] = fmt[rows], True

        parts = [np.where(ix.accepting[rows], W.ACCEPTING_SCORE, W.NOT_ACCEPTING_SCORE)]
        if self.und is not None and self.und.approaches and not c.approaches:
            named = _lut(APPROACH_CODES, self.und.approaches)[ix.approach[rows]]
            parts.append(np.where(named, 1.0, W.APPROACH_HINT_OTHER_SCORE))
        if c.audience:
            cols = [AUDIENCE_CODES.index(a) for a in c.audience if a != "everyone"]
            if cols:
                specific = ix.aud[np.ix_(rows, cols)].any(axis=1)
                audience_part = np.where(specific, W.AUDIENCE_SPECIFIC_SCORE,
                                         W.AUDIENCE_EVERYONE_SCORE)
                parts.extend([audience_part] * W.AUDIENCE_WISH_PARTS)
        if c.languages:
            cols = [ix.lang_col[x] for x in c.languages if x in ix.lang_col]
            if cols:
                primary = np.isin(ix.lang_primary[rows], cols)
                parts.append(np.where(primary, W.LANGUAGE_PRIMARY_SCORE,
                                      W.LANGUAGE_SECONDARY_SCORE))
        comp["fit"], active["fit"] = np.mean(parts, axis=0), True

        today = self.now.date().toordinal()
        age = (today - ix.verified[rows]).astype(np.float64)
        never = ix.verified[rows] == np.iinfo(np.int32).min
        age = np.where(never, 0.0, np.maximum(age, 0.0))
        fresh = 1.0 - (1.0 - W.FRESH_FLOOR) * age / W.STALE_AFTER_DAYS
        stale = W.STALE_START * np.power(
            0.5, np.maximum(age - W.STALE_AFTER_DAYS, 0.0) / W.STALE_HALF_LIFE_DAYS)
        freshness = np.where(never, W.FRESHNESS_UNKNOWN_SCORE,
                             np.where(age <= W.STALE_AFTER_DAYS, fresh, stale))
        comp["freshness"], active["freshness"] = freshness, True
        for key in comp:
            comp[key] = np.clip(np.asarray(comp[key], dtype=np.float64), 0.0, 1.0)
        return comp, active

    def group_minutes(self, rows: np.ndarray) -> np.ndarray:
        """Minutes until each candidate group's next (wanted) meeting; inf when none."""
        mt = self.ix.meetings
        out = np.full(rows.size, np.inf)
        if rows.size == 0 or mt.owner.size == 0:
            return out
        cand = np.zeros(self.n, dtype=bool)
        cand[rows] = True
        sel = cand[mt.owner]
        if self.meeting_ok is not None:
            sel &= self.meeting_ok
        mrows = np.nonzero(sel)[0]
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
        self.dist: np.ndarray | None = None
        self.meeting_ok: np.ndarray | None = None
        self._remote: np.ndarray | None = None
        self.coverage = 0.0
        masks = self.masks() if self.n else {}
        self.away = self.away_groups() if self.n else np.zeros(0, dtype=bool)
        keep = np.ones(self.n, dtype=bool)
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
        matches = [self.match(int(p), rows, score, comp) for p in page_pos]
        relaxations = []
        if total < W.RELAX_BELOW and self.n:
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
        if c.sort == "best":
            comp, active = self.components(rows, schedule=False)
            key = self.combine(comp, active, skip="schedule")
            key = key - W.AWAY_PENALTY * self.away[rows]
            if self.name_rows:
                key = key + 2.0 * np.isin(rows, self.name_rows)
            wsum = sum(self.weights[k] for k in COMPONENTS if active[k])
            reach = self.weights["schedule"] / wsum + 1e-5
            kth = -np.partition(-key, need - 1)[need - 1]
            return rows[key + reach >= kth]
        if c.sort == "distance":
            if self.dist is None:
                return rows
            key = np.where(ix.remote[rows] | np.isnan(self.dist[rows]), np.inf,
                           self.dist[rows])
        elif c.sort == "recent":
            key = -ix.updated[rows]
        else:
            key = np.maximum(self.group_minutes(rows), 0)
        kth = np.partition(key, need - 1)[need - 1]
        return rows[key <= kth]

    def order(self, rows: np.ndarray, score: np.ndarray) -> np.ndarray:
        """Positions into ``rows`` of the first ``page × per_page`` results, in order."""
        c, ix = self.c, self.ix
        if rows.size == 0:
            return np.zeros(0, dtype=np.int64)
        ids = ix.ids[rows]
        if self.dist is not None:
            dist = np.where(ix.remote[rows] | np.isnan(self.dist[rows]), np.inf,
                            self.dist[rows])
        else:
            dist = np.full(rows.size, np.inf)
        mins = self.minutes
        name_hit = np.zeros(rows.size)
        if self.name_rows:
            name_hit = np.isin(rows, self.name_rows).astype(np.float64)
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
            kth = np.partition(primary, need - 1)[need - 1]
            sub = np.nonzero(primary <= kth)[0]
            sub_order = np.lexsort([k[sub] for k in keys])
            return sub[sub_order][:need]
        return np.lexsort(keys)[:need]

    def match(self, pos: int, rows: np.ndarray, score: np.ndarray,
              comp: dict[str, np.ndarray]) -> Match:
        ix, c = self.ix, self.c
        row = int(rows[pos])
        g = ix.groups[row]
        mt = ix.meetings
        lo, hi = np.searchsorted(mt.owner, [row, row + 1])
        mrows = np.arange(lo, hi)
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
            remote = self.remote_meetings()[best[3]]
            display_tz = c.tz if remote and c.tz else g.meetings[best[1]].timezone
        distance = None
        if self.dist is not None and not ix.remote[row] and ix.has_place[row]:
            distance = float(self.dist[row])
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
        local_zone = np.array([same_region(name, c.tz) for name in mt.tz_names], dtype=bool)
        attended = ~mt.online
        placed = np.zeros(self.n, dtype=bool)
        placed[mt.owner[attended]] = True
        local = np.zeros(self.n, dtype=bool)
        local[mt.owner[attended & local_zone[mt.tz_id]]] = True
        reachable = ix.remote.copy()
        if not ("in-person" in c.formats and "online" not in c.formats):
            reachable |= ix.fmt == FORMAT_CODES.index("hybrid")
        return placed & ~local & ~reachable

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
