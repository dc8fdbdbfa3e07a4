"""Every tunable number of the ranking, in one place.

The best-match score of a group is a weighted mean of component scores, each on a 0–1
scale (1 = perfect fit). Only the components the seeker's query gives meaning to take part
("active" components): with no text, the text weight is left out rather than scoring every
group 0, so the total stays a comparable 0–1 number.

    score = Σ WEIGHT_c · component_c / Σ WEIGHT_c        over active components c
"""

from __future__ import annotations

# --- Component weights (relative; they need not sum to 1) -------------------------------
# Topic fit through the taxonomy: the strongest signal of "is this the right kind of group".
TOPIC_WEIGHT = 0.30
# Lexical (fuzzy) relevance of the free-text query to name, organisation, facet labels and
# description, blended with the topic fit of recognised everyday phrases.
TEXT_WEIGHT = 0.25
# Closeness of an in-person/hybrid group to the seeker; online/phone groups score 1.
DISTANCE_WEIGHT = 0.15
# How soon the next meeting is (a meeting in progress or starting soon scores highest). Kept
# modest: most groups meet weekly, so "today" vs "Saturday" should not outweigh fit or place;
# seekers who want the soonest meeting use sort=soonest.
SCHEDULE_WEIGHT = 0.06
# Cheaper is better for a seeker who said nothing about cost (free > donation > … > fee).
COST_WEIGHT = 0.05
# Format preference: hybrid offers both ways in. A seeker who gives a place is asking for
# something near them, so in-person groups are preferred *through this component* (online
# groups still score 1 for distance): equally relevant, an in-person group within about half
# the radius outranks an online one; farther out, the online one wins.
FORMAT_WEIGHT = 0.10
# Language / audience / accessibility / accepting-new-members fit.
FIT_WEIGHT = 0.05
# Listing freshness: recently verified listings are more trustworthy.
FRESHNESS_WEIGHT = 0.08

COMPONENT_WEIGHTS: dict[str, float] = {
    "topic": TOPIC_WEIGHT,
    "text": TEXT_WEIGHT,
    "distance": DISTANCE_WEIGHT,
    "schedule": SCHEDULE_WEIGHT,
    "cost": COST_WEIGHT,
    "format": FORMAT_WEIGHT,
    "fit": FIT_WEIGHT,
    "freshness": FRESHNESS_WEIGHT,
}

# --- Topic fit (0–1) -------------------------------------------------------------------
# Best relation between a wanted topic and the group's topics; a group with no related (or
# no known) topic scores 0. Several topics recognised in text: strength-weighted mean.
# The group lists exactly the wanted topic.
TOPIC_EXACT = 1.0
# The seeker asked for a parent ("addiction") and the group lists one of its children.
TOPIC_CHILD_OF_WANTED = 0.85
# The seeker asked for a child ("alcohol") and the group lists only its parent ("addiction").
TOPIC_PARENT_OF_WANTED = 0.6
# The group lists a sibling of the wanted topic (same parent): related, not the same need.
TOPIC_SIBLING = 0.25
# A topic recognised in free text through a phrase contained in a longer recognised phrase
# ("drinks" inside "my husband drinks") counts this much of a full recognition.
PHRASE_SUBSUMED_FACTOR = 0.5
# A topic recognised through a fuzzy (typo-tolerant) phrase match, times the similarity.
PHRASE_FUZZY_FACTOR = 0.95
# Only hits at least this strong weaken the shorter hits inside them.
PHRASE_SUBSUMES_MIN = 0.85
# A phrase whose meaningful words all appear, in another order or form ("husband drinking").
PHRASE_BAG_FACTOR = 0.9
# A topic not listed by the group but named by one of its own phrases in its name or
# description ("drinking" in an Al-Anon description implies alcohol) — for free-text queries.
TOPIC_IMPLIED = 0.6
# Groups spanning several topic families (parents) are less focused: each extra family
# costs this much (floor 0.7). Alcohol + drugs is one family and costs nothing.
TOPIC_FOCUS_PENALTY = 0.04
TOPIC_FOCUS_FLOOR = 0.7

