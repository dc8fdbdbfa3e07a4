"""A pybabel extractor for the vocabularies' labels (babel.cfg names it).

The labels live as plain English data in ``directory/taxonomy.py`` and ``matching/vocab.py``
(the matching library imports no Babel); this reads them from the source so the catalogs
hold every label without a second copy of the tables.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

from babel.messages.extract import extract_python

# Module-level tables whose values are labels people see.
LABEL_TABLES = frozenset({
    "FORMATS", "COSTS", "APPROACHES", "AUDIENCES", "ACCESS", "WELCOME", "FACILITATION",
    "ATTENDANCE", "WEEKDAY_LABELS", "DAY_FILTER_LABELS", "RECURRENCE_CHOICES", "FIELD_LABELS",
    "_WELCOME_FORM_WORDS",
})


def extract_vocabularies(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                         options: dict) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield (line, funcname, message, comments) for each label in a vocabulary module, and
    the module's own gettext calls as pybabel's Python extractor finds them."""
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    tree = ast.parse(source)
    for node in tree.body:
        target = None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        if target in LABEL_TABLES and isinstance(value, ast.Dict):
            for item in value.values:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    yield item.lineno, "gettext", item.value, [f"vocabulary {target}"]
        elif target == "TOPIC_LIST":
            for call in ast.walk(value):
                if (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Topic"
                        and len(call.args) > 1 and isinstance(call.args[1], ast.Constant)):
                    yield call.args[1].lineno, "gettext", call.args[1].value, ["topic label"]
