"""Seekers' reports of problems with a listing, and the moderators' queue of them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from directory.listings.fields import CONTROL_RE
from directory.models import Group, Report

REPORT_KINDS: dict[str, str] = {
    "wrong-time": "The day or time is wrong",
    "did-not-meet": "The group didn't meet",
    "link-broken": "The online link or phone number doesn't work",
    "other": "Something else",
}
MAX_DETAILS = 2000


def validate_report(*, kind: str, details: str) -> dict[str, str]:
    """Check a report form; returns {field: message}."""
    errors: dict[str, str] = {}
    if kind not in REPORT_KINDS:
        errors["kind"] = "Choose what is wrong."
    if len(details) > MAX_DETAILS:
        errors["details"] = f"This is {len(details)} characters long; the limit is {MAX_DETAILS}."
    elif CONTROL_RE.search(details):
        errors["details"] = "This contains control characters."
    elif kind == "other" and not details.strip():
        errors["details"] = "Please tell us what is wrong."
    return errors


def file_report(
    session: Session, *, group: Group, kind: str, details: str, now: datetime
) -> Report:
    """Store a report for the moderators (no IP address or other identity is kept)."""
    report = Report(group_id=group.id, kind=kind, details=details.strip(), created_at=now)
    session.add(report)
    session.flush()
    return report


def list_open_reports(session: Session) -> list[tuple[Report, Group]]:
    """Open reports with their groups, oldest first."""
    return list(
        session.exec(
            select(Report, Group)
            .join(Group, Group.id == Report.group_id)
            .where(Report.status == "open")
            .order_by(Report.created_at, Report.id)
        ).all()
    )


def resolve_report(
    session: Session, *, report_id: int, moderator: str, now: datetime
) -> Report | None:
    """Close a report; None when it does not exist."""
    report = session.get(Report, report_id)
    if report is None:
        return None
    report.status = "resolved"
    report.resolved_at = now
    report.resolved_by = moderator
    session.add(report)
    session.flush()
    return report
