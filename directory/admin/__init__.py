"""Moderation: log in, review submissions and edits, reports, stale listings, audit log."""

# Importing the view modules registers their routes on bp (defined in blueprint.py,
# which the views import: no import cycle through this package).
from directory.admin import account_views, views  # noqa: F401
from directory.admin.blueprint import bp

__all__ = ["bp"]
