"""Crisis support: the table of crisis lines by country, which country and language a seeker
gets, the panel's words (from the catalogs, in the panel's language), and how a crisis search
is re-aimed at groups that help.

The lines are public services' numbers (checked against each service's own published
numbers, December 2026). Override or extend them with the ``CRISIS_LINES`` setting: a mapping
of ISO country code → list of ``{name, phone, sms, url}`` (a country listed replaces its
defaults; ``"INTL"`` replaces the international fallback), or ``CRISIS_LINES_FILE``, the path of
a JSON file of the same shape. ``CRISIS_LINE`` (free text) stays the banner on every page.

No Flask imports: the views pass in the request's language and the app's settings.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from directory.i18n.text import N_, gettext, using_language
from matching.crisis import Crisis, detect_crisis
from places.model import GAZETTEER_DIR

INTERNATIONAL = "INTL"
LANGUAGES = ("en", "es", "fr")
GAZETTEER_PLACES = GAZETTEER_DIR / "places.tsv.gz"


@dataclass(frozen=True)
class CrisisLine:
    name: str
    country: str | None  # ISO 3166-1 alpha-2; None for the international fallback
    phone: str | None = None  # as people write it ("116 123"); the tel: link drops spaces
    sms: str | None = None
    url: str | None = None

    @property
    def tel_href(self) -> str | None:
        return f"tel:{dial_string(self.phone)}" if self.phone else None

    @property
    def sms_href(self) -> str | None:
        return f"sms:{dial_string(self.sms)}" if self.sms else None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "phone": self.phone,
                "sms": self.sms, "url": self.url}


def dial_string(number: str) -> str:
    """What a phone dials: digits, with a leading + kept ("0800 543 354" → "0800543354")."""
    number = number.strip()
    return ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)


# Lines' names that describe the service as well as naming it: catalog messages, said in the
# panel's language (the official Spanish name of 988's lifeline, Canada's French one); a
# proper name alone ("Samaritans", "Lifeline") is the same in every language. Configured
# lines (CRISIS_LINES, CRISIS_LINES_FILE) are shown as written.
LINE_NAMES = {
    "US": N_("988 Suicide & Crisis Lifeline"), "CA": N_("9-8-8 Suicide Crisis Helpline"),
    "IE": N_("50808 text line"), "NZ": N_("1737 Need to talk?"),
    INTERNATIONAL: N_("Find A Helpline (crisis lines in every country)"),
}

# Checked December 2026 against each service's published numbers. Left out because they could
# not be confirmed: a web address for Shout (GB), 50808 (IE), 1737 and Lifeline Aotearoa (NZ),
# and Samaritans Ireland's own site; per-country emergency numbers (the text says "your local
# emergency number" everywhere).
DEFAULT_LINES: dict[str, tuple[CrisisLine, ...]] = {
    "US": (CrisisLine(LINE_NAMES["US"], "US", phone="988", sms="988",
                      url="https://988lifeline.org/chat"),),
    "CA": (CrisisLine(LINE_NAMES["CA"], "CA", phone="9-8-8", sms="9-8-8",
                      url="https://988.ca"),),
    "GB": (CrisisLine("Samaritans", "GB", phone="116 123", url="https://www.samaritans.org"),
           CrisisLine("Shout", "GB", sms="85258")),
    "IE": (CrisisLine("Samaritans", "IE", phone="116 123"),
           CrisisLine(LINE_NAMES["IE"], "IE", sms="50808")),
    "AU": (CrisisLine("Lifeline", "AU", phone="13 11 14", sms="0477 13 11 14",
                      url="https://www.lifeline.org.au"),),
    "NZ": (CrisisLine(LINE_NAMES["NZ"], "NZ", phone="1737", sms="1737"),
           CrisisLine("Lifeline Aotearoa", "NZ", phone="0800 543 354")),
    INTERNATIONAL: (CrisisLine(LINE_NAMES[INTERNATIONAL], None,
                               url="https://findahelpline.com"),),
}

# The panel's words (English; the catalogs in translations/ say them in es and fr).
PANEL_WORDS: dict[str, str] = {
    "heading": N_("You don't have to face this alone"),
    "message": N_("If you are thinking about suicide, have hurt yourself, someone has taken "
                  "too much, or you are not safe, please talk to someone now. These lines are "
                  "free, confidential and open day and night."),
    "emergency": N_("In immediate danger? Call your local emergency number."),
    "call": N_("Call"), "text": N_("Text"), "web": N_("Website"),
    "groups": N_("Peer-support groups that may help, below:"),
    "region": N_("Lines for %(country)s"),
    "region_international": N_("Lines in your country"),
}
# The countries of the default lines, as the region heading names them ("Lines for the
# United States" / "Líneas para Estados Unidos").
COUNTRY_NAMES: dict[str, str] = {
    "US": N_("the United States"), "CA": N_("Canada"), "GB": N_("the United Kingdom"),
    "IE": N_("Ireland"), "AU": N_("Australia"), "NZ": N_("New Zealand"),
}


def panel_strings(language: str) -> dict[str, str]:
    """The panel's words in `language` (the region heading keeps its %(country)s)."""
    with using_language(language):
        return {key: gettext(words) for key, words in PANEL_WORDS.items()}


