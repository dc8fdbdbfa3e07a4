"""Moderation views: thin — access is checked once, in before_request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from flask import (
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from directory import import_jobs, jobs, taxonomy
from directory.admin import login_flow
from directory.admin import sessions as admin_sessions
from directory.appservices import get_services
from directory.db import get_session
from directory.exports import export_listings_csv
from directory.hardening import format_bytes
from directory.i18n import labels, problems
from directory.i18n.text import DEFAULT_LANGUAGE, ngettext, using_language
from directory.i18n.text import gettext as _
from directory.imports import import_file
from directory.listings.diff import diff_listings
from directory.listings.fields import CONTROL_RE
from directory.listings.schema import comparable
from directory.mail_queue import queue_mail
from directory.models import DataSource, Group, ImportJob, utcnow
from directory.moderation import (
    admins,
    audit,
    conflicts,
    decisions,
    duplicates,
    edit_links,
    editors,
    queue,
    reports,
    status,
    submissions,
    verification,
)
from directory.services import mail
from directory.sources import registry as source_registry
from directory.sources.sync import SourceBusy, sync_source
from directory.web import listing_form, paging, uow
from directory.web.forms import csrf_error, rerender_on_csrf_error

PUBLIC_ENDPOINTS = ("admin.login", "admin.set_password", "admin.forgot_password")
# Pages only an admin may use: staff accounts, trusted organizations, removing editors and
# the data sources. Everything else under /admin is for every moderator (the queue,
# reports, listings, organizations' editors and invitations, one's own settings).
ADMIN_ONLY_ENDPOINTS = frozenset({
    "admin.list_staff", "admin.create_staff", "admin.change_staff_role",
    "admin.change_staff_status", "admin.resend_staff_link", "admin.set_organization_trusted",
    "admin.remove_editor",
    "admin.show_sources", "admin.sync_source_now",
})
AUDIT_PER_PAGE = 50
NO_STORE = {"Cache-Control": "no-store"}


def require_moderator():
    """Every admin page needs a logged-in moderator, except logging in and choosing a
    password through a one-time link (or asking for one)."""
    g.admin = None
    admin_id = admin_sessions.admin_id(session)
    if admin_id is not None:
        user = admins.get_admin(get_session(), admin_id=admin_id)
        if admin_sessions.still_valid(session, user, current_app.config):
            g.admin = user
        else:  # logged out elsewhere, password changed, idle or too old
            admin_sessions.end(session)
    if g.admin is not None and g.admin.disabled_at is not None:
        admin_sessions.end(session)
        g.admin = None
    if g.admin is None and request.endpoint not in PUBLIC_ENDPOINTS:
        if _editor_logged_in():  # an organization editor's session opens no moderation page
            return render_template("errors/wrong_account.html", needed="moderator"), 403
        return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
    if request.endpoint in ADMIN_ONLY_ENDPOINTS and not admins.is_admin(g.admin):
        abort(403)
    return None


def _editor_logged_in() -> bool:
    """Whether this browser holds a live organization editor (not moderator) session."""
    from directory.editors import sessions as editor_sessions
    from directory.moderation import editors

    editor_id = editor_sessions.editor_id(session)
    if editor_id is None:
        return False
    editor = editors.get_editor(get_session(), editor_id=editor_id)
    return editor_sessions.still_valid(session, editor, current_app.config)


def never_cache(response):
    """Moderation pages hold private data: no caching anywhere."""
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _actor() -> str:
    return f"moderator:{g.admin.email}"


MODERATOR_LOGIN = login_flow.LoginKind(
    kind="moderator", template="admin/login.html", prefix="/admin",
    home=lambda: url_for("admin.show_queue"),
    authenticate=lambda db, email, password, now: admins.authenticate(
        db, email=email, password=password, now=now),
    start=admin_sessions.start,
    mismatch=lambda: _("That e-mail and password do not match a moderator account."),
)


@rerender_on_csrf_error
def login():
    """Log in with e-mail and password (failed attempts are rate-limited)."""
    return login_flow.login(MODERATOR_LOGIN)


def logout():
    """Log out: this moderator's sessions end everywhere, copies of the cookie included."""
    if g.admin is not None:
        admins.end_sessions(get_session(), user=g.admin)
    admin_sessions.end(session)
    return redirect(url_for("admin.login"))


