"""Crisis detection, by tables: what must fire (kind and language), what must not, long text."""

from __future__ import annotations

import time

import pytest

from matching.crisis import (
    MAX_CHARS,
    PHRASES,
    Phrase,
    _compile,
    _one_typo,
    detect_crisis,
    fold,
)

FIRES = [
    # English: everyday words, slang, misspellings
    ("i want to die", "suicide", "en"),
    ("I just wanna die", "suicide", "en"),
    ("suicidal", "suicide", "en"),
    ("sucidal thoughts", "suicide", "en"),
    ("suicidle", "suicide", "en"),
    ("suicide", "suicide", "en"),
    ("kill myself", "suicide", "en"),
    ("i want to kill my self", "suicide", "en"),
    ("thinking about killing myslef", "suicide", "en"),
    ("kms", "suicide", "en"),
    ("i want to unalive myself", "suicide", "en"),
    ("I don't want to be here anymore", "suicide", "en"),
    ("dont want to live", "suicide", "en"),
    ("i wish i was dead", "suicide", "en"),
    ("everyone would be better off without me", "suicide", "en"),
    ("how do i end my life", "suicide", "en"),
    ("i cant go on", "suicide", "en"),
    ("WANNA DIEEEE", "suicide", "en"),
    ("suicide hotline", "suicide", "en"),
    ("self harm", "self-harm", "en"),
    ("self-harm", "self-harm", "en"),
    ("selfharm", "self-harm", "en"),
    ("i keep cutting myself", "self-harm", "en"),
    ("i took too many pills", "overdose", "en"),
    ("my friend overdosed and is not breathing", "overdose", "en"),
    ("overdose", "overdose", "en"),
    ("my husband hits me", "abuse", "en"),
    ("my boyfriend is hitting me", "abuse", "en"),
    ("he threatened to kill me", "abuse", "en"),
    ("i am being abused", "abuse", "en"),
    ("im scared for my life", "abuse", "en"),
    ("tired of living", "suicide", "en"),
    ("i've lost the will to live", "suicide", "en"),
    ("i want to end it", "suicide", "en"),
    ("started cutting again", "self-harm", "en"),
    ("im gonna od", "overdose", "en"),
    ("her lips are turning blue", "overdose", "en"),
    ("he won't let me leave the house", "abuse", "en"),
    ("i was sexually assaulted last night", "abuse", "en"),
    ("whats the point of living", "suicide", "en"),
    ("i think i took too much", "overdose", "en"),
    ("im in an abusive relationship", "abuse", "en"),
    ("i can't do this anymore", "suicide", "en"),
    ("my teacher touches me", "abuse", "en"),
    # Spanish (accents or not)
    ("quiero morir", "suicide", "es"),
    ("me quiero morir", "suicide", "es"),
    ("kiero morirme", "suicide", "es"),
    ("quiero matarme", "suicide", "es"),
    ("pensamientos suicidas", "suicide", "es"),
    ("no quiero vivir más", "suicide", "es"),
    ("tengo ganas de morir", "suicide", "es"),
    ("quiero quitarme la vida", "suicide", "es"),
    ("me voy a suicidar", "suicide", "es"),
    ("suicidio", "suicide", "es"),
    ("me hago daño", "self-harm", "es"),
    ("autolesión", "self-harm", "es"),
    ("me corto los brazos", "self-harm", "es"),
    ("me tomé muchas pastillas", "overdose", "es"),
    ("sobredosis", "overdose", "es"),
    ("mi esposo me pega", "abuse", "es"),
    ("mi pareja me está golpeando", "abuse", "es"),
    ("amenaza con matarme", "abuse", "es"),
    ("quiero desaparecer para siempre", "suicide", "es"),
    ("me quiero cortar las venas", "suicide", "es"),
    ("tengo miedo de que me mate", "abuse", "es"),
    ("quiero dejar de existir", "suicide", "es"),
    ("no estoy a salvo en mi casa", "abuse", "es"),
    ("estoy harta de vivir", "suicide", "es"),
    # French (accents or not)
    ("je veux mourir", "suicide", "fr"),
    ("j'ai envie de mourir", "suicide", "fr"),
    ("je suis suicidaire", "suicide", "fr"),
    ("pensées suicidaires", "suicide", "fr"),
    ("envie de me suicider", "suicide", "fr"),
    ("je veux en finir", "suicide", "fr"),
    ("mettre fin à mes jours", "suicide", "fr"),
    ("je ne veux plus vivre", "suicide", "fr"),
    ("je pense au suicide", "suicide", "fr"),
    ("je me fais du mal", "self-harm", "fr"),
    ("scarification", "self-harm", "fr"),
    ("j'ai pris trop de médicaments", "overdose", "fr"),
    ("mon mari me frappe", "abuse", "fr"),
    ("il menace de me tuer", "abuse", "fr"),
    ("je vais me pendre", "suicide", "fr"),
    ("envie de disparaître", "suicide", "fr"),
    ("j'ai avalé une boîte de doliprane", "overdose", "fr"),
    ("il m'enferme à la maison", "abuse", "fr"),
    ("j'ai peur qu'il recommence ce soir", "abuse", "fr"),
    ("je ne veux plus me réveiller", "suicide", "fr"),
    ("il ne se réveille pas", "overdose", "fr"),
    ("ma vie n'a plus de sens", "suicide", "fr"),
]

