"""A real-engine baseline for bench_matching.py: SQLite FTS5 (BM25) + R*Tree over the same
synthetic directory and the same queries.

What it does per query, all inside SQLite (no Python per row):

* words → an FTS5 ``MATCH`` of the words (OR), ranked by ``bm25``;
* a place → an R*Tree bounding box of the radius (default 40 km) around it, exact
  great-circle distance in SQL for the in-box rows, in-person groups beyond the radius dropped
  (online/phone groups kept, as the matcher does);
* topics, formats, costs, languages, audience → indexed side tables / columns;
* days and times → an indexed meetings table (weekday × time-of-day bucket, on the meeting's
  own clock: no seeker time zones, no next-occurrence arithmetic);
* the total (``count(*) over ()``) and the first page in the query's sort (best: bm25, then
  distance; distance; recent; soonest is approximated by id).

It is what a competent SQL implementation of the same search would do; it does not read the
words' meaning, typos or the taxonomy, so its results are not comparable for relevance (see
bench_relevance.py for that) — only its speed is.
"""

from __future__ import annotations

import math
import re
import sqlite3

from matching import GroupProfile, Query
from matching import weights as W

_WORD = re.compile(r"\w+")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIMES = ("morning", "afternoon", "evening", "night")
_INCLUDES = {"in-person": ("in-person", "hybrid"), "online": ("online", "hybrid"),
             "hybrid": ("hybrid",), "phone": ("phone",)}


def _bucket(minute: int) -> int:
    if minute < 300:
        return 3
    if minute < 720:
        return 0
    if minute < 1020:
        return 1
    return 2 if minute < 1260 else 3


