"""Seeker views: thin — parse input, call one service, render."""

from __future__ import annotations

from flask import Response, abort, current_app, render_template, request

from directory.db import get_session
from directory.models import utcnow
from directory.seekers import bp
from directory.services import calendar, listings


def _positive_int(name: str, default: int, maximum: int) -> tuple[int, str | None]:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default, None
    try:
        value = int(raw)
    except ValueError:
        return default, f"Ignored {name}={raw[:40]!r}: not a whole number."
    if value < 1 or value > maximum:
        return default, f"Ignored {name}={value}: must be between 1 and {maximum}."
    return value, None


@bp.get("/")
def show_home():
    """The home page: a search box and the topics."""
    return render_template("seekers/home.html")


@bp.get("/groups")
def search():
    """The list of active groups, one page at a time."""
    notices = []
    per_page, notice = _positive_int(
        "per_page", current_app.config["PER_PAGE"], current_app.config["MAX_PER_PAGE"]
    )
    if notice:
        notices.append(notice)
    page, notice = _positive_int("page", 1, 100000)
    if notice:
        notices.append(notice)
    groups, total = listings.list_active_groups(get_session(), page=page, per_page=per_page)
    pages = max(1, -(-total // per_page))
    if page > pages and total:
        notices.append(f"Page {page} is past the last page ({pages}).")
    return render_template(
        "seekers/search.html",
        groups=groups, total=total, page=page, pages=pages, per_page=per_page, notices=notices,
    )


@bp.get("/groups/<slug>")
def show_group(slug: str):
    """One group's page."""
    group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        abort(404)
    return render_template("seekers/group.html", group=group)


@bp.get("/groups/<slug>.ics")
def download_group_calendar(slug: str):
    """One group's meetings as an iCalendar file."""
    group = listings.get_public_group(get_session(), slug=slug)
    if group is None:
        abort(404)
    body = calendar.group_calendar(group, base_url=current_app.config["BASE_URL"], now=utcnow())
    return Response(body, content_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{group.slug}.ics"',
        "Cache-Control": "public, max-age=300",
    })
