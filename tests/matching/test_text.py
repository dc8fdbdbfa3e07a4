"""Text: tokens, light stemming, typo-tolerant vocabulary lookup, everyday phrases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import Taxonomy
from matching import weights as W
from matching.text import PhraseMatcher, TextIndex, name_key, stem, terms


@pytest.mark.parametrize(
    ("word", "expected"),
    [("drinks", "drink"), ("drinking", "drink"), ("families", "family"), ("grief", "grief"),
     ("stress", "stress"), ("anxious", "anxious"), ("meetings", "meeting"), ("used", "used")],
)
def test_stem_strips_common_suffixes(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_drop_stopwords_fold_accents_and_join_compounds() -> None:
    assert terms("My husband's DRINKING") == ["husband", "drink"]
    assert terms("Depresión en línea") == ["depresion", "en", "linea"]
    assert "codependent" in terms("Co-Dependents Anonymous")


def test_name_key_ignores_case_and_punctuation() -> None:
    assert name_key("Serenity  Al-Anon Family Group!") == name_key("serenity al anon family group")


@pytest.fixture(scope="module")
def small_index() -> TextIndex:
    return TextIndex([
        [("Codependency Circle", W.TEXT_FIELD_NAME), ("boundaries and recovery", 0.5)],
        [("Alcohol Recovery", W.TEXT_FIELD_NAME), ("quit drinking together", 0.5)],
        [("Grief Support", W.TEXT_FIELD_NAME), ("after a death", 0.5)],
        [("Anxiety Group", W.TEXT_FIELD_NAME), ("panic and worry", 0.5)],
    ])


@pytest.mark.parametrize(
    ("typo", "row"),
    [("codependancy", 0), ("alchohol", 1), ("greif", 2), ("anxeity", 3), ("drinks", 1),
     ("codep", 0)],
)
def test_typos_and_prefixes_still_find_the_group(small_index: TextIndex, typo: str,
                                                 row: int) -> None:
    scores = small_index.score(typo)
    assert scores.argmax() == row and scores[row] > 0


def test_text_scores_stay_between_zero_and_one(small_index: TextIndex) -> None:
    for text in ["", "grief grief grief", "codependency alcohol grief anxiety", "zzz qqq"]:
        s = small_index.score(text)
        assert s.dtype == np.float32 and s.min() >= 0 and s.max() <= 1


def test_name_word_outweighs_description_word(small_index: TextIndex) -> None:
    s = small_index.score("recovery")
    assert s[1] > s[0] > 0  # "Alcohol Recovery" (name) vs "…and recovery" (description)


def test_unknown_words_score_nothing_and_are_not_recognised(small_index: TextIndex) -> None:
    assert small_index.score("xyzzy").max() == 0
    assert not small_index.recognised("xyzzy")
    assert small_index.recognised("greif")


def test_short_words_need_an_exact_match(small_index: TextIndex) -> None:
    assert small_index.lookup("grie") != ()  # prefix of "grief"
    assert small_index.lookup("gref") == ()  # 4 letters, neither exact nor a prefix


@pytest.fixture(scope="module")
def phrases(taxonomy: Taxonomy) -> PhraseMatcher:
    return PhraseMatcher(taxonomy)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("people pleasing", "codependency"),
        ("I keep people-pleasing at work", "codependency"),
        ("lost my mom", "grief"),
        ("I lost my mom last year", "grief"),
        ("greif", "grief"),
        ("anxeity", "anxiety"),
        ("alchohol", "alcohol"),
        ("codependancy", "codependency"),
        ("pokies", "gambling"),
        ("quit vaping", "nicotine"),
        ("Gambling", "gambling"),  # labels and codes count as phrases
    ],
)
def test_everyday_phrases_map_to_topics(phrases: PhraseMatcher, text: str, topic: str) -> None:
    found = phrases.topics(text)
    assert topic in found
    assert found[topic] == max(found.values())


def test_my_husband_drinks_means_family_first_then_alcohol(phrases: PhraseMatcher) -> None:
    found = phrases.topics("my husband drinks")
    assert found["family-and-friends"] == 1.0
    assert 0 < found["alcohol"] <= W.PHRASE_SUBSUMED_FACTOR
    assert set(found) == {"family-and-friends", "alcohol"}


def test_coverage_counts_words_inside_phrases(phrases: PhraseMatcher) -> None:
    assert phrases.coverage("lost my mom") == (1.0, "")
    assert phrases.coverage("grief portland") == (0.5, "portland")
    assert phrases.coverage("xyzzy") == (0.0, "xyzzy")


def test_unrelated_text_maps_to_no_topic(phrases: PhraseMatcher) -> None:
    assert phrases.topics("xyzzy plugh") == {}


def test_phrase_words_in_another_order_or_form_still_count(phrases: PhraseMatcher) -> None:
    found = phrases.topics("husband drinking")
    assert found["family-and-friends"] == W.PHRASE_BAG_FACTOR
    assert found["alcohol"] < found["family-and-friends"]


def test_a_different_word_is_not_a_typo_of_a_phrase(phrases: PhraseMatcher) -> None:
    found = phrases.topics("my mother died")
    assert set(found) == {"grief"}  # not "my mother drinks"


def test_words_the_directory_uses_are_not_read_as_typos(taxonomy: Taxonomy) -> None:
    plain = PhraseMatcher(taxonomy)
    assert "loneliness" in plain.topics("lovely people")  # "lovely" ~ "lonely"
    aware = PhraseMatcher(taxonomy, known={"lovely", "people"}.__contains__)
    assert "loneliness" not in aware.topics("lovely people")
    assert "grief" in aware.topics("greif")


def test_a_word_with_another_first_letter_is_not_a_typo(phrases: PhraseMatcher) -> None:
    assert "alcohol" not in phrases.topics("ruining my life")  # "ruining" ~ "drinking"
    assert "drugs" not in phrases.topics("surry hills")  # "hills" ~ "pills"


def test_one_mistyped_word_in_a_longer_phrase(phrases: PhraseMatcher) -> None:
    assert "grief" in phrases.topics("lost my mothr")


def _postings(index: TextIndex) -> dict[tuple[str, int], float]:
    out = {}
    for term, tid in index.term_id.items():
        for rows, wts in index.postings(tid):
            for row, w in zip(rows.tolist(), wts.tolist(), strict=True):
                out[(term, row)] = w
    return out


def _reference(docs: list[list[tuple[str, float]]]) -> dict[tuple[str, int], float]:
    """What the index must hold, read one text at a time with terms()."""
    out = {}
    for row, fields in enumerate(docs):
        per_term: dict[str, list[float]] = {}
        for text, weight in fields:
            for term in dict.fromkeys(terms(text)):
                per_term.setdefault(term, []).append(weight)
        for term, ws in per_term.items():
            top = max(ws)
            w = min(1.0, top + W.TEXT_OTHER_FIELDS_SHARE * (sum(ws) - top))
            out[(term, row)] = float(np.float32(w))
    return out


_TRICKY = ["Women's Circle", "DON'T give up", "Co-Dependents Anonymous", "12-step ACA/ACoA",
           "Depresión en línea", "Grupo “Esperanza”", "Al\u2019Anon’s friends", "snake_case's",
           "", "  ", "O'Brien's group — Tuesdays", "ＦＵＬＬ width", "naïve café", "x\x00y",
           "it's its' 's", "A-B-C d-e", "Mary’s", "über-group's", "---", "a1b2 3c"]


def test_bulk_tokenising_reads_every_text_as_terms_does() -> None:
    docs = [[(t, W.TEXT_FIELD_NAME), (_TRICKY[(i + 3) % len(_TRICKY)], 0.5),
             (t.upper(), W.TEXT_FIELD_DESCRIPTION)] for i, t in enumerate(_TRICKY)]
    assert _postings(TextIndex(docs)) == _reference(docs)


@pytest.mark.parametrize("size", [1, 3])
def test_bulk_tokenising_across_batches(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    import matching.text as text_module
    monkeypatch.setattr(text_module, "_BATCH", size)
    docs = [[(t, 1.0), ("grief " + t, 0.4)] for t in _TRICKY]
    assert _postings(TextIndex(docs)) == _reference(docs)


@given(st.lists(st.lists(st.text(alphabet=st.sampled_from(list("abAB z'’-_é1\x00.s")),
                                 max_size=24), min_size=1, max_size=3), max_size=12))
def test_bulk_tokenising_any_text(texts: list[list[str]]) -> None:
    docs = [[(t, w) for t, w in zip(fields, (1.0, 0.5, 0.3), strict=False)]
            for fields in texts]
    assert _postings(TextIndex(docs)) == _reference(docs)


@given(st.text(alphabet=st.sampled_from(list("ab-- z1'\x00")), max_size=40))
def test_compounds_found_as_the_regex_finds_them(text: str) -> None:
    from matching.text import _COMPOUND_B, _compounds
    raw = text.encode("ascii")
    assert _compounds(raw) == [(m.start(), m.group()) for m in _COMPOUND_B.finditer(raw)]
