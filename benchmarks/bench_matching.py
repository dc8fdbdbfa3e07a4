"""Speed benchmark of matching.Index against a naive loop and a real engine, in the same run.

Usage: python benchmarks/bench_matching.py [--sizes 1000,10000,100000] [--queries 240]
       [--workers 4] [--no-engine]

For each size: build a synthetic directory (realistic geography and text), build the index
(timed; memory: the RSS the build adds, its numpy arrays, and — up to 200,000 groups — what
tracemalloc sees), run five warm-up queries and then the fixed query mix (every query timed;
typo-lookup caches start cold), then:

* the real-engine baseline on the same directory and queries: SQLite FTS5 (BM25) + R*Tree
  (``fts5_engine.py``; its build timed too, every query timed);
* the naive baseline: a per-group geopy distance loop + rapidfuzz ``process.extract`` over
  every name and description + a Python sort (a sample of queries at large sizes);
* an incremental update: 1,000 groups changed (renamed, re-described, moved, re-scheduled)
  applied with ``Index.rebuilt`` (timed), and a query mix on the result;
* the memory per host, in a process of its own that does what gunicorn's master does: it
  builds the index over the same directory (malloc set for building, directory/memory.py),
  lets the directory go, warms up, maps the index from a file (matching/mapped.py) and
  forks ``--workers`` processes after ``gc.freeze()``; each runs the query mix, then the
  host's total PSS (master + workers, from /proc/<pid>/smaps_rollup) and each worker's
  private memory (USS) are read.

The last line is one JSON object for the largest size. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fts5_engine import Fts5Engine  # noqa: E402
from geopy.distance import great_circle  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402
from synthetic import make_directory, make_queries  # noqa: E402

from directory.memory import for_building, for_serving  # noqa: E402
from directory.taxonomy import TOPIC_LIST  # noqa: E402
from matching import GroupProfile, Index, Query, Taxonomy  # noqa: E402
from matching import weights as W  # noqa: E402
from matching.mapped import mapped  # noqa: E402

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


def trim_heap() -> None:
    """Give freed heap memory back to the system (glibc ``malloc_trim``; elsewhere nothing)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _rollup(pid: int) -> dict[str, float]:
    """Rss, Pss and private (USS) MB of one process."""
    out = {"rss": 0.0, "pss": 0.0, "uss": 0.0}
    with open(f"/proc/{pid}/smaps_rollup") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            kb = rest.split()[0] if rest.split() else "0"
            if key == "Rss":
                out["rss"] = int(kb) / 1024
            elif key == "Pss":
                out["pss"] = int(kb) / 1024
            elif key in ("Private_Clean", "Private_Dirty"):
                out["uss"] += int(kb) / 1024
    return out


def changed_groups(groups: list[GroupProfile], count: int, seed: int = 7) -> list[GroupProfile]:
    """``count`` existing groups edited as a source sync would: new name and description,
    a moved place, a meeting moved to another day."""
    rng = random.Random(seed)
    out = []
    for g in rng.sample(groups, min(count, len(groups))):
        lat = None if g.lat is None else g.lat + rng.uniform(-0.02, 0.02)
        meetings = tuple(replace(m, weekday=(m.weekday + 1) % 7) for m in g.meetings)
        out.append(replace(g, name=g.name + " Evening", description=(g.description or "")
                           + " Newly renamed after the spring sync.", lat=lat,
                           meetings=meetings, updated=(g.updated or NOW) + timedelta(days=1)))
    return out