# --- Text relevance (0–1) ------------------------------------------------------------------
# idf-weighted share of the query's words found in the group (× field weight × similarity);
# a group sharing no word with the query scores 0 (before the phrase blend below).
# Field weights: how strongly a query word found in this field speaks for the group.
# (Topic labels are not indexed as text: they reach the query through the phrase matcher.)
TEXT_FIELD_NAME = 1.0
# Labels of the group's approach, audience, languages and format ("12-step", "Women",
# "Spanish", "Online"), so that "sober women" or "spanish grief" find them.
TEXT_FIELD_FACETS = 0.6
TEXT_FIELD_ORGANIZATION = 0.7
TEXT_FIELD_DESCRIPTION = 0.5
# A word found in several fields: the best field weight plus this share of the others (≤ 1).
TEXT_OTHER_FIELDS_SHARE = 0.2
# Words of the query inside a recognised everyday phrase are judged by meaning, not spelling:
# with c the covered share of the query's words,
#     text = (1 - c)·lexical(uncovered words)
#            + c·(PHRASE_SEMANTIC_SHARE·phrase fit + (1 - share)·lexical(all words)).
PHRASE_SEMANTIC_SHARE = 0.6
# With free text, groups whose fit to the recognised phrases' topics is below this and that
# share no word with the query are dropped (siblings, at TOPIC_SIBLING, are dropped).
TEXT_TOPIC_KEEP_MIN = 0.3
# Minimum rapidfuzz.fuzz.ratio (0–100) for a query word to match a vocabulary term it is not
# identical to; words of 4 letters or fewer only match exactly or by prefix.
TEXT_FUZZY_CUTOFF = 80.0
TEXT_FUZZY_MIN_LEN = 5
# Long words carry more letters to slip on ("codependancy" ~ "codependent" is 78).
TEXT_FUZZY_CUTOFF_LONG = 75.0
TEXT_FUZZY_LONG_LEN = 9
# Similarity credited to a vocabulary term that merely starts with the query word ("codep").
TEXT_PREFIX_SIMILARITY = 0.85
TEXT_PREFIX_MIN_LEN = 4
# A query of at least NAME_FUZZY_MIN_WORDS words within this rapidfuzz ratio of a group's
# name (among the NAME_FUZZY_CANDIDATES best by words) counts as naming that group.
NAME_FUZZY_MIN_WORDS = 3
NAME_FUZZY_CUTOFF = 90.0
NAME_FUZZY_CANDIDATES = 20
# Fuzzy matching of everyday phrases against the query (rapidfuzz ratio, 0–100).
PHRASE_FUZZY_CUTOFF = 80.0

# --- Distance (0–1) ------------------------------------------------------------------------
# The radius used for in-person ranking and filtering when a place is given without one.
DEFAULT_RADIUS_KM = 40.0
# Smooth decay inside the radius: score = exp(-DISTANCE_DECAY · d / radius); 0.37 at the edge.
DISTANCE_DECAY = 1.0
# Online and phone groups are never penalised for distance.
DISTANCE_REMOTE_SCORE = 1.0
# An in-person group whose place is unknown, when the seeker gave a place.
DISTANCE_UNKNOWN_SCORE = 0.2
# Relaxation: round radii (in the seeker's units) tried, smallest first, when too few results.
RADIUS_WIDEN_STEPS = (10.0, 25.0, 50.0, 100.0, 250.0, 500.0)

# --- Schedule (0–1) ------------------------------------------------------------------------
# In progress = 1. Within a week: falls linearly from 1 to SCHEDULE_WEEK_SCORE. Beyond a
# week (monthly meetings, cohorts starting later): halves every SCHEDULE_HALF_LIFE_HOURS more.
SCHEDULE_WEEK_SCORE = 0.6
SCHEDULE_HALF_LIFE_HOURS = 14 * 24.0
# A group with no upcoming meeting (ended, or unparseable) scores this.
SCHEDULE_NONE_SCORE = 0.0
# Meetings without an end time are taken to last this long (for "in progress").
DEFAULT_MEETING_MINUTES = 60

