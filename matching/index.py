"""The search index: group profiles as numpy columns, and the search over them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np

from matching import vocab
from matching import weights as W
from matching.geo import PlaceTable
from matching.grow import appended, roomy
from matching.phrases import Phrase
from matching.profiles import GroupProfile
from matching.query import Query, normalise
from matching.query.apply import apply_filters, understood_items
from matching.query.understand import understand
from matching.ranking import Ranking
from matching.results import Notice, SearchResult
from matching.schedule import MeetingTable, same_region
from matching.scores import freshness_score
from matching.store import NameTable, ProfileStore, RowsById, StringColumn
from matching.taxonomy import Taxonomy
from matching.text import PhraseMatcher, TextIndex, name_key, terms
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

REMOTE_FORMATS = ("online", "phone")
# Per-code × per-row columns (concatenated along the rows axis, 1).
_CODE_MAJOR = frozenset({"topic_fit", "implied_t", "topics_t", "langs_t", "aud_t", "acc_t"})
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


class Index:
    """An immutable, query-ready view of the directory's active groups.

    Build once with :meth:`build` and replace (never mutate) when listings change; a search
    reads only numpy arrays and the profiles of the page it returns.
    """

    def __init__(self) -> None:  # use Index.build
        self.size = 0
        self.n_live = 0
        self.dead = 0

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
        self.taxonomy = taxonomy
        codes = taxonomy.codes
        self.topic_col = {c: i for i, c in enumerate(codes)}
        self.lang_col: dict[str, int] = {}
        self._topic_tables()
        part = self._part(groups)
        n = len(groups)
        self.size = n
        self.live = np.ones(n, dtype=bool)
        self.n_live = n
        self.dead = 0
        # The profiles, compressed (a page's are decoded when it is returned).
        self.store = ProfileStore(groups)
        del groups
        name_rows = part.pop("names")
        self.names = NameTable([k for k, _ in name_rows],
                               np.fromiter((r for _, r in name_rows), np.int64, n))
        # Each row's name key, for near-name candidates (no profile decoded to read them).
        self.name_keys = StringColumn([k for k, _ in name_rows])
        del name_rows
        self.text = part.pop("text")
        self.meetings = part.pop("meetings")
        self.places = part.pop("places")
        for key, value in part.items():
            # With room to grow: an update appends its rows in place (see matching/grow.py).
            setattr(self, key, roomy(value, axis=1 if key in _CODE_MAJOR else 0))
        self.row_of_id = RowsById(self.ids, self.live)
        self._finish()
        return self

    def _topic_tables(self) -> None:
        """Topic-to-topic relation and family tables of the taxonomy (built once)."""
        taxonomy, codes = self.taxonomy, self.taxonomy.codes
        self._rel = np.array([[taxonomy.relation(w, h) for h in codes] for w in codes],
                             dtype=np.float32).reshape(len(codes), len(codes))
        family = np.zeros((len(codes), len(codes)), dtype=bool)
        for i, code in enumerate(codes):
            root = taxonomy.parents.get(code) or code
            family[i, self.topic_col[root] if root in self.topic_col else i] = True
        self._family = family.astype(np.int32)

    def _finish(self) -> None:
        """What is derived from the whole index, not per row."""
        self.phrases = PhraseMatcher(self.taxonomy, known=self.text.term_id.__contains__)
        # Topics a relation's words turn into a family viewpoint ("my son" + drugs).
        self.addiction_topics = frozenset(
            c for c in self.taxonomy.codes
            if c == "addiction" or self.taxonomy.parents.get(c) == "addiction")
        self._away: dict[tuple[bytes, bool], np.ndarray] = {}
        self._fresh: dict[int, np.ndarray] = {}
        self._static: dict[tuple, np.ndarray] = {}

    def _part(self, groups: list[GroupProfile]) -> dict:
        """Every per-row column of ``groups`` (rows 0 … len-1 of this batch); new languages
        are added to ``self.lang_col``."""
        taxonomy, codes = self.taxonomy, self.taxonomy.codes
        n = len(groups)
        out: dict = {}
        out["ids"] = np.fromiter((g.id for g in groups), dtype=np.int64, count=n)
        fmt = np.fromiter((code_index(g.format, FORMAT_CODES) for g in groups),
                          dtype=np.int8, count=n)
        out["fmt"] = fmt
        out["cost"] = np.fromiter((code_index(g.cost, COST_CODES) for g in groups),
                                  dtype=np.int8, count=n)
        out["approach"] = np.fromiter((code_index(g.approach, APPROACH_CODES) for g in groups),
                                      dtype=np.int8, count=n)
        out["welcome"] = np.fromiter((code_index(g.welcome, WELCOME_CODES) for g in groups),
                                     dtype=np.int8, count=n)
        remote_lut = code_lut(FORMAT_CODES, REMOTE_FORMATS)
        remote = remote_lut[fmt]
        out["remote"] = remote
        topic_col, lang_col = self.topic_col, self.lang_col
        topics = np.zeros((n, len(codes)), dtype=bool)
        lang_primary = np.full(n, -1, dtype=np.int16)
        aud = np.zeros((n, len(AUDIENCE_CODES)), dtype=bool)
        acc = np.zeros((n, len(ACCESS_CODES)), dtype=bool)
        lat = np.full(n, np.nan)
        lon = np.full(n, np.nan)
        verified = np.full(n, np.iinfo(np.int32).min, dtype=np.int64)
        updated = np.full(n, -np.inf)
        accepting = np.ones(n, dtype=bool)
        aud_col = {c: i for i, c in enumerate(AUDIENCE_CODES)}
        acc_col = {c: i for i, c in enumerate(ACCESS_CODES)}
        names: list[tuple[str, int]] = []
        docs: list[list[tuple[str, float]]] = []
        place_owner: list[int] = []
        place_lat: list[float] = []
        place_lon: list[float] = []
        place_multi: list[bool] = []
        # Groups share a few combinations of topics, languages, audiences and access needs:
        # each combination is read once (column lists), rows are set with numpy at the end.
        combos: dict[tuple, int] = {}
        combo_of = np.empty(n, dtype=np.int64)
        combo_cols: list[tuple[list[int], list[int], list[int], list[int]]] = []
        facet_of: dict[tuple, str] = {}
        for r, g in enumerate(groups):
            key = (g.topics, g.languages, g.audience, g.access)
            ci = combos.get(key)
            if ci is None:
                t_cols = [topic_col[t] for t in g.topics if t in topic_col]
                l_cols = [lang_col.setdefault(str(code).lower(), len(lang_col))
                          for code in g.languages]
                # A group that names no audience is for everyone.
                a_cols = [aud_col[code] for code in g.audience or ("everyone",)
                          if code in aud_col]
                x_cols = [acc_col[code] for code in g.access if code in acc_col]
                ci = combos[key] = len(combo_cols)
                combo_cols.append((t_cols, l_cols, a_cols, x_cols))
            combo_of[r] = ci
            if not remote[r]:
                # The group's place and its in-person meetings' places; distance is to the
                # nearest of them.
                pts: list[tuple[float, float]] = []
                glat, glon = g.lat, g.lon
                if _valid_point(glat, glon):
                    pts.append((float(glat), float(glon)))  # type: ignore[arg-type]
                for m in g.meetings:
                    plat, plon = m.lat, m.lon
                    if (plat == glat and plon == glon) or getattr(m, "online", False):
                        continue  # the group's own place (already read) or no place
                    if _valid_point(plat, plon):
                        pt = (float(plat), float(plon))  # type: ignore[arg-type]
                        if pt not in pts:
                            pts.append(pt)
                for plat, plon in pts:
                    place_owner.append(r)
                    place_lat.append(plat)
                    place_lon.append(plon)
                    place_multi.append(len(pts) > 1)
                if pts:
                    lat[r], lon[r] = pts[0]
            if g.last_verified is not None:
                verified[r] = g.last_verified.toordinal()
            if g.updated is not None:
                upd = g.updated if g.updated.tzinfo else g.updated.replace(tzinfo=UTC)
                updated[r] = upd.timestamp()
            accepting[r] = bool(g.accepting_new_members)
            names.append((name_key(g.name), r))
            docs.append(_doc(g, facet_of))
        langs = np.zeros((n, max(len(lang_col), 1)), dtype=bool)
        # Per combination, its rows; then each of its columns set for all of them at once.
        order = np.argsort(combo_of, kind="stable")
        bounds = np.searchsorted(combo_of[order], np.arange(len(combo_cols) + 1))
        for ci, (t_cols, l_cols, a_cols, x_cols) in enumerate(combo_cols):
            rows_ = order[bounds[ci]:bounds[ci + 1]]
            for col in t_cols:
                topics[rows_, col] = True
            for col in l_cols:
                langs[rows_, col] = True
            if l_cols:
                lang_primary[rows_] = l_cols[0]
            for col in a_cols:
                aud[rows_, col] = True
            for col in x_cols:
                acc[rows_, col] = True
        # Stored column-major (one contiguous row per code): a filter ORs a few rows instead
        # of gathering strided columns of every group.
        out.update(topics_t=np.ascontiguousarray(topics.T), lang_primary=lang_primary,
                   langs_t=np.ascontiguousarray(langs.T), aud_t=np.ascontiguousarray(aud.T),
                   acc_t=np.ascontiguousarray(acc.T), verified=verified, updated=updated,
                   accepting=accepting, names=names)
        out["places"] = PlaceTable(np.asarray(place_owner, dtype=np.int64),
                                   np.asarray(place_lat, dtype=np.float64),
                                   np.asarray(place_lon, dtype=np.float64),
                                   np.asarray(place_multi, dtype=bool))
        out["no_place_nan"] = np.where(np.isnan(lat), np.nan, np.inf)
        out["has_place"] = ~np.isnan(lat)

        # Topic fit of every group for every wanted topic, precomputed (T × N float32).
        rel = self._rel
        counts = (topics.astype(np.int32) @ self._family > 0).sum(axis=1)
        focus = np.maximum(W.TOPIC_FOCUS_FLOOR,
                           1.0 - W.TOPIC_FOCUS_PENALTY * np.maximum(counts - 1, 0))
        topic_fit = np.zeros((len(codes), n), dtype=np.float32)
        for wi in range(len(codes)):
            cols = np.nonzero(rel[wi])[0]
            if cols.size:
                vals = topics[:, cols] * rel[wi, cols]
                topic_fit[wi] = vals.max(axis=1) * focus
        out["topic_fit"] = topic_fit

        # Cost, format and base-fit scores come from small tables by code (see cost_scores).

        meetings = MeetingTable([g.meetings for g in groups])
        out["meetings"] = meetings
        out["meeting_ways"] = _meeting_ways(groups, meetings)
        # Per group: the ways any of its meetings can be attended (OR of its meetings' bits).
        group_ways = np.zeros(n, dtype=np.uint8)
        np.bitwise_or.at(group_ways, meetings.owner, out["meeting_ways"])
        out["group_ways"] = group_ways
        text = TextIndex(docs)
        out["text"] = text
        # Topics a group's own words name (all words of a phrase present; order ignored);
        # topic-major, so one topic's column is contiguous.
        implied_t = np.zeros((len(codes), n), dtype=bool)
        for code, phrase_list in taxonomy.phrases.items():
            col = topic_col[code]
            for phrase in phrase_list:
                words_ = terms(phrase)
                if words_:
                    implied_t[col, text.rows_with_all(words_)] = True
        out["implied_t"] = implied_t
        return out

    # Above this share of replaced or removed rows, :meth:`rebuilt` builds afresh.
    COMPACT_DEAD_SHARE = 0.25

    def rebuilt(
        self, *, upserts: Iterable[GroupProfile] = (), removed_ids: Iterable[int] = ()
    ) -> Index:
        """A new index with some profiles added/replaced and some removed (this one unchanged).

        Incremental: the changed groups are indexed on their own and appended as new rows;
        the rows they replace (and removed groups) are marked dead, so the cost is that of the
        changed groups plus copying the columns (no re-reading of the other profiles). When
        more than ``COMPACT_DEAD_SHARE`` of the rows are dead, the index is built afresh.
        Results are the same as :meth:`build` over the merged profiles.
        """
        removed = {int(i) for i in removed_ids}
        latest: dict[int, GroupProfile] = {}
        for g in upserts:
            latest[int(g.id)] = g
        removed -= set(latest)
        removed = {i for i in removed if i in self.row_of_id}
        # A profile read again unchanged (refreshes overlap) needs no new row.
        known = [i for i in latest if i in self.row_of_id]
        known_rows = [self.row_of_id[i] for i in known]
        # Decoded once: compared here, and read again below for the text they leave.
        old_of = dict(zip(known_rows, self.store.get_many(known_rows), strict=True))
        for gid, row in zip(known, known_rows, strict=True):
            if old_of[row] == latest[gid]:
                del latest[gid]
        if not latest and not removed:
            return self
        gone_rows = [self.row_of_id[i] for i in (*removed, *latest) if i in self.row_of_id]
        fresh = [latest[k] for k in sorted(latest)]
        dead = self.dead + len(gone_rows)
        if dead > self.COMPACT_DEAD_SHARE * (self.size + len(fresh)) or not self.size:
            merged = {g.id: g for g in self.groups if g.id not in removed}
            merged.update(latest)
            return Index.build(merged.values(), self.taxonomy)
        new = Index()
        new.taxonomy = self.taxonomy
        new.topic_col = self.topic_col
        new.lang_col = dict(self.lang_col)
        new._rel, new._family = self._rel, self._family
        part = new._part(fresh)
        base, k = self.size, len(fresh)
        new.size = base + k
        live = np.concatenate((self.live, np.ones(k, dtype=bool)))
        live[gone_rows] = False
        new.live = live
        new.n_live = self.n_live - len(gone_rows) + k
        new.dead = dead
        new.store = self.store.extended(fresh)
        # Replaced and removed rows stay in the name table; lookups skip rows not live.
        name_rows = part.pop("names")
        new.names = self.names.extended([k for k, _ in name_rows],
                                        np.asarray([base + r for _, r in name_rows], np.int64),
                                        live)
        new.name_keys = self.name_keys.extended([k for k, _ in name_rows])
        new.meetings = self.meetings.extended(part.pop("meetings"), base)
        new.places = self.places.extended(part.pop("places"), base)
        facet_of: dict[tuple, str] = {}
        missing = [row for row in gone_rows if row not in old_of]
        old_of.update(zip(missing, self.store.get_many(missing), strict=True))
        gone_docs = [_doc(old_of[row], facet_of) for row in gone_rows]
        del old_of
        new.text = self.text.extended(part.pop("text"), base, live.size, new.n_live, gone_docs)
        for key, value in part.items():
            old = getattr(self, key)
            axis = 1 if key in _CODE_MAJOR else 0
            if key == "langs_t" and value.shape[0] != old.shape[0]:
                # A language new to the index: a row more for every group (copied).
                width = max(value.shape[0], old.shape[0])
                old = np.pad(old, ((0, width - old.shape[0]), (0, 0)))
                value = np.pad(value, ((0, width - value.shape[0]), (0, 0)))
                setattr(new, key, roomy(old, value, axis=axis))
                continue
            # Written after this index's rows, in place when there is room: this index
            # reads only its own rows, so it is unchanged (matching/grow.py).
            setattr(new, key, appended(old, value, axis=axis))
        new.row_of_id = self.row_of_id.updated(
            (*removed, *latest), np.asarray([g.id for g in fresh], dtype=np.int64),
            np.arange(base, base + k, dtype=np.int64))
        new._finish()
        return new

    @property
    def groups(self) -> tuple[GroupProfile, ...]:
        """The indexed (live) profiles, in ``id`` order."""
        return tuple(self.store.get_many(self.row_of_id.rows.tolist()))

    def profile(self, row: int) -> GroupProfile:
        """The profile of one row."""
        return self.store.get(row)

    def profiles(self, rows: Iterable[int]) -> list[GroupProfile]:
        """The profiles of some rows, in that order."""
        return self.store.get_many(rows)

    def freshness_on(self, today: int) -> np.ndarray:
        """Every row's freshness score on the day ``today`` (a date ordinal), computed once
        per day and kept (see :func:`matching.scores.freshness_score`)."""
        cached = self._fresh.get(today)
        if cached is None:
            never = self.verified == np.iinfo(np.int32).min
            age = np.where(never, np.nan, (today - self.verified).astype(np.float64))
            cached = freshness_score(age)
            cached.flags.writeable = False
            if len(self._fresh) >= 4:
                self._fresh.clear()
            self._fresh[today] = cached
        return cached

    # Score tables by code index (the last entry for an unknown code, index -1).
    _COST_LUT = np.array([W.COST_SCORES.get(c, W.COST_UNKNOWN_SCORE) for c in COST_CODES]
                         + [W.COST_UNKNOWN_SCORE])
    _FORMAT_LUT = {
        True: np.array([W.FORMAT_SCORES_WITH_PLACE.get(c, W.FORMAT_UNKNOWN_SCORE)
                        for c in FORMAT_CODES] + [W.FORMAT_UNKNOWN_SCORE]),
        False: np.array([W.FORMAT_SCORES_NO_PLACE.get(c, W.FORMAT_UNKNOWN_SCORE)
                         for c in FORMAT_CODES] + [W.FORMAT_UNKNOWN_SCORE]),
    }
    _FIT_LUT = np.array([W.NOT_ACCEPTING_SCORE, W.ACCEPTING_SCORE])

    def cost_scores(self, rows: np.ndarray | None = None) -> np.ndarray:
        """The cost score (0–1) of every row, or of ``rows``."""
        return self._COST_LUT[self.cost if rows is None else self.cost[rows]]

    def format_scores(self, has_place: bool, rows: np.ndarray | None = None) -> np.ndarray:
        """The format score of every row (or of ``rows``), with or without a seeker's place."""
        return self._FORMAT_LUT[bool(has_place)][self.fmt if rows is None else self.fmt[rows]]

    def fit_bases(self, rows: np.ndarray | None = None) -> np.ndarray:
        """The base of the fit score: accepting new members or not."""
        acc = self.accepting if rows is None else self.accepting[rows]
        return self._FIT_LUT[acc.view(np.uint8)]

    def static_scores(self, today: int, has_place: bool, weights: dict[str, float], *,
                      with_fit: bool) -> np.ndarray:
        """Per row, float32: the weighted sum of the components that depend only on the
        group and the day — cost, format (with or without a seeker's place), freshness, and
        (``with_fit``) the base fit — each clipped to 0–1 as the ranking does; kept for a few
        combinations (the shortlist's estimate, see ``Ranking.shortlist``)."""
        w = (weights["cost"], weights["format"], weights["fit"] if with_fit else 0.0,
             weights["freshness"])
        key = (today, has_place, w)
        cached = self._static.get(key)
        if cached is None:
            total = w[0] * np.clip(self.cost_scores(), 0.0, 1.0)
            total += w[1] * np.clip(self.format_scores(has_place), 0.0, 1.0)
            if with_fit:
                total += w[2] * np.clip(self.fit_bases(), 0.0, 1.0)
            total += w[3] * np.clip(self.freshness_on(today), 0.0, 1.0)
            cached = total.astype(np.float32)
            cached.flags.writeable = False
            if len(self._static) >= 8:
                self._static.clear()
            self._static[key] = cached
        return cached

    def away_mask(self, seeker_tz: str, hybrid_reachable: bool) -> np.ndarray:
        """Per group: attended in person only outside the seeker zone's region (and not
        reachable remotely); computed once per zone and kept (a few dozen zones at most)."""
        mt, n = self.meetings, self.size
        local_zone = np.array([same_region(name, seeker_tz) for name in mt.tz_names],
                              dtype=bool)
        # Zones of one country share a mask: keyed by which of the index's zones are local.
        key = (local_zone.tobytes(), hybrid_reachable)
        cached = self._away.get(key)
        if cached is not None:
            return cached
        attended = ~mt.online
        placed = np.zeros(n, dtype=bool)
        placed[mt.owner[attended]] = True
        local = np.zeros(n, dtype=bool)
        local[mt.owner[attended & local_zone[mt.tz_id]]] = True
        reachable = self.remote.copy()
        if hybrid_reachable:
            reachable |= self.fmt == FORMAT_CODES.index("hybrid")
        away = placed & ~local & ~reachable
        away.flags.writeable = False
        if len(self._away) < 64:
            self._away[key] = away
        return away

    def placeless_or_remote(self) -> np.ndarray:
        """Per group (a new array): met remotely or without a place — inside any radius
        (the base of ``Ranking.within``; kept once, 1 byte a row)."""
        cached = vars(self).get("_placeless")
        if cached is None:
            cached = self._placeless = self.remote | ~self.has_place
        return cached.copy()

    def meetings_for_formats(self, formats: Iterable[str]) -> np.ndarray:
        """Per meeting row: True when it can be attended in one of ``formats``."""
        wanted = 0
        for code in formats:
            wanted |= FORMAT_WAYS.get(code, 0)
        return (self.meeting_ways & np.uint8(wanted)) != 0

    def groups_for_formats(self, formats: Iterable[str]) -> np.ndarray:
        """Per group: True when one of its meetings can be attended in one of ``formats``."""
        wanted = 0
        for code in formats:
            wanted |= FORMAT_WAYS.get(code, 0)
        return (self.group_ways & np.uint8(wanted)) != 0

    def __len__(self) -> int:
        return self.n_live

    def nbytes(self) -> int:
        """Approximate bytes held by the numpy columns, the compressed profiles included
        (the text index's vocabulary and the caches not)."""
        total = 0
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
        for obj in (self.places, self.meetings, self.text, self.store, self.names,
                    self.name_keys, self.row_of_id):
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
        result = Ranking(self, crit, notices, now, und, extra).run()
        if und is not None:
            result.understood = understood_items(und, self.taxonomy)
        return result


