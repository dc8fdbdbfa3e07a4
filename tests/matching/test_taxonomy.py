"""The taxonomy: built from plain data, parents expand to children, topic relations."""

from __future__ import annotations

import pytest

from directory.taxonomy import TOPIC_LIST, expand_topics
from matching import Taxonomy
from matching import weights as W


def test_from_tuples_and_from_topic_objects_agree() -> None:
    a = Taxonomy.from_topics(TOPIC_LIST)
    b = Taxonomy.from_topics([(t.code, t.label, t.parent, t.phrases) for t in TOPIC_LIST])
    assert a == b
    assert a.codes == tuple(t.code for t in TOPIC_LIST)


@pytest.mark.parametrize("codes", [["addiction"], ["codependency", "grief"], ["alcohol"], []])
def test_expand_matches_the_directory_helper(taxonomy: Taxonomy, codes: list[str]) -> None:
    assert taxonomy.expand(codes) == expand_topics(codes)


@pytest.mark.parametrize(
    ("wanted", "have", "score"),
    [
        ("alcohol", "alcohol", W.TOPIC_EXACT),
        ("addiction", "alcohol", W.TOPIC_CHILD_OF_WANTED),
        ("alcohol", "addiction", W.TOPIC_PARENT_OF_WANTED),
        ("alcohol", "drugs", W.TOPIC_SIBLING),
        ("alcohol", "grief", 0.0),
        ("codependency", "grief", 0.0),
        ("unknown", "alcohol", 0.0),
    ],
)
def test_relation_scores(taxonomy: Taxonomy, wanted: str, have: str, score: float) -> None:
    assert taxonomy.relation(wanted, have) == score


def test_exact_topic_scores_above_sibling_and_parent_matches_children() -> None:
    assert W.TOPIC_EXACT > W.TOPIC_CHILD_OF_WANTED > W.TOPIC_PARENT_OF_WANTED
    assert W.TOPIC_PARENT_OF_WANTED > W.TOPIC_SIBLING > 0


def test_unknown_label_falls_back_to_code(taxonomy: Taxonomy) -> None:
    assert taxonomy.label("grief") == "Grief & loss"
    assert taxonomy.label("nope") == "nope"
