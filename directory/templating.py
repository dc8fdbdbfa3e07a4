"""Template globals and filters shared by every blueprint."""

from __future__ import annotations

from flask import Flask

from directory import taxonomy


def init_app(app: Flask) -> None:
    """Expose the vocabularies and the crisis line to templates."""

    @app.context_processor
    def inject_globals() -> dict:
        return {
            "crisis_line": app.config["CRISIS_LINE"],
        }

    # A global, not a context variable, so that imported macros see it too.
    app.jinja_env.globals["taxonomy"] = taxonomy

    app.jinja_env.filters["topic_label"] = taxonomy.topic_label
    app.jinja_env.filters["weekday_label"] = lambda i: taxonomy.WEEKDAY_LABELS[
        taxonomy.WEEKDAYS[i]
    ]
    app.jinja_env.filters["labels"] = lambda codes, vocabulary: ", ".join(
        taxonomy.VOCABULARIES[vocabulary].get(code, code) for code in codes
    )
    app.jinja_env.filters["hhmm"] = lambda t: t.strftime("%H:%M") if t else ""
