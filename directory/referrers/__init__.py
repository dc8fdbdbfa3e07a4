"""Pages for counselors, 211 operators and other referrers: handouts and embeds."""

# Importing the view modules registers their routes on bp (defined in blueprint.py,
# which the views import: no import cycle through this package).
from directory.referrers import views  # noqa: F401
from directory.referrers.blueprint import bp

__all__ = ["bp"]
