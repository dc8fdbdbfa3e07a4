"""Pages for the people who run groups: submit a listing, edit it through a private link,
and (for seekers) report a problem with a listing."""

# Importing the view modules registers their routes on bp (defined in blueprint.py,
# which the views import: no import cycle through this package).
from directory.organizations import link_views, views  # noqa: F401
from directory.organizations.blueprint import bp

__all__ = ["bp"]