class Fts5Engine:
    """The same directory in an in-memory SQLite database with FTS5 and R*Tree indexes."""

    def __init__(self, groups: list[GroupProfile]) -> None:
        db = sqlite3.connect(":memory:")
        self.db = db
        db.executescript("""
            CREATE TABLE g (id INTEGER PRIMARY KEY, format TEXT, cost TEXT, lat REAL, lon REAL,
                            remote INTEGER, updated REAL);
            CREATE VIRTUAL TABLE t USING fts5(name, organization, description,
                                              tokenize='unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE place USING rtree(id, min_lat, max_lat, min_lon, max_lon);
            CREATE TABLE topic (topic TEXT, gid INTEGER);
            CREATE TABLE lang (lang TEXT, gid INTEGER);
            CREATE TABLE aud (aud TEXT, gid INTEGER);
            CREATE TABLE meeting (gid INTEGER, weekday INTEGER, bucket INTEGER);
        """)
        remote_formats = ("online", "phone")
        db.executemany("INSERT INTO g VALUES (?,?,?,?,?,?,?)", (
            (g.id, g.format, g.cost, g.lat, g.lon, int(g.format in remote_formats),
             g.updated.timestamp() if g.updated else 0.0) for g in groups))
        db.executemany("INSERT INTO t(rowid, name, organization, description) VALUES (?,?,?,?)",
                       ((g.id, g.name, g.organization or "", g.description or "")
                        for g in groups))
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?)", (
            (g.id, g.lat, g.lat, g.lon, g.lon) for g in groups
            if g.lat is not None and g.lon is not None and g.format not in remote_formats))
        db.executemany("INSERT INTO topic VALUES (?,?)",
                       ((t, g.id) for g in groups for t in g.topics))
        db.executemany("INSERT INTO lang VALUES (?,?)",
                       ((x, g.id) for g in groups for x in g.languages))
        db.executemany("INSERT INTO aud VALUES (?,?)",
                       ((a, g.id) for g in groups for a in (g.audience or ("everyone",))))
        db.executemany("INSERT INTO meeting VALUES (?,?,?)", (
            (g.id, int(m.weekday) % 7, _bucket(m.start.hour * 60 + m.start.minute))
            for g in groups for m in g.meetings))
        db.executescript("""
            CREATE INDEX topic_i ON topic(topic, gid);
            CREATE INDEX lang_i ON lang(lang, gid);
            CREATE INDEX aud_i ON aud(aud, gid);
            CREATE INDEX meeting_i ON meeting(gid, weekday, bucket);
            CREATE INDEX g_format ON g(format);
            ANALYZE;
        """)
        self.taxonomy_parents: dict[str, str | None] = {}

    def search(self, q: Query, topic_family: dict[str, tuple[str, ...]]) -> tuple[int, list[int]]:
        """(total, first page of ids) for one query."""
        where: list[str] = []
        args: list[object] = []
        select_rank = "0.0"
        source = "g"
        if q.text:
            words = _WORD.findall(q.text.lower())
            if words:
                match = " OR ".join('"' + w + '"' for w in words)
                source = ("(SELECT rowid AS id, bm25(t) AS score FROM t WHERE t MATCH ?) AS s "
                          "JOIN g ON g.id = s.id")
                args.append(match)
                select_rank = "s.score"
        dist = "NULL"
        if q.lat is not None and q.lon is not None:
            radius = q.radius_km or W.DEFAULT_RADIUS_KM
            dlat = radius / 111.0
            dlon = radius / (111.0 * max(math.cos(math.radians(q.lat)), 0.01))
            lat1, cos1 = math.radians(q.lat), math.cos(math.radians(q.lat))
            # Haversine in SQL (sqlite ≥ 3.35 math functions).
            dist = (f"(2 * 6371.0088 * asin(sqrt(pow(sin((radians(g.lat) - {lat1}) / 2), 2) + "
                    f"{cos1} * cos(radians(g.lat)) * "
                    f"pow(sin((radians(g.lon) - {math.radians(q.lon)}) / 2), 2))))")
            where.append("(g.remote = 1 OR g.lat IS NULL OR (g.id IN (SELECT id FROM place "
                         "WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND "
                         f"max_lon <= ?) AND {dist} <= ?))")
            args += [q.lat - dlat, q.lat + dlat, q.lon - dlon, q.lon + dlon, radius]
        if q.topics:
            wanted = sorted({x for t in q.topics for x in topic_family.get(t, (t,))})
            where.append(f"g.id IN (SELECT gid FROM topic WHERE topic IN "
                         f"({','.join('?' * len(wanted))}))")
            args += wanted
        if q.formats:
            fmts = sorted({f for x in q.formats for f in _INCLUDES.get(x, (x,))})
            where.append(f"g.format IN ({','.join('?' * len(fmts))})")
            args += fmts
        if q.costs:
            where.append(f"g.cost IN ({','.join('?' * len(q.costs))})")
            args += list(q.costs)
        if q.languages:
            where.append(f"g.id IN (SELECT gid FROM lang WHERE lang IN "
                         f"({','.join('?' * len(q.languages))}))")
            args += list(q.languages)
        if q.audience:
            auds = [*q.audience, "everyone"]
            where.append(f"g.id IN (SELECT gid FROM aud WHERE aud IN "
                         f"({','.join('?' * len(auds))}))")
            args += auds
        if q.days or q.times:
            cond = ["m.gid = g.id"]
            days = [_DAYS.index(d) for d in q.days if d in _DAYS]
            buckets = [_TIMES.index(t) for t in q.times if t in _TIMES]
            if days:
                cond.append(f"m.weekday IN ({','.join(map(str, days))})")
            if buckets:
                cond.append(f"m.bucket IN ({','.join(map(str, buckets))})")
            where.append(f"EXISTS (SELECT 1 FROM meeting m WHERE {' AND '.join(cond)})")
        sort = q.sort or "best"
        if sort == "distance":
            order = f"(g.remote = 1 OR g.lat IS NULL), {dist}, rank, g.id" if dist != "NULL" \
                else "rank, g.id"
        elif sort == "recent":
            order = "g.updated DESC, g.id"
        elif sort == "soonest":
            order = "g.id"
        else:
            order = f"rank, {dist}, g.id" if dist != "NULL" else "rank, g.id"
        per_page = q.per_page or 20
        page = q.page or 1
        sql = (f"SELECT g.id, {select_rank} AS rank, count(*) OVER () FROM {source} "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} "
               f"LIMIT {per_page} OFFSET {(page - 1) * per_page}")
        rows = self.db.execute(sql, args).fetchall()
        total = rows[0][2] if rows else 0
        return total, [r[0] for r in rows]
