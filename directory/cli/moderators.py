"""create-admin and send-reminders: moderator accounts and the owners' reminders."""

from __future__ import annotations

import sys

import click
from flask import Flask
from sqlmodel import Session

from directory.db import get_engine, write_engine
from directory.models import utcnow
from directory.moderation import verification
from directory.moderation.admins import AdminError, create_admin
from directory.services import mail


def register(app: Flask) -> None:
    @app.cli.command("create-admin")
    @click.argument("email")
    @click.option("--role", default="admin", show_default=True)
    @click.password_option(help="Prompted for (twice) when not given.")
    def create_admin_command(email: str, role: str, password: str) -> None:
        """Create a moderator account (or set a new password for one)."""
        with Session(write_engine(get_engine())) as session:
            try:
                create_admin(session, email=email, password=password, role=role, now=utcnow())
            except AdminError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(1)
            session.commit()
        click.echo(f"Moderator {email.strip().lower()} can now log in at /admin.")

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
                subject, body = mail.reminder_message(
                    group_name=notice.group.name, link=link, days=notice.days_unverified
                )
                mail.send_mail(settings, to=notice.email, subject=subject, body=body,
                               logger=app.logger)
            for notice in result.paused:
                link = f"{app.config['BASE_URL']}/listings/edit/{notice.token}"
                subject, body = mail.paused_unverified_message(
                    group_name=notice.group.name, link=link, days=notice.days_unverified)
                mail.send_mail(settings, to=notice.email, subject=subject, body=body,
                               logger=app.logger)
        paused = len(result.paused) + len(result.paused_without_owner)
        click.echo(f"Sent {len(result.reminders)} reminder(s); paused {paused} listing(s) "
                   "not verified in time.")
