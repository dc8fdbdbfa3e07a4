"""Crisis detection: does a seeker's text say they are in danger right now?

``detect_crisis(text)`` answers a :class:`Crisis` (what kind, in which language, the words that
said it) or ``None``. It reads English, Spanish and French everyday words, slang and common
misspellings: the text is lower-cased and accent-folded ("pensées" = "pensees"), English
apostrophes are dropped ("don't" = "dont") and French elisions split ("j'ai" = "j ai"),
hyphens split words ("self-harm" = "self harm"), and a letter typed three or more times
counts once or twice ("dieeee" = "die").
Words marked ``~`` in the table below also match with one typo (one letter added, dropped,
changed or two swapped; same first letter; only for long words, where that cannot turn into
another everyday word). A ``#`` slot is a written count of at least :data:`MANY` ("took 20
tylenol"), and a French "s'est …" is read as one past-tense word ("sest"), so "il s'est
suicidé" stays a loss.

Every phrase is data (:data:`PHRASES`), with a note saying why it is there. A *strong* phrase
is first-person and present ("kill myself", "quiero morir") and always counts. A *weak*
phrase ("suicide", "overdose", "he hits me") also names group topics or idioms, so it counts
only when no word of its :data:`BLOCKERS` set stands within a few words of it: "suicide loss
survivors", "grief after suicide", "overdose prevention", "my dad hit me as a child" are
group topics or the past, not a crisis now. Bare topic words that are mostly group names
("harm reduction", "domestic violence", "abuse") are not phrases at all.

Softening adverbs (:data:`ADVERBS`: "just", "really", "juste", "vraiment", "solo") are left
out before phrases are matched, so "i just really want to die" reads as "i want to die". An
``unless`` word counts only inside the phrase's own clause (a clause ends at . , ; : ! ? or
a new line) unless the phrase says otherwise.

Negation scope (:func:`_negated`): a phrase is void when a negator (:data:`NEGATORS`: "not",
"never", "dont", "no", "nunca", "sin", "pas", "jamais", "aucune", and the cessation words
"stopped", "dejé de", "arrêté de") governs it — it stands before the phrase in the same
clause, at most :data:`NEGATION_REACH` words back, with only :data:`BRIDGES` between
("i'm not suicidal", "no thoughts of hurting myself", "no es que quiera hacerme daño", "je
ne vais pas me faire de mal", "dejé de cortarme"). A negator followed by a subject starts
another clause ("ça va pas je veux mourir" fires), and French "plus" negates only after a
verb ("je suis plus suicidaire", not "de plus en plus suicidaire"). A phrase whose own words
hold the negation is a negated life and keeps firing ("i dont want to be alive", "no quiero
seguir viviendo", "je veux pas me réveiller"), as do futility phrases marked
``despite_negation`` ("je vois pas l'intérêt de continuer"). Hedges are read as what they
hedge (:data:`HEDGES`: "not really / actively / exactly suicidal", "pas vraiment", "not …
yet"); "not sure I want to live" is a phrase of its own. "It's not that I want to die, I just
don't want to exist" fires on its second clause. A second negation in the clause reads as
yes ("not a day goes by that I don't want to die"), and so does a "but" followed by thinking
about it ("I wouldn't kill myself but I think about it", "pero lo pienso", "mais j'y pense").
A question put to the seeker and answered no ("she asked if I was suicidal, I said no") is a
negation.

Indirect signs a counselor listens for are phrases too: goodbye letters, possessions given
away, the means at hand ("tengo las pastillas listas", "j'ai mis des cachets de côté"),
absence ("I won't be around much longer", "je serai plus là"), "nobody would miss me",
"they'd be happier without me", a burden to everyone, never having been born, the wish to join
someone dead, futility and exhaustion ("no point in waking up", "j'ai plus la force de
continuer", "no veo salida"), hotline searches (988, crisis lines, Samaritans, 024, 3114),
counted ingestions however hedged ("took like 30 tylenol", "como 20 clonazepam"), and someone
else hurt, or talking about it, now.

Time is linear in the text (one pass over its words, each looked up in a dict; the few
typo-tolerant words are compared only with words of about their length; a negation is looked
for at most a few words back), and only the first :data:`MAX_CHARS` characters are read, so
any input is answered in bounded time. Pure: no Flask, no database, no network, no clock.

Known limits (said here so nobody relies on them):

- Negation is read by position and a short list of bridge words, not by parsing. A negation
  that reaches further ("I don't think that, honestly, I would ever hurt myself") is not read
  and the panel shows (the safe side); one written after the fact ("suicidal? no.") is not
  read either. "Not that I want to die" alone is read as a negation, and so is a negation
  followed by a "but" in other words than thinking about it ("I wouldn't do it, but the
  pills are right there" fires only if the means phrase does).
- Double negations, irony and sarcasm are not understood.
- Indirect signs are read only in the forms listed: a goodbye said in other words, a plan
  told as a story, or means not named ("I have everything I need now") are missed; a burden
  is read only towards everyone ("I'm a burden to my kids" is not), and despair about
  someone else ("at the end of my rope with his drinking") is left out on purpose.
- A phrase split by more than the optional words listed is missed; languages other than
  en/es/fr are not read (code-switching between the three works because every phrase is
  tried on every text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("suicide", "overdose", "self-harm", "abuse")  # priority when several are found
LANGUAGES = ("en", "es", "fr")
MAX_CHARS = 100_000
WINDOW_BEFORE = 6  # blocker words looked for this many words before a weak phrase …
WINDOW_AFTER = 5  # … and this many after it ("… when i was a kid")


@dataclass(frozen=True)
class Phrase:
    pattern: str  # words separated by spaces: a|b alternatives, [x] optional, * any one word,
    # word~ typo-tolerant, # a number of at least MANY (a count of pills)
    kind: str
    lang: str
    note: str
    weak: bool = False
    unless: str = ""  # words that, just before or after, void the phrase (idioms)
    reach: int = 2  # how many words before and after are looked at for `unless`
    clause: bool = True  # `unless` words are looked for only in the phrase's own clause
    despite_negation: bool = False  # a negation before it is part of its meaning ("je vois
    # pas l'intérêt de continuer", "no point in waking up"): not read as voiding it


@dataclass(frozen=True)
class Crisis:
    """What the text says: the most urgent kind found, the language of the words that said
    it, every kind found, the matched words (folded), and the text's other words."""

    kind: str
    language: str
    kinds: tuple[str, ...]
    phrases: tuple[str, ...]
    remainder: str

    @property
    def names_something_else(self) -> bool:
        """Whether the text, crisis words taken out, still asks for something (a topic, a
        place, a group name) rather than only filler ("i just", "please help", "grupo")."""
        return any(w not in FILLER for w in self.remainder.split())


# Subjects and verbs of "someone is hurting me" phrases, kept apart for readability.
_ABUSER_EN = ("he|she|hes|shes|husband|wife|partner|boyfriend|girlfriend|bf|gf|dad|father|"
              "mom|mum|mother|stepdad|stepfather|stepmom|stepmother|ex|parents|uncle|brother|"
              "caregiver|carer|roommate|son|daughter|grandson|boss|pimp|they|teacher|coach|priest|"
              "neighbor|neighbour|cousin|grandpa|grandfather|stepbrother")
_ABUSE_VERB_EN = ("hits|hit|hitting|beat|beating|chokes|choked|choking|strangles|strangled|"
                  "punches|punched|punching|kicks|kicked|kicking|slaps|slapped|slapping|rapes|"
                  "raped|raping|hurts|hurting|abuses|abused|abusing|beats|touches|touched|touching|"
                  "pushed|pushes|shoved|shoves|grabbed|locks|locked|threatens|threatened")
_ABUSE_VERB_ES = ("pega|pego|golpea|golpeo|maltrata|maltrato|viola|violo|ahorca|ahorco|lastima|"
                  "pegando|golpeando|maltratando|violando|encierra|encerro|encierran|empujo|empuja|"
                  "amenaza")  # not "toca": "me toca trabajar" is "I have to work"
_ABUSE_VERB_FR = ("frappe|frappait|bat|battu|tape|cogne|viole|violee|etrangle|brutalise|enferme|"
                  "pousse|menace|gifle|violente")  # "touche" only with a subject (below)
_ABUSE_PAST_FR = ("frappe|frappee|pousse|poussee|battu|battue|gifle|giflee|etrangle|etranglee|"
                  "viole|violee|enfermee|enferme|menacee|brutalisee|touchee")

# Vocabularies shared by the phrases of one mechanism (pills counted, means at hand, life).
_PILLS_EN = ("pills|pill|tablets|tabs|capsules|meds|tylenol|tylenols|paracetamol|paracetamols|"
             "advil|ibuprofen|aspirin|aspirins|xanax|xans|xannies|bars|benzos|oxys|percs|"
             "percocets|vicodin|klonopin|valium|ambien|ativan|lorazepam|clonazepam|seroquel|"
             "tramadol|gabapentin|sleeping|antidepressants|painkillers")
_PILLS_ES = ("pastillas|pastilla|pildoras|tabletas|capsulas|pastis|medicamentos|medicinas|"
             "calmantes|somniferos|clonazepam|rivotril|alprazolam|xanax|diazepam|valium|tafil|"
             "paracetamol|ibuprofeno|aspirinas|tramadol|antidepresivos")
_PILLS_FR = ("comprimes|cachets|pilules|gelules|medicaments|medocs|cachetons|doliprane|"
             "dolipranes|dafalgan|efferalgan|paracetamol|xanax|lexomil|temesta|stilnox|"
             "anxiolytiques|somniferes|antidepresseurs|tramadol")
_MANY_EN = "#|ten|fifteen|twenty|thirty|forty|fifty|sixty|dozen|dozens|hundred"
_MANY_ES = "#|diez|quince|veinte|treinta|cuarenta|cincuenta|cien"
_MANY_FR = "#|dix|quinze|vingt|trente|quarante|cinquante|cent"
_ABOUT_EN = "[like|about|around|maybe|over|almost|nearly|roughly|at] [least]"
_ABOUT_ES = "[como|unos|unas|casi|mas|tipo] [de]"
_ABOUT_FR = "[genre|environ|presque|au|plus|comme] [moins|de|d]"
_INF_ABUSE_ES = "pegar|golpear|violar|ahorcar|patear|cachetear|empujar|lastimar|madrear|putear"
_INF_ABUSE_FR = ("frapper|battre|taper|violer|etrangler|pousser|gifler|cogner|brutaliser|"
                 "tabasser|tapocher")
_VICTIM_EN = ("wife|girlfriend|gf|partner|kids|kid|children|child|mom|mother|mum|son|daughter|"
              "boyfriend|husband|sister|brother|baby")

