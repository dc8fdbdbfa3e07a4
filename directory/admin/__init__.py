"""Moderation: log in, review submissions and edits, reports, stale listings, audit log."""
