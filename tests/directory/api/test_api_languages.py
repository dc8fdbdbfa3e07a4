"""The JSON API speaks `hl`: every human-readable string in a result (where, labels, notices,
errors) is in the language asked for, while codes stay codes."""

from __future__ import annotations

import pytest

from directory.models import Location

WHERE = {
    "en": {"online": "Online", "phone": "By phone", "uk": "London, UK"},
    "es": {"online": "En línea", "phone": "Por teléfono", "uk": "London, Reino Unido"},
    "fr": {"online": "En ligne", "phone": "Par téléphone", "uk": "London, Royaume-Uni"},
}


@pytest.fixture
def directory(make_group):
    make_group(slug="online-anxiety", name="Calm Online", topics=["anxiety"], format="online",
               location=None, cost="free",
               meeting={"online_url": "https://meet.example.org/calm",
                        "timezone": "America/Chicago"})
    make_group(slug="phone-anxiety", name="Calm Line", topics=["anxiety"], format="phone",
               location=None,
               meeting={"online_phone": "+1 555 0100", "timezone": "America/Chicago"})
    make_group(
        slug="london-anxiety", name="Calm Minds London", topics=["anxiety"],
        location=Location(name="Hall", address="1 Strand", city="London", region="England",
                          postal_code="WC2N 5DN", country="GB", latitude=51.5081,
                          longitude=-0.1248),
        meeting={"timezone": "Europe/London"},
    )


def _results(client, lang: str) -> dict[str, dict]:
    response = client.get(f"/api/v1/groups?topic=anxiety&tz=America/Chicago&hl={lang}")
    assert response.status_code == 200
    return {r["group"]["slug"]: r for r in response.get_json()["results"]}


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_where_follows_hl(client, directory, lang):
    results = _results(client, lang)
    assert results["online-anxiety"]["where"] == WHERE[lang]["online"]
    assert results["phone-anxiety"]["where"] == WHERE[lang]["phone"]
    # An in-person group on another continent from a Chicago seeker names its country.
    london = results["london-anxiety"]
    assert london["away"] is True
    assert london["where"] == WHERE[lang]["uk"]


@pytest.mark.parametrize(("lang", "label"), [("en", "Anxiety"), ("es", "Ansiedad"),
                                             ("fr", "Anxiété")])
def test_group_labels_follow_hl_and_codes_stay(client, directory, lang, label):
    result = _results(client, lang)["online-anxiety"]
    group = result["group"]
    assert group["topics"] == [{"code": "anxiety", "label": label}]
    assert (group["format"], group["cost"]) == ("online", "free")  # codes, in every language
    assert group["meetings"][0]["weekday"] == "tue"  # a code too
    single = client.get(f"/api/v1/groups/online-anxiety?hl={lang}").get_json()
    assert single["topics"] == [{"code": "anxiety", "label": label}]


def test_reasons_and_notices_are_in_spanish(client, directory):
    body = client.get("/api/v1/groups?topic=anxiety&colour=blue&hl=es").get_json()
    english = client.get("/api/v1/groups?topic=anxiety&colour=blue&hl=en").get_json()
    assert body["notices"] and english["notices"]
    assert body["notices"][0]["param"] == english["notices"][0]["param"] == "colour"
    assert body["notices"][0]["message"] != english["notices"][0]["message"]
    assert body["results"][0]["reasons"] != english["results"][0]["reasons"]


@pytest.mark.parametrize(("lang", "free", "online"), [("es", "Gratis", "En línea"),
                                                      ("fr", "Gratuit", "En ligne")])
def test_topics_and_vocabularies_follow_hl(client, directory, lang, free, online):
    english = client.get("/api/v1/topics").get_json()
    body = client.get(f"/api/v1/topics?hl={lang}").get_json()
    anxiety = next(t for t in body["topics"] if t["code"] == "anxiety")
    assert anxiety["label"] == {"es": "Ansiedad", "fr": "Anxiété"}[lang]
    # Same codes, same order, in every language.
    assert [t["code"] for t in body["topics"]] == [t["code"] for t in english["topics"]]
    costs = {v["code"]: v["label"] for v in body["vocabularies"]["cost"]}
    formats = {v["code"]: v["label"] for v in body["vocabularies"]["format"]}
    assert costs["free"] == free
    assert formats["online"] == online
    english_formats = {v["code"]: v["label"] for v in english["vocabularies"]["format"]}
    assert english_formats["online"] == "Online"
    assert set(formats) == set(english_formats)


@pytest.mark.parametrize(("lang", "message", "detail"), [
    ("es", "Algunos parámetros de búsqueda no son válidos.", "no es"),
    ("fr", "Certains paramètres de recherche ne sont pas valides.", "n'est pas"),
])
def test_a_refused_search_explains_itself_in_hl(client, directory, lang, message, detail):
    response = client.get(f"/api/v1/groups?format=floating&hl={lang}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"]["code"] == "invalid_parameters"
    assert body["error"]["message"] == message
    details = body["error"]["details"]
    assert details[0]["param"] == "format"
    assert "floating" in details[0]["message"] and detail in details[0]["message"]


@pytest.mark.parametrize(("lang", "text"), [("es", "Ningún grupo activo"),
                                            ("fr", "Aucun groupe actif")])
def test_an_unknown_group_is_said_in_hl(client, directory, lang, text):
    response = client.get(f"/api/v1/groups/no-such-group?hl={lang}")
    assert response.status_code == 404
    assert response.get_json()["error"]["message"].startswith(text)
    assert "no-such-group" in response.get_json()["error"]["message"]