PHRASES: tuple[Phrase, ...] = (
    # ---- suicide: English ----
    Phrase("suicidal~", "suicide", "en",
           "the adjective names the seeker's own state; typos (sucidal, suicidel) included"),
    Phrase("suicidle|suicidial|suacidal|suisidle|suicidaly", "suicide", "en",
           "misspellings two typos away from 'suicidal'"),
    Phrase("suicide~|sucide|suiside|sewerslide|suicde", "suicide", "en",
           "the bare noun: a seeker in crisis often types just this; weak because it also "
           "names loss-survivor and prevention groups", weak=True),
    Phrase("commit|commiting|committing|comit suicide~", "suicide", "en",
           "present tense 'commit suicide' (the past 'committed' is a loss: left to the weak "
           "noun and its blockers)"),
    Phrase("kill|killing|kil|killin|murder [my] myself~|meself|myslef|mysefl|self", "suicide",
           "en", "first-person intent; 'kill my self' spelt apart, typos of 'myself' (not the "
           "idioms 'killing myself laughing', '… working two jobs')", unless="laughing working"),
    Phrase("kms|kmsl", "suicide", "en",
           "texting slang for 'kill myself' (not after a number: '10 kms' is a distance)"),
    Phrase("unalive|unaliving|unalived myself|me|meself", "suicide", "en",
           "social-media euphemism for suicide"),
    Phrase("want|wanna|wanting|wants|going|gonna|ready [to] unalive", "suicide", "en",
           "the euphemism used as a verb"),
    Phrase("end|ending|take|taking my [own] life", "suicide", "en",
           "'end my life', 'take my own life'; 'my' keeps 'end of life care' out"),
    Phrase("end|ending it all", "suicide", "en", "'end it all'"),
    Phrase("want|wanna|going|gonna|ready|decided|plan|plans|planning|planned to end it",
           "suicide", "en",
           "'I want to end it' (not 'end it with him')", unless="with between off"),
    Phrase("tired|sick of living|existing|life", "suicide", "en",
           "'tired of living' (not 'tired of living with an alcoholic')", unless="with in"),
    Phrase("tired|sick of being alive", "suicide", "en", "'tired of being alive'"),
    Phrase("want|wanna|wish [to] be dead", "suicide", "en", "'I want to be dead'"),
    Phrase("should die", "suicide", "en", "'I should just die' ('just' is left out before "
           "matching)", unless="laughing you he she they if"),
    Phrase("done with life|living", "suicide", "en",
           "'I'm done with life' (not 'done with living with him')", unless="with in"),
    Phrase("cant|cannot do this anymore|any", "suicide", "en",
           "'I can't do this anymore' — despair; leaning toward showing help"),
    Phrase("slit|slitting|slit|cut|cutting my|his|her wrists|wrist", "suicide", "en",
           "a method named (also someone else's, now: 'she cut her wrists')"),
    Phrase("noose", "suicide", "en", "a method named"),
    Phrase("in front of a|the train|bus|truck|car", "suicide", "en",
           "'jump in front of a train'", weak=True),
    Phrase("gun to my head", "suicide", "en", "a method named"),
    Phrase("no|lost [the] will to live", "suicide", "en", "'I've lost the will to live'"),
    Phrase("disappear forever", "suicide", "en", "passive ideation"),
    Phrase("dont|not want|wanna [to] wake up", "suicide", "en",
           "'I don't want to wake up' (passive ideation)", unless="early morning tomorrow"),
    Phrase("wish i could disappear|vanish", "suicide", "en", "passive ideation"),
    Phrase("point of living|life|existing", "suicide", "en", "'what's the point of living'"),
    Phrase("point of going on", "suicide", "en", "'what's the point of going on'"),
    Phrase("point of being alive", "suicide", "en", "'what's the point of being alive'"),
    Phrase("want|wanna|wanting|wants|wantto|ready|deserve|deserves to|too|2 die|dye", "suicide",
           "en",
           "'want to die', 'I deserve to die' ('going to die' is often fear, 'dying to' an "
           "idiom: neither is read)"),
    Phrase("wanna|wana die|dye", "suicide", "en", "'wanna die' without 'to'"),
    Phrase("wnat|wamt|whant|wan|wnt|watn|want to|too|2 die|dye", "suicide", "en",
           "typos of 'want' before 'to die'"),
    Phrase("feel|feeling|feels like dying|die", "suicide", "en",
           "passive ideation ('I feel like dying'); not 'dying my hair'", unless="hair"),
    Phrase("take|takes|need|enough|pills|pill to die", "suicide", "en",
           "method questions: 'how many pills does it take to die'"),
    Phrase("if i was|were|wasnt|werent|died gone|dead|here|around|alive", "suicide", "en",
           "'nobody would notice if I was gone'; weak ('if i was there') for loss words",
           weak=True),
    Phrase("sleep|sleeping forever", "suicide", "en", "'I just want to sleep forever'"),
    Phrase("and|to never|not wake up", "suicide", "en", "'go to sleep and never wake up'"),
    Phrase("want|wants|wish it all to stop|end", "suicide", "en", "'I want it all to end'"),
    Phrase("want|wants|wish everything to stop|end", "suicide", "en",
           "'I want everything to stop'"),
    Phrase("wish [that] i|id was|were|could|would [be] dead|die|died", "suicide", "en",
           "'wish i was dead', 'wish i could die'"),
    Phrase("better off dead", "suicide", "en", "a classic warning sign"),
    Phrase("better off without me", "suicide", "en", "a classic warning sign"),
    Phrase("dont|cant|not|doesnt want|wanna [to] live|exist", "suicide", "en",
           "'don't want to live' (not 'don't want to live in/with/near …')",
           unless="in with near at there here alone by close together"),
    Phrase("dont|not|doesnt want|wanna [to] be alive", "suicide", "en", "'don't want to be alive'"),
    Phrase("dont|not want|wanna [to] be here anymore|any|no", "suicide", "en",
           "'don't want to be here anymore'"),
    Phrase("no reason|point to live|living|exist", "suicide", "en", "'no reason to live'"),
    Phrase("no reason|point to go on|living", "suicide", "en", "'no reason to go on'"),
    Phrase("nothing [left] to live for", "suicide", "en", "'nothing to live for'"),
    Phrase("not|isnt|aint|never worth living", "suicide", "en",
           "'life is not worth living', 'life isn't worth living'"),
    Phrase("cant|cannot go on", "suicide", "en",
           "'I can't go on' — despair; not 'can't go on holiday / to meetings'",
           unless="a an the to vacation holiday holidays trip trips with my our dates date for "
                  "at in leave strike tour medication meds vacations"),
    Phrase("hang|hanging|shoot|shooting|drown|drowning|overdose|poison|poisoning myself~",
           "suicide", "en", "a method named in the first person"),
    Phrase("jump|jumping off|from [a|the] bridge|building|roof|cliff", "suicide", "en",
           "a method named"),
    Phrase("thinking|thoughts|thought|think|ideation about|of suicide~|dying", "suicide", "en",
           "'thinking about suicide', 'thoughts of dying'"),
    Phrase("thinking|thoughts|thought|think about|of ending it|my", "suicide", "en",
           "'thinking of ending it', 'thoughts of ending my life'"),
    Phrase("suicide~ [prevention|crisis] thoughts|ideation|plan|plans|note|hotline|lifeline|"
           "textline|line|"
           "helpline|number", "suicide", "en",
           "'suicide thoughts', 'suicide plan', a seeker looking for the line itself (not "
           "someone volunteering or training for one)",
           unless="volunteer volunteering volunteers training job jobs career donate", reach=4),
    Phrase("wish|hope|pray [that] i wouldnt|dont|didnt|never|wont|couldnt wake|woke up", "suicide",
           "en", "passive ideation: 'I wish I wouldn't wake up', 'hope I don't wake up'",
           unless="late early sick tired hungover"),
    Phrase("wish|hope|pray [that] i do|would|will|could not|never wake up", "suicide", "en",
           "the same spelt out ('I hope I do not wake up')", unless="late early"),
    Phrase("wish|hope|pray [that] i die|died|dye", "suicide", "en",
           "'I hope I die in my sleep'", unless="laughing"),
    Phrase("god [would|will|to|please|could] take|takes me", "suicide", "en",
           "'I pray God takes me' — passive ideation", unless="to back through"),
    Phrase("wish [that] i|id [was|were|had|hadnt] never [been] born", "suicide", "en",
           "'I wish I was never born'"),
    Phrase("wish [that] i didnt|wasnt|werent|couldnt exist|alive|here", "suicide", "en",
           "'I wish I didn't exist'"),
    Phrase("wish [that] i did|was|were|could not exist|alive", "suicide", "en",
           "the same spelt out"),
    Phrase("stop existing", "suicide", "en", "'I want to stop existing'"),
    Phrase("want|wanna|wish|need [to] stop living|breathing", "suicide", "en",
           "'I want to stop living' (not '… living in fear / like this')",
           unless="in with like a my the this"),
    Phrase("miss|notice|care [me] if i died|disappeared|vanished", "suicide", "en",
           "'no one would miss me if I died'"),
    Phrase("miss|notice|care [me] if i was|were|wasnt|werent dead|gone|here|around|alive",
           "suicide", "en", "'nobody would notice if I was gone'"),
    Phrase("cant|cannot take|bear|handle it|this|life anymore|any", "suicide", "en",
           "'I can't take it anymore' — despair; leaning toward showing help"),
    Phrase("cant|cannot keep going|living|on", "suicide", "en",
           "'I can't keep going like this'", unless="to with"),
    Phrase("cant|cannot keep doing this", "suicide", "en", "'I can't keep doing this'"),
    Phrase("cant|cannot live|go|carry [on] like this", "suicide", "en",
           "'I can't live like this' (not '… like this with his drinking')", unless="with"),
    Phrase("cant|cannot live|exist anymore|any", "suicide", "en", "'I can't live anymore'"),
    Phrase("no way out", "suicide", "en", "'there's no way out' (not 'no way out of debt')",
           unless="of from"),
    Phrase("life [is] isnt|not|aint|never worth it", "suicide", "en", "'life isn't worth it'"),
    Phrase("give|gave|giving up on life|living", "suicide", "en", "'I give up on life'"),
    Phrase("want|wanna|wish|need it|everything|life [all] to be over", "suicide", "en",
           "'I want it to be over'"),
    Phrase("end|ending everything", "suicide", "en", "'I want to end everything'",
           unless="with between"),
    Phrase("wants|want|wanna|going|gonna|threatening|threatens|threatened|says|said|talking|talks|"
           "about|will [to] kill|killing himself|herself|themself|themselves", "suicide", "en",
           "someone else's suicidal talk now ('my son says he wants to kill himself')"),
    Phrase("want|wanna|wish [to] disappear|vanish", "suicide", "en",
           "passive ideation: 'I just want to disappear' (not '… into a book / for a weekend')",
           unless="into for from in to"),
    Phrase("end|ending things", "suicide", "en", "'thinking about ending things'",
           unless="with between off"),
    Phrase("painless|easiest|quickest|easy|quick|best way|ways|method|methods to|of die|dying|"
           "kill|suicide", "suicide", "en", "method searches: 'painless way to die'"),
    Phrase("painless death|suicide", "suicide", "en", "method searches"),
    Phrase("live or die", "suicide", "en", "'nobody cares if I live or die'"),
    Phrase("shouldnt be alive|living", "suicide", "en", "'I shouldn't be alive'"),
    Phrase("should not be alive|living", "suicide", "en", "the same spelt out"),
    Phrase("how to|do|can kill|hang|poison|drown|shoot yourself|urself|myself", "suicide", "en",
           "'how to kill yourself' — a method search"),
    Phrase("iwanttodie|iwannadie|wanttodie|wannadie|killmyself|kilmyself|endmylife|imsuicidal",
           "suicide", "en", "typed with no spaces (hashtags, a hurried phone)"),
    # ---- suicide: Spanish ----
    Phrase("suicida|suicidas", "suicide", "es",
           "the adjective ('soy suicida'); weak because it also qualifies a loss "
           "('duelo por un suicida')", weak=True),
    Phrase("pensamientos|ideas|ideacion suicidas|suicida", "suicide", "es",
           "'pensamientos suicidas' (strong even near loss words)"),
    Phrase("pensamientos|ideas|pensando|pienso en|de suicidio|suicidarme|morir|matarme|morirme|"
           "muerte",
           "suicide", "es", "'ideas de suicidio', 'pensando en morir'"),
    Phrase("suicidio~|suisidio|sucidio", "suicide", "es",
           "the bare noun; weak like the English one ('duelo por suicidio')", weak=True),
    Phrase("suicidarme|suicidar|suisidarme|suicidarse|suisidar|sucidar|sucidarme|suisidarse",
           "suicide", "es",
           "the verb: 'me voy a suicidar', 'quiero suicidarme', the search 'como suicidarse'"),
    Phrase("quiero|kiero|qiero|qero|quiro|quisiera|deseo|queria [me] morir|morirme|morime|morirm|"
           "morirr|morri", "suicide",
           "es", "'quiero morir', 'me quiero morir', 'quisiera morirme'"),
    Phrase("ganas de morir|morirme|matarme|desaparecer", "suicide", "es",
           "'tengo ganas de morir'"),
    Phrase("quiero|quisiera estar muerto|muerta", "suicide", "es", "'quiero estar muerta'"),
    Phrase("mejor muerto|muerta", "suicide", "es", "'estaría mejor muerto'"),
    Phrase("no quiero|kiero [seguir] vivir|viviendo|existir", "suicide", "es",
           "'no quiero vivir', 'no quiero seguir viviendo' (not '… vivir en/con …')",
           unless="en con cerca aqui alli ahi junto"),
    Phrase("no vale la pena vivir", "suicide", "es", "'no vale la pena vivir'"),
    Phrase("matarme|matarm", "suicide", "es",
           "the reflexive verb is about oneself ('quiero matarme'); not 'va a matarme' "
           "(someone else, often the idiom 'my mum will kill me')",
           unless="va van vas iba con"),
    Phrase("me quiero|kiero|qiero|voy|vo [a] matar|suicidar|suisidar", "suicide", "es",
           "'me quiero matar', 'me voy a matar'"),
    Phrase("quitarme|quitar la|mi vida", "suicide", "es", "'quitarme la vida'"),
    Phrase("acabar|terminar con mi vida", "suicide", "es", "'acabar con mi vida'"),
    Phrase("poner fin a mi vida", "suicide", "es", "'poner fin a mi vida'"),
    Phrase("acabar|terminar con todo", "suicide", "es", "'acabar con todo'"),
    Phrase("tirarme|aventarme|lanzarme|arrojarme del|de|por|al|a [un|una|la|el|las] puente|"
           "edificio|ventana|balcon|metro|tren|vias|azotea", "suicide", "es",
           "a method named: 'tirarme del puente'"),
    Phrase("vida no tiene sentido", "suicide", "es", "'mi vida no tiene sentido'"),
    Phrase("no tiene sentido vivir|seguir", "suicide", "es", "'no tiene sentido vivir'"),
    Phrase("quiero|voy [a] terminarla|acabarla", "suicide", "es",
           "'quiero terminarla' (my life), said of one's life"),
    Phrase("quiero que todo termine|acabe|pare", "suicide", "es", "'quiero que todo termine'"),
    Phrase("dormir y no despertar", "suicide", "es", "passive ideation"),
    Phrase("quiero|quisiera desaparecer [para] [siempre]", "suicide", "es", "passive ideation"),
    Phrase("harta|harto|cansada|cansado de vivir", "suicide", "es", "'estoy harta de vivir'"),
    Phrase("no quiero estar viva|vivo|aqui", "suicide", "es", "'no quiero estar viva'"),
    Phrase("no quiero seguir aqui|viva|vivo|viviendo|existiendo", "suicide", "es",
           "'no quiero seguir aquí'"),
    Phrase("mi vida no vale", "suicide", "es", "'mi vida no vale nada'"),
    Phrase("cortarme|cortar las venas", "suicide", "es", "'cortarme las venas' — a method"),
    Phrase("ahorcarme|colgarme|envenenarme|tirarme", "suicide", "es",
           "a method, reflexive ('quiero ahorcarme')", unless="el pelo la toalla"),
    Phrase("tome|tomar|tomare veneno", "suicide", "es", "'tomé veneno'"),
    Phrase("no quiero despertar|despertarme|amanecer", "suicide", "es", "passive ideation"),
    Phrase("dejar de existir|vivir", "suicide", "es", "'quiero dejar de existir'",
           unless="beber tomar fumar jugar apostar consumir"),
    Phrase("linea|numero|telefono [de] [la] [prevencion|ayuda] [del|de|contra|al] suicidio~",
           "suicide", "es", "looking for the line itself ('línea de prevención del suicidio')"),
    Phrase("no aguanto|soporto|puedo|doy mas", "suicide", "es",
           "'ya no aguanto más', Argentina 'no doy más' — despair (not 'no aguanto más a mi "
           "suegra')", unless="a al con de"),
    Phrase("no aguanto|soporto|puedo|doy mas con mi|esta|la vida", "suicide", "es",
           "'ya no puedo más con mi vida'"),
    Phrase("se quiere|quiso|va|iba [a] matar|suicidar|suisidar", "suicide", "es",
           "someone else's intent ('mi hijo dice que se quiere matar')"),
    Phrase("se quiere|quiere morir|morirse|matarse|suicidarse", "suicide", "es",
           "'se quiere morir', usted 'quiere morir'"),
    Phrase("quisiera|ojala|quiero|deseo|prefiero [ya] no despertar|despertarme|amanecer|"
           "despertara|despierte", "suicide", "es", "passive ideation: 'ojalá no despertar'"),
    Phrase("ojala|quisiera|quiero [que] me muera|muriera|muriese|muero", "suicide", "es",
           "'ojalá me muera'"),
    Phrase("dormir para siempre", "suicide", "es", "passive ideation"),
    Phrase("no [le] veo|encuentro|tiene|hay sentido [a|de] [la|mi] vida|vivir|seguir|nada",
           "suicide",
           "es", "'no le veo sentido a la vida'"),
    Phrase("no|sin [tengo|hay|encuentro] [ninguna|ningun|una] razon|razones|motivo|motivos|ganas "
           "para|de vivir|seguir", "suicide", "es", "'no tengo razones para vivir'"),
    Phrase("mejor|mejores sin mi", "suicide", "es", "'todos estarían mejor sin mí'"),
    Phrase("me voy|quiero|kiero|vo [a] tirar|aventar|lanzar|arrojar del|de|por|al|a "
           "[un|una|la|el|las] "
           "puente|edificio|ventana|balcon|metro|tren|vias|azotea", "suicide", "es",
           "'me voy a tirar del puente'"),
    Phrase("quitarme de en medio", "suicide", "es", "Spain: 'quitarme de en medio'"),
    Phrase("no quiero estar|seguir en este mundo", "suicide", "es",
           "'ya no quiero estar en este mundo'"),
    Phrase("pegarme|darme|meterme un tiro|balazo|disparo", "suicide", "es",
           "a method: 'pegarme un tiro'"),
    Phrase("me voy|quiero [a] pegar|dar|meter un tiro|balazo|disparo", "suicide", "es",
           "'me voy a pegar un tiro'"),
    Phrase("no quiero|puedo seguir asi", "suicide", "es", "'no quiero seguir así' — despair",
           unless="con"),
    Phrase("pienso|pensando|pensar|penso en la muerte", "suicide", "es",
           "'pienso en la muerte todo el tiempo' (not 'la muerte de mi madre')", unless="de"),
    Phrase("pastillas|pildoras|veneno para morir|morirme|matarme|suicidarme", "suicide", "es",
           "'cuántas pastillas para morir'"),
    Phrase("si me muero|muriera|muera|mato|matara|suicido|suicidara|desaparezco|desapareciera",
           "suicide", "es", "'nadie me extrañaría si me muero' (not 'si me muero de hambre')",
           unless="de"),
    Phrase("nada tiene sentido", "suicide", "es", "'nada tiene sentido' — despair"),
    Phrase("irme|ir|marcharme|largarme|salir de este mundo", "suicide", "es",
           "'me quiero ir de este mundo'"),
    Phrase("me voy|quiero [a] colgar|ahorcar|envenenar", "suicide", "es", "'me voy a colgar'",
           unless="telefono llamada ropa cuadro"),
    Phrase("quieromorir|kieromorir|mequieromorir|quieromatarme|mequieromatar", "suicide", "es",
           "typed with no spaces"),
    # ---- suicide: French ----
    Phrase("suicidaire|suicidaires|sucidaire|suiscidaire", "suicide", "fr",
           "the adjective ('je suis suicidaire', 'pensées suicidaires')"),
    Phrase("suicider|suissider|sucider", "suicide", "fr",
           "the verb: 'me suicider', 'envie de me suicider', 'comment se suicider'"),
    Phrase("pense|pensees|penser|idees|envie au|a|de|du suicide", "suicide", "fr",
           "'je pense au suicide', 'idées de suicide' (the bare noun is the weak English "
           "entry, shared with French)"),
    Phrase("veux|voudrais|veut|envie|envi|ve|veu|veus|vx|jveux|jveu|jvx|jve|jvoudrais|aimerais|"
           "prefererais|souhaite|souhaiterais [de] mourir|mourrir|mourire|mourri|crever", "suicide",
           "fr",
           "'je veux mourir', 'envie de mourir', 'envie de crever'"),
    Phrase("me tuer", "suicide", "fr",
           "'je vais me tuer', 'je veux me tuer' (not 'tu vas me tuer', an idiom)",
           unless="vas va vont"),
    Phrase("en finir", "suicide", "fr", "'je veux en finir' (not 'en finir avec l'alcool')",
           unless="avec"),
    Phrase("en finir avec la|ma vie", "suicide", "fr", "'en finir avec la vie'"),
    Phrase("mettre fin a mes|ma jours|vie", "suicide", "fr", "'mettre fin à mes jours'"),
    Phrase("plus|pu|pus [envie] [de|d] vivre|exister", "suicide", "fr",
           "'je ne veux plus vivre', 'plus envie de vivre'"),
    Phrase("pas|aucune|jamais envie de|d vivre|exister|continuer", "suicide", "fr",
           "'j'ai pas envie de vivre' (a negated life: never read as a negation of a crisis)",
           unless="ici comme avec sans dans en a"),
    Phrase("marre de vivre", "suicide", "fr", "'marre de vivre'"),
    Phrase("marre de la vie", "suicide", "fr", "'marre de la vie'"),
    Phrase("me foutre en l|lair [air]", "suicide", "fr", "slang: 'me foutre en l'air'"),
    Phrase("idees noires", "suicide", "fr", "'idées noires': dark thoughts, passive ideation"),
    Phrase("me pendre|noyer|defenestrer|jeter", "suicide", "fr",
           "a method: 'je vais me pendre', 'me jeter sous un train'",
           unless="eau dans cou bras travail corps"),
    Phrase("envie|veux|voudrais de disparaitre", "suicide", "fr", "passive ideation"),
    Phrase("veux|voudrais disparaitre", "suicide", "fr", "passive ideation"),
    Phrase("plus|pas me reveiller", "suicide", "fr", "'je ne veux plus me réveiller'",
           unless="matin tot heure"),
    Phrase("dormir pour toujours", "suicide", "fr", "passive ideation"),
    Phrase("vie n a plus|pas de sens", "suicide", "fr", "'ma vie n'a plus de sens'"),
    Phrase("mieux mort|morte|morts", "suicide", "fr", "'je serais mieux mort'"),
    Phrase("veux|voudrais que tout s|se arrete|finisse", "suicide", "fr",
           "'je veux que tout s'arrête'"),
    Phrase("numero|ligne|telephone [de|d] [prevention|ecoute|aide] [du|de|au] suicide",
           "suicide", "fr", "looking for the line itself ('numéro prévention suicide')"),
    Phrase("pense|penser|pensees|pensais|idees a|de mourir|mourrir|disparaitre", "suicide", "fr",
           "'je pense à mourir'"),
    Phrase("plus|pu|pas|perdu le|l gout de vivre", "suicide", "fr",
           "'j'ai plus le goût de vivre', Quebec 'j'ai pu le goût de vivre'"),
    Phrase("suis|chu|chui|jsuis|chus pu|plus capable", "suicide", "fr",
           "Quebec 'chu pu capable' — I can't anymore (not '… capable de conduire')",
           unless="de d dy"),
    Phrase("en|jen peux|peut|peu plus|pu|pus", "suicide", "fr",
           "'je n'en peux plus' — despair (not 'j'en peux plus de mon mari qui boit')",
           unless="de du des d avec"),
    Phrase("en|jen peux|peut|peu plus|pu de|d [la|cette] vivre|vie|exister", "suicide", "fr",
           "'j'en peux plus de vivre'"),
    Phrase("m|me enlever|enleve|oter la|ma vie", "suicide", "fr",
           "Quebec 's'enlever la vie', first person ('il s'est enlevé la vie' is a loss)"),
    Phrase("me tirer|mettre une balle", "suicide", "fr", "a method: 'me tirer une balle'"),
    Phrase("me buter|flinguer", "suicide", "fr", "slang: 'je veux me buter'"),
    Phrase("sauter|jeter d|du|par|sous|dun|de|en [un|une|la|le|l|bas] [d|du|de] pont|train|fenetre|"
           "balcon|immeuble|toit|metro|falaise|viaduc|edifice", "suicide", "fr",
           "'sauter d'un pont', Quebec 'me jeter en bas d'un pont'"),
    Phrase("crisser|garrocher|garocher|lancer|sacrer|pitcher en bas", "suicide", "fr",
           "Quebec 'me crisser en bas du pont'"),
    Phrase("veux|voudrais|aimerais|prefererais|souhaiterais|jveux|jvoudrais etre mort|morte|morts",
           "suicide", "fr", "'je voudrais être morte'"),
    Phrase("mieux sans moi", "suicide", "fr", "'tout le monde serait mieux sans moi'"),
    Phrase("aucune|plus|pas|pu [de] [une] raison|raisons de|d vivre|continuer|exister", "suicide",
           "fr", "'aucune raison de vivre'"),
    Phrase("quoi bon vivre|continuer|exister", "suicide", "fr", "'à quoi bon vivre'"),
    Phrase("ne plus|pu etre la|ici|vivant|vivante", "suicide", "fr",
           "'je voudrais ne plus être là' — a common euphemism"),
    Phrase("veux|voudrais|jveux plus|pu etre la|ici|vivant|vivante", "suicide", "fr",
           "'je veux plus être là'"),
    Phrase("jpp de|d [la|cette] vivre|vie|exister", "suicide", "fr",
           "SMS 'jpp' (j'en peux plus) about life; bare 'jpp' is mostly laughter"),
    Phrase("jamais me reveiller|reveille", "suicide", "fr",
           "'dormir et ne jamais me réveiller'"),
    Phrase("pensees|idees|pensee morbides|noires|de mort", "suicide", "fr", "'idées de mort'"),
    Phrase("si je mourais|mourrais|disparaissais|disparaitrais|disparais|meurs", "suicide", "fr",
           "'personne ne verrait la différence si je disparaissais'", unless="de"),
    Phrase("si je me tuais|suicidais", "suicide", "fr", "'si je me tuais'"),
    Phrase("quitter ce monde", "suicide", "fr", "'je veux quitter ce monde'"),
    Phrase("partir de ce monde", "suicide", "fr", "'partir de ce monde'"),
    Phrase("jveuxmourir|jeveuxmourir|enviedemourir|jveuxcrever", "suicide", "fr",
           "typed with no spaces"),
    # ---- self-harm ----
    Phrase("self harm|harming|harms|harmed|injury|injure|injuring|mutilation|mutilate|"
           "mutilating|hurt|hurting", "self-harm", "en",
           "'self-harm' and 'self-injury' (hyphen or not): the words seekers type; weak so "
           "that '3 years free from self harm' reads as the past", weak=True),
    Phrase("selfharm|selfharming|selfharmer|selfinjury|selfhurt", "self-harm", "en",
           "the same words run together", weak=True),
    Phrase("cut|cutting|cuttin|burn|burning|hurt|hurting|harm|harming|scratch|scratching|"
           "starve|starving|hit|hitting|punch|punching|bang|banging|bite|biting|cuting|cutin "
           "myself~|"
           "meself|myslef", "self-harm", "en",
           "first-person self-injury (not 'cut myself off', 'burning myself out', 'cut myself "
           "a break')", unless="off out break slack"),
    Phrase("cutting|cuts|burning|burns|harming herself|himself|themself|themselves",
           "self-harm", "en", "someone else's self-harm happening now ('my daughter is "
           "cutting herself')"),
    Phrase("cutting|burning|cut|harming again", "self-harm", "en",
           "'I started cutting again'", unless="down back corners ties costs"),
    Phrase("burned|burnt|cutted myself", "self-harm", "en", "past forms typed for now"),
    Phrase("been cutting|burning|harming|hurting", "self-harm", "en", "'I've been cutting'",
           unless="down back corners costs"),
    Phrase("sh urges|urge|cuts|relapse", "self-harm", "en",
           "'sh' is slang for self-harm; bare 'sh' is too ambiguous to read alone"),
    Phrase("urge|urges to cut|self|hurt|harm|sh", "self-harm", "en", "'urges to cut'"),
    Phrase("autolesion|autolesiones|autolesivo|autolesivas", "self-harm", "es",
           "Spanish 'autolesión', the bare noun; weak like the English one ('charla sobre "
           "autolesiones' is an event)", weak=True),
    Phrase("autolesionarme|autolesionar", "self-harm", "es", "the verb"),
    Phrase("me autolesiono|autolesione|corte|lastime", "self-harm", "es", "'me autolesiono'"),
    Phrase("me hago cortes|heridas|quemaduras", "self-harm", "es", "'me hago cortes'"),
    Phrase("hacerme [mucho] dano|danio", "self-harm", "es", "'hacerme daño' (ñ folds to n)"),
    Phrase("me hago [mucho] dano|danio", "self-harm", "es", "'me hago daño'"),
    Phrase("cortarme|quemarme|lastimarme|herirme", "self-harm", "es",
           "'cortarme', 'lastimarme' (not 'cortarme el pelo')",
           unless="el pelo cabello unas las"),
    Phrase("me corto|lastimo|quemo", "self-harm", "es",
           "'me corto los brazos' (not 'me corto el pelo')",
           unless="el pelo cabello unas"),
    Phrase("automutilation|scarification~|scarifications", "self-harm", "fr",
           "French self-injury nouns; weak like the English one ('atelier sur "
           "l'automutilation' is an event)", weak=True),
    Phrase("automutiler|scarifier|scarifie~", "self-harm", "fr", "French self-injury verbs"),
    Phrase("self harm|injury urge|urges|urging|thoughts", "self-harm", "en",
           "'self harm urges' — an urge now, even after months free"),
    Phrase("me|jme faire|fais|fait du mal", "self-harm", "fr",
           "'je me fais du mal' (not 'ça me fait du mal de le voir', it hurts me to see)",
           unless="ca cela sa ce de"),
    Phrase("je|j me coupe|scarifie~|brule|mutile", "self-harm", "fr", "'je me coupe'",
           unless="cheveux ongles frange"),
    Phrase("me couper|mutiler|bruler|blesser", "self-harm", "fr", "'envie de me couper'",
           unless="cheveux ongles frange"),
    Phrase("need|want|wanna|have|urge|urges to cut|burn", "self-harm", "en",
           "'I need to cut' (not 'need to cut down / back')",
           unless="down back out off costs corners ties hair my the his her it sugar carbs ties"),
    Phrase("me estoy cortando|lastimando|quemando|autolesionando", "self-harm", "es",
           "'me estoy cortando' (not '… el pelo')", unless="el pelo cabello unas"),
    Phrase("me estoy haciendo dano|danio", "self-harm", "es", "'me estoy haciendo daño'"),
    Phrase("se corta|cortaba|autolesiona|lastima|quema", "self-harm", "es",
           "someone else's self-harm ('mi hija se corta'; not 'se corta la luz')",
           unless="el la pelo cabello luz llamada internet senal unas"),
    Phrase("autolesiona|autolesionan|autolesionando", "self-harm", "es", "the verb's other forms"),
    Phrase("me lastimo|corto|quemo a proposito", "self-harm", "es", "'me lastimo a propósito'"),
    Phrase("jme coupe|scarifie~|brule|mutile|blesse", "self-harm", "fr",
           "SMS 'jme coupe'", unless="cheveux ongles frange"),
    Phrase("se mutile|mutilent|scarifie~|scarifient|automutile", "self-harm", "fr",
           "someone else's self-harm ('ma fille se scarifie')"),
    Phrase("se coupe|coupent les bras|poignets|veines|cuisses", "self-harm", "fr",
           "'il se coupe les bras'"),
    Phrase("me|jme blesse|blesser|frappe|cogne|brule|coupe|griffe expres|volontairement",
           "self-harm", "fr", "'je me blesse exprès'"),
    Phrase("started|start|began|begun cutting|burning|harming", "self-harm", "en",
           "'I started cutting' (not 'started cutting down')",
           unless="down back corners costs hair out off sugar carbs"),
    Phrase("is|keeps|kept|been cutting|harming|burning", "self-harm", "en",
           "someone else's ('my girlfriend keeps cutting')",
           unless="down back corners costs hair ties off out class classes school sugar carbs "
                  "wood onions bread grass"),
    Phrase("me golpeo|pego|arano|rasguno|muerdo|quemo|lastimo|corto a mi mismo|misma|proposito",
           "self-harm", "es", "'me golpeo a mí misma'"),
    Phrase("hago|hace|hacer|hacia cutting", "self-harm", "es", "Spanglish: 'mi hija hace cutting'"),
    Phrase("je|j me frappe|griffe|mords", "self-harm", "fr",
           "'je me frappe' ('il me frappe' is abuse; 'je me tape …' is slang, left out)"),
    Phrase("scarif|scarifs|scarifiee", "self-harm", "fr", "slang 'mes scarifs'"),
    # ---- overdose ----
    Phrase("overdose~|overdosing|overdosed|overdoses|overdoze|overdos|ovrdose", "overdose", "en",
           "the noun and verb; weak because 'overdose prevention', 'overdose awareness' and "
           "a death in the past are group topics", weak=True),
    Phrase("took|taken|take|swallowed|ate too|to many|much pills|tablets|meds|pill|pils|xanax|"
           "tylenol|paracetamol|advil|ibuprofen|aspirin|benzos|bars|percs|percocets|oxys|valium|"
           "klonopin|ambien|sleeping|edibles|tabs",
           "overdose", "en", "'took too many pills'"),
    Phrase("took|taken|swallowed [a] [whole] bottle|bunch|handful|all of|my [my] pills|"
           "tablets|meds", "overdose", "en", "'took a bottle of pills', 'took all my meds'"),
    Phrase("took|taken|swallowed|ate [a|the|my|his|her] whole|entire|full bottle|box|pack|"
           "packet|strip|prescription",
           "overdose", "en", "'took a whole bottle of tylenol' (not 'took the whole day')"),
    Phrase("not|isnt|stopped breathing", "overdose", "en",
           "someone in front of the seeker may be dying now (not 'not breathing well')",
           unless="well properly right deeply"),
    Phrase("unresponsive|unconscious|unconcious|unconsious", "overdose", "en",
           "'my son is unresponsive' — an emergency now"),
    Phrase("lips|face [are|is] [turning|turned|going|gone|went|look|looking] blue|purple|grey|gray",
           "overdose",
           "en", "a sign of opioid overdose"),
    Phrase("wont|doesnt|cant|not wake|waking him|her|them|up", "overdose", "en",
           "'he won't wake up' (weak: 'I can't wake up in the mornings')", weak=True,
           unless="morning mornings early time alarm"),
    Phrase("mixed|mixing|mix [*] and|with alcohol|booze|drinking|pills|benzos|opioids|xanax|"
           "fentanyl|heroin", "overdose", "en", "dangerous combinations taken now"),
    Phrase("much|give|gave|giving|administer|administered|use|used|need narcan|naloxone",
           "overdose", "en", "'how much narcan do I give him' (not 'narcan training')",
           unless="training kit kits where buy free get class classes"),
    Phrase("sobredosis~|sobredosi", "overdose", "es",
           "the noun; weak ('prevención de sobredosis', a death in the past)", weak=True),
    Phrase("tome|trague|tomado|tomo|trago|tomaste|tragaste|tragado demasiadas|muchas|todas "
           "[las] [mis] pastillas|pildoras|"
           "medicinas|medicamentos", "overdose", "es", "'me tomé muchas pastillas'"),
    Phrase("no despierta|reacciona|responde|respira", "overdose", "es",
           "'no despierta', 'no reacciona' — someone in danger now",
           unless="temprano manana mananas mensajes llamadas telefono"),
    Phrase("labios morados|azules", "overdose", "es", "a sign of opioid overdose"),
    Phrase("me pase con|de [la|el|las|los] coca|cocaina|pastillas|droga|drogas|heroina|"
           "fentanilo|cristal|pastis", "overdose", "es", "'me pasé con la coca' — took too much"),
    Phrase("surdose|surdoses", "overdose", "fr",
           "French noun; weak for the same reasons as English", weak=True),
    Phrase("pris|avale trop|tous|plein|beaucoup|toutes de|d|mes [mes] medicaments|cachets|pilules|"
           "comprimes|cachetons|medocs|somniferes|anxiolytiques|doliprane|xanax", "overdose", "fr",
           "'j'ai pris trop de médicaments', 'j'ai avalé tous mes cachets'"),
    Phrase("respire plus", "overdose", "fr", "'il ne respire plus'"),
    Phrase("pris|avale une|toute|toutes [la|les] boite|plaquette|boites|plaquettes", "overdose",
           "fr", "'j'ai avalé une boîte de cachets'"),
    Phrase("levres bleues|violettes", "overdose", "fr", "a sign of opioid overdose"),
    Phrase("se reveille pas|plus", "overdose", "fr", "'il ne se réveille pas' — danger now",
           unless="matin tot heure"),
    Phrase("took|taken|swallowed|ate|downed|popped #|ten|twenty|thirty|forty|fifty|dozen|hundred "
           "[of] [my|the|his|her] pills|pill|tablets|tabs|tylenol|paracetamol|advil|ibuprofen|"
           "aspirin|xanax|benzos|oxys|percocets|vicodin|meds|capsules|sleeping", "overdose", "en",
           "'I took 20 tylenol': a count of six or more"),
    Phrase("lethal|fatal|deadly dose|amount|overdose", "overdose", "en",
           "'how much tylenol is a lethal dose'"),
    Phrase("not|isnt|stopped responding|reacting", "overdose", "en",
           "'she is not responding' (not 'not responding to texts')",
           unless="to texts messages calls phone app treatment"),
    Phrase("turning|turned blue|purple", "overdose", "en", "'he's turning blue'",
           unless="hair sky"),
    Phrase("oding|odeing|odding|oded", "overdose", "en", "'my brother is ODing'", weak=True),
    Phrase("over dose|dosed|dosing|doses", "overdose", "en", "'over dosed' typed apart",
           weak=True),
    Phrase("tome|trague|tomado|tomo|trago|tomaste|tragado [un|una|el|la|todo|toda] [el|la] "
           "bote|frasco|"
           "caja|blister|punado|tira [entero|entera|completo|completa] [de] [las] [mis] pastillas|"
           "pildoras|medicinas|medicamentos|calmantes|clonazepam|rivotril", "overdose", "es",
           "'me tomé un bote de pastillas'"),
    Phrase("tome|tomo|trague|trago|tomado|meti|metio|metiste demasiado|demasiada|mucho|mucha|"
           "muchisimo|muchisima [de] clonazepam|rivotril|alprazolam|xanax|fentanilo|heroina|"
           "cocaina|coca|droga|drogas|paracetamol|pastillas|pastis", "overdose", "es",
           "'tomé mucho clonazepam', 'se metió mucha droga'"),
    Phrase("tome|tomo|trague|trago #|veinte|treinta|cuarenta|cincuenta|cien pastillas|pildoras",
           "overdose", "es", "'me tomé 20 pastillas'"),
    Phrase("esta inconsciente|desmayado|desmayada", "overdose", "es", "'está inconsciente'"),
    Phrase("fait|fais|faire|faite une overdose|od|surdose", "overdose", "fr",
           "'il a fait une overdose' (French uses the English word too)"),
    Phrase("repond|reagit|bouge plus|pu|pas", "overdose", "fr",
           "'elle ne répond plus' (not '… à mes messages')",
           unless="a aux mes messages textos appels telephone au"),
    Phrase("inconscient|inconsciente", "overdose", "fr",
           "'il est inconscient' (not 'inconscient de …', reckless)", unless="de d"),
    Phrase("pris|avale #|vingt|trente|quarante|cinquante|cent comprimes|cachets|pilules|"
           "medicaments|doliprane", "overdose", "fr", "'j'ai pris 30 comprimés'"),
    Phrase("popped|snorted|shot|injected|smoked too much|many", "overdose", "en",
           "'popped too many xans'"),
    Phrase("barely|hardly breathing", "overdose", "en", "'he's barely breathing'"),
    Phrase("se paso|pasaron con|de [la|el|las|los] coca|cocaina|pastillas|droga|drogas|heroina|"
           "fentanilo|cristal|pastis", "overdose", "es", "'se pasó de droga'"),
    Phrase("no se despierta|mueve", "overdose", "es", "'no se despierta' — danger now",
           unless="temprano manana mananas"),
    Phrase("no [puedo|podemos|logro|logramos] despertarlo|despertarla", "overdose", "es",
           "'no puedo despertarlo'"),
    Phrase("espuma por la boca", "overdose", "es", "a sign of overdose or poisoning"),
    Phrase("respire pas|pu", "overdose", "fr", "'il respire pas' (SMS drops the 'ne')",
           unless="bien mal correctement quand"),
    # ---- abuse happening now ----
    Phrase(f"{_ABUSER_EN} [is|keeps|keep|always|still|wont|will|been|has] [been] "
           f"{_ABUSE_VERB_EN} me",
           "abuse", "en", "someone hurting the seeker; weak because the past ('my dad hit me "
           "as a child') is a survivors' topic", weak=True),
    Phrase("afraid|scared|terrified he|she|hell|shell|they|hes|shes|theyre|hed|shed "
           "[will|is|going|gonna|would|might] [to] hurt|kill|beat|"
           "hit me", "abuse", "en", "fear of the next time ('scared he'll hurt me')"),
    Phrase("afraid|scared|terrified he|she|hell|shell|they [will|is|going] [to] do it again",
           "abuse", "en", "'scared he will do it again'"),
    Phrase("beat|beats|beating me up", "abuse", "en",
           "'beats me up' (bare 'beats me' is an idiom)"),
    Phrase("getting|gets|is|hes|shes violent", "abuse", "en", "'he's getting violent'",
           weak=True),
    Phrase("im|am|getting|being [sexually] abused|beaten|raped|choked|strangled", "abuse", "en",
           "'I am being abused', 'getting beaten'", weak=True),
    Phrase("took|taken too much", "overdose", "en", "'I think I took too much'",
           unless="on time off work responsibility crap shit of"),
    Phrase("blue lips|face", "overdose", "en", "a sign of opioid overdose"),
    Phrase("foaming at the mouth", "overdose", "en", "a sign of overdose or poisoning"),
    Phrase("want|wanna|gonna|going [to] od", "overdose", "en",
           "'od' is slang for overdose; read only with an intent before it"),
    Phrase("is|hes|shes|going|gonna [to] hurt me", "abuse", "en", "'he's going to hurt me'",
           weak=True),
    Phrase("in an abusive relationship|marriage|home", "abuse", "en",
           "ongoing abuse; weak so 'was in … years ago' reads as the past", weak=True),
    Phrase("im|am not safe", "abuse", "en", "'I'm not safe' — a plain statement of danger",
           unless="sharing talking online"),
    Phrase("wont|doesnt|wouldnt let me leave|go", "abuse", "en",
           "coercive control happening now"),
    Phrase("was|been|got [sexually] raped|assaulted", "abuse", "en",
           "'I was raped' — weak, so 'years ago' or 'as a child' reads as the past", weak=True),
    Phrase("threatens|threatened|threatening|threaten to kill|hurt me", "abuse", "en",
           "'he threatened to kill me' (bare 'going to kill me' is an idiom)"),
    Phrase("afraid|scared|fear|fearing|terrified for my life", "abuse", "en",
           "'fear for my life'"),
    Phrase("afraid|scared|terrified of my husband|partner|boyfriend|wife|girlfriend|dad|father|"
           "stepdad", "abuse", "en", "'scared of my husband'"),
    Phrase("not|unsafe [feel] [safe] at home", "abuse", "en", "'not safe at home'"),
    Phrase(f"me {_ABUSE_VERB_ES}", "abuse", "es",
           "'mi esposo me pega', 'me golpea'; weak for the past ('cuando era niña'); not "
           "'se me pega' (it sticks to me) or 'me lastima que…' (it hurts me that…)",
           weak=True, unless="se que verlo verla ver"),
    Phrase("me esta|estan pegando|golpeando|maltratando|violando|amenazando", "abuse", "es",
           "'me está pegando'"),
    Phrase("amenaza|amenazo|amenazando con|de matarme|matarnos", "abuse", "es",
           "'amenaza con matarme'"),
    Phrase("me violaron|golpearon|pegaron|violo|golpeo|pego", "abuse", "es",
           "'me violaron' — weak for the long past", weak=True, unless="se"),
    Phrase("abusa|abuso|abusaron|abusando de mi", "abuse", "es",
           "'abusa de mí'; weak for the past ('cuando era niña')", weak=True),
    Phrase("miedo de|a que me mate|pegue|golpee|haga", "abuse", "es",
           "'tengo miedo de que me mate'"),
    Phrase("no estoy a|segura|seguro salvo|en", "abuse", "es",
           "'no estoy a salvo', 'no estoy segura en casa'"),
    Phrase("me quiere matar", "abuse", "es", "'me quiere matar' (not 'me va a matar', an idiom)"),
    Phrase("miedo a|de mi esposo|marido|pareja|novio|padre|padrastro", "abuse", "es",
           "'tengo miedo de mi esposo'"),
    Phrase(f"il|elle m a {_ABUSE_PAST_FR}", "abuse", "fr",
           "'il m'a poussée contre le mur' — just happened; weak for the long past",
           weak=True),
    Phrase("peur qu il|elle recommence|revienne|me", "abuse", "fr",
           "'j'ai peur qu'il recommence'"),
    Phrase("peur quil|quelle recommence|revienne", "abuse", "fr",
           "the same typed without the apostrophe"),
    Phrase(f"me|m {_ABUSE_VERB_FR}", "abuse", "fr",
           "'il me frappe', 'mon mari me bat'; weak: 'il me bat aux échecs', the past; not "
           "'ce qui me frappe' (what strikes me) or 'me tape sur les nerfs'",
           weak=True, unless="qui ce ca sur nerfs je"),
    Phrase("menace|menacee|veut de me tuer", "abuse", "fr", "'il menace de me tuer'"),
    Phrase("je me fais frapper|battre|violer|taper", "abuse", "fr", "'je me fais frapper'"),
    Phrase("je suis battue|battu|frappee|violee", "abuse", "fr", "'je suis battue'", weak=True),
    Phrase("il|elle me touche|touchait", "abuse", "fr",
           "'il me touche' (bare 'ça me touche' means 'it moves me')", weak=True),
    Phrase("pas en securite", "abuse", "fr", "'je ne suis pas en sécurité'"),
    Phrase("peur de mon mari|conjoint|copain|pere|compagnon|ex", "abuse", "fr",
           "'j'ai peur de mon mari'"),
    Phrase("scared|afraid|terrified|frightened to|of go|going [back] home", "abuse", "en",
           "'I'm scared to go home'"),
    Phrase("said|says|told|tells|swore|swears [me] he|she|they|hed|shed|hell|shell [will|would|is|"
           "was|going|gonna|wants] [to] kill|hurt|beat me", "abuse", "en",
           "'he said he will kill me'", weak=True),
    Phrase("escape|leave|leaving|flee|fleeing|hide|hiding|away [from] my abuser|abusive", "abuse",
           "en", "'how do I leave my abusive husband'", weak=True),
    Phrase("stalking|stalks|stalked me", "abuse", "en", "'my ex is stalking me'", weak=True),
    Phrase("threatening|threatened|threatens me|us", "abuse", "en", "'he threatened me'",
           weak=True),
    Phrase("im|am|were in danger", "abuse", "en",
           "'I'm in danger' (not 'in danger of relapsing')", unless="of"),
    Phrase("me da|dio|dan|dieron [una|unas] paliza|palizas|golpes|patadas|cachetadas|bofetadas|"
           "madrazos|putazos", "abuse", "es", "'mi novio me da palizas'", weak=True),
    Phrase("miedo de|a volver|regresar|llegar|ir [a] [mi] casa", "abuse", "es",
           "'tengo miedo de volver a casa'"),
    Phrase("estoy|estamos en peligro", "abuse", "es",
           "'estoy en peligro' (not 'en peligro de recaer')", unless="de"),
    Phrase("peur de|d rentrer|retourner chez|a|au", "abuse", "fr",
           "'j'ai peur de rentrer chez moi'"),
    Phrase("suis|sommes|jsuis|chu en danger", "abuse", "fr",
           "'je suis en danger' (not 'en danger de rechuter')", unless="de d"),
    Phrase("threw|slammed|shoved|pushed|thrown me against|into|to|down", "abuse", "en",
           "'he threw me against the wall'", weak=True),
    Phrase("hitting|beating|hurting|hits|beats|hurts my kids|children|son|daughter|baby|kid",
           "abuse", "en", "'he is hitting my kids'", weak=True),
    Phrase("forces|forced|forcing|makes|made me [to] have sex", "abuse", "en",
           "'he forces me to have sex'", weak=True),
    Phrase("me manosea|manoseo|manosean|manoseaba", "abuse", "es", "'mi padrastro me manosea'",
           weak=True),
    Phrase("padrastro|tio|primo|abuelo|papa|padre|jefe|profesor|maestro|vecino|hermano|novio me "
           "toca|tocaba", "abuse", "es",
           "'mi tío me toca' (bare 'me toca' is 'it's my turn / I have to')", weak=True),
    Phrase("me va|quiere [a] pegar|golpear|violar", "abuse", "es", "'mi novio me va a pegar'"),
    Phrase("no me deja|dejan salir|irme|trabajar|ver", "abuse", "es",
           "coercive control ('no me deja salir'; not 'no me deja de llamar')"),
    Phrase("me obliga|obligo|obligan|forza|forzo a tener relaciones|sexo", "abuse", "es",
           "'me obliga a tener relaciones'"),
    Phrase("me|m empeche|empechait de|d sortir|partir|voir|travailler|appeler", "abuse", "fr",
           "coercive control: 'il m'empêche de sortir'"),
    Phrase("me|m sequestre|sequestree", "abuse", "fr", "'il me séquestre'"),
    Phrase("peur pour ma vie", "abuse", "fr", "'j'ai peur pour ma vie'"),
    Phrase("me force|forcait|oblige|obligeait a coucher|avoir|faire", "abuse", "fr",
           "'il me force à coucher avec lui' (not 'me force à manger')",
           unless="manger sport"),
    # ---- indirect ideation: goodbyes, possessions given away, means at hand, absence ----
    Phrase("goodbye|farewell letter|letters|note|notes|message|messages|video|videos|text|"
           "texts|post",
           "suicide", "en", "a goodbye letter: a classic warning sign (not the recovery "
           "exercise 'goodbye letter to alcohol')",
           unless="alcohol drinking drugs addiction booze weed gambling", reach=3),
    Phrase("writing|wrote|write|written|wrote|left|leaving my goodbyes|goodbye", "suicide", "en",
           "'I wrote my goodbyes'", unless="to alcohol drinking drugs addiction", reach=3),
    Phrase("carta|cartas|nota|notas|mensaje|mensajes|video de despedida", "suicide", "es",
           "'escribí cartas de despedida'", unless="alcohol adiccion droga drogas vicio"),
    Phrase("lettre|lettres|mot|message|messages|video d|de adieu|adieux", "suicide", "fr",
           "'j'ai écrit des lettres d'adieu'", unless="alcool addiction drogue drogues"),
    Phrase("giving|gave|given|give|giving my|all stuff|things|belongings|possessions away",
           "suicide", "en", "'been giving my stuff away' — possessions given away",
           unless="charity donation donations moving moved move garage yard sale downsizing "
                  "declutter decluttering", reach=5, clause=False),
    Phrase("giving|gave|given|give away [all] [of] my|all stuff|things|belongings|possessions",
           "suicide", "en", "'giving away all my things'",
           unless="charity donation donations moving moved move garage yard sale downsizing "
                  "declutter decluttering", reach=5, clause=False),
    Phrase("regalando|regale|regalo|regalar|repartiendo|reparti|repartir todas|todos [mis] mis "
           "cosas|pertenencias", "suicide", "es", "'estoy regalando todas mis cosas'",
           unless="mudanza mudo mudamos caridad venta"),
    Phrase("regalando|regale|regalar|repartiendo|repartir mis cosas|pertenencias", "suicide",
           "es", "'regalé mis cosas'", unless="mudanza mudo mudamos caridad venta"),
    Phrase("donne|donner|donnee|distribue|distribuer [toutes] [tous] mes affaires|choses|biens",
           "suicide", "fr", "'je donne toutes mes affaires'",
           unless="demenagement demenage demenager association charite vente"),
    Phrase("en aurai|aurais plus|pu besoin", "suicide", "fr",
           "'j'en aurai plus besoin' said of one's things"),
    Phrase("pills|rope|noose|gun|blade|blades|razor|meds|tablets [is|are|all] ready|saved|"
           "stashed|lined", "suicide", "en", "the means at hand: 'i have the pills ready'",
           unless="prescription refill pharmacy pharmacist pickup pick collect collection",
           reach=3),
    Phrase("saved|saving|stockpiled|stockpiling|hoarding|hoarded|collecting [up] [my|the|all] "
           "[my] pills|meds|tablets", "suicide", "en", "'I've been saving up my pills'"),
    Phrase("bought|got|have|buy a|the rope|noose", "suicide", "en", "'I bought a rope'",
           unless="climbing jump skipping tow boat swing tug dog"),
    Phrase("pastillas|soga|cuerda|pistola|navaja|veneno listas|lista|listos|listo|guardadas|"
           "preparadas|preparada|juntadas", "suicide", "es",
           "the means at hand: 'tengo las pastillas listas'"),
    Phrase("tengo|compre|comprar|consegui la|una soga|cuerda|pistola", "suicide", "es",
           "'ya tengo la soga'", unless="guitarra saltar tender ropa"),
    Phrase("juntando|guardando|junte|guarde [las|mis|unas|muchas] pastillas|medicinas|"
           "medicamentos", "suicide", "es",
           "'he estado juntando pastillas'"),
    Phrase("corde|cachets|medicaments|pilules|comprimes|flingue|arme est|sont [deja] prete|"
           "prets|pretes", "suicide", "fr", "'les cachets sont prêts'"),
    Phrase("corde|cachets|medicaments|pilules|comprimes prete|prets|pretes", "suicide", "fr",
           "'j'ai la corde prête'"),
    Phrase("cachets|medicaments|pilules|comprimes de cote", "suicide", "fr",
           "'j'ai mis des cachets de côté'"),
    Phrase("ai|achete|acheter|trouve la|une corde", "suicide", "fr",
           "'j'ai la corde dans le garage'",
           unless="guitare violon sauter linge a piano arc", reach=3),
    Phrase("wont|wouldnt be here|around next|tomorrow|much|anymore|soon|by|for|long|after",
           "suicide", "en", "'I won't be here next week' — a goodbye (not a trip)",
           unless="vacation holiday holidays trip travel traveling travelling away visiting "
                  "work office meeting meetings conference moving working", reach=6,
           clause=False),
    Phrase("ya no voy a estar|existir", "suicide", "es",
           "'mañana ya no voy a estar' (not '… en la ciudad')",
           unless="en con para disponible viaje fuera trabajo", reach=3),
    Phrase("ya no estare|existire", "suicide", "es", "'ya no estaré'",
           unless="en con para disponible viaje fuera trabajo", reach=3),
    Phrase("serai plus|pu la|ici", "suicide", "fr", "'je ne serai plus là'",
           unless="pour au a avant travail", reach=2),
    Phrase("nobody|noone would|will|d [even|ever] miss me", "suicide", "en",
           "'nobody would even miss me'"),
    Phrase("nobody|noone would|will|d even notice", "suicide", "en",
           "'nobody would even notice' (not 'nobody would notice me at a meeting')"),
    Phrase("no one would|will|d even notice", "suicide", "en", "'no one would even notice'"),
    Phrase("no one would|will|d [even|ever] miss me", "suicide", "en",
           "'no one would miss me' (written with its 'no', so it is not read as a negation)"),
    Phrase("nadie me extranaria|extranara|echaria|echara|notaria", "suicide", "es",
           "'nadie me extrañaría'"),
    Phrase("manquerais|manquerait|manquerai a personne", "suicide", "fr",
           "'je manquerais à personne'"),
    Phrase("personne [me|ne] regretterait|remarquerait|manquerait", "suicide", "fr",
           "'personne remarquerait'"),
    Phrase("happier|easier|lighter|freer without me", "suicide", "en",
           "'everyone would be happier without me'", unless="meeting group"),
    Phrase("mas felices|tranquilos|tranquilas|tranquilo|tranquila|libres sin mi", "suicide", "es",
           "'estarían más tranquilos sin mí'"),
    Phrase("plus heureux|heureuse|heureuses|tranquilles|tranquille|libres sans moi", "suicide",
           "fr", "'ils seraient plus heureux sans moi'"),
    # ---- algospeak and euphemisms ----
    Phrase("sewer slide|sliding|slid", "suicide", "en", "algospeak 'sewer slide', typed apart",
           weak=True),
    Phrase("sui cide|cidal|cider|der|side|sidal", "suicide", "en",
           "'sui*cide', 'sui**der': the word broken by asterisks to pass a filter", weak=True),
    Phrase("su1c1de|suic1de|su1cide|su1c1dal|suic1dal|su1cidal|suicid3", "suicide", "en",
           "the word with digits for letters"),
    Phrase("un alive|alived|aliving myself|me", "suicide", "en", "'un alive myself' typed apart"),
    Phrase("self delete|deleting|deletion", "suicide", "en", "algospeak 'self delete'",
           unless="account accounts app post posts photos pictures messages"),
    Phrase("faire|fasse|fais une connerie|betise|connerie", "suicide", "fr",
           "'j'ai peur de faire une connerie': the French euphemism for an attempt (not a "
           "relapse: 'une connerie et boire')",
           unless="boire bu reboire consommer rechuter rechute alcool verre", reach=4),
    Phrase("want|wanna|ready [to] be|go [with] [*] [*] in|to heaven", "suicide", "en",
           "'I want to be with my mom in heaven' — the wish to join someone dead"),
    Phrase("quiero|quisiera irme|estar [con] [*] [*] al|en [el] cielo", "suicide", "es",
           "'quiero irme con mi mamá al cielo'"),
    Phrase("veux|voudrais aller|partir|rejoindre [*] [*] au|aux ciel|cieux|paradis", "suicide",
           "fr", "'je veux rejoindre mon père au ciel'"),
    Phrase("866 appelle|277", "suicide", "fr", "Quebec's line, 1 866 APPELLE"),
    Phrase("me tiene encerrada|encerrado|secuestrada|secuestrado|amenazada|amenazado", "abuse",
           "es", "'me tiene encerrada' — held now"),
    # ---- more methods and goodbyes ----
    Phrase("drank|drink|drinking|swallowed|swallow bleach|antifreeze|poison|pesticide",
           "suicide", "en", "'I drank bleach' — poisoning now"),
    Phrase("tome|tomo|tomar|trague|bebi|bebio [el|la|un|una|de] [poco] [de] cloro|lejia|veneno|"
           "raticida|insecticida",
           "suicide", "es", "'me tomé el cloro'"),
    Phrase("bu|bois|boire|avale|avaler [de|du] [la|l] [eau] [de] javel|poison", "suicide", "fr",
           "'j'ai bu de la javel'"),
    Phrase("bu|bois|boire|avale|avaler [de|du] [la|l] mort aux rats", "suicide", "fr",
           "'j'ai avalé de la mort-aux-rats'"),
    Phrase("crash|crashing|wreck|wrecking|drive|driving my car off|into [a|the] bridge|cliff|"
           "wall|tree|river|lake", "suicide", "en", "'drive my car off a bridge'"),
    Phrase("crash|crashing|wreck|wrecking my car on purpose", "suicide", "en",
           "'crash my car on purpose'"),
    Phrase("me|m ouvrir|couper|taillader les veines|poignets", "suicide", "fr",
           "'m'ouvrir les veines'"),
    Phrase("sest|setait ouvert|ouverte|taillade|tailladee les veines|poignets", "suicide", "fr",
           "'elle s'est ouvert les veines' — weak: it can be a loss told", weak=True),
    Phrase("despedi|despidiendo|despedirme de todos|todo|mi|mis [el] [mundo|familia|hijos]",
           "suicide", "es", "'ya me despedí de todos'",
           unless="viaje viajo mudo mudanza trabajo vacaciones voy", reach=5, clause=False),
    Phrase("dit|dire|fait|faire [mes] adieu|adieux a|au tout|tous|ma|mes|monde", "suicide", "fr",
           "'j'ai dit adieu à tout le monde'",
           unless="voyage demenage demenagement travail vacances pars", reach=5, clause=False),
    Phrase("fait|faire|fais mes adieux", "suicide", "fr", "'j'ai fait mes adieux'",
           unless="voyage demenage demenagement travail vacances pars", reach=5, clause=False),
    Phrase("said|saying|say my goodbyes", "suicide", "en", "'I've said my goodbyes'",
           unless="trip moving vacation leaving flight job", reach=5, clause=False),
    Phrase("trying|tries|tried to break|kick down|in|into the|my door|house|room", "abuse", "en",
           "'he's trying to break down the door'", weak=True),
    # ---- never born, burden, suffering ended ----
    Phrase("regret|hate|regretting being|ever [been] born", "suicide", "en",
           "'I regret being born'"),
    Phrase("shouldnt [have] [ever] been born", "suicide", "en",
           "'I shouldn't have been born'"),
    Phrase("should|shouldnt never|not [have] been born", "suicide", "en",
           "'I should never have been born'"),
    Phrase("no|nunca haber|hubiera|hubiese nacido", "suicide", "es",
           "'ojalá no hubiera nacido', 'quisiera no haber nacido'"),
    Phrase("jamais|pas naitre", "suicide", "fr", "'j'aurais préféré ne jamais naître'",
           unless="avant"),
    Phrase("jamais ne|nee", "suicide", "fr", "'j'aurais voulu être jamais né'"),
    Phrase("regrette|regret d|de etre ne|nee|venu|venue|en|vivant|vivante", "suicide", "fr",
           "'je regrette d'être né'", unless="ici ce dans"),
    Phrase("jamais|plus|pas m etre reveille|reveillee", "suicide", "fr",
           "'j'aurais voulu ne jamais m'être réveillé'"),
    Phrase("burden to|on|for everyone|everybody|all", "suicide", "en",
           "'I'm a burden to everyone' — perceived burdensomeness, a core risk factor (only "
           "towards everyone: 'a burden to my kids when I'm old' is a worry about ageing)",
           unless="of us cost costs fee fees price financial financially money", reach=3),
    Phrase("carga para todos|todo", "suicide", "es", "'soy una carga para todos'"),
    Phrase("fardeau|poids pour tout|tous", "suicide", "fr",
           "'je suis un fardeau pour tout le monde'"),
    Phrase("end|stop my suffering|misery", "suicide", "en",
           "'I want to end my suffering' — a common way of saying it", unless="with from of"),
    Phrase("dejar de sufrir|existir", "suicide", "es", "'quiero dejar de sufrir'",
           unless="por de con"),
    Phrase("arreter|cesser de souffrir", "suicide", "fr", "'je veux arrêter de souffrir'",
           unless="pour de avec"),
    Phrase("quiero|quisiera que se acabe|termine|acaben todo", "suicide", "es",
           "'quiero que se acabe todo'"),
    Phrase("que todo se acabe|termine", "suicide", "es", "'quiero que todo se acabe'",
           unless="con entre"),
    Phrase("mejor me muero|mato|muera", "suicide", "es", "'mejor me muero'",
           unless="hambre risa verguenza frio calor"),
    Phrase("miedo de|a que [mi] [*] me mate|pegue|golpee|haga|lastime|viole|mata", "abuse", "es",
           "'tengo miedo de que mi esposo me mate'"),
    Phrase("thinking|think|thoughts about|of death", "suicide", "en",
           "'I keep thinking about death' (weak: 'thinking of death since my dad died' is grief)",
           weak=True),
    # ---- done with everything, in the way, someone else talking about it now ----
    Phrase("done with everything|everyone", "suicide", "en",
           "'I'm done with everything' — hopelessness, leaning toward help",
           unless="on in list at"),
    Phrase("done with it all", "suicide", "en", "'I'm done with it all'"),
    Phrase("cansado|cansada|harto|harta de todo", "suicide", "es",
           "'estoy harta de todo' (not 'harta de todo el drama')",
           unless="el la lo los las esto eso este esta"),
    Phrase("marre de tout", "suicide", "fr", "'j'en ai marre de tout' (not '… de tout ça')",
           unless="ca ce ces cette le la les ca"),
    Phrase("sens|suis|sent de trop", "suicide", "fr", "'je me sens de trop' — in the way",
           unless="ici dans a au avec"),
    Phrase("sobro|estorbo en este mundo|aqui", "suicide", "es", "'sobro en este mundo'"),
    Phrase("talking|talks|posting|posts|texting|texts|keeps about|of suicide~|killing|dying|"
           "ending", "suicide", "en",
           "someone else talking about it now ('my friend keeps talking about suicide'); not "
           "'talked' (a meeting's topic told)",
           unless="prevention awareness loss grief laughing laughter"),
    Phrase("habla|hablando|dice|decia|menciona de|que matarse|morirse|suicidarse|quitarse",
           "suicide", "es", "'mi hijo habla de matarse'", unless="no"),
    Phrase("parle|parlait|dit de|qu se tuer|suicider|mourir|disparaitre", "suicide", "fr",
           "'mon ami parle de se tuer'"),
    Phrase("parle|parlait de|d mourir|disparaitre|crever", "suicide", "fr",
           "'ma fille parle de mourir'", unless="rire faim froid chaud"),
    # ---- no strength left, no way out, at the end of one's rope ----
    Phrase("plus|pas|pu|aucune la|de force de|d|pour continuer|vivre|tenir", "suicide", "fr",
           "'j'ai plus la force de continuer'"),
    Phrase("plus|pas|pu|aucune la|de force de|d|pour me battre", "suicide", "fr",
           "'j'ai plus la force de me battre'"),
    Phrase("no tengo|tenemos [mas] fuerzas para|de seguir|vivir|continuar|luchar", "suicide",
           "es", "'ya no tengo fuerzas para seguir'"),
    Phrase("no me quedan [mas] fuerzas para|de seguir|vivir|continuar|luchar", "suicide", "es",
           "'no me quedan fuerzas para seguir'"),
    Phrase("no strength|energy|will left to|for go|keep|live|living|fight", "suicide", "en",
           "'no strength left to go on'", unless="meeting meetings gym work"),
    Phrase("plus|pas|aucune|pu [d] issue", "suicide", "fr",
           "'je vois plus d'issue'", unless="pour avec a au aux"),
    Phrase("no hay|veo|tengo|encuentro [otra] salida|escapatoria", "suicide", "es",
           "'no veo salida' (not 'no hay salida de emergencia')",
           unless="de del para al emergencia"),
    Phrase("suis|chu|jsuis|sui|sommes a bout", "suicide", "fr",
           "'je suis à bout' — despair (not '… avec mon fils qui boit')",
           unless="avec de mon ma mes", reach=3),
    Phrase("end of my rope|tether", "suicide", "en",
           "'at the end of my rope' — despair (not '… with his drinking')",
           unless="with about over", reach=3),
    # ---- ambivalence about living: a hedge is read as what it hedges ----
    Phrase("not sure|unsure [if|whether] i want|wanna [to] live|exist|continue", "suicide", "en",
           "'not sure I want to live' — ambivalence is ideation to a counselor",
           unless="with in there alone near by"),
    Phrase("unsure [if|whether] i want|wanna [to] live|exist|continue", "suicide", "en",
           "'unsure if I want to live'", unless="with in there alone near by"),
    Phrase("not sure|unsure [if|whether] i want|wanna [to] be alive|here|around", "suicide", "en",
           "'not sure I want to be alive'", unless="for at with"),
    Phrase("unsure [if|whether] i want|wanna [to] be alive|here|around", "suicide", "en",
           "'unsure if I want to be here'", unless="for at with"),
    Phrase("not sure|unsure [if|whether] i want|wanna [to] wake up", "suicide", "en",
           "'not sure I want to wake up'", unless="early at"),
    Phrase("unsure [if|whether] i want|wanna [to] wake up", "suicide", "en",
           "'unsure if I want to wake up'", unless="early at"),
    Phrase("not sure|unsure [if|whether] i want|wanna [to] keep living|existing|going", "suicide",
           "en", "'not sure I want to keep going'", unless="to with"),
    Phrase("unsure [if|whether] i want|wanna [to] keep living|existing|going", "suicide", "en",
           "'unsure if I want to keep going'", unless="to with"),
    Phrase("no se si quiero|quisiera [seguir] vivir|viviendo|existir|seguir|despertar", "suicide",
           "es", "'no sé si quiero seguir viviendo'", unless="en con aqui asi"),
    Phrase("sais|sait pas|plus|pu si je|j veux|voudrais [encore] vivre|continuer|exister",
           "suicide", "fr", "'je sais pas si je veux encore vivre'", unless="ici comme avec"),
    # ---- futility: no point in waking up, no sense in going on ----
    Phrase("point|reason|sense of|in|to waking|wake|continuing|existing|carrying|breathing",
           "suicide", "en", "'I don't see the point of waking up'", despite_negation=True),
    Phrase("sentido|caso a|de|en despertar|despertarme|vivir|seguir|existir|levantarme|"
           "continuar", "suicide", "es", "'no le veo sentido a despertar mañana'",
           unless="con esto este esta el la los las intentando estudiando", reach=2,
           despite_negation=True),
    Phrase("sentido tiene seguir|vivir|despertar|existir|levantarme|continuar", "suicide", "es",
           "'¿qué sentido tiene seguir?'", unless="con intentando esto este", reach=2),
    Phrase("interet|sens|raison|but de|d|a continuer|vivre|exister", "suicide", "fr",
           "'je vois pas l'intérêt de continuer' (not '… ce traitement')",
           unless="ce cette le la les mon ma mes ton ta avec au aux dans sur ici", reach=2,
           despite_negation=True),
    Phrase("interet|sens|raison|but de|d|a me lever|reveiller", "suicide", "fr",
           "'aucun intérêt à me réveiller'", despite_negation=True),
    # ---- passive ideation: more everyday forms ----
    Phrase("gout|gou|goute de mourir|crever|disparaitre", "suicide", "fr",
           "Quebec 'j'ai le goût de mourir'"),
    Phrase("gout|gou|goute de|d me|m tuer|suicider|enlever", "suicide", "fr",
           "Quebec 'j'ai le goût de me tuer'"),
    Phrase("gout|gou|goute de|d en finir", "suicide", "fr", "'le goût d'en finir'",
           unless="avec"),
    Phrase("veux|voudrais|aimerais que ca|tout|cela|c s|se arrete|arrete|finisse|termine",
           "suicide", "fr", "'je veux que ça s'arrête'", unless="avec"),
    Phrase("s|se arrete|finisse|termine pour toujours", "suicide", "fr",
           "'que ça s'arrête pour toujours'"),
    Phrase("y [ya] no despertar|despertarme|amanecer", "suicide", "es",
           "'tomarme las pastillas y ya no despertar'"),
    Phrase("no volver a despertar|despertarme", "suicide", "es", "'no volver a despertar'"),
    Phrase("quiero|quisiera [que] [todo] [esto] termine|acabe|pare [para] siempre", "suicide",
           "es", "'quiero que esto acabe para siempre'"),
    Phrase("dont|not want|wanna [to] wake up tomorrow|again|anymore", "suicide", "en",
           "'I don't want to wake up tomorrow'"),
    Phrase("dont|cant|not see [the|any] point|reason anymore|any", "suicide", "en",
           "'I don't see the point anymore' — hopelessness"),
    # ---- methods thought of: more places to jump from, pills swallowed ----
    Phrase("jump|jumping|jumped off|from [a|the|that|my] [*] bridge|building|roof|cliff|garage|"
           "balcony|overpass|tower|ledge|window|rooftop|parking", "suicide", "en",
           "'thinking about jumping off the parking garage'"),
    Phrase(f"tomarme|tragarme todas|todo [las|los|el|mis] [las|mis] {_PILLS_ES}",
           "suicide", "es", "'tomarme todas las pastillas' — a method thought of"),
    Phrase(f"take|swallow all my|the {_PILLS_EN}", "suicide", "en",
           "'I want to take all my pills'",
           unless="prescribed morning with forgot forget remember remembered", reach=2),
    # ---- hotlines searched for ----
    Phrase("988|741741", "suicide", "en",
           "the US suicide and crisis line, the crisis text line: a seeker looking for it",
           unless="st street ave avenue road rd blvd dr drive lane suite unit volunteer "
                  "volunteering training job jobs", reach=3),
    Phrase("crisis|suicide~ hotline|helpline|textline|lifeline|chatline", "suicide", "en",
           "a seeker looking for a crisis line (not volunteering for one)",
           unless="volunteer volunteering volunteers training job jobs career donate work "
                  "working", reach=4),
    Phrase("crisis [text|chat] line|lines", "suicide", "en", "'is there a crisis line I can call'",
           unless="volunteer volunteering volunteers training job jobs career donate work "
                  "working mental health worker", reach=4),
    Phrase("samaritans", "suicide", "en", "the UK and Irish listening line",
           unless="volunteer volunteering volunteers training job jobs donate", reach=4),
    Phrase("linea|telefono|numero de crisis", "suicide", "es", "'línea de crisis'",
           unless="voluntario voluntaria voluntarios trabajo capacitacion", reach=4),
    Phrase("telefono de la esperanza", "suicide", "es", "Spain's listening line",
           unless="voluntario voluntaria voluntarios trabajo capacitacion", reach=4),
    Phrase("024", "suicide", "es", "Spain's suicide line", unless="voluntario trabajo"),
    Phrase("3114", "suicide", "fr", "France's suicide prevention line",
           unless="benevole benevoles formation rue avenue"),
    Phrase("ligne|numero|telephone de|d crise|ecoute", "suicide", "fr",
           "'ligne d'écoute', 'numéro de crise'",
           unless="benevole benevoles formation emploi travail", reach=4),
    Phrase("sos amitie|suicide", "suicide", "fr", "French listening lines",
           unless="benevole benevoles formation"),
    # ---- self-harm: more forms ----
    Phrase("slam|slamming|slammed|bang|banging|banged|smash|smashing|smashed|hit|hitting|hits "
           "my|his|her head into|against [the|a|my] wall|walls|floor|desk|door", "self-harm",
           "en", "'slamming my head into the wall'"),
    Phrase("se esta|estaba cortando|lastimando|quemando|autolesionando|mutilando", "self-harm",
           "es", "someone else's self-harm now ('mi hija se está cortando')",
           unless="el la pelo cabello unas"),
    Phrase("se esta|estaba haciendo dano|danio", "self-harm", "es", "'se está haciendo daño'"),
    Phrase("se coupe|coupait|scarifiait|mutilait", "self-harm", "fr",
           "someone else's self-harm ('mon fils se coupe'; not 'se coupe les cheveux', 'se "
           "coupe du monde', 'le courant se coupe')",
           unless="du de des la le les l cheveux ongles frange doigt courant ligne wifi son "
                  "connexion appel reseau image en avec", reach=2),
    Phrase("me|jme couper|scarifier|bruler|mutiler maintenant|encore|ce|cette", "self-harm", "fr",
           "'je vais me couper ce soir'"),
    # ---- overdose: counts with 'like', more drugs, opioid signs ----
    Phrase(f"took|taken|take|swallowed|ate|downed|popped|had {_ABOUT_EN} {_MANY_EN} [of] "
           f"[my|the|his|her] {_PILLS_EN}", "overdose", "en",
           "'took like 30 tylenol': a count of six or more, however it is hedged"),
    Phrase(f"tome|tomo|trague|trago|tomado|tragado|meti|metio|tomaste|tomamos|tomaron "
           f"{_ABOUT_ES} {_MANY_ES} [de] [mis|las|los|sus] {_PILLS_ES}", "overdose", "es",
           "'me tomé como 20 clonazepam'"),
    Phrase(f"pris|avale|gobe|prit|avalee {_ABOUT_FR} {_MANY_FR} [de|d] [mes|ses] {_PILLS_FR}",
           "overdose", "fr", "'j'ai pris 25 dolipranes'"),
    Phrase(f"pris|avale|gobe une dizaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|"
           f"centaine de|d [mes|ses] {_PILLS_FR}", "overdose", "fr",
           "'j'ai avalé une vingtaine de cachets'"),
    Phrase(f"took|taken|swallowed too many|much [of] [my|the|his|her] {_PILLS_EN}", "overdose",
           "en", "'took too many tramadol'"),
    Phrase(f"tome|tomo|trague|trago|tomado|tragado demasiadas|demasiados|muchas|muchos [de] "
           f"[mis|las|los|sus] {_PILLS_ES}", "overdose", "es", "'se tomó demasiados calmantes'"),
    Phrase(f"pris|avale|gobe trop|plein|beaucoup|tous|toutes de|d|mes|ses [mes] {_PILLS_FR}",
           "overdose", "fr", "'il a avalé trop de somnifères'"),
    Phrase("nodding|nodded out", "overdose", "en",
           "'he's nodding out hard': an opioid overdose sign"),
    Phrase("laced w|with fent|fentanyl|fentanilo", "overdose", "en",
           "'something laced with fent' taken now (not a question about test strips)",
           weak=True, unless="test tests testing strips strip check checking kit kits"),
    # ---- abuse just now, abuse about to happen, someone else hurt now ----
    Phrase(f"me acaba|acababa|acaban de {_INF_ABUSE_ES}", "abuse", "es",
           "'mi esposo me acaba de pegar' — just happened"),
    Phrase(f"vient|venait|viennent de|d me|m {_INF_ABUSE_FR}", "abuse", "fr",
           "'il vient de me frapper' — just happened"),
    Phrase(f"va|vont|allait [encore] me|m [encore] {_INF_ABUSE_FR}", "abuse", "fr",
           "'mon père va encore me battre' (not 'va me tuer', an idiom)"),
    Phrase(f"me va|van [a] [volver] [a] {_INF_ABUSE_ES}", "abuse", "es",
           "'me va a volver a pegar'"),
    Phrase("gonna|going [to] beat|hit|hurt|choke me", "abuse", "en",
           "'hes gonna beat me again'", weak=True, unless="hard"),
    Phrase(f"hitting|beating|choking|strangling|hurting|punching|kicking|attacking his|her|their|"
           f"my {_VICTIM_EN}", "abuse", "en",
           "someone hurt now in front of the seeker ('the guy next door is hitting his "
           "girlfriend'); weak for the past ('my dad used to beat my mom')", weak=True),
    Phrase("le esta|estan pegando|golpeando|ahorcando|pateando|maltratando", "abuse", "es",
           "'le está pegando a mi mamá'"),
    Phrase("frappe|bat|battre|cogne|tabasse|etrangle ma|sa mere|femme|blonde|copine|fille|soeur|"
           "conjointe", "abuse", "fr", "'il frappe ma mère'", weak=True),
    Phrase("dont|not feel safe at|in [my] home|house|apartment|place", "abuse", "en",
           "'I don't feel safe at home'"),
)

