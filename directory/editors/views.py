"""Editor views: thin — access is checked once, in before_request."""

from __future__ import annotations

import secrets

from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from directory.admin import login_flow
from directory.appservices import get_services
from directory.db import get_session
from directory.editors import sessions as editor_sessions
from directory.i18n.text import current_language
from directory.i18n.text import gettext as _
from directory.listings.fields import SLUG_RE
from directory.models import Organization, utcnow
from directory.moderation import editors, submissions
from directory.moderation.duplicates import find_likely_duplicates
from directory.web import listing_form
from directory.web.forms import csrf_error, rerender_on_csrf_error
from directory.web.invitations import send_invitation
from directory.web.notify import notify_moderators

PUBLIC_ENDPOINTS = ("editors.login", "editors.accept_invitation")
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def require_editor():
    """Every page needs a logged-in editor, except logging in and accepting an invitation."""
    g.editor = None
    g.editor_org = None
    editor_id = editor_sessions.editor_id(session)
    if editor_id is not None:
        db = get_session()
        editor = editors.get_editor(db, editor_id=editor_id)
        if editor_sessions.still_valid(session, editor, current_app.config):
            g.editor = editor
            g.editor_org = db.get(Organization, editor.organization_id)
        else:  # logged out elsewhere, removed, password changed, idle or too old
            editor_sessions.end(session)
    if g.editor is None and request.endpoint not in PUBLIC_ENDPOINTS:
        if _moderator_logged_in():  # a moderator's session opens no organization's pages
            return render_template("errors/wrong_account.html", needed="editor"), 403
        return redirect(url_for("editors.login", next=request.full_path.rstrip("?")))
    return None


def _moderator_logged_in() -> bool:
    """Whether this browser holds a live moderator (not editor) session."""
    from directory.admin import sessions as admin_sessions
    from directory.moderation import admins

    admin_id = admin_sessions.admin_id(session)
    if admin_id is None:
        return False
    user = admins.get_admin(get_session(), admin_id=admin_id)
    return admin_sessions.still_valid(session, user, current_app.config) and \
        user.disabled_at is None


