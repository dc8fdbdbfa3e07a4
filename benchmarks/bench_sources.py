"""Data-source sync speed: a synthetic Meeting Guide feed (50,000 meetings by default).

Steps, each timed against a baseline of parsing the same JSON with the standard library
alone (`json.loads`) in the same run:
  parse          the Meeting Guide reader alone (lenient, skip_invalid)
  first sync     fetch (a file) + parse + write every listing through the listing writer
  not modified   re-sync of the untouched file (the conditional fetch says 304-equivalent)
  same body      forced re-sync of the same body (parse + hash compare; nothing written)
  1 % changed    re-sync with 1 % of the meetings renamed
On SQLite in a temporary file, no geocoder (the feed gives coordinates and zones).
The last line is JSON.

    .venv/bin/python benchmarks/bench_sources.py [--meetings 50000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, SQLModel, create_engine  # noqa: E402

from directory.formats.meeting_guide import parse_feed  # noqa: E402
from directory.listings.store import NO_GEOCODER  # noqa: E402
from directory.sources.registry import add_source  # noqa: E402
from directory.sources.sync import sync_source  # noqa: E402

CITIES = [("Chicago", "IL", 41.88, -87.63, "America/Chicago"),
          ("Denver", "CO", 39.74, -104.99, "America/Denver"),
          ("Portland", "OR", 45.52, -122.68, "America/Los_Angeles"),
          ("Boston", "MA", 42.36, -71.06, "America/New_York")]
TYPES = [["O", "D"], ["C", "BB"], ["W", "ST"], ["O", "SP", "X"], ["C", "ONL"]]


def synthetic_feed(n: int, *, renamed: int = 0) -> list[dict]:
    """`n` meetings, two per group; the first `renamed` of them with a new name."""
    feed = []
    for i in range(n):
        city, state, lat, lon, zone = CITIES[i % len(CITIES)]
        entry = {
            "name": f"Meeting {i}" + (" (renamed)" if i < renamed else ""),
            "slug": f"m-{i}",
            "group": f"Synthetic Group {i // 2}",
            "day": i % 7,
            "time": f"{7 + i % 14:02d}:{(i % 4) * 15:02d}",
            "timezone": zone,
            "types": TYPES[i % len(TYPES)],
            "notes": "Fictional benchmark data.",
            "updated": "2026-10-01 12:00:00",
        }
        if i % 5 == 4:
            entry.update(attendance_option="online",
                         conference_url=f"https://meet.example.org/m-{i}")
        else:
            entry.update(location=f"Hall {i // 2}", address=f"{i // 2 % 9000 + 1} Main Street",
                         city=city, state=state, country="US",
                         latitude=round(lat + (i % 100) / 1000, 5),
                         longitude=round(lon - (i % 100) / 1000, 5))
        feed.append(entry)
    return feed


def timed(fn):
    start = time.perf_counter()
    result = fn()
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

    _, baseline = timed(lambda: json.loads(body))
    (listings, errors), parse_s = timed(lambda: parse_feed(
        body, filename="feed.json", topic="alcohol", skip_invalid=True))
    assert not errors, errors[:3]

    engine = create_engine(f"sqlite:///{folder / 'bench.db'}")
    SQLModel.metadata.create_all(engine)
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    steps: dict[str, float] = {}
    with Session(engine) as session:
        source = add_source(session, now=now, name="bench", location=str(feed_path),
                            fmt="meeting-guide", topic="alcohol")
        session.commit()
        report, steps["first_sync"] = timed(lambda: sync_source(
            session, source, now=now, geocoder=NO_GEOCODER))
        assert report.outcome == "ok" and report.added == len(listings), report.message
        report, steps["not_modified"] = timed(lambda: sync_source(
            session, source, now=now + timedelta(hours=1), geocoder=NO_GEOCODER))
        assert report.outcome == "not-modified"
        report, steps["same_body"] = timed(lambda: sync_source(
            session, source, now=now + timedelta(hours=2), geocoder=NO_GEOCODER, force=True))
        assert report.outcome == "ok" and report.changed == 0 and report.added == 0
        feed_path.write_text(json.dumps(synthetic_feed(n, renamed=n // 100)), encoding="utf-8")
        report, steps["one_percent_changed"] = timed(lambda: sync_source(
            session, source, now=now + timedelta(hours=3), geocoder=NO_GEOCODER))
        assert report.outcome == "ok" and report.changed == n // 100 // 2, (
            report.changed, report.message)

    print(f"{n} meetings in {len(listings)} listings, {len(body) / 1e6:.1f} MB")
    print(f"baseline json.loads   {baseline:8.3f} s")
    print(f"parse                 {parse_s:8.3f} s  {n / parse_s:9.0f} entries/s  "
          f"{parse_s / baseline:6.1f}x baseline")
    first = steps["first_sync"]
    for name, seconds in steps.items():
        print(f"{name:<21} {seconds:8.3f} s  {n / seconds:9.0f} entries/s  "
              f"{seconds / baseline:6.1f}x baseline  {100 * seconds / first:5.1f} % of first")
    print(json.dumps({
        "meetings": n, "listings": len(listings), "baseline_json_loads_s": round(baseline, 3),
        "parse_s": round(parse_s, 3),
        **{f"{k}_s": round(v, 3) for k, v in steps.items()},
        "first_sync_entries_per_s": round(n / first),
        "same_body_pct_of_first": round(100 * steps["same_body"] / first, 1),
        "not_modified_pct_of_first": round(100 * steps["not_modified"] / first, 2),
        "one_percent_changed_pct_of_first": round(100 * steps["one_percent_changed"] / first,
                                                  1),
    }))


if __name__ == "__main__":
    main()
