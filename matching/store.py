"""The index's copy of its group profiles, compact: each compressed on its own, in one byte
array, with a zstd dictionary trained on the profiles (so a record of ~550 bytes takes ~130).

An index needs a profile only for the rows of the page it returns (reasons, the next meeting),
for a few near-name candidates and for the rows an incremental update replaces. Keeping a
million :class:`GroupProfile` objects alive would cost ~1 GB of Python objects whose pages
every forked worker dirties (reference counts); here they are plain bytes in numpy arrays,
shared page by page between the workers and never written. A profile decodes back to an equal
:class:`GroupProfile` (``==``); a value of an unexpected type is kept pickled.
"""

from __future__ import annotations

import marshal
import pickle
import threading
import zlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import zstandard

from matching.grow import appended, roomy
from matching.profiles import GroupProfile, MeetingProfile

# zstd's level: 3 compresses a profile in ~4 µs; higher levels gain ~10 % for 3–5× the time.
_LEVEL = 3
# The dictionary (trained from up to _SAMPLES profiles spread over the build; none for fewer
# than _MIN_SAMPLES, whose records are then compressed alone).
_DICT_BYTES = 64 * 1024
_SAMPLES = 4000
_MIN_SAMPLES = 500
_BATCH = 20_000
_BAD = object()  # marshal refuses it: a record holding one is encoded the careful way
_DT_MIN = datetime.min
_US = timedelta(microseconds=1)


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _date(value: object) -> object:
    if value is None:
        return None
    if type(value) is date:
        return value.toordinal()
    return _pickled(value)


def _undate(value: object) -> object:
    if value is None or type(value) is int:
        return None if value is None else date.fromordinal(value)
    return pickle.loads(value)  # type: ignore[arg-type]


def _time(value: object) -> object:
    if value is None:
        return None
    if type(value) is time and value.tzinfo is None and not value.fold:
        return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 \
            + value.microsecond
    return _pickled(value)


def _untime(value: object) -> object:
    if value is None:
        return None
    if type(value) is int:
        seconds, us = divmod(value, 1_000_000)
        minutes, s = divmod(seconds, 60)
        h, m = divmod(minutes, 60)
        return time(h, m, s, us)
    return pickle.loads(value)  # type: ignore[arg-type]


def _datetime(value: object) -> object:
    if value is None:
        return None
    if type(value) is datetime and not value.fold and (value.tzinfo is None
                                                        or value.tzinfo is UTC):
        us = (value.replace(tzinfo=None) - _DT_MIN) // _US
        return (us, value.tzinfo is UTC)
    return _pickled(value)


def _undatetime(value: object) -> object:
    if value is None:
        return None
    if type(value) is tuple:
        us, aware = value
        out = _DT_MIN + timedelta(microseconds=us)
        return out.replace(tzinfo=UTC) if aware else out
    return pickle.loads(value)  # type: ignore[arg-type]


