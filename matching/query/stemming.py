"""Word forms: accent folding, tokens with their places in the text, Snowball stems.

Stems come from the Snowball stemmers (``snowballstemmer``) of English, Spanish and French,
applied to accent-folded words, so "drinks"/"drinking", "bebe"/"beber" and
"alcooliques"/"alcoolique" meet. Results are cached per (language, word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import snowballstemmer

from matching.text import fold

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
_NAMES = {"en": "english", "es": "spanish", "fr": "french"}
_STEMMERS = {lang: snowballstemmer.stemmer(name) for lang, name in _NAMES.items()}
_CACHE: dict[tuple[str, str], str] = {}
_CACHE_MAX = 200_000

# English possessive ("husband's"), French elision ("l'alcool", "j'ai", "qu'il").
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['\u2019]s\b", re.IGNORECASE)
_ELISION = re.compile(r"\b(qu|[cdjlmnst])['\u2019](?=[^\W\d_])", re.IGNORECASE)
_RAW = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Token:
    """One word of the seeker's text: as typed (``raw``), folded (``word``), and where."""

    raw: str
    word: str
    start: int
    end: int


def stem(word: str, lang: str) -> str:
    """The Snowball stem of a folded word in ``lang`` (``en``, ``es``, ``fr``)."""
    key = (lang, word)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    stemmer = _STEMMERS.get(lang)
    out = stemmer.stemWord(word) if stemmer is not None and len(word) > 2 else word
    out = fold(out)
    if len(_CACHE) < _CACHE_MAX:
        _CACHE[key] = out
    return out


def tokenize(text: str) -> list[Token]:
    """The words of a text, folded to ASCII letters and digits, with their character spans.

    A typed word that folds to several ASCII runs ("co-dependent" is two typed words already;
    "naïve" folds to one) yields one token per run, all pointing at the typed word.
    """
    if not text:
        return []
    cleaned = _POSSESSIVE.sub("  ", text)
    cleaned = _ELISION.sub(lambda m: m.group(1) + " ", cleaned)
    out: list[Token] = []
    for m in _RAW.finditer(cleaned):
        raw = text[m.start():m.end()]
        for part in _ASCII_WORD.findall(fold(m.group(0))):
            out.append(Token(raw=raw, word=part, start=m.start(), end=m.end()))
    return out
