"""The lexicon of the field: fellowship names and acronyms, drug street and brand names,
everyday phrases in English, Spanish and French, regional words → topics.

The entries are data, in ``matching/data/lexicon.tsv`` (each with a note on the source of its
meaning). Entries of language ``*`` (names, acronyms) match folded words exactly; entries of
``en``/``es``/``fr`` match Snowball stems of that language, so word forms meet ("alcoholics
anonymous" ~ "alcoholic anonymous", "apuestas" ~ "apuesta").

Acronyms that are also common words or place abbreviations (rule ``acronym``: "ca", "oa",
"ga", "na", "sa", "ea"; and ambiguous slang such as "pot", "speed", "juego") are decided by
context — see :func:`ambiguous_ok`:

* written in capitals ("CA", "OA") → the acronym;
* blocked when it reads as a place ("in CA", "near GA", "Sacramento, CA": after ``in``,
  ``near``, ``en``, ``a``, or after a comma) or, for "ca", as French "ça" (typed with the
  cedilla, or next to French function words: "ça va", "comme ca");
* otherwise it counts when the text also has a meeting word ("meeting", "group", "reunión",
  "réunion", "anonymous"…), a viewpoint word ("my son…"), another recognised entry sharing a
  topic (an addiction word such as "addicted to" supports every addiction topic), a word of
  using or quitting for a longer slang name ("quit lean", "accro au pétard"), or when it is
  the only meaningful word of the text; a one-word slang name before "on", "of", "up"…
  ("lean on", "pot of tea") is the everyday word ("oa" alone = Overeaters
  Anonymous: a seeker types a fellowship's acronym alone far more often than the word).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from matching.query.stemming import LANGUAGES, Token, stem

MAX_PHRASE_WORDS = 6
# Typo tolerance for names of two or more words (rapidfuzz ratio, 0–100; word length).
FUZZY_CUTOFF = 80.0
FUZZY_MIN_LEN = 5
# One-word entries: only long words, nearly the same, same first letter.
SINGLE_FUZZY_MIN_LEN = 7
SINGLE_FUZZY_CUTOFF = 88.0

# Words that say the text is about meetings (support for an ambiguous acronym).
MEETING_WORDS = frozenset(
    """meeting meetings group groups anonymous anonymes anonimos anonimo fellowship
    reunion reuniones grupo grupos groupe groupes reunions rencontre rencontres
    recovery program programme programa step steps""".split()
)
# Words of using, quitting or being hooked: context for an ambiguous name of a substance or
# habit ("addicted to lean", "quit pot", "accro au pétard"), but not for a short acronym.
HABIT_WORDS = frozenset(
    """addicted addiction addict addicts hooked quit quitting sober habit dependent
    dependence withdrawal withdrawals misuse
    adicto adicta adiccion enganchado enganchada vicio
    accro dependance dependant sevrage""".split()
)
# After these, a one-word slang name is the everyday word ("lean on", "pot of", "speed up").
PLAIN_WORD_AFTER = frozenset({"on", "of", "up", "into", "against", "back"})
# Topics an addiction word supports ("addicted to" names the parent topic, addiction).
ADDICTION_TOPICS = frozenset(
    {"alcohol", "drugs", "gambling", "sex-and-love", "food", "gaming-and-tech", "nicotine"})
# Before these, a two-letter code reads as a place ("in CA").
PLACE_MARKERS = frozenset({"in", "near", "en", "a", "around", "from", "of"})
# Next to these, "ca" is French "ça".
FRENCH_CA_CONTEXT = frozenset(
    """va vas fait comme je tu il elle on c que qui pas me te se ne ou si quoi sert
    suffit marche passe""".split()
)


@dataclass(frozen=True)
class Entry:
    lang: str
    phrase: str
    topics: tuple[str, ...]
    approach: str | None
    family: bool
    ambiguous: bool
    note: str
    lang_only: bool = False  # rule "lang": only in a text with function words of ``lang``


@dataclass(frozen=True)
class LexiconHit:
    """An entry found in the text: token positions ``[start, end)`` in the full token list."""

    entry: Entry
    start: int
    end: int

    @property
    def positions(self) -> range:
        return range(self.start, self.end)


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("matching").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for row in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if not row or not row[0] or row[0].startswith("#"):
            continue
        rows.append([c.strip() for c in row])
    return rows


def load_entries() -> tuple[Entry, ...]:
    """Every lexicon entry, as shipped in ``matching/data/lexicon.tsv``."""
    out = []
    for row in _data_lines("lexicon.tsv"):
        row = (row + [""] * 7)[:7]
        lang, phrase, topics, approach, family, rule, note = row
        out.append(Entry(
            lang=lang, phrase=phrase,
            topics=tuple(t.strip() for t in topics.split(",") if t.strip()),
            approach=approach or None, family=family == "yes", ambiguous=rule == "acronym",
            note=note, lang_only=rule == "lang",
        ))
    return tuple(out)


class Lexicon:
    """Finds lexicon entries in a token list (longest first, not overlapping)."""

    def __init__(self, entries: Iterable[Entry], topic_codes: Iterable[str] | None = None):
        allowed = set(topic_codes) if topic_codes is not None else None
        # key: (lang or "*", tuple of stems or words) -> entries
        self.table: dict[tuple[str, tuple[str, ...]], list[Entry]] = {}
        self.names: set[str] = set()
        # Names of two or more words, by first word, for typo-tolerant matching.
        self.fuzzy: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self.single_fuzzy: dict[str, list[Entry]] = {}
        for e in entries:
            topics = tuple(t for t in e.topics if allowed is None or t in allowed)
            if not topics:
                continue
            e = Entry(e.lang, e.phrase, topics, e.approach, e.family, e.ambiguous, e.note,
                      e.lang_only)
            words = tuple(e.phrase.split())
            if not words or len(words) > MAX_PHRASE_WORDS:
                continue
            if e.lang == "*":
                key = ("*", words)
                if len(words) == 1 and not e.ambiguous:
                    self.names.add(words[0])
            else:
                key = (e.lang, tuple(stem(w, e.lang) for w in words))
            self.table.setdefault(key, []).append(e)
            if len(words) >= 2 and not e.ambiguous:
                self.fuzzy.setdefault(words[0], []).append((words, e))
            elif len(words[0]) >= SINGLE_FUZZY_MIN_LEN and not e.ambiguous and not e.lang_only:
                self.single_fuzzy.setdefault(words[0], []).append(e)
        self.max_len = max((len(k[1]) for k in self.table), default=0)
        self.fuzzy_firsts = list(self.fuzzy)
        self.single_words = list(self.single_fuzzy)

    def find(self, tokens: Sequence[Token], blocked: set[int] | frozenset[int] = frozenset()
             ) -> list[LexiconHit]:
        """Candidate hits, longest first at each position; ambiguous ones not yet decided."""
        words = [t.word for t in tokens]
        stems = {lang: [stem(w, lang) for w in words] for lang in LANGUAGES}
        hits: list[LexiconHit] = []
        taken: set[int] = set()
        n = len(words)
        for i in range(n):
            if i in taken or i in blocked:
                continue
            for size in range(min(self.max_len, n - i), 0, -1):
                span = range(i, i + size)
                if any(j in blocked or j in taken for j in span):
                    continue
                found = list(self.table.get(("*", tuple(words[i:i + size])), ()))
                for lang in LANGUAGES:
                    found.extend(self.table.get((lang, tuple(stems[lang][i:i + size])), ()))
                if found:
                    for e in _dedupe(found):
                        hits.append(LexiconHit(e, i, i + size))
                    taken.update(span)
                    break
            else:
                hit = self._fuzzy_at(words, i, taken | set(blocked))
                if hit is not None:
                    hits.append(hit)
                    taken.update(hit.positions)
                    continue
                for e in self._fuzzy_single(words[i]):
                    hits.append(LexiconHit(e, i, i + 1))
                    taken.add(i)
        return hits

    def _fuzzy_single(self, word: str) -> list[Entry]:
        """Entries of one long word that ``word`` misspells ("ludopatia" ~ "ludopatya"):
        at least SINGLE_FUZZY_MIN_LEN letters, the same first letter, within
        SINGLE_FUZZY_CUTOFF."""
        if len(word) < SINGLE_FUZZY_MIN_LEN or not self.single_words:
            return []
        found = process.extractOne(word, self.single_words, scorer=fuzz.ratio,
                                   score_cutoff=SINGLE_FUZZY_CUTOFF)
        if found is None or found[0][0] != word[0]:
            return []
        return _dedupe(self.single_fuzzy[found[0]])

    def _fuzzy_at(self, words: list[str], i: int, taken: set[int]) -> LexiconHit | None:
        """A name of two or more words starting at ``i`` with slips in its words
        ("alcolicos anonimos"): every word equal, or both of at least FUZZY_MIN_LEN letters
        and within FUZZY_CUTOFF (rapidfuzz ratio)."""
        first = words[i]
        if len(first) < FUZZY_MIN_LEN:
            candidates = [first] if first in self.fuzzy else []
        else:
            candidates = [c for c, _score, _ in process.extract(
                first, self.fuzzy_firsts, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                limit=5)]
        best: tuple[float, tuple[str, ...], Entry] | None = None
        for cand in candidates:
            for name, entry in self.fuzzy[cand]:
                n = len(name)
                if i + n > len(words) or any(j in taken for j in range(i, i + n)):
                    continue
                total = 0.0
                for w, target in zip(words[i:i + n], name, strict=True):
                    if w == target:
                        total += 100.0
                        continue
                    if len(w) < FUZZY_MIN_LEN or len(target) < FUZZY_MIN_LEN:
                        break
                    score = fuzz.ratio(w, target)
                    if score < FUZZY_CUTOFF:
                        break
                    total += score
                else:
                    key = (total / n + n, name, entry)
                    if best is None or key[0] > best[0]:
                        best = key
        if best is None:
            return None
        return LexiconHit(best[2], i, i + len(best[1]))


def _dedupe(entries: list[Entry]) -> list[Entry]:
    seen: list[Entry] = []
    for e in entries:
        if all((e.topics, e.family) != (s.topics, s.family) for s in seen):
            seen.append(e)
    return seen


def ambiguous_ok(hit: LexiconHit, tokens: Sequence[Token], text: str, *, meaningful: int,
                 others: Sequence[LexiconHit], viewpoint: bool) -> bool:
    """Whether an ambiguous entry is meant here (rules in the module docstring)."""
    first = tokens[hit.start]
    prev = tokens[hit.start - 1].word if hit.start > 0 else ""
    nxt = tokens[hit.end].word if hit.end < len(tokens) else ""
    short = hit.end - hit.start == 1 and len(first.word) <= 3
    # a slang word ("pot", "lean", "tomar"), not a two-letter acronym ("ca", "oa")
    slang = hit.end - hit.start > 1 or len(first.word) >= 3
    if short:
        if hit.entry.phrase == "ca" and ("ç" in first.raw.lower()
                                          or prev in FRENCH_CA_CONTEXT
                                          or nxt in FRENCH_CA_CONTEXT):
            return False
        if prev in PLACE_MARKERS:
            return False
        if hit.start > 0 and "," in text[tokens[hit.start - 1].end:first.start]:
            return False
        if first.raw.isupper() and len(first.raw) >= 2:
            return True
    if slang and hit.end - hit.start == 1 and nxt in PLAIN_WORD_AFTER:
        return False  # "lean on", "pot of tea", "speed up": the everyday word
    words = {t.word for t in tokens}
    if words & MEETING_WORDS or viewpoint:
        return True
    topics = set(hit.entry.topics)
    if any(not o.entry.ambiguous and (topics & set(o.entry.topics)
                                      or (slang and "addiction" in o.entry.topics
                                          and topics & ADDICTION_TOPICS))
           for o in others if o is not hit):
        return True
    if slang and topics & ADDICTION_TOPICS and words & HABIT_WORDS:
        return True
    return meaningful <= hit.end - hit.start


@lru_cache(maxsize=4)
def default_lexicon(topic_codes: tuple[str, ...] | None = None) -> Lexicon:
    """The shipped lexicon, limited to the given topic codes (built once per code set)."""
    return Lexicon(load_entries(), topic_codes)