def show_queue():
    """Pending new listings and edits: search, filters, paging, sort by age, bulk actions."""
    db = get_session()
    filters = queue.parse_filters(request.args)
    return _render_queue(db, filters)


def _render_queue(db, filters, *, bulk_error: str | None = None, reason: str = "",
                  status: int = 200):
    now = utcnow()
    paged = paging.fetch_page(
        lambda n: queue.queue_page(db, replace(filters, page=n), now=now,
                                   per_page=queue.PER_PAGE),
        page=filters.page, per_page=queue.PER_PAGE,
        link=lambda n: url_for("admin.show_queue", **filters.args(page=n)))
    return render_template(
        "admin/queue.html", items=paged.items, total=paged.total, page=paged.page,
        pages=paged.pages, paged=paged, filters=filters, pending=queue.count_pending(db),
        open_reports=queue.count_open_reports(db), stale=queue.count_stale(db, now=now),
        topics=taxonomy.TOPICS, bulk_error=bulk_error, reason=reason,
        sources=[source.name for source in source_registry.list_sources(db)],
        notice=session.pop("queue_notice", None),
    ), status


@rerender_on_csrf_error
def bulk_decide():
    """Approve or reject every ticked item with one reason: all of them, or none."""
    db = get_session()
    filters = queue.parse_filters(request.form)
    action = request.form.get("bulk_action", "")
    reason = (request.form.get("reason") or "").strip()[:2000]
    error = csrf_error()
    decided = []
    if not error and action not in ("approve", "reject"):
        error = _("Choose whether to approve or reject the ticked items.")
    if not error:
        try:
            ids = queue.parse_ids(request.form.getlist("revision"))
            decided = queue.bulk_decide(db, revision_ids=ids, approve=action == "approve",
                                        reason=reason, moderator=_actor(), now=utcnow(),
                                        geocoder=get_services().geocoder)
        except queue.BulkError as exc:
            error = str(exc)
    if error:
        db.rollback()
        return _render_queue(db, filters, bulk_error=error, reason=reason, status=400)
    for revision in decided:
        if revision.kind == "conflict":  # a source's version, not the owner's: no mail
            continue
        group = db.get(Group, revision.group_id)
        link = current_app.config["BASE_URL"] + url_for("seekers.show_group", slug=group.slug)
        _notify_owner(group, partial(
            mail.decision_message, group_name=group.name, kind=revision.kind,
            approved=action == "approve", reason=reason or None,
            group_link=link if group.status == "active" and action == "approve" else None),
            revision)
    session["queue_notice"] = (
        ngettext("Approved %(num)s item.", "Approved %(num)s items.", len(decided))
        if action == "approve" else
        ngettext("Rejected %(num)s item.", "Rejected %(num)s items.", len(decided)))
    return redirect(url_for("admin.show_queue", **filters.args(page=None)))


def _revision_or_404(revision_id: int):
    revision = decisions.get_revision(get_session(), revision_id=revision_id)
    if revision is None:
        abort(404)
    return revision


def _render_revision(revision, *, errors=None, reason="", part_reason="", status=200):
    db = get_session()
    group = db.get(Group, revision.group_id)
    # An edit (or a conflict) is compared with the listing as it is live now: that is what
    # approving changes.
    live = submissions.current_listing(group) if revision.kind in ("edit", "conflict") \
        else None
    base = submissions.revision_listing(revision.base)
    proposed = submissions.revision_listing(revision.proposed)
    changes = diff_listings(live if revision.status == "pending" else base, proposed)
    live_changed = live is not None and base is not None and comparable(live) != comparable(base)
    duplicates = [db.get(Group, gid) for gid in revision.duplicate_of]
    choices = []
    if revision.kind == "edit" and revision.status == "pending" and proposed is not None:
        choices = queue.edit_choices(live, proposed)
    owner = submissions.get_owner(db, group_id=group.id)
    return render_template(
        "admin/revision.html", revision=revision, group=group, changes=changes,
        duplicates=[d for d in duplicates if d is not None], errors=errors or {},
        reason=reason, live_changed=live_changed, choices=choices,
        part_reason=part_reason, owner_email=owner.email if owner else None,
    ), status


