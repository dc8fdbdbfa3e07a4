"""The translation catalogs: complete, not fuzzy, in step with the code, compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from directory.i18n.text import LANGUAGES, TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parents[3]
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)s|%%|\{\w+\}")


def catalog(lang: str):  # noqa: ANN201 - a babel Catalog
    with open(TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


def source_messages() -> set[str]:
    """Every message the code and templates mark, extracted as `make extract-messages` does."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: set[str] = set()
    for subdir in ("directory", "matching", "templates"):
        # extract_from_dir walks one folder; the patterns in babel.cfg name paths from ROOT.
        prefixed = [(pattern.split("/", 1)[1], method) for pattern, method in method_map
                    if pattern.startswith(subdir + "/")]
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / subdir, prefixed, options_map,
                keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
                          "pgettext": ((1, "c"), 2)},
                directory_filter=lambda path: not Path(path).name.startswith(".")):
            found.add(message[0] if isinstance(message, tuple) else message)
    return {m for m in found if m}


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_message_of_a_catalog_is_translated_and_none_is_fuzzy(lang):
    problems = []
    for message in catalog(lang):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s.strip() for s in strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    assert problems == []


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_a_translation_keeps_every_placeholder_of_its_message(lang):
    problems = []
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                problems.append((message.id, text))
    assert problems == []


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_message_in_the_code_is_in_each_catalog(lang):
    missing = source_messages() - {m.id[0] if isinstance(m.id, tuple) else m.id
                                   for m in catalog(lang)}
    assert missing == set(), "run `make extract-messages` and translate the new messages"


def test_the_extraction_finds_the_vocabularies_and_the_macros():
    found = source_messages()
    # a topic label, a matching vocabulary label, a macro's string and a Python message
    assert {"Codependency", "Open meeting", "Active filters", "same place"} <= found


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_the_compiled_catalog_is_newer_than_its_source(lang):
    folder = TRANSLATIONS_DIR / lang / "LC_MESSAGES"
    compiled = folder / "messages.mo"
    assert compiled.is_file(), "run `make translations`"
    assert compiled.stat().st_mtime >= (folder / "messages.po").stat().st_mtime, \
        "run `make translations`"
