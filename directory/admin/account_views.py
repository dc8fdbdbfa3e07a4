"""Staff accounts, organizations with their editors, and each moderator's own settings.

Which of these pages need an admin is decided once, in the blueprint's before_request
(`ADMIN_ONLY_ENDPOINTS` in views.py)."""

from __future__ import annotations

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from directory.db import get_session
from directory.extensions import csrf_error, rerender_on_csrf_error
from directory.i18n.text import current_language
from directory.i18n.text import gettext as _
from directory.models import AdminUser, EditorAccount, Organization, utcnow
from directory.moderation import admins, editors
from directory.web.invitations import send_invitation


def _actor() -> str:
    """A moderator's name in the audit log (admins act as moderators on shared pages)."""
    return f"moderator:{g.admin.email}"


def _admin_actor() -> str:
    return f"admin:{g.admin.email}"


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 100000 else 1


# --- staff accounts (admins only) ------------------------------------------------------------


def _render_staff(*, errors=None, form=None, status: int = 200):
    return render_template(
        "admin/accounts.html", users=admins.list_staff(get_session()), roles=admins.role_labels(),
        errors=errors or {}, form=form or {"email": "", "role": "moderator"},
        notice=session.pop("staff_notice", None)), status


def list_staff():
    """Every admin and moderator account, with role changes and disabling."""
    return _render_staff()


@rerender_on_csrf_error
def create_staff():
    """Create a moderator or admin account with a first password (told to them by the admin
    in person or by phone; they can be given a new one here at any time)."""
    form = {"email": (request.form.get("email") or "").strip()[:254],
            "role": request.form.get("role") or "moderator"}
    errors = {}
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    db = get_session()
    if not errors:
        try:
            user = admins.create_admin(db, email=form["email"],
                                       password=request.form.get("password") or "",
                                       role=form["role"], now=utcnow())
        except admins.AdminError as exc:
            errors[exc.field or "email"] = str(exc)
    if errors:
        db.rollback()
        return _render_staff(errors=errors, form=form, status=400)
    session["staff_notice"] = _("%(email)s can now log in as %(role)s.", email=user.email,
                                  role=admins.role_labels()[user.role])
    db.commit()
    return redirect(url_for("admin.list_staff"))


def _staff_or_404(user_id: int) -> AdminUser:
    user = get_session().get(AdminUser, user_id)
    if user is None:
        abort(404)
    return user


def change_staff_role(user_id: int):
    """Make an account an admin or a moderator."""
    db = get_session()
    user = _staff_or_404(user_id)
    try:
        admins.set_role(db, user=user, role=request.form.get("role", ""), actor=g.admin,
                        now=utcnow())
    except admins.AdminError as exc:
        db.rollback()
        return _render_staff(errors={f"user-{user_id}": str(exc)}, status=409)
    db.commit()
    session["staff_notice"] = _("%(email)s is now %(role)s.", email=user.email,
                                  role=admins.role_labels()[user.role])
    if user.id == g.admin.id and not admins.is_admin(user):  # no longer allowed here
        return redirect(url_for("admin.show_queue"))
    return redirect(url_for("admin.list_staff"))


def change_staff_status(user_id: int):
    """Disable an account (its sessions end at once) or enable it again."""
    db = get_session()
    user = _staff_or_404(user_id)
    disabled = request.form.get("disabled") == "1"
    try:
        admins.set_disabled(db, user=user, disabled=disabled, actor=g.admin, now=utcnow())
    except admins.AdminError as exc:
        db.rollback()
        return _render_staff(errors={f"user-{user_id}": str(exc)}, status=409)
    db.commit()
    session["staff_notice"] = (_("%(email)s is disabled.", email=user.email) if disabled
                              else _("%(email)s is enabled.", email=user.email))
    return redirect(url_for("admin.list_staff"))


# --- one's own settings ------------------------------------------------------------------


