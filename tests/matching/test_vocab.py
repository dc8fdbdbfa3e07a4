"""The matcher's copy of the closed vocabularies stays in step with the directory's."""

from __future__ import annotations

from directory import taxonomy as directory_taxonomy
from matching import vocab


def test_vocabulary_codes_match_the_directory() -> None:
    assert set(vocab.FORMATS) == set(directory_taxonomy.FORMATS)
    assert set(vocab.COSTS) == set(directory_taxonomy.COSTS)
    assert set(vocab.APPROACHES) == set(directory_taxonomy.APPROACHES)
    assert set(vocab.AUDIENCES) == set(directory_taxonomy.AUDIENCES)
    assert set(vocab.ACCESS) == set(directory_taxonomy.ACCESS)
    assert set(vocab.WELCOME) == set(directory_taxonomy.WELCOME)
    assert vocab.WEEKDAYS == directory_taxonomy.WEEKDAYS
    assert vocab.TIMES_OF_DAY == directory_taxonomy.TIMES_OF_DAY
    assert vocab.SORTS == directory_taxonomy.SORTS
    assert vocab.STALE_AFTER_DAYS == directory_taxonomy.STALE_AFTER_DAYS
    assert vocab.LANGUAGES == directory_taxonomy.LANGUAGES


def test_time_buckets_follow_the_windows() -> None:
    assert [vocab.time_bucket(h * 60) for h in (4, 5, 11, 12, 16, 17, 20, 21, 23)] == [
        "night", "morning", "morning", "afternoon", "afternoon", "evening", "evening",
        "night", "night",
    ]
