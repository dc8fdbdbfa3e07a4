"""The k-th largest of many scores, and the rows at or above it, without a full partition.

A search over a million rows needs the 20th (or 200th) best of hundreds of thousands of
estimates several times; ``np.partition`` and ``np.argpartition`` over all of them cost
4–8 ms each. Here a strided sample gives a threshold that at least ``k`` values reach
(checked, not assumed), one comparison pass keeps those, and the exact answer is found
among them. The k-th value is exactly numpy's; :func:`top_rows` gives every value above
the k-th and the ones tied with it in position order, up to a cap (a defined choice among
ties, where ``argpartition``'s is arbitrary).
"""

from __future__ import annotations

import numpy as np

# Below this many values a plain partition is as fast.
SAMPLE_MIN = 65_536
# One value in this many is sampled.
SAMPLE_STEP = 64
# The sample's threshold aims at this many times k values, so it is rarely too high.
HEADROOM = 2.0


def _threshold(x: np.ndarray, k: int) -> np.ndarray | None:
    """Positions of the values ≥ a sampled threshold, when at least ``k`` are; else None."""
    n = x.size
    if n < SAMPLE_MIN or k * SAMPLE_STEP * 4 > n:
        return None
    sample = x[::SAMPLE_STEP]
    m = sample.size
    j = min(m, int(HEADROOM * k * m / n) + 4)
    t = np.partition(sample, m - j)[m - j]
    if np.isnan(t):
        return None
    pos = np.flatnonzero(x >= t)
    return pos if pos.size >= k else None


def kth_largest(x: np.ndarray, k: int) -> float:
    """The k-th largest value of ``x`` (1 ≤ k ≤ x.size), as ``-np.partition(-x, k-1)[k-1]``
    gives it when ``x`` holds no NaN."""
    pos = _threshold(x, k)
    vals = x if pos is None else x[pos]
    return -np.partition(-vals, k - 1)[k - 1]


def kth_smallest(x: np.ndarray, k: int) -> float:
    """The k-th smallest value of ``x``, as ``np.partition(x, k-1)[k-1]`` gives it when
    ``x`` holds no NaN."""
    if x.size < SAMPLE_MIN:
        return np.partition(x, k - 1)[k - 1]
    return -kth_largest(-x, k)


def top_rows(x: np.ndarray, k: int, *, cap: int) -> np.ndarray:
    """Positions (ascending) of the largest values of ``x``: every value above the k-th
    largest, then the values equal to it in position order, at most ``cap`` positions in
    all (``cap`` ≥ k: so at least ``k``)."""
    pos = _threshold(x, k)
    if pos is None:
        pos = np.arange(x.size)
    vals = x[pos]
    kth = -np.partition(-vals, k - 1)[k - 1]
    keep = vals >= kth
    if np.count_nonzero(keep) > cap:
        above = vals > kth
        ties = np.flatnonzero(vals == kth)[:cap - np.count_nonzero(above)]
        keep = above
        keep[ties] = True
    return pos[keep]


def ascending(positions: np.ndarray, size: int) -> np.ndarray:
    """Distinct positions (each < ``size``) in ascending order, as ``np.sort`` gives them:
    through a mask of ``size`` flags when there are many (a sort of 100,000 positions costs
    ~5 ms, marking them and reading the mask back ~1.8 ms)."""
    if positions.size < MASK_SORT_MIN or positions.size * 16 < size:
        return np.sort(positions)
    mask = np.zeros(size, dtype=bool)
    mask[positions] = True
    return np.flatnonzero(mask)


# Fewer distinct positions than this are sorted.
MASK_SORT_MIN = 8192
