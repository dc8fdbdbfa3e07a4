"""Translation and locale formatting without Flask.

The current language comes from ``using_language()`` when a caller pins one, else from the
resolver the web layer installs (the request's language), else English. Catalogs are the
compiled ``translations/<lang>/LC_MESSAGES/messages.mo`` (``make`` builds them from the .po
files); a message with no translation, or a missing catalog, falls back to the English text —
never a blank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.support import NullTranslations, Translations

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
DEFAULT_LANGUAGE = "en"
# Each language named in itself, for the switcher.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español", "fr": "Français"}
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "translations"

_pinned: ContextVar[str | None] = ContextVar("circles_language", default=None)
_resolver: Callable[[], str | None] | None = None


def set_language_resolver(resolver: Callable[[], str | None] | None) -> None:
    """Install the function that names the current language (the web layer's request)."""
    global _resolver
    _resolver = resolver


def normalise(code: str | None) -> str | None:
    """"es", "ES", "es-MX", "fr_CA" → the language we have, else None."""
    if not code or not isinstance(code, str) or len(code) > 35:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGUAGES else None


def current_language() -> str:
    """The language being spoken now: pinned, else the request's, else English."""
    pinned = _pinned.get()
    if pinned:
        return pinned
    if _resolver is not None:
        lang = _resolver()
        if lang in LANGUAGES:  # the usual case, already one of ours: no parsing
            return lang
        lang = normalise(lang)
        if lang:
            return lang
    return DEFAULT_LANGUAGE


@contextmanager
def using_language(lang: str | None) -> Iterator[str]:
    """Speak `lang` (when it is one of ours) inside the block."""
    chosen = normalise(lang) or current_language()
    token = _pinned.set(chosen)
    try:
        yield chosen
    finally:
        _pinned.reset(token)


@lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of `lang` (an empty one for English or when it is missing)."""
    if lang == DEFAULT_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang], domain="messages")


def gettext(message: str, **variables: object) -> str:
    """`message` in the current language, with ``%(name)s`` filled from `variables`."""
    text = translations(current_language()).ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: object) -> str:
    """The singular or plural form for `num` (available as ``%(num)s``)."""
    text = translations(current_language()).ungettext(singular, plural, num)
    return text % {"num": num, **variables}


def pgettext(context: str, message: str, **variables: object) -> str:
    """`message` in `context` (the same English word meaning two things)."""
    text = translations(current_language()).upgettext(context, message)
    return text % variables if variables else text


_ = gettext


def labelled(label: object, value: object) -> str:
    """"Label: value" as the language writes it ("Étiquette : valeur" in French, with a
    no-break space before the colon); templates say the same with the same message."""
    return pgettext("a label and what it labels", "%(label)s: %(value)s",
                    label=label, value=value)


def after_label(label: str, value: object) -> str:
    """What follows a label already shown: ": value" as the language punctuates it
    ("\u00a0: valeur" in French) — for a button's words a screen reader hears completed."""
    full = labelled(label, value)
    return full[len(label):] if full.startswith(label) else f" ({full})"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for the catalog without translating it here."""
    return message


def locale() -> Locale:
    """The Babel locale of the current language."""
    return _locale(current_language())


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


# --- formatting ------------------------------------------------------------------------------


def clock(value: time | datetime | None) -> str:
    """7:00 pm (English, as a flyer says it) / 19:00 (Spanish, French: the 24-hour clock)."""
    if value is None:
        return ""
    if current_language() == "en":
        hour = value.hour % 12 or 12
        return f"{hour}:{value.minute:02d} {'am' if value.hour < 12 else 'pm'}"
    moment = value.time() if isinstance(value, datetime) else value
    return babel_dates.format_time(moment, "HH:mm", locale=locale())


def weekday_short(value: date) -> str:
    """Tue / mar / mar."""
    if current_language() == "en":
        return f"{value:%a}"
    return babel_dates.format_date(value, "EEE", locale=locale())


def weekday_name(index: int) -> str:
    """Monday … Sunday (Monday = 0) in the current language; lowercase where it is."""
    if current_language() == "en":
        return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                "Sunday")[index]
    names = locale().days["format"]["wide"]
    return names[index]


# English names without strftime (a result card says a date or two; strftime was a few per
# cent of a results page), the same as its C-locale %a and %b.
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def day_month(value: date) -> str:
    """Tue 1 Dec / mar 1 dic / mar. 1 déc."""
    if current_language() == "en":
        return f"{_EN_DAYS[value.weekday()]} {value.day} {_EN_MONTHS[value.month - 1]}"
    return babel_dates.format_date(value, "EEE d MMM", locale=locale())


def day_label(value: date | datetime) -> str:
    """1 Dec 2026 / 1 dic 2026 / 1 déc. 2026."""
    if current_language() == "en":
        return f"{value.day} {value:%b %Y}"
    return babel_dates.format_date(value, "d MMM y", locale=locale())


def month_year(value: date) -> str:
    """Sep 2026 / sept 2026 / sept. 2026."""
    if current_language() == "en":
        return f"{value:%b} {value.year}"
    return babel_dates.format_date(value, "MMM y", locale=locale())


def decimal(value: float, pattern: str = "0.#") -> str:
    """A number with the language's decimal sign (2.5 / 2,5)."""
    return babel_numbers.format_decimal(value, pattern, locale=locale())


def whole_number(value: int) -> str:
    """A count with the language's grouping: 1,234 / 1.234 / 1 234."""
    return babel_numbers.format_decimal(value, "#,##0", locale=locale())


def language_name(code: str, english: str | None = None) -> str:
    """A language named in the current language ("Spanish", "español", "espagnol")."""
    if current_language() == "en":
        return english or code
    name = locale().languages.get(code)
    return name or english or code


def country_name(code: str | None) -> str:
    """A country's ISO code named in the current language ("GB" → "United Kingdom", "Reino
    Unido", "Royaume-Uni"); an unknown code stays as it is."""
    if not code:
        return ""
    return locale().territories.get(code.upper()) or code


def weekday_short_of(index: int) -> str:
    """Mon … Sun (Monday = 0) abbreviated in the current language."""
    if current_language() == "en":
        return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[index]
    return locale().days["format"]["abbreviated"][index]
