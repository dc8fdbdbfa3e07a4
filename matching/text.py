"""Text relevance: a token inverted index with typo-tolerant lookup, and everyday phrases.

Query words are matched against the *vocabulary* of the directory (some thousands of
terms), never against every description: each query word maps to similar vocabulary terms
(exact, prefix, or — for words the directory does not use — rapidfuzz ratio), cached per word,
and the postings of those terms are summed with numpy. Everyday phrases from the taxonomy
("people pleasing", "my husband drinks") map text to topics (:class:`PhraseMatcher`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from matching import weights as W
from matching.taxonomy import Taxonomy

_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b")
_COMPOUND = re.compile(r"[a-z]+(?:-[a-z]+)+")

STOPWORDS = frozenset(
    """a an and are as at be been but by for from has have i i'm im in is it its me my of on
    or our so that the their them there they this to was we were what when where who will
    with you your am do does how can near need want looking find help someone about into
    than then very just also not no any all some""".split()
)


# Words nearly every listing uses; a query's other words carry its meaning, so these are only
# scored when the query has nothing else ("support group" alone still finds groups).
GENERIC_WORDS = frozenset({"group", "meeting", "support", "circle", "peer"})


def query_terms(text: str) -> list[str]:
    """The distinct index terms of a query, generic words dropped when others are present."""
    found = list(dict.fromkeys(terms(text)))
    specific = [t for t in found if t not in GENERIC_WORDS]
    return specific or found


def fold(text: str) -> str:
    """Lower-case, strip accents, and turn curly quotes into straight ones."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def words(text: str) -> list[str]:
    """The folded words of a text, punctuation dropped (hyphens split words)."""
    folded = fold(text)
    if "'" in folded:
        folded = _POSSESSIVE.sub("", folded).replace("'", "")
    return _WORD.findall(folded)


def normalise_phrase(text: str) -> str:
    """Folded words joined by single spaces: the form names and phrases are compared in."""
    return " ".join(words(text))


_STEM_CACHE: dict[str, str] = {}


def stem(word: str) -> str:
    """A light English suffix stripper, so "drinks", "drinking" and "drink" meet."""
    cached = _STEM_CACHE.get(word)
    if cached is not None:
        return cached
    s = word
    if len(s) > 4:
        if s.endswith("ies"):
            s = s[:-3] + "y"
        elif s.endswith("sses"):
            s = s[:-2]
        elif s.endswith("ing") and len(s) > 5:
            s = s[:-3]
        elif s.endswith("ed") and len(s) > 5:
            s = s[:-2]
        elif s.endswith("s") and not s.endswith(("ss", "us", "is")):
            s = s[:-1]
    if len(_STEM_CACHE) < 200_000:
        _STEM_CACHE[word] = s
    return s


# Raw word → index term ("" for a stopword); filled lazily, bounded.
_TERM_OF: dict[str, str] = {}


def _term_of(word: str) -> str:
    term = "" if word in STOPWORDS else stem(word)
    if len(_TERM_OF) < 500_000:
        _TERM_OF[word] = term
    return term


def terms(text: str) -> list[str]:
    """Index terms of a text: stemmed words minus stopwords.

    Hyphenated compounds also yield their joined form ("Co-Dependents" → co, dependent,
    codependent), so either spelling finds the other.
    """
    ws = words(text)
    mapped = list(map(_TERM_OF.get, ws))
    if None in mapped:
        mapped = [_term_of(w) if m is None else m for w, m in zip(ws, mapped, strict=True)]
    out = [m for m in mapped if m]
    if "-" in text:
        out.extend(stem(c.replace("-", "")) for c in _COMPOUND.findall(fold(text)))
    return out


@dataclass(frozen=True)
class PhraseHit:
    topic: str
    phrase: str
    strength: float
    span: tuple[int, int]


