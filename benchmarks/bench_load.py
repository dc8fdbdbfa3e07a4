"""Load benchmark: gunicorn (2 workers) over PostgreSQL with 50,000 groups, a realistic mix
(70 % searches, 20 % group pages, 5 % API, 5 % submissions and reports) at rising
concurrency, loopback only, bounded in time, while a data source syncs in another process
during each level (a Meeting Guide feed whose re-sync changes some of its groups, so the
catalog version moves and every worker refreshes its index under load). Afterwards it
checks that every submission the server accepted is in the database.

Each level reports the server's CPU ms per request (master and workers, from /proc) and the
load client's own (its processes share the machine's cores with the server).

Usage: python benchmarks/bench_load.py [--groups 50000] [--seconds 8]
       [--levels 2,4,8,16] [--database-url postgresql://postgres@127.0.0.1:5432/circles_bench]
       [--sync-meetings 1000 (0: no sync)]
The database named is dropped and refilled. Last line, one JSON object:
{"rps", "search_p99_ms", "errors_5xx", "lost_submissions", …}. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadtools import (  # noqa: E402
    SEARCHES,
    get,
    gunicorn,
    load_directory,
    print_json_last,
    server_cpu_seconds,
    summarise,
)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/circles_bench"
APIS = ["/api/v1/groups?topic=grief&near=London", "/api/v1/groups?q=anxiety&per_page=50",
        "/api/v1/topics"]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
NONCE = re.compile(r'name="form_nonce" value="([^"]+)"')


def ensure_database(url: str) -> None:
    """Create the scratch database if it does not exist, then empty it."""
    from loadtools import reset_postgres
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    reset_postgres(url)


def _cookie(response: http.client.HTTPResponse) -> str:
    return "; ".join(v.split(";", 1)[0] for k, v in response.getheaders()
                     if k.lower() == "set-cookie")


def _submit(port: int, marker: str, n: int) -> tuple[int, str | None]:
    """GET the form, then POST a listing with its CSRF token; returns (status, name)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/submit")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = _cookie(response)
    finally:
        connection.close()
    token, nonce = TOKEN.search(html), NONCE.search(html)
    if not token:
        return 599, None
    name = f"Load Test Circle {marker} {n}"
    form = {
        "csrf_token": token.group(1), "form_nonce": nonce.group(1) if nonce else "",
        "group_name": name, "description": "A circle created by the load benchmark.",
        "topics": "grief", "format": "online", "cost": "free", "languages": "en",
        "accepting_new_members": "yes", "registration_required": "no",
        "owner_email": "load@example.org", "m-0-weekday": "mon", "m-0-start_time": "19:00",
        "m-0-timezone": "America/Chicago", "m-0-recurrence": "weekly",
        "m-0-online_url": "https://meet.example.org/load", "action": "submit_anyway",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", "/submit", body=urlencode(form), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status, (name if response.status in (302, 303) else None)
    finally:
        connection.close()


def _report(port: int, slug: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", f"/groups/{slug}/report")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = _cookie(response)
    finally:
        connection.close()
    token = TOKEN.search(html)
    if not token:
        return 599
    body = urlencode({"csrf_token": token.group(1), "kind": "wrong-time",
                      "details": "Load benchmark report."})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", f"/groups/{slug}/report", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _worker(port, slugs, duration, threads, seed, marker, queue) -> None:
    import threading

    samples, accepted, lock = [], [], threading.Lock()
    stop_at = time.perf_counter() + duration

    def run(k: int) -> None:
        rng = random.Random(seed * 100 + k)
        local, names, n = [], [], 0
        while time.perf_counter() < stop_at:
            roll = rng.random()
            start = time.perf_counter()
            try:
                if roll < 0.70:
                    label, status = "search", get(port, rng.choice(SEARCHES))[0]
                elif roll < 0.90:
                    label, status = "group", get(port, f"/groups/{rng.choice(slugs)}")[0]
                elif roll < 0.95:
                    label, status = "api", get(port, rng.choice(APIS))[0]
                elif roll < 0.975:
                    n += 1
                    label = "submit"
                    status, name = _submit(port, f"{marker}-{seed}-{k}", n)
                    if name:
                        names.append(name)
                else:
                    label, status = "report", _report(port, rng.choice(slugs))
            except OSError:
                status = 599
            local.append((label, status, (time.perf_counter() - start) * 1000))
        with lock:
            samples.extend(local)
            accepted.extend(names)

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    queue.put((samples, accepted, time.process_time()))


def run_level(port, slugs, concurrency, duration, marker):
    queue: multiprocessing.Queue = multiprocessing.Queue()
    processes = 2
    workers = [multiprocessing.Process(target=_worker, args=(
        port, slugs, duration, max(1, concurrency // processes), concurrency * 10 + i, marker,
        queue)) for i in range(processes)]
    for w in workers:
        w.start()
    samples, accepted, client_cpu = [], [], 0.0
    for _ in workers:
        s, a, cpu = queue.get()
        samples += s
        accepted += a
        client_cpu += cpu
    for w in workers:
        w.join()
    stats = summarise(samples, duration)
    stats["client_cpu_ms_per_request"] = client_cpu * 1000 / max(1, len(samples))
    return stats, len(samples) / duration, accepted


SOURCE = "load-sync"


def write_feed(path: Path, meetings: int, renamed: int) -> None:
    from bench_sources import synthetic_feed

    path.write_text(json.dumps(synthetic_feed(meetings, renamed=renamed, prefix="load")),
                    encoding="utf-8")


def sync_once(url: str) -> tuple[str, int, int, float]:
    """Sync the benchmark's source (in this process): (outcome, added, changed, seconds)."""
    from sqlmodel import Session

    from directory.db import make_engine, write_engine
    from directory.listings.store import NO_GEOCODER
    from directory.models import utcnow
    from directory.sources.registry import get_source
    from directory.sources.sync import sync_source

    engine = write_engine(make_engine(url))
    start = time.perf_counter()
    try:
        with Session(engine) as session:
            report = sync_source(session, get_source(session, SOURCE), now=utcnow(),
                                 geocoder=NO_GEOCODER)
            return report.outcome, report.added, report.changed, time.perf_counter() - start
    finally:
        engine.dispose()


def _sync_process(url: str, delay: float, queue: multiprocessing.Queue) -> None:
    time.sleep(delay)
    queue.put(sync_once(url))


def add_sync_source(url: str, feed: Path) -> None:
    from sqlmodel import Session

    from directory.db import make_engine, write_engine
    from directory.models import utcnow
    from directory.sources.registry import add_source, get_source

    engine = write_engine(make_engine(url))
    with Session(engine) as session:
        if get_source(session, SOURCE) is None:
            add_source(session, now=utcnow(), name=SOURCE, location=str(feed),
                       fmt="meeting-guide", topic="alcohol")
            session.commit()
    engine.dispose()


def count_groups(url: str) -> int:
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from directory.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM support_group")).scalar()
    except SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


def count_in_database(url: str, names: list[str]) -> int:
    from sqlalchemy import text

    from directory.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        found = {row[0] for row in connection.execute(
            text("SELECT name FROM support_group WHERE name LIKE 'Load Test Circle %'"))}
    engine.dispose()
    return sum(1 for n in names if n in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--levels", default="2,4,8,16")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the directory a previous run loaded (skips the slow load)")
    parser.add_argument("--sync-meetings", type=int, default=1000,
                        help="meetings in the source synced during each level (0: none)")
    args = parser.parse_args()
    url = args.database_url
    if not (args.reuse and count_groups(url) >= args.groups):
        if url.startswith("sqlite:///"):  # a scratch file: start it afresh
            for suffix in ("", "-wal", "-shm"):
                Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        else:
            ensure_database(url)
        seconds = load_directory(url, args.groups)
        print(f"loaded {args.groups} groups into {url.split(':')[0]} in {seconds:.0f} s",
              flush=True)
    marker = uuid.uuid4().hex[:8]
    # One feed file per database (the source registered in it names the file).
    feed = (Path(tempfile.gettempdir())
            / f"circles-bench-load-{hashlib.sha1(url.encode()).hexdigest()[:8]}.json")
    if args.sync_meetings:
        # The source's first sync is before the server starts (it is in the first index);
        # each level's re-sync renames another tenth of its meetings.
        write_feed(feed, args.sync_meetings, 0)
        add_sync_source(url, feed)
        outcome, added, changed, seconds = sync_once(url)
        print(f"source sync before the levels: {outcome}, {added} added, {changed} changed "
              f"in {seconds:.1f} s", flush=True)
    env = {"SUBMIT_RATE_LIMIT": "100000/hour", "REPORT_RATE_LIMIT": "100000/hour"}
    levels = [int(x) for x in args.levels.split(",")]
    rows = []
    accepted: list[str] = []
    with gunicorn(url, workers=2, extra_env=env) as port:
        body = get(port, "/api/v1/groups?per_page=100&near=Portland%2C+OR")[1]
        slugs = [r["group"]["slug"] for r in json.loads(body)["results"]]
        for path in SEARCHES + APIS:
            get(port, path)
            get(port, path)
        for n_level, level in enumerate(levels, start=1):
            sync, sync_queue = None, multiprocessing.Queue()
            if args.sync_meetings:
                renamed = min(args.sync_meetings, args.sync_meetings * n_level // 10)
                write_feed(feed, args.sync_meetings, renamed)
                sync = multiprocessing.Process(target=_sync_process, args=(
                    url, min(1.0, args.seconds / 4), sync_queue))
                sync.start()
            cpu_before = server_cpu_seconds(port)
            stats, total_rps, names = run_level(port, slugs, level, args.seconds, marker)
            cpu_ms = ((server_cpu_seconds(port) - cpu_before) * 1000
                      / max(1, total_rps * args.seconds))
            stats["cpu_ms_per_request"] = cpu_ms
            if sync is not None:
                outcome, added, changed, seconds = sync_queue.get()
                sync.join()
                stats["sync"] = {"outcome": outcome, "changed": changed,
                                 "seconds": round(seconds, 1)}
            accepted += names
            rows.append((level, total_rps, stats))
            search = stats.get("search", {})
            print(flush=True, end="")
            # The server's share of the machine: on a shared one its req/s follow this.
            stats["server_cores"] = cpu_ms * total_rps / 1000
            print(f"c={level:3d}  {total_rps:7.1f} req/s  {cpu_ms:5.1f} CPU ms/req (client "
                  f"{stats['client_cpu_ms_per_request']:.1f}, server on "
                  f"{stats['server_cores']:.2f} cores)  search p50 "
                  f"{search.get('p50_ms', 0):6.1f} p99 {search.get('p99_ms', 0):6.1f} ms  "
                  + "  ".join(f"{k} {v['rps']:.0f}/s p99 {v['p99_ms']:.0f}ms 5xx "
                              f"{v['errors_5xx']}" for k, v in stats.items()
                              if k != "search" and isinstance(v, dict) and "rps" in v)
                  + (f"  sync: {stats['sync']['changed']} groups changed in "
                     f"{stats['sync']['seconds']} s" if "sync" in stats else "")
                  + f"  load {os.getloadavg()[0]:.1f}", flush=True)
    found = count_in_database(url, accepted)
    # The saturating level: the one with the highest throughput.
    level, rps, stats = max(rows, key=lambda r: r[1])
    stats = {k: v for k, v in stats.items() if isinstance(v, dict) and "rps" in v}
    errors = sum(v["errors_5xx"] for _, _, s in rows for v in s.values()
                 if isinstance(v, dict) and "rps" in v)
    print(f"saturation at c={level}: {rps:.1f} req/s; accepted submissions {len(accepted)}, "
          f"found in the database {found}")
    print_json_last({
        "rps": round(rps, 1),
        "concurrency": level,
        "search_p50_ms": stats.get("search", {}).get("p50_ms"),
        "search_p99_ms": stats.get("search", {}).get("p99_ms"),
        "errors_5xx": errors,
        "accepted_submissions": len(accepted),
        "lost_submissions": len(accepted) - found,
        "groups": args.groups,
        "levels": {str(c): {"rps": round(r, 1),
                            "cpu_ms_per_request": round(s["cpu_ms_per_request"], 1),
                            "client_cpu_ms_per_request": round(
                                s["client_cpu_ms_per_request"], 1),
                            "server_cores": round(s["server_cores"], 2),
                            "search_p99_ms": s.get("search", {}).get("p99_ms"),
                            **({"sync_changed": s["sync"]["changed"],
                                "sync_s": s["sync"]["seconds"]} if "sync" in s else {})}
                   for c, r, s in rows},
        "database": url.split(":")[0],
    })


if __name__ == "__main__":
    main()
