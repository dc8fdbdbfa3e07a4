"""Machine-readable endpoints: health now, the JSON API later."""

# Importing the view modules registers their routes on bp (defined in blueprint.py,
# which the views import: no import cycle through this package).
from directory.api import openapi, search, views  # noqa: F401
from directory.api.blueprint import bp

__all__ = ["bp"]
