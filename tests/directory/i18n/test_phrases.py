"""matching's phrases, dates, times and numbers in each language."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from directory.i18n import phrases
from directory.i18n.text import clock, day_label, decimal, gettext, using_language
from matching import reasons as matching_reasons
from matching.phrases import Phrase

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday
NEXT_TUESDAY = datetime(2026, 12, 8, 19, 0, tzinfo=UTC)


@pytest.mark.parametrize("lang,expected", [
    ("en", "next Tue 7:00 pm"),
    ("es", "próx. mar 19:00"),
    ("fr", "proch. mar. 19:00"),
])
def test_a_reason_line_says_the_next_meeting_the_language_s_way(lang, expected):
    phrase = matching_reasons.when_text(NEXT_TUESDAY, False, NOW, None)
    assert phrase == "next Tue 7:00 pm"  # matching's own text stays English
    with using_language(lang):
        assert phrases.say(phrase) == expected


def test_a_named_zone_is_said_in_words_of_the_language():
    phrase = matching_reasons.when_text(NEXT_TUESDAY, False, NOW, "America/Los_Angeles")
    with using_language("es"):
        assert phrases.say(phrase) == "próx. mar 11:00 hora del Pacífico"
    with using_language("fr"):
        assert phrases.zone_words("Asia/Kolkata") == "heure de Kolkata"


@pytest.mark.parametrize("lang,expected", [("en", "7:00 pm"), ("es", "19:00"), ("fr", "19:00")])
def test_spanish_and_french_use_the_24_hour_clock(lang, expected):
    with using_language(lang):
        assert clock(time(19, 0)) == expected


@pytest.mark.parametrize("lang,expected", [("en", "3 Sep 2026"), ("es", "3 sept 2026"),
                                           ("fr", "3 sept. 2026")])
def test_dates_are_in_the_language(lang, expected):
    with using_language(lang):
        assert day_label(date(2026, 9, 3)) == expected


@pytest.mark.parametrize("lang,expected,number", [("en", "2.3 mi", "1,234.5"),
                                                  ("es", "2,3 mi", "1.234,5"),
                                                  ("fr", "2,3 mi", "1\u202f234,5")])
def test_distances_and_numbers_use_the_language_s_signs(lang, expected, number):
    phrase = Phrase("distance", "2.3 mi", km=3.7, units="mi")
    with using_language(lang):
        assert phrases.say(phrase) == expected
        assert decimal(1234.5, "#,##0.0") == number


def test_every_key_matching_uses_is_one_directory_can_say():
    folder = Path(matching_reasons.__file__).parent
    source = "".join((folder / f"{name}.py").read_text(encoding="utf-8")
                     for name in ("reasons", "relax", "index"))
    used = set(re.findall(r'Phrase\(\s*"([\w-]+)"', source))
    assert used and used <= phrases.KEYS


def test_every_reason_key_is_said_in_spanish_without_english_left():
    samples = [
        Phrase("for_family", "for family members"), Phrase("online", "online"),
        Phrase("by_phone", "by phone"), Phrase("in_person_or_online", "in person or online"),
        Phrase("cost", "free", code="free"), Phrase("no_upcoming", "no upcoming meeting"),
        Phrase("language", "in Spanish", code="es"),
        Phrase("audience", "for women", code="women"),
        Phrase("access", "wheelchair accessible", code="wheelchair"),
        Phrase("not_accepting", "not taking new members now"),
        Phrase("stale_since", "not verified since Mar 2026", since=date(2026, 3, 1)),
        Phrase("not_verified", "not yet verified"),
        Phrase("drop_value", "Drop the ‘Free’ filter", param="cost", values=("free",)),
        Phrase("drop_filter", "Drop the day filter (Mon, Tue)", param="day",
               values=("mon", "tue")),
        Phrase("widen", "Widen to 50 mi", step=50, units="mi"),
    ]
    with using_language("es"):
        said = [phrases.say(p) for p in samples]
    assert said == [
        "para familiares", "en línea", "por teléfono", "en persona o en línea", "gratis",
        "sin próximas reuniones", "en español", "para mujeres",
        "accesible en silla de ruedas", "no acepta nuevos miembros por ahora",
        "sin comprobar desde mar 2026", "aún sin comprobar", "Quitar el filtro «Gratis»",
        "Quitar el filtro de día (lun, mar)", "Ampliar a 50 mi",
    ]


def test_a_formatted_message_from_another_layer_is_said_by_its_pattern():
    with using_language("fr"):
        said = phrases.say("'call me' is not a phone number")
    assert said == "'call me' n'est pas un numéro de téléphone"


def test_text_nobody_translated_stays_as_it_is_never_blank():
    with using_language("es"):
        assert phrases.say("Harbor Lane Family Circle") == "Harbor Lane Family Circle"
        assert gettext("A sentence no catalog has") == "A sentence no catalog has"


def test_the_matching_library_loads_no_babel():
    code = "import sys, matching, matching.phrases; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
