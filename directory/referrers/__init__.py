"""Pages for counselors, 211 operators and other referrers: handouts and embeds."""
