"""A staff account's own password: changing it, choosing it through a one-time link (a
new account's, or after "Forgot password"), and asking for such a link."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, session, url_for

from directory.admin import login_flow, login_limits
from directory.admin import sessions as admin_sessions
from directory.db import get_session
from directory.i18n.text import current_language
from directory.i18n.text import gettext as _
from directory.models import utcnow
from directory.moderation import admins, staff_links
from directory.web.forms import csrf_error, rerender_on_csrf_error
from directory.web.invitations import send_staff_link

NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@rerender_on_csrf_error
def change_password():
    """The current password and a new one twice; every other session of this account
    ends, this one carries on. A wrong current password counts as a failed login."""

    def done():
        session["settings_notice"] = _("Your password was changed. You were logged out "
                                       "everywhere else.")
        return redirect(url_for("admin.show_settings"))

    return login_flow.change_password(
        template="admin/password.html",
        change=lambda current, new: admins.change_password(
            get_session(), user=g.admin, current=current, new=new, now=utcnow()),
        keep_session=lambda: admin_sessions.keep(session, g.admin), done=done)


def _link_gone(check: staff_links.LinkCheck):
    status = 404 if check.state == "unknown" else 410
    return render_template("admin/link_gone.html", state=check.state,
                           hours=current_app.config["STAFF_INVITE_HOURS"]), status, NO_STORE


@rerender_on_csrf_error
def set_password(token: str):
    """Open a one-time link and choose a password; you are then logged in."""
    db = get_session()
    check = staff_links.check_link(db, token=token, now=utcnow())
    if not check.ok:
        return _link_gone(check)
    errors: dict[str, str] = {}
    if request.method == "POST":
        password = request.form.get("password") or ""
        if csrf_error():
            errors["csrf_token"] = csrf_error()
        elif password != (request.form.get("password_again") or ""):
            errors["password_again"] = _("The two passwords are not the same.")
        else:
            try:
                user = staff_links.use_link(db, token=token, password=password, now=utcnow())
            except staff_links.StaffLinkError as exc:
                db.rollback()
                errors["password"] = str(exc)
            else:
                user.language = current_language()  # notices and digests speak it
                admin_sessions.start(session, user)
                session.permanent = True
                session["settings_notice"] = _("Your password is set: you are logged in.")
                response = redirect(url_for("admin.show_settings"))
                login_limits.remember_device(response, user.email, kind="moderator")
                return response
    return render_template("admin/set_password.html", user=check.user, token=token,
                           purpose=check.row.purpose, errors=errors,
                           min_length=admins.MIN_PASSWORD_LENGTH
                           ), 400 if errors else 200, NO_STORE


@rerender_on_csrf_error
def forgot_password():
    """Ask for a set-password link by e-mail. The answer is the same whether or not the
    address has an account (no enumeration); requests are rate-limited per IP."""
    email = (request.form.get("email") or "").strip()[:254]
    errors: dict[str, str] = {}
    sent = False
    if request.method == "POST":
        if csrf_error():
            errors["csrf_token"] = csrf_error()
        elif "@" not in email:
            errors["email"] = _("Enter an e-mail address such as name@example.org.")
        else:
            db = get_session()
            user = staff_links.find_for_reset(db, email=email)
            if user is not None:
                link = staff_links.issue_link(
                    db, user=user, purpose="reset" if user.password_hash else "invite",
                    actor="forgot password form", now=utcnow(),
                    hours=int(current_app.config["STAFF_INVITE_HOURS"]))
                # In the language of whoever asked (they read this page in it).
                send_staff_link(link, inviter=lambda: _("Circles"),
                                language=current_language())
            sent = True
    return render_template("admin/forgot_password.html", email=email, errors=errors,
                           sent=sent, hours=current_app.config["STAFF_INVITE_HOURS"]
                           ), 400 if errors else 200, NO_STORE
