"""Columns with room to grow (matching/grow.py): appending writes in place only when no
other view can see the rows written, and an old view never changes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.grow import appended, roomy


def test_append_writes_after_the_last_view_in_place() -> None:
    a = roomy(np.arange(5))
    b = appended(a, [5, 6])
    c = appended(b, [7])
    assert c.base is a.base and b.base is a.base
    assert a.tolist() == [0, 1, 2, 3, 4]
    assert b.tolist() == [0, 1, 2, 3, 4, 5, 6]
    assert c.tolist() == list(range(8))


def test_appending_to_an_older_view_copies() -> None:
    a = roomy(np.arange(3))
    b = appended(a, [10])
    c = appended(a, [20])  # b already wrote row 3
    assert c.base is not a.base
    assert b.tolist() == [0, 1, 2, 10] and c.tolist() == [0, 1, 2, 20]
    d = appended(b, [11])  # b is still the longest view of its buffer
    assert d.base is a.base and d.tolist() == [0, 1, 2, 10, 11]


def test_running_out_of_room_copies_into_a_bigger_buffer() -> None:
    a = roomy(np.zeros(4, dtype=np.int8), spare=0)
    b = appended(a, np.ones(1000, dtype=np.int8))
    assert b.base is not a.base and b.size == 1004 and a.size == 4
    c = appended(b, [2])
    assert c.base is b.base and c[-1] == 2


def test_arrays_not_made_here_are_copied() -> None:
    plain = np.arange(4)
    out = appended(plain, [4])
    assert out.tolist() == [0, 1, 2, 3, 4] and plain.tolist() == [0, 1, 2, 3]
    assert appended(out, [5]).base is out.base


def test_code_major_columns_grow_along_the_rows_axis() -> None:
    a = roomy(np.array([[1, 2], [3, 4]], dtype=np.int16), axis=1)
    b = appended(a, np.array([[5], [6]], dtype=np.int16), axis=1)
    assert b.base is a.base
    assert b.tolist() == [[1, 2, 5], [3, 4, 6]] and a.tolist() == [[1, 2], [3, 4]]
    assert b[1].flags.c_contiguous  # one code's row stays contiguous
    with pytest.raises(ValueError):
        appended(b, np.zeros((3, 1), dtype=np.int16), axis=1)


@given(st.lists(st.tuples(st.integers(0, 5), st.lists(st.integers(-9, 9), max_size=80)),
                max_size=25))
def test_any_history_of_appends_keeps_every_view_as_it_was(steps) -> None:
    views = [roomy(np.zeros(0, dtype=np.int64), spare=0.5)]
    expected = [[]]
    for parent, more in steps:
        i = parent % len(views)
        views.append(appended(views[i], np.asarray(more, dtype=np.int64)))
        expected.append(expected[i] + more)
        for view, want in zip(views, expected, strict=True):
            assert view.tolist() == want


def test_large_buffers_are_mapped_and_grow_the_same_way() -> None:
    big = roomy(np.arange(300_000, dtype=np.int64))  # 2.4 MB: pages of its own
    assert isinstance(big.base.base, memoryview)  # of an anonymous mapping
    assert roomy(np.arange(3)).base.base is None  # a small one: numpy's own memory
    more = appended(big, np.arange(300_000, 300_010, dtype=np.int64))
    assert more.base is big.base and more.tolist() == list(range(300_010))
    assert big.size == 300_000
    grid = roomy(np.ones((4, 300_000), dtype=bool), axis=1)
    wider = appended(grid, np.zeros((4, 5), dtype=bool), axis=1)
    assert wider.base is grid.base and wider.shape == (4, 300_005)
    assert wider[:, :300_000].all() and not wider[:, 300_000:].any()
