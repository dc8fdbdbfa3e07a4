"""The warm-up gunicorn's master runs before forking loads what a first search loads, so
the workers share it (and `gc.freeze()` keeps it out of their collections)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a fresh interpreter (the tables are per process): how many objects the collector
# tracks that one search adds, after warm_up or without it.
SCRIPT = """
import gc, sys
from directory import create_app
from directory.warmup import warm_up
app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "warm-up-test"})
from directory.db import get_engine, upgrade_database
upgrade_database(get_engine(app))
client = app.test_client()
client.get("/healthz")
if sys.argv[1] == "warm":
    warm_up(app)
gc.collect()
before = len(gc.get_objects())
assert client.get("/groups?q=grief+on+tuesdays&near=Leeds&hl=fr").status_code == 200
gc.collect()
print(len(gc.get_objects()) - before)
"""


def _objects_a_search_adds(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return int(out.stdout.split()[-1])


def test_warm_up_loads_what_the_first_search_would():
    cold, warm = _objects_a_search_adds("cold"), _objects_a_search_adds("warm")
    assert cold > 10_000  # the gazetteer's tables, the lexicon, locale data, templates…
    assert warm < 2_000
