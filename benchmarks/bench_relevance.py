"""Relevance benchmark: what seekers type, over the sample directory, as the app searches it.

Usage: python benchmarks/bench_relevance.py [--cases benchmarks/cases] [--json]

The sample directory (``seed_data/directory.csv``) is imported into a fresh SQLite database
with the app's own importer, and every query goes through the app's search service
(``directory.search.service.search_groups``: the URL parameters parsed as for ``/groups``,
profiles loaded and indexed by its ``IndexCache``, places resolved offline) at a fixed "now".

Cases: every ``relevance_*.jsonl`` file under ``--cases`` (one JSON object a line, e.g.
``relevance_dev.jsonl`` and ``relevance_heldout.jsonl``; see the README there), each with the
search (``q`` and/or ``params``), ``lang``, ``class`` and ``expect_topics``. Each file is
reported separately; the held-out file is only ever read here, never tuned against.

Measures, per file, over topical cases (those with ``expect_topics``):

* precision@5: the share of the first five results whose topics meet the expected ones (a
  group's topic counts when it is an expected topic, a child of one, or the parent of one —
  parents match children as in the taxonomy); fewer than five results count as misses;
  per language and per class too;
* zero results: % of topical cases with no result; top wrong: % whose first result (or lack
  of one) is not of an expected topic;
* hit@5: % of topical cases with at least one right group in the first five (the cases
  README's "topic hit");
* family first: % of the cases with ``expect_family`` whose first result lists the topic
  family-and-friends;
* filters read: % of cases with ``expect_filters`` whose every expected filter was read from
  the words (``SearchOutcome.understood``); false triggers: % of cases with
  ``expect_filters: {}`` where any filter was read; approach read: % of cases with
  ``expect_approach`` where that approach was read or a top-5 group follows it.

Baseline in the same run: SQLite FTS5 BM25 over the same groups' name, description and
topic labels (unicode61 tokenizer, diacritics removed; the query's words OR-ed), top five.

Last, the small nDCG@10 regression suite of ``tests/matching/conftest.py`` (``RELEVANCE_CASES``
on its fixed 66-group directory) is printed as before.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching import Index, Query  # noqa: E402

NOW = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)  # a Wednesday, noon in New York


# ----------------------------------------------------------------------------- the app
def build_app_search(tmp: Path):
    """The app's search over the sample directory: returns (search(params) -> [Group],
    groups by slug)."""
    from sqlmodel import Session, select

    from directory import create_app
    from directory.models import Group
    from directory.search import service as search_service
    from directory.search.index_cache import IndexCache
    from directory.search.params import parse_search_params
    from places import resolve_place, timezone_at

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}", "TESTING": True})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed"])
    if result.exit_code != 0:
        raise SystemExit(f"seeding failed: {result.output}")
    from directory.db import get_engine

    with app.app_context():
        engine = get_engine()
    cache = IndexCache(engine=None, background=False)
    session = Session(engine)
    country = app.config.get("DEFAULT_COUNTRY", "US")

    def search(args: dict[str, list[str]]) -> tuple[list, dict[str, set[str]], set[str]]:
        """The result groups, the filters the words were read as, and approaches named."""
        params = parse_search_params(args)
        outcome = search_service.search_groups(
            session, params=params, now=NOW, index_cache=cache,
            resolve_place=lambda text: resolve_place(text, default_country=country),
            timezone_at=timezone_at)
        filters: dict[str, set[str]] = defaultdict(set)
        approaches: set[str] = set()
        for item in getattr(outcome, "understood", None) or ():
            if item.get("kind") == "filter":
                filters[item["param"]].add(item["value"])
            elif item.get("kind") == "approach":
                approaches.add(item["value"])
        approaches |= filters.get("approach", set())
        return [item.group for item in outcome.items], filters, approaches

    groups = {g.slug: g for g in session.exec(select(Group)).all() if g.status == "active"}
    return search, groups


def taxonomy_parents() -> dict[str, str | None]:
    from directory.taxonomy import TOPIC_LIST

    return {t.code: t.parent for t in TOPIC_LIST}


def topic_labels() -> dict[str, str]:
    from directory.taxonomy import TOPIC_LIST

    return {t.code: t.label for t in TOPIC_LIST}


def matches_expected(topics, expected: set[str], parents: dict[str, str | None]) -> bool:
    for t in topics:
        if t in expected or parents.get(t) in expected:
            return True
        if any(parents.get(e) == t for e in expected):
            return True
    return False


def is_family_group(group) -> bool:
    return "family-and-friends" in (group.topics or ())


# ----------------------------------------------------------------------------- baseline
class Fts5Baseline:
    """SQLite FTS5 BM25 over name + description + topic labels of the same groups."""

    def __init__(self, groups: dict) -> None:
        labels = topic_labels()
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE g USING fts5(slug UNINDEXED, name, description,"
                        " topics, tokenize='unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO g VALUES (?, ?, ?, ?)", [
            (slug, g.name, g.description or "",
             " ".join(f"{t} {labels.get(t, t)}" for t in g.topics or ()))
            for slug, g in groups.items()])
        self.groups = groups

    def search(self, text: str) -> list:
        words = re.findall(r"\w+", text.lower())
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
        try:
            rows = self.db.execute("SELECT slug FROM g WHERE g MATCH ? ORDER BY bm25(g) "
                                   "LIMIT 5", (match,)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [self.groups[r[0]] for r in rows]


# ----------------------------------------------------------------------------- cases
def case_args(case: dict) -> dict[str, list[str]]:
    args: dict[str, list[str]] = {}
    params = case.get("params") or {}
    if isinstance(params, str):
        from urllib.parse import parse_qs

        params = parse_qs(params)
    for name, value in params.items():
        args[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    q = case.get("q", case.get("query"))
    if q:
        args["q"] = [str(q)]
    return args


def case_text(case: dict) -> str:
    return str(case.get("q", case.get("query")) or "")


def expected_topics(case: dict) -> set[str]:
    raw = case.get("expect_topics") or []
    return {raw} if isinstance(raw, str) else set(raw)


class Tally:
    def __init__(self) -> None:
        self.p5: list[float] = []
        self.by_lang: dict[str, list[float]] = defaultdict(list)
        self.by_class: dict[str, list[float]] = defaultdict(list)
        self.zero = 0
        self.top_wrong = 0
        self.family: list[bool] = []
        self.hit5: list[bool] = []
        self.filters_ok: list[bool] = []
        self.false_triggers: list[bool] = []
        self.approach_ok: list[bool] = []

    def add(self, case: dict, got: list, parents, filters: dict[str, set[str]] | None = None,
            approaches: set[str] | None = None) -> float | None:
        expected = expected_topics(case)
        if filters is not None and "expect_filters" in case:
            want = case["expect_filters"] or {}
            if not want:
                self.false_triggers.append(any(filters.values()))
            else:
                self.filters_ok.append(all(set(v) <= filters.get(k, set())
                                           for k, v in want.items()))
        if approaches is not None and case.get("expect_approach"):
            a = case["expect_approach"]
            self.approach_ok.append(a in approaches or any(g.approach == a for g in got[:5]))
        if case.get("expect_family"):
            self.family.append(bool(got) and is_family_group(got[0]))
        if not expected:
            return None
        top5 = got[:5]
        hits = sum(matches_expected(g.topics or (), expected, parents) for g in top5)
        p = hits / 5
        self.hit5.append(hits > 0)
        self.p5.append(p)
        self.by_lang[str(case.get("lang", "?"))].append(p)
        self.by_class[str(case.get("class", "?"))].append(p)
        self.zero += not got
        self.top_wrong += not got or not matches_expected(got[0].topics or (), expected,
                                                         parents)
        return p

    def summary(self) -> dict:
        n = len(self.p5)

        def mean(xs: list[float]) -> float:
            return round(sum(xs) / len(xs), 3) if xs else float("nan")

        def pct(xs: list[bool]) -> float:
            return round(100 * sum(xs) / len(xs), 1) if xs else float("nan")

        return {
            "topical_cases": n,
            "p_at_5": mean(self.p5),
            "hit_at_5_pct": pct(self.hit5),
            "p_at_5_by_lang": {k: mean(v) for k, v in sorted(self.by_lang.items())},
            "p_at_5_by_class": {k: mean(v) for k, v in sorted(self.by_class.items())},
            "zero_results_pct": round(100 * self.zero / n, 1) if n else float("nan"),
            "top_wrong_pct": round(100 * self.top_wrong / n, 1) if n else float("nan"),
            "family_first_pct": (round(100 * sum(self.family) / len(self.family), 1)
                                 if self.family else float("nan")),
            "family_cases": len(self.family),
            "filters_read_pct": pct(self.filters_ok),
            "filter_cases": len(self.filters_ok),
            "false_trigger_pct": pct(self.false_triggers),
            "false_trigger_cases": len(self.false_triggers),
            "approach_read_pct": pct(self.approach_ok),
            "approach_cases": len(self.approach_ok),
        }


def run_file(path: Path, search, baseline: Fts5Baseline, parents, verbose: bool) -> dict:
    ours, base = Tally(), Tally()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        got, filters, approaches = search(case_args(case))
        p = ours.add(case, got, parents, filters, approaches)
        base.add(case, baseline.search(case_text(case)), parents)
        if verbose and p is not None and p < 1.0:
            print(f"  {p:.1f} [{case.get('lang')}/{case.get('class')}] {case_text(case)!r} "
                  f"want {sorted(expected_topics(case))} got "
                  f"{[list(g.topics) for g in got[:3]]}")
    return {"file": path.name, "circles": ours.summary(), "fts5_bm25": base.summary()}


# ----------------------------------------------------------------------------- nDCG suite
def ndcg_suite() -> dict:
    spec = importlib.util.spec_from_file_location(
        "_relevance_conftest", ROOT / "tests" / "matching" / "conftest.py")
    assert spec and spec.loader
    conf = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = conf
    spec.loader.exec_module(conf)
    index = Index.build(conf.build_directory(), conf.build_taxonomy())
    scores, first_ok = [], 0
    for case in conf.RELEVANCE_CASES:
        grades = {slug: 3 for slug in case.top} | {slug: 1 for slug in case.also}
        got = [m.slug for m in index.search(Query(**case.query), now=conf.NOW).matches[:10]]
        dcg = sum((2 ** grades.get(s, 0) - 1) / math.log2(i + 2) for i, s in enumerate(got))
        ideal = sorted(grades.values(), reverse=True)[:10]
        idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        scores.append(dcg / idcg if idcg else 0.0)
        first_ok += bool(got) and got[0] in case.top
    return {"cases": len(scores), "ndcg_at_10": round(sum(scores) / len(scores), 4),
            "top1_accuracy": round(first_ok / len(scores), 4)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=Path, default=ROOT / "benchmarks" / "cases")
    ap.add_argument("--verbose", action="store_true", help="print each imperfect DEV case")
    ap.add_argument("--only", help="run only this file name (e.g. relevance_dev.jsonl)")
    args = ap.parse_args()
    files = sorted(args.cases.glob("relevance_*.jsonl"))
    if args.only:
        files = [f for f in files if f.name == args.only]
    parents = taxonomy_parents()
    with tempfile.TemporaryDirectory() as tmp:
        search, groups = build_app_search(Path(tmp))
        baseline = Fts5Baseline(groups)
        print(f"sample directory: {len(groups)} active groups")
        for path in files:
            verbose = args.verbose and "heldout" not in path.name
            report = run_file(path, search, baseline, parents, verbose)
            print(json.dumps(report))
    print(json.dumps({"ndcg_suite": ndcg_suite()}))


if __name__ == "__main__":
    main()