@rerender_on_csrf_error
def approve_in_part(revision_id: int):
    """Keep the ticked changes of an edit (written through the one writer); the owner is
    told which were not kept and why."""
    db = get_session()
    revision = _revision_or_404(revision_id)
    part_reason = (request.form.get("part_reason") or "").strip()[:2000]
    if csrf_error():
        return _render_revision(revision, errors={"csrf_token": csrf_error()},
                                part_reason=part_reason, status=400)
    if CONTROL_RE.search(part_reason.replace("\r\n", "\n").replace("\n", " ")):
        return _render_revision(revision, part_reason=part_reason, status=400, errors={
            "part_reason": _("This contains control characters.")})
    try:
        _kept, rejected = queue.approve_in_part(
            db, revision_id=revision.id, accepted=set(request.form.getlist("accept")),
            reason=part_reason, moderator=_actor(), now=utcnow(),
            geocoder=get_services().geocoder)
    except submissions.ListingError as exc:
        db.rollback()
        field = exc.field or "accept"
        return _render_revision(revision, errors={field: str(exc)}, part_reason=part_reason,
                                status=400)
    group = db.get(Group, revision.group_id)
    link = current_app.config["BASE_URL"] + url_for("seekers.show_group", slug=group.slug)
    def message() -> tuple[str, str]:
        subject, body = mail.decision_message(
            group_name=group.name, kind="edit", approved=True, reason=None,
            group_link=link if group.status == "active" else None)
        if rejected:
            # The parts not kept, named in the owner's language (the log keeps English).
            body += _("\nSome of your changes were not kept: %(changes)s.\nThe moderator's "
                      "reason:\n%(reason)s\n", reason=part_reason,
                      changes="; ".join(audit.choice_label(c) for c in rejected))
        return subject, body

    _notify_owner(group, message, revision)
    return redirect(url_for("admin.show_queue"))


@rerender_on_csrf_error
def resolve_conflict(revision_id: int):
    """A conflict with a data source or an import: keep ours, or accept the incoming
    version (written through the one writer); audited either way."""
    db = get_session()
    revision = _revision_or_404(revision_id)
    if revision.kind != "conflict":
        abort(404)
    if csrf_error():
        return _render_revision(revision, errors={"csrf_token": csrf_error()}, status=400)
    try:
        conflicts.resolve_conflict(db, revision_id=revision.id,
                                   keep=request.form.get("keep", ""), moderator=_actor(),
                                   now=utcnow(), geocoder=get_services().geocoder)
    except conflicts.ConflictError as exc:
        db.rollback()
        return _render_revision(revision, errors={"keep": str(exc)}, status=409)
    session["queue_notice"] = (_("Kept the listing as it is here.") if revision.status ==
                               "rejected" else _("Accepted the incoming version."))
    return redirect(url_for("admin.show_queue"))


def show_revision(revision_id: int):
    """One submission: the whole listing (new) or a field-by-field diff (edit)."""
    return _render_revision(_revision_or_404(revision_id))


def _notify_owner(group: Group, message: Callable[[], tuple[str, str]], revision=None
                  ) -> None:
    """Tell the listing's owner (and the organization editor who proposed `revision`, if
    one did) what was decided, each in their own language (not the moderator's); sent once
    committed. `message` makes the subject and body in the language being spoken."""
    db = get_session()
    owner = submissions.get_owner(db, group_id=group.id)
    owner_email = owner.email if owner is not None and owner.email else None
    if owner_email:
        with using_language(owner.language or DEFAULT_LANGUAGE):
            subject, body = message()
        queue_mail(to=owner_email, subject=subject, body=body)
    editor = (revision.submitted_by or "") if revision is not None else ""
    if editor.startswith("editor:") and editor[len("editor:"):] != owner_email:
        address = editor[len("editor:"):]
        account = editors.editor_by_email(db, email=address)
        with using_language(account.language if account and account.language
                            else DEFAULT_LANGUAGE):
            subject, body = message()
        queue_mail(to=address, subject=subject, body=body)


def approve_listing(revision_id: int):
    """Approve a submission: a new listing goes live, an edit replaces the live version."""
    db = get_session()
    revision = _revision_or_404(revision_id)
    try:
        decisions.approve_listing(db, revision_id=revision.id, moderator=_actor(),
                                   now=utcnow(), geocoder=get_services().geocoder)
    except submissions.ListingError as exc:
        return _render_revision(revision, errors={"approve": str(exc)}, status=409)
    if revision.kind == "conflict":
        return redirect(url_for("admin.show_queue"))
    group = db.get(Group, revision.group_id)
    link = current_app.config["BASE_URL"] + url_for("seekers.show_group", slug=group.slug)
    _notify_owner(group, partial(
        mail.decision_message, group_name=group.name, kind=revision.kind, approved=True,
        reason=None, group_link=link if group.status == "active" else None), revision)
    return redirect(url_for("admin.show_queue"))


