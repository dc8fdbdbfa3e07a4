"""Speed benchmark of matching.Index against a naive baseline, measured in the same run.

Usage: python benchmarks/bench_matching.py [--sizes 1000,10000,100000] [--queries 240]

For each size: build a synthetic directory (realistic geography and text), build the index
(timed; memory of its arrays and dicts measured with tracemalloc), run five warm-up queries
and then the fixed query mix (every query timed; typo-lookup caches start cold), and time a
naive baseline on the same queries: a per-group geopy distance loop + rapidfuzz
``process.extract`` over every name and description + a Python sort (a sample of queries at
large sizes). The last line is one JSON object for the largest size.
This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geopy.distance import great_circle  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402
from synthetic import make_directory, make_queries  # noqa: E402

from directory.taxonomy import TOPIC_LIST  # noqa: E402
from matching import GroupProfile, Index, Query, Taxonomy  # noqa: E402
from matching import weights as W  # noqa: E402

NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)


def naive_search(groups: list[GroupProfile], texts: list[str], q: Query) -> list[int]:
    """What a straightforward implementation would do per query."""
    radius = q.radius_km or W.DEFAULT_RADIUS_KM
    scored: list[tuple[float, int]] = []
    text_scores: dict[int, float] = {}
    if q.text:
        for _choice, score, idx in process.extract(q.text, texts, scorer=fuzz.WRatio,
                                                   limit=None):
            gi = idx // 2
            text_scores[gi] = max(text_scores.get(gi, 0.0), score / 100.0)
    for i, g in enumerate(groups):
        if q.topics and not set(q.topics) & set(g.topics):
            continue
        if q.formats and g.format not in q.formats:
            continue
        dist_score = 1.0
        if q.lat is not None and g.lat is not None:
            d = great_circle((q.lat, q.lon), (g.lat, g.lon)).km
            if d > radius:
                continue
            dist_score = 1.0 - d / radius
        scored.append((text_scores.get(i, 0.0) + dist_score, i))
    scored.sort(key=lambda t: (-t[0], groups[t[1]].id))
    return [groups[i].id for _, i in scored[:20]]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run(n: int, n_queries: int, baseline_sample: int) -> dict[str, float]:
    taxonomy = Taxonomy.from_topics(TOPIC_LIST)
    groups = make_directory(n)
    queries = make_queries(groups, n_queries)
    gc.collect()
    t0 = time.perf_counter()
    index = Index.build(groups, taxonomy)
    build_s = time.perf_counter() - t0

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    traced = Index.build(groups, taxonomy)
    index_mb = (tracemalloc.get_traced_memory()[0] - before) / 2**20
    tracemalloc.stop()
    del traced
    gc.collect()

    # A server answers many searches per index; a handful of unrelated warm-up queries
    # (a different seed) load time zones and first-use numpy paths before timing.
    for q in make_queries(groups, 10, seed=99)[:5]:
        index.search(q, now=NOW)
    times_ms: list[float] = []
    totals: list[int] = []
    for q in queries:
        t = time.perf_counter()
        result = index.search(q, now=NOW)
        times_ms.append((time.perf_counter() - t) * 1000)
        totals.append(result.total)

    texts = [s for g in groups for s in (g.name, g.description)]
    step = max(1, len(queries) // baseline_sample)
    sample = queries[::step][:baseline_sample]
    base_ms: list[float] = []
    for q in sample:
        t = time.perf_counter()
        naive_search(groups, texts, q)
        base_ms.append((time.perf_counter() - t) * 1000)

    p50 = statistics.median(times_ms)
    base_p50 = statistics.median(base_ms)
    return {
        "n": n,
        "queries": len(queries),
        "p50_ms": round(p50, 3),
        "p95_ms": round(percentile(times_ms, 0.95), 3),
        "max_ms": round(max(times_ms), 3),
        "baseline_queries": len(sample),
        "baseline_p50_ms": round(base_p50, 1),
        "speedup": round(base_p50 / p50, 1),
        "build_s": round(build_s, 2),
        "index_mb": round(index_mb, 1),
        "median_total": statistics.median(totals),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=240)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    last: dict[str, float] = {}
    for n in sizes:
        sample = 60 if n <= 1000 else 30 if n <= 10000 else 12
        last = run(n, args.queries, sample)
        print(f"n={n:>7}: p50 {last['p50_ms']:.2f} ms, p95 {last['p95_ms']:.2f} ms, "
              f"max {last['max_ms']:.1f} ms | baseline p50 {last['baseline_p50_ms']:.0f} ms "
              f"({last['baseline_queries']} queries) | speedup {last['speedup']:.0f}x | "
              f"build {last['build_s']:.2f} s | index {last['index_mb']:.1f} MB", flush=True)
    keys = ("n", "p50_ms", "p95_ms", "baseline_p50_ms", "speedup", "build_s", "index_mb")
    print(json.dumps({k: last[k] for k in keys}))


if __name__ == "__main__":
    main()