# Words that, near a weak phrase, show it names a group topic, a loss or the past.
_LOSS = """loss losses lost losing survivor survivors survived bereaved bereavement grief
    grieving griefshare mourning after following committed died death deaths widow widowed
    widower his her their sons daughters son daughter brother brothers sister sisters husbands
    wifes mother mothers father fathers mom moms dad dads friend friends child childs children
    childrens loved ones family families parent parents""".split()
# An overdose near family words is often happening now ("my friend overdosed"): only words
# of death and grief void it.
_DEATH = """loss losses lost losing died death deaths grief grieving bereaved bereavement
    mourning memorial anniversary passed survivor survivors survived""".split()
_DEATH_ES = "duelo perdida murio muerte fallecio fallecimiento perdi perdimos perdio".split()
_DEATH_FR = "deuil deces mort morte decede perdu perdue perte".split()
_FREE = "free clean years months ago former past recovered sober".split()
# Events about a topic: a talk, a workshop, a school session.
# Not "talk" or "class": "someone to talk to about self harm", "i self harm in class".
_EVENT = """workshop workshops seminar seminars lecture webinar presentation conference charla
    charlas taller talleres conferencia conferencias seminario capacitacion presentacion atelier
    ateliers formation formations seminaire""".split()
_TOPIC = """prevention prevent preventing awareness training trainings reduction naloxone
    narcan education research statistics rates response kit kits reversal day month week walk
    fundraiser history volunteer volunteers volunteering""".split()
