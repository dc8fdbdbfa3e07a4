"""Interface languages: gettext catalogs (translations/), the request's language, and dates,
times, numbers and distances said the way each language says them.

``text`` is plain Python (no Flask) so services can translate what they say; ``web`` wires it
into Flask-Babel, the templates and the language switcher.
"""
