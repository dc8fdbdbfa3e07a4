"""The offline gazetteer (GeoNames-derived, shipped as package data under places/data/),
loaded lazily once per process into compact in-memory indexes."""

from __future__ import annotations

import gzip
import logging
import math
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from places.model import (
    CORE_COUNTRIES,
    CORE_COUNTRY_BONUS,
    DEFAULT_COUNTRY_BONUS,
    FUZZY_MIN_CHARS,
    GAZETTEER_DIR,
    TIMEZONE_MAX_KM,
    Place,
    haversine_km_many,
    normalise_name,
)

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------------------------


def _read_tsv(path: Path):
    """Rows of a gzip'd TSV, streamed (no whole-file copies: they would bloat the RSS)."""
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
        next(fh, None)  # header
        for line in fh:
            line = line.rstrip("\n")
            if line:
                yield line.split("\t")


class Gazetteer:
    """Compact in-memory indexes over the gazetteer files; build once, then read-only.

    Places (cities and postal localities) and postcodes are stored column-wise: numbers in
    numpy arrays, names in lists, repeated codes interned. ``by_key`` maps a normalised name
    to one row id (an int) or several (a tuple, largest population first).
    """

    def __init__(self, data_dir: Path = GAZETTEER_DIR) -> None:
        self.region_names: dict[tuple[str, str], str] = {}
        self.regions_by_key: dict[str, list[tuple[str, str]]] = {}
        self.region_keys: dict[tuple[str, str], list[str]] = {}
        for cc, code, name, aliases in _read_tsv(data_dir / "regions.tsv.gz"):
            self.region_names[(cc, code)] = name
            keys = {normalise_name(k) for k in [name, code, *aliases.split("|")] if k}
            # Numeric admin codes ("00", "08") are not something a person types as a region.
            keys = sorted(k for k in keys if k and not k.isdigit())
            self.region_keys[(cc, code)] = keys
            for key in keys:
                self.regions_by_key.setdefault(key, []).append((cc, code))

        core_region_keys = {
            k for k, rs in self.regions_by_key.items() if any(r[0] in CORE_COUNTRIES for r in rs)
        }

        self.country_names: dict[str, str] = {}
        self.country_by_key: dict[str, str] = {}
        for code, name, aliases in _read_tsv(data_dir / "countries.tsv.gz"):
            self.country_names[code] = name
            # Other countries' two-letter codes answer only when they clash with no state or
            # province ("IN", "PA", "GA") and fold to themselves ("ST" folds to "saint").
            folded_code = normalise_name(code)
            own_code = (
                [code]
                if code in CORE_COUNTRIES
                or (folded_code == code.lower() and folded_code not in core_region_keys)
                else []
            )
            for key in [name, *own_code, *aliases.split("|")]:
                folded = normalise_name(key)
                if folded:
                    self.country_by_key.setdefault(folded, code)

        self.country_list: list[str] = sorted(self.country_names)
        cc_index = {c: i for i, c in enumerate(self.country_list)}
        self.zones: list[str] = [""]
        zone_index: dict[str, int] = {"": 0}

        def zone_id(zone: str) -> int:
            if zone not in zone_index:
                zone_index[zone] = len(self.zones)
                self.zones.append(zone)
            return zone_index[zone]

        # -- places -----------------------------------------------------------------------
        names: list[str] = []
        keys: list[str] = []
        region_codes: list[str] = []
        country_idx = array("h")
        zone_idx = array("h")
        lat = array("d")
        lon = array("d")
        population = array("q")
        by_key: dict[str, Any] = {}
        intern = sys.intern
        # `key` is normalise_name(name), computed at build time: the bulk of the load cost.
        for name, key, cc, region, la, lo, pop, zone in _read_tsv(data_dir / "places.tsv.gz"):
            i = len(names)
            names.append(name)
            keys.append(key)
            region_codes.append(intern(region))
            if cc not in cc_index:
                cc_index[cc] = len(self.country_list)
                self.country_list.append(cc)
            country_idx.append(cc_index[cc])
            zone_idx.append(zone_id(zone))
            lat.append(float(la))
            lon.append(float(lo))
            population.append(int(pop))
            if key:
                found = by_key.get(key)
                if found is None:
                    by_key[key] = i
                elif isinstance(found, int):
                    by_key[key] = [found, i]
                else:
                    found.append(i)
        self.names = names
        self.keys = keys
        self.region_codes = region_codes
        self.country_idx = np.frombuffer(country_idx, dtype=np.int16)
        self.zone_idx = np.frombuffer(zone_idx, dtype=np.int16)
        self.lat = np.frombuffer(lat, dtype=np.float64)
        self.lon = np.frombuffer(lon, dtype=np.float64)
        self.population = np.frombuffer(population, dtype=np.int64)
        self.is_city = self.population > 0  # GeoNames cities; 0 marks a postal locality
        # A rank that puts big places first within one name.
        self.rank = np.log10(self.population.astype(np.float64) + 1.0)
        pop_list = self.population.tolist()
        for key, found in by_key.items():
            if not isinstance(found, int):
                by_key[key] = tuple(sorted(found, key=lambda i: -pop_list[i]))
        self.by_key: dict[str, int | tuple[int, ...]] = by_key
        # The most populous city of each region, for text that names only a region.
        self.largest_in_region: dict[tuple[str, str], int] = {}
        best_pop: dict[tuple[int, str], int] = {}
        for i in np.flatnonzero(self.is_city).tolist():
            ident = (country_idx[i], region_codes[i])
            if pop_list[i] > best_pop.get(ident, 0):
                best_pop[ident] = pop_list[i]
                self.largest_in_region[(self.country_list[ident[0]], ident[1])] = i

        # Name vocabularies for typo matching (the strings are shared with by_key).
        vocab_by_country: dict[int, set[str]] = {}
        vocab_by_initial: dict[str, set[str]] = {}
        vocab_by_both: dict[tuple[int, str], set[str]] = {}
        vocab_by_region: dict[tuple[int, str], set[str]] = {}
        for key, c, region in zip(keys, country_idx, region_codes, strict=True):
            if key:
                vocab_by_country.setdefault(c, set()).add(key)
                if self.country_list[c] in CORE_COUNTRIES:
                    vocab_by_initial.setdefault(key[0], set()).add(key)
                vocab_by_both.setdefault((c, key[0]), set()).add(key)
                vocab_by_region.setdefault((c, region), set()).add(key)
        self.vocab_by_country = {
            self.country_list[c]: sorted(v) for c, v in vocab_by_country.items()
        }
        self.vocab_by_initial = {k: sorted(v) for k, v in vocab_by_initial.items()}
        self.vocab_by_country_initial = {
            (self.country_list[c], ch): sorted(v) for (c, ch), v in vocab_by_both.items()
        }
        self.vocab_by_region = {
            (self.country_list[c], r): sorted(v) for (c, r), v in vocab_by_region.items()
        }

        # Region and country names for near-miss hints ("Scotlnd"); codes are too short.
        hint_keys = {
            k for k, rs in self.regions_by_key.items() if any(r[0] in CORE_COUNTRIES for r in rs)
        } | set(self.country_by_key)
        self.hint_vocab = sorted(k for k in hint_keys if len(k) >= FUZZY_MIN_CHARS)

        # -- postcodes: "US97214" → row ----------------------------------------------------
        self.postcode_rows: dict[str, int] = {}
        pc_names: list[str] = []
        pc_regions: list[str] = []
        pc_lat = array("d")
        pc_lon = array("d")
        pc_zone = array("h")
        for cc, code, name, region, la, lo, zone in _read_tsv(data_dir / "postcodes.tsv.gz"):
            self.postcode_rows[cc + code] = len(pc_names)
            pc_names.append(name)
            pc_regions.append(intern(region))
            pc_lat.append(float(la))
            pc_lon.append(float(lo))
            pc_zone.append(zone_id(zone))
        self.pc_names = pc_names
        self.pc_regions = pc_regions
        self.pc_lat = np.frombuffer(pc_lat, dtype=np.float64)
        self.pc_lon = np.frombuffer(pc_lon, dtype=np.float64)
        self.pc_zone = np.frombuffer(pc_zone, dtype=np.int16)

    def ids_for(self, key: str) -> tuple[int, ...]:
        """Row ids of places with this normalised name, largest population first."""
        found = self.by_key.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def has_postcode(self, cc: str, code: str) -> bool:
        return cc + code in self.postcode_rows

    # -- building places ---------------------------------------------------------------------

    def place(self, i: int, *, approximate: bool = False, kind: str = "city") -> Place:
        cc = self.country_list[self.country_idx[i]]
        region = self.region_codes[i]
        pop = int(self.population[i])
        return Place(
            name=self.names[i],
            region=self.region_names.get((cc, region), ""),
            region_code=region,
            country=cc,
            country_name=self.country_names.get(cc, cc),
            lat=float(self.lat[i]),
            lon=float(self.lon[i]),
            timezone=self.zones[self.zone_idx[i]] or None,
            kind=kind,
            approximate=approximate,
            population=pop or None,
        )

    def postcode_place(self, cc: str, code: str, *, approximate: bool = False) -> Place | None:
        j = self.postcode_rows.get(cc + code)
        if j is None:
            return None
        region = self.pc_regions[j]
        return Place(
            name=self.pc_names[j],
            region=self.region_names.get((cc, region), ""),
            region_code=region,
            country=cc,
            country_name=self.country_names.get(cc, cc),
            lat=float(self.pc_lat[j]),
            lon=float(self.pc_lon[j]),
            timezone=self.zones[self.pc_zone[j]] or None,
            kind="postcode",
            approximate=approximate,
            population=None,
            postcode=code,
        )

    def country_of(self, i: int) -> str:
        return self.country_list[self.country_idx[i]]

    # -- queries -----------------------------------------------------------------------------

    def nearest(self, lat: float, lon: float, *, cities_only: bool = True) -> tuple[int, float]:
        """Row id and distance (km) of the nearest place; a lat band keeps it cheap."""
        for band in (1.0, 4.0, 180.0):
            mask = np.abs(self.lat - lat) <= band
            if cities_only:
                mask &= self.is_city
            ids = np.flatnonzero(mask)
            if ids.size:
                d = haversine_km_many(lat, lon, self.lat[ids], self.lon[ids])
                j = int(np.argmin(d))
                # Only trust a band's winner if nothing outside the band could be closer.
                if d[j] <= band * 111.0 or band == 180.0:
                    return int(ids[j]), float(d[j])
        return -1, math.inf

    def nearest_timezone(self, lat: float, lon: float) -> str | None:
        """IANA zone of the nearest gazetteer place within TIMEZONE_MAX_KM, else None."""
        i, dist = self.nearest(lat, lon, cities_only=False)
        if i < 0 or dist > TIMEZONE_MAX_KM:
            return None
        return self.zones[self.zone_idx[i]] or None

    def score(self, i: int, default_country: str) -> float:
        cc = self.country_of(i)
        bonus = DEFAULT_COUNTRY_BONUS if cc == default_country else 0.0
        if cc in CORE_COUNTRIES:
            bonus += CORE_COUNTRY_BONUS
        return float(self.rank[i]) + bonus


_gazetteer: Gazetteer | None = None
_gazetteer_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use (thread-safe)."""
    global _gazetteer
    if _gazetteer is None:
        with _gazetteer_lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer()
    return _gazetteer
