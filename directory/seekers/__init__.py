"""Pages for people looking for a group."""

# Importing the view modules registers their routes on bp (defined in blueprint.py,
# which the views import: no import cycle through this package).
from directory.seekers import guide_views, views  # noqa: F401
from directory.seekers.blueprint import bp

__all__ = ["bp"]
