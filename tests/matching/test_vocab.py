"""The closed vocabularies (the one copy, which directory.taxonomy imports)."""

from __future__ import annotations

from matching import vocab


def test_time_buckets_follow_the_windows() -> None:
    assert [vocab.time_bucket(h * 60) for h in (4, 5, 11, 12, 16, 17, 20, 21, 23)] == [
        "night", "morning", "morning", "afternoon", "afternoon", "evening", "evening",
        "night", "night",
    ]
