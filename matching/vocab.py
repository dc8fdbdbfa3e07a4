"""Closed vocabularies the matcher validates seeker input against.

The one copy of PRODUCT.md's closed vocabularies ("Closed vocabularies"): codes and short
labels. ``directory.taxonomy`` imports them (adding the submit form's longer wording for a
few), so the two can never drift. Topic codes are *not* listed here: they come from the
caller's :class:`Taxonomy`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

FORMATS: dict[str, str] = {
    "in-person": "In person",
    "online": "Online",
    "hybrid": "Hybrid",
    "phone": "Phone",
}
COSTS: dict[str, str] = {
    "free": "Free",
    "donation": "Donation",
    "sliding-scale": "Sliding scale",
    "fee": "Fee",
}
APPROACHES: dict[str, str] = {
    "twelve-step": "12-step",
    "smart": "SMART Recovery",
    "secular": "Secular",
    "faith-based": "Faith-based",
    "mindfulness": "Mindfulness",
    "other": "Other approach",
}
AUDIENCES: dict[str, str] = {
    "everyone": "Everyone",
    "women": "Women",
    "men": "Men",
    "lgbtq": "LGBTQ+",
    "young-adults": "Young adults",
    "teens": "Teens",
    "seniors": "Seniors",
    "families": "Families",
    "veterans": "Veterans",
    "bipoc": "BIPOC",
    "parents": "Parents",
}
ACCESS: dict[str, str] = {
    "wheelchair": "Wheelchair accessible",
    "wheelchair-bathroom": "Wheelchair-accessible bathroom",
    "asl": "Sign language interpretation",
    "captions": "Live captions",
    "fragrance-free": "Fragrance free",
    "childcare": "Childcare available",
}
WELCOME: dict[str, str] = {
    "open": "Open meeting",
    "closed": "Closed meeting",
}
# Monday = 0, as in datetime.weekday().
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_SHORT: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# English month abbreviations, independent of the process locale.
MONTH_SHORT: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                "Oct", "Nov", "Dec")
# Time-of-day windows local to the meeting, [start hour, end hour); night wraps midnight.
TIMES_OF_DAY: dict[str, tuple[int, int]] = {
    "morning": (5, 12),
    "afternoon": (12, 17),
    "evening": (17, 21),
    "night": (21, 5),
}
SORTS: tuple[str, ...] = ("best", "distance", "soonest", "recent")
UNITS: tuple[str, ...] = ("mi", "km")
LANGUAGES: dict[str, str] = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
    "it": "Italian", "zh": "Chinese", "vi": "Vietnamese", "ko": "Korean", "ja": "Japanese",
    "ar": "Arabic", "hi": "Hindi", "pa": "Punjabi", "tl": "Tagalog", "ru": "Russian",
    "pl": "Polish", "uk": "Ukrainian", "fa": "Persian", "so": "Somali", "el": "Greek",
    "nl": "Dutch", "sv": "Swedish", "ht": "Haitian Creole", "ur": "Urdu", "he": "Hebrew",
    "tr": "Turkish", "cy": "Welsh", "ga": "Irish", "mi": "Māori",
}

STALE_AFTER_DAYS = 180


def is_language_code(code: str) -> bool:
    """True for a two-letter lowercase ISO 639-1-shaped code."""
    return len(code) == 2 and code.isascii() and code.isalpha() and code.islower()


def time_bucket(minute_of_day: int) -> str:
    """The time-of-day code ("morning", …) a local start minute falls in."""
    hour = minute_of_day // 60
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 21:
        return "evening"
    return "night"


# Code tuples in a fixed order: the Index stores a group's code as its position (-1 unknown).
FORMAT_CODES: tuple[str, ...] = tuple(FORMATS)


COST_CODES: tuple[str, ...] = tuple(COSTS)


APPROACH_CODES: tuple[str, ...] = tuple(APPROACHES)


WELCOME_CODES: tuple[str, ...] = tuple(WELCOME)


AUDIENCE_CODES: tuple[str, ...] = tuple(AUDIENCES)


ACCESS_CODES: tuple[str, ...] = tuple(ACCESS)


def code_index(value: object, codes: tuple[str, ...]) -> int:
    try:
        return codes.index(value)  # type: ignore[arg-type]
    except ValueError:
        return -1


def code_lut(codes: tuple[str, ...], wanted: Iterable[str]) -> np.ndarray:
    """A lookup table over code indexes (+1 slot at the end for "unknown", index -1)."""
    lut = np.zeros(len(codes) + 1, dtype=bool)
    for code in wanted:
        i = code_index(code, codes)
        if i >= 0:
            lut[i] = True
    return lut
