"""Append-only numpy columns with room to grow, so an incremental update costs what changed.

An index is immutable: an update makes a new one. Copying every column for each update costs
time proportional to the whole directory (seconds at a million groups). Instead a column is a
view of the first rows of a larger buffer: :func:`appended` writes the new rows into the
buffer's spare room and returns a longer view of the same memory. The old view (the previous
index, still serving searches) never reads past its own length, so it is unchanged.

Only the last view handed out of a buffer may grow in place; appending to an older view (two
updates made from the same index) copies into a new buffer, as does running out of room.
Spare room that is never written costs address space, not memory: a large buffer is an
anonymous mapping, whose pages are only backed when first written.
"""

from __future__ import annotations

import mmap
import threading
import weakref

import numpy as np

# Room for this share more rows than the column holds (an index is rebuilt afresh once a
# quarter of its rows are dead, so an update that replaces rows rarely outgrows it).
SPARE_SHARE = 0.35
SPARE_MIN = 64
# Buffers from this size up get pages of their own (see _empty).
_MAP_MIN_BYTES = 1 << 20

_LOCK = threading.Lock()
# id(root) -> (weak reference to the root, the buffer's shape, rows handed out along its
# growth axis). The root is the array every view of the buffer names as its ``base``.
_USED: dict[int, tuple[weakref.ref, tuple[int, ...], int]] = {}


def _forget(key: int) -> None:
    _USED.pop(key, None)


def roomy(*parts: np.ndarray, axis: int = 0, spare: float = SPARE_SHARE) -> np.ndarray:
    """``parts`` one after the other along ``axis``, copied into a buffer with room to grow;
    a view of it."""
    first = np.asarray(parts[0])
    n = sum(np.shape(p)[axis] for p in parts)
    shape = list(first.shape)
    shape[axis] = n + max(SPARE_MIN, int(n * spare))
    buf = _empty(shape, first.dtype)
    at = 0
    for part in parts:
        k = np.shape(part)[axis]
        if axis == 0:
            buf[at:at + k] = part
        else:
            buf[:, at:at + k] = part
        at += k
    view = _view(buf, axis, n)
    root = view.base
    key = id(root)
    _USED[key] = (weakref.ref(root, lambda _ref, key=key: _forget(key)), buf.shape, n)
    return view


def _empty(shape: list[int], dtype: np.dtype) -> np.ndarray:
    """An uninitialised array; a large one in pages of its own (an anonymous mapping), so
    the room never written is never resident — ``numpy.empty`` may hand out heap memory
    that earlier work already touched. The mapping is released with the last view."""
    nbytes = int(np.prod(shape)) * np.dtype(dtype).itemsize
    if nbytes < _MAP_MIN_BYTES:
        return np.empty(shape, dtype=dtype)
    return np.frombuffer(mmap.mmap(-1, nbytes), dtype=dtype).reshape(shape)


def _view(buf: np.ndarray, axis: int, n: int) -> np.ndarray:
    return buf[:n] if axis == 0 else buf[:, :n]


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
    root = old.base
    buf = None
    with _LOCK:
        entry = _USED.get(id(root)) if isinstance(root, np.ndarray) else None
        if entry is not None and entry[0]() is root and entry[2] == n \
                and entry[1][axis] >= n + k:
            buf = root.reshape(entry[1])
            if old.__array_interface__["data"][0] == buf.__array_interface__["data"][0] \
                    and old.strides == buf.strides:
                _USED[id(root)] = (entry[0], entry[1], n + k)
            else:
                buf = None
    if buf is None:
        return roomy(old, more, axis=axis)
    view = _view(buf, axis, n + k)
    if axis == 0:
        view[n:] = more
    else:
        view[:, n:] = more
    return view


def room_of(root: np.ndarray) -> tuple[tuple[int, ...], int] | None:
    """The buffer shape and the rows handed out of ``root`` (a view's ``base``) when it is a
    buffer made here that can still grow in place; else None (see :mod:`matching.mapped`)."""
    with _LOCK:
        entry = _USED.get(id(root))
    if entry is None or entry[0]() is not root:
        return None
    return entry[1], entry[2]


def adopt(root: np.ndarray, shape: tuple[int, ...], used: int) -> None:
    """Take ``root`` (memory made elsewhere: a mapped file's pages) as a buffer of
    ``shape`` with ``used`` rows handed out, so that its last view grows in place."""
    key = id(root)
    with _LOCK:
        _USED[key] = (weakref.ref(root, lambda _ref, key=key: _forget(key)), tuple(shape),
                      used)
