"""Benchmark the offline place resolver: gazetteer load time and memory, lookup latencies.

Run: ``python benchmarks/bench_places.py [--repeat N]``. Not a timed test. Each figure is
printed with its target from issue #4, and latencies also as a ratio against a baseline
measured in the same run (normalising the same text, the floor of any lookup). The last
line is one JSON object with every number.

Targets: load ≤ 1.5 s and ≤ 120 MB per process, exact lookup p50 ≤ 0.1 ms, fuzzy p50 ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOAD_PROBE = r"""
import json, resource, time

def rss_mb():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

base = rss_mb()
t0 = time.perf_counter()
import places
t1 = time.perf_counter()
imported = rss_mb()
c1 = time.process_time()
places.get_gazetteer()
t2 = time.perf_counter()
c2 = time.process_time()
loaded = rss_mb()
print(json.dumps({
    "import_s": t1 - t0, "load_s": t2 - t1, "load_cpu_s": c2 - c1, "total_s": t2 - t0,
    "rss_start_mb": base, "rss_imported_mb": imported, "rss_loaded_mb": loaded,
}))
"""

EXACT = ["Portland, OR", "97214"]
FUZZY = ["Portlnd", "Seatle"]


def measure_load(runs: int) -> dict[str, float]:
    """Load in fresh interpreters; report the median run."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_PROBE],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    results.sort(key=lambda r: r["total_s"])
    return results[len(results) // 2]


def p50_ms(fn, texts: list[str], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        for text in texts:
            t0 = time.perf_counter()
            fn(text)
            timings.append(time.perf_counter() - t0)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--load-runs", type=int, default=3)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import numpy as np
    from geopy.distance import great_circle

    import places

    load = measure_load(args.load_runs)
    places.get_gazetteer()  # warm, as a worker is after its first request

    for text in EXACT + FUZZY:  # the answers being timed
        resolution = places.resolve_place(text)
        label = resolution.place.label if resolution.place else None
        print(f"  {text!r:16} -> {label} (approximate={resolution.place.approximate})")

    baseline = p50_ms(places.normalise_name, EXACT + FUZZY, args.repeat)
    exact = p50_ms(places.resolve_place, EXACT, args.repeat)
    fuzzy = p50_ms(places.resolve_place, FUZZY, args.repeat)
    per_text = {t: p50_ms(places.resolve_place, [t], args.repeat) for t in EXACT + FUZZY}

    # Distances: the vectorised haversine against geopy's great_circle over 10 000 points.
    rng = np.random.default_rng(1)
    lats, lons = rng.uniform(-60, 60, 10_000), rng.uniform(-180, 180, 10_000)
    t0 = time.perf_counter()
    geopy_km = [great_circle((45.5, -122.7), (a, b)).km for a, b in zip(lats, lons, strict=True)]
    geopy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(10):
        vector_km = places.haversine_km_many(45.5, -122.7, lats, lons)
    vector_s = (time.perf_counter() - t0) / 10
    max_rel_err = float(np.max(np.abs(vector_km - geopy_km) / np.maximum(geopy_km, 1e-9)))

    # Wall times stretch on a busy machine; CPU time and the load average show how much.
    loadavg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rss_delta = load["rss_loaded_mb"] - load["rss_imported_mb"]
    rss_total = load["rss_loaded_mb"]
    rows = [
        ("gazetteer load (fresh process)", f"{load['load_s']:.3f} s", "≤ 1.5 s"),
        ("  of which CPU time", f"{load['load_cpu_s']:.3f} s", f"load average {loadavg:.1f}"),
        ("import + load", f"{load['total_s']:.3f} s", ""),
        ("RSS added by the gazetteer", f"{rss_delta:.1f} MB", "≤ 120 MB"),
        ("RSS of the process after load", f"{rss_total:.1f} MB", ""),
        ("baseline: normalise_name p50", f"{baseline:.4f} ms", ""),
        ("exact lookup p50", f"{exact:.4f} ms ({exact / baseline:.0f}× baseline)", "≤ 0.1 ms"),
        ("fuzzy lookup p50", f"{fuzzy:.4f} ms ({fuzzy / baseline:.0f}× baseline)", "≤ 5 ms"),
        (
            "haversine_km_many, 10k points",
            f"{vector_s * 1000:.3f} ms ({geopy_s / vector_s:.0f}× faster than geopy)",
            f"max error {max_rel_err:.2e}",
        ),
    ]
    for name, value, target in rows:
        print(f"{name:34} {value:42} {target}")
    print(
        json.dumps(
            {
                "load_s": round(load["load_s"], 4),
                "load_cpu_s": round(load["load_cpu_s"], 4),
                "load_average_1min": round(loadavg, 2),
                "import_and_load_s": round(load["total_s"], 4),
                "rss_delta_mb": round(rss_delta, 1),
                "rss_total_mb": round(rss_total, 1),
                "baseline_normalise_p50_ms": round(baseline, 5),
                "exact_p50_ms": round(exact, 5),
                "fuzzy_p50_ms": round(fuzzy, 5),
                "p50_ms_by_text": {k: round(v, 5) for k, v in per_text.items()},
                "haversine_10k_ms": round(vector_s * 1000, 4),
                "haversine_vs_geopy_speedup": round(geopy_s / vector_s, 1),
                "haversine_max_rel_error": max_rel_err,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
