"""The sample directory: loads cleanly, covers every vocabulary value, and is fictional."""

from __future__ import annotations

import csv
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from directory import taxonomy
from directory.cli.listings import SEED_FILE
from directory.formats.csv import parse_csv as parse_listing_csv
from directory.imports import import_listing_csv
from directory.models import Group
from tests_support import FIXED_NOW

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_rows() -> list[dict[str, str]]:
    with SEED_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def seed_groups(seed_rows) -> dict[str, list[dict[str, str]]]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in seed_rows:
        groups[row["group_slug"]].append(row)
    return groups


def test_sample_directory_validates_without_errors():
    records, errors = parse_listing_csv(SEED_FILE.read_text(encoding="utf-8"),
                                        filename=SEED_FILE.name)
    assert errors == []
    assert len(records) >= 400


def test_seed_loads_into_the_database_and_is_idempotent(session):
    text = SEED_FILE.read_text(encoding="utf-8")
    first = import_listing_csv(session, text, filename=SEED_FILE.name, now=FIXED_NOW)
    assert first.ok, first.errors[:3]
    session.commit()
    second = import_listing_csv(session, text, filename=SEED_FILE.name, now=FIXED_NOW)
    assert second.created == [] and second.updated == []
    total = session.exec(select(func.count()).select_from(Group)).one()
    assert total == len(first.created) >= 400


def test_sample_directory_is_big_and_varied_enough(seed_groups):
    assert len(seed_groups) >= 400
    cities = {(r["city"], r["country"]) for rows in seed_groups.values() for r in rows if r["city"]}
    countries = {country for _, country in cities}
    assert len(cities) >= 40
    assert {"US", "CA", "GB", "AU"} <= countries
    zones = {r["timezone"] for rows in seed_groups.values() for r in rows}
    assert len(zones) >= 6
    remote = [s for s, rows in seed_groups.items() if rows[0]["format"] in ("online", "phone")]
    assert len(remote) >= len(seed_groups) / 4
    monthly = [r for rows in seed_groups.values() for r in rows if r["recurrence"] != "weekly"]
    assert any(r["recurrence"] == "monthly:-1" for r in monthly)
    assert len(monthly) >= 10
    statuses = {rows[0]["status"] for rows in seed_groups.values()}
    assert "paused" in statuses
    stale = [rows for rows in seed_groups.values() if rows[0]["last_verified"] < "2026-05-01"]
    assert stale


@pytest.mark.parametrize(
    "column,vocabulary",
    [
        ("topics", [t.code for t in taxonomy.TOPIC_LIST if t.parent]),
        ("format", list(taxonomy.FORMATS)),
        ("cost", list(taxonomy.COSTS)),
        ("approach", list(taxonomy.APPROACHES)),
        ("audience", list(taxonomy.AUDIENCES)),
        ("access", list(taxonomy.ACCESS)),
        ("welcome", list(taxonomy.WELCOME)),
        ("facilitation", list(taxonomy.FACILITATION)),
        ("weekday", list(taxonomy.WEEKDAYS)),
    ],
)
def test_sample_directory_uses_every_vocabulary_value(seed_rows, column, vocabulary):
    used = {code for row in seed_rows for code in row[column].split(";") if code}
    assert set(vocabulary) - used == set()


def test_sample_directory_uses_several_languages(seed_rows):
    used = {code for row in seed_rows for code in row["languages"].split(";") if code}
    assert {"en", "es", "fr"} <= used and len(used) >= 6


def test_every_topic_has_enough_groups_to_choose_from(seed_groups):
    per_topic = defaultdict(int)
    for rows in seed_groups.values():
        for code in rows[0]["topics"].split(";"):
            per_topic[code] += 1
    thin = {t.code: per_topic[t.code] for t in taxonomy.TOPIC_LIST
            if t.parent and per_topic[t.code] < 12}
    assert thin == {}
    for code in ("sex-and-love", "food", "gaming-and-tech", "nicotine", "adult-children"):
        assert per_topic[code] >= 20, code


def test_spanish_and_french_speakers_find_groups_in_their_language(seed_groups):
    first = defaultdict(list)
    for rows in seed_groups.values():
        first[rows[0]["languages"].split(";")[0]].append(rows[0])
    assert len(first["es"]) >= 50 and len(first["fr"]) >= 35
    for lang in ("es", "fr"):
        topics = {t for row in first[lang] for t in row["topics"].split(";")}
        formats = {row["format"] for row in first[lang]}
        assert len(topics) >= 12, (lang, topics)
        assert {"in-person", "online", "hybrid"} <= formats, (lang, formats)
    zones = {row["timezone"] for rows in seed_groups.values() for row in rows
             if row["languages"].startswith("fr")}
    assert "Europe/Paris" in zones and "America/Toronto" in zones  # France and Quebec


def test_some_meetings_are_attended_differently_from_their_group(seed_groups):
    kinds = defaultdict(int)
    for rows in seed_groups.values():
        for row in rows:
            if row["attendance"]:
                assert row["attendance"] == "inactive" or rows[0]["format"] == "hybrid", row
                kinds[row["attendance"]] += 1
        assert any(row["attendance"] != "inactive" for row in rows), rows[0]["group_slug"]
    assert kinds["in-person"] and kinds["online"] and kinds["inactive"]


# Real-looking contact details must never appear in the repository.
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}")
# Reserved for documentation by RFC 2606 and 6761: never a real mailbox.
ALLOWED_EMAIL_DOMAINS = re.compile(
    r"((^|\.)example\.(org|com|net)|\.(example|test|invalid)|^localhost)$"
)
NANP_RE = re.compile(r"\b(\d{3})[-. )]+(\d{3})[-. ]+(\d{4})\b")


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    paths = [ROOT / p for p in listed] or list((ROOT / "seed_data").glob("*.csv"))
    return [p for p in paths if p.suffix in {".csv", ".py", ".md", ".html", ".json", ".txt"}]


def test_no_real_email_addresses_anywhere_in_the_repository():
    offenders = []
    for path in _tracked_text_files():
        for match in EMAIL_RE.finditer(path.read_text(encoding="utf-8", errors="ignore")):
            domain = match.group(0).split("@", 1)[1].lower()
            if not ALLOWED_EMAIL_DOMAINS.search(domain):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []


def test_north_american_phone_numbers_are_fictional_555_01xx(seed_rows):
    for row in seed_rows:
        for column in ("contact_phone", "online_phone"):
            value = row[column]
            if value.startswith("+1"):
                match = NANP_RE.search(value)
                assert match, value
                assert match.group(2) == "555" and match.group(3).startswith("01"), value
            elif value.startswith("+44"):
                assert value.replace(" ", "").startswith("+441632960"), value
            elif value.startswith("+61"):
                digits = value.replace(" ", "")
                assert digits.startswith(("+6125550", "+61491570")), value
            else:
                assert value == "", value
