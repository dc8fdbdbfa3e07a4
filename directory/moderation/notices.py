"""Telling moderators about new work: new submissions, owners' and editors' edits, reports
and claims. Each is a ModeratorNotice row; moderators who chose "immediate" get one mail
per notice (queued by the web layer, sent after the commit), those who chose "digest" get
one mail a day from `flask send-digests`. Mails name the listing and where to look at it —
never a search term, a reporter's words or an address of anyone who wrote in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from directory.i18n.text import N_, labelled, ngettext
from directory.i18n.text import gettext as _
from directory.models import AdminUser, Group, ModeratorNotice

KINDS = {
    "new": N_("New listing submitted"),
    "edit": N_("Edit to a listing waiting for review"),
    "report": N_("Problem reported with a listing"),
    "claim": N_("Claim of a listing with no contact address"),
}
ADMIN_PATHS = {"new": "/admin/", "edit": "/admin/", "report": "/admin/reports",
               "claim": "/admin/claims"}
# A first digest (or one after a long gap) covers at most this much.
DIGEST_WINDOW = timedelta(days=7)
DIGEST_MAX_ITEMS = 200


def record_notice(session: Session, *, kind: str, group: Group, now: datetime
                  ) -> ModeratorNotice:
    """Note new work for moderators (the digest reads these; immediate mail follows)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notice kind {kind!r}")
    notice = ModeratorNotice(at=now, kind=kind, group_id=group.id, group_slug=group.slug,
                             group_name=(group.name or "")[:200], admin_path=ADMIN_PATHS[kind])
    session.add(notice)
    session.flush()
    return notice


def recipients(session: Session, *, notify: str) -> list[AdminUser]:
    """Enabled staff accounts that chose this kind of mail."""
    return list(session.exec(
        select(AdminUser).where(AdminUser.notify == notify, AdminUser.disabled_at.is_(None))
        .order_by(AdminUser.id)))


def notice_message(notice: ModeratorNotice, *, base_url: str) -> tuple[str, str]:
    """The immediate mail for one notice, in the language being spoken."""
    line = _("%(kind)s: %(group)s", kind=_(KINDS[notice.kind]), group=notice.group_name)
    body = (f"{line}\n\n"
            + _("Look at it here (moderator login needed):\n%(link)s\n\n",
                link=f"{base_url}{notice.admin_path}")
            + _("You get one e-mail like this for each new item. To get one e-mail a day "
                "instead, or none, change your settings:\n%(link)s\n",
                link=f"{base_url}/admin/settings"))
    return line[:200], body


@dataclass
class Digest:
    user: AdminUser
    notices: list[ModeratorNotice]
    until: datetime


def due_digests(session: Session, *, now: datetime) -> list[Digest]:
    """For each moderator who chose the digest, the notices since their last one (empty
    digests are not sent)."""
    out = []
    for user in recipients(session, notify="digest"):
        since = user.digest_sent_at or (now - DIGEST_WINDOW)
        since = max(since, now - DIGEST_WINDOW)
        notices = list(session.exec(
            select(ModeratorNotice).where(ModeratorNotice.at > since,
                                          ModeratorNotice.at <= now)
            .order_by(ModeratorNotice.at, ModeratorNotice.id)))
        if notices:
            out.append(Digest(user=user, notices=notices, until=now))
    return out


def digest_message(digest: Digest, *, base_url: str) -> tuple[str, str]:
    """One mail listing a day's (or since the last digest's) new work."""
    counts: dict[str, int] = {}
    for notice in digest.notices:
        counts[notice.kind] = counts.get(notice.kind, 0) + 1
    total = len(digest.notices)
    subject = ngettext("Circles: %(num)s new item for moderators",
                       "Circles: %(num)s new items for moderators", total)
    lines = [_("New since your last digest:"), ""]
    lines += ["- " + labelled(_(KINDS[kind]), n) for kind, n in counts.items()]
    lines += ["", _("The items:")]
    for notice in digest.notices[:DIGEST_MAX_ITEMS]:
        lines.append(f"- {notice.at:%Y-%m-%d %H:%M} UTC · " + labelled(
            _(KINDS[notice.kind]), f"{notice.group_name} — {base_url}{notice.admin_path}"))
    if total > DIGEST_MAX_ITEMS:
        lines.append("- " + _("… and %(count)s more in the queue.",
                              count=total - DIGEST_MAX_ITEMS))
    lines += ["", _("Change how you hear about new work (immediately, daily, or not at "
                    "all):"), f"{base_url}/admin/settings", ""]
    return subject, "\n".join(lines)


def mark_digest_sent(session: Session, *, digest: Digest) -> None:
    """The digest went out: the next one starts after it."""
    digest.user.digest_sent_at = digest.until
    session.add(digest.user)
    session.flush()
