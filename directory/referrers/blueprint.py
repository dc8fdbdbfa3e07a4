"""The referrers blueprint: handouts and embeds."""

from flask import Blueprint

bp = Blueprint("referrers", __name__)
