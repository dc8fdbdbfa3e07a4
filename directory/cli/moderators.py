"""create-admin, send-reminders and send-digests: staff accounts, the owners' reminders and
the moderators' daily digest."""

from __future__ import annotations

import sys

import click
from flask import Flask
from sqlmodel import Session

from directory.db import get_engine, write_engine
from directory.i18n.text import DEFAULT_LANGUAGE, using_language
from directory.models import utcnow
from directory.moderation import notices, staff_links, verification
from directory.moderation.admins import ROLES, AdminError, create_admin
from directory.services import mail
from directory.web.invitations import staff_link_message


def register(app: Flask) -> None:
    @app.cli.command("create-admin")
    @click.argument("email")
    @click.option("--role", default="admin", show_default=True, type=click.Choice(list(ROLES)))
    @click.option("--password", default=None,
                  help="For scripts: set this password now instead of e-mailing a link.")
    def create_admin_command(email: str, role: str, password: str | None) -> None:
        """Create a staff account — an admin unless --role moderator. By default its owner
        is e-mailed a one-time link to choose their own password (STAFF_INVITE_HOURS);
        --password sets one directly (or a new one for an existing account)."""
        hours = int(app.config.get("STAFF_INVITE_HOURS") or staff_links.DEFAULT_HOURS)
        with Session(write_engine(get_engine())) as session:
            try:
                if password is not None:
                    create_admin(session, email=email, password=password, role=role,
                                 now=utcnow())
                    link = None
                else:
                    link = staff_links.invite_staff(session, email=email, role=role,
                                                    actor="cli", now=utcnow(), hours=hours)
            except (AdminError, staff_links.StaffLinkError) as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(1)
            session.commit()
            if link is None:
                click.echo(f"{ROLES[role]} {email.strip().lower()} can now log in at /admin.")
                return
            subject, body = staff_link_message(link, base_url=app.config["BASE_URL"],
                                               hours=hours, inviter="A Circles admin")
            sent = mail.send_mail(mail.mail_settings(app.config), to=link.user.email,
                                  subject=subject, body=body, logger=app.logger)
        if not sent:
            click.echo("error: the set-password link could not be e-mailed (see the log); "
                       "run this again once mail works, or use --password.", err=True)
            sys.exit(1)
        click.echo(f"{ROLES[role]} {link.user.email}: a link to choose a password was "
                   f"e-mailed; it works for {hours} hours.")

    @app.cli.command("send-reminders")
    def send_reminders_command() -> None:
        """Verification, run daily by cron: reminders at 150, 170 and 180 days unverified,
        and listings past stale plus VERIFY_GRACE_DAYS paused (owners told how to reopen).
        Safe to run any number of times."""
        settings = mail.mail_settings(app.config)
        grace = int(app.config.get("VERIFY_GRACE_DAYS") or verification.DEFAULT_GRACE_DAYS)
        with Session(write_engine(get_engine())) as session:
            result = verification.run(session, now=utcnow(), grace_days=grace)
            session.commit()
            for notice in result.reminders:
                link = f"{app.config['BASE_URL']}/listings/edit/{notice.token}"
                with using_language(notice.language or DEFAULT_LANGUAGE):
                    subject, body = mail.reminder_message(
                        group_name=notice.group.name, link=link, days=notice.days_unverified
                    )
                mail.send_mail(settings, to=notice.email, subject=subject, body=body,
                               logger=app.logger)
            for notice in result.paused:
                link = f"{app.config['BASE_URL']}/listings/edit/{notice.token}"
                with using_language(notice.language or DEFAULT_LANGUAGE):
                    subject, body = mail.paused_unverified_message(
                        group_name=notice.group.name, link=link, days=notice.days_unverified)
                mail.send_mail(settings, to=notice.email, subject=subject, body=body,
                               logger=app.logger)
        paused = len(result.paused) + len(result.paused_without_owner)
        click.echo(f"Sent {len(result.reminders)} reminder(s); paused {paused} listing(s) "
                   "not verified in time.")

    @app.cli.command("send-digests")
    def send_digests_command() -> None:
        """Daily, by cron: each moderator who chose the digest gets one mail listing the new
        submissions, edits, reports and claims since their last one. Safe to repeat: a
        digest is marked sent only once it left, so a failed send is retried next run."""
        settings = mail.mail_settings(app.config)
        sent = 0
        with Session(write_engine(get_engine())) as session:
            for digest in notices.due_digests(session, now=utcnow()):
                with using_language(digest.user.language or DEFAULT_LANGUAGE):
                    subject, body = notices.digest_message(digest,
                                                           base_url=app.config["BASE_URL"])
                if not mail.send_mail(settings, to=digest.user.email, subject=subject,
                                      body=body, logger=app.logger):
                    continue  # logged by send_mail; retried on the next run
                notices.mark_digest_sent(session, digest=digest)
                session.commit()
                sent += 1
        click.echo(f"Sent {sent} digest(s).")
