"""The sampled k-th value and top rows give numpy's answers (ties, repeats, NaN-free)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import select


def _arrays(rng: np.random.Generator, n: int) -> list[np.ndarray]:
    return [
        rng.random(n),                                          # all distinct
        rng.integers(0, 5, n).astype(np.float64),               # a few values, many ties
        np.round(rng.random(n), 2).astype(np.float32),          # float32, ties
        np.full(n, 0.25),                                       # one value
        np.where(rng.random(n) < 0.001, 1.0, 0.0),              # a few high ones
        np.sort(rng.random(n)),                                 # ordered: the sample is skewed
        np.concatenate((rng.random(n // 2), np.full(n - n // 2, np.inf))),
    ]


@pytest.mark.parametrize("n", [1_000, 70_000, 300_000])
@pytest.mark.parametrize("k", [1, 20, 340, 1_000])
def test_kth_values_equal_numpys(n: int, k: int) -> None:
    rng = np.random.default_rng(n + k)
    for x in _arrays(rng, n):
        assert select.kth_largest(x, k) == -np.partition(-x, k - 1)[k - 1]
        assert select.kth_smallest(x, k) == np.partition(x, k - 1)[k - 1]


@pytest.mark.parametrize("n", [1_000, 300_000])
@pytest.mark.parametrize("k", [1, 20, 340])
def test_top_rows_hold_the_top_k_and_their_ties(n: int, k: int) -> None:
    rng = np.random.default_rng(n * k)
    for x in _arrays(rng, n):
        pos = select.top_rows(x, k, cap=4 * k)
        kth = -np.partition(-x, k - 1)[k - 1]
        assert pos.size >= k and np.all(np.diff(pos) > 0)
        assert np.all(x[pos] >= kth)
        # Everything above the k-th is in; ties with it are all in unless over the cap.
        assert np.count_nonzero(x > kth) == np.count_nonzero(x[pos] > kth)
        if np.count_nonzero(x >= kth) <= 4 * k:
            assert pos.size == np.count_nonzero(x >= kth)
        else:  # ties beyond the cap: the first ones, in position order
            assert pos.size == 4 * k
            ties = np.flatnonzero(x == kth)
            assert pos[x[pos] == kth].tolist() == ties[:np.count_nonzero(x[pos] == kth)].tolist()
        exact = select.top_rows(x, k, cap=k)
        assert exact.size == k and set(exact.tolist()) <= set(pos.tolist())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=400), st.integers(1, 50),
       st.integers(1, 9))
def test_sampled_path_on_small_arrays(values: list[int], k: int, step: int) -> None:
    old = select.SAMPLE_MIN, select.SAMPLE_STEP
    select.SAMPLE_MIN, select.SAMPLE_STEP = 1, step
    try:
        x = np.asarray(values, dtype=np.float64)
        k = min(k, x.size)
        assert select.kth_largest(x, k) == -np.partition(-x, k - 1)[k - 1]
        assert select.kth_smallest(x, k) == np.partition(x, k - 1)[k - 1]
        pos = select.top_rows(x, k, cap=10 ** 6)
        kth = -np.partition(-x, k - 1)[k - 1]
        assert pos.tolist() == np.flatnonzero(x >= kth).tolist()
    finally:
        select.SAMPLE_MIN, select.SAMPLE_STEP = old


@pytest.mark.parametrize("count", [0, 5, 9_000, 50_000, 200_000])
def test_ascending_equals_a_sort(count: int) -> None:
    rng = np.random.default_rng(count)
    size = 400_000
    positions = rng.permutation(size)[:count].astype(np.int64)
    out = select.ascending(positions, size)
    assert out.tolist() == np.sort(positions).tolist()