@rerender_on_csrf_error
def show_settings():
    """How this moderator hears about new submissions, edits and reports."""
    errors = {}
    choice = g.admin.notify
    if request.method == "POST":
        choice = request.form.get("notify", "")
        if csrf_error():
            errors["csrf_token"] = csrf_error()
        else:
            db = get_session()
            try:
                admins.set_notify(db, user=g.admin, notify=choice, now=utcnow())
                g.admin.language = current_language()  # the mail it chose speaks it
            except admins.AdminError as exc:
                errors["notify"] = str(exc)
            else:
                db.commit()
                session["settings_notice"] = _("Saved.")
                return redirect(url_for("admin.show_settings"))
    return render_template("admin/settings.html", choices=admins.NOTIFY_CHOICES, choice=choice,
                           errors=errors, notice=session.pop("settings_notice", None)
                           ), 400 if errors else 200


# --- organizations and their editors -------------------------------------------------------


def list_organizations():
    """Organizations by name (searchable, paged) with their listings and editors."""
    q = (request.args.get("q") or "")[:200]
    page = _page_number(request.args.get("page"))
    rows, total = editors.list_organizations(get_session(), q=q, page=page)
    pages = max(1, -(-total // editors.ORGANIZATIONS_PER_PAGE))
    return render_template("admin/organizations.html", rows=rows, total=total, q=q,
                           page=page, pages=pages)


def _organization_or_404(org_id: int) -> Organization:
    organization = get_session().get(Organization, org_id)
    if organization is None:
        abort(404)
    return organization


def _render_organization(organization: Organization, *, errors=None, email: str = "",
                         status: int = 200):
    db = get_session()
    return render_template(
        "admin/organization.html", organization=organization,
        editors=editors.list_editors(db, organization_id=organization.id),
        invitations=editors.open_invitations(db, organization_id=organization.id,
                                             now=utcnow()),
        listings=editors.organization_listings(db, organization_id=organization.id),
        errors=errors or {}, email=email, notice=session.pop("organization_notice", None),
    ), status


def show_organization(org_id: int):
    """One organization: its editors, open invitations, listings, and the trusted flag."""
    return _render_organization(_organization_or_404(org_id))


@rerender_on_csrf_error
def invite_editor(org_id: int):
    """Invite an editor for the organization by e-mail (a one-time, expiring link)."""
    organization = _organization_or_404(org_id)
    email = (request.form.get("email") or "").strip()[:254]
    if csrf_error():
        return _render_organization(organization, errors={"csrf_token": csrf_error()},
                                    email=email, status=400)
    db = get_session()
    try:
        invitation = editors.invite_editor(
            db, organization=organization, email=email, actor=_actor(), now=utcnow(),
            hours=int(current_app.config["EDITOR_INVITE_HOURS"]))
    except editors.EditorError as exc:
        db.rollback()
        return _render_organization(organization, errors={"email": str(exc)}, email=email,
                                    status=400)
    send_invitation(invitation, organization, inviter=_("A Circles moderator"))
    db.commit()  # the invitation goes once this commits
    session["organization_notice"] = _("An invitation was sent to %(email)s.",
                                        email=invitation.row.email)
    return redirect(url_for("admin.show_organization", org_id=org_id))


def set_organization_trusted(org_id: int):
    """Trust an organization (its editors' edits go live at once) or stop trusting it."""
    organization = _organization_or_404(org_id)
    db = get_session()
    trusted = request.form.get("trusted") == "1"
    editors.set_trusted(db, organization=organization, trusted=trusted, actor=_admin_actor(),
                        now=utcnow())
    db.commit()
    session["organization_notice"] = (
        _("Trusted: its editors' changes now go live at once.") if trusted else
        _("No longer trusted: its editors' changes now wait for a moderator."))
    return redirect(url_for("admin.show_organization", org_id=org_id))


def remove_editor(org_id: int, editor_id: int):
    """Remove an editor: they can no longer log in, and their sessions end at once."""
    db = get_session()
    editor = db.get(EditorAccount, editor_id)
    if editor is None or editor.organization_id != org_id:
        abort(404)
    editors.remove_editor(db, editor=editor, actor=_admin_actor(), now=utcnow())
    db.commit()
    session["organization_notice"] = _("%(email)s is no longer an editor.", email=editor.email)
    return redirect(url_for("admin.show_organization", org_id=org_id))
