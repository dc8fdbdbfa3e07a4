"""Data sources: the ecosystem's feeds (Meeting Guide, BMLT, HSDS, CSV) fetched and synced.

Nothing in this package imports Flask: the CLI and the admin pages call into it.
"""