_PAST = """ago years child childhood growing grew younger teen teenager former past previously
    survivor survivors chess game games race kid kids little""".split()
_LOSS_ES = """duelo perdida perdidas sobrevivientes supervivientes sobreviviente superviviente
    despues tras familiares familia hijo hija hijos padre madre hermano hermana esposo esposa
    amigo amiga murio muerte fallecio fallecimiento perdi perdimos perdio mama papa novio novia
    pareja""".split()
_TOPIC_ES = "prevencion prevenir naloxona concientizacion".split()
_PAST_ES = "era nina nino pequena pequeno infancia anos hace antes".split()
_LOSS_FR = """deuil endeuille endeuilles endeuillees survivants survivantes survivant apres
    proche proches famille fils fille frere soeur mari femme ami amie deces mort morte decede sest
    setait suicides mere pere parent parents perdu perdue perte conjoint conjointe copain copine
    enfant enfants""".split()
_TOPIC_FR = "prevention prevenir naloxone sensibilisation reduction risques".split()
_PAST_FR = """longtemps etais enfant petite petit enfance ans avant ancien echecs echec cartes
    jeu""".split()

BLOCKERS: dict[str, frozenset[str]] = {
    "suicide": frozenset(_LOSS + _TOPIC + _LOSS_ES + _TOPIC_ES + _LOSS_FR + _TOPIC_FR),
    "overdose": frozenset(_DEATH + _TOPIC + _DEATH_ES + _TOPIC_ES + _DEATH_FR + _TOPIC_FR),
    "self-harm": frozenset(_TOPIC + _TOPIC_ES + _TOPIC_FR + _FREE + _EVENT),
    "abuse": frozenset(_PAST + _PAST_ES + _PAST_FR),
}
MANY = 6  # "took 6 pills" is a count worth asking about; "took 2 pills" is a dose
AFTER_A_NUMBER_IS_A_UNIT = frozenset({"kms", "kmsl"})  # "10 kms" is a distance
# Real words one typo away from a typo-tolerant word ("he overdoes it").
# "se suicidó" is a loss; Spanish "suicida" is its own (weak) phrase, with its own blockers.
NEVER_TYPOS = frozenset({"overdone", "overdoes", "suicider", "suicido", "suicida", "suicidas"})