def host_memory(index: Index, queries: list[Query], workers: int, disk: int
                ) -> dict[str, float]:
    """Fork ``workers`` processes that share the index (as gunicorn's preload does), run
    the query mix in each, and measure the host's memory (``disk``: the index file's)."""
    gc.collect()
    gc.freeze()  # objects built before the fork are not touched by the workers' collector
    r, w = os.pipe()
    go_r, go_w = os.pipe()
    pids = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker
            os.close(r)
            for_serving()  # as gunicorn's post_fork
            for q in queries:
                index.search(q, now=NOW)
            os.write(w, b"x")
            os.read(go_r, 1)  # measured; then the heap it keeps for reuse is given back
            trim_heap()
            os.write(w, b"t")
            time.sleep(600)  # measured again, then killed by the parent
            os._exit(0)
        pids.append(pid)
    os.close(w)
    for _ in range(workers):
        os.read(r, 1)
    master = _rollup(os.getpid())
    per = [_rollup(pid) for pid in pids]
    os.write(go_w, b"g" * workers)
    for _ in range(workers):
        os.read(r, 1)
    os.close(r)
    trimmed = [_rollup(pid) for pid in pids]
    for pid in pids:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    gc.unfreeze()
    return {
        "workers": workers,
        "index_file_mb": round(disk / 2**20, 1),
        "host_pss_mb": round(master["pss"] + sum(p["pss"] for p in per), 1),
        "master_rss_mb": round(master["rss"], 1),
        "worker_uss_mb_max": round(max(p["uss"] for p in per), 1),
        # What a worker holds once its freed query scratch is returned (malloc_trim): the
        # rest of worker_uss_mb is heap kept for the next query's temporaries.
        "worker_live_uss_mb_max": round(max(p["uss"] for p in trimmed), 1),
        "worker_rss_mb_max": round(max(p["rss"] for p in per), 1),
    }


def memory_of(n: int, n_queries: int, workers: int) -> dict[str, float]:
    """The host's memory for ``n`` groups served by ``workers`` (see ``run``)."""
    for_building()  # gunicorn.conf.py, before the app loads
    taxonomy = Taxonomy.from_topics(TOPIC_LIST)
    groups = make_directory(n)
    queries = make_queries(groups, n_queries)
    index = Index.build(groups, taxonomy)
    warm = make_queries(groups, 10, seed=99)[:5]
    del groups
    gc.collect()
    for q in warm:  # directory/warmup.py
        index.search(q, now=NOW)
    index, disk = mapped(index)
    gc.collect()
    trim_heap()
    return host_memory(index, queries, workers, disk)


