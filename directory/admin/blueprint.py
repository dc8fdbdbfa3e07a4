"""The admin blueprint: moderation pages under /admin."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