def never_cache(response):
    """Editor pages hold private data: no caching anywhere."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("Referrer-Policy", "no-referrer")  # invitation tokens
    return response


def _actor() -> str:
    return editors.editor_actor(g.editor)


EDITOR_LOGIN = login_flow.LoginKind(
    kind="editor", template="editors/login.html", prefix="/organization",
    home=lambda: url_for("editors.show_listings"),
    authenticate=lambda db, email, password, now: editors.authenticate_editor(
        db, email=email, password=password, now=now),
    start=editor_sessions.start,
    mismatch=lambda: _("That e-mail and password do not match an editor account."),
)


@rerender_on_csrf_error
def login():
    """An editor logs in with e-mail and password (failed attempts are rate-limited, per IP
    and per account, as the moderators' are)."""
    return login_flow.login(EDITOR_LOGIN)


def logout():
    """Log out: every session of this editor ends, copies of the cookie included."""
    editors.end_editor_sessions(get_session(), editor=g.editor)
    editor_sessions.end(session)
    return redirect(url_for("editors.login"))


def show_listings():
    """Every listing of the editor's organization, with what waits for a moderator."""
    db = get_session()
    groups = editors.organization_listings(db, organization_id=g.editor.organization_id)
    pending = editors.groups_with_pending_edits(db, organization_id=g.editor.organization_id)
    return render_template("editors/listings.html", groups=groups, pending=pending,
                           notice=session.pop("editor_notice", None))


def _group_or_404(slug: str):
    group = None
    if SLUG_RE.match(slug):
        group = editors.editable_group(get_session(), editor=g.editor, slug=slug)
    if group is None:
        abort(404)
    return group


def _render_edit(group, data, errors, *, status=200):
    pending = editors.pending_edit(get_session(), group_id=group.id)
    return render_template("editors/edit.html", group=group, data=data, errors=errors,
                           pending=pending), status


@rerender_on_csrf_error
def edit_listing(slug: str):
    """Edit one of the organization's listings: live at once when the organization is
    trusted, otherwise through the moderation queue."""
    db = get_session()
    group = _group_or_404(slug)
    if request.method == "GET":
        pending = editors.pending_edit(db, group_id=group.id)
        listing = submissions.revision_listing(pending.proposed) if pending else None
        data = listing_form.input_from_listing(listing or submissions.current_listing(group))
        return _render_edit(group, data, {})
    data = listing_form.input_from_form(request.form)
    if not csrf_error() and listing_form.apply_row_action(data, request.form.get("action", "")):
        return _render_edit(group, data, {})
    geocoder = get_services().geocoder
    listing, errors = listing_form.validate_listing(data, slug=group.slug, geocoder=geocoder)
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return _render_edit(group, data, errors, status=400)
    duplicates = find_likely_duplicates(db, listing=listing, exclude_group_id=group.id)
    was_live = group.status in ("active", "paused")
    outcome = editors.save_editor_edit(db, editor=g.editor, group=group, listing=listing,
                                       duplicate_of=[d.id for d in duplicates], now=utcnow(),
                                       geocoder=geocoder)
    if outcome == "queued":
        notify_moderators(db, kind="edit" if was_live else "new", group=group)
    session["editor_notice"] = (
        _("Saved: the changes to %(group)s are live.", group=group.name) if outcome == "live"
        else _("Thank you: the changes to %(group)s are waiting for a moderator; the live "
               "listing stays as it was until they are approved.", group=group.name))
    return redirect(url_for("editors.show_listings"))


def _render_new(data, errors, *, duplicates=(), form_nonce: str, status: int = 200):
    return render_template("editors/new_listing.html", data=data, errors=errors,
                           duplicates=list(duplicates), form_nonce=form_nonce), status


@rerender_on_csrf_error
def new_listing():
    """Add a new listing of the editor's organization: the /submit form with the
    organization filled in and fixed. It goes live at once when the organization is
    trusted, otherwise into the moderation queue as a new submission."""
    if request.method == "GET":
        data = listing_form.blank_input()
        data.group["organization"] = g.editor_org.name
        return _render_new(data, {}, form_nonce=secrets.token_urlsafe(24))
    data = listing_form.input_from_form(request.form)
    data.group["organization"] = g.editor_org.name  # always theirs, whatever was sent
    form_nonce = (request.form.get("form_nonce") or "")[:64] or secrets.token_urlsafe(24)
    if not csrf_error() and listing_form.apply_row_action(data, request.form.get("action", "")):
        return _render_new(data, {}, form_nonce=form_nonce)
    geocoder = get_services().geocoder
    listing, errors = listing_form.validate_listing(data, geocoder=geocoder)
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return _render_new(data, errors, form_nonce=form_nonce, status=400)
    db = get_session()
    duplicates = find_likely_duplicates(db, listing=listing)
    public = [group for group in duplicates if group.status == "active"]
    if public and request.form.get("action") != "submit_anyway" and \
            submissions.get_revision_by_nonce(db, form_nonce=form_nonce) is None:
        return _render_new(data, {}, duplicates=public, form_nonce=form_nonce)
    result, outcome = editors.create_editor_listing(
        db, editor=g.editor, listing=listing, form_nonce=form_nonce,
        duplicate_of=[d.id for d in duplicates], now=utcnow(), geocoder=geocoder)
    if outcome == "queued" and not result.already_submitted:
        notify_moderators(db, kind="new", group=result.group)
    session["editor_notice"] = (
        _("Added: %(name)s is live.", name=result.group.name) if outcome == "live" else
        _("Thank you: %(name)s is waiting for a moderator and appears in search once "
          "approved.", name=result.group.name))
    return redirect(url_for("editors.show_listings"))


def show_editors():
    """The organization's editors and pending invitations; invite a co-editor."""
    return _render_editors()


def _render_editors(*, errors=None, email: str = "", status: int = 200):
    db = get_session()
    return render_template(
        "editors/editors.html",
        editors=editors.list_editors(db, organization_id=g.editor.organization_id),
        invitations=editors.open_invitations(db, organization_id=g.editor.organization_id,
                                             now=utcnow()),
        errors=errors or {}, email=email, notice=session.pop("editor_notice", None),
    ), status


@rerender_on_csrf_error
def invite_editor():
    """Invite a co-editor by e-mail (a one-time link that expires)."""
    email = (request.form.get("email") or "").strip()[:254]
    if csrf_error():
        return _render_editors(errors={"csrf_token": csrf_error()}, email=email, status=400)
    db = get_session()
    try:
        invitation = editors.invite_editor(
            db, organization=g.editor_org, email=email, actor=_actor(), now=utcnow(),
            hours=int(current_app.config["EDITOR_INVITE_HOURS"]),
            language=current_language())
    except editors.EditorError as exc:
        db.rollback()
        return _render_editors(errors={"email": str(exc)}, email=email, status=400)
    send_invitation(invitation, g.editor_org, inviter=_("%(email)s (an editor of %(organization)s)",
                                                        email=g.editor.email,
                                                        organization=g.editor_org.name))
    session["editor_notice"] = _("An invitation was sent to %(email)s.",
                                  email=invitation.row.email)
    return redirect(url_for("editors.show_editors"))


@rerender_on_csrf_error
def accept_invitation(token: str):
    """Accept an invitation: choose a password, and you are logged in as an editor."""
    db = get_session()
    check = editors.check_invitation(db, token=token, now=utcnow())
    if not check.ok:
        status = 404 if check.state == "unknown" else 410
        return render_template("editors/invitation_gone.html", state=check.state,
                               hours=current_app.config["EDITOR_INVITE_HOURS"]), status, NO_STORE
    errors: dict[str, str] = {}
    if request.method == "POST":
        password = request.form.get("password") or ""
        if csrf_error():
            errors["csrf_token"] = csrf_error()
        elif password != (request.form.get("password_again") or ""):
            errors["password_again"] = _("The two passwords are not the same.")
        else:
            try:
                editor = editors.accept_invitation(db, token=token, password=password,
                                                   now=utcnow())
            except editors.EditorError as exc:
                db.rollback()
                errors[exc.field or "invitation"] = str(exc)
            else:
                editor.language = current_language()
                editor_sessions.start(session, editor)
                session.permanent = True
                session["editor_notice"] = _("Welcome: you can now edit the listings of "
                                              "%(organization)s.",
                                              organization=check.organization.name)
                return redirect(url_for("editors.show_listings"))
    return render_template("editors/accept.html", invitation=check.row,
                           organization=check.organization, token=token, errors=errors
                           ), 400 if errors else 200, NO_STORE


@rerender_on_csrf_error
def change_password():
    """A new password; every other session of this editor ends, this one carries on."""

    def done():
        session["editor_notice"] = _("Your password was changed. You were logged out "
                                     "everywhere else.")
        return redirect(url_for("editors.show_listings"))

    return login_flow.change_password(
        template="editors/password.html",
        change=lambda current, new: editors.change_password(
            get_session(), editor=g.editor, current=current, new=new, now=utcnow()),
        keep_session=lambda: editor_sessions.keep(session, g.editor), done=done)
