"""One page of a longer list, and the links to its neighbours.

Every paginated page (search results, the moderation queue, the audit log, the list of
organizations) builds a `Page` and renders it with the one macro in
templates/_macros/paging.html. A page number past the last shows the last page (a link kept
from when the list was longer still lands somewhere useful); a bad number never reaches
here (each page's parser turns it into page 1, with a notice where it has one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import request

PAGE_ARG = "page"
# How many page numbers are linked either side of the current one.
WINDOW = 2


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` items fill (at least one, though it may be empty)."""
    return max(1, -(-max(total, 0) // max(per_page, 1)))


def current_url_for_page(number: int) -> str:
    """This request's address with `page` set to `number`, every other argument kept (in
    its order, repeated ones too)."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != PAGE_ARG]
    args.append((PAGE_ARG, str(number)))
    return f"{request.path}?{urlencode(args)}"


@dataclass(frozen=True)
class Page:
    """Page `page` (from 1) of `total` items, `per_page` at a time; `items` are its own.
    `link(n)` is the address of page n (by default: this request's, with page=n)."""

    items: Sequence[Any]
    page: int
    per_page: int
    total: int
    link: Callable[[int], str] | None = None

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        """The position (from 1) of this page's first item in the whole list."""
        return (self.page - 1) * self.per_page + 1

    def url(self, number: int) -> str:
        """The address of page `number` (clamped to the pages there are)."""
        number = min(max(number, 1), self.pages)
        return (self.link or current_url_for_page)(number)

    def numbers(self) -> list[int | None]:
        """The page numbers to link: the first, the last and a few around this one; None
        where some are left out."""
        shown = sorted({1, self.pages} | set(range(max(1, self.page - WINDOW),
                                                   min(self.pages, self.page + WINDOW) + 1)))
        out: list[int | None] = []
        for number in shown:
            if out and number - out[-1] > 1:  # type: ignore[operator]
                out.append(None)
            out.append(number)
        return out


def fetch_page(fetch: Callable[[int], tuple[Sequence[Any], int]], *, page: int,
               per_page: int, link: Callable[[int], str] | None = None) -> Page:
    """The page `page` from `fetch(n) -> (items of page n, total)`; past the last page, the
    last page (fetched again: only a stale link pays for that)."""
    page = max(page, 1)
    items, total = fetch(page)
    last = page_count(total, per_page)
    if page > last:
        page = last
        items, total = fetch(page)
    return Page(items=list(items), page=page, per_page=per_page, total=total, link=link)