class PhraseMatcher:
    """Finds the taxonomy's everyday phrases (and topic labels and codes) in a query.

    Three ways a phrase is recognised, strongest first:

    * exactly, as consecutive words ("lost my mom");
    * with one mistyped word (rapidfuzz ratio ≥ ``PHRASE_FUZZY_CUTOFF``, same first letter;
      "greif", "lost my mum"), unless the query's word is itself a word the directory uses
      ("hills" is not a typo of "pills" when a listing says "Surry Hills");
    * for phrases of two or more meaningful words, when all of them appear in any order and
      form ("husband drinking" ~ "my husband drinks"), at ``PHRASE_BAG_FACTOR``.

    A hit inside a longer hit of another topic counts ``PHRASE_SUBSUMED_FACTOR`` as much.
    """

    def __init__(self, taxonomy: Taxonomy, known: Callable[[str], bool] | None = None) -> None:
        self.known = known or (lambda _word: False)
        self.exact: dict[str, list[str]] = {}
        self.by_length: dict[int, list[tuple[tuple[str, ...], str]]] = {}
        self.singles: list[tuple[str, str]] = []
        self.bags: list[tuple[frozenset[str], str, str]] = []
        seen: set[tuple[str, str]] = set()
        for code in taxonomy.codes:
            for phrase in (*taxonomy.phrases.get(code, ()), taxonomy.label(code), code):
                norm = normalise_phrase(phrase.replace("-", " "))
                if not norm or (norm, code) in seen:
                    continue
                seen.add((norm, code))
                self.exact.setdefault(norm, []).append(code)
                words_ = tuple(norm.split())
                if len(words_) == 1:
                    self.singles.append((norm, code))
                else:
                    self.by_length.setdefault(len(words_), []).append((words_, code))
                    bag = frozenset(terms(norm))
                    if len(bag) >= 2:
                        self.bags.append((bag, norm, code))
        self.single_words = [w for w, _ in self.singles]
        self.cache: dict[str, tuple[PhraseHit, ...]] = {}

    def _typo(self, word: str, target: str) -> float:
        """Similarity 0–1 when ``word`` may be a typo of ``target``, else 0.

        Slips keep the first letter ("greif", "alchohol"); a word that starts otherwise is
        another word ("ruining" is not "drinking").
        """
        if (len(word) < W.TEXT_FUZZY_MIN_LEN or len(target) < W.TEXT_FUZZY_MIN_LEN
                or word[0] != target[0]
                or word in STOPWORDS or self.known(stem(word))):
            return 0.0
        return fuzz.ratio(word, target, score_cutoff=W.PHRASE_FUZZY_CUTOFF) / 100.0

    def match(self, text: str) -> tuple[PhraseHit, ...]:
        """Phrase hits in ``text``; hits inside a longer hit are weakened."""
        key = normalise_phrase(text)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        toks = key.split()
        hits: list[PhraseHit] = []
        exact_spans: set[tuple[str, int, int]] = set()
        # Exact, consecutive words.
        for n in range(1, min(len(toks), 8) + 1):
            for i in range(len(toks) - n + 1):
                for code in self.exact.get(" ".join(toks[i:i + n]), ()):
                    hits.append(PhraseHit(code, " ".join(toks[i:i + n]), 1.0, (i, i + n)))
                    exact_spans.add((code, i, i + n))
        # One mistyped word: single words through rapidfuzz, longer phrases word by word.
        for i, tok in enumerate(toks):
            if len(tok) < W.TEXT_FUZZY_MIN_LEN or tok in STOPWORDS or self.known(stem(tok)):
                continue
            for _w, score, idx in process.extract(
                tok, self.single_words, scorer=fuzz.ratio,
                score_cutoff=W.PHRASE_FUZZY_CUTOFF, limit=5,
            ):
                word, code = self.singles[idx]
                if word != tok and word[0] == tok[0]:
                    hits.append(PhraseHit(code, word, W.PHRASE_FUZZY_FACTOR * score / 100.0,
                                          (i, i + 1)))
        for n, phrases in self.by_length.items():
            for i in range(len(toks) - n + 1):
                gram = toks[i:i + n]
                for words_, code in phrases:
                    diff = [j for j in range(n) if gram[j] != words_[j]]
                    if len(diff) != 1:
                        continue
                    sim = self._typo(gram[diff[0]], words_[diff[0]])
                    if sim:
                        hits.append(PhraseHit(code, " ".join(words_),
                                              W.PHRASE_FUZZY_FACTOR * sim, (i, i + n)))
        # All meaningful words present, in any order or form.
        stems = [("" if t in STOPWORDS else stem(t)) for t in toks]
        present = set(stems) - {""}
        for bag, phrase, code in self.bags:
            if bag <= present:
                where = [j for j, st in enumerate(stems) if st in bag]
                span = (min(where), max(where) + 1)
                if (code, *span) not in exact_spans:
                    hits.append(PhraseHit(code, phrase, W.PHRASE_BAG_FACTOR, span))
        final: list[PhraseHit] = []
        for h in hits:
            inside = any(
                o.span[0] <= h.span[0] and h.span[1] <= o.span[1]
                and (o.span[1] - o.span[0]) > (h.span[1] - h.span[0])
                and o.topic != h.topic and o.strength >= W.PHRASE_SUBSUMES_MIN
                for o in hits
            )
            strength = h.strength * (W.PHRASE_SUBSUMED_FACTOR if inside else 1.0)
            final.append(PhraseHit(h.topic, h.phrase, strength, h.span))
        result = tuple(final)
        if len(self.cache) < 50_000:
            self.cache[key] = result
        return result

    def coverage(self, text: str) -> tuple[float, str]:
        """Share (0–1) of the query's meaningful words inside a recognised phrase, and the
        words outside any phrase (joined by spaces)."""
        toks = normalise_phrase(text).split()
        covered = [False] * len(toks)
        for h in self.match(text):
            if h.strength >= W.PHRASE_SUBSUMED_FACTOR:
                for i in range(*h.span):
                    covered[i] = True
        meaningful = [(t, c) for t, c in zip(toks, covered, strict=True) if t not in STOPWORDS]
        if not meaningful:
            return 0.0, ""
        share = sum(c for _, c in meaningful) / len(meaningful)
        return share, " ".join(t for t, c in meaningful if not c)

    def topics(self, text: str) -> dict[str, float]:
        """Topic code → strength (0–1) recognised in ``text``."""
        out: dict[str, float] = {}
        for h in self.match(text):
            out[h.topic] = max(out.get(h.topic, 0.0), h.strength)
        return out


