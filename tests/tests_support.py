"""Shared constants for the test suites."""

from datetime import UTC, datetime

FIXED_NOW = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
