"""Offline place resolution: what a seeker typed, or a listing's address, to coordinates and zone.

The gazetteer under ``places/data/`` (built by ``scripts/build_gazetteer.py`` from
GeoNames data, CC BY 4.0) is loaded lazily, once per process, into compact in-memory indexes:
numpy arrays for coordinates and populations, a dict from normalised name to row ids, a dict
of postcodes, and per-country / per-initial name vocabularies for typo-tolerant matching with
RapidFuzz. Nothing here touches the network unless a :class:`NominatimFallback` is passed in,
and nothing here imports Flask.

Resolution order for seeker text (:func:`resolve_place`):

1. coordinates (``"45.52, -122.68"``) → the nearest city names them;
2. a postcode wins (US ZIP and ZIP+4, Canadian FSA or full code, UK outcode or full
   postcode, AU/NZ/IE codes), as the whole text, a comma part, or its first or last words;
3. a city name (or a nickname: NYC, LA, Philly…), narrowed by trailing country and region
   hints (names, codes, "UK", "USA"), then ranked by population with bonuses for the default
   country and Circles' own countries; a region or country alone gives its largest city;
4. typos, via fuzzy matching over the name vocabulary (marked ``approximate``);
5. exact names inside longer text ("1234 Main St, Portland, OR"; "Portland, OR 99999");
6. optionally an online geocoder, only after an offline miss.

Time zones (:func:`timezone_at`) come from timezonefinder when it is installed (it is a
build-time extra), and otherwise from the nearest gazetteer place within
``TIMEZONE_MAX_KM``: every city, locality and postcode carries its IANA zone.

``approximate`` on a resolved place means "this is our best guess, not what you typed"
(a fuzzy or partial match). Places from :func:`geocode_address` are always approximate: they
are postcode or city centroids, never street-level positions.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from places.gazetteer import Gazetteer, get_gazetteer
from places.model import (
    ALIASES,
    CORE_COUNTRIES,
    COUNTRY_MESSAGE,
    EMPTY_MESSAGE,
    FUZZY_CUTOFF,
    FUZZY_HINT_CUTOFF,
    FUZZY_MESSAGE,
    FUZZY_MIN_CHARS,
    FUZZY_POPULATION_WEIGHT,
    GEOCODE_FUZZY_CUTOFF,
    LEADING_FILLERS,
    MAX_ALTERNATIVES,
    MAX_INPUT_CHARS,
    NEAR_ME_MESSAGE,
    NEAR_ME_PHRASES,
    NOT_A_PLACE_MESSAGE,
    NOT_FOUND_MESSAGE,
    NOT_PLACES,
    REGION_MESSAGE,
    REGION_NAMED_CITY_MIN_POPULATION,
    SUGGESTION_CUTOFF,
    TIMEZONE_MAX_KM,
    TOO_LONG_MESSAGE,
    TRAILING_FILLERS,
    Place,
    Resolution,
    clean_text,
    normalise_name,
)
from places.timezones import timezone_at

if TYPE_CHECKING:
    from places.online import NominatimFallback

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Parsing seeker text
# --------------------------------------------------------------------------------------------

_COORDS = re.compile(
    r"^\s*(?P<lat>[-+]?\d{1,2}(?:\.\d+)?)\s*°?\s*(?P<ns>[NS])?\s*[,;\s]\s*"
    r"(?P<lon>[-+]?\d{1,3}(?:\.\d+)?)\s*°?\s*(?P<ew>[EW])?\s*$",
    re.IGNORECASE,
)
_US_ZIP = re.compile(r"^(\d{5})(?:-?\d{4})?$")
_CA_FULL = re.compile(r"^([A-Z]\d[A-Z])\s?(\d[A-Z]\d)$")
_CA_FSA = re.compile(r"^[A-Z]\d[A-Z]$")
_GB_FULL = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s?(\d[A-Z]{2})$")
_GB_OUT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_FOUR_DIGITS = re.compile(r"^\d{4}$")
_IE_FULL = re.compile(r"^([AC-FHKNPRTV-Y]\d{2}|D6W)\s?([AC-FHKNPRTV-Y\d]{4})$")
_IE_KEY = re.compile(r"^(?:[AC-FHKNPRTV-Y]\d{2}|D6W)$")


def _postcode_keys(chunk: str) -> list[tuple[str, str]]:
    """(country, code in the gazetteer) readings of one chunk that looks like a postcode."""
    up = chunk.upper().strip()
    out: list[tuple[str, str]] = []
    if m := _US_ZIP.match(up):
        out.append(("US", m.group(1)))
    if m := _CA_FULL.match(up):
        out.append(("CA", m.group(1)))
    elif _CA_FSA.match(up):
        out.append(("CA", up))
    if m := _GB_FULL.match(up):
        out.append(("GB", m.group(1)))
    elif _GB_OUT.match(up):
        out.append(("GB", up))
    if _FOUR_DIGITS.match(up):
        out += [("AU", up), ("NZ", up)]
    if m := _IE_FULL.match(up):
        out.append(("IE", m.group(1)))
    elif _IE_KEY.match(up):
        out.append(("IE", up))
    return out


def _postcode_chunks(text: str) -> list[tuple[str, str, bool]]:
    """Pieces of text that may be a postcode: (piece, the rest, piece is a leading number)."""
    chunks: list[tuple[str, str, bool]] = []
    parts = [p.strip() for p in text.split(",")]
    for i, part in enumerate(parts):
        if part:
            chunks.append((part, ", ".join(p for j, p in enumerate(parts) if j != i), False))
    words = text.replace(",", " ").split()
    for size in (2, 1):  # "SW1A 1AA" is two words
        if len(words) > size:
            chunks.append((" ".join(words[-size:]), " ".join(words[:-size]), False))
            head = " ".join(words[:size])
            chunks.append((head, " ".join(words[size:]), head.isdigit()))
    return chunks


@dataclass
class _Hints:
    countries: set[str] | None = None
    regions: set[tuple[str, str]] | None = None
    fuzzy: bool = False  # the hint itself was a near miss ("Scotlnd")

    def allows(self, cc: str, region: str) -> bool:
        if self.countries is not None and cc not in self.countries:
            return False
        return self.regions is None or (cc, region) in self.regions


def _hint_parses(gaz: Gazetteer, tokens: list[str], text: str) -> list[tuple[str, _Hints]]:
    """Readings of the tokens as (name, hints), the most specific first."""
    parses: list[tuple[int, str, _Hints]] = []
    country_options: list[tuple[int, set[str] | None]] = [(0, None)]
    for size in (4, 3, 2, 1):
        if len(tokens) > size:
            code = gaz.country_by_key.get(" ".join(tokens[-size:]))
            if code:
                country_options.append((size, {code}))
    for c_size, countries in country_options:
        rest = tokens[: len(tokens) - c_size]
        region_options: list[tuple[int, set[tuple[str, str]] | None]] = [(0, None)]
        for size in (4, 3, 2, 1):
            if len(rest) > size:
                found = gaz.regions_by_key.get(" ".join(rest[-size:]), [])
                found = [r for r in found if countries is None or r[0] in countries]
                if found:
                    region_options.append((size, set(found)))
        for r_size, regions in region_options:
            name = " ".join(rest[: len(rest) - r_size])
            if name:
                specificity = (c_size > 0) + (r_size > 0)
                parses.append((specificity, name, _Hints(countries, regions)))
    parses.sort(key=lambda p: -p[0])  # stable: among equals, longer hints were added last
    out = [(name, hints) for _, name, hints in parses]
    if len(parses) == 1 and "," in text:
        out += _fuzzy_hint_parses(gaz, text)
    return out


def _fuzzy_hint_parses(gaz: Gazetteer, text: str) -> list[tuple[str, _Hints]]:
    """A misspelt region or country after the last comma ("Edinburgh, Scotlnd")."""
    head, _, tail = text.rpartition(",")
    name, tail = normalise_name(head), normalise_name(tail)
    if not name or len(tail) < FUZZY_MIN_CHARS:
        return []
    match = process.extractOne(
        tail, gaz.hint_vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_HINT_CUTOFF
    )
    if match is None:
        return []
    key = match[0]
    regions = {r for r in gaz.regions_by_key.get(key, []) if r[0] in CORE_COUNTRIES}
    if regions:
        return [(name, _Hints(regions=regions, fuzzy=True))]
    return [(name, _Hints(countries={gaz.country_by_key[key]}, fuzzy=True))]


def _alias_ids(gaz: Gazetteer, key: str) -> list[int]:
    target = ALIASES.get(key)
    if not target:
        return []
    name, cc, region = target
    return [
        i
        for i in gaz.ids_for(normalise_name(name))
        if gaz.country_of(i) == cc and gaz.region_codes[i] == region
    ][:1]


def _rank(gaz: Gazetteer, ids: list[int], default_country: str) -> list[int]:
    """Distinct places, best ranking score first."""
    return _dedupe(sorted(set(ids), key=lambda i: (-gaz.score(i, default_country), i)), gaz)


def _fuzzy_matches(
    gaz: Gazetteer, name: str, hints: _Hints, default_country: str, cutoff: float
) -> list[tuple[float, int]]:
    """(similarity, row id) of places whose names are near `name`, best first.

    Similarity is RapidFuzz's fuzz.ratio (0–100); the order adds population
    (``FUZZY_POPULATION_WEIGHT`` × the population score) so a big city beats a hamlet
    one letter closer. Names containing digits are not fuzzed: they are house numbers.
    """
    if len(name) < FUZZY_MIN_CHARS or any(ch.isdigit() for ch in name):
        return []
    countries = sorted(hints.countries or {cc for cc, _ in hints.regions or ()})
    # Typos rarely hit the first letter: search names sharing it first, then (for a typo in
    # the first letter) the whole vocabulary of the hinted or default country. A region hint
    # makes the vocabulary small enough to search whole.
    if hints.regions:
        first = [gaz.vocab_by_region.get(r, []) for r in sorted(hints.regions)]
        second = []
    elif countries:
        first = [gaz.vocab_by_country_initial.get((cc, name[0]), []) for cc in countries]
        second = [gaz.vocab_by_country.get(cc, []) for cc in countries]
    else:
        first = [gaz.vocab_by_initial.get(name[0], [])]
        second = [gaz.vocab_by_country.get(default_country, [])]
    matches: list[tuple[str, float]] = []
    for vocabularies in (first, second):
        for vocab in vocabularies:
            matches += [
                (m[0], m[1])
                for m in process.extract(
                    name, vocab, scorer=fuzz.ratio, limit=25, score_cutoff=cutoff
                )
            ]
        if any(similarity >= FUZZY_CUTOFF for _, similarity in matches):
            break
    # Unhinted typos are read as places in Circles' countries (or the default one).
    home = None if countries else {*CORE_COUNTRIES, default_country}
    scored: list[tuple[float, float, int]] = []
    for key, similarity in matches:
        for i in gaz.ids_for(key):
            cc = gaz.country_of(i)
            if hints.allows(cc, gaz.region_codes[i]) and (home is None or cc in home):
                rank = similarity + FUZZY_POPULATION_WEIGHT * gaz.score(i, default_country)
                scored.append((rank, similarity, i))
    scored.sort(key=lambda s: -s[0])
    kept = set(_dedupe([i for _, _, i in scored], gaz))
    out = []
    for _, similarity, i in scored:
        if i in kept:
            kept.discard(i)
            out.append((similarity, i))
    return out


def _fuzzy_ids(
    gaz: Gazetteer, name: str, hints: _Hints, default_country: str, cutoff: float
) -> list[int]:
    """Row ids whose names are at least `cutoff` similar to `name`, best first."""
    return [i for _, i in _fuzzy_matches(gaz, name, hints, default_country, cutoff)]


def _dedupe(ids: list[int], gaz: Gazetteer) -> list[int]:
    """Keep the first of rows naming the same place (same name, country and region)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for i in ids:
        ident = (gaz.keys[i], gaz.country_of(i), gaz.region_codes[i])
        if ident not in seen:
            seen.add(ident)
            out.append(i)
    return out


