"""HTTP benchmark: gunicorn (2 workers, as gunicorn.conf.py runs them: WEB_THREADS threads
each, 1 for sync workers) over a 10,000-group directory, loaded from
client processes on 127.0.0.1 for a bounded time. Reports requests/s and p50/p99 for
/healthz (the baseline: no database work beyond one query), a typical search and a group
page, and each one's ratio to /healthz measured in the same run.

Each label also reports the server's CPU ms per request (master and workers, from /proc):
on a shared machine the neighbours' load moves requests/s far more than it moves CPU per
request. With --runs N the three loads are measured N times in turn and the medians given.

Usage: python benchmarks/bench_http.py [--groups 10000] [--seconds 10] [--concurrency 8]
       [--runs 1] [--database-url sqlite:///…|postgresql://…]
Last line: {"healthz_rps", "search_rps", "group_rps", "search_ratio", "search_p99_ms",
"search_cpu_ratio", "errors", …} (medians over the runs). This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadtools import (  # noqa: E402
    SEARCHES,
    get,
    gunicorn,
    load,
    load_directory,
    print_json_last,
    reset_postgres,
    server_cpu_seconds,
    server_memory_mb,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        if url.startswith("postgres"):
            reset_postgres(url)
        seconds = load_directory(url, args.groups)
        print(f"loaded {args.groups} groups into {url.split(':')[0]} in {seconds:.1f} s")
        with gunicorn(url, workers=2) as port:
            slugs = []
            for path in ("/api/v1/groups?per_page=50&near=Portland%2C+OR",
                         "/api/v1/groups?per_page=50&near=London"):
                slugs += [r["group"]["slug"] for r in json.loads(get(port, path)[1])["results"]]
            groups = [f"/groups/{slug}" for slug in slugs]
            for path in SEARCHES + groups[:5] + ["/healthz"]:  # warm both workers
                get(port, path)
                get(port, path)
            runs = []
            for run in range(max(1, args.runs)):
                results = {}
                for label, paths in (("healthz", ["/healthz"]), ("search", SEARCHES),
                                     ("group", groups)):
                    cpu = server_cpu_seconds(port)
                    stats = load(port, [(label, p) for p in paths], duration=args.seconds,
                                 concurrency=args.concurrency)[label]
                    stats["cpu_ms"] = ((server_cpu_seconds(port) - cpu) * 1000
                                       / max(1, stats["requests"]))
                    results[label] = stats
                    print(f"{label:8s} {stats['rps']:8.1f} req/s  p50 {stats['p50_ms']:7.1f} ms  "
                          f"p99 {stats['p99_ms']:7.1f} ms  {stats['cpu_ms']:5.2f} CPU ms/req  "
                          f"5xx {stats['errors_5xx']}", flush=True)
                base = results["healthz"]["rps"] or 1
                cpu = results["healthz"]["cpu_ms"] / (results["search"]["cpu_ms"] or 1)
                print(f"run {run + 1}: ratio to /healthz: search "
                      f"{results['search']['rps'] / base:.1%}, group page "
                      f"{results['group']['rps'] / base:.1%}; CPU per request /healthz ÷ "
                      f"search {cpu:.1%}", flush=True)
                runs.append(results)
            memory = server_memory_mb(port)  # after the loads: what serving them left
            print(f"memory: host PSS {memory['host_pss_mb']:.0f} MB, private per process "
                  f"{memory['uss_mb']} MB", flush=True)

    def median(label: str, key: str) -> float:
        return round(statistics.median(r[label][key] for r in runs), 2)

    def ratio(label: str) -> float:
        return round(statistics.median(r[label]["rps"] / (r["healthz"]["rps"] or 1)
                                       for r in runs), 3)

    def cpu_ratio(label: str) -> float:
        return round(statistics.median(r["healthz"]["cpu_ms"] / (r[label]["cpu_ms"] or 1)
                                       for r in runs), 3)

    print_json_last({
        "runs": len(runs),
        **memory,
        "healthz_rps": median("healthz", "rps"),
        "search_rps": median("search", "rps"),
        "group_rps": median("group", "rps"),
        "search_ratio": ratio("search"),
        "group_ratio": ratio("group"),
        "search_ratios": [round(r["search"]["rps"] / (r["healthz"]["rps"] or 1), 3)
                          for r in runs],
        "search_p50_ms": median("search", "p50_ms"),
        "search_p99_ms": median("search", "p99_ms"),
        "healthz_cpu_ms": median("healthz", "cpu_ms"),
        "search_cpu_ms": median("search", "cpu_ms"),
        "group_cpu_ms": median("group", "cpu_ms"),
        "search_cpu_ratio": cpu_ratio("search"),
        "errors": sum(r[label]["errors_5xx"] for r in runs for label in r),
    })

if __name__ == "__main__":
    main()
