"""Organization views: thin — read the form, call one service, render or redirect."""

from __future__ import annotations

import secrets

from flask import (
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import TooManyRequests

from directory.appservices import get_services
from directory.db import get_session, read_session
from directory.errors import http_error_response, kept_headers
from directory.i18n.text import current_language
from directory.listings import queries as listings
from directory.listings.fields import SLUG_RE
from directory.mail_queue import queue_mail
from directory.models import utcnow
from directory.moderation import edit_links, reports, status, submissions
from directory.moderation.duplicates import find_likely_duplicates
from directory.services import mail
from directory.web import listing_form, uow
from directory.web.degraded import UNAVAILABLE_RENDERERS
from directory.web.forms import csrf_error, rerender_on_csrf_error
from directory.web.notify import notify_moderators

HONEYPOT_FIELD = "homepage"
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _duplicate_ids(duplicates) -> list[int]:
    return [group.id for group in duplicates]


def _send(to: str | None, message: tuple[str, str]) -> None:
    """Queue a message: it leaves after the response, once the transaction has committed."""
    subject, body = message
    queue_mail(to=to, subject=subject, body=body)


def _edit_link(token: str) -> str:
    return current_app.config["BASE_URL"] + url_for("organizations.edit_listing", token=token)


RATE_LIMITED = ("You have sent several listings in a short time, so this one was not saved "
                "yet. Everything you typed is still here: please send it again in an hour, "
                "or write to us if you list many groups.")


def show_rate_limited(exc: TooManyRequests):
    """A 429 on /submit shows the form again with everything typed (nothing was saved);
    any other 429 here is the site's usual page."""
    if request.method != "POST" or request.endpoint != "organizations.submit_listing":
        return http_error_response(exc)
    data = listing_form.input_from_form(request.form)
    form_nonce = (request.form.get("form_nonce") or "")[:64] or secrets.token_urlsafe(24)
    page = render_template("organizations/submit.html", data=data,
                           errors={"rate_limit": RATE_LIMITED}, duplicates=[],
                           form_nonce=form_nonce)
    return page, 429, kept_headers(exc)


def render_submit_unavailable():
    """With the database down, /submit still shows the form (on a POST with everything
    typed) under the "temporarily unavailable" banner; nothing is saved."""
    if request.method == "POST":
        data = listing_form.input_from_form(request.form)
    else:
        data = listing_form.blank_input()
    form_nonce = (request.form.get("form_nonce") or "")[:64] or secrets.token_urlsafe(24)
    return render_template("organizations/submit.html", data=data, errors={}, duplicates=[],
                           form_nonce=form_nonce)


UNAVAILABLE_RENDERERS["organizations.submit_listing"] = render_submit_unavailable


@rerender_on_csrf_error
def submit_listing():
    """The listing form; a good POST stores a pending listing and shows its edit link."""
    if request.method == "GET":
        return render_template(
            "organizations/submit.html", data=listing_form.blank_input(), errors={},
            duplicates=[], form_nonce=secrets.token_urlsafe(24),
        )
    data = listing_form.input_from_form(request.form)
    form_nonce = (request.form.get("form_nonce") or "")[:64] or secrets.token_urlsafe(24)
    if not csrf_error() and listing_form.apply_row_action(data, request.form.get("action", "")):
        return render_template("organizations/submit.html", data=data, errors={},
                               duplicates=[], form_nonce=form_nonce)
    if request.form.get(HONEYPOT_FIELD) and not csrf_error():
        # A bot filled the hidden field: look successful, store nothing.
        return redirect(url_for("organizations.show_submitted"))
    geocoder = get_services().geocoder
    listing, errors = listing_form.validate_listing(data, geocoder=geocoder)
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return render_template("organizations/submit.html", data=data, errors=errors,
                               duplicates=[], form_nonce=form_nonce), 400
    # Read before the write lock is taken (SQLite: see db.read_session).
    reads = read_session()
    duplicates = find_likely_duplicates(reads, listing=listing)
    # The submitter is only shown live listings; the moderator sees every flag.
    public = [group for group in duplicates if group.status == "active"]
    if public and request.form.get("action") != "submit_anyway":
        if submissions.get_revision_by_nonce(reads, form_nonce=form_nonce) is None:
            return render_template("organizations/submit.html", data=data, errors={},
                                   duplicates=public, form_nonce=form_nonce)
    db = get_session()
    result = submissions.submit_listing(
        db, listing=listing, owner_email=data.owner_email or None, form_nonce=form_nonce,
        duplicate_of=_duplicate_ids(duplicates), now=utcnow(), geocoder=geocoder,
        language=current_language(),
    )
    if result.token:
        _send(data.owner_email,
              mail.edit_link_message(group_name=result.group.name,
                                     link=_edit_link(result.token)))
    if not result.already_submitted:
        notify_moderators(db, kind="new", group=result.group)
    if result.token:
        session["new_listing"] = {"token": result.token, "name": result.group.name}
    return redirect(url_for("organizations.show_submitted"))


def show_submitted():
    """Thanks, and the private edit link — shown once."""
    shown = session.pop("new_listing", None)
    link = _edit_link(shown["token"]) if shown else None
    return render_template(
        "organizations/submitted.html", link=link, name=shown["name"] if shown else None,
    ), 200, NO_STORE


def link_policy() -> edit_links.LinkPolicy:
    return edit_links.policy_from(current_app.config)


def link_gone(check: edit_links.LinkCheck, *, token: str = ""):
    """A clear page for a link that no longer opens anything: 404 unknown, 410 otherwise."""
    status = 404 if check.state == "unknown" else 410
    return make_response(render_template(
        "organizations/link_gone.html", state=check.state, token=token,
        days=link_policy().edit_days, hours=link_policy().claim_hours,
    ), status, NO_STORE)


def _owned_group(token: str):
    """The group a valid edit link opens (its first use is audited); else a clear 404/410."""
    db = get_session()
    check = edit_links.check_link(db, token=token, now=utcnow(), policy=link_policy())
    if not check.ok:
        abort(link_gone(check, token=token))
    g.edit_link = check.row
    if check.row.used_at is None:
        edit_links.note_use(db, row=check.row, group=check.group, now=utcnow())
        # Opening the link is its first use, audited even on a GET and kept even when the
        # POST it came with then fails (a 4xx rolls the rest back): commit it on its own.
        uow.commit_now()
    return check.group


def _render_edit(token, group, data, errors, duplicates=(), status=200, notice=None,
                 link_errors=None):
    db = get_session()
    return render_template(
        "organizations/edit.html", token=token, group=group, data=data, errors=errors,
        duplicates=list(duplicates), notice=notice,
        pending=submissions.pending_revision(db, group_id=group.id),
        decision=submissions.latest_decision(db, group_id=group.id),
        co_owners=edit_links.co_owners(db, group_id=group.id),
        link_row=g.get("edit_link"), link_days=link_policy().edit_days,
        link_errors=link_errors or {},
    ), status, NO_STORE


@rerender_on_csrf_error
def edit_listing(token: str):
    """The owner's private page: edit (through moderation), pause, confirm."""
    db = get_session()
    group = _owned_group(token)
    owner = submissions.get_owner(db, group_id=group.id)
    owner_email = owner.email if owner and owner.email else ""
    if request.method == "GET":
        pending = submissions.pending_revision(db, group_id=group.id)
        listing = submissions.revision_listing(pending.proposed) if pending else None
        data = listing_form.input_from_listing(
            listing or submissions.current_listing(group), owner_email=owner_email)
        notices = {
            "sent": "Thank you. Your changes are waiting for a moderator; the live listing "
                    "stays as it was until they are approved.",
            "confirmed": "Thank you: the listing is marked as verified today.",
            "paused": "The listing is paused: it no longer appears in search.",
            "unpaused": "The listing is live again.",
            "rotated": "This is your new private edit link (the old one no longer works). "
                       "Keep this page's address; it was also e-mailed to you if we have "
                       "your address.",
            "co-owner": "The co-owner has been e-mailed their own edit link.",
            "co-owner-removed": "The co-owner was removed and their links no longer work.",
        }
        return _render_edit(token, group, data, {}, notice=notices.get(request.args.get("done")))
    data = listing_form.input_from_form(request.form)
    data.owner_email = owner_email
    if not csrf_error() and listing_form.apply_row_action(data, request.form.get("action", "")):
        return _render_edit(token, group, data, {})
    geocoder = get_services().geocoder
    listing, errors = listing_form.validate_listing(data, slug=group.slug, geocoder=geocoder)
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return _render_edit(token, group, data, errors, status=400)
    duplicates = find_likely_duplicates(db, listing=listing,
                                                   exclude_group_id=group.id)
    revision = submissions.propose_edit(db, group=group, listing=listing,
                                        duplicate_of=[g.id for g in duplicates], now=utcnow(),
                                        geocoder=geocoder)
    notify_moderators(db, kind=revision.kind, group=group)
    return redirect(url_for("organizations.edit_listing", token=token, done="sent"))


def confirm_listing(token: str):
    """One click: the listing is still accurate (sets last verified to now)."""
    db = get_session()
    group = _owned_group(token)
    status.confirm_listing(db, group=group, actor="owner", now=utcnow())
    return redirect(url_for("organizations.edit_listing", token=token, done="confirmed"))


def pause_listing(token: str):
    """Hide the listing from search until the owner unpauses it."""
    return _change_status(token, status.pause_listing, "paused")


def unpause_listing(token: str):
    """Show a paused listing again."""
    return _change_status(token, status.unpause_listing, "unpaused")


def _change_status(token: str, action, done: str):
    db = get_session()
    group = _owned_group(token)
    try:
        action(db, group=group, actor="owner", now=utcnow())
    except submissions.ListingError as exc:
        data = listing_form.input_from_listing(submissions.current_listing(group))
        return _render_edit(token, group, data, {}, status=409, notice=str(exc))
    return redirect(url_for("organizations.edit_listing", token=token, done=done))


def _public_group(slug: str):
    # A slug that cannot exist (e.g. with a NUL byte) never reaches the database.
    group = None
    if SLUG_RE.match(slug):
        group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        abort(404)
    return group


@rerender_on_csrf_error
def report_problem(slug: str):
    """A seeker reports a problem with a listing; no account, nothing about them is kept."""
    group = _public_group(slug)
    form = {"kind": "", "details": ""}
    if request.method == "GET":
        return render_template("organizations/report.html", group=group, form=form, errors={},
                               report_kinds=reports.REPORT_KINDS)
    form = {"kind": (request.form.get("kind") or "").strip(),
            "details": request.form.get("details") or ""}
    if request.form.get(HONEYPOT_FIELD) and not csrf_error():
        return redirect(url_for("organizations.show_reported", slug=slug))
    errors = reports.validate_report(kind=form["kind"], details=form["details"])
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return render_template("organizations/report.html", group=group, form=form,
                               errors=errors, report_kinds=reports.REPORT_KINDS), 400
    db = get_session()
    reports.file_report(db, group=group, kind=form["kind"], details=form["details"],
                        now=utcnow())
    notify_moderators(db, kind="report", group=group)
    return redirect(url_for("organizations.show_reported", slug=slug))


def show_reported(slug: str):
    """Thanks for the report."""
    group = _public_group(slug)
    return render_template("organizations/reported.html", group=group)
