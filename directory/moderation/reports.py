"""Seekers' reports of problems with a listing, and the moderators' queue of them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from directory.i18n.text import N_
from directory.i18n.text import gettext as _
from directory.listings.fields import CONTROL_RE
from directory.models import AuditEntry, Group, Report

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


REPORT_STATES: dict[str, str] = {
    "open": N_("Open"),
    "acknowledged": N_("Acknowledged (being looked at)"),
    "fixed": N_("Fixed"),
    "dismissed": N_("Dismissed (nothing to change)"),
}
WORKING_STATES = ("open", "acknowledged")
CLOSED_STATES = ("fixed", "dismissed")
MAX_NOTE = 2000


class ReportError(Exception):
    """A state change that cannot be made (unknown state, bad note)."""


def list_open_reports(session: Session) -> list[tuple[Report, Group]]:
    """Reports still being worked (open or acknowledged) with their groups, oldest first."""
    return list(
        session.exec(
            select(Report, Group)
            .join(Group, Group.id == Report.group_id)
            .where(Report.status.in_(WORKING_STATES))
            .order_by(Report.created_at, Report.id)
        ).all()
    )


def set_report_state(
    session: Session, *, report_id: int, state: str, note: str, moderator: str, now: datetime
) -> Report | None:
    """Move a report to `state` with the moderator's note, audited; None when it does not
    exist. Fixed and dismissed close it."""
    if state not in REPORT_STATES:
        raise ReportError(_("Choose open, acknowledged, fixed or dismissed."))
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ReportError(_("The note is %(length)s characters long; the limit is %(limit)s.",
                            length=len(note), limit=MAX_NOTE))
    if CONTROL_RE.search(note.replace("\r\n", "\n").replace("\n", " ")):
        raise ReportError(_("The note contains control characters."))
    report = session.get(Report, report_id)
    if report is None:
        return None
    group = session.get(Group, report.group_id)
    before = report.status
    report.status = state
    report.note = note or report.note
    if state in CLOSED_STATES:
        report.resolved_at = now
        report.resolved_by = moderator
    else:
        report.resolved_at = None
        report.resolved_by = None
    session.add(report)
    session.add(AuditEntry(
        at=now, actor=moderator[:300], action=f"report {state}",
        group_id=group.id if group else None, group_slug=group.slug if group else None,
        before=[{"report": report.id, "status": before}],
        after=[{"report": report.id, "status": state}],
        note=f"{REPORT_KINDS.get(report.kind, report.kind)}" + (f": {note}" if note else ""),
    ))
    session.flush()
    return report


def resolve_report(
    session: Session, *, report_id: int, moderator: str, now: datetime
) -> Report | None:
    """Close a report as fixed; None when it does not exist."""
    return set_report_state(session, report_id=report_id, state="fixed", note="",
                            moderator=moderator, now=now)
