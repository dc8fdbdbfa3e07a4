"""Outgoing e-mail: SMTP when MAIL_SERVER is configured, otherwise one .eml file per message
in a local outbox folder (MAIL_OUTBOX, default instance/outbox/) that a developer can open.

Messages are plain text only, so nothing a listing's owner or a seeker typed can become
markup in a mail client. Log lines never carry a recipient's address or a message's body
(which holds private edit links).
"""

from __future__ import annotations

import logging
import os
import secrets
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from directory.i18n.text import gettext as _

DEFAULT_SENDER = "Circles <no-reply@localhost>"


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int
    username: str | None
    password: str | None
    sender: str
    use_tls: bool


@dataclass(frozen=True)
class OutboxSettings:
    """No SMTP server: each message is written to `folder` as an .eml file."""

    folder: Path
    sender: str = DEFAULT_SENDER


def mail_settings(config: Mapping) -> MailSettings | OutboxSettings:
    """SMTP settings from the app's MAIL_* configuration, or the outbox folder without one."""
    server = config.get("MAIL_SERVER")
    if not server:
        return OutboxSettings(folder=Path(config["MAIL_OUTBOX"]),
                              sender=config.get("MAIL_FROM") or DEFAULT_SENDER)
    return MailSettings(
        server=server,
        port=int(config.get("MAIL_PORT") or 25),
        username=config.get("MAIL_USERNAME") or None,
        password=config.get("MAIL_PASSWORD") or None,
        sender=config.get("MAIL_FROM") or DEFAULT_SENDER,
        use_tls=str(config.get("MAIL_USE_TLS", "")).lower() in ("1", "true", "yes"),
    )


def build_message(sender: str, *, to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message; header values are stripped of line breaks."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to.replace("\r", " ").replace("\n", " ")
    message["Subject"] = subject.replace("\r", " ").replace("\n", " ")[:200]
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="circles.invalid")
    message.set_content(body)
    return message


def write_to_outbox(folder: Path, message: EmailMessage) -> Path:
    """Write `message` to `folder` as a new .eml file (created atomically); its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
    partial = path.with_suffix(".part")
    partial.write_bytes(message.as_bytes())
    os.replace(partial, path)
    return path


def send_mail(
    settings: MailSettings | OutboxSettings | None,
    *,
    to: str,
    subject: str,
    body: str,
    logger: logging.Logger,
) -> bool:
    """Send one message (or write it to the outbox); False when that failed.

    A mail failure never undoes the change that caused it: the caller has committed first.
    """
    if settings is None:
        raise ValueError("mail settings are required (mail_settings(config))")
    message = build_message(settings.sender, to=to, subject=subject, body=body)
    if isinstance(settings, OutboxSettings):
        try:
            path = write_to_outbox(settings.folder, message)
        except OSError as exc:
            logger.warning("Could not write mail to the outbox: %s", exc.strerror or exc)
            return False
        logger.info("Mail written to the outbox (MAIL_SERVER not set): %s", path.name)
        return True
    try:
        with smtplib.SMTP(settings.server, settings.port, timeout=10) as smtp:
            if settings.use_tls:
                smtp.starttls()
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        # The exception's text can quote the recipient (SMTPRecipientsRefused): not logged.
        logger.warning("Could not send mail to the SMTP server: %s", type(exc).__name__)
        return False
    return True


# --- the messages ----------------------------------------------------------------------------


def edit_link_message(*, group_name: str, link: str) -> tuple[str, str]:
    """Subject and body of the mail that carries a new listing's private edit link."""
    return (
        _("Your Circles listing: private edit link"),
        _("Thank you for listing \"%(group)s\" on Circles.\n\n"
          "A volunteer moderator will check it before it appears in search.\n\n"
          "Your private edit link (keep it; anyone with it can change the listing):\n"
          "%(link)s\n\n"
          "Use it to edit or pause the listing, or to confirm it is still accurate.\n",
          group=group_name, link=link),
    )


def decision_message(
    *, group_name: str, kind: str, approved: bool, reason: str | None, group_link: str | None
) -> tuple[str, str]:
    """Subject and body telling an owner what a moderator decided."""
    if approved:
        body = (_("Your new listing \"%(group)s\" was approved and is now live.\n",
                  group=group_name) if kind == "new" else
                _("Your changes to your listing \"%(group)s\" were approved and are now "
                  "live.\n", group=group_name))
        if group_link:
            body += f"\n{group_link}\n"
        return _("Approved: %(group)s", group=group_name), body
    body = (_("Your new listing \"%(group)s\" was not approved.\n\n", group=group_name)
            if kind == "new" else
            _("Your changes to your listing \"%(group)s\" were not approved.\n\n",
              group=group_name))
    body += _("The moderator's reason:\n%(reason)s\n\n"
              "You can correct it through your private edit link and submit it again.\n",
              reason=reason or _("(none given)"))
    return _("Not approved: %(group)s", group=group_name), body


def reminder_message(*, group_name: str, link: str, days: int) -> tuple[str, str]:
    """Subject and body of the reminder to confirm a listing that is nearing stale."""
    return (
        _("Is \"%(group)s\" still accurate?", group=group_name),
        _("Your Circles listing \"%(group)s\" was last confirmed %(days)s days ago.\n"
          "Listings not confirmed for 180 days are marked stale and shown lower in search.\n\n"
          "If it is still accurate, open this private link and press \"Still accurate\"; "
          "you can also edit or pause it there:\n"
          "%(link)s\n", group=group_name, days=days, link=link),
    )


