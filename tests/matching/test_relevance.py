"""The relevance suite: seeker queries with known good answers on the fixed directory.

nDCG@10 over the same cases is printed by ``benchmarks/bench_relevance.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime
from pathlib import Path

import pytest

from matching import Index, Query

_spec = importlib.util.spec_from_file_location("_relevance_conftest",
                                               Path(__file__).with_name("conftest.py"))
assert _spec and _spec.loader
_conf = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _conf  # dataclasses look their module up while being defined
_spec.loader.exec_module(_conf)
CASES = _conf.RELEVANCE_CASES


def test_suite_has_at_least_thirty_queries() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_expected_groups_come_first(index: Index, now: datetime, case: object) -> None:
    result = index.search(Query(**case.query), now=now)  # type: ignore[attr-defined]
    got = [m.slug for m in result.matches[:10]]
    top = case.top  # type: ignore[attr-defined]
    assert set(got[:len(top)]) == set(top), got
    for slug in case.also:  # type: ignore[attr-defined]
        assert slug in got, (slug, got)
