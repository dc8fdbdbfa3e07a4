"""matching — the pure ranking library of Circles.

No Flask, no database, no network, no clock: "now", the seeker's place and time zone are
arguments. The directory builds :class:`GroupProfile` values from its rows (in one place),
an :class:`Index` from them, and calls :meth:`Index.search` per request.

Parameters
----------
``Taxonomy.from_topics(topics)``
    ``topics``: ``(code, label, parent_or_None, phrases)`` tuples (or objects with those
    attributes). Parents match their children.
``Index.build(profiles, taxonomy)``
    ``profiles``: iterable of :class:`GroupProfile` (each with its :class:`MeetingProfile`
    tuple). Build once; when listings change, build again or call ``index.rebuilt(upserts=…,
    removed_ids=…)`` and swap the reference (an index is never mutated, so readers in other
    threads are safe).
``index.search(query, *, now)``
    ``query``: a :class:`Query` — every field optional (``text``, ``topics``, ``lat``/``lon``,
    ``radius_km``, ``formats``, ``costs``, ``days``, ``times``, ``languages``, ``audience``,
    ``access``, ``approaches``, ``welcome``, ``tz``, ``sort``, ``page``, ``per_page``,
    ``units``). ``now``: an aware datetime.
``next_occurrence(meeting, now)``
    The current or next occurrence of one meeting (for group pages).

Returns
-------
:class:`SearchResult` with ``matches`` (one page of :class:`Match`), ``total`` (all pages),
``understood`` (what the words were read as: list of dicts, see
``matching.query.apply.understood_items``), ``notices`` (:class:`Notice`: ``param``,
``code``, ``message`` — what was ignored and why) and ``relaxations``
(:class:`Relaxation`, only when fewer than 5 results).
Each :class:`Match` has ``group_id``, ``slug``, ``score`` (0–1), ``components`` (8 scores,
0–1), ``reasons`` (join with " · "), ``distance_km``, ``next_meeting`` (aware, meeting's
zone), ``next_meeting_index``, ``in_progress``, ``display_tz`` (the one zone the result's
times are shown in, named in words in the reasons: "7:00 pm Pacific time") and ``away``.

Rules
-----
Hard filters (a group failing one never appears):

* ``topics``: the group lists a wanted topic, a child of a wanted parent, or the parent of a
  wanted child (a general "addiction" group serves someone asking for "alcohol").
* ``formats``: ``in-person`` and ``online`` also keep ``hybrid`` groups (they can be joined
  either way); ``hybrid`` and ``phone`` keep only themselves.
* ``costs``, ``approaches``, ``welcome``: the group states one of the wanted values (a group
  that states no approach / welcome does not pass such a filter).
* ``languages``: the group offers any of them. ``audience``: the group is for one of them *or*
  for ``everyone`` (specific groups rank higher via the fit score). ``access``: the group
  offers *all* requested accommodations.
* ``days`` / ``times``: at least one meeting's current or next occurrence falls on a wanted
  day *and* a wanted time of day (morning 05–12, afternoon 12–17, evening 17–21, night
  21–05) on the right clock: an online or phone meeting — and a hybrid one when the seeker
  asked for ``online`` (not ``in-person``) — on the seeker's (``tz``; without it, the
  meeting's own), an in-person meeting on its own place's. ``today`` is the seeker's today:
  occurrences not over that start before midnight, or before 05:00 tomorrow when ``night``
  is wanted ("meeting tonight" = ``today`` + ``evening`` + ``night`` never reaches next
  week). The next meeting shown is then one of those meetings, at the occurrence judged.
* place: distance is to the nearest of a group's place and its in-person meetings' places.
  In-person and hybrid groups farther than the radius (``radius_km``, default
  ``weights.DEFAULT_RADIUS_KM`` = 40 km) are removed; online/phone groups are kept and score
  1 for distance (never penalised for it); an in-person group with no known place is kept
  (distance score 0.2). A seeker who gives a place is asking for something near, so the
  *format* component then prefers in-person/hybrid groups (see ``weights.FORMAT_WEIGHT``).
* ``text`` is a ranking signal, not a filter, except that when the text has recognised
  meaning (a vocabulary word, typo-tolerant; an everyday phrase of the taxonomy; an exact group
  name) groups with zero text relevance *and* zero topic fit to the recognised phrases are
  dropped. Text with no recognised meaning at all gives no results, a ``text-not-recognised``
  notice and a relaxation "search without the words"; text made only of common words
  ("help", "near me") is ignored with a ``text-too-general`` notice. An exact group-name
  query puts that group first.

Query understanding (``matching.query``; data in ``matching/data/*.tsv``, each entry with a
note on the source of its meaning) reads the text first, in English, Spanish and French:

* filter words become the filters they name and are then not search words ("free",
  "online", "women", "en español", "wheelchair", "12 step"; "tonight" = the seeker's today,
  evening and night, in ``tz``). Day, time and faith words need a meeting context ("aa
  morning meeting", not "drinking in the morning"); habits ("every night") never filter; an
  exact group name is taken as written. See ``matching.query.filters``.
* the lexicon maps fellowship names and acronyms, drug street and brand names, regional
  words and everyday phrases to topics (Snowball stems per language, accents folded, names
  typo-tolerant); a programme's approach is a ranking preference ("AA" → 12-step). Acronyms
  that are also words or places ("ca", "oa", "ga", "na") are decided by context: capitals,
  meeting words or being alone count; "in CA", "Sacramento, CA" and French "ça" do not. See
  ``matching.query.lexicon``.
* the viewpoint: a relation ("my husband", "mi hijo", "ma fille") followed by a problem
  ("drinks", "consume", "boit") asks for family-and-friends groups first, the substance as
  context (``weights.VIEWPOINT_CONTEXT_STRENGTH``); not after a death or when caring for
  someone ill; a parent's drinking in a childhood points to adult-children groups.
* ``SearchResult.understood`` lists what was read (filter, topic, approach, family items),
  and reasons say it ("CoDA → Codependency", "for family members").

Audience wishes win: with an audience asked for (parameter or word), the fit component
weighs ``weights.AUDIENCE_WISH_FIT_WEIGHT``, so that audience's groups rank before
"everyone" groups up to half the radius closer.

Text relevance: query words are matched (exactly, by prefix, or with typos via rapidfuzz)
against the directory's vocabulary, then scored through an inverted index over name,
organisation and description (idf-weighted, 0–1). Everyday phrases of the taxonomy ("people
pleasing", "my husband drinks", "lost my mom"), topic labels and codes map text to topics.

Ranking: ``score = Σ weight·component / Σ weight`` over the components the query activates
(topic only with topics or recognised phrases, text only with recognised text, distance only
with a place; schedule, cost, format, fit and freshness always). Weights and every sub-score
are named constants in :mod:`matching.weights`. Sorts: ``best`` (exact name, score, distance,
soonest, id), ``distance`` (in-person by distance, online/phone after, then score, id),
``soonest`` (next meeting, score, id), ``recent`` (last updated, score, id). Ties always fall
to the group id, so the same input gives the same order.

Bad input never raises: unknown codes, ``lat`` without ``lon``, ``lat=999``, a radius without a
place, an unknown ``tz``/``sort``, ``per_page`` > 100 … each become a :class:`Notice` and the
bad part is ignored.

Example
-------
>>> from datetime import UTC, datetime, time
>>> from matching import GroupProfile, Index, MeetingProfile, Query, Taxonomy
>>> tax = Taxonomy.from_topics([("codependency", "Codependency", None, ("people pleasing",))])
>>> group = GroupProfile(id=1, slug="coda-pdx", name="CoDA Portland", topics=("codependency",),
...     lat=45.52, lon=-122.68, cost="free",
...     meetings=(MeetingProfile(weekday=1, start=time(19), timezone="America/Los_Angeles"),))
>>> index = Index.build([group], tax)
>>> result = index.search(Query(text="people pleasing", lat=45.5, lon=-122.6),
...                       now=datetime(2026, 3, 5, 12, tzinfo=UTC))
>>> result.total, result.matches[0].slug
(1, 'coda-pdx')
>>> " · ".join(result.matches[0].reasons)
'Codependency · 4.1 mi · free · next Tue 7:00 pm Pacific time · not yet verified'
"""

from matching.index import Index
from matching.profiles import GroupProfile, MeetingProfile
from matching.query import Query
from matching.results import Match, Notice, Relaxation, SearchResult
from matching.schedule import next_occurrence
from matching.taxonomy import Taxonomy

__all__ = [
    "GroupProfile",
    "Index",
    "Match",
    "MeetingProfile",
    "Notice",
    "Query",
    "Relaxation",
    "SearchResult",
    "Taxonomy",
    "next_occurrence",
]
