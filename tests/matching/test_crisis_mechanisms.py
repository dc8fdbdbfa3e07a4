"""Crisis detection by mechanism: negation scope, hedges, indirect ideation, third person now.

Written from what a crisis counselor listens for, in English, Spanish and French, before and
apart from the evaluation cases (benchmarks/cases): every text here is made up for the
mechanism it tests.
"""

from __future__ import annotations

import time

import pytest

from matching.crisis import (
    ADVERBS,
    BRIDGES,
    NEGATORS,
    PHRASES,
    _negated,
    _tokens,
    detect_crisis,
)

# A negator that governs the crisis words, in their clause: not a crisis.
TRUE_NEGATIONS = [
    # English: "not", "never", "no … thoughts", "dont want to", cessation
    "im not suicidal",
    "i am not suicidal, i am grieving",
    "i'm not going to kill myself, i need a meeting",
    "i would never hurt myself",
    "i have no thoughts of suicide",
    "i have no intention of hurting myself",
    "no suicidal thoughts, looking for a depression group",
    "i dont want to die from this disease, need na meetings",
    "i don't want to kill myself, i want to get sober",
    "never been suicidal but my anxiety is bad",
    "im no longer suicidal, two years stable",
    "i stopped cutting myself four years ago",
    "i didnt take too many pills, i took my normal dose",
    "my therapist asked if i was suicidal and i said no",
    # Spanish: "no", "nunca", "ni", "sin", "no es que", cessation
    "no soy suicida",
    "no estoy pensando en suicidarme, quiero un grupo",
    "nunca me haria daño",
    "no es que quiera hacerme daño",
    "no quiero morir por el alcohol, busco grupo",
    "ya no soy suicida",
    "deje de cortarme hace años",
    "mi psicologa me pregunto si tenia ideas suicidas y le dije que no",
    # French: "pas", "jamais", "aucune", "(ne) … plus" after a verb, cessation
    "je suis pas suicidaire",
    "je suis pas du tout suicidaire",
    "im not at all suicidal",
    "je ne vais pas me faire de mal",
    "j'ai aucune envie de me suicider",
    "je pense jamais au suicide",
    "je suis plus suicidaire depuis longtemps",
    "je veux plus me suicider, je veux aller mieux",
    "j'ai arrêté de me scarifier depuis longtemps",
    "le médecin m'a demandé si j'avais des pensées suicidaires, j'ai dit non",
]

# A negation that is the crisis itself (a negated life), or a negation that does not govern the
# crisis words: must fire, with its kind and language.
NEGATED_LIFE_AND_UNGOVERNED = [
    ("i really dont want to be alive anymore", "suicide", "en"),
    ("honestly i dont want to wake up tomorrow", "suicide", "en"),
    ("i hope i never wake up", "suicide", "en"),
    ("i dont feel safe at home tonight", "abuse", "en"),
    ("not gonna lie i want to kill myself", "suicide", "en"),  # an idiom, not a negation
    ("im not okay i want to die", "suicide", "en"),  # "not" governs "okay"
    ("no, i want to die", "suicide", "en"),  # an interjection, then a new clause
    ("i dont know why i want to die", "suicide", "en"),  # "dont" governs "know"
    ("i cant stop thinking about killing myself", "suicide", "en"),  # "cant" is no negator
    ("i never thought id be suicidal", "suicide", "en"),  # "never" governs "thought"
    ("ive never felt so suicidal", "suicide", "en"),  # an intensifier
    ("no quiero seguir existiendo", "suicide", "es"),
    ("ya no quiero estar viva", "suicide", "es"),
    ("no se que hacer, quiero morir", "suicide", "es"),
    ("no tengo ganas de vivir", "suicide", "es"),
    ("no quiero amanecer", "suicide", "es"),
    ("je ne veux plus vivre du tout", "suicide", "fr"),
    ("je veux pas me réveiller demain", "suicide", "fr"),
    ("j'ai pas envie de vivre", "suicide", "fr"),
    ("ça va pas je veux mourir", "suicide", "fr"),  # "pas" governs "va"; a subject follows
    ("je me sens de plus en plus suicidaire", "suicide", "fr"),  # "plus" is "more" here
    ("je vois pas l'intérêt de vivre", "suicide", "fr"),  # futility reads through negation
]

