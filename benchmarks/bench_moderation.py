"""Moderation benchmark: the queue page (/admin/) with 5,000 pending items over 50,000
listings, plain and with filters, against the public group page in the same run.

Rows are inserted directly (core INSERTs: a synthetic directory, not an import), then
pages are fetched in-process with Flask's test client as a logged-in moderator, so the
numbers are the page's own cost (SQL + rendering), without HTTP or worker overhead.

Usage: python benchmarks/bench_moderation.py [--listings 50000] [--pending 5000]
       [--repeat 30] [--database-url sqlite:///…|postgresql://…]
Last line: {"queue_p50_ms", "queue_filtered_p50_ms", "group_page_p50_ms", ...}.
This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadtools import print_json_last, reset_postgres  # noqa: E402

TOPICS = ["codependency", "alcohol", "gambling", "family-and-friends", "drugs", "food"]
COUNTRIES = ["US", "CA", "GB", "AU"]
BATCH = 5000


def fill(engine, n_listings: int, n_pending: int) -> None:
    from sqlmodel import Session

    from directory.models import (
        Group,
        ListingOwner,
        ListingRevision,
        Location,
        Meeting,
        Organization,
        Report,
    )

    rng = random.Random(16)
    now = datetime.now(UTC)
    with Session(engine) as session:
        conn = session.connection()
        conn.execute(Organization.__table__.insert(), [
            {"name": f"Intergroup {i}", "description": "", "created_at": now,
             "updated_at": now} for i in range(1, 201)])
        conn.execute(Location.__table__.insert(), [
            {"name": f"Hall {i}", "city": f"Town {i}", "country": COUNTRIES[i % 4],
             "latitude": 40.0 + i / 100, "longitude": -80.0 + i / 100, "approximate": False}
            for i in range(1, 1001)])
        for start in range(0, n_listings, BATCH):
            rows = []
            for i in range(start, min(start + BATCH, n_listings)):
                pending = i >= n_listings - n_pending
                rows.append({
                    "id": i + 1, "slug": f"bench-group-{i + 1}", "name": f"Circle {i + 1}",
                    "description": "A peer-led circle.", "organization_id": 1 + i % 200,
                    "topics": [TOPICS[i % len(TOPICS)]], "format": "in-person",
                    "cost": "free", "languages": ["en"], "audience": ["everyone"],
                    "access": [], "registration_required": False,
                    "accepting_new_members": True,
                    "status": "pending" if pending else "active",
                    "last_verified_at": now - timedelta(days=rng.randrange(0, 300)),
                    "created_at": now, "updated_at": now,
                })
            conn.execute(Group.__table__.insert(), rows)
            conn.execute(Meeting.__table__.insert(), [
                {"group_id": r["id"], "position": 0, "weekday": r["id"] % 7,
                 "start_time": clock(19, 0), "end_time": clock(20, 30),
                 "timezone": "America/New_York", "recurrence": "weekly",
                 "location_id": 1 + r["id"] % 1000} for r in rows])
        first_pending = n_listings - n_pending + 1
        conn.execute(ListingRevision.__table__.insert(), [
            {"group_id": gid, "kind": "new" if gid % 3 else "edit", "status": "pending",
             "proposed": [], "base": [], "duplicate_of": [1] if gid % 17 == 0 else [],
             "submitted_by": "owner",
             "submitted_at": now - timedelta(hours=rng.randrange(0, 24 * 60))}
            for gid in range(first_pending, n_listings + 1)])
        conn.execute(ListingOwner.__table__.insert(), [
            {"group_id": gid, "email": f"owner{gid}@example.org", "reminder_stage": 0,
             "created_at": now} for gid in range(first_pending, n_listings + 1, 2)])
        conn.execute(Report.__table__.insert(), [
            {"group_id": gid, "kind": "other", "details": "x", "status": "open",
             "created_at": now} for gid in range(first_pending, n_listings + 1, 50)])
        session.commit()


def p50(client, path: str, repeat: int) -> float:
    for _ in range(2):  # warm
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=50_000)
    parser.add_argument("--pending", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    from sqlmodel import Session

    from directory import create_app
    from directory.db import get_engine, upgrade_database
    from directory.models import utcnow
    from directory.moderation.admins import create_admin

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        if url.startswith("postgres"):
            reset_postgres(url)
        app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench"})
        engine = get_engine(app)
        upgrade_database(engine)
        started = time.perf_counter()
        fill(engine, args.listings, args.pending)
        print(f"loaded {args.listings} listings ({args.pending} pending) into "
              f"{url.split(':')[0]} in {time.perf_counter() - started:.1f} s")
        with Session(engine) as session:
            admin = create_admin(session, email="bench@example.org",
                                 password="a long bench password", now=utcnow())
            session.commit()
            admin_id = admin.id
        client = app.test_client()
        with client.session_transaction() as flask_session:
            flask_session["admin_id"] = admin_id
        cases = {
            "queue": "/admin/",
            "queue_filtered": "/admin/?kind=new&topic=alcohol&country=US&age=7&sort=newest",
            "queue_search": "/admin/?q=circle+4&organization=intergroup+1&reported=1",
            "queue_last_page": "/admin/?page=100",
            "group_page": f"/groups/bench-group-{args.listings // 2}",
        }
        results = {}
        for label, path in cases.items():
            results[label] = p50(client, path, args.repeat)
            print(f"{label:16s} p50 {results[label]:7.1f} ms   {path}")
        engine.dispose()
    print_json_last({f"{label}_p50_ms": value for label, value in results.items()}
                    | {"listings": args.listings, "pending": args.pending})


if __name__ == "__main__":
    main()
