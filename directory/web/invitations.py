"""Invitation mail, shared by the moderators' and the editors' pages (and the CLI): an
editor's invitation, and a staff account's one-time set-password link."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, url_for

from directory.i18n.text import N_, current_language, using_language
from directory.i18n.text import gettext as _
from directory.mail_queue import queue_mail
from directory.models import Organization
from directory.moderation.editors import Invitation
from directory.moderation.staff_links import StaffLink
from directory.services import mail

ROLE_WORDS = {"admin": N_("admin"), "moderator": N_("moderator")}
STAFF_LINK_PATH = "/admin/set-password/"


def send_invitation(invitation: Invitation, organization: Organization, *,
                    inviter: str) -> None:
    """Queue the invitation mail (it leaves once the request commits), written in the
    language stored with the invitation (the inviter's), else the one being spoken."""
    hours = int(current_app.config["EDITOR_INVITE_HOURS"])
    link = current_app.config["BASE_URL"] + url_for("editors.accept_invitation",
                                                    token=invitation.token)
    with using_language(invitation.row.language or current_language()):
        subject, body = mail.editor_invitation_message(
            organization=organization.name, link=link, hours=hours, inviter=inviter)
    queue_mail(to=invitation.row.email, subject=subject, body=body)


def staff_link_message(link: StaffLink, *, base_url: str, hours: int, inviter: str
                       ) -> tuple[str, str]:
    """Subject and body of the mail carrying a staff account's set-password link."""
    return mail.staff_link_message(
        purpose=link.row.purpose, role=_(ROLE_WORDS.get(link.user.role, "moderator")),
        link=base_url + STAFF_LINK_PATH + link.token, hours=hours, inviter=inviter)


def send_staff_link(link: StaffLink, *, inviter: Callable[[], str],
                    language: str | None = None) -> None:
    """Queue the set-password mail (it leaves once the request commits), written in
    `language`, else the account's own, else the one being spoken; `inviter()` names who
    sent it, in that language."""
    with using_language(language or link.user.language or current_language()):
        subject, body = staff_link_message(
            link, base_url=current_app.config["BASE_URL"],
            hours=int(current_app.config["STAFF_INVITE_HOURS"]), inviter=inviter())
    queue_mail(to=link.user.email, subject=subject, body=body)
