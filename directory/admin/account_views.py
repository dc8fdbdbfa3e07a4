"""Staff accounts, organizations with their editors, and each moderator's own settings.

Which of these pages need an admin is decided once, in the blueprint's before_request
(`ADMIN_ONLY_ENDPOINTS` in views.py)."""

from __future__ import annotations

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from directory.db import get_session
from directory.i18n.text import current_language
from directory.i18n.text import gettext as _
from directory.models import AdminUser, EditorAccount, Organization, utcnow
from directory.moderation import admins, editors, staff_links
from directory.web import paging
from directory.web.forms import csrf_error, rerender_on_csrf_error
from directory.web.invitations import send_invitation, send_staff_link


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
    """Add a moderator or admin by e-mail address: they get a one-time link to choose their
    own password (the admin never types or sees it)."""
    form = {"email": (request.form.get("email") or "").strip()[:254],
            "role": request.form.get("role") or "moderator"}
    errors = {}
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    db = get_session()
    if not errors:
        try:
            link = staff_links.invite_staff(
                db, email=form["email"], role=form["role"], actor=g.admin, now=utcnow(),
                hours=int(current_app.config["STAFF_INVITE_HOURS"]))
        except staff_links.StaffLinkError as exc:
            field = "role" if form["role"] not in admins.ROLES else "email"
            errors[field] = str(exc)
    if errors:
        db.rollback()
        return _render_staff(errors=errors, form=form, status=400)
    if link.user.language is None:  # until they log in: the inviter's language, best guess
        link.user.language = current_language()
    send_staff_link(link, inviter=lambda: _("%(admin)s (a Circles admin)",
                                            admin=g.admin.email))
    session["staff_notice"] = _(
        "%(email)s was sent a link to choose their password; it works for %(hours)s hours.",
        email=link.user.email, hours=current_app.config["STAFF_INVITE_HOURS"])
    return redirect(url_for("admin.list_staff"))


def resend_staff_link(user_id: int):
    """Send a new set-password link (earlier ones stop working): for someone whose link
    expired or got lost, or who forgot their password."""
    db = get_session()
    user = _staff_or_404(user_id)
    if user.disabled_at is not None:
        return _render_staff(errors={f"user-{user_id}": _(
            "This account is disabled: enable it before sending it a link.")}, status=409)
    link = staff_links.issue_link(
        db, user=user, purpose="reset" if user.password_hash else "invite",
        actor=_admin_actor(), now=utcnow(),
        hours=int(current_app.config["STAFF_INVITE_HOURS"]))
    send_staff_link(link, inviter=lambda: _("%(admin)s (a Circles admin)",
                                            admin=g.admin.email))
    session["staff_notice"] = _("A new link was sent to %(email)s.", email=user.email)
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
                session["settings_notice"] = _("Saved.")
                return redirect(url_for("admin.show_settings"))
    return render_template("admin/settings.html", choices=admins.NOTIFY_CHOICES, choice=choice,
                           errors=errors, notice=session.pop("settings_notice", None)
                           ), 400 if errors else 200


# --- organizations and their editors -------------------------------------------------------


def list_organizations():
    """Organizations by name (searchable, paged) with their listings and editors."""
    q = (request.args.get("q") or "")[:200]
    paged = paging.fetch_page(
        lambda n: editors.list_organizations(get_session(), q=q, page=n),
        page=_page_number(request.args.get("page")), per_page=editors.ORGANIZATIONS_PER_PAGE,
        link=lambda n: url_for("admin.list_organizations", q=q or None, page=n))
    return render_template("admin/organizations.html", rows=paged.items, total=paged.total,
                           q=q, page=paged.page, pages=paged.pages, paged=paged)


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
            hours=int(current_app.config["EDITOR_INVITE_HOURS"]),
            language=current_language())
    except editors.EditorError as exc:
        db.rollback()
        return _render_organization(organization, errors={"email": str(exc)}, email=email,
                                    status=400)
    send_invitation(invitation, organization, inviter=_("A Circles moderator"))
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
    session["organization_notice"] = _("%(email)s is no longer an editor.", email=editor.email)
    return redirect(url_for("admin.show_organization", org_id=org_id))
