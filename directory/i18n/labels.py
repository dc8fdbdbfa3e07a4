"""The taxonomy's labels in the current language (the catalogs hold the English labels)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any

from directory import taxonomy
from directory.i18n.text import DEFAULT_LANGUAGE, N_, current_language, gettext, language_name


def translate(english: str) -> str:
    """An English label in the current language (an empty label stays empty)."""
    return gettext(english) if english else english


def topic_label(code: str) -> str:
    """A topic's label, or the code itself when unknown."""
    return translate(taxonomy.topic_label(code))


def vocabulary_label(vocabulary: str, code: str) -> str:
    """A closed vocabulary's label for `code` (the code itself when unknown)."""
    table = taxonomy.VOCABULARIES.get(vocabulary, {})
    return translate(table[code]) if code in table else code


def language_label(code: str) -> str:
    """A language code named in the current language ("Spanish" / "español" / "espagnol")."""
    return language_name(code, taxonomy.LANGUAGES.get(code))


class LabelTable(Mapping[str, str]):
    """A vocabulary table whose values are said in the current language."""

    def __init__(self, table: Mapping[str, str], by_code=None):  # noqa: ANN001
        self._table = table
        self._by_code = by_code  # labels made from the code rather than the English label

    def __getitem__(self, code: str) -> str:
        english = self._table[code]  # KeyError for an unknown code, as the table's own
        return self._by_code(code) if self._by_code else translate(english)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


class TranslatedTaxonomy:
    """`taxonomy` as templates see it: the same codes, labels in the reader's language."""

    TABLES = ("FORMATS", "COSTS", "APPROACHES", "AUDIENCES", "ACCESS", "WELCOME",
              "FACILITATION", "ATTENDANCE", "WEEKDAY_LABELS", "DAY_FILTER_LABELS")

    def __init__(self, module: ModuleType = taxonomy):
        self._module = module
        self.LANGUAGES = LabelTable(module.LANGUAGES, by_code=language_label)
        for name in self.TABLES:
            setattr(self, name, LabelTable(getattr(module, name)))

    def topic_label(self, code: str) -> str:
        return topic_label(code)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


# A listing's or an edit's state, and a sync's outcome, as staff pages name them.
STATUS_LABELS: dict[str, str] = {
    "pending": N_("Waiting for review"), "active": N_("Live"), "paused": N_("Paused"),
    "rejected": N_("Not approved"), "approved": N_("Approved"),
    "superseded": N_("Replaced by a newer version"), "ok": N_("OK"),
    "not-modified": N_("Not modified"), "unchanged": N_("Unchanged"), "failed": N_("Failed"),
}


def status_label(code: str | None) -> str:
    """"active" → "Publicado" / "En ligne" in es/fr; in English (as staff pages always
    showed it) and for an unknown code, the code itself."""
    if code not in STATUS_LABELS or current_language() == DEFAULT_LANGUAGE:
        return code or ""
    return translate(STATUS_LABELS[code])
