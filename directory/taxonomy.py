"""The closed vocabularies of PRODUCT.md and the topic taxonomy, in one place.

Codes are what appears in URLs, CSV files and the API; they never change meaning.
This module is plain data (no Flask, no database) so that the matching library's
tests, the importer and the templates can all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matching import vocab


@dataclass(frozen=True)
class Topic:
    code: str
    label: str
    parent: str | None = None
    phrases: tuple[str, ...] = field(default_factory=tuple)


# Parents first, then their children. Phrases are the everyday words a seeker types;
# the matcher maps them to the topic (see matching/).
TOPIC_LIST: tuple[Topic, ...] = (
    Topic(
        "codependency",
        "Codependency",
        None,
        (
            "codependency",
            "codependent",
            "co-dependent",
            "people pleasing",
            "people pleaser",
            "can't say no",
            "cannot say no",
            "boundaries",
            "setting boundaries",
            "losing myself",
            "enabling",
            "enabler",
            "caretaking",
            "rescuing people",
            "need to be needed",
            "fear of abandonment",
        ),
    ),
    Topic(
        "addiction",
        "Addiction & recovery",
        None,
        (
            "addiction",
            "addicted",
            "recovery",
            "sobriety",
            "sober",
            "relapse",
            "clean",
            "using again",
            "craving",
            "cravings",
            "substance use",
            "dependence",
        ),
    ),
    Topic(
        "wellness",
        "Emotional wellness",
        None,
        (
            "mental health",
            "emotional support",
            "feeling low",
            "struggling",
            "wellbeing",
            "well-being",
            "wellness",
            "coping",
            "someone to talk to",
            "overwhelmed",
        ),
    ),
    # codependency
    Topic(
        "family-and-friends",
        "Family & friends of someone who drinks or uses",
        "codependency",
        (
            "my husband drinks",
            "my wife drinks",
            "my partner drinks",
            "my son uses",
            "my daughter uses",
            "my dad drinks",
            "my mom drinks",
            "my mother drinks",
            "my father drinks",
            "loved one drinking",
            "loved one using",
            "alcoholic husband",
            "alcoholic wife",
            "alcoholic parent",
            "addicted son",
            "addicted daughter",
            "family of alcoholic",
            "family of addict",
            "al-anon",
            "alanon",
            "nar-anon",
            "naranon",
            "my brother uses",
            "my sister drinks",
            "friend is an alcoholic",
            "worried about someone's drinking",
            "spouse drinks",
            "partner drinks",
        ),
    ),
    Topic(
        "adult-children",
        "Adult children of alcoholic or dysfunctional families",
        "codependency",
        (
            "adult children",
            "adult child of an alcoholic",
            "aca",
            "acoa",
            "grew up with an alcoholic",
            "alcoholic parents",
            "dysfunctional family",
            "childhood trauma",
            "inner child",
            "raised by alcoholics",
            "toxic parents",
        ),
    ),
    Topic(
        "relationships",
        "Relationships",
        "codependency",
        (
            "relationship",
            "relationships",
            "toxic relationship",
            "breakup",
            "break up",
            "divorce",
            "separation",
            "controlling partner",
            "narcissist",
            "narcissistic",
            "emotional abuse",
            "marriage problems",
            "attachment",
            "jealousy",
        ),
    ),
    # addiction
    Topic(
        "alcohol",
        "Alcohol",
        "addiction",
        (
            "alcohol",
            "drinking",
            "drink",
            "drinks",
            "drinking too much",
            "alcoholic",
            "alcoholism",
            "booze",
            "hangover",
            "binge drinking",
            "quit drinking",
            "stop drinking",
            "beer",
            "wine",
            "aa",
        ),
    ),
    Topic(
        "drugs",
        "Drugs",
        "addiction",
        (
            "drugs",
            "drug use",
            "using",
            "opioids",
            "opiates",
            "heroin",
            "fentanyl",
            "cocaine",
            "crack",
            "meth",
            "methamphetamine",
            "pills",
            "painkillers",
            "cannabis",
            "marijuana",
            "weed",
            "benzos",
            "narcotics",
            "na",
            "uses",
        ),
    ),
    Topic(
        "gambling",
        "Gambling",
        "addiction",
        (
            "gambling",
            "gamble",
            "betting",
            "sports betting",
            "casino",
            "poker",
            "slot machines",
            "pokies",
            "lottery",
            "online betting",
            "gambler",
            "debt from gambling",
        ),
    ),
    Topic(
        "sex-and-love",
        "Sex & love addiction",
        "addiction",
        (
            "sex addiction",
            "love addiction",
            "porn",
            "pornography",
            "compulsive sex",
            "love addict",
            "sex addict",
            "infidelity",
            "cheating",
            "hookups",
        ),
    ),
    Topic(
        "food",
        "Food & eating",
        "addiction",
        (
            "food",
            "eating",
            "overeating",
            "binge eating",
            "compulsive eating",
            "bulimia",
            "anorexia",
            "eating disorder",
            "food addiction",
            "emotional eating",
            "sugar",
        ),
    ),
    Topic(
        "gaming-and-tech",
        "Gaming & technology",
        "addiction",
        (
            "gaming",
            "video games",
            "gaming addiction",
            "internet addiction",
            "screen time",
            "phone addiction",
            "social media",
            "online games",
            "technology",
            "scrolling",
        ),
    ),
    Topic(
        "nicotine",
        "Nicotine",
        "addiction",
        (
            "nicotine",
            "smoking",
            "quit smoking",
            "cigarettes",
            "vaping",
            "vape",
            "tobacco",
            "chewing tobacco",
            "smoker",
        ),
    ),
    # wellness
    Topic(
        "anxiety",
        "Anxiety",
        "wellness",
        (
            "anxiety",
            "anxious",
            "panic",
            "panic attacks",
            "worry",
            "worrying",
            "nervous",
            "social anxiety",
            "phobia",
            "ocd",
            "fear",
        ),
    ),
    Topic(
        "depression",
        "Depression",
        "wellness",
        (
            "depression",
            "depressed",
            "sad",
            "sadness",
            "hopeless",
            "feeling down",
            "low mood",
            "bipolar",
            "no motivation",
            "empty",
            "postpartum",
        ),
    ),
    Topic(
        "grief",
        "Grief & loss",
        "wellness",
        (
            "grief",
            "grieving",
            "loss",
            "bereavement",
            "bereaved",
            "lost my mom",
            "lost my mother",
            "lost my dad",
            "lost my father",
            "lost my husband",
            "lost my wife",
            "lost my child",
            "lost my son",
            "lost my daughter",
            "lost my partner",
            "death",
            "died",
            "passed away",
            "widow",
            "widower",
            "miscarriage",
            "suicide loss",
            "pet loss",
            "mourning",
        ),
    ),
    Topic(
        "stress",
        "Stress",
        "wellness",
        (
            "stress",
            "stressed",
            "burnout",
            "burned out",
            "work stress",
            "pressure",
            "exhausted",
            "overworked",
        ),
    ),
    Topic(
        "trauma",
        "Trauma",
        "wellness",
        (
            "trauma",
            "ptsd",
            "abuse",
            "survivor",
            "sexual assault",
            "domestic violence",
            "flashbacks",
            "violence",
            "assault",
            "combat",
        ),
    ),
    Topic(
        "loneliness",
        "Loneliness",
        "wellness",
        (
            "lonely",
            "loneliness",
            "isolated",
            "isolation",
            "no friends",
            "alone",
            "new in town",
            "disconnected",
        ),
    ),
    Topic(
        "self-esteem",
        "Self-esteem",
        "wellness",
        (
            "self-esteem",
            "self esteem",
            "confidence",
            "self worth",
            "self-worth",
            "shame",
            "not good enough",
            "insecure",
            "self-confidence",
            "perfectionism",
        ),
    ),
    Topic(
        "caregivers",
        "Caregivers",
        "wellness",
        (
            "caregiver",
            "caregiving",
            "carer",
            "caring for",
            "dementia",
            "alzheimer's",
            "alzheimers",
            "looking after my mom",
            "looking after my dad",
            "sick parent",
            "disabled child",
            "special needs",
        ),
    ),
)

TOPICS: dict[str, Topic] = {t.code: t for t in TOPIC_LIST}
PARENT_TOPICS: tuple[str, ...] = tuple(t.code for t in TOPIC_LIST if t.parent is None)
CHILD_TOPICS: tuple[str, ...] = tuple(t.code for t in TOPIC_LIST if t.parent is not None)


def children_of(code: str) -> tuple[str, ...]:
    """The child topic codes of a parent topic (empty for a child or an unknown code)."""
    return tuple(t.code for t in TOPIC_LIST if t.parent == code)


def expand_topics(codes: list[str] | tuple[str, ...]) -> set[str]:
    """A set of codes with every parent replaced by itself plus its children."""
    out: set[str] = set()
    for code in codes:
        out.add(code)
        out.update(children_of(code))
    return out


# The closed vocabularies' codes and short labels live once, in matching.vocab (the matcher
# validates seeker input against them); the directory adds the form's longer wording where
# a choice needs explaining, for the same codes.
FORMATS: dict[str, str] = {**vocab.FORMATS, "hybrid": "Hybrid (in person and online)"}
COSTS: dict[str, str] = vocab.COSTS
APPROACHES: dict[str, str] = vocab.APPROACHES
AUDIENCES: dict[str, str] = vocab.AUDIENCES
ACCESS: dict[str, str] = vocab.ACCESS
_WELCOME_FORM_WORDS = {
    "open": "Open — anyone welcome, including supporters",
    "closed": "Closed — for people who share the issue",
}
WELCOME: dict[str, str] = {code: _WELCOME_FORM_WORDS[code] for code in vocab.WELCOME}

FACILITATION: dict[str, str] = {
    "peer-led": "Peer-led",
    "professional": "Professionally facilitated",
}

STATUSES: tuple[str, ...] = ("pending", "active", "paused", "rejected")

# How one meeting is attended; a meeting that does not say follows its group's format.
ATTENDANCE: dict[str, str] = {
    "in-person": "In person",
    "online": "Online",
    "hybrid": "In person and online",
    "inactive": "Temporarily closed",
}


def attendance_from_format(group_format: str) -> str:
    """The attendance of a meeting that does not say (PRODUCT.md's CSV default)."""
    if group_format in ("online", "phone"):
        return "online"
    if group_format == "hybrid":
        return "hybrid"
    return "in-person"

WEEKDAYS: tuple[str, ...] = vocab.WEEKDAYS  # Monday = 0, as in datetime.weekday()
WEEKDAY_LABELS: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
# The `day` search filter: the weekdays and `today` (the seeker's today).
DAY_FILTER_LABELS: dict[str, str] = {"today": "Today", **WEEKDAY_LABELS}

TIMES_OF_DAY: dict[str, tuple[int, int]] = vocab.TIMES_OF_DAY

LANGUAGES: dict[str, str] = vocab.LANGUAGES  # any other two-letter code is shown as is
SORTS: tuple[str, ...] = vocab.SORTS
STALE_AFTER_DAYS = vocab.STALE_AFTER_DAYS
is_language_code = vocab.is_language_code


def topic_label(code: str) -> str:
    """The label of a topic code, or the code itself when unknown."""
    topic = TOPICS.get(code)
    return topic.label if topic else code


VOCABULARIES: dict[str, dict[str, str]] = {
    "format": FORMATS,
    "cost": COSTS,
    "approach": APPROACHES,
    "audience": AUDIENCES,
    "access": ACCESS,
    "welcome": WELCOME,
    "facilitation": FACILITATION,
}
