"""Relevance benchmark: nDCG@10 of matching over the relevance suite's fixed directory.

Usage: python benchmarks/bench_relevance.py

The cases live in tests/matching/conftest.py (``RELEVANCE_CASES``): each lists the groups
that should come first (grade 3) and groups that should be in the first ten (grade 1).
Prints one line per case and, last, a JSON object with the mean nDCG@10 and the share of
cases whose first result is an expected top group.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching import Index, Query  # noqa: E402


def load_cases():  # noqa: ANN201 - the conftest module, loaded by path
    spec = importlib.util.spec_from_file_location(
        "_relevance_conftest", ROOT / "tests" / "matching" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def ndcg_at(got: list[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(slug, 0) - 1) / math.log2(i + 2)
              for i, slug in enumerate(got[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def main() -> None:
    conf = load_cases()
    index = Index.build(conf.build_directory(), conf.build_taxonomy())
    scores: list[float] = []
    first_ok = 0
    for case in conf.RELEVANCE_CASES:
        grades = {slug: 3 for slug in case.top} | {slug: 1 for slug in case.also}
        result = index.search(Query(**case.query), now=conf.NOW)
        got = [m.slug for m in result.matches[:10]]
        score = ndcg_at(got, grades)
        scores.append(score)
        first_ok += bool(got) and got[0] in case.top
        print(f"{score:5.3f}  {case.name:32s} → {', '.join(got[:3])}")
    summary = {
        "cases": len(scores),
        "ndcg_at_10": round(sum(scores) / len(scores), 4),
        "top1_accuracy": round(first_ok / len(scores), 4),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