# Texts tokenised together: one join and a few byte-level passes per batch.
_BATCH = 20_000
_LOW32 = np.int64(0xFFFFFFFF)
_SEP = " \x00 "  # between texts: a token of its own, never a word
_POSSESSIVE_B = re.compile(rb"'s(?<=[a-z]'s)\b")  # as _POSSESSIVE, found by its literal
# Bytes that are not a word's (anything but a-z, 0-9 and the separator) become spaces.
_NOT_WORD = bytes(b if (97 <= b <= 122 or 48 <= b <= 57 or b == 0) else 32
                  for b in range(256))


class _WordIds(dict):
    """Raw word (bytes) → term id; a word not seen yet reads as ``_NEW``, not a KeyError."""

    def __missing__(self, key: bytes) -> int:
        return _NEW


_NEW = -3
# As _COMPOUND, tried only where a run of letters starts (the same matches, found in linear
# time over a whole batch).
_COMPOUND_B = re.compile(rb"(?<![a-z])[a-z]+(?:-[a-z]+)+")


def _compounds(joined: bytes) -> list[tuple[int, bytes]]:
    """(offset, text) of each hyphenated compound in ``joined`` (lower-case ASCII), as
    ``_COMPOUND.finditer`` finds them, looking only where a letter-hyphen-letter is."""
    arr = np.frombuffer(joined, dtype=np.uint8)
    letter = (arr >= 97) & (arr <= 122)
    hy = np.flatnonzero(arr[1:-1] == 45) + 1
    hy = hy[letter[hy - 1] & letter[hy + 1]]
    if not hy.size:
        return []
    # The start of the run of letters before each such hyphen.
    idx = np.arange(arr.size)
    run_start = np.maximum.accumulate(np.where(letter, -1, idx)) + 1
    out: list[tuple[int, bytes]] = []
    end = -1
    for start in dict.fromkeys(run_start[hy - 1].tolist()):
        if start < end:
            continue  # inside the compound just read ("a-b-c")
        m = _COMPOUND_B.match(joined, start)
        if m is not None:
            out.append((start, m.group()))
            end = m.end()
    return out