# Hedges: a softened negation, or "not that …" followed by what it really is.
HEDGES = [
    ("its not that i want to die, i just dont want to exist", "suicide", "en"),
    ("im not actively suicidal but i think about dying", "suicide", "en"),
    ("not really suicidal, i just wish i wasnt here", "suicide", "en"),
    ("im not exactly suicidal", "suicide", "en"),
    ("im not suicidal yet", "suicide", "en"),
    ("not sure i want to be alive", "suicide", "en"),
    ("unsure if i want to keep living", "suicide", "en"),
    ("no es que quiera morirme, es que no quiero existir", "suicide", "es"),
    ("no soy suicida todavia pero me falta poco", "suicide", "es"),
    ("no se si quiero seguir viviendo", "suicide", "es"),
    ("c'est pas que j'ai envie de mourir, je veux juste plus exister", "suicide", "fr"),
    ("je suis pas vraiment suicidaire", "suicide", "fr"),
    ("je suis pas tout à fait suicidaire", "suicide", "fr"),
    ("je sais pas si je veux encore vivre", "suicide", "fr"),
    # a second negation reads as yes; "but I think about it" is ideation without intent
    ("not one day goes by that i dont want to die", "suicide", "en"),
    ("i wouldnt kill myself but i think about it a lot", "suicide", "en"),
    ("no me voy a matar pero lo pienso todos los dias", "suicide", "es"),
    ("je vais pas me tuer mais j'y pense tout le temps", "suicide", "fr"),
]

# Indirect ideation: goodbyes, possessions given away, means at hand, absence, burden.
INDIRECT = [
    ("i wrote goodbye letters to my kids", "suicide", "en"),
    ("im giving away all my things", "suicide", "en"),
    ("been giving my belongings away this week", "suicide", "en"),
    ("got my pills ready for tonight", "suicide", "en"),
    ("ive been stockpiling my meds", "suicide", "en"),
    ("i bought a rope today", "suicide", "en"),
    ("i wont be around much longer", "suicide", "en"),
    ("nobody would even notice", "suicide", "en"),
    ("no one would miss me", "suicide", "en"),
    ("my family would be happier without me", "suicide", "en"),
    ("whats the point in waking up", "suicide", "en"),
    ("i just want to be with my mom in heaven", "suicide", "en"),
    ("escribi cartas de despedida para mis hijos", "suicide", "es"),
    ("estoy regalando todas mis cosas", "suicide", "es"),
    ("ya compre una soga", "suicide", "es"),
    ("ya junte las pastillas", "suicide", "es"),
    ("el veneno ya esta guardado, las pastillas listas", "suicide", "es"),
    ("nadie me extrañaria", "suicide", "es"),
    ("mi familia estaria mas tranquila sin mi", "suicide", "es"),
    ("no le veo sentido a seguir", "suicide", "es"),
    ("la semana que viene ya no voy a estar", "suicide", "es"),
    ("quiero irme con mi papa al cielo", "suicide", "es"),
    ("j'ai écrit des lettres d'adieu", "suicide", "fr"),
    ("je donne mes affaires à mes amis", "suicide", "fr"),
    ("j'ai mis des cachets de côté", "suicide", "fr"),
    ("je serai plus là la semaine prochaine", "suicide", "fr"),
    ("je manquerais à personne", "suicide", "fr"),
    ("aucun intérêt à me réveiller", "suicide", "fr"),
    ("j'ai peur de faire une connerie ce soir", "suicide", "fr"),
    ("j'ai le goût d'en finir", "suicide", "fr"),
    ("je veux rejoindre mon mari au ciel", "suicide", "fr"),
    ("i have a plan to end it", "suicide", "en"),
    ("ive said my goodbyes", "suicide", "en"),
    ("ya me despedi de todos", "suicide", "es"),
    ("j'ai dit adieu à tout le monde", "suicide", "fr"),
    ("i regret being born", "suicide", "en"),
    ("im a burden to everyone", "suicide", "en"),
    ("quisiera no haber nacido", "suicide", "es"),
    ("soy una carga para todos", "suicide", "es"),
    ("mejor me muero de una vez", "suicide", "es"),
    ("je regrette d'être née", "suicide", "fr"),
    ("je suis un poids pour tout le monde", "suicide", "fr"),
    ("im done with everything", "suicide", "en"),
    ("estoy harta de todo", "suicide", "es"),
    ("j'en ai marre de tout", "suicide", "fr"),
    ("je me sens de trop", "suicide", "fr"),
    ("sobro en este mundo", "suicide", "es"),
    ("personne remarquerait", "suicide", "fr"),
    ("i shouldnt have been born", "suicide", "en"),
    ("j'ai fait mes adieux", "suicide", "fr"),
    ("j'ai plus la force de continuer", "suicide", "fr"),
    ("ya no tengo fuerzas para seguir", "suicide", "es"),
    ("i have no strength left to keep going", "suicide", "en"),
    ("je vois aucune issue", "suicide", "fr"),
    ("no veo salida", "suicide", "es"),
    ("je suis à bout", "suicide", "fr"),
    ("im at the end of my rope", "suicide", "en"),
]