def run(n: int, n_queries: int, baseline_sample: int, *, workers: int = 0,
        engine: bool = True) -> dict[str, float]:
    taxonomy = Taxonomy.from_topics(TOPIC_LIST)
    groups = make_directory(n)
    queries = make_queries(groups, n_queries)
    gc.collect()
    rss0 = _rss_mb()
    # malloc as gunicorn's master builds and its workers search (directory/memory.py).
    for_building()
    t0 = time.perf_counter()
    index = Index.build(groups, taxonomy)
    build_s = time.perf_counter() - t0
    for_serving()
    gc.collect()
    index_rss_mb = _rss_mb() - rss0
    arrays_mb = index.nbytes() / 2**20

    traced_mb = None
    if n <= 200_000:
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        traced = Index.build(groups, taxonomy)
        traced_mb = (tracemalloc.get_traced_memory()[0] - before) / 2**20
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

    # Incremental update of 1,000 changed groups (a source sync), then the mix again.
    changed = changed_groups(groups, 1000)
    t = time.perf_counter()
    updated = index.rebuilt(upserts=changed)
    update_s = time.perf_counter() - t
    upd_ms: list[float] = []
    for q in queries:
        t = time.perf_counter()
        updated.search(q, now=NOW)
        upd_ms.append((time.perf_counter() - t) * 1000)
    del updated
    gc.collect()

    eng: dict[str, float] = {}
    if engine:
        family = {c: (*taxonomy.expand([c]), *((p,) if (p := taxonomy.parents.get(c)) else ()))
                  for c in taxonomy.codes}
        t = time.perf_counter()
        fts = Fts5Engine(groups)
        eng_build = time.perf_counter() - t
        fts_ms: list[float] = []
        for q in make_queries(groups, 10, seed=99)[:5]:
            fts.search(q, family)
        for q in queries:
            t = time.perf_counter()
            fts.search(q, family)
            fts_ms.append((time.perf_counter() - t) * 1000)
        del fts
        gc.collect()
        eng = {"fts5_p50_ms": round(statistics.median(fts_ms), 3),
               "fts5_p95_ms": round(percentile(fts_ms, 0.95), 3),
               "fts5_build_s": round(eng_build, 2)}

    texts = [s for g in groups for s in (g.name, g.description)]
    step = max(1, len(queries) // baseline_sample)
    sample = queries[::step][:baseline_sample]
    base_ms: list[float] = []
    for q in sample:
        t = time.perf_counter()
        naive_search(groups, texts, q)
        base_ms.append((time.perf_counter() - t) * 1000)

    # Memory per host in a process of its own that does what gunicorn's master does and no
    # more: the directory (the same one) stands in for the database's rows; it builds the
    # index, lets the rows go, runs a few warm-up searches, maps the index from a file and
    # forks. (Measured here, after the baselines' work, this process's heap holes would
    # be what the workers' scratch spreads into: not a server's.)
    memory: dict[str, float] = {}
    if workers:
        del groups, texts, changed
        gc.collect()
        trim_heap()
        out = subprocess.run([sys.executable, __file__, "--memory-of", str(n), "--queries",
                              str(n_queries), "--workers", str(workers)],
                             capture_output=True, text=True, check=True)
        memory = json.loads(out.stdout.splitlines()[-1])

    p50 = statistics.median(times_ms)
    base_p50 = statistics.median(base_ms)
    out: dict[str, float] = {
        "n": n,
        "queries": len(queries),
        "p50_ms": round(p50, 3),
        "p95_ms": round(percentile(times_ms, 0.95), 3),
        "max_ms": round(max(times_ms), 3),
        "baseline_queries": len(sample),
        "baseline_p50_ms": round(base_p50, 1),
        "speedup": round(base_p50 / p50, 1),
        "build_s": round(build_s, 2),
        "index_rss_mb": round(index_rss_mb, 1),
        "arrays_mb": round(arrays_mb, 1),
        "profiles_mb": round(index.store.nbytes() / 2**20, 1),
        "update_1000_s": round(update_s, 3),
        "updated_p50_ms": round(statistics.median(upd_ms), 3),
        "median_total": statistics.median(totals),
        **eng,
        **memory,
    }
    if traced_mb is not None:
        out["index_mb"] = round(traced_mb, 1)
    if eng:
        out["vs_fts5_p50"] = round(eng["fts5_p50_ms"] / p50, 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--workers", type=int, default=4,
                        help="forked processes sharing the index for the memory reading "
                             "(0: skip)")
    parser.add_argument("--no-engine", action="store_true",
                        help="skip the SQLite FTS5 + R*Tree baseline")
    parser.add_argument("--memory-of", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        print(json.dumps(memory_of(args.memory_of, args.queries, args.workers)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    last: dict[str, float] = {}
    for n in sizes:
        sample = 60 if n <= 1000 else 30 if n <= 10000 else 12 if n <= 100_000 else 4
        last = run(n, args.queries, sample, workers=args.workers, engine=not args.no_engine)
        line = (f"n={n:>7}: p50 {last['p50_ms']:.2f} ms, p95 {last['p95_ms']:.2f} ms, "
                f"max {last['max_ms']:.1f} ms | naive p50 {last['baseline_p50_ms']:.0f} ms "
                f"({last['baseline_queries']} queries, {last['speedup']:.0f}x)")
        if "fts5_p50_ms" in last:
            line += (f" | FTS5+R*Tree p50 {last['fts5_p50_ms']:.2f} ms, p95 "
                     f"{last['fts5_p95_ms']:.1f} ms ({last['vs_fts5_p50']:.1f}x), build "
                     f"{last['fts5_build_s']:.1f} s")
        line += (f" | build {last['build_s']:.2f} s | index +{last['index_rss_mb']:.0f} MB RSS"
                 f" ({last['arrays_mb']:.0f} MB arrays"
                 + (f", {last['index_mb']:.0f} MB traced)" if "index_mb" in last else ")")
                 + f" | update 1,000 groups {last['update_1000_s']:.2f} s")
        if "host_pss_mb" in last:
            line += (f" | index file {last['index_file_mb']:.0f} MB mapped, "
                     f"{last['workers']} workers: host PSS {last['host_pss_mb']:.0f} MB "
                     f"(master RSS {last['master_rss_mb']:.0f} MB), worker private max "
                     f"{last['worker_uss_mb_max']:.0f} MB "
                     f"({last['worker_live_uss_mb_max']:.0f} MB once its freed scratch is "
                     "returned)")
        print(line, flush=True)
    keys = ("n", "p50_ms", "p95_ms", "baseline_p50_ms", "speedup", "fts5_p50_ms", "fts5_p95_ms",
            "vs_fts5_p50", "build_s", "index_rss_mb", "arrays_mb", "profiles_mb", "index_mb",
            "update_1000_s",
            "workers", "index_file_mb", "host_pss_mb", "master_rss_mb", "worker_uss_mb_max",
            "worker_live_uss_mb_max")
    print(json.dumps({k: last[k] for k in keys if k in last}))


if __name__ == "__main__":
    main()
