"""The topic taxonomy as the matcher sees it, built by the caller from plain data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from matching import weights as W


@dataclass(frozen=True)
class Taxonomy:
    """Topic codes with labels, one level of parents, and everyday phrases.

    Build it with :meth:`from_topics`; the matcher never imports the directory's taxonomy.
    """

    labels: dict[str, str]
    parents: dict[str, str | None]
    phrases: dict[str, tuple[str, ...]]
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_topics(cls, topics: Iterable[object]) -> Taxonomy:
        """Build from ``(code, label, parent_or_None, phrases)`` tuples.

        Objects with ``code``, ``label``, ``parent`` and ``phrases`` attributes (such as the
        directory's ``Topic``) are accepted too.

        Example:
            >>> tax = Taxonomy.from_topics([("addiction", "Addiction", None, ("sober",)),
            ...                             ("alcohol", "Alcohol", "addiction", ("drinking",))])
            >>> tax.expand(["addiction"]) == {"addiction", "alcohol"}
            True
        """
        labels: dict[str, str] = {}
        parents: dict[str, str | None] = {}
        phrases: dict[str, tuple[str, ...]] = {}
        for item in topics:
            if isinstance(item, tuple | list):
                code, label, parent, phr = (tuple(item) + (None, None, None, ()))[:4]
            else:
                code = item.code  # type: ignore[attr-defined]
                label = item.label  # type: ignore[attr-defined]
                parent = item.parent  # type: ignore[attr-defined]
                phr = item.phrases  # type: ignore[attr-defined]
            code = str(code)
            labels[code] = str(label) if label else code
            parents[code] = str(parent) if parent else None
            phrases[code] = tuple(str(p) for p in (phr or ()))
        children: dict[str, list[str]] = {c: [] for c in labels}
        for code, parent in parents.items():
            if parent in children:
                children[parent].append(code)
        return cls(labels, parents, phrases, {k: tuple(v) for k, v in children.items()})

    @property
    def codes(self) -> tuple[str, ...]:
        """All topic codes, parents and children, in the order given."""
        return tuple(self.labels)

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def label(self, code: str) -> str:
        """The label of a code, or the code itself when unknown."""
        return self.labels.get(code, code)

    def expand(self, codes: Iterable[str]) -> set[str]:
        """The codes plus the children of every parent among them."""
        out: set[str] = set()
        for code in codes:
            out.add(code)
            out.update(self.children.get(code, ()))
        return out

    def relation(self, wanted: str, have: str) -> float:
        """How well a group listing topic ``have`` serves a seeker wanting ``wanted`` (0–1).

        1 for the same topic, ``TOPIC_CHILD_OF_WANTED`` when ``have`` is a child of the
        wanted parent, ``TOPIC_PARENT_OF_WANTED`` when ``have`` is the parent of the wanted
        child, ``TOPIC_SIBLING`` for two children of one parent, else 0.
        """
        if wanted == have:
            return W.TOPIC_EXACT
        pw = self.parents.get(wanted)
        ph = self.parents.get(have)
        if ph is not None and ph == wanted:
            return W.TOPIC_CHILD_OF_WANTED
        if pw is not None and pw == have:
            return W.TOPIC_PARENT_OF_WANTED
        if pw is not None and pw == ph:
            return W.TOPIC_SIBLING
        return 0.0
