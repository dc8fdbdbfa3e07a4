"""Moderation: log in, review submissions and edits, reports, stale listings, audit log."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from directory.admin import views  # noqa: E402,F401 - registers the routes on bp
