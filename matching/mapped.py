"""An index written to a file and mapped back, so that its columns are pages of the file.

A search reads a small part of an index: the profiles of the page it returns, the postings of
its words, the places inside its radius. An index built in memory is resident in full, in
the process that built it (gunicorn's master) and so on the host, for as long as it serves.
Mapped from a file, a column is resident only where searches have read it; the rest is the
kernel's page cache, which it may drop under pressure and read again. The workers forked
after the mapping share its pages, as they shared the built index's.

The file: a prefix (magic, where the header is), each large array buffer (a "root": what a
column's ``base`` is) at a page-aligned offset, then the header — a pickle of the index in
which each large array is a reference into a root, and the table of roots. Pages of zeros
are left as holes, so a buffer's room to grow (``matching/grow.py``) takes no disk. The
mapping is copy-on-write (MAP_PRIVATE): an incremental update in a worker writes the new
rows into a buffer's spare room in that worker's memory, as it would in a built index, and
the file never changes.

Not a storage format: written and read back by the same code, in the same process, to move
an index out of the heap; the file is unlinked as soon as it is mapped (it lives while the
mapping does), and a restarted server builds again. The header is a pickle only this process
wrote (a private temporary file), never one received from elsewhere.
"""

from __future__ import annotations

import io
import mmap
import os
import pickle
import struct
import tempfile
from typing import TypeVar

import numpy as np

from matching.grow import adopt, room_of

MAGIC = b"CIRCLIX1"
_PREFIX = struct.Struct("<8sQQ")  # magic, header offset, header length
_PAGE = mmap.PAGESIZE
# Smaller buffers stay in the header (copied into memory on loading).
MIN_ROOT_BYTES = 1 << 16
# Buffers are written in chunks of this size; a chunk of zeros is skipped (a hole).
_CHUNK = 1 << 20

T = TypeVar("T")


def _root(arr: np.ndarray) -> np.ndarray:
    """The array that holds ``arr``'s memory (the end of its chain of ``base`` arrays)."""
    root = arr
    while isinstance(root.base, np.ndarray):
        root = root.base
    return root


class _Writer(pickle.Pickler):
    """Pickles an object graph with each large array as a reference into a root buffer."""

    def __init__(self, fh: io.BytesIO) -> None:
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.roots: list[np.ndarray] = []
        self._seen: dict[int, int] = {}

    def persistent_id(self, obj: object) -> tuple | None:
        if type(obj) is not np.ndarray or obj.dtype.hasobject or obj.dtype.fields:
            return None
        root = _root(obj)
        if root.nbytes < MIN_ROOT_BYTES or not root.flags.c_contiguous \
                or root.dtype.hasobject or root.dtype.fields:
            return None
        idx = self._seen.get(id(root))
        if idx is None:
            idx = self._seen[id(root)] = len(self.roots)
            self.roots.append(root)
        offset = obj.__array_interface__["data"][0] - root.__array_interface__["data"][0]
        return ("array", idx, offset, obj.dtype.str, obj.shape, obj.strides,
                bool(obj.flags.writeable))


def _align(offset: int) -> int:
    return -(-offset // _PAGE) * _PAGE


def _write_root(fd: int, root: np.ndarray, at: int) -> None:
    flat = root.reshape(-1).view(np.uint8)
    for lo in range(0, flat.size, _CHUNK):
        chunk = flat[lo:lo + _CHUNK]
        if chunk.any():  # zeros (a buffer's unwritten room) stay a hole
            os.pwrite(fd, memoryview(chunk), at + lo)


def save(obj: object, path: str | os.PathLike[str]) -> int:
    """Write ``obj`` (an index, or anything holding numpy arrays) to ``path``; returns the
    bytes of disk the file takes (holes not counted)."""
    payload = io.BytesIO()
    writer = _Writer(payload)
    writer.dump(obj)
    table = []
    at = _PAGE  # the prefix's page
    with open(path, "wb") as fh:
        fd = fh.fileno()
        for root in writer.roots:
            room = room_of(root)
            table.append((at, root.dtype.str, int(root.size), room))
            _write_root(fd, root, at)
            at = _align(at + root.nbytes)
        header = pickle.dumps({"roots": table, "payload": payload.getvalue()},
                              protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(fd, header, at)
        os.pwrite(fd, _PREFIX.pack(MAGIC, at, len(header)), 0)
        os.fsync(fd)
        return os.fstat(fd).st_blocks * 512


def load(path: str | os.PathLike[str], *, unlink: bool = False) -> object:
    """What :func:`save` wrote to ``path``, its large arrays mapped from the file
    (copy-on-write). ``unlink``: remove the file once mapped (the mapping keeps it)."""
    with open(path, "rb") as fh:
        magic, header_at, header_len = _PREFIX.unpack(fh.read(_PREFIX.size))
        if magic != MAGIC:
            raise ValueError(f"{path} is not a mapped index file")
        fh.seek(header_at)
        header = pickle.loads(fh.read(header_len))  # noqa: S301 -- this process wrote it
        mapping = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)
    if unlink:
        os.unlink(path)
    roots = []
    for at, dtype, size, room in header["roots"]:
        root = np.frombuffer(mapping, dtype=np.dtype(dtype), count=size, offset=at)
        if room is not None:
            adopt(root, *room)
        roots.append(root)

    class _Reader(pickle.Unpickler):
        def persistent_load(self, pid: tuple) -> np.ndarray:
            _kind, idx, offset, dtype, shape, strides, writeable = pid
            arr = np.ndarray(shape, np.dtype(dtype), buffer=roots[idx], offset=offset,
                             strides=strides)
            if not writeable:
                arr.flags.writeable = False
            return arr

    return _Reader(io.BytesIO(header["payload"])).load()


def mapped(obj: T, directory: str | os.PathLike[str] | None = None) -> tuple[T, int]:
    """``obj`` written to a private temporary file in ``directory`` (the system's temporary
    directory by default) and mapped back; the file is unlinked at once. Returns the mapped
    copy and the bytes of disk it takes. ``obj`` itself is unchanged."""
    fd, path = tempfile.mkstemp(prefix="circles-index-", suffix=".map", dir=directory)
    os.close(fd)
    try:
        size = save(obj, path)
        return load(path, unlink=True), size  # type: ignore[return-value]
    finally:
        if os.path.exists(path):
            os.unlink(path)
