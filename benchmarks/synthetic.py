"""Synthetic directories with realistic geography and text, and a realistic query mix.

Deterministic for a given seed. Used by ``bench_matching.py``.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from directory.taxonomy import TOPIC_LIST
from matching import GroupProfile, MeetingProfile, Query

# (name, lat, lon, IANA zone, relative size)
CITIES: list[tuple[str, float, float, str, float]] = [
    ("New York", 40.7128, -74.0060, "America/New_York", 20),
    ("Los Angeles", 34.0522, -118.2437, "America/Los_Angeles", 13),
    ("Chicago", 41.8781, -87.6298, "America/Chicago", 9),
    ("Houston", 29.7604, -95.3698, "America/Chicago", 7),
    ("Phoenix", 33.4484, -112.0740, "America/Phoenix", 5),
    ("Philadelphia", 39.9526, -75.1652, "America/New_York", 6),
    ("San Antonio", 29.4241, -98.4936, "America/Chicago", 3),
    ("San Diego", 32.7157, -117.1611, "America/Los_Angeles", 3),
    ("Dallas", 32.7767, -96.7970, "America/Chicago", 7),
    ("Austin", 30.2672, -97.7431, "America/Chicago", 2),
    ("Seattle", 47.6062, -122.3321, "America/Los_Angeles", 4),
    ("Portland", 45.5152, -122.6784, "America/Los_Angeles", 3),
    ("Denver", 39.7392, -104.9903, "America/Denver", 3),
    ("Boston", 42.3601, -71.0589, "America/New_York", 5),
    ("Atlanta", 33.7490, -84.3880, "America/New_York", 6),
    ("Miami", 25.7617, -80.1918, "America/New_York", 6),
    ("Minneapolis", 44.9778, -93.2650, "America/Chicago", 3),
    ("Detroit", 42.3314, -83.0458, "America/Detroit", 4),
    ("Nashville", 36.1627, -86.7816, "America/Chicago", 2),
    ("Salt Lake City", 40.7608, -111.8910, "America/Denver", 1.5),
    ("Anchorage", 61.2181, -149.9003, "America/Anchorage", 0.4),
    ("Honolulu", 21.3069, -157.8583, "Pacific/Honolulu", 0.5),
    ("Toronto", 43.6532, -79.3832, "America/Toronto", 6),
    ("Vancouver", 49.2827, -123.1207, "America/Vancouver", 3),
    ("Montreal", 45.5017, -73.5673, "America/Toronto", 4),
    ("Mexico City", 19.4326, -99.1332, "America/Mexico_City", 8),
    ("London", 51.5074, -0.1278, "Europe/London", 9),
    ("Manchester", 53.4808, -2.2426, "Europe/London", 3),
    ("Dublin", 53.3498, -6.2603, "Europe/Dublin", 2),
    ("Sydney", -33.8688, 151.2093, "Australia/Sydney", 5),
    ("Melbourne", -37.8136, 144.9631, "Australia/Melbourne", 5),
    ("Brisbane", -27.4698, 153.0251, "Australia/Brisbane", 2),
    ("Auckland", -36.8485, 174.7633, "Pacific/Auckland", 1.5),
    ("Johannesburg", -26.2041, 28.0473, "Africa/Johannesburg", 2),
    ("Berlin", 52.5200, 13.4050, "Europe/Berlin", 2),
]

KIND = ["Group", "Meeting", "Circle", "Fellowship", "Support Group", "Gathering", "Collective"]
ADJ = ["Serenity", "Hope", "New Beginnings", "Courage", "Sunrise", "Harbor", "Lighthouse",
       "Open Door", "Second Chance", "Common Ground", "Steps", "Bridge", "Anchor", "Phoenix",
       "Evergreen", "Willow", "Riverside", "Hilltop", "Kindred", "Together"]
ORG = ["Community Health Alliance", "Intergroup", "Wellness Collective", "Family Services",
       "Recovery Network", "Peer Support Project", "Neighborhood Center", "Counseling Coop"]
FILLER = [
    "We meet in the {venue} and start on time. Coffee and tea are provided.",
    "Newcomers are always welcome; there is no need to speak.",
    "The meeting follows a simple format: reading, sharing, and a closing.",
    "Parking is available behind the {venue}; enter by the side door.",
    "Bring a friend if it helps you feel more comfortable.",
    "Our group has met every week for {years} years.",
    "Everything shared here stays here.",
    "Literature is available for a small contribution.",
    "The room is on the ground floor near {street}.",
]
VENUES = ["church hall", "library", "community center", "hospital annex", "YMCA",
          "school cafeteria", "recreation center", "union hall", "clinic"]
SYLLABLES = ["ash", "bel", "cor", "dun", "elm", "fair", "glen", "har", "iv", "jun", "kel",
             "lin", "mar", "nor", "oak", "pem", "quin", "ros", "sel", "tor", "ul", "ver",
             "wes", "yar", "zel", "brook", "field", "wood", "ton", "ley", "mont", "ridge"]
TOPIC_WORDS = {t.code: t for t in TOPIC_LIST}
CHILDREN = [t.code for t in TOPIC_LIST if t.parent]


def _street(rng: random.Random) -> str:
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
    return f"{name} {rng.choice(['Street', 'Avenue', 'Road', 'Way', 'Boulevard'])}"


def _description(rng: random.Random, topics: tuple[str, ...]) -> str:
    parts = []
    for code in topics:
        t = TOPIC_WORDS[code]
        phrases = rng.sample(t.phrases, k=min(2, len(t.phrases)))
        parts.append(f"A peer support group for {t.label.lower()}: "
                     f"{phrases[0]}" + (f", {phrases[1]}." if len(phrases) > 1 else "."))
    for _ in range(rng.randint(2, 4)):
        parts.append(rng.choice(FILLER).format(venue=rng.choice(VENUES),
                                               years=rng.randint(2, 40),
                                               street=_street(rng)))
    return " ".join(parts)


def make_directory(n: int, seed: int = 7) -> list[GroupProfile]:
    """``n`` groups: ~78% in person or hybrid around weighted cities, the rest online/phone."""
    rng = random.Random(seed)
    weights = [c[4] for c in CITIES]
    out: list[GroupProfile] = []
    base_day = date(2026, 3, 1)
    for gid in range(1, n + 1):
        city = rng.choices(CITIES, weights=weights)[0]
        name_c, clat, clon, tz, _ = city
        r = rng.random()
        fmt = "in-person" if r < 0.65 else "hybrid" if r < 0.78 else \
            "online" if r < 0.95 else "phone"
        ntop = 1 if rng.random() < 0.75 else 2
        topics = tuple(rng.sample(CHILDREN, k=ntop))
        t0 = TOPIC_WORDS[topics[0]]
        if fmt in ("online", "phone"):
            lat = lon = None
            name = f"{rng.choice(ADJ)} {t0.label.split(' ')[0]} {fmt.title()} {rng.choice(KIND)}"
        else:
            lat = clat + rng.gauss(0, 0.18)
            lon = clon + rng.gauss(0, 0.22)
            name = f"{name_c} {rng.choice(ADJ)} {t0.label.split(' ')[0]} {rng.choice(KIND)}"
        meetings = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            hour = rng.choices([7, 8, 10, 12, 13, 17, 18, 19, 20, 21],
                               weights=[3, 3, 3, 6, 2, 4, 10, 14, 8, 2])[0]
            minute = rng.choice([0, 0, 0, 15, 30, 30, 45])
            rec = "weekly" if rng.random() < 0.9 else rng.choice(
                ["monthly:1,3", "monthly:-1", "monthly:2", "monthly:1"])
            starts = ends = None
            if rng.random() < 0.03:
                starts = base_day + timedelta(days=rng.randint(-60, 60))
                ends = starts + timedelta(weeks=8)
            meetings.append(MeetingProfile(
                weekday=rng.randrange(7), start=time(hour, minute),
                end=time((hour + 1) % 24, minute), timezone=tz, recurrence=rec,
                starts_on=starts, ends_on=ends, online=fmt in ("online", "phone"),
                lat=lat, lon=lon))
        langs = ("en",) if rng.random() < 0.85 else rng.choice(
            [("es",), ("es", "en"), ("fr",), ("zh", "en"), ("vi",), ("de",)])
        aud = ("everyone",) if rng.random() < 0.75 else (rng.choice(
            ["women", "men", "lgbtq", "young-adults", "teens", "seniors", "veterans",
             "bipoc", "parents", "families"]),)
        out.append(GroupProfile(
            id=gid, slug=f"group-{gid}", name=name,
            organization=f"{name_c} {rng.choice(ORG)}",
            description=_description(rng, topics), topics=topics,
            approach=rng.choice(["twelve-step", "twelve-step", "smart", "secular",
                                 "faith-based", "mindfulness", "other", None]),
            format=fmt, cost=rng.choices(["free", "donation", "sliding-scale", "fee"],
                                         weights=[40, 40, 10, 10])[0],
            languages=langs, audience=aud,
            access=tuple(a for a in ("wheelchair", "asl", "captions", "childcare")
                         if rng.random() < 0.15),
            welcome=rng.choice(["open", "closed", None]),
            last_verified=base_day - timedelta(days=rng.randint(0, 500))
            if rng.random() < 0.95 else None,
            updated=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 600_000)),
            accepting_new_members=rng.random() < 0.95,
            meetings=tuple(meetings), lat=lat, lon=lon,
        ))
    return out


TEXTS = [
    "codependency", "codependancy", "people pleasing", "my husband drinks", "my wife drinks",
    "lost my mom", "grief", "greif", "anxiety", "anxeity", "panic attacks", "alcohol",
    "alchohol", "quit drinking", "gambling", "sports betting", "porn", "overeating",
    "binge eating", "depression", "feeling down", "lonely", "burnout", "ptsd", "trauma",
    "self esteem", "dementia caregiver", "video games", "quit smoking", "vaping",
    "adult children of alcoholics", "inner child", "my son uses", "al-anon", "smart recovery",
    "boundaries", "divorce", "toxic relationship", "opioids", "cocaine", "sober",
    "recovery", "meditation", "support group", "widow", "new in town", "social anxiety",
]


def make_queries(directory: list[GroupProfile], count: int = 240,
                 seed: int = 11) -> list[Query]:
    """A fixed mix of seeker queries (text, topics, places, filters, sorts, name lookups)."""
    rng = random.Random(seed)
    codes = [t.code for t in TOPIC_LIST]
    out: list[Query] = []
    weights = [c[4] for c in CITIES]
    for i in range(count):
        city = rng.choices(CITIES, weights=weights)[0]
        place = {"lat": city[1] + rng.gauss(0, 0.05), "lon": city[2] + rng.gauss(0, 0.05)}
        kind = i % 10
        q: dict[str, Any] = {}
        if kind in (0, 1, 2):
            q = {"text": rng.choice(TEXTS), **place}
        elif kind == 3:
            q = {"topics": [rng.choice(codes)], **place,
                 "radius_km": rng.choice([8.0, 16.0, 40.0, 80.0])}
        elif kind == 4:
            q = {"text": rng.choice(TEXTS)}
        elif kind == 5:
            q = {**place, "formats": [rng.choice(["in-person", "hybrid"])],
                 "costs": ["free", "donation"], "days": [rng.choice(
                     ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])],
                 "times": [rng.choice(["morning", "evening"])]}
        elif kind == 6:
            q = {"topics": [rng.choice(codes)], **place,
                 "sort": rng.choice(["distance", "soonest", "recent"])}
        elif kind == 7:
            q = {"topics": [rng.choice(codes)], "formats": ["online"],
                 "languages": [rng.choice(["en", "es"])], "sort": "soonest"}
        elif kind == 8:
            q = {"text": rng.choice(directory).name}
        else:
            q = {"text": rng.choice(TEXTS), **place, "audience": [rng.choice(
                ["women", "lgbtq", "veterans", "young-adults"])], "page": rng.choice([1, 2])}
        q.setdefault("tz", city[3])
        out.append(Query(**q))
    return out
