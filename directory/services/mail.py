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
        "Your Circles listing: private edit link",
        f"Thank you for listing \"{group_name}\" on Circles.\n\n"
        "A volunteer moderator will check it before it appears in search.\n\n"
        "Your private edit link (keep it; anyone with it can change the listing):\n"
        f"{link}\n\n"
        "Use it to edit or pause the listing, or to confirm it is still accurate.\n",
    )


def decision_message(
    *, group_name: str, kind: str, approved: bool, reason: str | None, group_link: str | None
) -> tuple[str, str]:
    """Subject and body telling an owner what a moderator decided."""
    what = "new listing" if kind == "new" else "changes to your listing"
    if approved:
        body = f"Your {what} \"{group_name}\" was approved and is now live.\n"
        if group_link:
            body += f"\n{group_link}\n"
        return f"Approved: {group_name}", body
    body = (
        f"Your {what} \"{group_name}\" was not approved.\n\n"
        f"The moderator's reason:\n{reason or '(none given)'}\n\n"
        "You can correct it through your private edit link and submit it again.\n"
    )
    return f"Not approved: {group_name}", body


def reminder_message(*, group_name: str, link: str, days: int) -> tuple[str, str]:
    """Subject and body of the reminder to confirm a listing that is nearing stale."""
    return (
        f"Is \"{group_name}\" still accurate?",
        f"Your Circles listing \"{group_name}\" was last confirmed {days} days ago.\n"
        "Listings not confirmed for 180 days are marked stale and shown lower in search.\n\n"
        "If it is still accurate, open this private link and press \"Still accurate\"; "
        "you can also edit or pause it there:\n"
        f"{link}\n",
    )


def claim_link_message(*, group_name: str, link: str, claimant: str, hours: int,
                       approved_by_moderator: bool = False) -> tuple[str, str]:
    """The one-time link that lets the holder of a listing's contact address (or a claimant
    a moderator checked) claim it."""
    why = ("A moderator checked your request, so the link comes to you."
           if approved_by_moderator else
           "This address is the listing's contact address, so the link comes here.")
    return (
        f"Is \"{group_name}\" your group?",
        f"Someone ({claimant}) asked on Circles to look after the listing \"{group_name}\". "
        f"{why}\n\n"
        f"If you look after this group, open this one-time link within {hours} hours to get "
        "your private edit link:\n"
        f"{link}\n\n"
        "If you did not ask for this, ignore this message: nothing changes.\n",
    )


def recovered_links_message(*, links: list[tuple[str, str]], days: int) -> tuple[str, str]:
    """Fresh edit links for the listings an address looks after (a recovery)."""
    lines = "\n".join(f"{name}:\n{link}\n" for name, link in links)
    return (
        "Your Circles edit links",
        "Someone asked for fresh private edit links for the listings this address looks "
        "after. Here they are (each works for "
        f"{days} days; anyone with a link can change its listing):\n\n"
        f"{lines}\n"
        "If you did not ask for them, you can ignore this message; your old links keep "
        "working.\n",
    )


def new_edit_link_message(*, group_name: str, link: str, why: str, days: int
                          ) -> tuple[str, str]:
    """A new private edit link (replaced, renewed, a co-owner added, a claim approved)."""
    return (
        f"Your private edit link for \"{group_name}\"",
        f"{why}\n\n"
        f"Your private edit link for \"{group_name}\" (it works for {days} days; keep it, "
        "anyone with it can change the listing):\n"
        f"{link}\n",
    )


def report_outcome_message(*, group_name: str, problem: str, state: str, note: str | None
                           ) -> tuple[str, str]:
    """Tell an owner what became of a seeker's report about their listing."""
    outcome = {
        "acknowledged": "A moderator is looking into it.",
        "fixed": "A moderator has fixed it.",
        "dismissed": "A moderator looked into it and found nothing to change.",
        "open": "It has been reopened.",
    }.get(state, state)
    body = (f"Someone reported a problem with your Circles listing \"{group_name}\": "
            f"{problem}.\n\n{outcome}\n")
    if note:
        body += f"\nThe moderator's note:\n{note}\n"
    body += "\nYou can correct the listing at any time through your private edit link.\n"
    return f"About a report on \"{group_name}\"", body


def paused_unverified_message(*, group_name: str, link: str, days: int) -> tuple[str, str]:
    """The listing was paused because nobody confirmed it: how to reopen it."""
    return (
        f"\"{group_name}\" is paused until someone confirms it",
        f"Your Circles listing \"{group_name}\" has not been confirmed for {days} days, so "
        "it no longer appears in search (people may be turning up to a meeting that has "
        "moved).\n\n"
        "To reopen it, open your private link, correct anything that changed, press "
        "\"Still accurate\" and then \"Unpause listing\":\n"
        f"{link}\n",
    )


def editor_invitation_message(*, organization: str, link: str, hours: int, inviter: str
                              ) -> tuple[str, str]:
    """An invitation to become an editor of an organization's listings."""
    return (
        f"Invitation: edit {organization}'s listings on Circles",
        f"{inviter} invited you to edit the Circles listings of {organization}.\n\n"
        f"Open this one-time link within {hours} hours to choose your password:\n{link}\n\n"
        "If you were not expecting this, ignore this message: nothing changes.\n",
    )