def _doc(g: GroupProfile, facet_of: dict[tuple, str]) -> list[tuple[str, float]]:
    """A group's text fields and their weights, as the text index reads them."""
    fkey = (g.approach, g.format, g.audience, g.languages)
    facets = facet_of.get(fkey)
    if facets is None:
        facets = facet_of[fkey] = " ".join((
            vocab.APPROACHES.get(g.approach or "", ""),
            vocab.FORMATS.get(g.format, ""),
            *(vocab.AUDIENCES.get(a, "") for a in g.audience if a != "everyone"),
            *(vocab.LANGUAGES.get(x, "") for x in g.languages if x != "en"),
        ))
    return [
        (g.name or "", W.TEXT_FIELD_NAME),
        (facets, W.TEXT_FIELD_FACETS),
        (g.organization or "", W.TEXT_FIELD_ORGANIZATION),
        (g.description or "", W.TEXT_FIELD_DESCRIPTION),
    ]


def _valid_point(lat: object, lon: object) -> bool:
    if type(lat) is float and type(lon) is float:  # the usual case; NaN and inf fail
        return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0
    return (lat is not None and lon is not None and _finite(lat) and _finite(lon)
            and -90.0 <= float(lat) <= 90.0 and -180.0 <= float(lon) <= 180.0)  # type: ignore[arg-type]


def _finite(x: object) -> bool:
    try:
        return math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


