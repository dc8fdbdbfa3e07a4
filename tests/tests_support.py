"""Shared constants for the test suites."""

from datetime import UTC, datetime

FIXED_NOW = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)

# axe-core rule sets every page must pass: WCAG 2.0–2.2 A and AA, plus best practices.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                      "wcag22aa", "best-practice"]}}

# The moderator the browser tests' live server holds.
ADMIN_EMAIL = "moderator@example.org"
ADMIN_PASSWORD = "a long and quiet evening"
