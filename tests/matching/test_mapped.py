"""An index written to a file and mapped back (``matching.mapped``): the same answers, its
columns pages of the file (not copies), updates that still append in place, no file left."""

from __future__ import annotations

import mmap
import os
from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest

from matching import GroupProfile, Index, Taxonomy, mapped
from matching.grow import appended, roomy
from matching.mapped import load, save
from tests.matching.test_incremental import _changes, _outcome


@pytest.fixture(autouse=True)
def every_array_in_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test directory is small: every array goes to the file (not only large ones), and
    the chunks that may be holes are small too."""
    monkeypatch.setattr(mapped, "MIN_ROOT_BYTES", 1)
    monkeypatch.setattr(mapped, "_CHUNK", mmap.PAGESIZE)


def _mapping_of(arr: np.ndarray) -> object:
    base = arr
    while isinstance(base, np.ndarray):
        base = base.base
    return base.obj if isinstance(base, memoryview) else base


def test_a_mapped_index_answers_as_the_built_one(directory: list[GroupProfile],
                                                 taxonomy: Taxonomy, now: datetime,
                                                 tmp_path) -> None:  # noqa: ANN001
    built = Index.build(directory, taxonomy)
    before = _outcome(built, now)
    copy, size = mapped.mapped(built, tmp_path)
    assert size > 0
    assert _outcome(copy, now) == before
    assert _outcome(built, now) == before  # the original is left as it was
    assert [g.id for g in copy.groups] == [g.id for g in built.groups]
    assert list(os.scandir(tmp_path)) == [], "the file is unlinked once mapped"


def test_its_columns_are_pages_of_the_file_not_copies(directory: list[GroupProfile],
                                                      taxonomy: Taxonomy,
                                                      tmp_path) -> None:  # noqa: ANN001
    built = Index.build(directory, taxonomy)
    copy, _ = mapped.mapped(built, tmp_path)
    columns = [copy.ids, copy.topic_fit, copy.store.blob, copy.store.offsets,
               copy.meetings.start, copy.places.x, copy.text.rows]
    for col in columns:
        assert isinstance(_mapping_of(col), mmap.mmap), col.dtype
    # One mapping holds them all; a column's read-only flag is kept.
    assert len({id(_mapping_of(c)) for c in columns}) == 1
    frozen = built.freshness_on(now_ordinal := 739_000)
    again, _ = mapped.mapped(built, tmp_path)
    assert not again.freshness_on(now_ordinal).flags.writeable
    np.testing.assert_array_equal(again.freshness_on(now_ordinal), frozen)


def test_an_update_of_a_mapped_index_appends_in_place(directory: list[GroupProfile],
                                                      taxonomy: Taxonomy, now: datetime,
                                                      tmp_path) -> None:  # noqa: ANN001
    """The buffers' room to grow comes along: an update writes after the mapped rows
    (copy-on-write, in this process only) instead of copying every column, and gives what
    the same update of the built index gives."""
    built = Index.build(directory, taxonomy)
    copy, _ = mapped.mapped(built, tmp_path)
    before = _outcome(copy, now)
    upserts, removed = _changes(directory)
    from_copy = copy.rebuilt(upserts=upserts, removed_ids=removed)
    from_built = built.rebuilt(upserts=upserts, removed_ids=removed)
    assert _outcome(from_copy, now) == _outcome(from_built, now)
    for key in ("fmt", "ids", "topic_fit", "implied_t", "topics_t"):
        assert getattr(from_copy, key).base is getattr(copy, key).base, key
    assert from_copy.store.blob.base is copy.store.blob.base
    assert _outcome(copy, now) == before
    one_more = from_copy.rebuilt(upserts=[replace(directory[6], name="Wednesday Kazoo Circle")])
    assert one_more.ids.base is copy.ids.base


def test_the_room_to_grow_takes_no_disk(tmp_path) -> None:  # noqa: ANN001
    column = roomy(np.arange(1, 400_001, dtype=np.int64))  # 3.2 MB, and 35 % more room
    path = tmp_path / "column.map"
    size = save({"column": column}, path)
    assert size < 0.8 * os.path.getsize(path), "the unwritten room is holes, not zeros"
    back = load(path)["column"]
    np.testing.assert_array_equal(back, column)
    longer = appended(back, np.array([7, 8, 9]))
    assert longer.base is back.base and longer[-3:].tolist() == [7, 8, 9]


def test_a_file_it_did_not_write_is_refused(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "other.map"
    path.write_bytes(b"not an index at all, just bytes" * 10)
    with pytest.raises(ValueError, match="not a mapped index"):
        load(path)
