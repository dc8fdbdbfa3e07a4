"""How the web server's processes ask glibc's malloc for memory (nothing elsewhere).

Measured with ``benchmarks/bench_matching.py`` at a million groups, 4 workers (see its
README): a worker's own memory was its searches' freed scratch, kept for reuse — 75 MB, or
172 MB when the master had done more before forking, though no search needs more than 30 MB
at once. The scratch filled the holes the index build had left in the master's heap, a
little of each, so the pages touched spread over hundreds of MB. Two settings:

* :func:`for_building` (the master, before it builds): blocks of 256 KB and up get pages of
  their own and go back to the system when freed, so the build's temporaries leave no holes.
  Searches under it are twice as slow (each temporary's pages are faulted in afresh), so it
  is for building only.
* :func:`for_serving` (each worker after the fork, and anything that searches): one arena
  for all of the process's threads (each thread's arena would keep its own scratch), blocks
  up to 32 MB from the heap and the heap trimmed only past 64 MB free, so a search reuses
  the previous one's pages instead of faulting in new ones.
"""

from __future__ import annotations

import ctypes

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8

BUILD_MMAP_THRESHOLD = 256 << 10
SERVE_MMAP_THRESHOLD = 32 << 20  # glibc's largest (HEAP_MAX_SIZE / 2 on 64-bit)
SERVE_TRIM_THRESHOLD = 64 << 20


def _mallopt(param: int, value: int) -> bool:
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(param, value))
    except (OSError, AttributeError):  # not glibc
        return False


def for_building() -> bool:
    """Large blocks in pages of their own (see the module's docstring). True when applied."""
    return _mallopt(M_MMAP_THRESHOLD, BUILD_MMAP_THRESHOLD)


def for_serving() -> bool:
    """One arena; scratch reused from the heap (see the module's docstring). True when
    applied."""
    return all([_mallopt(M_ARENA_MAX, 1), _mallopt(M_MMAP_THRESHOLD, SERVE_MMAP_THRESHOLD),
                _mallopt(M_TRIM_THRESHOLD, SERVE_TRIM_THRESHOLD)])
