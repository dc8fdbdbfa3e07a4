"""Pages for counselors, 211 operators and other referrers: handouts and embeds."""

from flask import Blueprint

bp = Blueprint("referrers", __name__)

from directory.referrers import views  # noqa: E402,F401 - registers the routes on bp