def _largest_in(gaz: Gazetteer, hints: _Hints, default_country: str) -> int | None:
    """The best-ranked city of the hinted regions (countries are not asked for)."""
    ids = [gaz.largest_in_region.get(r) for r in sorted(hints.regions or ())]
    ids = [i for i in ids if i is not None]
    return max(ids, key=lambda i: gaz.score(i, default_country)) if ids else None


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _resolve(text: str, default_country: str, online: NominatimFallback | None) -> Resolution:
    gaz = get_gazetteer()
    default_country = (default_country or "US").upper()
    cleaned = clean_text(text)
    if len(cleaned) > MAX_INPUT_CHARS:
        return Resolution(query=cleaned[:MAX_INPUT_CHARS], place=None, message=TOO_LONG_MESSAGE)
    tokens = normalise_name(cleaned).split()
    if not tokens:
        return Resolution(query=cleaned, place=None, message=EMPTY_MESSAGE)

    # 1. Coordinates.
    if m := _COORDS.match(cleaned):
        lat, lon = float(m.group("lat")), float(m.group("lon"))
        if (m.group("ns") or "").upper() == "S":
            lat = -abs(lat)
        if (m.group("ew") or "").upper() == "W":
            lon = -abs(lon)
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Resolution(query=cleaned, place=_coordinates_place(gaz, lat, lon))

    # 2. Postcodes.
    postcode = _resolve_postcode(gaz, cleaned, default_country)
    if postcode is not None:
        return postcode

    # 3. Words that are not places: "near me" needs the device's location, "online" a filter.
    whole = " ".join(tokens)
    if whole in NEAR_ME_PHRASES:
        return Resolution(query=cleaned, place=None, message=NEAR_ME_MESSAGE)
    if whole in NOT_PLACES:
        return Resolution(
            query=cleaned, place=None, message=NOT_A_PLACE_MESSAGE.format(text=_shown(cleaned))
        )

    # 4–5. Exact names, also without filler words ("in Portland", "Greater London"), then
    # typos; then the place inside an address or beside an unknown postcode. An exact answer
    # with a message (a region or a whole country) is final.
    resolution = _resolve_name(gaz, cleaned, tokens, default_country, exact_only=True)
    if resolution.place is None and resolution.message is None:
        for variant in _without_fillers(tokens):
            found = _resolve_name(gaz, cleaned, variant, default_country, exact_only=True)
            if found.place is not None and found.message is None:
                resolution = found
                break
    if resolution.place is None and resolution.message is None:
        resolution = _resolve_name(gaz, cleaned, tokens, default_country)
        for tail in _fallback_texts(cleaned) if resolution.place is None else ():
            tail_tokens = normalise_name(tail).split()
            found = _resolve_name(gaz, tail, tail_tokens, default_country, exact_only=True)
            if found.place is not None and found.message is None:
                resolution = Resolution(
                    query=cleaned,
                    place=dc_replace(found.place, approximate=True),
                    alternatives=found.alternatives,
                )
                break
    if resolution.place is None and online is not None:
        found = online.lookup(cleaned, country_codes=None)
        if found is not None:
            return Resolution(query=cleaned, place=found)
    return resolution


