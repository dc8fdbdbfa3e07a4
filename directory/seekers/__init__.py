"""Pages for people looking for a group."""
