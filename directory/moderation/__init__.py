"""Moderation: listings from their owners through moderators into the directory.

submissions (new listings and owners' edits, the one current/revision reader), decisions
(approve, reject, edit), status (pause, confirm, stale), duplicates, queue (the moderators'
work list), edit_links (private links, claims, co-owners: the tokens), verification
(reminders and auto-pause), reports (from seekers), audit (the log in plain words, revert),
admins (moderator accounts). Nothing here imports Flask.
"""
