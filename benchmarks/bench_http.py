"""HTTP benchmark: gunicorn (2 sync workers) over a 10,000-group directory, loaded from
client processes on 127.0.0.1 for a bounded time. Reports requests/s and p50/p99 for
/healthz (the baseline: no database work beyond one query), a typical search and a group
page, and each one's ratio to /healthz measured in the same run.

Usage: python benchmarks/bench_http.py [--groups 10000] [--seconds 10] [--concurrency 8]
       [--database-url sqlite:///…|postgresql://…]
Last line: {"healthz_rps", "search_rps", "group_rps", "search_ratio", "search_p99_ms", "errors"}.
This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
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
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
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
            results = {}
            for label, paths in (("healthz", ["/healthz"]), ("search", SEARCHES),
                                 ("group", groups)):
                stats = load(port, [(label, p) for p in paths], duration=args.seconds,
                             concurrency=args.concurrency)[label]
                results[label] = stats
                print(f"{label:8s} {stats['rps']:8.1f} req/s  p50 {stats['p50_ms']:7.1f} ms  "
                      f"p99 {stats['p99_ms']:7.1f} ms  5xx {stats['errors_5xx']}")
    base = results["healthz"]["rps"] or 1
    print(f"ratio to /healthz: search {results['search']['rps'] / base:.1%}, "
          f"group page {results['group']['rps'] / base:.1%}")
    print_json_last({
        "healthz_rps": results["healthz"]["rps"],
        "search_rps": results["search"]["rps"],
        "group_rps": results["group"]["rps"],
        "search_ratio": round(results["search"]["rps"] / base, 3),
        "group_ratio": round(results["group"]["rps"] / base, 3),
        "search_p99_ms": results["search"]["p99_ms"],
        "errors": sum(r["errors_5xx"] for r in results.values()),
    })


if __name__ == "__main__":
    main()