# Words that carry no request of their own, for Crisis.names_something_else.
FILLER = frozenset("""
i im id ive me my mine myself a an the to and or but so just really very feel feeling feels
like want wanna need help please now right today tonight am is are be been being have has had
of in on at for it its this that with about do dont cant can cannot someone talk talking
anymore think thinking thoughts what how all always again still going gonna life die dying
dead kill killing end ending wish would could should will not no yes ok okay why when
where who because if then than too much many more some any anyone anybody somebody people
support group groups meeting meetings near nearby online phone line hotline call text chat
person local area here there urgent emergency immediately asap badly bad sad
yo mi mis quiero ya y o de la el los las que muy ayuda por favor estoy siento tengo hoy ahora
mas a en con es lo se un una grupo grupos apoyo necesito alguien hablar cerca
je j moi mon ma mes veux plus ne pas et ou de du des la le les que tres aide suis ai jai
aujourdhui maintenant en avec cest est un une groupe groupes soutien besoin quelqu parler pres
""".split())

# ---- negation and hedges (see _negated) ----
# Words that negate what follows them. Not "cant"/"couldnt" ("i cant kill myself" is ideation
# with an obstacle), not French "plus" ("de plus en plus envie de mourir"), not "ne" alone.
NEGATORS = frozenset("""no not never dont doesnt didnt isnt arent wasnt werent aint wont wouldnt
    havent hasnt hadnt without nor neither stopped quit
    nunca jamas ni sin tampoco deje dejo dejado
    pas jamais aucun aucune sans nullement arrete arretee""".split())
