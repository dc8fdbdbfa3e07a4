"""Text the library says, as English with a message id beside it.

A :class:`Phrase` *is* its English text (a ``str``: join it, compare it, serialise it), and it
also carries ``key`` and ``args`` so that an interface in another language can say the same
thing its own way. The library never translates: the caller maps ``key`` to its catalog.

Example
-------
>>> p = Phrase("distance", "2.3 mi", km=3.7, units="mi")
>>> p, p.key, p.args["units"]
('2.3 mi', 'distance', 'mi')
"""

from __future__ import annotations

from typing import Any


class Phrase(str):
    """English text with a message id (``key``) and the values it was made from (``args``)."""

    key: str
    args: dict[str, Any]

    def __new__(cls, key: str, english: str, **args: Any) -> Phrase:
        self = super().__new__(cls, english)
        self.key = key
        self.args = args
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:
        return (self.key, str(self)), dict(self.args)