def line_in(line: CrisisLine, language: str) -> CrisisLine:
    """`line` with a default line's descriptive name said in `language`."""
    if line.name not in _TRANSLATED_NAMES:
        return line
    with using_language(language):
        return replace(line, name=gettext(line.name))


_TRANSLATED_NAMES = frozenset(LINE_NAMES.values())


def country_name(code: str, language: str) -> str:
    """A default line's country named in `language`; another code as it is."""
    if code not in COUNTRY_NAMES:
        return code
    with using_language(language):
        return gettext(COUNTRY_NAMES[code])


# Groups that help, by kind of crisis, added as topics when the seeker's words name nothing
# else (see crisis_plan). Suicidal thoughts: depression and grief & loss (where suicide-loss
# groups are filed); self-harm: depression and trauma; overdose: drugs; abuse: trauma.
HELPFUL_TOPICS: dict[str, tuple[str, ...]] = {
    "suicide": ("depression", "grief"),
    "self-harm": ("depression", "trauma"),
    "overdose": ("drugs",),
    "abuse": ("trauma",),
}


class CrisisConfigError(ValueError):
    """The CRISIS_LINES setting is malformed (raised at start-up, never per request)."""


def load_lines(overrides: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
               path: str | None = None) -> dict[str, tuple[CrisisLine, ...]]:
    """The crisis-line table: the defaults, then a JSON file's countries, then a mapping's."""
    table = dict(DEFAULT_LINES)
    sources: list[Mapping[str, Any]] = []
    if path:
        try:
            sources.append(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise CrisisConfigError(
                f"CRISIS_LINES_FILE {path!r} is not readable JSON: {exc}") from exc
    if overrides:
        sources.append(overrides)
    for source in sources:
        if not isinstance(source, Mapping):
            raise CrisisConfigError("CRISIS_LINES must map country codes to lists of lines")
        for code, entries in source.items():
            country = str(code).upper()
            if not (country == INTERNATIONAL or re.fullmatch(r"[A-Z]{2}", country)):
                raise CrisisConfigError(f"CRISIS_LINES: {code!r} is not a country code")
            lines = []
            for entry in entries:
                if not isinstance(entry, Mapping) or not str(entry.get("name", "")).strip():
                    raise CrisisConfigError(f"CRISIS_LINES[{code}]: every line needs a name")
                values = {k: (str(entry[k]).strip() or None) if entry.get(k) else None
                          for k in ("phone", "sms", "url")}
                if not any(values.values()):
                    raise CrisisConfigError(
                        f"CRISIS_LINES[{code}]: {entry['name']!r} needs a phone, sms or url")
                for key in ("phone", "sms"):
                    if values[key] and not re.fullmatch(r"\+?[\d\s().-]{2,20}", values[key]):
                        raise CrisisConfigError(
                            f"CRISIS_LINES[{code}]: {values[key]!r} is not a phone number")
                if values["url"] and not values["url"].startswith("https://"):
                    raise CrisisConfigError(f"CRISIS_LINES[{code}]: urls must be https://")
                lines.append(CrisisLine(str(entry["name"]).strip(),
                                        None if country == INTERNATIONAL else country, **values))
            table[country] = tuple(lines)
    return table


@lru_cache(maxsize=1)
def zone_countries() -> dict[str, str]:
    """IANA zone → the country most of its people live in (from the offline gazetteer):
    America/Chicago → US, Europe/Dublin → IE, Pacific/Auckland → NZ."""
    people: dict[tuple[str, str], int] = {}
    with gzip.open(GAZETTEER_PLACES, "rt", encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 8 or not cols[7]:
                continue
            key = (cols[7], cols[2])
            people[key] = people.get(key, 0) + int(cols[6] or 0) + 1
    best: dict[str, tuple[int, str]] = {}
    for (zone, country), count in people.items():
        if zone not in best or count > best[zone][0]:
            best[zone] = (count, country)
    return {zone: country for zone, (_, country) in best.items()}


def seeker_country(*, place_country: str | None, tz: str | None,
                   default_country: str | None) -> str | None:
    """The seeker's country: the place they gave, else their time zone's, else the default
    (the interface language alone does not pin a country: Spanish is spoken in both the US
    and Spain)."""
    if place_country:
        return place_country.upper()
    if tz:
        country = zone_countries().get(tz)
        if country:
            return country
    return default_country.upper() if default_country else None


def lines_for(country: str | None, table: Mapping[str, tuple[CrisisLine, ...]]
              ) -> tuple[str, tuple[CrisisLine, ...]]:
    """(country used, its lines); a country the table doesn't know gets the international
    fallback (and the fallback is always listed last, for travellers)."""
    if country and country in table and country != INTERNATIONAL:
        return country, table[country] + table[INTERNATIONAL]
    return INTERNATIONAL, table[INTERNATIONAL]


def panel_language(*, hl: str | None, accept_language: str | None,
                   detected: str | None) -> str:
    """`hl` when it is en/es/fr, else the first Accept-Language tag's primary subtag when it
    is one of those, else the language of the words that signalled the crisis, else en."""
    if hl and hl.strip().lower() in LANGUAGES:
        return hl.strip().lower()
    if accept_language:
        first = _first_language(accept_language)
        if first in LANGUAGES:
            return first
    return detected if detected in LANGUAGES else "en"


def _first_language(header: str) -> str | None:
    """The primary subtag of the highest-quality tag of an Accept-Language header."""
    best: tuple[float, int, str] | None = None
    for position, item in enumerate(header.split(",")[:20]):
        parts = item.strip().split(";")
        tag = parts[0].strip().lower()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in parts[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        candidate = (-quality, position, tag.split("-")[0])
        if quality > 0 and (best is None or candidate < best):
            best = candidate
    return best[2] if best else None


@dataclass(frozen=True)
class CrisisPanel:
    """Everything the page, the embed and the API show for a crisis search."""

    kind: str
    language: str
    country: str  # the table's key used, INTERNATIONAL for the fallback
    lines: tuple[CrisisLine, ...]
    strings: dict[str, str] = field(default_factory=dict)
    topics_added: tuple[str, ...] = ()
    banner_text: str | None = None  # a configured CRISIS_LINE, shown too

    @property
    def message(self) -> str:
        return f"{self.strings['message']} {self.strings['emergency']}"

    @property
    def region_label(self) -> str:
        if self.country == INTERNATIONAL:
            return self.strings["region_international"]
        return self.strings["region"] % {"country": country_name(self.country,
                                                                  self.language)}

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "kind": self.kind, "language": self.language,
                "country": None if self.country == INTERNATIONAL else self.country,
                "lines": [line.to_json() for line in self.lines]}


def build_panel(crisis: Crisis, *, country: str | None, language: str,
                table: Mapping[str, tuple[CrisisLine, ...]],
                topics_added: tuple[str, ...] = (), banner_text: str | None = None
                ) -> CrisisPanel:
    used, lines = lines_for(country, table)
    lines = tuple(line_in(line, language) for line in lines)
    return CrisisPanel(kind=crisis.kind, language=language, country=used, lines=lines,
                       strings=panel_strings(language), topics_added=topics_added,
                       banner_text=banner_text)


@dataclass(frozen=True)
class CrisisPlan:
    """How a crisis search is run: the crisis found, and the text and topics the matcher gets
    instead of the seeker's words (None: keep them)."""

    crisis: Crisis
    text: str | None
    topics: tuple[str, ...] | None
    topics_added: tuple[str, ...] = ()


def crisis_plan(raw_text: str | None, *, topics: tuple[str, ...]) -> CrisisPlan | None:
    """Detect a crisis in the seeker's raw words and say what to search for.

    The crisis words themselves are taken out of the matcher's text (they match nothing
    useful: "kill myself" found self-esteem groups). When nothing else is asked for and no
    topic was chosen, the groups that help with that kind of crisis are searched
    (HELPFUL_TOPICS); otherwise the rest of the words and the chosen topics are searched."""
    crisis = detect_crisis(raw_text)
    if crisis is None:
        return None
    if crisis.names_something_else:
        return CrisisPlan(crisis=crisis, text=crisis.remainder[:200], topics=None)
    if topics:
        return CrisisPlan(crisis=crisis, text="", topics=None)
    added = tuple(dict.fromkeys(t for k in crisis.kinds for t in HELPFUL_TOPICS[k]))
    return CrisisPlan(crisis=crisis, text="", topics=added, topics_added=added)