# Words that may stand between a negator and the phrase it negates.
BRIDGES = frozenset("""i im id ive am is are was were be been being have has had do does did
    it its that like to of about at all any ever even currently longer going gonna want wanna
    wanting
    planning plan plans intend intending trying try feel feeling felt thinking thoughts idea
    ideas urge urges intention desire myself me
    yo me es que quiera quiero quisiera voy vaya a estoy estaba soy sea tengo tenia tenido he ha
    pensado pensando pienso en de ningun ninguna ninguno intencion intenciones ganas planes plan
    deseo nada lo la idea ideas pensamientos
    je j tu me m suis sui est c ce que qu veux voudrais vais va ai a pense penser pensais envie
    de d des du au tout idees intention""".split())
SUBJECTS = frozenset("i im ive id ill je j tu il elle on yo el ella he she they we nous".split())
# A negator softened is a hedge, and a hedge is read as what it hedges: "not really
# suicidal", "not actively suicidal" (passive ideation), "pas vraiment", "no del todo".
HEDGES = frozenset("""really actively necessarily quite exactly totally entirely fully
    completely sure yet
    realmente exactamente activamente precisamente necesariamente tanto todavia aun
    vraiment exactement activement forcement encore vrm""".split())
HEDGES_AFTER = frozenset("""exactly really yet per exactamente realmente todavia aun
    exactement vraiment encore""".split())
