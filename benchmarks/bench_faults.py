"""Fault benchmark: legitimate read traffic (searches, group pages, API searches) through
gunicorn (2 workers) over PostgreSQL behind a switchable TCP proxy, with the job queue
and the rate limits on Redis behind another one, measured while everything is up, then with
the database cut (connections refused), hanging (connections open, nothing answered), up
again, under a malformed-request flood, with Redis cut and hanging, and with a worker
killed mid-run, and up again. Each phase's throughput is reported as a ratio to normal:
the mean of the two phases with everything up ("up" after a warm-up, and "up_again" at the
end), measured in the same run. A submitter posts listings through every phase: each one the
server accepted must be in the database ("lost" counts those that are not), and each
accepted listing's mail must be on the queue or, while Redis is away, sent in process.

Usage: python benchmarks/bench_faults.py [--database-url postgresql://…/scratch_db]
       [--redis-url redis://127.0.0.1:6379/12] [--groups 10000] [--seconds 10]
       [--concurrency 8] [--reuse]
The database named is wiped; the Redis database gets a queue of its own, deleted at the
end. Last line: one JSON object with each phase's rps, ratio to up, 5xx count, p99 and
submissions (accepted, refused with 503, failed otherwise), and the lost-submission total.
This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from loadtools import (  # noqa: E402
    ROOT,
    SEARCHES,
    free_port,
    get,
    load,
    load_directory,
    print_json_last,
    reset_postgres,
)

from tests_support import SwitchableProxy  # noqa: E402  - the tests' proxy

MALFORMED = [
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST /submit HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
    b"POST /submit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /groups/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
]


def start_gunicorn(url: str, snapshot_dir: str, redis_env: dict[str, str]):
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench-secret-0123456789-abcdefghijkl",
               CIRCLES_ENV="production", PORT=str(port), WEB_CONCURRENCY="2",
               SNAPSHOT_DIR=snapshot_dir, SESSION_COOKIE_SECURE="0",
               SUBMIT_RATE_LIMIT="100000/hour", **redis_env)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
         "directory:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if get(port, "/healthz")[0] == 200:
                return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not start")


def worker_pids(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def flood(port: int, stop: threading.Event, counter: list[int]) -> None:
    """One malformed request every 0.1 s (5 variants) until stopped."""
    i = 0
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
                sock.sendall(MALFORMED[i % len(MALFORMED)])
                sock.recv(1024)
        except OSError:
            pass
        counter[0] += 1
        i += 1
        stop.wait(0.1)


class Submitter:
    """Posts a listing through the real form every 0.2 s; remembers, per phase, what the
    server said and the names it accepted."""

    def __init__(self, port: int, marker: str) -> None:
        self.port, self.marker = port, marker
        self.phase = "warm-up"
        self.results: dict[str, dict] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from bench_load import _submit

        n = 0
        while not self.stop.is_set():
            n += 1
            phase = self.phase
            started = time.perf_counter()
            try:
                status, name = _submit(self.port, self.marker, n)
            except OSError:
                status, name = 599, None
            row = self.results.setdefault(phase, {"accepted": [], "refused_503": 0,
                                                  "failed": 0, "max_ms": 0.0})
            row["max_ms"] = max(row["max_ms"], (time.perf_counter() - started) * 1000)
            if name:
                row["accepted"].append(name)
            elif status == 503:
                row["refused_503"] += 1  # a clear "try again": the form is kept, not lost
            else:
                row["failed"] += 1
            self.stop.wait(0.2)


def count_outbox(outbox: Path) -> int:
    return len(list(outbox.glob("*.eml"))) if outbox.exists() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/circles_bench_faults"))
    parser.add_argument("--redis-url", default=os.environ.get(
        "BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the directory a previous run loaded (same --groups)")
    args = parser.parse_args()
    if not args.database_url or not args.database_url.startswith("postgres"):
        raise SystemExit("--database-url postgresql://… (a scratch database; it is wiped)")
    from sqlalchemy.engine import make_url

    if not args.reuse:
        reset_postgres(args.database_url)
        seconds = load_directory(args.database_url, args.groups)
        print(f"loaded {args.groups} groups in {seconds:.1f} s")
    url = make_url(args.database_url)
    proxy = SwitchableProxy((url.host or "127.0.0.1", url.port or 5432))
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    import redis

    redis_url = urlsplit(args.redis_url)
    redis_proxy = SwitchableProxy((redis_url.hostname or "127.0.0.1", redis_url.port or 6379))
    through_proxy = f"redis://127.0.0.1:{redis_proxy.port}{redis_url.path or '/0'}"
    queue_name = f"circles-bench-faults-{uuid.uuid4().hex[:8]}"
    direct = redis.Redis.from_url(args.redis_url)
    with tempfile.TemporaryDirectory() as snapshot_dir:
        outbox = Path(snapshot_dir) / "outbox"
        process, port = start_gunicorn(proxied, snapshot_dir, {
            "QUEUE_URL": through_proxy, "QUEUE_NAME": queue_name,
            "RATELIMIT_STORAGE_URI": through_proxy, "MAIL_OUTBOX": str(outbox)})
        submitter = Submitter(port, uuid.uuid4().hex[:8])
        mail: dict[str, dict] = {}
        try:
            slugs = [r["group"]["slug"] for r in json.loads(get(
                port, "/api/v1/groups?per_page=40&near=Portland%2C+OR")[1])["results"]]
            mix = ([("search", p) for p in SEARCHES]
                   + [("group", f"/groups/{s}") for s in slugs[:8]]
                   + [("api", "/api/v1" + p) for p in SEARCHES[:4]])
            for _, path in mix * 2:  # warm both workers
                get(port, path)
            deadline = time.time() + 120
            while not list(Path(snapshot_dir).glob("listings-*.sqlite")):
                if time.time() > deadline:
                    raise SystemExit("no snapshot was written")
                time.sleep(0.5)

            submitter.thread.start()

            def phase(name: str) -> dict:
                submitter.phase = name
                queued, sent = direct.llen(f"rq:queue:{queue_name}"), count_outbox(outbox)
                stats = load(port, mix, duration=args.seconds, concurrency=args.concurrency)
                time.sleep(1)  # mail sent in process after a response: give it a moment
                mail[name] = {"queued": direct.llen(f"rq:queue:{queue_name}") - queued,
                              "sent_in_process": count_outbox(outbox) - sent}
                requests = sum(s["requests"] for s in stats.values())
                errors = sum(s["errors_5xx"] for s in stats.values())
                out = {"rps": round(requests / args.seconds, 1), "errors_5xx": errors,
                       "error_rate": round(errors / max(1, requests), 4),
                       "p99_ms": max(s["p99_ms"] for s in stats.values()),
                       "p50_ms": max(s["p50_ms"] for s in stats.values())}
                print(f"{name:10s} {out['rps']:8.1f} req/s  5xx {errors:5d}  "
                      f"p50 {out['p50_ms']:7.1f} ms  p99 {out['p99_ms']:8.1f} ms")
                return out

            # Warm-up (not reported): the workers' first searches load tables and caches.
            load(port, mix, duration=min(3.0, args.seconds), concurrency=args.concurrency)
            results = {"up": phase("up")}
            proxy.refuse()
            results["db_down"] = phase("db_down")
            proxy.restore()
            time.sleep(6)  # the probe's interval (DATABASE_RETRY_INTERVAL)
            proxy.hang()
            results["db_hang"] = phase("db_hang")
            proxy.restore()
            time.sleep(6)
            health = json.loads(get(port, "/healthz")[1])
            results["recovered"] = phase("recovered")
            results["recovered"]["healthz"] = health.get("status")
            stop, sent = threading.Event(), [0]
            flooder = threading.Thread(target=flood, args=(port, stop, sent))
            flooder.start()
            results["malformed_flood"] = phase("malformed_flood")
            stop.set()
            flooder.join()
            results["malformed_flood"]["malformed_sent"] = sent[0]
            redis_proxy.refuse()
            results["redis_down"] = phase("redis_down")
            redis_proxy.hang()
            results["redis_hang"] = phase("redis_hang")
            redis_proxy.restore()
            results["redis_back"] = phase("redis_back")
            killer_stop = threading.Event()

            def kill_a_worker() -> None:
                killer_stop.wait(args.seconds / 3)
                pids = worker_pids(process.pid)
                if pids:
                    os.kill(pids[0], signal.SIGKILL)

            killer = threading.Thread(target=kill_a_worker)
            killer.start()
            results["worker_killed"] = phase("worker_killed")
            killer.join()
            time.sleep(2)  # the killed worker's replacement starts
            # Normal again at the end: "normal" is the mean of the two phases with everything
            # up, so one noisy sample on a shared machine does not move every ratio.
            results["up_again"] = phase("up_again")
            submitter.phase = "done"
        finally:
            submitter.stop.set()
            if submitter.thread.is_alive():
                submitter.thread.join(timeout=35)
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            proxy.close()
            redis_proxy.close()
            for job_id in direct.lrange(f"rq:queue:{queue_name}", 0, -1):
                direct.delete(b"rq:job:" + job_id)  # the queued mail (synthetic addresses)
            for key in direct.scan_iter(f"rq:*{queue_name}*"):
                direct.delete(key)
    found = names_in_database(args.database_url, submitter.results)
    lost = 0
    for name, stats in results.items():
        row = submitter.results.get(name, {"accepted": [], "refused_503": 0, "failed": 0,
                                           "max_ms": 0.0})
        accepted = row["accepted"]
        missing = sum(1 for n in accepted if n not in found)
        lost += missing
        stats["submissions"] = {"accepted": len(accepted), "refused_503": row["refused_503"],
                                "failed": row["failed"], "lost": missing,
                                "slowest_ms": round(row["max_ms"]),
                                **mail.get(name, {})}
    base = (results["up"]["rps"] + results["up_again"]["rps"]) / 2 or 1
    for stats in results.values():
        stats["ratio_to_up"] = round(stats["rps"] / base, 3)
    print("ratio to normal (the mean of up and up_again): "
          + ", ".join(f"{k} {v['ratio_to_up']:.0%}" for k, v in results.items()))
    print("submissions: " + ", ".join(
        f"{k} {v['submissions']['accepted']} accepted/{v['submissions']['lost']} lost"
        for k, v in results.items()))
    print_json_last({"groups": args.groups, "seconds": args.seconds,
                     "concurrency": args.concurrency, "lost_submissions": lost, **results})


def names_in_database(url: str, results: dict[str, dict]) -> set[str]:
    from sqlalchemy import text

    from directory.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        found = {row[0] for row in connection.execute(
            text("SELECT name FROM support_group WHERE name LIKE 'Load Test Circle %'"))}
    engine.dispose()
    return found


if __name__ == "__main__":
    main()
