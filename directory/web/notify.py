"""Tell moderators about new work from a request: the notice is stored with the request's
unit of work, and the moderators who chose immediate mail get it after the commit (through
the mail queue, never inside the request)."""

from __future__ import annotations

from flask import current_app

from directory.i18n.text import DEFAULT_LANGUAGE, using_language
from directory.mail_queue import queue_mail
from directory.models import Group, utcnow
from directory.moderation import notices


def notify_moderators(db, *, kind: str, group: Group) -> None:  # noqa: ANN001 - a Session
    """Record a notice of `kind` about `group` and queue its immediate mails."""
    notice = notices.record_notice(db, kind=kind, group=group, now=utcnow())
    for user in notices.recipients(db, notify="immediate"):
        # Each moderator reads it in their own language, not the submitter's.
        with using_language(user.language or DEFAULT_LANGUAGE):
            subject, body = notices.notice_message(notice,
                                                   base_url=current_app.config["BASE_URL"])
        queue_mail(to=user.email, subject=subject, body=body)
