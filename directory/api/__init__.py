"""Machine-readable endpoints: health now, the JSON API later."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from directory.api import openapi, search, views  # noqa: E402,F401 - registers the routes on bp
