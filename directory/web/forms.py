"""Forms of the web layer: a CSRF failure is a form error, never a bare error page.

A form view marked `@rerender_on_csrf_error` is run again when its POST fails the CSRF
check (an expired form, a stale tab, a cookie that was cleared): it reads `csrf_error()`,
shows it as the form's error, saves nothing, and its page goes out with status 400 and
everything that was typed (secrets apart) still in the fields. Other views get the usual
400 page (JSON under /api).

The forms themselves stay plain views reading `request.form`: the listing form validates
into ListingIn (web/listing_form.py); the staff forms (logins, accounts, settings) are two
or three fields each whose errors come from the services (admins, editors), so FlaskForm
classes would only repeat those checks and messages beside them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from flask import Flask, g, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from directory.web import uow
from directory.web.api_errors import api_error

CSRF_MESSAGE = (
    "This form had expired or did not come from this site, so nothing was saved. "
    "Everything you typed is still here: please check it and send it again."
)


def rerender_on_csrf_error(view: Callable) -> Callable:
    """Mark a form view that, on a CSRF failure, re-renders its form (status 400) with
    everything typed, instead of showing a bare error page. The view must treat
    `csrf_error()` as a form error and save nothing."""
    view.rerender_on_csrf_error = True  # type: ignore[attr-defined]
    return view


def csrf_error() -> str | None:
    """The CSRF failure message while a form view re-renders after one, else None."""
    return g.get("csrf_error")


def init_app(app: Flask) -> None:
    """Answer CSRF failures: the marked form views re-render, others get a 400 page."""

    @app.errorhandler(CSRFError)
    def handle_csrf_error(exc: CSRFError):
        # CSRF is checked in an app-wide before_request, ahead of the blueprints' own access
        # checks (the admin login check): run those first, so a logged-out POST is sent to
        # log in (as a GET would be) and a view never runs without them.
        for name in reversed(request.blueprints):
            for check in app.before_request_funcs.get(name, ()):
                try:
                    denied = check()
                except HTTPException as http_error:  # e.g. abort(403) for a wrong role
                    return app.handle_http_exception(http_error)
                if denied is not None:
                    return denied
        view = app.view_functions.get(request.endpoint or "")
        if view is not None and getattr(view, "rerender_on_csrf_error", False):
            g.csrf_error = CSRF_MESSAGE
            # The bare view, outside its unit of work: whatever it did is rolled back here
            # (its answer is a 400), so nothing is saved and no mail leaves.
            try:
                response = make_response(inspect.unwrap(view)(**(request.view_args or {})))
            except HTTPException as http_error:  # e.g. abort(404): answered as usual
                uow.rollback()
                return app.handle_http_exception(http_error)
            uow.rollback()
            if response.status_code < 400:
                response.status_code = 400
            return response
        if request.path.startswith("/api/"):
            return api_error(400, "csrf_failed", exc.description)
        return render_template("errors/400.html", error=exc), 400
