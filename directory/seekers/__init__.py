"""Pages for people looking for a group."""

from flask import Blueprint

bp = Blueprint("seekers", __name__)

from directory.seekers import guide_views, language_views, views  # noqa: E402,F401 - registers the routes on bp
