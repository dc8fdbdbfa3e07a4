"""Each score component on its documented 0-1 scale, with what a missing value scores."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import weights as W
from matching.scores import freshness_score, place_score, schedule_score, text_score


@pytest.mark.parametrize(
    ("days", "score"),
    [(0.0, 1.0), (-3.0, 1.0), (W.STALE_AFTER_DAYS / 2, 1 - (1 - W.FRESH_FLOOR) / 2),
     (W.STALE_AFTER_DAYS, W.FRESH_FLOOR),
     (W.STALE_AFTER_DAYS + W.STALE_HALF_LIFE_DAYS, W.STALE_START / 2),
     (math.nan, W.FRESHNESS_UNKNOWN_SCORE)],
)
def test_freshness_score_scale(days: float, score: float) -> None:
    assert freshness_score(np.array([days]))[0] == pytest.approx(score)


@given(st.lists(st.floats(-1e4, 1e5), min_size=2, max_size=2))
def test_a_more_recently_verified_listing_is_never_less_fresh(days: list[float]) -> None:
    newer, older = sorted(days)
    scores = freshness_score(np.array([newer, older]))
    assert 0.0 <= scores[1] <= scores[0] <= 1.0


@pytest.mark.parametrize(
    ("minutes", "score"),
    [(-30, 1.0), (0, 1.0), (84 * 60, 1 - (1 - W.SCHEDULE_WEEK_SCORE) / 2),
     (168 * 60, W.SCHEDULE_WEEK_SCORE),
     (168 * 60 + W.SCHEDULE_HALF_LIFE_HOURS * 60, W.SCHEDULE_WEEK_SCORE / 2),
     (float("inf"), W.SCHEDULE_NONE_SCORE)],
)
def test_schedule_score_scale(minutes: float, score: float) -> None:
    assert schedule_score(np.array([minutes]))[0] == pytest.approx(score)


def test_remote_groups_score_the_same_wherever_they_are() -> None:
    scores = place_score(np.array([1.0, 5000.0, math.nan]), np.array([True, True, True]), 25.0)
    assert list(scores) == [W.DISTANCE_REMOTE_SCORE] * 3


def test_in_person_place_score_falls_with_distance_and_unknown_is_named() -> None:
    scores = place_score(np.array([0.0, 10.0, 40.0, math.nan]), np.zeros(4, dtype=bool), 25.0)
    assert scores[0] == pytest.approx(1.0)
    assert 1.0 > scores[1] > scores[2] > 0.0
    assert scores[3] == W.DISTANCE_UNKNOWN_SCORE


def test_text_score_blends_meaning_and_words_by_coverage() -> None:
    lexical, rest, topic = np.array([0.2]), np.array([0.0]), np.array([1.0])
    assert text_score(lexical)[0] == pytest.approx(0.2)
    half = text_score(lexical, rest=rest, topic_fit=topic, coverage=0.5)[0]
    semantic = W.PHRASE_SEMANTIC_SHARE * 1.0 + (1 - W.PHRASE_SEMANTIC_SHARE) * 0.2
    assert half == pytest.approx(0.5 * 0.0 + 0.5 * semantic)
    full = text_score(lexical, rest=rest, topic_fit=topic, coverage=1.0)[0]
    assert full == pytest.approx(semantic) and full > half


def test_a_typed_group_name_scores_one() -> None:
    scores = text_score(np.array([0.1, 0.1]), named=np.array([True, False]))
    assert list(scores) == [1.0, pytest.approx(0.1)]
