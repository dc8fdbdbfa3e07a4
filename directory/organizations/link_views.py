"""Claim a listing, recover lost links, and the owner's link controls (rotate, co-owners,
renew). Answers never say whether an address or slug matched."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, g, redirect, render_template, request, url_for

from directory.db import get_session
from directory.i18n.text import current_language, using_language
from directory.listings import queries as listings
from directory.listings.fields import SLUG_RE
from directory.models import utcnow
from directory.moderation import edit_links, submissions
from directory.organizations.views import (
    HONEYPOT_FIELD,
    NO_STORE,
    _edit_link,
    _owned_group,
    _render_edit,
    _send,
    link_gone,
    link_policy,
)
from directory.services import mail
from directory.web import listing_form
from directory.web.forms import csrf_error, rerender_on_csrf_error
from directory.web.notify import notify_moderators

# endpoint -> config key of its rate limit (see `init_limits`)
LINK_RATE_LIMITS = {
    "organizations.claim_listing": "CLAIM_RATE_LIMIT",
    "organizations.recover_links": "RECOVER_RATE_LIMIT",
    "organizations.renew_link": "RECOVER_RATE_LIMIT",
}
LINK_RATE_DEFAULTS = {"CLAIM_RATE_LIMIT": "5/hour", "RECOVER_RATE_LIMIT": "5/hour"}


def _claim_link(token: str) -> str:
    return current_app.config["BASE_URL"] + url_for("organizations.open_claim", token=token)


def _slug_from(text: str) -> str | None:
    """A slug, or the slug in a pasted group page address (…/groups/<slug>)."""
    text = (text or "").strip()
    if "/" in text:
        path = urlsplit(text).path.rstrip("/")
        text = path.rsplit("/", 1)[-1]
    return text if text and SLUG_RE.match(text) else None


# --- claim -----------------------------------------------------------------------------------


@rerender_on_csrf_error
def claim_listing(slug: str):
    """"Is this your group?": a one-time link goes to the listing's contact address (or,
    with none, the request goes to a moderator). The answer is the same either way."""
    db = get_session()
    group = listings.get_public_group(db, slug=slug) if SLUG_RE.match(slug) else None
    form = {"email": "", "explanation": ""}
    if request.method == "GET":
        if group is None:
            return render_template("errors/404.html"), 404
        return render_template("organizations/claim.html", group=group, form=form, errors={})
    form = {"email": (request.form.get("email") or "").strip()[:254],
            "explanation": (request.form.get("explanation") or "")[:4000]}
    if request.form.get(HONEYPOT_FIELD) and not csrf_error():
        return _claim_sent()
    errors = edit_links.validate_claim(email=form["email"], explanation=form["explanation"])
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        if group is None:
            return render_template("errors/404.html"), 404
        return render_template("organizations/claim.html", group=group, form=form,
                               errors=errors), 400
    if group is None:
        return _claim_sent()  # the same answer as for a real listing
    outcome = edit_links.claim_listing(db, group=group, email=form["email"],
                                       explanation=form["explanation"], now=utcnow(),
                                       language=current_language())
    if outcome.issued is not None:
        _send(outcome.issued.email, mail.claim_link_message(
            group_name=group.name, link=_claim_link(outcome.issued.token),
            claimant=edit_links.normalise_email(form["email"]),
            hours=link_policy().claim_hours))
    if outcome.request is not None:
        notify_moderators(db, kind="claim", group=group)
    return _claim_sent()


def _claim_sent():
    return render_template("organizations/link_sent.html", what="claim"), 200, NO_STORE


def open_claim(token: str):
    """A one-time claim link: show what it does (opening a link must not use it up — mail
    scanners open links)."""
    check = edit_links.check_link(get_session(), token=token, now=utcnow(),
                                  policy=link_policy(), purpose="claim")
    if not check.ok:
        return link_gone(check)
    return render_template("organizations/claim_open.html", group=check.group,
                           token=token), 200, NO_STORE


def redeem_claim(token: str):
    """Use the claim link: the address it went to becomes an owner with an edit link."""
    db = get_session()
    check = edit_links.check_link(db, token=token, now=utcnow(), policy=link_policy(),
                                  purpose="claim")
    if not check.ok:
        return link_gone(check)
    try:
        issued = edit_links.redeem_claim(db, check=check, now=utcnow(),
                                         language=current_language())
    except edit_links.LinkError:
        return link_gone(edit_links.LinkCheck("unknown"))
    _send(issued.email, mail.new_edit_link_message(
        group_name=issued.group.name, link=_edit_link(issued.token),
        why="You claimed this listing on Circles.", days=link_policy().edit_days))
    return redirect(url_for("organizations.edit_listing", token=issued.token))


# --- recovery --------------------------------------------------------------------------------


@rerender_on_csrf_error
def recover_links():
    """Lost your edit link? Fresh ones go to the address if it looks after the listing;
    the page says the same whether or not it does."""
    form = {"email": "", "listing": request.args.get("listing", "")[:300]}
    if request.method == "GET":
        return render_template("organizations/recover.html", form=form, errors={}), 200, \
            NO_STORE
    form = {"email": (request.form.get("email") or "").strip()[:254],
            "listing": (request.form.get("listing") or "").strip()[:300]}
    if request.form.get(HONEYPOT_FIELD) and not csrf_error():
        return render_template("organizations/link_sent.html", what="recover"), 200, NO_STORE
    errors: dict[str, str] = {}
    if edit_links.normalise_email(form["email"]) is None:
        errors["email"] = "Enter your e-mail address, like name@example.org."
    slug = _slug_from(form["listing"])
    if form["listing"] and slug is None:
        errors["listing"] = ("Paste the listing's address (…/groups/name-of-group) or leave "
                             "this empty for every listing of this address.")
    if csrf_error():
        errors["csrf_token"] = csrf_error()
    if errors:
        return render_template("organizations/recover.html", form=form, errors=errors), 400, \
            NO_STORE
    db = get_session()
    issued = edit_links.recover_links(db, email=form["email"], slug=slug, now=utcnow())
    if issued:
        _send(issued[0].email, mail.recovered_links_message(
            links=[(i.group.name, _edit_link(i.token)) for i in issued],
            days=link_policy().edit_days))
    return render_template("organizations/link_sent.html", what="recover"), 200, NO_STORE


def renew_link(token: str):
    """An expired link asks for a fresh one, sent to the address the old one went to."""
    db = get_session()
    check = edit_links.check_link(db, token=token, now=utcnow(), policy=link_policy())
    if check.state == "expired":
        issued = edit_links.renew_link(db, row=check.row, group=check.group, now=utcnow())
        if issued is not None:
            _send(issued.email, mail.new_edit_link_message(
                group_name=issued.group.name, link=_edit_link(issued.token),
                why="Your old link had expired, so here is a new one.",
                days=link_policy().edit_days))
    elif check.state != "ok":
        return link_gone(check)
    return render_template("organizations/link_sent.html", what="renew"), 200, NO_STORE


# --- the owner's link controls ----------------------------------------------------------------


def rotate_link(token: str):
    """Replace this link: it stops working at once; the new one is shown and e-mailed."""
    db = get_session()
    group = _owned_group(token)
    new = edit_links.rotate_link(db, row=g.edit_link, group=group, now=utcnow())
    _send(g.edit_link.email, mail.new_edit_link_message(
        group_name=group.name, link=_edit_link(new),
        why="You replaced your edit link; the old one no longer works.",
        days=link_policy().edit_days))
    return redirect(url_for("organizations.edit_listing", token=new, done="rotated"))


def add_co_owner(token: str):
    """Add a co-owner: they get their own edit link by e-mail."""
    db = get_session()
    group = _owned_group(token)
    try:
        issued = edit_links.add_co_owner(db, group=group, email=request.form.get("email", ""),
                                         now=utcnow(), language=current_language())
    except edit_links.LinkError as exc:
        owner = submissions.get_owner(db, group_id=group.id)
        data = listing_form.input_from_listing(
            submissions.current_listing(group),
            owner_email=owner.email if owner and owner.email else "")
        return _render_edit(token, group, data, {}, status=400,
                            link_errors={"co_owner_email": str(exc)})
    with using_language(issued.language):  # the co-owner's, stored as they were added
        message = mail.new_edit_link_message(
            group_name=group.name, link=_edit_link(issued.token),
            why="The owner of this listing on Circles added you as a co-owner.",
            days=link_policy().edit_days)
    _send(issued.email, message)
    return redirect(url_for("organizations.edit_listing", token=token, done="co-owner"))


def remove_co_owner(token: str, co_owner_id: int):
    """Remove a co-owner; every link sent to them stops working."""
    db = get_session()
    group = _owned_group(token)
    if not edit_links.remove_co_owner(db, group=group, co_owner_id=co_owner_id, now=utcnow()):
        return render_template("errors/404.html"), 404
    return redirect(url_for("organizations.edit_listing", token=token, done="co-owner-removed"))


def init_limits(app) -> None:
    """Rate-limit claim, recovery and renewal POSTs with the app's limiter (installed by
    `extensions.init_app`, which must run first). Every POST counts: a neutral answer
    must not become a free oracle."""
    limiter = app.extensions.get("circles_limiter")
    if limiter is None:
        return
    for key, value in LINK_RATE_DEFAULTS.items():
        app.config.setdefault(key, value)
    for endpoint, key in LINK_RATE_LIMITS.items():
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        app.view_functions[endpoint] = limiter.limit(
            lambda key=key: current_app.config[key], methods=["POST"],
        )(view)