# French "plus"/"pu" is "no longer" after "ne" or a verb ("je suis plus suicidaire"), "more"
# elsewhere ("de plus en plus suicidaire", "encore plus"): only the first is a negator.
_NO_LONGER_FR = frozenset({"plus", "pu"})
_BEFORE_NO_LONGER = frozenset("ne n suis sui chu jsuis est pense veux fais ai".split())
NEGATION_REACH = 6  # a negator further back than this many words is not read
_IF = frozenset("if whether si".split())
# Words that join two clauses: a negation before them belongs to the other one.
_CONJUNCTIONS = frozenset("and but or because so y pero o porque et mais ou parce car".split())
_CONTRAST = frozenset("but though although yet pero aunque sino mais pourtant quoique".split())
_THINKS_OF_IT = frozenset({("about", "it"), ("of", "it"), ("en", "eso"), ("en", "ello"),
                           ("lo", "pienso"), ("lo", "pense"), ("lo", "he"), ("y", "pense"),
                           ("y", "pensais"), ("y", "songe")})
_ANSWERED = frozenset("said answered told say dit repondu reponds dije respondi conteste".split())
_NO_ANSWER = frozenset("no non nope".split())
# Softening adverbs left out before phrases are matched ("je veux juste mourir" = "je veux
# mourir"). A phrase pattern may not use them.
ADVERBS = frozenset("""just really truly honestly literally actually seriously kinda sorta
    basically genuinely lowkey deadass fucking fkn fking rly realy srsly simply
    solo solamente nomas realmente simplemente neta
    juste vraiment tellement simplement franchement carrement vrm""".split())