def _plain(value: object) -> bool:
    """A value marshal keeps exactly (and gives back as the same type)."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return True
    return kind is tuple and all(type(v) is str for v in value)  # type: ignore[union-attr]


def _meeting(m: MeetingProfile) -> object:
    if type(m) is not MeetingProfile:
        return _pickled(m)
    rest = (m.weekday, m.timezone, m.recurrence, m.online, m.lat, m.lon, m.attendance)
    if not all(_plain(v) for v in rest):
        return _pickled(m)
    return (m.weekday, _time(m.start), _time(m.end), m.timezone, m.recurrence,
            _date(m.starts_on), _date(m.ends_on), m.online, m.lat, m.lon, m.attendance)


def _unmeeting(rec: object) -> MeetingProfile:
    if type(rec) is bytes:
        return pickle.loads(rec)
    (weekday, start, end, tz, recurrence, starts_on, ends_on, online, lat, lon,
     attendance) = rec  # type: ignore[misc]
    return MeetingProfile(weekday=weekday, start=_untime(start), end=_untime(end),  # type: ignore[arg-type]
                          timezone=tz, recurrence=recurrence, starts_on=_undate(starts_on),  # type: ignore[arg-type]
                          ends_on=_undate(ends_on), online=online, lat=lat, lon=lon,  # type: ignore[arg-type]
                          attendance=attendance)


_PLAIN_FIELDS = ("id", "slug", "name", "organization", "description", "topics", "approach",
                 "format", "cost", "languages", "audience", "access", "welcome",
                 "accepting_new_members", "lat", "lon")


def encode(g: GroupProfile) -> object:
    """One profile as marshal-able values (bytes: pickled, for anything unusual)."""
    if type(g) is not GroupProfile or type(g.meetings) is not tuple:
        return _pickled(g)
    plain = tuple(getattr(g, f) for f in _PLAIN_FIELDS)
    if not all(_plain(v) for v in plain):
        return _pickled(g)
    return (plain, _date(g.last_verified), _datetime(g.updated),
            tuple(_meeting(m) for m in g.meetings))


def _fast(g: GroupProfile) -> object:
    """:func:`encode` for the usual profile, without its checks: any value it does not
    convert is left as it is or replaced by ``_BAD``, and marshal refuses the block."""
    if type(g) is not GroupProfile:
        return _BAD
    v, u = g.last_verified, g.updated
    meetings = []
    for m in g.meetings:
        st, en = m.start, m.end
        meetings.append((
            m.weekday,
            ((st.hour * 60 + st.minute) * 60 + st.second) * 1_000_000 + st.microsecond
            if type(st) is time and st.tzinfo is None and not st.fold else _BAD,
            None if en is None else
            ((en.hour * 60 + en.minute) * 60 + en.second) * 1_000_000 + en.microsecond
            if type(en) is time and en.tzinfo is None and not en.fold else _BAD,
            m.timezone, m.recurrence,
            None if m.starts_on is None else
            m.starts_on.toordinal() if type(m.starts_on) is date else _BAD,
            None if m.ends_on is None else
            m.ends_on.toordinal() if type(m.ends_on) is date else _BAD,
            m.online, m.lat, m.lon, m.attendance) if type(m) is MeetingProfile else _BAD)
    return ((g.id, g.slug, g.name, g.organization, g.description, g.topics, g.approach,
             g.format, g.cost, g.languages, g.audience, g.access, g.welcome,
             g.accepting_new_members, g.lat, g.lon),
            None if v is None else v.toordinal() if type(v) is date else _BAD,
            None if u is None else ((u.replace(tzinfo=None) - _DT_MIN) // _US, u.tzinfo is UTC)
            if type(u) is datetime and not u.fold and (u.tzinfo is None or u.tzinfo is UTC)
            else _BAD,
            tuple(meetings) if type(g.meetings) is tuple else _BAD)


def _record(g: GroupProfile) -> bytes:
    try:
        # marshal takes only exact str/int/float/bool/None/tuple/list values: anything else
        # (a subclass, a Decimal, a zoned time, _BAD) raises, and the record goes the long way.
        return marshal.dumps(_fast(g))
    except (ValueError, TypeError, AttributeError):
        return marshal.dumps(encode(g))


def _train(profiles: Sequence[GroupProfile]) -> zstandard.ZstdCompressionDict | None:
    """A dictionary of what the profiles share (field values, zones, phrases), learnt from
    up to _SAMPLES of them spread over the list; None for fewer than _MIN_SAMPLES."""
    if len(profiles) < _MIN_SAMPLES:
        return None
    step = max(1, len(profiles) // _SAMPLES)
    sample = [_record(g) for g in profiles[::step][:_SAMPLES]]
    try:
        return zstandard.train_dictionary(_DICT_BYTES, sample, threads=0)
    except zstandard.ZstdError:  # too little to learn from (identical records, say)
        return None


def decode(rec: object) -> GroupProfile:
    if type(rec) is bytes:
        return pickle.loads(rec)
    plain, verified, updated, meetings = rec  # type: ignore[misc]
    kw = dict(zip(_PLAIN_FIELDS, plain, strict=True))
    return GroupProfile(**kw, last_verified=_undate(verified),  # type: ignore[arg-type]
                        updated=_undatetime(updated),  # type: ignore[arg-type]
                        meetings=tuple(_unmeeting(m) for m in meetings))


class ProfileStore:
    """Row → profile, for rows 0 … n-1, each row a zstd frame (``offsets[r]:offsets[r + 1]``
    of ``blob``), so a page decodes only its own rows (~5 µs each)."""

    def __init__(self, profiles: Sequence[GroupProfile] = ()) -> None:
        self._zdict = _train(profiles)
        self._local = threading.local()
        # In batches, so the uncompressed records of a million profiles are never all held.
        chunks, lengths = [], []
        for lo in range(0, len(profiles), _BATCH):
            blob, sizes = self._compress(profiles[lo:lo + _BATCH])
            chunks.append(blob)
            lengths.append(sizes)
        self.size = len(profiles)
        offsets = np.zeros(self.size + 1, dtype=np.int64)
        if lengths:
            np.cumsum(np.concatenate(lengths), out=offsets[1:])
        # With room to grow: extended() appends records in place (matching/grow.py).
        self.offsets = roomy(offsets)
        self.blob = roomy(np.frombuffer(b"".join(chunks), dtype=np.uint8))

    def __getstate__(self) -> dict[str, object]:
        """For a copy in a file (``matching/mapped.py``): the dictionary as its bytes; no
        per-thread decompressors, no decoded profiles."""
        state = {k: v for k, v in vars(self).items() if k not in ("_local", "_recent")}
        state["_zdict"] = None if self._zdict is None else self._zdict.as_bytes()
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        raw = state["_zdict"]
        self._zdict = None if raw is None else zstandard.ZstdCompressionDict(raw)
        self._local = threading.local()

    def _compress(self, profiles: Sequence[GroupProfile]) -> tuple[bytes, np.ndarray]:
        """The records of ``profiles`` compressed, end to end, and each one's length."""
        # A compressor per call: zstandard's objects are not safe to share between threads.
        zc = zstandard.ZstdCompressor(level=_LEVEL, dict_data=self._zdict,
                                      write_checksum=False, write_dict_id=False)
        frames = [zc.compress(_record(g)) for g in profiles]
        return b"".join(frames), np.fromiter(map(len, frames), dtype=np.int64,
                                             count=len(frames))

    def _decompressor(self) -> zstandard.ZstdDecompressor:
        dctx = getattr(self._local, "dctx", None)
        if dctx is None:
            dctx = self._local.dctx = zstandard.ZstdDecompressor(dict_data=self._zdict)
        return dctx

    def extended(self, profiles: Sequence[GroupProfile]) -> ProfileStore:
        """A new store: these rows, then ``profiles`` as rows ``size`` … (this one unchanged).

        The new records (compressed with this store's dictionary) are written after this
        store's bytes, in place when there is room (``matching/grow.py``): the cost is the new
        profiles', not the store's.
        """
        blob, lengths = self._compress(profiles)
        out = ProfileStore.__new__(ProfileStore)
        out._zdict = self._zdict
        out._local = threading.local()
        out.size = self.size + lengths.size
        out.blob = appended(self.blob, np.frombuffer(blob, dtype=np.uint8))
        out.offsets = appended(self.offsets, self.offsets[-1] + np.cumsum(lengths))
        return out

    def _row(self, row: int) -> object:
        lo, hi = self.offsets[row:row + 2].tolist()
        return marshal.loads(self._decompressor().decompress(self.blob[lo:hi]))

    def get(self, row: int) -> GroupProfile:
        return self.get_many([row])[0]

    # Profiles decoded for pages are kept (immutable, so shared safely), up to this many:
    # searches repeat (the next page, an intergroup's embedded list, the common needs of a
    # city), and decoding a page costs ~40 µs a result (zstd, marshal, the objects).
    RECENT = 2048
    # Larger requests (an update's replaced rows, every group) pass the cache by.
    RECENT_REQUEST = 64

    def get_many(self, rows: Iterable[int]) -> list[GroupProfile]:
        """The profiles of ``rows`` (in that order)."""
        rows = [int(r) for r in rows]
        if not rows:
            return []
        recent = vars(self).get("_recent")
        if recent is None:
            recent = self._recent = {}
        keep = len(rows) <= self.RECENT_REQUEST
        out: list[GroupProfile | None] = [recent.get(r) for r in rows] if keep else \
            [None] * len(rows)
        todo = [i for i, g in enumerate(out) if g is None]
        if todo:
            if keep and len(recent) + len(todo) > self.RECENT:
                recent.clear()
            for i in todo:
                row = rows[i]
                if not 0 <= row < self.size:
                    raise IndexError(row)
                g = out[i] = decode(self._row(row))
                if keep:
                    recent[row] = g
        return out  # type: ignore[return-value]

    def nbytes(self) -> int:
        return self.blob.nbytes + self.offsets.nbytes + \
            (len(self._zdict.as_bytes()) if self._zdict is not None else 0)


