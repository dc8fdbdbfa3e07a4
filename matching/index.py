"""The search index: group profiles as numpy columns, and the search over them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np

from matching import vocab
from matching import weights as W
from matching.geo import PointTable
from matching.phrases import Phrase
from matching.profiles import GroupProfile
from matching.query import Query, normalise
from matching.query.apply import apply_filters, understood_items
from matching.query.understand import understand
from matching.ranking import Ranking
from matching.results import Notice, SearchResult
from matching.schedule import MeetingTable, same_region
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

        self.fmt = np.fromiter((code_index(g.format, FORMAT_CODES) for g in groups),
                               dtype=np.int8, count=n)
        self.cost = np.fromiter((code_index(g.cost, COST_CODES) for g in groups),
                                dtype=np.int8, count=n)
        self.approach = np.fromiter((code_index(g.approach, APPROACH_CODES) for g in groups),
                                    dtype=np.int8, count=n)
        self.welcome = np.fromiter((code_index(g.welcome, WELCOME_CODES) for g in groups),
                                   dtype=np.int8, count=n)
        remote_lut = code_lut(FORMAT_CODES, REMOTE_FORMATS)
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
        # Topics a group's own words name (all words of a phrase present; order ignored);
        # topic-major, so one topic's column is contiguous.
        self.implied_t = np.zeros((len(codes), n), dtype=bool)
        for code, phrase_list in taxonomy.phrases.items():
            col = self.topic_col[code]
            for phrase in phrase_list:
                words_ = terms(phrase)
                if words_:
                    self.implied_t[col, self.text.rows_with_all(words_)] = True
        self._away: dict[tuple[str, bool], np.ndarray] = {}
        return self

    def away_mask(self, seeker_tz: str, hybrid_reachable: bool) -> np.ndarray:
        """Per group: attended in person only outside the seeker zone's region (and not
        reachable remotely); computed once per zone and kept (a few dozen zones at most)."""
        key = (seeker_tz, hybrid_reachable)
        cached = self._away.get(key)
        if cached is not None:
            return cached
        mt, n = self.meetings, self.size
        local_zone = np.array([same_region(name, seeker_tz) for name in mt.tz_names],
                              dtype=bool)
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
        result = Ranking(self, crit, notices, now, und, extra).run()
        if und is not None:
            result.understood = understood_items(und, self.taxonomy)
        return result


def _valid_point(lat: object, lon: object) -> bool:
    return (lat is not None and lon is not None and _finite(lat) and _finite(lon)
            and -90.0 <= float(lat) <= 90.0 and -180.0 <= float(lon) <= 180.0)  # type: ignore[arg-type]


def _finite(x: object) -> bool:
    try:
        return math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


