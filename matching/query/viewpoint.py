"""Whose problem it is: "my husband drinks", "mi hijo consume", "ma fille boit".

A text that names someone close to the seeker (a relation word: husband, daughter, friend,
"ser querido", "un proche"…) together with a problem word (drinks, uses, gambles, addicted,
"bebe", "se drogue"…) or an addiction topic is written by a family member or friend: it asks
for groups for family and friends, with the substance as context. Not when the person died
("lost my husband" is grief) or is being cared for ("caring for my husband with dementia" is
caregiving). A parent with past or childhood words ("grew up with an alcoholic dad", "my
parents drank") points to adult-children groups instead. Words: ``matching/data/viewpoint.tsv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from matching.query.lexicon import _data_lines
from matching.query.stemming import Token

# A problem word at most this many words after a relation word is the relation's problem
# (long stories put the drinking far after "my husband").
WINDOW = 40

@dataclass(frozen=True)
class Viewpoint:
    """What the words say about whose problem it is.

    ``relation``: the relation words as typed ("husband"), or "" when none;
    ``family``: the seeker writes about someone else's drinking/using/gambling…;
    ``adult_child``: about a parent, in the past or in childhood;
    ``problem``: a problem word was found (drinks, uses…); ``span``: token positions used.
    """

    relation: str = ""
    family: bool = False
    adult_child: bool = False
    problem: bool = False
    span: tuple[int, int] | None = None


class ViewpointWords:
    def __init__(self, rows: Sequence[tuple[str, str, str]]):
        self.kinds: dict[tuple[str, ...], set[str]] = {}
        for _lang, kind, words in rows:
            self.kinds.setdefault(tuple(words.split()), set()).add(kind)
        self.max_len = max((len(k) for k in self.kinds), default=1)

    def _find(self, words: list[str]) -> list[tuple[int, int, set[str]]]:
        out = []
        n = len(words)
        for i in range(n):
            for size in range(min(self.max_len, n - i), 0, -1):
                kinds = self.kinds.get(tuple(words[i:i + size]))
                if kinds:
                    out.append((i, i + size, kinds))
                    break
        return out

    def read(self, tokens: Sequence[Token], *, addiction_topic: bool) -> Viewpoint:
        """The viewpoint of a text; ``addiction_topic``: an addiction topic was recognised."""
        words = [t.word for t in tokens]
        found = self._find(words)
        relations = [(s, e) for s, e, k in found if k & {"relation", "parent"}]
        if not relations:
            return Viewpoint()
        kinds = set().union(*(k for _, _, k in found))
        problems = [(a, b) for a, b, k in found if "problem" in k]
        s, e = relations[0]
        relation = " ".join(t.raw for t in tokens[s:e])
        positions = [p for a, b, k in found for p in range(a, b)
                     if k & {"relation", "parent", "problem"}]
        span = (min(positions), max(positions) + 1)
        if "grief" in kinds or "care" in kinds:
            return Viewpoint(relation=relation, problem=bool(problems), span=span)
        # The problem is the relation's when its word follows the relation closely ("my son
        # uses", "my husband's drinking") or stands right before it ("alcoholic husband");
        # a problem told before and apart from a relation is the writer's own ("drinking to
        # sleep, wife says I need to talk to someone").
        theirs = [
            (rs, re_) for rs, re_ in relations
            if any(0 <= ps - re_ <= WINDOW or pe == rs for ps, pe in problems)
        ]
        if not theirs and not (addiction_topic and not problems):
            return Viewpoint(relation=relation, problem=bool(problems), span=span)
        if theirs:
            s, e = theirs[0]
            relation = " ".join(t.raw for t in tokens[s:e])
        only_parents = all("parent" in k for a, b, k in found if k & {"relation", "parent"})
        if only_parents and "past" in kinds:
            return Viewpoint(relation=relation, adult_child=True, problem=bool(problems),
                             span=span)
        return Viewpoint(relation=relation, family=True, problem=bool(problems), span=span)


@lru_cache(maxsize=1)
def default_viewpoint_words() -> ViewpointWords:
    """The shipped viewpoint words (``matching/data/viewpoint.tsv``)."""
    rows = []
    for row in _data_lines("viewpoint.tsv"):
        lang, kind, words = (row + ["", "", ""])[:3]
        rows.append((lang, kind, words))
    return ViewpointWords(rows)