def _without_fillers(tokens: list[str]) -> list[list[str]]:
    """The tokens without leading words like "in", "near", "greater" and trailing "area"."""
    start, end = 0, len(tokens)
    while start < end - 1 and tokens[start] in LEADING_FILLERS:
        start += 1
    while end - 1 > start and tokens[end - 1] in TRAILING_FILLERS:
        end -= 1
    return [tokens[start:end]] if (start, end) != (0, len(tokens)) else []


def _fallback_texts(cleaned: str):
    """Shorter readings of text that named no place as a whole, most informative first."""
    # "1234 Main St, Portland, OR": the parts after each comma.
    parts = [p for p in cleaned.split(",") if normalise_name(p)]
    for k in range(1, len(parts)):
        yield ",".join(parts[k:])
    # "Portland, OR 99999": without a postcode-shaped piece that matched no postcode.
    for chunk, rest, _ in _postcode_chunks(cleaned):
        if rest and _postcode_keys(chunk):
            yield rest
    # "1234 Main St Portland OR": ever shorter tails after a house number.
    words = cleaned.replace(",", " ").split()
    if words and words[0].isdigit():
        for k in range(1, len(words)):
            yield " ".join(words[k:])


def _coordinates_place(gaz: Gazetteer, lat: float, lon: float) -> Place:
    i, dist = gaz.nearest(lat, lon)
    near = gaz.place(i) if i >= 0 and dist <= TIMEZONE_MAX_KM else None
    return Place(
        name=near.name if near else f"{lat:.4f}, {lon:.4f}",
        region=near.region if near else "",
        region_code=near.region_code if near else "",
        country=near.country if near else "",
        country_name=near.country_name if near else "",
        lat=lat,
        lon=lon,
        timezone=timezone_at(lat, lon),
        kind="coordinates",
        approximate=False,
    )


