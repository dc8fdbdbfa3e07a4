"""The one login flow of both kinds of staff account: moderators and admins (/admin/login)
and organization editors (/organization/login).

Each kind says how it authenticates, starts its session and where it may go next; the
flow — the form, CSRF, the neutral mismatch message, a fresh session, the "known device"
cookie that exempts this browser from the per-account limit — is the same. Both login
pages carry the same limits (directory.admin.login_limits)."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from flask import redirect, render_template, request, session
from sqlmodel import Session

from directory.admin import login_limits
from directory.db import get_session
from directory.i18n.text import current_language
from directory.i18n.text import gettext as _
from directory.models import utcnow
from directory.moderation.admins import MIN_PASSWORD_LENGTH, WrongPassword
from directory.web.forms import csrf_error


@dataclass(frozen=True)
class LoginKind:
    kind: str  # a key of login_limits.DEVICES
    template: str
    prefix: str  # the only paths followed after login
    home: Callable[[], str]  # where to go when `next` is not one of ours
    authenticate: Callable[[Session, str, str, datetime], object | None]
    start: Callable[[MutableMapping, object], None]
    mismatch: Callable[[], str]  # the (translated) message for a wrong e-mail or password


def safe_next(target: str | None, *, prefix: str, home: Callable[[], str]) -> str:
    """Only same-site paths under `prefix` are followed after login."""
    if target and target.startswith(prefix) and not urlsplit(target).netloc and \
            not target.startswith("//") and target.isprintable() and "\\" not in target:
        return target
    return home()


def login(kind: LoginKind):
    """GET shows the form; POST logs in (a fresh session, no fixation) or answers 400 with
    the same message whether the address or the password was wrong."""
    form = {"email": "", "next": request.args.get("next", "")}
    if request.method == "GET":
        return render_template(kind.template, form=form, errors={})
    form = {"email": (request.form.get("email") or "").strip()[:254],
            "next": request.form.get("next", "")}
    errors: dict[str, str] = {}
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    else:
        db = get_session()
        account = kind.authenticate(db, form["email"], request.form.get("password") or "",
                                    utcnow())
        if account is not None:
            account.language = current_language()  # its notices and digests speak it
            kind.start(session, account)
            session.permanent = True
            response = redirect(safe_next(form["next"], prefix=kind.prefix, home=kind.home))
            login_limits.remember_device(response, account.email, kind=kind.kind)
            return response
        errors["email"] = kind.mismatch()
    return render_template(kind.template, form=form, errors=errors), 400


def change_password(*, template: str, change: Callable[[str, str], None],
                    keep_session: Callable[[], None], done: Callable[[], object]):
    """The "Change password" page of either kind: the current password and the new one
    twice. `change(current, new)` raises WrongPassword (counted as a failed login) or a
    ValueError for a new password that breaks the rule; on success every other session of
    the account has ended and `keep_session()` keeps this one going."""
    errors: dict[str, str] = {}
    if request.method == "POST":
        new = request.form.get("new_password") or ""
        if csrf_error():
            errors["csrf_token"] = csrf_error()
        elif new != (request.form.get("new_password_again") or ""):
            errors["new_password_again"] = _("The two new passwords are not the same.")
        else:
            db = get_session()
            try:
                change(request.form.get("current_password") or "", new)
            except WrongPassword as exc:
                db.rollback()
                login_limits.mark_wrong_password()
                errors["current_password"] = str(exc)
            except ValueError as exc:
                db.rollback()
                errors["new_password"] = str(exc)
            else:
                keep_session()
                return done()
    return render_template(template, errors=errors, min_length=MIN_PASSWORD_LENGTH
                           ), 400 if errors else 200
