"""Filter words: words of the search text that name a filter ("free", "online", "women",
"en español", "tonight", "wheelchair", "12 step") — see ``matching/data/filters.tsv``.

Found words become the filters they name and are then not also used as search words. Rules
that keep ordinary sentences from triggering filters (each row's ``rule``):

* ``meeting`` — bare time-of-day words ("morning", "at night", "late night") count only when
  the text also speaks of meetings (a meeting word, a weekday, another filter word, or a
  fellowship name): "drinking in the morning" is a habit, "aa morning meeting" a wish, and a
  game played "all night" never names the night filter.
* ``not-before-topic`` — "online" before a topic word ("online gaming", "online betting",
  "online porn") is part of the topic.
* ``audience`` — a people word ("women", "men", "gay", "black") that is the subject of a
  verb ("women keep rejecting me", "men don't listen") is not a wish for such a group.
* ``not-after-topic`` — "free" after a thing ("drug free", "sugar free", "smoke free") or
  before "from"/"of" ("free from alcohol") is not the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from matching.query.lexicon import MEETING_WORDS, _data_lines
from matching.query.stemming import Token

WEEKDAY_WORDS = frozenset(
    """monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays
    saturday saturdays sunday sundays weekend weekends lunes martes miercoles jueves viernes
    sabado sabados domingo domingos lundi mardi mercredi jeudi vendredi samedi dimanche
    tonight today tomorrow""".split()
)
TOPIC_AFTER_ONLINE = frozenset(
    """gaming game games gamer gamers betting bets bet gambling gamble poker casino casinos
    porn pornography shopping sex dating slots addiction addicted addict chat chats
    apuestas juegos jeux paris""".split()
)
NOT_COST_BEFORE = frozenset(
    """drug drugs alcohol sugar smoke smoking nicotine tobacco gluten debt stress pain sober
    be get getting stay staying feel feeling set break breaking live living want wanna
    to am i m so finally being""".split()
)
# After an audience word, these say it is the subject of a sentence, not a wish.
AUDIENCE_NOT_BEFORE = frozenset(
    """keep keeps are is was were dont don't never always hate hates think say says said
    reject rejecting rejected want wants like likes make makes wont cant do does will just
    who that treat treated look looks leave left scare scares ignore ignored call called
    no nunca siempre me son estan ne sont me m""".split()
)
NOT_COST_AFTER = frozenset({"from", "of", "myself", "yourself", "spirit", "time"})


@dataclass(frozen=True)
class FilterRow:
    phrase: tuple[str, ...]
    param: str
    value: str
    rule: str
    note: str


@dataclass(frozen=True)
class FilterHit:
    """Filter words found at token positions ``[start, end)``, naming one or more filters."""

    start: int
    end: int
    filters: tuple[tuple[str, str], ...]  # (param, value)


class FilterWords:
    def __init__(self, rows: Sequence[FilterRow]):
        self.table: dict[tuple[str, ...], list[FilterRow]] = {}
        for r in rows:
            self.table.setdefault(r.phrase, []).append(r)
        self.max_len = max((len(k) for k in self.table), default=0)

    def find(self, tokens: Sequence[Token], names: frozenset[str] | set[str] = frozenset()
             ) -> list[FilterHit]:
        """Filter hits, longest first, not overlapping, each rule checked."""
        words = [t.word for t in tokens]
        n = len(words)
        candidates: list[tuple[int, int, list[FilterRow]]] = []
        i = 0
        while i < n:
            for size in range(min(self.max_len, n - i), 0, -1):
                rows = self.table.get(tuple(words[i:i + size]))
                if rows:
                    candidates.append((i, i + size, rows))
                    i += size
                    break
            else:
                i += 1
        plain = any(r.rule != "meeting" for _, _, rows in candidates for r in rows)
        meeting_context = bool(set(words) & (MEETING_WORDS | WEEKDAY_WORDS | set(names))) \
            or plain
        hits = []
        for start, end, rows in candidates:
            rule = rows[0].rule
            prev = words[start - 1] if start > 0 else ""
            nxt = words[end] if end < n else ""
            if rule == "meeting" and not meeting_context:
                continue
            if rule == "not-before-topic" and nxt in TOPIC_AFTER_ONLINE:
                continue
            if rule == "audience" and nxt in AUDIENCE_NOT_BEFORE:
                continue
            if rule == "not-after-topic" and (prev in NOT_COST_BEFORE or nxt in NOT_COST_AFTER):
                continue
            hits.append(FilterHit(start, end, tuple((r.param, r.value) for r in rows)))
        return hits


def load_rows() -> list[FilterRow]:
    out = []
    for row in _data_lines("filters.tsv"):
        lang, phrase, param, value, rule, note = (row + [""] * 6)[:6]
        out.append(FilterRow(tuple(phrase.split()), param, value, rule, note))
    return out


@lru_cache(maxsize=1)
def default_filter_words() -> FilterWords:
    """The shipped filter words (``matching/data/filters.tsv``)."""
    return FilterWords(load_rows())
