"""Reading the seeker's words: filter words, lexicon entries and viewpoint, in one pass.

:func:`understand` is pure (no clock): it returns what the text says — filters, topics,
whether a family member writes — and the words left for text relevance. The index applies it
(see ``Index.search``), and reports it as ``SearchResult.understood``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from matching.query.filters import FilterHit, default_filter_words
from matching.query.lexicon import LexiconHit, _data_lines, ambiguous_ok, default_lexicon
from matching.query.stemming import Token, tokenize
from matching.query.viewpoint import Viewpoint, default_viewpoint_words
from matching.text import STOPWORDS


def _stopwords() -> dict[str, frozenset[str]]:

    words: dict[str, set[str]] = {}
    for row in _data_lines("stopwords.tsv"):
        if len(row) >= 2:
            words.setdefault(row[0], set()).update(row[1].split())
    return {lang: frozenset(ws) for lang, ws in words.items()}


STOPWORDS_BY_LANG = _stopwords()
FOREIGN_STOPWORDS = frozenset().union(*STOPWORDS_BY_LANG.values())
# Topics whose family members' fellowships exist (Al-Anon, Nar-Anon, Gam-Anon, S-Anon…).
FAMILY_TOPIC = "family-and-friends"
ADULT_CHILD_TOPIC = "adult-children"


@dataclass(frozen=True)
class Understanding:
    """What the words of a search said.

    ``text``: the words left for text relevance (folded; filter words and Spanish/French
    function words removed); ``filters``: ``(param, value, words as typed)``;
    ``hits``: lexicon entries found (kept after the context rules), positions into
    ``tokens``; ``covered``: positions in ``text``'s words that a lexicon entry explains;
    ``viewpoint``: see :class:`~matching.query.viewpoint.Viewpoint`.
    """

    raw: str
    tokens: tuple[Token, ...] = ()
    text: str = ""
    filters: tuple[tuple[str, str, str], ...] = ()
    hits: tuple[LexiconHit, ...] = ()
    covered: frozenset[int] = frozenset()
    hit_positions: tuple[frozenset[int], ...] = ()  # per hit, its positions in ``text``
    viewpoint: Viewpoint = field(default_factory=Viewpoint)
    approaches: tuple[str, ...] = ()  # approaches the named programmes follow (a preference)

    def words_of(self, start: int, end: int) -> str:
        """The typed words of token positions ``[start, end)``, as in the original text."""
        if start >= end:
            return ""
        return self.raw[self.tokens[start].start:self.tokens[end - 1].end]

    @property
    def family(self) -> bool:
        return self.viewpoint.family or any(h.entry.family for h in self.hits)


def understand(text: str, topic_codes: tuple[str, ...] | None = None, *,
               addiction_topics: frozenset[str] = frozenset(), use_filters: bool = True
               ) -> Understanding:
    """Read ``text`` (already clamped to a sane length).

    ``topic_codes``: the taxonomy's codes (lexicon entries for other codes are ignored);
    ``addiction_topics``: codes whose mention by a relation makes a family viewpoint;
    ``use_filters``: False to leave filter words in the text (an exact group name).
    """
    return _understand(text, topic_codes, addiction_topics, use_filters)


@lru_cache(maxsize=20_000)
def _understand(text: str, topic_codes: tuple[str, ...] | None,
                addiction_topics: frozenset[str], use_filters: bool) -> Understanding:
    tokens = tokenize(text)
    if not tokens:
        return Understanding(raw=text)
    lexicon = default_lexicon(topic_codes)
    candidates = lexicon.find(tokens)
    programme = any(h.entry.approach and not h.entry.ambiguous for h in candidates)
    fhits: list[FilterHit] = (default_filter_words().find(tokens, named_programme=programme)
                              if use_filters else [])
    used = {p for h in fhits for p in range(h.start, h.end)}
    # Words that would be filters in a meeting context do not make a text "about" more than
    # an acronym: "na le samedi matin" is NA on Saturday morning.
    unsure = any(h.entry.ambiguous for h in candidates)
    maybe = used | ({p for h in default_filter_words().find(tokens, named_programme=True)
                     for p in range(h.start, h.end)} if use_filters and unsure else set())
    meaningful = sum(1 for i, t in enumerate(tokens)
                     if i not in maybe and t.word not in STOPWORDS
                     and t.word not in FOREIGN_STOPWORDS)
    present = {t.word for t in tokens}
    candidates = [h for h in candidates if not h.entry.lang_only
                  or present & STOPWORDS_BY_LANG.get(h.entry.lang, frozenset())]
    sure = [h for h in candidates if not h.entry.ambiguous]
    rough = default_viewpoint_words()
    topics_seen = {t for h in sure for t in h.entry.topics}
    view = rough.read(tokens, addiction_topic=bool(topics_seen & addiction_topics))
    kept = list(sure)
    for h in candidates:
        if h.entry.ambiguous and ambiguous_ok(h, tokens, text, meaningful=meaningful,
                                              others=sure, viewpoint=bool(view.relation)):
            kept.append(h)
    kept.sort(key=lambda h: h.start)
    if len(kept) != len(sure):
        topics_seen = {t for h in kept for t in h.entry.topics}
        view = rough.read(tokens, addiction_topic=bool(topics_seen & addiction_topics))
    if use_filters and not programme and any(h.entry.approach for h in kept):
        # An acronym read as a fellowship ("na le samedi matin") makes a meeting context too.
        fhits = default_filter_words().find(tokens, named_programme=True)
        used = {p for h in fhits for p in range(h.start, h.end)}

    # The words left for text relevance, and where each lexicon hit sits among them.
    clean_pos: dict[int, int] = {}
    clean: list[str] = []
    for i, t in enumerate(tokens):
        if i in used or t.word in FOREIGN_STOPWORDS:
            continue
        clean_pos[i] = len(clean)
        clean.append(t.word)
    hit_positions = tuple(frozenset(clean_pos[p] for p in h.positions if p in clean_pos)
                          for h in kept)
    covered = frozenset().union(*hit_positions) if hit_positions else frozenset()

    filters: list[tuple[str, str, str]] = []
    for h in fhits:
        words = text[tokens[h.start].start:tokens[h.end - 1].end]
        for param, value in h.filters:
            if (param, value) not in [(p, v) for p, v, _ in filters]:
                filters.append((param, value, words))
    approaches = tuple(dict.fromkeys(h.entry.approach for h in kept if h.entry.approach))
    return Understanding(
        raw=text, tokens=tuple(tokens), text=" ".join(clean), filters=tuple(filters),
        hits=tuple(kept), covered=covered, hit_positions=hit_positions, viewpoint=view,
        approaches=approaches,
    )


def without_words(text: str, words: str) -> str:
    """``text`` with the first occurrence of ``words`` (compared folded) cut out.

    The web layer uses it to turn a chip off: the search words are rewritten without the
    filter words, so the filter is no longer read from them.
    """
    toks = tokenize(text)
    target = [t.word for t in tokenize(words)]
    if not target:
        return " ".join(text.split())
    for i in range(len(toks) - len(target) + 1):
        if [t.word for t in toks[i:i + len(target)]] == target:
            cut = text[:toks[i].start] + " " + text[toks[i + len(target) - 1].end:]
            return " ".join(cut.split())
    return " ".join(text.split())
