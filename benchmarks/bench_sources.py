"""Data-source sync speed: a synthetic Meeting Guide feed (50,000 meetings by default).

Steps, each timed against a baseline of parsing the same JSON with the standard library
alone (`json.loads`) in the same run:
  parse          the Meeting Guide reader alone (lenient, skip_invalid)
  first sync     fetch (a file) + parse + write every listing through the listing writer
  not modified   re-sync of the untouched file (the conditional fetch says 304-equivalent)
  same body      forced re-sync of the same body (parse + hash compare; nothing written)
  1 % changed    re-sync with 1 % of the meetings renamed
Then searches during a sync: the p50 of searches while a second source (a fifth of the
size) syncs in another process, against the p50 of the same searches idle, as a ratio.
On SQLite (WAL, as the app runs it) in a temporary file, no geocoder (the feed gives
coordinates and zones).
The last line is JSON.

    .venv/bin/python benchmarks/bench_sources.py [--meetings 50000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import multiprocessing  # noqa: E402
import statistics  # noqa: E402

from sqlmodel import Session, SQLModel  # noqa: E402

from directory.db import make_engine, write_engine  # noqa: E402
from directory.formats.meeting_guide import parse_feed  # noqa: E402
from directory.listings.store import NO_GEOCODER  # noqa: E402
from directory.search.index_cache import IndexCache  # noqa: E402
from directory.search.params import parse_search_params  # noqa: E402
from directory.search.service import search_groups  # noqa: E402
from directory.sources.registry import add_source  # noqa: E402
from directory.sources.sync import sync_source  # noqa: E402

CITIES = [("Chicago", "IL", 41.88, -87.63, "America/Chicago"),
          ("Denver", "CO", 39.74, -104.99, "America/Denver"),
          ("Portland", "OR", 45.52, -122.68, "America/Los_Angeles"),
          ("Boston", "MA", 42.36, -71.06, "America/New_York")]
TYPES = [["O", "D"], ["C", "BB"], ["W", "ST"], ["O", "SP", "X"], ["C", "ONL"]]


def synthetic_feed(n: int, *, renamed: int = 0, prefix: str = "m") -> list[dict]:
    """`n` meetings, two per group; the first `renamed` of them with a new name."""
    feed = []
    for i in range(n):
        city, state, lat, lon, zone = CITIES[i % len(CITIES)]
        entry = {
            "name": f"Meeting {i}" + (" (renamed)" if i < renamed else ""),
            "slug": f"{prefix}-{i}",
            "group": f"Synthetic Group {prefix} {i // 2}",
            "day": i % 7,
            "time": f"{7 + i % 14:02d}:{(i % 4) * 15:02d}",
            "timezone": zone,
            "types": TYPES[i % len(TYPES)],
            "notes": "Fictional benchmark data.",
            "updated": "2026-10-01 12:00:00",
        }
        if i % 5 == 4:
            entry.update(attendance_option="online",
                         conference_url=f"https://meet.example.org/{prefix}-{i}")
        else:
            entry.update(location=f"Hall {i // 2}", address=f"{i // 2 % 9000 + 1} Main Street",
                         city=city, state=state, country="US",
                         latitude=round(lat + (i % 100) / 1000, 5),
                         longitude=round(lon - (i % 100) / 1000, 5))
        feed.append(entry)
    return feed


SEARCHES = [{"q": ["alcohol"]}, {"q": ["big book"], "day": ["mon"]},
            {"format": ["online"]}, {"q": ["step study"], "time": ["evening"]},
            {"lat": ["41.9"], "lon": ["-87.6"], "radius": ["10"]}]


def one_search(engine, cache: IndexCache, i: int, now: datetime) -> float:
    """Seconds for one search (its own session, as a request has)."""
    start = time.perf_counter()
    with Session(engine) as session:
        params = parse_search_params(SEARCHES[i % len(SEARCHES)])
        search_groups(session, params=params, now=now, index_cache=cache)
    return time.perf_counter() - start


def sync_elsewhere(url: str, name: str, now: datetime) -> None:
    """Sync one source in this (separate) process, as `flask sources sync` from cron does."""
    from directory.sources.registry import get_source

    engine = write_engine(make_engine(url))
    with Session(engine) as session:
        source = get_source(session, name)
        report = sync_source(session, source, now=now, geocoder=NO_GEOCODER)
        assert report.outcome == "ok", report.message


def searches_during_sync(url: str, engine, folder: Path, n: int, now: datetime
                         ) -> tuple[list[float], list[float]]:
    """(idle search times, search times while another source syncs in another process);
    a search that fails raises (none may)."""
    path = folder / "second.json"
    path.write_text(json.dumps(synthetic_feed(n, prefix="s")), encoding="utf-8")
    with Session(write_engine(engine)) as session:
        add_source(session, now=now, name="second", location=str(path),
                   fmt="meeting-guide", topic="alcohol")
        session.commit()
    cache = IndexCache(engine=engine)
    with Session(engine) as session:
        cache.warm(session)
    idle = [one_search(engine, cache, i, now) for i in range(60)]
    process = multiprocessing.get_context("spawn").Process(
        target=sync_elsewhere, args=(url, "second", now))
    process.start()
    during: list[float] = []
    i = 0
    while process.is_alive():
        during.append(one_search(engine, cache, i, now))
        i += 1
    process.join()
    assert process.exitcode == 0, process.exitcode
    return idle, during or [0.0]


CPU: dict[str, float] = {}  # process CPU seconds per step: steadier than wall time on a
                           # shared, loaded machine


def timed(fn, name: str = ""):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    if name:
        CPU[name] = time.process_time() - cpu
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=50_000)
    args = parser.parse_args()
    n = args.meetings
    folder = Path(tempfile.mkdtemp(prefix="bench-sources-"))
    feed_path = folder / "feed.json"
    body = json.dumps(synthetic_feed(n))
    feed_path.write_text(body, encoding="utf-8")

    _, baseline = timed(lambda: json.loads(body), "baseline")
    (listings, errors), parse_s = timed(lambda: parse_feed(
        body, filename="feed.json", topic="alcohol", skip_invalid=True), "parse")
    assert not errors, errors[:3]

    url = f"sqlite:///{folder / 'bench.db'}"
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    steps: dict[str, float] = {}
    with Session(write_engine(engine)) as session:
        source = add_source(session, now=now, name="bench", location=str(feed_path),
                            fmt="meeting-guide", topic="alcohol")
        session.commit()
        report, steps["first_sync"] = timed(lambda: sync_source(
            session, source, now=now, geocoder=NO_GEOCODER), "first_sync")
        assert report.outcome == "ok" and report.added == len(listings), report.message
        report, steps["not_modified"] = timed(lambda: sync_source(
            session, source, now=now + timedelta(hours=1), geocoder=NO_GEOCODER),
            "not_modified")
        assert report.outcome == "not-modified"
        report, steps["same_body"] = timed(lambda: sync_source(
            session, source, now=now + timedelta(hours=2), geocoder=NO_GEOCODER, force=True),
            "same_body")
        assert report.outcome == "ok" and report.changed == 0 and report.added == 0
        feed_path.write_text(json.dumps(synthetic_feed(n, renamed=n // 100)), encoding="utf-8")
        report, steps["one_percent_changed"] = timed(lambda: sync_source(
            session, source, now=now + timedelta(hours=3), geocoder=NO_GEOCODER),
            "one_percent_changed")
        assert report.outcome == "ok" and report.changed == n // 100 // 2, (
            report.changed, report.message)
    idle, during = searches_during_sync(url, engine, folder, max(n // 5, 100),
                                        now + timedelta(hours=4))
    idle_p50, during_p50, during_count = statistics.median(idle), statistics.median(during), \
        len(during)
    during_p95 = statistics.quantiles(during, n=20)[-1] if len(during) > 1 else during[0]
    idle_p95 = statistics.quantiles(idle, n=20)[-1]

    print(f"{n} meetings in {len(listings)} listings, {len(body) / 1e6:.1f} MB")
    print(f"baseline json.loads   {baseline:8.3f} s  (CPU {CPU['baseline']:.3f} s)")
    print(f"parse                 {parse_s:8.3f} s  {n / parse_s:9.0f} entries/s  "
          f"{parse_s / baseline:6.1f}x baseline  (CPU {n / CPU['parse']:.0f} entries/s)")
    first = steps["first_sync"]
    for name, seconds in steps.items():
        print(f"{name:<21} {seconds:8.3f} s  {n / seconds:9.0f} entries/s  "
              f"{seconds / baseline:6.1f}x baseline  {100 * seconds / first:5.1f} % of first  "
              f"(CPU {CPU[name]:.2f} s)")
    print(f"search p50 idle {1000 * idle_p50:.1f} ms, during a sync {1000 * during_p50:.1f} ms "
          f"({during_count} searches): {during_p50 / idle_p50:.2f}x idle; p95 "
          f"{1000 * idle_p95:.1f} ms idle, {1000 * during_p95:.1f} ms during; slowest during "
          f"{1000 * max(during):.1f} ms")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs "
          "(a shared machine: compare CPU figures and ratios, not wall times, across runs)")
    print(json.dumps({
        "meetings": n, "listings": len(listings), "baseline_json_loads_s": round(baseline, 3),
        "parse_s": round(parse_s, 3),
        **{f"{k}_s": round(v, 3) for k, v in steps.items()},
        "first_sync_entries_per_s": round(n / first),
        "first_sync_cpu_entries_per_s": round(n / CPU["first_sync"]),
        "same_body_cpu_pct_of_first": round(100 * CPU["same_body"] / CPU["first_sync"], 1),
        "same_body_pct_of_first": round(100 * steps["same_body"] / first, 1),
        "not_modified_pct_of_first": round(100 * steps["not_modified"] / first, 2),
        "one_percent_changed_pct_of_first": round(100 * steps["one_percent_changed"] / first,
                                                  1),
        "search_p50_idle_ms": round(1000 * idle_p50, 2),
        "search_p50_during_sync_ms": round(1000 * during_p50, 2),
        "searches_during_sync": during_count,
        "search_during_sync_ratio": round(during_p50 / idle_p50, 2),
        "search_p95_idle_ms": round(1000 * idle_p95, 2),
        "search_p95_during_sync_ms": round(1000 * during_p95, 2),
        "search_max_during_sync_ms": round(1000 * max(during), 2),
        "load_average_1m": round(load[0], 2), "cpus": os.cpu_count(),
        "parse_cpu_entries_per_s": round(n / CPU["parse"]),
    }))


if __name__ == "__main__":
    main()
