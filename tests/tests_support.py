"""Shared constants for the test suites."""

from datetime import UTC, datetime

FIXED_NOW = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)

# axe-core rule sets every page must pass: WCAG 2.0–2.2 A and AA, plus best practices.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                      "wcag22aa", "best-practice"]}}

# The moderator the browser tests' live server holds.
ADMIN_EMAIL = "moderator@example.org"
ADMIN_PASSWORD = "a long and quiet evening"


def standards_dir():
    """../shared/standards (the published HSDS and Meeting Guide files), wherever this
    checkout sits: CIRCLES_STANDARDS_DIR, else beside the repository, else /work/shared."""
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    candidates = [os.environ.get("CIRCLES_STANDARDS_DIR"), root.parent / "shared" / "standards",
                  "/work/shared/standards"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "hsds" / "schema").is_dir():
            return Path(candidate)
    raise FileNotFoundError(
        "the shared standards folder was not found; set CIRCLES_STANDARDS_DIR to "
        "…/shared/standards"
    )
