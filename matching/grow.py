"""Append-only numpy columns with room to grow, so an incremental update costs what changed.

An index is immutable: an update makes a new one. Copying every column for each update costs
time proportional to the whole directory (seconds at a million groups). Instead a column is a
view of the first rows of a larger buffer: :func:`appended` writes the new rows into the
buffer's spare room and returns a longer view of the same memory. The old view (the previous
index, still serving searches) never reads past its own length, so it is unchanged.

Only the last view handed out of a buffer may grow in place; appending to an older view (two
updates made from the same index) copies into a new buffer, as does running out of room.
Spare room that is never written costs address space, not memory: the pages of a large
``numpy.empty`` are only backed when first touched.
"""

from __future__ import annotations

import threading
import weakref

import numpy as np

# Room for this share more rows than the column holds (an index is rebuilt afresh once a
# quarter of its rows are dead, so an update that replaces rows rarely outgrows it).
SPARE_SHARE = 0.3
SPARE_MIN = 64

_LOCK = threading.Lock()
# id(buffer) -> (weak reference to the buffer, rows of it handed out along its growth axis).
_USED: dict[int, tuple[weakref.ref, int]] = {}


def _forget(key: int) -> None:
    _USED.pop(key, None)


def roomy(*parts: np.ndarray, axis: int = 0, spare: float = SPARE_SHARE) -> np.ndarray:
    """``parts`` one after the other along ``axis``, copied into a buffer with room to grow;
    a view of it."""
    first = np.asarray(parts[0])
    n = sum(np.shape(p)[axis] for p in parts)
    shape = list(first.shape)
    shape[axis] = n + max(SPARE_MIN, int(n * spare))
    buf = np.empty(shape, dtype=first.dtype)
    at = 0
    for part in parts:
        k = np.shape(part)[axis]
        if axis == 0:
            buf[at:at + k] = part
        else:
            buf[:, at:at + k] = part
        at += k
    _register(buf, n)
    return _view(buf, axis, n)


def _view(buf: np.ndarray, axis: int, n: int) -> np.ndarray:
    return buf[:n] if axis == 0 else buf[:, :n]


def _register(buf: np.ndarray, used: int) -> None:
    key = id(buf)
    _USED[key] = (weakref.ref(buf, lambda _ref, key=key: _forget(key)), used)


def appended(old: np.ndarray, more: np.ndarray, axis: int = 0) -> np.ndarray:
    """``old`` followed by ``more`` along ``axis`` (0, or 1 for a 2-d code-major column).

    Written in place after ``old`` when ``old`` is the longest view of a buffer made here
    and the buffer has room; otherwise copied into a new buffer with room. ``old`` itself
    is never changed.
    """
    more = np.asarray(more, dtype=old.dtype)
    k, n = more.shape[axis], old.shape[axis]
    if old.ndim != more.ndim or (old.ndim == 2 and old.shape[1 - axis] != more.shape[1 - axis]):
        raise ValueError("appended: the other dimensions differ")
    buf = old.base
    with _LOCK:
        entry = _USED.get(id(buf)) if isinstance(buf, np.ndarray) else None
        fits = (entry is not None and entry[0]() is buf and entry[1] == n
                and buf.shape[axis] >= n + k
                and old.__array_interface__["data"][0] == buf.__array_interface__["data"][0]
                and old.strides == buf.strides)
        if fits:
            _USED[id(buf)] = (entry[0], n + k)  # type: ignore[index]
    if not fits:
        return roomy(old, more, axis=axis)
    view = _view(buf, axis, n + k)
    if axis == 0:
        view[n:] = more
    else:
        view[:, n:] = more
    return view
