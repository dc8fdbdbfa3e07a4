"""Shared pieces of the HTTP and load benchmarks: a synthetic directory built from the sample
one, a gunicorn server over it, and a small multi-process HTTP load client (loopback only).
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.cli.listings import SEED_FILE  # noqa: E402
from directory.formats.csv import CSV_COLUMNS  # noqa: E402

# A typical mix of seeker searches (topic or words, a place, one filter).
SEARCHES = [
    "/groups?topic=grief&near=Portland%2C+OR&format=in-person",
    "/groups?topic=alcohol&near=Chicago&cost=free",
    "/groups?q=people+pleasing&near=97214&day=tue",
    "/groups?topic=anxiety&near=London&format=online",
    "/groups?q=my+husband+drinks&near=Toronto&time=evening",
    "/groups?topic=codependency&near=Sydney&cost=free",
    "/groups?topic=depression&near=Seattle&lang=en",
    "/groups?q=grief&near=Brisbane+QLD&format=hybrid",
]


def synthetic_csv(n_groups: int, *, seed: int = 7) -> str:
    """A directory of `n_groups` groups in the CSV listing format, cloned from the sample
    directory with new slugs and places jittered by a few km (same cities, same zones)."""
    with SEED_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    groups: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault(row["group_slug"], []).append(row)
    templates = list(groups.values())
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for i in range(n_groups):
        template = templates[i % len(templates)]
        copy = i // len(templates)
        dlat, dlon = rng.uniform(-0.05, 0.05), rng.uniform(-0.07, 0.07)
        for row in template:
            new = dict(row)
            if copy:
                new["group_slug"] = f"{row['group_slug'][:70]}-{copy}"
                new["group_name"] = f"{row['group_name']} ({copy + 1})"
                new["status"] = "active"
            if row["latitude"]:
                new["latitude"] = f"{float(row['latitude']) + dlat:.5f}"
                new["longitude"] = f"{float(row['longitude']) + dlon:.5f}"
            writer.writerow(new)
    return out.getvalue()


def load_directory(database_url: str, n_groups: int) -> float:
    """Create the schema and import a synthetic directory; returns the seconds it took."""
    from sqlmodel import Session

    from directory import create_app
    from directory.db import get_engine, upgrade_database
    from directory.imports import import_listing_csv
    from directory.models import utcnow
    from directory.planner import analyze_after_bulk_write

    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "bench"})
    engine = get_engine(app)
    start = time.perf_counter()
    upgrade_database(engine)
    with Session(engine) as session:
        report = import_listing_csv(session, synthetic_csv(n_groups), filename="bench.csv",
                                    now=utcnow())
        if not report.ok:
            raise SystemExit(f"synthetic directory did not import: {report.errors[:3]}")
        session.commit()
        # As `flask import` does after a bulk write (directory/planner.py).
        analyze_after_bulk_write(engine, len(report.created) + len(report.updated))
    engine.dispose()
    return time.perf_counter() - start


def reset_postgres(url: str) -> None:
    """Drop and recreate the public schema of a scratch PostgreSQL database."""
    from sqlalchemy import text

    from directory.db import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, *, workers: int = 2, extra_env: dict | None = None):
    """gunicorn with the app factory on a free loopback port; yields the base URL."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url,
               SECRET_KEY="bench-secret-0123456789-abcdefghijklmnop",
               CIRCLES_ENV="production", PORT=str(port), WEB_CONCURRENCY=str(workers),
               **(extra_env or {}))
    log = tempfile.NamedTemporaryFile(prefix="circles-bench-", suffix=".log")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
         "directory:create_app()"],
        # The server's log goes to a file: a pipe nobody reads fills up and then blocks
        # every worker that logs.
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    try:
        # The master builds the search index before forking: at 50,000 groups on a busy
        # 2-core machine that takes more than a minute.
        deadline = time.time() + 300
        while time.time() < deadline:
            if process.poll() is not None:
                break
            try:
                if get(port, "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        if process.poll() is not None or time.time() >= deadline:
            process.kill()
            raise SystemExit("gunicorn did not start: "
                             + Path(log.name).read_text(errors="replace")[-2000:])
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        warnings = [line for line in Path(log.name).read_text(errors="replace").splitlines()
                    if "WARNING" in line or "ERROR" in line]
        if warnings:  # what the server complained of, for whoever reads the numbers
            print(f"server log: {len(warnings)} warnings/errors, e.g. {warnings[-1][:300]}",
                  file=sys.stderr)
        log.close()


def _server_files(port: int, name: str):  # noqa: ANN202 - yields (proc dir, file text)
    """``/proc/<pid>/<name>`` of each process of the gunicorn serving `port`."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if f"127.0.0.1:{port}".encode() not in (proc / "cmdline").read_bytes():
                continue
            yield (proc / name).read_text()
        except OSError:
            continue


def server_cpu_seconds(port: int) -> float:
    """CPU seconds used so far by the gunicorn serving `port` (master and workers): on a
    shared machine, CPU per request compares runs that wall-clock throughput cannot."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in _server_files(port, "stat"):
        fields = stat.rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def server_memory_mb(port: int) -> dict[str, float]:
    """The memory of the gunicorn serving `port`: the host's total PSS (master and workers,
    pages they share counted once in all) and each process's private memory (USS), largest
    first (usually the master's: it holds the index the workers share)."""
    pss, uss = 0.0, []
    for rollup in _server_files(port, "smaps_rollup"):
        fields = {}
        for line in rollup.splitlines()[1:]:
            key, _, rest = line.partition(":")
            if rest.split():
                fields[key] = int(rest.split()[0]) / 1024
        pss += fields.get("Pss", 0.0)
        uss.append(round(fields.get("Private_Clean", 0.0) + fields.get("Private_Dirty", 0.0), 1))
    return {"host_pss_mb": round(pss, 1), "uss_mb": sorted(uss, reverse=True)}


def get(port: int, path: str, *, method: str = "GET", body: bytes | None = None,
        headers: dict | None = None, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _worker(port: int, requests: list[tuple[str, str]], duration: float, threads: int,
            queue: multiprocessing.Queue) -> None:
    import threading

    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def run(offset: int) -> None:
        i = offset
        local = []
        while time.perf_counter() < stop_at:
            label, path = requests[i % len(requests)]
            i += threads
            start = time.perf_counter()
            try:
                status, _ = get(port, path)
            except OSError:
                status = 599
            local.append((label, status, (time.perf_counter() - start) * 1000))
        with lock:
            results.extend(local)

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    queue.put(results)


def load(port: int, requests: list[tuple[str, str]], *, duration: float, concurrency: int,
         processes: int = 2) -> dict[str, dict]:
    """Hit (label, path) requests round-robin for `duration` seconds with `concurrency`
    connections spread over client processes; returns per-label rps, p50, p99, errors."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    per_process = max(1, concurrency // processes)
    rng = random.Random(concurrency)
    workers = []
    for _ in range(processes):
        mix = requests[:]
        rng.shuffle(mix)
        workers.append(multiprocessing.Process(
            target=_worker, args=(port, mix, duration, per_process, queue)))
    for w in workers:
        w.start()
    samples: list[tuple[str, int, float]] = []
    for _ in workers:
        samples.extend(queue.get())
    for w in workers:
        w.join()
    return summarise(samples, duration)


def summarise(samples: list[tuple[str, int, float]], duration: float) -> dict[str, dict]:
    by_label: dict[str, list[tuple[int, float]]] = {}
    for label, status, ms in samples:
        by_label.setdefault(label, []).append((status, ms))
    out = {}
    for label, rows in sorted(by_label.items()):
        times = sorted(ms for _, ms in rows)
        out[label] = {
            "requests": len(rows),
            "rps": round(len(rows) / duration, 1),
            "p50_ms": round(statistics.median(times), 2),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 2),
            "errors_5xx": sum(1 for status, _ in rows if status >= 500),
            "errors_4xx": sum(1 for status, _ in rows if 400 <= status < 500),
        }
    return out


def print_json_last(data: dict) -> None:
    print(json.dumps(data, sort_keys=True))

