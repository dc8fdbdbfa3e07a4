"""The score components, each a documented vectorised function on a 0-1 scale (1 best),
with what a missing value scores; weights and scales are named in matching/weights.py."""

from __future__ import annotations

import numpy as np

from matching import weights as W
from matching.geo import distance_score


def schedule_score(minutes: np.ndarray) -> np.ndarray:
    """0–1 from minutes until the next meeting (≤ 0 = in progress → 1; inf = none → 0)."""
    hours = np.maximum(np.where(np.isinf(minutes), 0.0, minutes), 0.0) / 60.0
    week = 168.0
    within = 1.0 - (1.0 - W.SCHEDULE_WEEK_SCORE) * np.minimum(hours, week) / week
    beyond = W.SCHEDULE_WEEK_SCORE * np.power(
        0.5, np.maximum(hours - week, 0.0) / W.SCHEDULE_HALF_LIFE_HOURS)
    score = np.where(hours <= week, within, beyond)
    return np.where(np.isinf(minutes), W.SCHEDULE_NONE_SCORE, score)


def freshness_score(age_days: np.ndarray) -> np.ndarray:
    """0–1 from days since a listing was last verified: 1 today, falling linearly to
    ``FRESH_FLOOR`` at ``STALE_AFTER_DAYS``, then halving every ``STALE_HALF_LIFE_DAYS`` from
    ``STALE_START``. A future date counts as today; never verified (NaN) scores
    ``FRESHNESS_UNKNOWN_SCORE``."""
    never = np.isnan(age_days)
    age = np.where(never, 0.0, np.maximum(age_days, 0.0))
    fresh = 1.0 - (1.0 - W.FRESH_FLOOR) * age / W.STALE_AFTER_DAYS
    stale = W.STALE_START * np.power(
        0.5, np.maximum(age - W.STALE_AFTER_DAYS, 0.0) / W.STALE_HALF_LIFE_DAYS)
    return np.where(never, W.FRESHNESS_UNKNOWN_SCORE,
                    np.where(age <= W.STALE_AFTER_DAYS, fresh, stale))


def place_score(distance_km: np.ndarray, remote: np.ndarray, radius_km: float) -> np.ndarray:
    """0–1 nearness to the seeker's place (``geo.distance_score`` of the distance within the
    radius); a group met online or by phone scores ``DISTANCE_REMOTE_SCORE`` wherever it is,
    and an unknown distance (NaN) scores ``DISTANCE_UNKNOWN_SCORE``."""
    return np.where(remote, W.DISTANCE_REMOTE_SCORE, distance_score(distance_km, radius_km))


def text_score(lexical: np.ndarray, *, rest: np.ndarray | None = None,
               topic_fit: np.ndarray | None = None, coverage: float = 0.0,
               named: np.ndarray | None = None) -> np.ndarray:
    """0–1 fit of a group's words to the seeker's words.

    ``lexical`` is the BM25-style word match over all the seeker's words (0–1). When phrases
    or lexicon entries explain a share ``coverage`` of the words, that share is scored by
    meaning — ``PHRASE_SEMANTIC_SHARE`` of the understood topics' fit (``topic_fit``) and the
    rest lexical — and the unexplained share by the word match on the leftover words
    (``rest``). A group whose name the seeker typed (``named``) scores 1. Nothing matched
    scores 0.
    """
    score = np.asarray(lexical, dtype=np.float64)
    if rest is not None and topic_fit is not None and coverage > 0:
        semantic = W.PHRASE_SEMANTIC_SHARE * topic_fit + (1.0 - W.PHRASE_SEMANTIC_SHARE) * score
        score = (1.0 - coverage) * rest + coverage * semantic
    if named is not None:
        score = np.where(named, 1.0, score)
    return score