@rerender_on_csrf_error
def reject_listing(revision_id: int):
    """Reject a submission with a reason, which is e-mailed to the owner."""
    db = get_session()
    revision = _revision_or_404(revision_id)
    reason = (request.form.get("reason") or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Give the owner a reason (it is e-mailed to them).")
    elif len(reason) > 2000:
        errors["reason"] = _("This is %(length)s characters long; the limit is %(limit)s.",
                             length=len(reason), limit=2000)
    elif CONTROL_RE.search(reason):
        errors["reason"] = _("This contains control characters.")
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return _render_revision(revision, errors=errors, reason=reason, status=400)
    try:
        decisions.reject_listing(db, revision_id=revision.id, moderator=_actor(),
                                  reason=reason, now=utcnow())
    except submissions.ListingError as exc:
        return _render_revision(revision, errors={"approve": str(exc)}, status=409)
    if revision.kind == "conflict":
        return redirect(url_for("admin.show_queue"))
    group = db.get(Group, revision.group_id)
    _notify_owner(group, partial(
        mail.decision_message, group_name=group.name, kind=revision.kind, approved=False,
        reason=reason, group_link=None), revision)
    return redirect(url_for("admin.show_queue"))


def show_reports():
    """Reports from seekers still being worked (open or acknowledged)."""
    return render_template("admin/reports.html",
                           items=reports.list_open_reports(get_session()),
                           kinds=reports.REPORT_KINDS, states=reports.REPORT_STATES,
                           errors={})


@rerender_on_csrf_error
def set_report_state(report_id: int):
    """Move a report to acknowledged, fixed or dismissed with a note; the owner is told."""
    db = get_session()
    state = request.form.get("state", "")
    note = (request.form.get("note") or "")[:4000]
    error = csrf_error()
    report = None
    if not error:
        try:
            report = reports.set_report_state(db, report_id=report_id, state=state, note=note,
                                              moderator=_actor(), now=utcnow())
        except reports.ReportError as exc:
            error = str(exc)
        else:
            if report is None:
                abort(404)
    if error:
        db.rollback()
        return render_template("admin/reports.html", items=reports.list_open_reports(db),
                               kinds=reports.REPORT_KINDS, states=reports.REPORT_STATES,
                               errors={report_id: error}), 400
    group = db.get(Group, report.group_id)
    if group is not None and state != "open":
        _notify_owner(group, partial(
            mail.report_outcome_message, group_name=group.name,
            problem=reports.REPORT_KINDS.get(report.kind, report.kind), state=state,
            note=note.strip() or None))
    return redirect(url_for("admin.show_reports"))


def resolve_report(report_id: int):
    """Close a report as fixed (the one-click form of the state change)."""
    db = get_session()
    if reports.resolve_report(db, report_id=report_id, moderator=_actor(),
                              now=utcnow()) is None:
        abort(404)
    return redirect(url_for("admin.show_reports"))


def show_stale():
    """Live listings not verified for 180 days."""
    now = utcnow()
    return render_template("admin/stale.html",
                           groups=status.list_stale_groups(get_session(), now=now), now=now,
                           days=status.STALE_AFTER_DAYS)


def show_duplicates():
    """Listings that look like another listing."""
    return render_template("admin/duplicates.html",
                           pairs=duplicates.list_duplicate_suggestions(get_session()))


def show_audit():
    """The audit log in plain words, filterable by listing, actor, action and date."""
    return _render_audit(audit.parse_filters(request.args))


def _render_audit(filters, *, error: str | None = None, status: int = 200):
    db = get_session()
    paged = paging.fetch_page(
        lambda n: audit.list_entries(db, replace(filters, page=n), per_page=AUDIT_PER_PAGE),
        page=filters.page, per_page=AUDIT_PER_PAGE,
        link=lambda n: url_for("admin.show_audit", **filters.args(page=n)))
    rows = [(entry, audit.describe(entry), audit.revertible(entry)) for entry in paged.items]
    return render_template("admin/audit.html", rows=rows, page=paged.page, pages=paged.pages,
                           total=paged.total, paged=paged, filters=filters,
                           actions=audit.known_actions(db), error=error), status


def revert_entry(entry_id: int):
    """One click: the listing goes back to how it was before this change (audited)."""
    db = get_session()
    try:
        group = audit.revert_entry(db, entry_id=entry_id, moderator=_actor(), now=utcnow(),
                                   geocoder=get_services().geocoder)
    except submissions.ListingError as exc:
        db.rollback()
        return _render_audit(audit.parse_filters({}), error=str(exc), status=409)
    return redirect(url_for("admin.show_audit", listing=group.slug))


def list_groups():
    """Every listing in any status, to find one to edit."""
    return render_template("admin/groups.html", groups=submissions.list_groups(get_session()))


@rerender_on_csrf_error
def edit_listing(slug: str):
    """A moderator edits any listing; the change is written at once and audited."""
    db = get_session()
    group = submissions.get_group(db, slug=slug)
    if group is None:
        abort(404)
    if request.method == "GET":
        data = listing_form.input_from_listing(submissions.current_listing(group))
        return render_template("admin/edit.html", group=group, data=data, errors={})
    data = listing_form.input_from_form(request.form)
    if not csrf_error() and listing_form.apply_row_action(data, request.form.get("action", "")):
        return render_template("admin/edit.html", group=group, data=data, errors={})
    geocoder = get_services().geocoder
    listing, errors = listing_form.validate_listing(data, slug=group.slug, geocoder=geocoder)
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return render_template("admin/edit.html", group=group, data=data, errors=errors), 400
    decisions.moderator_edit(db, group=group, listing=listing, moderator=_actor(),
                              now=utcnow(), geocoder=geocoder)
    return redirect(url_for("admin.list_groups"))


def pause_listing(slug: str):
    """Hide a live listing from search."""
    return _change_status(slug, status.pause_listing)


def unpause_listing(slug: str):
    """Show a paused listing again."""
    return _change_status(slug, status.unpause_listing)


def _change_status(slug: str, action):
    db = get_session()
    group = submissions.get_group(db, slug=slug)
    if group is None:
        abort(404)
    try:
        action(db, group=group, actor=_actor(), now=utcnow())
    except submissions.ListingError:
        abort(409)
    return redirect(url_for("admin.list_groups"))


def show_import_export():
    """Import a CSV file of listings, or download the directory as CSV."""
    summary = session.pop("import_summary", None)
    told = session.pop("import_summary_problem", None)
    return render_template("admin/import_export.html", errors=[],
                           summary=problems.render(summary, told) if summary else None)


def export_listings():
    """The directory (active and paused listings) in the CSV listing format."""
    text = export_listings_csv(get_session())
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=circles-listings.csv"})


def import_listings():
    """Import a CSV file: every row is validated first; on any error nothing is written."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return render_template("admin/import_export.html",
                               errors=[_("Choose a CSV file to import.")], summary=None), 400
    limit = int(current_app.config["MAX_IMPORT_BYTES"])
    raw = upload.stream.read(limit + 1)
    if len(raw) > limit:
        return render_template("admin/import_export.html", summary=None, errors=[
            _("The file is larger than %(size)s, the most this page imports. Split it, or "
              "import it with `flask import` on the server.", size=format_bytes(limit))]), 413
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return render_template("admin/import_export.html",
                               errors=[_("The file is not UTF-8 text.")], summary=None), 400
    filename = upload.filename.rsplit("/", 1)[-1][:100]
    db = get_session()
    if len(raw) > int(current_app.config["IMPORT_JOB_THRESHOLD"]):
        # Too big to import within a request: a background job with a progress page (the
        # same import, report and audit entries; the file is kept with the job).
        job = import_jobs.create_job(db, raw, filename=filename, actor=_actor())
        # Committed before it is enqueued: the job runs in another process or thread, which
        # must find the job and its file whatever this request does next.
        uow.commit_now()
        import_jobs.enqueue(job.id)
        return redirect(url_for("admin.show_import_job", job_id=job.id), code=303)
    report = import_file(db, text, filename=filename, actor=_actor(), now=utcnow(),
                         geocoder=get_services().geocoder)
    if not report.ok:
        db.rollback()
        return render_template("admin/import_export.html",
                               errors=[e.problem() for e in report.errors[:100]],
                               summary=None), 400
    done = import_jobs.report_data(report, filename)
    session["import_summary"] = done["summary"]
    session["import_summary_problem"] = done["summary_problem"]  # said in the reader's language
    return redirect(url_for("admin.show_import_export"))


def show_import_job(job_id: int):
    """A background import: where it has got to (the page refreshes itself until it is
    done), then its report, or why nothing was written."""
    db = get_session()
    job = db.get(ImportJob, job_id)
    if job is None:
        abort(404)
    state = import_jobs.current_progress(job)
    if import_jobs.is_stale(state, utcnow()) and import_jobs.requeue(job.id):
        # Its worker stopped (or the queue lost it): it runs again from its stored file.
        db.refresh(job)
        state = import_jobs.current_progress(job)
    return render_template("admin/import_job.html", job=state,
                           active=state.status in import_jobs.ACTIVE)


def show_claims():
    """Claims of listings that have no contact address to send a link to."""
    return render_template("admin/claims.html",
                           items=edit_links.list_open_claims(get_session()))


def decide_claim(claim_id: int, decision: str):
    """Approve (a one-time claim link is e-mailed to the claimant) or dismiss a claim."""
    if decision not in ("approve", "dismiss"):
        abort(404)
    db = get_session()
    result = edit_links.decide_claim(db, claim_id=claim_id, approve=decision == "approve",
                                     moderator=_actor(), now=utcnow())
    if result is None:
        abort(404)
    claim, issued = result
    if issued is not None:
        policy = edit_links.policy_from(current_app.config)
        link = current_app.config["BASE_URL"] + url_for("organizations.open_claim",
                                                        token=issued.token)
        with using_language(claim.language or DEFAULT_LANGUAGE):  # the claimant's
            subject, body = mail.claim_link_message(group_name=issued.group.name, link=link,
                                                    claimant=claim.email,
                                                    hours=policy.claim_hours,
                                                    approved_by_moderator=True)
        queue_mail(to=issued.email, subject=subject, body=body)
    return redirect(url_for("admin.show_claims"))


def show_verify():
    """Listings with no owner address that are due for verification: check them by phone
    or e-mail with the group."""
    now = utcnow()
    return render_template("admin/verify.html",
                           items=verification.verify_list(get_session(), now=now),
                           methods=verification.VERIFY_LABELS)


def verify_listing(slug: str):
    """A moderator confirmed the listing with the group: it is verified as of now."""
    db = get_session()
    group = submissions.get_group(db, slug=slug)
    if group is None:
        abort(404)
    method = request.form.get("method", "")
    if method not in verification.VERIFY_METHODS:
        abort(400)
    verification.verify_by_moderator(db, group=group, method=method, moderator=_actor(),
                                     now=utcnow())
    return redirect(url_for("admin.show_verify"))


def show_sources():
    """Each data source, its last sync (counts, skipped entries, conflicts), "sync now"."""
    db = get_session()
    rows = [(source, source_registry.latest_report(db, source))
            for source in source_registry.list_sources(db)]
    return render_template("admin/sources.html", rows=rows,
                           notice=session.pop("sources_notice", None))


def sync_source_now(source_id: int):
    """Sync one source now (the same sync as `flask sources sync NAME`)."""
    db = get_session()
    source = db.get(DataSource, source_id)
    if source is None:
        abort(404)
    name = source.name
    queue = jobs.get_queue()
    if queue.uses_broker:  # a big feed takes longer than a request should
        how = queue.enqueue(jobs.sync_source_by_id, source_id)
        if how == "queued":
            session["sources_notice"] = _("%(name)s: sync queued; its report appears here "
                                          "when it is done.", name=name)
        else:  # the queue was away: it ran here instead
            session["sources_notice"] = _("%(name)s: sync started; refresh for its report.",
                                          name=name)
        return redirect(url_for("admin.show_sources"))
    try:
        report = sync_source(db, source, now=utcnow(), geocoder=get_services().geocoder)
    except SourceBusy:
        session["sources_notice"] = _("%(name)s is already syncing; try again in a moment.",
                                      name=name)
    else:
        session["sources_notice"] = (
            _("%(name)s: sync %(outcome)s", name=name, outcome=labels.status_label(report.outcome))
            + (f" — {report.message}" if report.message else ""))
    return redirect(url_for("admin.show_sources"))
