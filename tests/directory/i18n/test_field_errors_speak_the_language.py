"""Field errors and the search API's errors in Spanish and French say no English codes or
field names: a weekday is asked for in words, a vocabulary is named in the language, and the
JSON API's 400 speaks `hl`."""

from __future__ import annotations

import re
from html import unescape

import pytest

ENGLISH_CODES = ("mon, tue", "sat or sun", "sat o sun", "sat ou sun", "yes o no", "yes ou no",
                 "de topic", "de format ", "approach", "Some search parameters")


def _errors(client, csrf_token, listing_form, lang: str, **bad) -> list[str]:
    form = listing_form(csrf_token(f"/submit?hl={lang}"), **bad)
    response = client.post(f"/submit?hl={lang}", data=form)
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    return [re.sub(r"<[^>]+>", "", e).strip()
            for e in re.findall(r'class="field-error"[^>]*>(.*?)</p>', html, re.S)]


@pytest.mark.parametrize(("lang", "bad", "said"), [
    ("es", {"m-0-weekday": ""}, "Este dato es obligatorio: elige el día de la semana"),
    ("fr", {"m-0-weekday": ""}, "Ce champ est obligatoire\u00a0: choisissez le jour de la semaine"),
    ("es", {"m-0-weekday": "funday"}, "'funday' no es un día de la semana"),
    ("fr", {"m-0-weekday": "funday"}, "'funday' n'est pas un jour de la semaine"),
    ("es", {"accepting_new_members": "perhaps"}, "'perhaps' debe ser sí o no"),
    ("fr", {"accepting_new_members": "perhaps"}, "'perhaps' doit être oui ou non"),
    ("es", {"approach": "magic"}, "Código de enfoque desconocido 'magic'"),
    ("fr", {"approach": "magic"}, "Code inconnu pour «\u00a0approche\u00a0»\u00a0: 'magic'"),
    ("es", {"topics": ["nope"]}, "Código de tema desconocido 'nope'"),
])
def test_a_field_error_names_things_in_the_language(client, csrf_token, listing_form, lang,
                                                    bad, said):
    errors = _errors(client, csrf_token, listing_form, lang, **bad)
    assert any(said in e for e in errors), errors
    for error in errors:
        head = error.split("(", 1)[0]  # the codes a tampered form may send are listed after
        assert not any(code in head for code in ENGLISH_CODES), error


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "«zzz» no es un valor conocido de tema y se ignoró."),
    ("fr", "«\u00a0zzz\u00a0» n'est pas une valeur connue de thème et a été ignoré."),
])
def test_the_search_apis_errors_speak_hl(client, lang, said):
    english = client.get("/api/v1/groups?topic=zzz").get_json()["error"]
    assert english["details"][0]["message"] == "“zzz” is not a known topic and was ignored."
    error = client.get(f"/api/v1/groups?topic=zzz&hl={lang}").get_json()["error"]
    assert error["code"] == "invalid_parameters" and error["details"][0]["param"] == "topic"
    assert error["details"][0]["message"] == said
    assert error["message"] != english["message"]
    missing = client.get(f"/api/v1/groups/no-such-group?hl={lang}").get_json()["error"]
    assert "no-such-group" in missing["message"] and "No active group" not in \
        missing["message"]