QUIET = [
    # group names and topics
    "suicide loss survivors",
    "grief after suicide",
    "survivors of suicide loss",
    "my son died by suicide",
    "my brother committed suicide last year",
    "suicide prevention training",
    "harm reduction",
    "drug harm reduction group",
    "overdose prevention",
    "overdose awareness day",
    "lost my daughter to an overdose",
    "survivors of abuse support group",
    "domestic violence survivors",
    "substance abuse",
    "alcohol abuse",
    "duelo por suicidio",
    "prevención del suicidio",
    "prevención de sobredosis",
    "deuil après un suicide",
    "prévention du suicide",
    "réduction des risques",
    # idioms and ordinary searches
    "dying to meet people who get it",
    "killing time after work",
    "this job is killing me",
    "my mom is going to kill me",
    "beats me why he drinks",
    "it hit me that he drinks too much",
    "my dad hit me as a child",
    "he overdoes it with the drinking",
    "10 kms from portland",
    "i dont want to live with an alcoholic",
    "can't go on holiday with him",
    "codependency",
    "people pleasing",
    "my husband drinks",
    "depression support tonight",
    "grief",
    "se me pega todo",
    "me corto el pelo",
    "mi mamá va a matarme",
    "ça me fait du mal de le voir boire",
    "ce qui me frappe c'est son silence",
    "il me bat aux échecs",
    "en finir avec l'alcool",
    "i want to end it with him",
    "cutting corners again at work",
    "je veux me jeter dans le travail",
    "can't go on vacation",
    "i was in an abusive relationship years ago",
    "quiero dejar de beber",
    "cutting back on drinking",
    "hoy me toca ir a la reunión",
    "ton message me touche beaucoup",
    "",
]


@pytest.mark.parametrize(("text", "kind", "language"), FIRES)
def test_crisis_phrases_are_recognised_with_their_kind_and_language(text, kind, language):
    crisis = detect_crisis(text)
    assert crisis is not None, text
    assert (crisis.kind, crisis.language) == (kind, language)


@pytest.mark.parametrize("text", QUIET)
def test_group_topics_idioms_and_ordinary_searches_are_not_a_crisis(text):
    assert detect_crisis(text) is None


def test_a_phrase_inside_ten_kilobytes_of_text_is_recognised_quickly():
    filler = "looking for a codependency group near portland on tuesday evenings " * 80
    text = filler[:5000] + " honestly i want to kill myself " + filler[:5000]
    assert len(text) > 10_000
    start = time.process_time()
    crisis = detect_crisis(text)
    assert time.process_time() - start < 1.0
    assert crisis is not None and crisis.kind == "suicide"


def test_any_length_is_answered_in_bounded_time_reading_only_the_first_max_chars():
    start = time.process_time()
    assert detect_crisis("suicidx " * 200_000) is not None  # one typo of "suicide"
    assert detect_crisis("x" * (MAX_CHARS + 10) + " suicidal") is None
    assert time.process_time() - start < 3.0


def test_the_most_urgent_kind_leads_and_every_kind_is_listed():
    crisis = detect_crisis("my husband hits me and i want to die")
    assert crisis.kind == "suicide"
    assert crisis.kinds == ("suicide", "abuse")


@pytest.mark.parametrize(("text", "something_else"), [
    ("i want to die", False),
    ("suicidal support group near me", False),
    ("quiero morir por favor ayuda", False),
    ("i want to die my husband drinks", True),
    ("suicidal thoughts alcohol", True),
])
def test_the_remainder_says_whether_the_text_asks_for_anything_else(text, something_else):
    assert detect_crisis(text).names_something_else is something_else


@pytest.mark.parametrize(("a", "b", "close"), [
    ("suicidal", "sucidal", True), ("suicidal", "suicidla", True), ("suicidal", "suicidall", True),
    ("suicidal", "suicidel", True), ("suicidal", "suicdla", False), ("myself", "myselves", False),
])
def test_one_typo_means_one_edit_or_one_swap(a, b, close):
    assert _one_typo(a, b) is close


def test_every_phrase_is_documented_and_well_formed():
    for phrase in PHRASES:
        assert phrase.note.strip(), phrase.pattern
        assert fold(phrase.pattern) == phrase.pattern, "patterns are written folded"
        _compile(phrase)  # raises on an unknown kind, a leading optional word, a short ~word


@pytest.mark.parametrize("bad", [
    Phrase("[my] life", "suicide", "en", "leading optional"),
    Phrase("die~", "suicide", "en", "too short to be typo-tolerant"),
    Phrase("die", "sadness", "en", "unknown kind"),
])
def test_malformed_phrases_are_refused(bad):
    with pytest.raises(ValueError):
        _compile(bad)


@pytest.mark.parametrize("text", [None, "   ", "!!!", "\x00\x01", "🙂🙂", "ß" * 50])
def test_odd_input_never_raises(text):
    assert detect_crisis(text) is None
