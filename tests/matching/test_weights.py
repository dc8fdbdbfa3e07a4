"""The weights are well-formed: positive, named, and every table on the 0–1 scale."""

from __future__ import annotations

from matching import vocab
from matching import weights as W


def test_component_weights_are_positive_and_cover_every_component() -> None:
    assert set(W.COMPONENT_WEIGHTS) == {"topic", "text", "distance", "schedule", "cost",
                                        "format", "fit", "freshness"}
    assert all(w > 0 for w in W.COMPONENT_WEIGHTS.values())


def test_score_tables_cover_their_vocabularies_on_the_unit_scale() -> None:
    assert set(W.COST_SCORES) == set(vocab.COSTS)
    assert set(W.FORMAT_SCORES_WITH_PLACE) == set(vocab.FORMATS)
    assert set(W.FORMAT_SCORES_NO_PLACE) == set(vocab.FORMATS)
    tables = [W.COST_SCORES, W.FORMAT_SCORES_WITH_PLACE, W.FORMAT_SCORES_NO_PLACE]
    assert all(0.0 <= v <= 1.0 for t in tables for v in t.values())


def test_stale_listings_score_below_every_fresh_one() -> None:
    assert W.STALE_START < W.FRESH_FLOOR
    assert W.STALE_AFTER_DAYS == vocab.STALE_AFTER_DAYS
