"""The seekers blueprint: search, group pages and the guide."""

from flask import Blueprint

bp = Blueprint("seekers", __name__)
