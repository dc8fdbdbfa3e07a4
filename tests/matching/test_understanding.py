"""Query understanding (matching/query/): filter words, the lexicon, viewpoint, stemming, and
how a search applies and reports them."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.taxonomy import TOPIC_LIST
from matching import Index, Query, Taxonomy, vocab
from matching import weights as W
from matching.query.filters import load_rows
from matching.query.lexicon import load_entries
from matching.query.stemming import stem, tokenize
from matching.query.understand import understand, without_words

CODES = tuple(t.code for t in TOPIC_LIST)
ADDICTION = frozenset(t.code for t in TOPIC_LIST if t.parent == "addiction")


def read(text: str):  # noqa: ANN201 - an Understanding
    return understand(text, CODES, addiction_topics=ADDICTION)


def filters_of(text: str) -> set[tuple[str, str]]:
    return {(p, v) for p, v, _ in read(text).filters}


def topics_of(text: str) -> set[str]:
    return {t for h in read(text).hits for t in h.entry.topics}


# --------------------------------------------------------------------------- filter words
@pytest.mark.parametrize(("text", "expected"), [
    ("free aa meetings", {("cost", "free")}),
    ("grupo de duelo gratis en linea", {("cost", "free"), ("format", "online")}),
    ("groupe de deuil gratuit en ligne", {("cost", "free"), ("format", "online")}),
    ("women only aa", {("audience", "women")}),
    ("smart recovery en español", {("lang", "es"), ("approach", "smart")}),
    ("aa tonight", {("day", "today"), ("time", "evening"), ("time", "night")}),
    ("reunion esta noche", {("day", "today"), ("time", "evening"), ("time", "night")}),
    ("ce soir", {("day", "today"), ("time", "evening"), ("time", "night")}),
    ("coda this morning", {("day", "today"), ("time", "morning")}),
    ("gam-anon on weekends", {("day", "sat"), ("day", "sun")}),
    ("grief group on fridays", {("day", "fri")}),
    ("christian recovery group", {("approach", "faith-based")}),
    ("morning aa meeting in person", {("time", "morning"), ("format", "in-person")}),
    ("wheelchair accessible grief group", {("access", "wheelchair")}),
    ("accessible en fauteuil roulant", {("access", "wheelchair")}),
    ("aa for agnostics", {("approach", "secular")}),
    ("im 15 and my dad drinks", {("audience", "teens")}),
    ("na meeting online", {("format", "online")}),
    ("gamblers anonymous online", {("format", "online")}),
    ("jugadores anonimos en linea", {("format", "online")}),
    ("aa without god", {("approach", "secular")}),
    ("na sin religion", {("approach", "secular")}),
    ("groupe sans dieu pour l'alcool", {("approach", "secular")}),
    ("na le samedi matin", {("day", "sat"), ("time", "morning")}),  # an acronym is a meeting
    ("grupo de ansiedad en la noche", {("time", "evening"), ("time", "night")}),
    ("reunión de al-anon mañana", {("day", "tomorrow")}),
    ("al-anon demain soir", {("day", "tomorrow"), ("time", "evening"), ("time", "night")}),
    ("groupe avec sous-titres pour la dépression", {("access", "captions")}),
    ("grupo con subtítulos", {("access", "captions")}),
    ("groupe payant pour l'anxiété", {("cost", "fee")}),
    ("reunion de aa por videollamada", {("format", "online")}),
    ("je suis gai et je consomme trop", {("audience", "lgbtq")}),
])
def test_filter_words_become_filters(text: str, expected: set[tuple[str, str]]) -> None:
    assert filters_of(text) == expected


@pytest.mark.parametrize("text", [
    "smoking crack",
    "playing video games all night",
    "drinking in the morning",
    "crying at night over my dads death",
    "online gambling",
    "online gaming every day",
    "free from alcohol for 30 days and want to keep it",
    "drug free life",
    "women keep rejecting me and i feel worthless",
    "hola buenas noches",
    "every night i drink",
    "i drink on weekends",
    "me emborracho cada fin de semana",
    "je bois tous les soirs",
    "met him online and now he controls me",
    "my french boyfriend cheated",
    "catholic guilt",
    "first it was beers after work",
    "i relapsed this morning",
    "poker online",
    "apuestas en línea",
    "apuestas deportivas en linea",
    "paris sportifs en ligne",
    "le poker en ligne",
    "free base cocaine",
    "black tar heroin",
    "addicted to my phone",
    "no puedo dejar el telefono",
    "accro à mon téléphone",
    "je bois le soir",
    "tous les matins je pleure",
])
def test_ordinary_sentences_trigger_no_filter(text: str) -> None:
    assert filters_of(text) == set()


def test_filter_words_are_not_also_search_words() -> None:
    und = read("free online grief group")
    assert "free" not in und.text.split() and "online" not in und.text.split()
    assert "grief" in und.text.split()


def test_filter_words_keep_the_words_as_typed() -> None:
    und = read("Reunión EN ESPAÑOL")
    assert ("lang", "es", "EN ESPAÑOL") in und.filters


# --------------------------------------------------------------------------- lexicon
@pytest.mark.parametrize(("text", "topic"), [
    ("coda", "codependency"),
    ("slaa", "sex-and-love"),
    ("itaa", "gaming-and-tech"),
    ("alcoholics anonymous", "alcohol"),
    ("alcoholic anonymous", "alcohol"),  # word forms meet through the stemmer
    ("alcohólicos anónimos", "alcohol"),
    ("alcolicos anonimos", "alcohol"),  # typos in a name
    ("alcooliques anonymes", "alcohol"),
    ("emotions anonymous", "depression"),
    ("gam-anon", "family-and-friends"),
    ("oxy", "drugs"),
    ("percocet", "drugs"),
    ("pokies", "gambling"),
    ("fruit machines", "gambling"),
    ("gratteux", "gambling"),
    ("tragaperras", "gambling"),
    ("impostor syndrome", "self-esteem"),
    ("ansiedad", "anxiety"),
    ("ludopatía", "gambling"),
    ("deuil", "grief"),
    ("proche aidant", "caregivers"),
    ("smoking crack", "drugs"),
    ("fumando piedra", "drugs"),
    ("le shit me bouffe", "drugs"),
    # street, brand and regional names
    ("crystal", "drugs"),
    ("ice addiction", "drugs"),            # Australian for crystal meth
    ("purple drank", "drugs"),
    ("chemsex", "sex-and-love"),
    ("special k", "drugs"),
    ("black tar", "drugs"),
    ("farlopa", "drugs"),
    ("tachas", "drugs"),
    ("beuh", "drugs"),
    ("kéta", "drugs"),
    ("caguamas", "alcohol"),
    ("lendemain de veille", "alcohol"),     # Québec: hangover
    ("bourré tous les soirs", "alcohol"),
    ("raspaditos", "gambling"),
    ("scratchers", "gambling"),
    ("pmu", "gambling"),
    ("durries", "nicotine"),               # Australian: cigarettes
    ("pucho", "nicotine"),
    ("fumeuse", "nicotine"),
    # everyday words for the less common needs
    ("addicted to my phone", "gaming-and-tech"),
    ("adicto al celular", "gaming-and-tech"),
    ("accro à mon cellulaire", "gaming-and-tech"),
    ("binge watching", "gaming-and-tech"),
    ("emotional eating", "food"),
    ("como a escondidas", "food"),
    ("je bouffe mes émotions", "food"),
    ("accro au sexe", "sex-and-love"),
    ("dépendance affective", "sex-and-love"),
    ("adult child of an alcoholic", "adult-children"),
    ("enfant d'alcoolique", "adult-children"),
    ("hija de un alcohólico", "adult-children"),
    ("lifering", "alcohol"),
    ("cocainómanos anónimos", "drugs"),
])
def test_the_lexicon_names_topics(text: str, topic: str) -> None:
    assert topic in topics_of(text)


@pytest.mark.parametrize("text", [
    "smoking crack", "fumer du crack", "vaping thc", "smoking ice", "fumando cristal",
    "je fume de l'herbe", "fumer de la beuh", "fumo mota todos los días",
])
def test_smoking_a_drug_is_not_nicotine(text: str) -> None:
    assert "nicotine" not in topics_of(text)
    assert "drugs" in topics_of(text)


@pytest.mark.parametrize(("text", "topic"), [
    ("addicted to lean", "drugs"),   # an addiction word supports a slang name
    ("im hooked on pot", "drugs"),
    ("quit lean", "drugs"),
])
def test_slang_names_count_with_words_of_using_or_quitting(text: str, topic: str) -> None:
    assert topic in topics_of(text)


@pytest.mark.parametrize("text", [
    "i need someone to lean on",
    "a pot of tea with friends",
    "tomo mucho café y estoy ansiosa",
])
def test_slang_names_are_not_read_in_ordinary_sentences(text: str) -> None:
    assert not topics_of(text) & {"drugs", "alcohol"}


def test_french_only_slang_needs_french_words() -> None:
    assert "drugs" not in topics_of("this shit is hard")


@pytest.mark.parametrize(("text", "topic"), [
    ("ca", "drugs"),          # alone: Cocaine Anonymous
    ("CA meeting", "drugs"),
    ("oa", "food"),
    ("OA meeting", "food"),
    ("GA jugadores", "gambling"),
    ("ga meeting", "gambling"),
    ("na meetings", "drugs"),
])
def test_ambiguous_acronyms_count_in_context(text: str, topic: str) -> None:
    assert topic in topics_of(text)


@pytest.mark.parametrize("text", [
    "meetings in CA",                 # a place
    "grief group Sacramento, CA",     # a state after a comma
    "ça va pas bien",                 # French
    "comme ca je suis triste",
])
def test_ambiguous_acronyms_are_not_read_out_of_context(text: str) -> None:
    assert "drugs" not in topics_of(text)


def test_every_lexicon_entry_names_known_topics_and_has_a_note() -> None:
    approaches = set(vocab.APPROACHES)
    for e in load_entries():
        assert e.topics and set(e.topics) <= set(CODES), e
        assert e.approach is None or e.approach in approaches, e
        assert e.note, e
        assert e.lang in ("*", "en", "es", "fr"), e


def test_every_filter_row_names_a_valid_filter_and_has_a_note() -> None:
    allowed = {"format": vocab.FORMATS, "cost": vocab.COSTS, "audience": vocab.AUDIENCES,
               "access": vocab.ACCESS, "approach": vocab.APPROACHES, "welcome": vocab.WELCOME,
               "time": vocab.TIMES_OF_DAY, "day": (*vocab.WEEKDAYS, "today", "tomorrow")}
    for r in load_rows():
        assert r.note, r
        if r.param == "lang":
            assert vocab.is_language_code(r.value), r
        else:
            assert r.value in allowed[r.param], r
        assert r.rule in ("", "meeting", "not-before-topic", "not-after-topic", "audience"), r


def test_the_lexicon_has_phrases_in_three_languages_for_every_child_topic() -> None:
    entries = load_entries()
    for code in (t.code for t in TOPIC_LIST if t.parent is not None):
        for lang in ("es", "fr"):
            assert any(code in e.topics and e.lang in (lang, "*") for e in entries), (code, lang)


# --------------------------------------------------------------------------- stemming
@pytest.mark.parametrize(("lang", "a", "b"), [
    ("en", "drinks", "drinking"),
    ("es", "apuestas", "apuesta"),
    ("fr", "alcooliques", "alcoolique"),
    ("es", "adiccion", "adicciones"),
])
def test_word_forms_share_a_stem(lang: str, a: str, b: str) -> None:
    assert stem(a, lang) == stem(b, lang)


def test_tokens_fold_accents_and_split_french_elision() -> None:
    words = [t.word for t in tokenize("L'alcool, j'ai ÉTÉ my husband's")]
    assert words == ["l", "alcool", "j", "ai", "ete", "my", "husband"]


# --------------------------------------------------------------------------- viewpoint
@pytest.mark.parametrize("text", [
    "my husband drinks",
    "my boyfriend is addicted to pills",
    "worried about my son's drug use",
    "alcoholic husband",
    "living with an alcoholic",
    "mi esposo bebe mucho",
    "mi hijo consume drogas",
    "ma fille boit trop",
    "mon chum drink trop",
    "al-anon",
])
def test_a_family_member_writing_is_read_as_such(text: str) -> None:
    assert read(text).family


@pytest.mark.parametrize("text", [
    "i drink too much",
    "lost my husband last year",
    "caring for my wife with dementia",
    "vet here, drinking to sleep, wife says i need to talk to someone",
    "no friends",
])
def test_no_family_viewpoint_without_someone_elses_problem(text: str) -> None:
    assert not read(text).family


def test_growing_up_with_a_drinking_parent_is_adult_children() -> None:
    und = read("grew up with an alcoholic dad")
    assert und.viewpoint.adult_child and not und.family


# --------------------------------------------------------------------------- robustness
@pytest.mark.parametrize("text", [
    "", "🙂🙂🙂", "the of and a", "de la el los", "x" * 10_000, "aa " * 3_000,
    "мой муж пьёт", "我丈夫喝酒", "free free free free", "'''---...", "ça",
])
def test_any_text_is_read_without_error(text: str) -> None:
    und = read(text)
    assert isinstance(und.text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_understanding(text: str) -> None:
    und = read(text)
    for _p, _v, words in und.filters:
        assert words and words in text


def test_without_words_removes_the_words_as_typed() -> None:
    assert without_words("Free AA meetings", "free") == "AA meetings"
    assert without_words("grupo de duelo gratis en línea", "en linea") == "grupo de duelo gratis"
    assert without_words("coda tonight", "tomorrow") == "coda tonight"


# --------------------------------------------------------------------------- in a search
def test_a_search_applies_and_reports_filter_words(index: Index, now: datetime) -> None:
    plain = index.search(Query(text="coda", per_page=100), now=now)
    free = index.search(Query(text="free coda", per_page=100), now=now)
    assert {"kind": "filter", "param": "cost", "value": "free", "words": "free",
            "label": "Cost: Free"} in free.understood
    slugs = {m.slug for m in free.matches}
    assert slugs and slugs <= {m.slug for m in plain.matches}
    assert free.total == index.search(Query(text="coda", costs=["free"]), now=now).total


def test_reasons_say_what_a_name_was_read_as(index: Index, now: datetime) -> None:
    result = index.search(Query(text="CoDA"), now=now)
    assert result.matches[0].reasons[0] == "CoDA → Codependency"
    assert {"kind": "topic", "words": "CoDA", "topic": "codependency",
            "label": "Codependency"} in result.understood


def test_family_groups_come_first_for_a_family_member(index: Index, taxonomy: Taxonomy,
                                                       now: datetime) -> None:
    result = index.search(Query(text="mi esposo bebe"), now=now)
    top = index.groups[index.row_of_id[result.matches[0].group_id]]
    assert "family-and-friends" in top.topics
    assert "for family members" in result.matches[0].reasons
    assert any(item["kind"] == "family" for item in result.understood)


def test_tonight_is_the_seekers_today_evening_and_night(index: Index) -> None:
    # Wednesday 4 March 2026 03:00 UTC is still Tuesday evening in Portland.
    when = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)
    result = index.search(Query(text="tonight", tz="America/Los_Angeles"), now=when)
    expected = index.search(Query(days=["tue"], times=["evening", "night"],
                                  tz="America/Los_Angeles"), now=when)
    assert [m.slug for m in result.matches] == [m.slug for m in expected.matches]


def test_an_exact_group_name_is_not_read_for_filter_words(make_group, taxonomy: Taxonomy,
                                                           now: datetime) -> None:
    g = make_group(1, "free-spirit", "Free Spirit Women", "portland", "grief", "tue 19:00",
                   cost="donation")
    index = Index.build([g], taxonomy)
    result = index.search(Query(text="Free Spirit Women"), now=now)
    assert [m.slug for m in result.matches] == ["free-spirit"]
    assert not [i for i in result.understood if i["kind"] == "filter"]


def test_text_of_only_filter_words_searches_with_the_filters(index: Index,
                                                             now: datetime) -> None:
    result = index.search(Query(text="free online"), now=now)
    expected = index.search(Query(costs=["free"], formats=["online"]), now=now)
    assert result.total == expected.total > 0
    assert not [n for n in result.notices if n.param == "q"]


# --------------------------------------------------------------------------- audience wishes
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    near_km=st.floats(0.0, 20.0),
    extra_km=st.floats(0.0, 1.0),
    audience=st.sampled_from([a for a in vocab.AUDIENCES if a != "everyone"]),
    by_word=st.booleans(),
)
def test_an_asked_for_audience_comes_before_everyone_at_comparable_distance(
        make_group, taxonomy: Taxonomy, near_km: float, extra_km: float, audience: str,
        by_word: bool) -> None:
    """An audience group up to half the radius farther than an "everyone" group of the same
    kind still comes first (weights.AUDIENCE_WISH_FIT_WEIGHT)."""
    radius = W.DEFAULT_RADIUS_KM
    far_km = min(near_km + extra_km * radius / 2, radius * 0.999)
    lat0, lon0 = 41.8781, -87.6298
    km_per_deg = 111.195

    def at(gid: int, slug: str, km: float, aud: str):  # noqa: ANN202
        g = make_group(gid, slug, slug, "chicago", "alcohol", "tue 19:00", audience=aud)
        lat = lat0 + km / km_per_deg
        meetings = tuple(replace(m, **{"lat": lat, "lon": lon0})
                         for m in g.meetings)
        return replace(g, **{"lat": lat, "lon": lon0, "meetings": meetings})

    index = Index.build([at(1, "everyone", near_km, "everyone"),
                         at(2, "audience", far_km, audience)], taxonomy)
    word = {"women": "women", "men": "men", "lgbtq": "lgbtq", "teens": "teens",
            "veterans": "veterans", "seniors": "seniors", "young-adults": "young adults",
            "bipoc": "bipoc", "families": None, "parents": "for parents"}.get(audience)
    if by_word and word:
        query = Query(text=f"alcohol {word}", lat=lat0, lon=lon0)
    else:
        query = Query(topics=["alcohol"], audience=[audience], lat=lat0, lon=lon0)
    result = index.search(query, now=datetime(2026, 3, 4, 18, tzinfo=UTC))
    assert [m.slug for m in result.matches][:1] == ["audience"], (near_km, far_km, audience)
    assert not math.isnan(result.matches[0].score)


def test_filter_words_never_widen_an_explicit_filter(index: Index, now: datetime) -> None:
    both = index.search(Query(text="online support", formats=["in-person"], per_page=100),
                        now=now)
    groups = {g.slug: g for g in index.groups}
    assert both.matches and all(groups[m.slug].format == "hybrid" for m in both.matches)
    none = index.search(Query(text="smart recovery", approaches=["faith-based"]), now=now)
    assert none.total == 0