def _country_hint(gaz: Gazetteer, text: str) -> set[str] | None:
    """Countries named or implied (by a core region name or code) anywhere in `text`."""
    tokens = normalise_name(text).split()
    found: set[str] = set()
    for size in (4, 3, 2, 1):
        for start in range(0, max(0, len(tokens) - size + 1)):
            key = " ".join(tokens[start : start + size])
            if key in gaz.country_by_key:
                found.add(gaz.country_by_key[key])
            for cc, _ in gaz.regions_by_key.get(key, []):
                if cc in CORE_COUNTRIES:
                    found.add(cc)
    return found or None


def _mentions(gaz: Gazetteer, rest: str, place: Place) -> bool:
    """Does the rest of the text name this postcode's place or region?"""
    padded = f" {normalise_name(rest)} "
    if padded.strip() == "":
        return False
    keys = [normalise_name(place.name), normalise_name(place.region)]
    keys += gaz.region_keys.get((place.country, place.region_code), [])
    return any(f" {k} " in padded for k in keys if k)


def _resolve_postcode(gaz: Gazetteer, cleaned: str, default_country: str) -> Resolution | None:
    candidates: list[tuple[Place, bool]] = []  # place, the rest of the text names it
    rest = ""
    for chunk, rest, leading_number in _postcode_chunks(cleaned):
        for cc, code in _postcode_keys(chunk):
            place = gaz.postcode_place(cc, code)
            if (
                place is None
                and cc == "GB"
                and code[-1].isalpha()
                and _GB_FULL.match(chunk.upper())
            ):
                # A sub-district missing from the data ("SW1W"): its parent district.
                place = gaz.postcode_place(cc, code[:-1], approximate=True)
            if place is None:
                continue
            named = _mentions(gaz, rest, place)
            rest_key = normalise_name(rest)
            # "1234 Main St, …" starts with a street number: a postcode there only counts
            # when the rest is empty, names the postcode's place, or is a country or region.
            if (
                leading_number
                and rest_key
                and not (named or rest_key in gaz.country_by_key or rest_key in gaz.regions_by_key)
            ):
                continue
            candidates.append((place, named))
        if candidates:
            break
    if not candidates:
        return None
    hinted = _country_hint(gaz, rest) if rest else None
    if hinted and not any(p.country in hinted for p, _ in candidates):
        return None  # "Portland, OR 4000": not an Australian postcode after all
    order = {cc: n for n, cc in enumerate(CORE_COUNTRIES)}

    def preference(c: tuple[Place, bool]) -> tuple[int, int, int, int]:
        place, named = c
        return (
            0 if named else 1,
            0 if hinted and place.country in hinted else 1,
            0 if place.country == default_country else 1,
            order.get(place.country, 99),
        )

    candidates.sort(key=preference)
    places = list(dict.fromkeys(p for p, _ in candidates))
    return Resolution(query=cleaned, place=places[0], alternatives=places[1 : 1 + MAX_ALTERNATIVES])


