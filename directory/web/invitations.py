"""The editor-invitation mail, shared by the moderators' and the editors' pages."""

from __future__ import annotations

from flask import current_app, url_for

from directory.mail_queue import queue_mail
from directory.models import Organization
from directory.moderation.editors import Invitation
from directory.services import mail


def send_invitation(invitation: Invitation, organization: Organization, *,
                    inviter: str) -> None:
    """Queue the invitation mail (it leaves once the request commits)."""
    hours = int(current_app.config["EDITOR_INVITE_HOURS"])
    link = current_app.config["BASE_URL"] + url_for("editors.accept_invitation",
                                                    token=invitation.token)
    subject, body = mail.editor_invitation_message(organization=organization.name, link=link,
                                                   hours=hours, inviter=inviter)
    queue_mail(to=invitation.row.email, subject=subject, body=body)