def _tokenise(texts: Sequence[str]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The terms of every text, as :func:`terms` reads them, in bulk.

    Returns the vocabulary (term → id), and for every occurrence of a term its text's
    position in ``texts`` and its term id.
    """
    vocab: dict[str, int] = {}
    # Raw word → term id (-1: a stopword; -2: the separator between texts).
    word_id = _WordIds({b"\x00": -2})
    slot_parts: list[np.ndarray] = []
    tid_parts: list[np.ndarray] = []
    extra_slots: list[int] = []
    extra_tids: list[int] = []
    for lo in range(0, len(texts), _BATCH):
        batch = texts[lo:lo + _BATCH]
        whole = _SEP.join(batch)
        if whole.isascii() and whole.count("\x00") == len(batch) - 1:
            plain, odd = range(len(batch)), []  # the usual batch: every text plain ASCII
        else:
            plain = [i for i, t in enumerate(batch) if t.isascii() and "\x00" not in t]
            odd = [i for i, t in enumerate(batch) if not t.isascii() or "\x00" in t]
            whole = _SEP.join([batch[i] for i in plain])
        # As words() reads an ASCII text: lower-cased, possessives and then apostrophes
        # dropped, words split at anything but letters and digits.
        joined = whole.encode("ascii").lower()
        del whole
        if b"-" in joined:
            # The joined forms of hyphenated compounds ("co-dependents" → codependent),
            # found in the whole batch and put back to their texts by offset.
            found_c = _compounds(joined)
            if found_c:
                ends = np.cumsum([len(batch[i]) + len(_SEP) for i in plain])
                at = np.searchsorted(ends, [pos for pos, _ in found_c], side="right")
                for k, (_pos, comp) in zip(at.tolist(), found_c, strict=True):
                    extra_slots.append(lo + plain[k])
                    extra_tids.append(vocab.setdefault(
                        stem(comp.replace(b"-", b"").decode("ascii")), len(vocab)))
        if b"'" in joined:
            joined = _POSSESSIVE_B.sub(b"", joined).replace(b"'", b"")
        found = joined.translate(_NOT_WORD).split()
        del joined
        ids = np.fromiter(map(word_id.__getitem__, found), dtype=np.int64, count=len(found))
        new_at = np.flatnonzero(ids == _NEW)
        if new_at.size:
            for w in dict.fromkeys([found[i] for i in new_at.tolist()]):
                term = _term_of(w.decode("ascii"))
                word_id[w] = -1 if not term else vocab.setdefault(term, len(vocab))
            ids[new_at] = [word_id[found[i]] for i in new_at.tolist()]
        text_of = np.cumsum(ids == -2)  # each token's position in ``plain``
        keep = ids >= 0
        if len(plain):
            slot_parts.append(np.asarray(plain, dtype=np.int64)[text_of[keep]] + lo)
            tid_parts.append(ids[keep])
        for i in odd:  # not ASCII, or holding a NUL: read one by one
            for term in terms(batch[i]):
                extra_slots.append(lo + i)
                extra_tids.append(vocab.setdefault(term, len(vocab)))
    slot_parts.append(np.asarray(extra_slots, dtype=np.int64))
    tid_parts.append(np.asarray(extra_tids, dtype=np.int64))
    return vocab, np.concatenate(slot_parts), np.concatenate(tid_parts)


class TextIndex:
    """An inverted index of terms → (group row, field weight), in numpy CSR form."""

    def __init__(self, docs: Sequence[Sequence[tuple[str, float]]]) -> None:
        """``docs[row]`` lists (text, field weight) pairs of one group.

        A term's weight in a group is its best field weight plus ``TEXT_OTHER_FIELDS_SHARE``
        of the weights of the other fields holding it (capped at 1).
        """
        texts: list[str] = []
        slot_wts: list[float] = []
        for fields in docs:
            for text, weight in fields:
                texts.append(text or "")
                slot_wts.append(weight)
        slot_row = np.repeat(np.arange(len(docs), dtype=np.int64),
                             [len(f) for f in docs]) if docs else np.zeros(0, dtype=np.int64)
        vocab, slots, tids = _tokenise(texts)
        self.n_docs = len(docs)
        self.terms: list[str] = list(vocab)
        self.term_id = vocab
        # One entry per (term, field) (a word twice in a field counts once), term-major and
        # then by field: the fields of a row are consecutive, so rows ascend within a term.
        # Keys are (term id << 32) | slot, then | row: shifts and masks, no divisions.
        pairs = np.sort((tids << 32) | slots)
        del tids, slots
        if pairs.size:
            pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
        slots = pairs & _LOW32
        wts = np.asarray(slot_wts, dtype=np.float64)[slots]
        # One posting per (term, row): reduce the field weights.
        key = (pairs & ~_LOW32) | slot_row[slots]
        del pairs, slots
        if key.size:
            starts = np.concatenate(([0], np.flatnonzero(key[1:] != key[:-1]) + 1))
            top = np.maximum.reduceat(wts, starts)
            total = np.add.reduceat(wts, starts)
            post_key = key[starts]
        else:
            top = total = np.zeros(0)
            post_key = np.zeros(0, dtype=np.int64)
        del key, wts
        weight = np.minimum(1.0, top + W.TEXT_OTHER_FIELDS_SHARE * (total - top))
        post_tid = post_key >> 32
        lengths = np.bincount(post_tid, minlength=len(vocab)).astype(np.int64)
        self.ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.ptr[1:])
        self.rows = (post_key & _LOW32).astype(np.int32)
        self._set_weights(weight.astype(np.float32))
        # Postings added by updates (see extended): none yet.
        self.d_ptr = self.d_rows = self.d_wts = None
        n = max(self.n_docs, 1)
        self.idf = np.log1p(n / np.maximum(lengths, 1)).astype(np.float32)
        self.live_len = lengths
        self.alive = lengths > 0
        self.sorted_terms = sorted(vocab)
        self.cache: dict[str, tuple[tuple[int, float], ...]] = {}

    def _set_weights(self, weights: np.ndarray) -> None:
        """Posting weights take a few distinct values (sums of field weights): stored as one
        byte per posting into a table of them, unless there are more than 256."""
        lut = np.unique(weights)  # a few values: found by hashing, no sort of the postings
        if lut.size <= 256:
            code = np.searchsorted(lut, weights)
            self.wts, self.wlut, self.wcode = None, lut.astype(np.float32), \
                code.astype(np.uint8).reshape(-1)
        else:
            self.wts, self.wlut, self.wcode = weights, None, None

    def weights(self, lo: int | None = None, hi: int | None = None) -> np.ndarray:
        """The (float32) weights of postings lo:hi (all by default)."""
        if self.wts is not None:
            return self.wts[lo:hi]
        return self.wlut.take(self.wcode[lo:hi])

    def doc_terms(self, fields: Sequence[tuple[str, float]]) -> list[int]:
        """The distinct term ids one document (as given to the constructor) was indexed
        under."""
        found: dict[int, None] = {}
        for text, _weight in fields:
            if text:
                for term in terms(text):
                    tid = self.term_id.get(term)
                    if tid is not None:
                        found[tid] = None
        return list(found)

    # The postings added by updates are kept apart (the delta) until they are this share of
    # the base's; then both are merged into a new base.
    DELTA_MERGE_SHARE = 0.1

    def postings(self, tid: int, scale: np.float32 | None = None
                 ) -> list[tuple[np.ndarray, np.ndarray]]:
        """One term's (rows, float32 weights): the base part, then the part updates added
        (its rows come after the base's), each only when not empty. With ``scale``, the
        weights times it (the table of weights is scaled, not each posting's)."""
        out = []
        if tid < self.ptr.size - 1:
            lo, hi = int(self.ptr[tid]), int(self.ptr[tid + 1])
            if hi > lo:
                if scale is not None and self.wts is None:
                    wts = (self.wlut * scale).take(self.wcode[lo:hi])
                else:
                    wts = self.weights(lo, hi)
                    if scale is not None:
                        wts = wts * scale
                out.append((self.rows[lo:hi], wts))
        if self.d_ptr is not None and tid < self.d_ptr.size - 1:
            lo, hi = int(self.d_ptr[tid]), int(self.d_ptr[tid + 1])
            if hi > lo:
                wts = self.d_wts[lo:hi]
                out.append((self.d_rows[lo:hi], wts if scale is None else wts * scale))
        return out

    def extended(self, more: TextIndex, row_offset: int, n_docs: int, n_live: int,
                 gone: Sequence[Sequence[tuple[str, float]]] = ()) -> TextIndex:
        """A new index: these postings plus ``more``'s (its rows numbered from
        ``row_offset``, ``n_docs`` rows in all, ``n_live`` of them still indexed); ``gone``
        are the documents of rows no longer indexed (idf counts only live rows).

        The base postings are shared, not copied: ``more``'s join the delta (the postings
        earlier updates added), so the cost is that of the delta, not of the whole index.
        """
        out = TextIndex.__new__(TextIndex)
        term_id = dict(self.term_id)
        terms_ = list(self.terms)
        new_terms: list[str] = []
        remap = np.empty(len(more.terms), dtype=np.int64)
        for i, term in enumerate(more.terms):
            tid = term_id.get(term)
            if tid is None:
                tid = term_id[term] = len(terms_)
                terms_.append(term)
                new_terms.append(term)
            remap[i] = tid
        size = len(terms_)
        more_tid = remap[np.repeat(np.arange(len(more.terms)), np.diff(more.ptr))]
        m_tid = more_tid
        m_rows = more.rows.astype(np.int64) + row_offset
        m_wts = more.weights()
        if self.d_ptr is not None:
            d_tid = np.repeat(np.arange(self.d_ptr.size - 1), np.diff(self.d_ptr))
            m_tid = np.concatenate((d_tid, m_tid))
            m_rows = np.concatenate((self.d_rows.astype(np.int64), m_rows))
            m_wts = np.concatenate((self.d_wts, m_wts))
        # Term by term, rows ascending (the delta's rows all come after the base's).
        order = np.lexsort((m_rows, m_tid))
        m_tid, m_rows, m_wts = m_tid[order], m_rows[order], m_wts[order]
        if m_rows.size > self.DELTA_MERGE_SHARE * max(self.rows.size, 1):
            out._merge(self, m_tid, m_rows, m_wts, size)
        else:
            out.ptr, out.rows = self.ptr, self.rows
            out.wts, out.wlut, out.wcode = self.wts, self.wlut, self.wcode
            out.d_ptr = np.zeros(size + 1, dtype=np.int64)
            np.cumsum(np.bincount(m_tid, minlength=size), out=out.d_ptr[1:])
            out.d_rows = m_rows.astype(np.int32)
            out.d_wts = m_wts.astype(np.float32)
        out.n_docs = n_docs
        out.terms = terms_
        out.term_id = term_id
        gone_tids = [t for doc in gone for t in self.doc_terms(doc)]
        lengths = (np.concatenate((self.live_len, np.zeros(size - len(self.terms), np.int64)))
                   + np.bincount(more_tid, minlength=size)
                   - np.bincount(np.asarray(gone_tids, dtype=np.int64), minlength=size))
        out.live_len = lengths
        n = max(n_live, 1)
        out.idf = np.log1p(n / np.maximum(lengths, 1)).astype(np.float32)
        out.alive = lengths > 0
        out.sorted_terms = sorted(self.sorted_terms + new_terms) if new_terms \
            else self.sorted_terms
        out.cache = {}
        return out

    def _merge(self, base: TextIndex, m_tid: np.ndarray, m_rows: np.ndarray,
               m_wts: np.ndarray, size: int) -> None:
        """Set this index's postings to ``base``'s plus the given ones (sorted by term, then
        row; every row after the base's), in one base part and no delta."""
        old_ptr = np.concatenate((base.ptr, np.full(size + 1 - base.ptr.size, base.ptr[-1])))
        # Each term's added postings go at the end of its block (their rows come after).
        at = old_ptr[m_tid + 1]
        self.rows = np.insert(base.rows, at, m_rows.astype(np.int32))
        if base.wts is None and np.union1d(base.wlut, m_wts).size <= 256:
            lut = np.union1d(base.wlut, m_wts).astype(np.float32)
            self.wts, self.wlut = None, lut
            codes = base.wcode if np.array_equal(lut, base.wlut) else \
                np.searchsorted(lut, base.wlut).astype(np.uint8)[base.wcode]
            self.wcode = np.insert(codes, at, np.searchsorted(lut, m_wts).astype(np.uint8))
        else:
            self._set_weights(np.insert(base.weights(), at, m_wts))
        self.ptr = old_ptr + np.concatenate(([0], np.cumsum(np.bincount(m_tid,
                                                                       minlength=size))))
        self.d_ptr = self.d_rows = self.d_wts = None

    def rows_with_all(self, words_: list[str]) -> np.ndarray:
        """Rows whose text holds every one of the (already stemmed) terms."""
        rows: np.ndarray | None = None
        for word in words_:
            tid = self.term_id.get(word)
            if tid is None:
                return np.zeros(0, dtype=np.int32)
            parts = [r for r, _w in self.postings(tid)]
            post = parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else \
                np.zeros(0, dtype=np.int32)
            rows = post if rows is None else np.intersect1d(rows, post, assume_unique=True)
        return rows if rows is not None else np.zeros(0, dtype=np.int32)

    def lookup(self, word: str) -> tuple[tuple[int, float], ...]:
        """Vocabulary terms similar to one query term: (term id, similarity 0–1)."""
        cached = self.cache.get(word)
        if cached is not None:
            return cached
        found: dict[int, float] = {}
        tid = self.term_id.get(word)
        if tid is not None and not self.alive[tid]:
            tid = None  # only in listings since replaced or removed
        if tid is not None:
            found[tid] = 1.0
        if len(word) >= W.TEXT_PREFIX_MIN_LEN:
            i = bisect.bisect_left(self.sorted_terms, word)
            while i < len(self.sorted_terms) and self.sorted_terms[i].startswith(word):
                t = self.term_id[self.sorted_terms[i]]
                if self.alive[t]:
                    found.setdefault(t, W.TEXT_PREFIX_SIMILARITY)
                i += 1
                if len(found) > 50:
                    break
        # Typo tolerance is for words the directory does not use as written.
        if tid is None and len(word) >= W.TEXT_FUZZY_MIN_LEN and self.terms:
            for _choice, score, idx in process.extract(
                word, self.terms, scorer=fuzz.ratio,
                score_cutoff=W.TEXT_FUZZY_CUTOFF_LONG if len(word) >= W.TEXT_FUZZY_LONG_LEN
                else W.TEXT_FUZZY_CUTOFF,
                limit=8,
            ):
                sim = score / 100.0
                if self.alive[idx] and found.get(idx, 0.0) < sim:
                    found[idx] = sim
        result = tuple(sorted(found.items()))
        if len(self.cache) < 100_000:
            self.cache[word] = result
        return result

    def recognised(self, text: str) -> bool:
        """True when at least one query term is in (or near) the vocabulary."""
        return any(self.lookup(t) for t in query_terms(text))

    def score(self, text: str) -> np.ndarray:
        """Relevance of every group to ``text``, 0–1 (float32, one value per row).

        Each query term contributes its best similarity × field weight in the group, weighted
        by the term's idf; the sum is divided by the total idf of the recognised query terms.
        Query terms found nowhere are left out of the denominator. No text → all zeros.
        """
        acc = np.zeros(self.n_docs, dtype=np.float32)
        total = 0.0
        first = True  # acc is still all zeros: the first term's postings are written, not added
        for word in query_terms(text):
            matches = self.lookup(word)
            if not matches:
                continue
            idf = max(float(self.idf[t]) for t, _ in matches)
            if len(matches) == 1:
                # One term: its postings hold each row once, so add in place.
                tid, sim = matches[0]
                for rows, wts in self.postings(tid, np.float32(idf * sim)):
                    if first:
                        acc[rows] = wts
                    else:
                        acc[rows] += wts
            else:
                per = np.zeros(self.n_docs, dtype=np.float32)
                for tid, sim in matches:
                    for rows, wts in self.postings(tid, np.float32(sim)):
                        per[rows] = np.maximum(per[rows], wts)
                acc += np.float32(idf) * per
            first = False
            total += idf
        if total > 0:
            acc /= np.float32(total)
        np.clip(acc, 0.0, 1.0, out=acc)
        return acc


def name_key(name: str) -> str:
    """The form in which a query is compared to a group name for an exact-name hit."""
    return normalise_phrase(name)