def _resolve_name(
    gaz: Gazetteer,
    cleaned: str,
    tokens: list[str],
    default_country: str,
    *,
    exact_only: bool = False,
) -> Resolution:
    whole = " ".join(tokens)
    parses = _hint_parses(gaz, tokens, cleaned)
    best_ids: list[int] = []
    best_hints = _Hints()
    best_name = whole
    for name, hints in parses:
        ids = _alias_ids(gaz, name) if hints.countries is None and hints.regions is None else []
        ids = [i for i in ids if hints.allows(gaz.country_of(i), gaz.region_codes[i])]
        ids += [
            i for i in gaz.ids_for(name) if hints.allows(gaz.country_of(i), gaz.region_codes[i])
        ]
        if ids:
            best_ids = ids if ALIASES.get(name) else _rank(gaz, ids, default_country)
            best_hints = hints
            best_name = name
            break

    # The whole text may name a region or a country ("Oregon", "Queensland", "Canada").
    region_hits = gaz.regions_by_key.get(whole, [])
    country_hit = gaz.country_by_key.get(whole)
    area = None
    core_regions = {r for r in region_hits if r[0] in CORE_COUNTRIES}
    if core_regions:
        area = _Hints(regions=core_regions)
    elif country_hit:
        area = _Hints(countries={country_hit})
    elif region_hits:
        area = _Hints(regions=set(region_hits))
    if area is not None and (
        not best_ids
        or max(int(gaz.population[i]) for i in best_ids) < REGION_NAMED_CITY_MIN_POPULATION
    ):
        if area.countries:
            # A whole country is no place to measure distance from.
            return Resolution(
                query=cleaned,
                place=None,
                alternatives=[gaz.place(i) for i in best_ids[:MAX_ALTERNATIVES]],
                message=COUNTRY_MESSAGE.format(text=_shown(cleaned)),
            )
        big = _largest_in(gaz, area, default_country)
        if big is not None:
            place = gaz.place(big, approximate=True)
            area_name = (place.region if area.regions else place.country_name) or place.country_name
            return Resolution(
                query=cleaned,
                place=place,
                alternatives=[gaz.place(i) for i in best_ids[:MAX_ALTERNATIVES]],
                message=REGION_MESSAGE.format(label=place.label, region=area_name),
            )

    if best_ids:
        alternatives = best_ids[1:]
        if best_hints.countries or best_hints.regions:
            # Same name elsewhere, as "did you mean" alternatives.
            others = _rank(gaz, list(gaz.ids_for(best_name)), default_country)
            alternatives += [i for i in others if i not in best_ids]
        alternatives = _dedupe([best_ids[0], *alternatives], gaz)[1:]
        place = gaz.place(best_ids[0], approximate=best_hints.fuzzy)
        return Resolution(
            query=cleaned,
            place=place,
            alternatives=[gaz.place(i) for i in alternatives[:MAX_ALTERNATIVES]],
            message=(
                FUZZY_MESSAGE.format(text=_shown(cleaned), label=place.label)
                if best_hints.fuzzy
                else None
            ),
        )

    if exact_only:
        return Resolution(query=cleaned, place=None)

    # Typos: the most specific reading first; weaker matches become suggestions.
    suggestions: list[str] = []
    for name, hints in parses:
        matches = _fuzzy_matches(gaz, name, hints, default_country, SUGGESTION_CUTOFF)
        ids = [i for similarity, i in matches if similarity >= FUZZY_CUTOFF]
        if not suggestions:
            suggestions = [gaz.place(i).label for _, i in matches[:MAX_ALTERNATIVES]]
        if ids:
            place = gaz.place(ids[0], approximate=True)
            alternatives = [gaz.place(i, approximate=True) for i in ids[1 : 1 + MAX_ALTERNATIVES]]
            return Resolution(
                query=cleaned,
                place=place,
                alternatives=alternatives,
                message=FUZZY_MESSAGE.format(text=_shown(cleaned), label=place.label),
                suggestions=[p.label for p in alternatives],
            )

    return Resolution(
        query=cleaned,
        place=None,
        message=NOT_FOUND_MESSAGE.format(text=_shown(cleaned)),
        suggestions=suggestions,
    )