class StringColumn:
    """One string per row (UTF-8 bytes in one array and their offsets), for reading a few
    rows' strings without decoding their profiles; appended in place like the columns."""

    def __init__(self, strings: Sequence[str] = ()) -> None:
        raw = [s.encode("utf-8", "surrogatepass") for s in strings]
        offsets = np.zeros(len(raw) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, raw), dtype=np.int64, count=len(raw)), out=offsets[1:])
        self.offsets = roomy(offsets)
        self.blob = roomy(np.frombuffer(b"".join(raw), dtype=np.uint8))

    def extended(self, strings: Sequence[str]) -> StringColumn:
        """A new column: these rows, then ``strings`` (this one unchanged)."""
        more = StringColumn(strings)
        out = StringColumn.__new__(StringColumn)
        out.blob = appended(self.blob, more.blob)
        out.offsets = appended(self.offsets, more.offsets[1:] + self.offsets[-1])
        return out

    def get_many(self, rows: Iterable[int]) -> list[str]:
        offsets, blob = self.offsets, self.blob
        out = []
        for row in rows:
            lo, hi = int(offsets[row]), int(offsets[row + 1])
            out.append(blob[lo:hi].tobytes().decode("utf-8", "surrogatepass"))
        return out

    def __len__(self) -> int:
        return int(self.offsets.size) - 1


