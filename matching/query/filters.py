"""Filter words: words of the search text that name a filter ("free", "online", "women",
"en español", "tonight", "wheelchair", "12 step") — see ``matching/data/filters.tsv``.

Found words become the filters they name and are then not also used as search words. Rules
that keep ordinary sentences from triggering filters (each row's ``rule``):

* ``meeting`` — day and time words ("morning", "at night", "today", "friday", "weekends"),
  and faith or practice words ("christian", "meditation") count only when the text also
  speaks of meetings: a meeting word ("meeting", "group", "reunión"…), a fellowship or
  programme name, or a filter word of another kind ("free", "online", "women"). "Drinking in
  the morning", "I drink on weekends" and "catholic guilt" tell a story; "aa morning
  meeting", "gam-anon on weekends" and "christian recovery group" ask for a meeting. A game
  played "all night" never names the night filter. "Tonight" ("ce soir", "esta noche") needs
  no such words.
* habits — a day or time word after "every", "each", "all", "tous les", "chaque", "todos
  los", "cada"… ("every night", "tous les soirs", "cada fin de semana") is never a filter.
* ``not-before-topic`` — "online" before a topic word ("online gaming", "online betting",
  "online porn") is part of the topic, and so is "online" / "en línea" / "en ligne" after what
  one does online ("poker online", "apuestas en línea", "paris sportifs en ligne").
* ``audience`` — a people word ("women", "men", "gay", "black") that is the subject of a
  verb ("women keep rejecting me", "men don't listen") or part of a thing's name ("black
  tar") is not a wish for such a group.
* ``not-after-topic`` — "free" after a thing ("drug free", "sugar free", "smoke free") or
  before "from"/"of"/"base" ("free from alcohol", "free base") is not the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from matching.query.lexicon import MEETING_WORDS, _data_lines
from matching.query.stemming import Token

TOPIC_AFTER_ONLINE = frozenset(
    """gaming game games gamer gamers betting bets bet gambling gamble poker casino casinos
    porn pornography shopping sex dating slots addiction addicted addict chat chats
    apuestas juegos jeux paris reality""".split()
)
# "Online" after these is what someone does online, not how to meet ("met him online").
ONLINE_NOT_AFTER = frozenset(
    """met meet bet betting gamble gambling gambles play playing plays shop shopping
    buy buying spend spending spends scrolling hours time porn chat chatting games gaming
    everything stuff him her them someone somebody people guy girl men women friends
    poker casino casinos slots sex dating lottery
    apuestas apuesta apostar apuesto apostando juego juegos jugar jugando casino poker porno
    pornografia sexo compras loteria tragamonedas videojuegos deportivas deportivos
    paris parier parie jeu jeux jouer joue sportifs sportives pornographie sexe achats
    magasinage loterie grattage""".split()
)
NOT_COST_BEFORE = frozenset(
    """drug drugs alcohol sugar smoke smoking nicotine tobacco gluten debt stress pain sober
    be get getting stay staying feel feeling set break breaking live living want wanna
    to am i m so finally being days weeks months years drink booze meth gambling porn live
    sugar caffeine""".split()
)
# After an audience word, these say it is the subject of a sentence, not a wish.
AUDIENCE_NOT_BEFORE = frozenset(
    """keep keeps are is was were dont don't never always hate hates think say says said
    reject rejecting rejected want wants like likes make makes wont cant do does will just
    who that treat treated look looks leave left scare scares ignore ignored call called
    no nunca siempre me son estan ne sont me m
    tar market sheep out""".split()
)
# Before a day or time word, these make it a habit ("every night", "tous les soirs").
HABIT_MARKERS = frozenset(
    """every each all whole always usually most tous toutes chaque todos todas cada
    siempre toujours""".split()
)
# Relation words after a people or language word ("my french boyfriend") make it a
# description, not a wish.
RELATION_AFTER = frozenset(
    """boyfriend girlfriend husband wife partner friend friends mom dad mother father son
    daughter brother sister fries toast kiss class classes teacher""".split()
)
NOT_COST_AFTER = frozenset({"from", "of", "myself", "yourself", "spirit", "time", "base",
                            "basing"})


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

    def find(self, tokens: Sequence[Token], *, named_programme: bool = False
             ) -> list[FilterHit]:
        """Filter hits, longest first, not overlapping, each rule checked.

        ``named_programme``: the text names a fellowship or programme (a meeting context).
        """
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
        def when(rows: list[FilterRow]) -> bool:
            return rows[0].param in ("day", "time")

        # Words of meetings, a programme's name, or a filter word of the other group (day and
        # time words vs. the rest) make a meeting context.
        spoken = bool(set(words) & MEETING_WORDS) or named_programme
        kinds = {when(rows) for _, _, rows in candidates}
        hits = []
        for start, end, rows in candidates:
            rule = rows[0].rule
            prev = words[start - 1] if start > 0 else ""
            nxt = words[end] if end < n else ""
            if rule == "meeting" and not (spoken or (not when(rows)) in kinds):
                continue
            if rows[0].param in ("day", "time") and (
                    prev in HABIT_MARKERS
                    or (start > 1 and words[start - 2] in HABIT_MARKERS
                        and prev in ("les", "los", "las", "the", "night", "morning"))):
                continue
            if rule == "not-before-topic" and (nxt in TOPIC_AFTER_ONLINE
                                                or prev in ONLINE_NOT_AFTER):
                continue
            if rule == "audience" and (nxt in AUDIENCE_NOT_BEFORE or nxt in RELATION_AFTER):
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
