"""Circles: the Flask application. Importing this package has no side effects."""