_WORD = re.compile(r"[a-z0-9#]+")
_TOKEN = re.compile(r"[a-z0-9#]+|[.,;:!?\n]")
_BREAK_CHARS = frozenset(".,;:!?\n")
_ELISION = re.compile(r"\b(qu|[cdjlmnst])'(?=[a-z])")
_RUN = re.compile(r"(.)\1{2,}")
_PAST_REFLEXIVE = re.compile(r"\bs'(est|etait)\b")


def fold(text: str) -> str:
    """Lower-case, accents stripped, apostrophes dropped, anything else a space."""
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS])
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019\u2018`\u00b4]", "'", text)
    text = _PAST_REFLEXIVE.sub(r"s\1", text)  # "s'est suicidé" (a loss): one word, "sest …"
    text = _ELISION.sub(r"\1 ", text)  # French "m'enferme", "j'ai", "qu'il": two words
    return text.replace("'", "")  # English "don't", "i'm": one word


def _tokens(text: str) -> tuple[list[str], list[bool]]:
    """The folded words, and for each whether a clause break (. , ; : ! ? or a new line)
    stands just before it."""
    out: list[str] = []
    breaks: list[bool] = []
    pending = False
    for token in _TOKEN.findall(fold(text).replace("#", " ")):
        if token[0] in _BREAK_CHARS:
            pending = True
            continue
        out.append(token)
        breaks.append(pending)
        pending = False
    return out, breaks


def _negated(words_: list[str], breaks: list[bool], start: int, end: int) -> bool:
    """Whether the phrase at words_[start:end] is truly negated ("im not suicidal", "no es que
    quiera hacerme daño", "je vais pas me faire de mal", "3 years since i stopped cutting").

    A negator counts only when it governs the phrase: it stands before it in the same clause,
    with only :data:`BRIDGES` between (auxiliaries, "want to", "thoughts of", "es que"). A
    phrase that is itself a negation ("dont want to live", "no quiero seguir viviendo", "je
    veux pas me réveiller") keeps its meaning. A hedge ("not really", "not actively", "pas
    vraiment", "not … exactly", "not … yet") is not a negation. A question someone asked,
    answered no ("asked if i was suicidal, i said no"), is one.
    """
    if any(w in NEGATORS for w in words_[start:end]):
        return False  # the negation is part of the phrase: "i dont want to be alive"
    if end < len(words_) and not breaks[end] and words_[end] in HEDGES_AFTER:
        return False  # "not suicidal exactly", "not suicidal yet"
    j = start - 1
    lowest = max(0, start - NEGATION_REACH)
    while j >= lowest:
        if breaks[j + 1]:
            break
        w = words_[j]
        if w in HEDGES:
            return False  # "not really suicidal", "pas vraiment suicidaire"
        follower = words_[j + 1]
        if w in NEGATORS or (w in _NO_LONGER_FR and j > 0
                             and words_[j - 1] in _BEFORE_NO_LONGER):
            # "ça va pas je veux mourir": a subject after the negator starts another clause.
            if j + 1 < start and follower in SUBJECTS:
                return False
            # "not a day goes by that i dont want to die", "im not saying i dont want to
            # die": a second negation before it in the clause reads as yes (the safe side).
            k = j - 1
            while (k >= max(0, j - 2 * NEGATION_REACH) and not breaks[k + 1]
                   and words_[k] not in _CONJUNCTIONS):
                if words_[k] in NEGATORS:
                    return False
                k -= 1
            # "i wouldnt kill myself but i think about it": the thought is ideation.
            return not _but_thinks_of_it(words_, end)
        if w not in BRIDGES:
            break
        j -= 1
    return _answered_no(words_, breaks, start, end)


def _but_thinks_of_it(words_: list[str], end: int) -> bool:
    """After a negated phrase: "… but I think about it", "… pero lo pienso", "… mais j'y
    pense" — a contrast, then the seeker's own thinking about it."""
    after = words_[end:end + 10]
    for i, w in enumerate(after):
        if w in _CONTRAST:
            rest = after[i + 1:i + 7]
            return any(pair in _THINKS_OF_IT for pair in zip(rest, rest[1:], strict=False))
    return False


def _answered_no(words_: list[str], breaks: list[bool], start: int, end: int) -> bool:
    """'she asked if i had suicidal thoughts, i said no': a question put to the seeker (an
    "if/whether/si" just before the phrase) and a "no" answer just after it."""
    before = words_[max(0, start - 5):start]
    if not any(w in _IF for w in before):
        return False
    after = words_[end:end + 8]
    return any(a in _ANSWERED and b in _NO_ANSWER
               for a, b in zip(after, after[1:], strict=False)) or any(
        a in _ANSWERED and b == "que" and c in _NO_ANSWER
        for a, b, c in zip(after, after[1:], after[2:], strict=False))


def words(text: str) -> list[str]:
    """The folded words of a text (digits kept, so "10 kms" is seen as a distance)."""
    return _WORD.findall(fold(text).replace("#", " "))


def _forms(word: str) -> tuple[str, ...]:
    """A word and, when a letter is repeated 3+ times, the word with that run as one or two."""
    if not _RUN.search(word):
        return (word,)
    return (_RUN.sub(r"\1", word), _RUN.sub(r"\1\1", word), word)


def _one_typo(a: str, b: str) -> bool:
    """Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, change or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


@dataclass(frozen=True)
class _Slot:
    exact: frozenset[str]
    fuzzy: tuple[str, ...]
    optional: bool
    anything: bool = False
    number: bool = False

    def matches(self, forms: tuple[str, ...]) -> bool:
        if self.anything:
            return True
        for form in forms:
            if self.number and form.isdigit() and len(form) < 5 and int(form) >= MANY:
                return True
            if form in self.exact:
                return True
            for target in self.fuzzy:
                if (form[:1] == target[:1] and form not in NEVER_TYPOS
                        and _one_typo(form, target)):
                    return True
        return False


@dataclass(frozen=True)
class _Compiled:
    phrase: Phrase
    slots: tuple[_Slot, ...]
    unless: frozenset[str]
    reach: int


def _compile(phrase: Phrase) -> _Compiled:
    slots = []
    for raw in phrase.pattern.split():
        optional = raw.startswith("[") and raw.endswith("]")
        body = raw[1:-1] if optional else raw
        exact, fuzzy = set(), []
        for alt in body.split("|"):
            if alt.endswith("~"):
                alt = alt[:-1]
                if len(alt) < 6:
                    raise ValueError(f"typo tolerance needs 6+ letters: {alt!r}")
                fuzzy.append(alt)
            exact.add(alt)
        slots.append(_Slot(frozenset(exact - {"#"}), tuple(fuzzy), optional,
                           anything=body == "*", number="#" in exact))
    if not slots or slots[0].optional or slots[0].anything or slots[0].number:
        raise ValueError(f"a phrase must start with a required word: {phrase.pattern!r}")
    if phrase.kind not in KINDS or phrase.lang not in LANGUAGES:
        raise ValueError(f"unknown kind or language in {phrase.pattern!r}")
    return _Compiled(phrase, tuple(slots), frozenset(phrase.unless.split()), phrase.reach)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[_Compiled]], dict[tuple[str, str], list[_Compiled]],
                       dict[str, list[_Compiled]]]:
    """Phrases indexed by their first word's exact forms; those whose second word is required
    and exact, by their first two words (so a common first word such as "no" or "me" costs
    one dict look-up, not a try of each phrase); and those whose first word is
    typo-tolerant, by the first letters their first word can have (a typo keeps the first
    letter), tried at every word with one of those letters."""
    by_first: dict[str, list[_Compiled]] = {}
    by_pair: dict[tuple[str, str], list[_Compiled]] = {}
    fuzzy_first: dict[str, list[_Compiled]] = {}
    for phrase in PHRASES:
        compiled = _compile(phrase)
        first = compiled.slots[0]
        second = compiled.slots[1] if len(compiled.slots) > 1 else None
        if first.fuzzy:
            for letter in {w[:1] for w in first.exact}:
                fuzzy_first.setdefault(letter, []).append(compiled)
        elif second is not None and not (second.optional or second.anything or second.number
                                         or second.fuzzy):
            for word in first.exact:
                for next_word in second.exact:
                    by_pair.setdefault((word, next_word), []).append(compiled)
        else:
            for word in first.exact:
                by_first.setdefault(word, []).append(compiled)
    return by_first, by_pair, fuzzy_first


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    return max(len(_compile(p).slots) for p in PHRASES)


def _match_at(slots: tuple[_Slot, ...], forms: list[tuple[str, ...]], i: int) -> int | None:
    """The end index of the longest match of `slots` starting at word `i`, or None."""
    if not slots:
        return i
    slot, rest = slots[0], slots[1:]
    best = None
    if i < len(forms) and slot.matches(forms[i]):
        best = _match_at(rest, forms, i + 1)
    if slot.optional:
        skipped = _match_at(rest, forms, i)
        if skipped is not None and (best is None or skipped > best):
            best = skipped
    return best


def _blocked(compiled: _Compiled, words_: list[str], breaks: list[bool], start: int,
             end: int) -> bool:
    phrase = compiled.phrase
    if words_[start] in AFTER_A_NUMBER_IS_A_UNIT and start > 0 and words_[start - 1].isdigit():
        return True
    lone_number = end - start == 1 and words_[start].isdigit()
    if lone_number and ((start > 0 and words_[start - 1].isdigit())
                        or (end < len(words_) and words_[end].isdigit())):
        return True  # a line's number inside a longer one ("555 024 0199", "988 12")
    if compiled.unless:
        # Idiom words are looked for in the phrase's own clause ("se está cortando, la
        # encontré" is not "cortando la …").
        reach = compiled.reach
        bounded = phrase.clause
        j = start
        while j > max(0, start - reach) and not (bounded and breaks[j]):
            j -= 1
            if words_[j] in compiled.unless:
                return True
        k = end
        while k < min(len(words_), end + reach) and not (bounded and breaks[k]):
            if words_[k] in compiled.unless:
                return True
            k += 1
    if not phrase.weak:
        return False
    blockers = BLOCKERS[phrase.kind]
    window = words_[max(0, start - WINDOW_BEFORE):start] + words_[end:end + WINDOW_AFTER]
    return any(w in blockers for w in window)


def detect_crisis(text: str | None) -> Crisis | None:
    """The crisis a text signals, or None. Never raises; any length is read in bounded time."""
    if not text:
        return None
    all_words, breaks = _tokens(text)
    # Phrases are matched over the words with softening adverbs left out ("i just want to
    # die" = "i want to die"); `keep` maps each of those back to its place in the text.
    keep = [j for j, w in enumerate(all_words) if w not in ADVERBS]
    words_ = [all_words[j] for j in keep]
    if not words_:
        return None
    cbreaks = [any(breaks[j] for j in range(keep[k - 1] + 1 if k else 0, keep[k] + 1))
               for k in range(len(keep))]
    forms = [_forms(w) for w in words_]
    by_first, by_pair, fuzzy_first = _tables()
    found: list[tuple[int, int, Phrase]] = []
    last = len(forms) - 1
    for i, word_forms in enumerate(forms):
        candidates: list[_Compiled] = []
        for form in word_forms:
            candidates.extend(by_first.get(form, ()))
            if i < last:
                for next_form in forms[i + 1]:
                    candidates.extend(by_pair.get((form, next_form), ()))
        for compiled in fuzzy_first.get(word_forms[0][:1], ()):
            if compiled.slots[0].matches(word_forms):
                candidates.append(compiled)
        for compiled in candidates:
            end = _match_at(compiled.slots, forms, i)
            if end is None or _blocked(compiled, words_, cbreaks, i, end):
                continue
            if not compiled.phrase.despite_negation and _negated(
                    all_words, breaks, keep[i], keep[end - 1] + 1):
                continue
            found.append((i, end, compiled.phrase))
    # A phrase inside a longer one of another kind is that one's words ("il menace de me
    # tuer" is abuse, not the "me tuer" of suicide).
    by_start: dict[int, list[tuple[int, int, Phrase]]] = {}
    for f in found:
        by_start.setdefault(f[0], []).append(f)
    longest = _longest_phrase()
    found = [f for f in found if not any(
        o[0] <= f[0] and f[1] <= o[1] and (o[1] - o[0]) > (f[1] - f[0]) and o[2].kind != f[2].kind
        for s in range(max(0, f[0] - longest), f[0] + 1) for o in by_start.get(s, ()))]
    if not found:
        return None
    kinds = tuple(k for k in KINDS if any(p.kind == k for _, _, p in found))
    top = next(p for k in kinds for _, _, p in found if p.kind == k)
    language = _language(found, top.kind)
    covered = set()
    for start, end, _ in found:
        covered.update(range(keep[start], keep[end - 1] + 1))
    remainder = " ".join(w for j, w in enumerate(all_words) if j not in covered)
    phrases = tuple(dict.fromkeys(" ".join(words_[s:e]) for s, e, _ in found))
    return Crisis(kind=top.kind, language=language, kinds=kinds, phrases=phrases,
                  remainder=remainder)


def _language(found: list[tuple[int, int, Phrase]], kind: str) -> str:
    """The language most of the matched words are in (the top kind's first, then any)."""
    votes: dict[str, int] = {}
    for start, end, phrase in found:
        weight = (end - start) * (2 if phrase.kind == kind else 1)
        votes[phrase.lang] = votes.get(phrase.lang, 0) + weight
    return max(LANGUAGES, key=lambda lang: (votes.get(lang, 0), -LANGUAGES.index(lang)))