def claim_link_message(*, group_name: str, link: str, claimant: str, hours: int,
                       approved_by_moderator: bool = False) -> tuple[str, str]:
    """The one-time link that lets the holder of a listing's contact address (or a claimant
    a moderator checked) claim it."""
    why = (_("A moderator checked your request, so the link comes to you.")
           if approved_by_moderator else
           _("This address is the listing's contact address, so the link comes here."))
    return (
        _("Is \"%(group)s\" your group?", group=group_name),
        _("Someone (%(claimant)s) asked on Circles to look after the listing \"%(group)s\". "
          "%(why)s\n\n"
          "If you look after this group, open this one-time link within %(hours)s hours to get "
          "your private edit link:\n"
          "%(link)s\n\n"
          "If you did not ask for this, ignore this message: nothing changes.\n",
          claimant=claimant, group=group_name, why=why, hours=hours, link=link),
    )


def recovered_links_message(*, links: list[tuple[str, str]], days: int) -> tuple[str, str]:
    """Fresh edit links for the listings an address looks after (a recovery)."""
    lines = "\n".join(f"{name}:\n{link}\n" for name, link in links)
    return (
        _("Your Circles edit links"),
        _("Someone asked for fresh private edit links for the listings this address looks "
          "after. Here they are (each works for %(days)s days; anyone with a link can change "
          "its listing):\n\n"
          "%(links)s\n"
          "If you did not ask for them, you can ignore this message; your old links keep "
          "working.\n", days=days, links=lines),
    )


def new_edit_link_message(*, group_name: str, link: str, why: str, days: int
                          ) -> tuple[str, str]:
    """A new private edit link (replaced, renewed, a co-owner added, a claim approved)."""
    return (
        _("Your private edit link for \"%(group)s\"", group=group_name),
        _("%(why)s\n\n"
          "Your private edit link for \"%(group)s\" (it works for %(days)s days; keep it, "
          "anyone with it can change the listing):\n"
          "%(link)s\n", why=_(why), group=group_name, days=days, link=link),
    )


def report_outcome_message(*, group_name: str, problem: str, state: str, note: str | None
                           ) -> tuple[str, str]:
    """Tell an owner what became of a seeker's report about their listing."""
    outcome = {
        "acknowledged": _("A moderator is looking into it."),
        "fixed": _("A moderator has fixed it."),
        "dismissed": _("A moderator looked into it and found nothing to change."),
        "open": _("It has been reopened."),
    }.get(state, state)
    body = _("Someone reported a problem with your Circles listing \"%(group)s\": "
             "%(problem)s.\n\n%(outcome)s\n", group=group_name, problem=_(problem),
             outcome=outcome)
    if note:
        body += _("\nThe moderator's note:\n%(note)s\n", note=note)
    body += _("\nYou can correct the listing at any time through your private edit link.\n")
    return _("About a report on \"%(group)s\"", group=group_name), body


def paused_unverified_message(*, group_name: str, link: str, days: int) -> tuple[str, str]:
    """The listing was paused because nobody confirmed it: how to reopen it."""
    return (
        _("\"%(group)s\" is paused until someone confirms it", group=group_name),
        _("Your Circles listing \"%(group)s\" has not been confirmed for %(days)s days, so "
          "it no longer appears in search (people may be turning up to a meeting that has "
          "moved).\n\n"
          "To reopen it, open your private link, correct anything that changed, press "
          "\"Still accurate\" and then \"Unpause listing\":\n"
          "%(link)s\n", group=group_name, days=days, link=link),
    )


def editor_invitation_message(*, organization: str, link: str, hours: int, inviter: str
                              ) -> tuple[str, str]:
    """An invitation to become an editor of an organization's listings."""
    return (
        _("Invitation: edit the listings of %(organization)s on Circles",
          organization=organization),
        _("%(inviter)s invited you to edit the Circles listings of %(organization)s.\n\n"
          "Open this one-time link within %(hours)s hours to choose your password:\n"
          "%(link)s\n\n"
          "If you were not expecting this, ignore this message: nothing changes.\n",
          inviter=inviter, organization=organization, hours=hours, link=link),
    )


def staff_link_message(*, purpose: str, role: str, link: str, hours: int, inviter: str
                       ) -> tuple[str, str]:
    """A staff account's one-time link to choose its password: a new account ("invite") or
    a forgotten password ("reset")."""
    if purpose == "reset":
        return (
            _("Choose a new Circles password"),
            _("Someone asked to reset the password of your Circles account (%(role)s).\n\n"
              "Open this one-time link within %(hours)s hours to choose a new one:\n"
              "%(link)s\n\n"
              "If you did not ask for this, ignore this message: your password stays as it "
              "is.\n", role=role, hours=hours, link=link),
        )
    return (
        _("Your Circles account (%(role)s)", role=role),
        _("%(inviter)s added you to the Circles team (%(role)s).\n\n"
          "Open this one-time link within %(hours)s hours to choose your password:\n"
          "%(link)s\n\n"
          "If you were not expecting this, ignore this message: nothing changes.\n",
          inviter=inviter, role=role, hours=hours, link=link),
    )
