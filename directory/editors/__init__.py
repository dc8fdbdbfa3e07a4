"""Organization editors: log in, see every listing of their organization, edit them, and
invite co-editors (/organization/…)."""

# Importing the view module registers its routes on bp (defined in blueprint.py).
from directory.editors import views  # noqa: F401
from directory.editors.blueprint import bp

__all__ = ["bp"]
