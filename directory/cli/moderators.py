"""create-admin and send-reminders: moderator accounts and the owners' reminders."""

from __future__ import annotations

import sys

import click
from flask import Flask
from sqlmodel import Session

from directory.db import get_engine, write_engine
from directory.models import utcnow
from directory.services import mail
from directory.services.admins import AdminError, create_admin
from directory.services.moderation import due_reminders


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
        """E-mail owners whose listings are nearing 180 days unverified (run daily by cron)."""
        settings = mail.mail_settings(app.config)
        with Session(write_engine(get_engine())) as session:
            reminders = due_reminders(session, now=utcnow())
            session.commit()
            for reminder in reminders:
                link = f"{app.config['BASE_URL']}/listings/edit/{reminder.token}"
                subject, body = mail.reminder_message(
                    group_name=reminder.group.name, link=link, days=reminder.days_unverified
                )
                mail.send_mail(settings, to=reminder.email, subject=subject, body=body,
                               logger=app.logger)
        click.echo(f"Sent {len(reminders)} reminder(s).")
