"""What an import says back: errors located by file, line (or entry) and field, and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from directory.i18n.problems import Problem, joined

if TYPE_CHECKING:
    from directory.listings.schema import ListingIn


@dataclass(frozen=True)
class RowError:
    filename: str
    line: int | None
    field: str | None
    message: str
    where: str = "line"  # "line" for CSV rows, "entry" for feed entries

    def problem(self) -> Problem:
        """The whole error as one message ("file.csv, line 3, field 'weekday': …"), said in
        the reader's language by ``problems.render``."""
        at = "at-entry" if self.where == "entry" else "at-line"
        if self.line is None:
            at = "at-file"
        code = f"{at}-field" if self.field else at
        values: dict = {"file": self.filename, "message": self.message}
        if self.line is not None:
            values["line"] = self.line
        if self.field:
            values["field"] = self.field
        return Problem(code, **values)

    def __str__(self) -> str:
        return str(self.problem())


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Meetings an update removed from a listing, as "slug: Tuesday 7:00 pm" (nothing silent).
    removed_meetings: list[str] = field(default_factory=list)
    # Entries left out by a lenient import (`skip_invalid`), each with entry, field, reason.
    skipped: list[RowError] = field(default_factory=list)
    # Listings edited here since they were last imported: not overwritten, queued for a
    # moderator as conflicts (keep ours / accept incoming).
    conflicts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> Problem:
        """"3 created, 1 updated, 0 unchanged; …" (said in the reader's language on a page)."""
        parts = [Problem("import-counts", created=len(self.created),
                         updated=len(self.updated), unchanged=len(self.unchanged))]
        if self.removed_meetings:
            parts.append(Problem("import-removed", count=len(self.removed_meetings)))
        if self.skipped:
            parts.append(Problem("import-skipped", count=len(self.skipped)))
        if self.conflicts:
            parts.append(Problem("import-conflicts", count=len(self.conflicts),
                                 slugs=", ".join(self.conflicts[:20])))
        return joined(parts)


@dataclass
class LocatedListing:
    """A listing read from a file, with where it was: the line (or entry number) of the
    listing and of each of its meetings, so errors found later point back into the file."""

    listing: ListingIn
    first_line: int
    meeting_lines: list[int] = field(default_factory=list)
    where: str = "line"

    @property
    def slug(self) -> str:
        return self.listing.slug or ""

    def locate(self, path: tuple) -> tuple[int, str]:
        return locate(path, self.meeting_lines or [self.first_line])


def locate(path: tuple, lines: list[int]) -> tuple[int, str]:
    """A schema error path as (line, CSV column)."""
    if path and path[0] == "meetings" and len(path) >= 3:
        index = path[1] if isinstance(path[1], int) and path[1] < len(lines) else 0
        return lines[index], str(path[2])
    return lines[0], str(path[0]) if path else "group_name"
