"""The editors blueprint: an organization's own accounts under /organization."""

from flask import Blueprint

bp = Blueprint("editors", __name__, url_prefix="/organization")
