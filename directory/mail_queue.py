"""Mail queued inside a request's unit of work and sent only once it has committed.

A view calls `queue_mail()` while it works; the message is held by the request's unit of
work (directory/web/uow.py): its commit — once, after a good answer to a write request —
releases the message, a rollback (an error, a 4xx/5xx answer) drops it, so no one is told
about a change that was not saved. Ready messages then go to the job queue
(directory/jobs.py): a `flask worker` sends them, with retries, when QUEUE_URL is set; else
they leave after the response from a background thread (MAIL_BACKGROUND, the default outside
tests), so a slow SMTP server holds neither the response nor the worker.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app

from directory import jobs
from directory.services import mail
from directory.web import uow

MAIL = "mail"


def queue_mail(*, to: str | None, subject: str, body: str) -> None:
    """Send this message once the request's unit of work commits (never if it rolls back)."""
    if not to:
        return
    uow.hold_until_commit(MAIL, (to, subject, body))


def _send_all(settings, messages, logger) -> None:  # noqa: ANN001
    for to, subject, body in messages:
        try:
            mail.send_mail(settings, to=to, subject=subject, body=body, logger=logger)
        except Exception:  # one bad message must not stop the others
            logger.exception("Could not send a queued mail")


def init_app(app: Flask) -> None:
    """Send each request's committed mail after its response."""

    @app.after_request
    def send_committed_mail(response):
        ready = uow.take_released(MAIL)
        pending = uow.take_unreleased(MAIL)
        if pending:  # queued in a request that never committed (a GET?): nothing is sent
            current_app.logger.warning("%d queued mail(s) never committed; not sent",
                                       len(pending))
        if not ready:
            return response
        queue = jobs.get_queue()
        if queue.uses_broker:
            for to, subject, body in ready:
                queue.enqueue(jobs.deliver_mail, to, subject, body)  # in process if it must
            return response
        settings = mail.mail_settings(current_app.config)
        logger = current_app.logger
        if current_app.config["MAIL_BACKGROUND"]:
            thread = threading.Thread(target=_send_all, args=(settings, ready, logger),
                                      name="circles-mail", daemon=True)
            response.call_on_close(thread.start)
        else:
            _send_all(settings, ready, logger)
        return response
