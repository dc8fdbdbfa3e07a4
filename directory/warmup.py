"""Loading at once what a process otherwise loads on its first requests.

A search first loads the gazetteer's region tables, the query lexicon, the crisis phrases,
Babel's locale data and a few dozen compiled templates: tens of thousands of Python
objects. gunicorn's master calls `warm_up` before it forks (gunicorn.conf.py), so each
worker starts with them in shared pages, moved out of the collector's reach by
`gc.freeze()`. Loaded in each worker after the fork instead, they were scanned by every
full collection there (a pause of 30-100 ms on a search, measured by bench_http) and the
first search of each worker paid for loading them.
"""

from __future__ import annotations

import logging

from flask import Flask

from directory.i18n.text import LANGUAGES

log = logging.getLogger(__name__)

# Searches that touch every lazily loaded table: words, a topic, a place, a filter read
# from the words, a crisis phrase (each in every interface language).
WARM_SEARCHES = (
    "/groups?q=grief+on+tuesday+evenings&near=London",
    "/groups?topic=alcohol&near=Portland%2C+OR&format=in-person",
    "/groups?q=i+want+to+die",
    "/api/v1/groups?q=anxiety&near=Toronto",
)


def warm_up(app: Flask) -> None:
    """Run a few searches in every language and compile every template (in the caller's
    process, through the app's test client: nothing goes over the network)."""
    for name in app.jinja_env.list_templates(extensions=("html", "txt", "xml")):
        try:
            app.jinja_env.get_template(name)
        except Exception:  # a partial that only compiles in context: compiled on first use
            log.debug("template %s not compiled at warm-up", name, exc_info=True)
    client = app.test_client()
    for lang in LANGUAGES:
        for path in WARM_SEARCHES:
            response = client.get(f"{path}&hl={lang}")
            if response.status_code >= 500:
                log.warning("warm-up search %s answered %s", path, response.status_code)
        response = client.get(f"/?hl={lang}")
    client.get("/healthz")