# --------------------------------------------------------------------------------------------
# Public services
# --------------------------------------------------------------------------------------------


def resolve_place(
    text: str,
    *,
    default_country: str = "US",
    online: NominatimFallback | None = None,
    prefer_country: str | None = None,
) -> Resolution:
    """Resolve what a seeker typed to a best place and up to five alternatives; never raises.

    `prefer_country` is the seeker's own country (from their time zone): an ambiguous name
    ("Perth", "Manchester") resolves to a place there whenever one was among the candidates,
    and the others stay as "did you mean" alternatives.
    """
    if not isinstance(text, str):
        return Resolution(query="", place=None, message=EMPTY_MESSAGE)
    try:
        resolution = _resolve(text, (prefer_country or default_country), online)
        return _prefer(resolution, (prefer_country or "").upper(), text)
    except Exception:  # a bug must not turn a search into a 500; it is logged, not hidden
        log.exception("place resolution failed")
        shown = _shown(clean_text(text)[:MAX_INPUT_CHARS])
        return Resolution(query=shown, place=None, message=NOT_FOUND_MESSAGE.format(text=shown))


# The seeker's own country wins an ambiguous name unless its place is tiny beside the best
# one: a Chicago seeker typing "London" means England, not a town of 8,000 in Kentucky.
PREFER_MIN_POPULATION_SHARE = 0.01