# Someone else in danger now, counted ingestions however hedged, hotline searches, algospeak.
NOW_AND_HOTLINES = [
    ("my roommate took a bunch of pills and wont wake up", "overdose", "en"),
    ("my friend swallowed like 40 advil", "overdose", "en"),
    ("i took about 15 sleeping pills", "overdose", "en"),
    ("she is nodding out on the couch", "overdose", "en"),
    ("my dad is beating my mom right now", "abuse", "en"),
    ("i keep banging my head against the wall", "self-harm", "en"),
    ("is 988 only for suicide", "suicide", "en"),
    ("crisis text line number", "suicide", "en"),
    ("samaritans phone number", "suicide", "en"),
    ("thinking about sewer slide", "suicide", "en"),
    ("i want to un alive myself", "suicide", "en"),
    ("mi amigo se tomo unas 20 pastillas", "overdose", "es"),
    ("me tome como 30 pastillas", "overdose", "es"),
    ("mi papa le esta pegando a mi mama", "abuse", "es"),
    ("me acaba de golpear", "abuse", "es"),
    ("me tiene encerrada en la casa", "abuse", "es"),
    ("mi hijo se esta lastimando, hay sangre", "self-harm", "es"),
    ("linea de crisis", "suicide", "es"),
    ("j'ai pris genre 30 doliprane", "overdose", "fr"),
    ("elle a avalé une vingtaine de cachets", "overdose", "fr"),
    ("il vient de me frapper", "abuse", "fr"),
    ("il va encore me battre ce soir", "abuse", "fr"),
    ("ma fille se coupe, il y a du sang", "self-harm", "fr"),
    ("numéro de la ligne d'écoute", "suicide", "fr"),
    ("3114", "suicide", "fr"),
    ("my friend cut her wrists", "suicide", "en"),
    ("i drank bleach", "suicide", "en"),
    ("im going to drive my car off a bridge", "suicide", "en"),
    ("took my whole prescription", "overdose", "en"),
    ("hes trying to break down the door", "abuse", "en"),
    ("national suicide prevention lifeline", "suicide", "en"),
    ("me tome el cloro", "suicide", "es"),
    ("j'ai bu de la javel", "suicide", "fr"),
    ("je veux m'ouvrir les veines", "suicide", "fr"),
    ("my friend keeps talking about suicide", "suicide", "en"),
    ("mi hijo habla de matarse", "suicide", "es"),
    ("mon ami parle de se tuer", "suicide", "fr"),
    ("ma fille parle de mourir", "suicide", "fr"),
]

# Words shared with the mechanisms above that stay ordinary searches.
STAY_QUIET = [
    "im not suicidal but i think i need a group",
    "writing a goodbye letter to alcohol",
    "giving away my old clothes to charity before moving",
    "i wont be around next week, im on vacation",
    "ill be happier without alcohol",
    "the pills are at the pharmacy",
    "i took 2 advil for my back",
    "whats the point of going to meetings",
    "not sure i want to keep going to this group",
    "not sure i want to be a sponsor",
    "a workshop on self-harm for teachers",
    "988 main street",
    "volunteer training for suicide prevention on sunday",
    "how do i self delete my account",
    "carta de despedida al alcohol",
    "ya no voy a estar en la ciudad",
    "una charla sobre autolesiones para padres",
    "me acaba de llamar mi madrina",
    "je serai plus là pour le souper",
    "je vois pas l'intérêt de ce traitement",
    "j'ai peur de faire une connerie et de boire",
    "atelier sur la scarification pour les enseignants",
    "il se coupe les cheveux tout seul",
    "je veux que ça s'arrête avec son alcool",
    "ya me despedi de todos porque me voy de viaje",
    "said my goodbyes before my flight",
    "trying to break into the housing market",
    "i drink to forget",
    "i dont want to be a burden to my kids when im old",
    "the fee is a burden for all of us",
    "j'ai pas été à la réunion",
    "mejor me muero de hambre que comer eso",
    "cut myself a break this week",
    "how to stop my pain in my back",
    "i gave away my stuff when i moved",
    "nobody would notice me at a meeting, im shy",
    "im not an alcoholic and i dont want to die from drinking",
    "harta de todo el drama con mi ex",
    "j'en ai marre de tout ça",
    "we talked about suicide loss in group",
    "done with everything on my to do list",
    "je me sens de trop dans ce groupe",
    "no hay salida de emergencia en el edificio",
    "pas de solution pour le parking",
    "je suis à bout avec mon fils qui boit",
    "at the end of my rope with his drinking",
    "no strength left for the gym",
    "pas la force de venir ce soir",
    "call 555 024 0199 for the hall",
    "suite 3114 12 main street",
]


