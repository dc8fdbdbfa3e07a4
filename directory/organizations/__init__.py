"""Pages for the people who run groups: submit a listing, edit it through a private link,
and (for seekers) report a problem with a listing."""