class RowsById:
    """Group id → row, for the live rows: sorted id and row arrays (a dict of a million ints
    would be ~100 MB of objects). Read-only ``Mapping``-like."""

    def __init__(self, ids: np.ndarray, live: np.ndarray) -> None:
        rows = np.flatnonzero(live)
        order = np.argsort(ids[rows], kind="stable")
        self.rows = rows[order]
        self.ids = ids[self.rows]

    def updated(self, gone_ids: Iterable[int], new_ids: np.ndarray,
                new_rows: np.ndarray) -> RowsById:
        """A new map without ``gone_ids`` and with ``new_ids`` at ``new_rows`` (a new id may
        be one of the gone ones); this one unchanged."""
        out = RowsById.__new__(RowsById)
        gone = np.asarray(sorted({int(i) for i in gone_ids}), dtype=np.int64)
        keep_ids, keep_rows = self.ids, self.rows
        if gone.size:
            at = np.searchsorted(self.ids, gone)
            at = at[(at < self.ids.size) & (self.ids[np.minimum(at, self.ids.size - 1)] == gone)]
            keep_ids, keep_rows = np.delete(self.ids, at), np.delete(self.rows, at)
        order = np.argsort(new_ids, kind="stable")
        new_ids = np.asarray(new_ids, dtype=np.int64)[order]
        new_rows = np.asarray(new_rows, dtype=np.int64)[order]
        at = np.searchsorted(keep_ids, new_ids)
        out.ids = np.insert(keep_ids, at, new_ids)
        out.rows = np.insert(keep_rows, at, new_rows)
        return out

    def _find(self, gid: object) -> int:
        try:
            key = int(gid)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return -1
        if not -(2**63) <= key < 2**63:
            return -1
        i = int(np.searchsorted(self.ids, key))
        if i < self.ids.size and int(self.ids[i]) == key:
            return int(self.rows[i])
        return -1

    def __contains__(self, gid: object) -> bool:
        return self._find(gid) >= 0

    def __getitem__(self, gid: object) -> int:
        row = self._find(gid)
        if row < 0:
            raise KeyError(gid)
        return row

    def get(self, gid: object, default: int | None = None) -> int | None:
        row = self._find(gid)
        return default if row < 0 else row

    def __len__(self) -> int:
        return int(self.ids.size)

    def __iter__(self):  # noqa: ANN204
        return iter(self.ids.tolist())

    def items(self) -> list[tuple[int, int]]:
        return list(zip(self.ids.tolist(), self.rows.tolist(), strict=True))


def _name_hashes(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    h1 = np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys))
    h2 = np.fromiter((zlib.crc32(k.encode("utf-8", "surrogatepass")) for k in keys),
                     dtype=np.int64, count=len(keys))
    return h1, h2


class NameTable:
    """Exact-name key → live rows (ascending), as two independent hashes per row (Python's
    64-bit string hash and CRC-32) sorted by the first: no million-key dict of lists.
    Rows that are no longer live are skipped at lookup. Python's string hash differs between
    processes (PYTHONHASHSEED), so a table is valid in the process that built it and its
    forks only: an index is never written to disk (pickling one would break exact names)."""

    def __init__(self, keys: Sequence[str], rows: np.ndarray) -> None:
        h1, h2 = _name_hashes(keys)
        order = np.lexsort((rows, h1))
        self.h1, self.h2, self.rows = h1[order], h2[order], np.asarray(rows, np.int64)[order]
        self.live: np.ndarray | None = None

    def extended(self, keys: Sequence[str], rows: np.ndarray, live: np.ndarray) -> NameTable:
        """A new table with these (key, row) entries added (rows above all existing ones)."""
        h1, h2 = _name_hashes(keys)
        rows = np.asarray(rows, dtype=np.int64)
        order = np.lexsort((rows, h1))
        h1, h2, rows = h1[order], h2[order], rows[order]
        # After every existing entry of the same hash: rows stay ascending within a key.
        at = np.searchsorted(self.h1, h1, side="right")
        out = NameTable.__new__(NameTable)
        out.h1 = np.insert(self.h1, at, h1)
        out.h2 = np.insert(self.h2, at, h2)
        out.rows = np.insert(self.rows, at, rows)
        out.live = live
        return out

    def get(self, key: str, default: list[int] | None = None) -> list[int] | None:
        h1, h2 = _name_hashes([key])
        lo = int(np.searchsorted(self.h1, h1[0], side="left"))
        hi = int(np.searchsorted(self.h1, h1[0], side="right"))
        if lo == hi:
            return default
        rows = self.rows[lo:hi][self.h2[lo:hi] == h2[0]]
        if self.live is not None and rows.size:
            rows = rows[self.live[rows]]
        return rows.tolist() if rows.size else default

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None