@pytest.mark.parametrize("text", TRUE_NEGATIONS)
def test_a_negator_governing_the_crisis_words_voids_them(text):
    assert detect_crisis(text) is None


@pytest.mark.parametrize(("text", "kind", "language"), NEGATED_LIFE_AND_UNGOVERNED)
def test_a_negated_life_or_a_negation_of_something_else_still_fires(text, kind, language):
    crisis = detect_crisis(text)
    assert crisis is not None, text
    assert (crisis.kind, crisis.language) == (kind, language)


@pytest.mark.parametrize(("text", "kind", "language"), HEDGES)
def test_a_hedge_is_read_as_what_it_hedges(text, kind, language):
    crisis = detect_crisis(text)
    assert crisis is not None, text
    assert (crisis.kind, crisis.language) == (kind, language)


@pytest.mark.parametrize(("text", "kind", "language"), INDIRECT)
def test_indirect_ideation_is_recognised(text, kind, language):
    crisis = detect_crisis(text)
    assert crisis is not None, text
    assert (crisis.kind, crisis.language) == (kind, language)


@pytest.mark.parametrize(("text", "kind", "language"), NOW_AND_HOTLINES)
def test_danger_now_counted_pills_and_hotline_searches_are_recognised(text, kind, language):
    crisis = detect_crisis(text)
    assert crisis is not None, text
    assert (crisis.kind, crisis.language) == (kind, language)


@pytest.mark.parametrize("text", STAY_QUIET)
def test_words_shared_with_those_mechanisms_stay_ordinary_searches(text):
    assert detect_crisis(text) is None


@pytest.mark.parametrize(("text", "phrase_words", "negated"), [
    ("im not suicidal", "suicidal", True),
    ("im not really suicidal", "suicidal", False),  # a hedge
    ("im not, suicidal", "suicidal", False),  # a clause break between
    ("not that i want to die", "want to die", True),  # "not that …" on its own negates
    ("i dont know if i want to die", "want to die", False),  # "know" is no bridge
    ("i dont want to live", "dont want to live", False),  # the negation is the phrase
    ("nunca pienso en matarme", "matarme", True),
    ("je vais pas me tuer", "me tuer", True),
    ("ça va pas je veux mourir", "veux mourir", False),  # a subject after the negator
    ("de plus en plus suicidaire", "suicidaire", False),
    ("je suis plus suicidaire", "suicidaire", True),
    ("asked if i had thoughts of suicide, i said no", "suicide", True),
    ("asked if i had thoughts of suicide, i said yes", "suicide", False),
])
def test_negation_scope_unit(text, phrase_words, negated):
    words_, breaks = _tokens(text)
    target = phrase_words.split()
    start = next(i for i in range(len(words_)) if words_[i:i + len(target)] == target)
    assert _negated(words_, breaks, start, start + len(target)) is negated


def test_softening_adverbs_are_left_out_before_matching_in_three_languages():
    for text in ("i really just want to die", "je veux vraiment juste mourir",
                 "quiero solamente morir"):
        crisis = detect_crisis(text)
        assert crisis is not None and crisis.kind == "suicide", text
    # … and the remainder keeps the seeker's other words, adverbs within the phrase taken out.
    assert detect_crisis("i want to just die aa meeting").remainder == "i aa meeting"


def test_no_phrase_uses_a_word_that_is_left_out_or_read_as_a_negation_bridge_only():
    for phrase in PHRASES:
        for slot in phrase.pattern.split():
            for alt in slot.strip("[]").split("|"):
                assert alt.rstrip("~") not in ADVERBS, phrase.pattern
    assert not (NEGATORS & BRIDGES)


def test_an_idiom_word_in_the_next_clause_does_not_void_a_phrase():
    assert detect_crisis("se está cortando, la encontré en el baño") is not None
    assert detect_crisis("se está cortando la") is None  # "… la carne", the meat


def test_ten_kilobytes_full_of_negations_and_hedges_are_answered_quickly():
    filler = ("im not sure, no es que, je suis pas, i dont know, nunca, jamais, not that "
              "i want to, looking for a group near the station ") * 90
    text = filler[:5000] + " the rope is ready " + filler[:5000]
    assert len(text) > 10_000
    start = time.process_time()
    crisis = detect_crisis(text)
    assert time.process_time() - start < 1.0
    assert crisis is not None and crisis.kind == "suicide"
    start = time.process_time()
    assert detect_crisis(filler[:10_000]) is None
    assert time.process_time() - start < 1.0