# --- Cost (0–1) ---------------------------------------------------------------------------
COST_SCORES: dict[str, float] = {
    "free": 1.0,
    "donation": 0.9,
    "sliding-scale": 0.7,
    "fee": 0.4,
}
COST_UNKNOWN_SCORE = 0.5

# --- Format (0–1) -------------------------------------------------------------------------
FORMAT_SCORES_WITH_PLACE: dict[str, float] = {
    "hybrid": 1.0, "in-person": 1.0, "online": 0.4, "phone": 0.3,
}
FORMAT_SCORES_NO_PLACE: dict[str, float] = {
    "hybrid": 1.0, "online": 0.9, "in-person": 0.8, "phone": 0.8,
}
FORMAT_UNKNOWN_SCORE = 0.5

# --- Fit (0–1): mean of the parts that apply ----------------------------------------------
# Audience filter: a group for exactly that audience vs. a group for everyone.
AUDIENCE_SPECIFIC_SCORE = 1.0
AUDIENCE_EVERYONE_SCORE = 0.7
# Language filter: the group's first (main) language vs. one of its other languages.
LANGUAGE_PRIMARY_SCORE = 1.0
LANGUAGE_SECONDARY_SCORE = 0.8
# Audience wishes win. With an audience asked for (the parameter or a word such as "women"),
# the fit component weighs AUDIENCE_WISH_FIT_WEIGHT instead of FIT_WEIGHT and the audience
# part counts AUDIENCE_WISH_PARTS times among its parts. Then a group for that audience
# outranks an otherwise equal "everyone" group that is closer by up to half the radius:
# the largest distance-score gap over half a radius is 1 - exp(-0.5) = 0.39, worth
# 0.39 × DISTANCE_WEIGHT = 0.059, while the audience gap is
# (1 - AUDIENCE_EVERYONE_SCORE) × 3/4 × 0.35 = 0.079 (tests/matching/test_understanding.py
# holds it as a property). A better topic still wins (topic gaps are worth up to 0.30).
AUDIENCE_WISH_FIT_WEIGHT = 0.35
AUDIENCE_WISH_PARTS = 3
# Programmes named in the text follow an approach ("AA" is 12-step, "Refuge Recovery"
# mindfulness); without an approach filter, a group of another approach scores this in that
# part of the fit component (the named approach scores 1).
APPROACH_HINT_OTHER_SCORE = 0.6
# When a family member writes ("my husband drinks", "Al-Anon"), the substance's topic counts
# this much next to family-and-friends (1.0): groups for family come first; meetings for the
# drinker stay reachable but lower. Also how much family-and-friends counts when a parent's
# drinking is told as a childhood ("grew up with an alcoholic dad": adult children).
VIEWPOINT_CONTEXT_STRENGTH = 0.35
# Always applies: a closed cohort not accepting new members is listed, but lower.
ACCEPTING_SCORE = 1.0
NOT_ACCEPTING_SCORE = 0.3

# --- Freshness (0–1) ----------------------------------------------------------------------
# Verified within STALE_AFTER_DAYS: 1.0 falling linearly to FRESH_FLOOR at the limit.
STALE_AFTER_DAYS = 180
FRESH_FLOOR = 0.8
# Stale: STALE_START, halving every STALE_HALF_LIFE_DAYS beyond the limit.
STALE_START = 0.3
STALE_HALF_LIFE_DAYS = 365.0
# Never verified.
FRESHNESS_UNKNOWN_SCORE = 0.3

# --- Region (no place given) ------------------------------------------------------------
# With no place but a known seeker zone, an in-person group none of whose meetings is in the
# seeker's region (the same zone, or a zone of the same country) is "away": in the ``best``
# sort its score counts this much less. Scores are 0–1, so 1.0 puts every away group after
# every online, phone and local group, ordered by score among themselves; the reported
# score is not changed. Hybrid groups can be joined online and are never away, unless the
# seeker asked for in-person only.
AWAY_PENALTY = 1.0

# --- Results ------------------------------------------------------------------------------
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
# Fewer results than this triggers relaxation suggestions.
RELAX_BELOW = 5