def _prefer(resolution: Resolution, country: str, text: str) -> Resolution:
    """The resolution with its best place in `country` when an alternative there has the
    bare name typed (no region or country hint: "Perth, WA" stays in Australia) and is not
    tiny beside the best match (PREFER_MIN_POPULATION_SHARE)."""
    place = resolution.place
    if not country or place is None or place.country == country or place.kind != "city":
        return resolution
    words = len(normalise_name(clean_text(text)).split())
    for i, alt in enumerate(resolution.alternatives):
        if alt.country == country and len(normalise_name(alt.name).split()) == words:
            if place.population and (alt.population or 0) < \
                    PREFER_MIN_POPULATION_SHARE * place.population:
                break
            others = [place, *resolution.alternatives[:i], *resolution.alternatives[i + 1:]]
            message = resolution.message and resolution.message.replace(place.label, alt.label)
            return dc_replace(resolution, place=alt, alternatives=others[:MAX_ALTERNATIVES],
                              message=message)
    return resolution


def geocode_address(
    *,
    address: str | None = None,
    city: str | None = None,
    region: str | None = None,
    postal_code: str | None = None,
    country: str | None = None,
    default_country: str = "US",
) -> Place | None:
    """A listing address to a postcode or city centroid (approximate=True), or None.

    For save and import time, never a search request. The postcode wins, then the city
    (within the region and country when given); a bare street address is read like seeker
    text. With no country given it is inferred from the region ("ON" → Canada), else the
    default country. None when nothing matches: the caller keeps the listing and flags it.
    """
    gaz = get_gazetteer()
    default_country = (default_country or "US").upper()
    cc = _country_code(gaz, country)
    if cc is None and region and region.strip():
        cc = _country_of_region(gaz, region, default_country)
    explicit = cc is not None
    cc = cc or default_country

    if postal_code and postal_code.strip():
        readings = _postcode_keys(clean_text(postal_code))
        # Without a stated country any reading will do, the default country's first.
        readings.sort(key=lambda k: (k[0] != cc, CORE_COUNTRIES.index(k[0])))
        for key_cc, code in readings:
            if explicit and key_cc != cc:
                continue
            place = gaz.postcode_place(key_cc, code, approximate=True)
            if place is None and key_cc == "GB" and code[-1].isalpha():
                place = gaz.postcode_place(key_cc, code[:-1], approximate=True)
            if place is not None:
                return place

    if city and city.strip():
        regions = _region_codes(gaz, cc, region)
        hints = _Hints(countries={cc}, regions={(cc, r) for r in regions} if regions else None)
        key = normalise_name(clean_text(city))
        ids = [i for i in gaz.ids_for(key) if hints.allows(gaz.country_of(i), gaz.region_codes[i])]
        ids = _rank(gaz, ids, cc) or _fuzzy_ids(gaz, key, hints, cc, GEOCODE_FUZZY_CUTOFF)
        if ids:
            return gaz.place(ids[0], approximate=True)

    if address and address.strip():
        resolution = resolve_place(address, default_country=cc)
        if resolution.place is not None and (not explicit or resolution.place.country == cc):
            return _approximate(resolution.place)
    return None


def _country_of_region(gaz: Gazetteer, region: str, default_country: str) -> str | None:
    key = normalise_name(clean_text(region))
    countries = [rcc for rcc, _ in gaz.regions_by_key.get(key, []) if rcc in CORE_COUNTRIES]
    if default_country in countries:
        return default_country
    return countries[0] if countries else None


def _approximate(place: Place) -> Place:
    return dc_replace(place, approximate=True)


def _country_code(gaz: Gazetteer, country: str | None) -> str | None:
    if not country or not country.strip():
        return None
    key = normalise_name(clean_text(country))
    if key.upper() in gaz.country_names:
        return key.upper()
    return gaz.country_by_key.get(key)


def _region_codes(gaz: Gazetteer, cc: str, region: str | None) -> set[str]:
    if not region or not region.strip():
        return set()
    key = normalise_name(clean_text(region))
    return {code for rcc, code in gaz.regions_by_key.get(key, []) if rcc == cc}

