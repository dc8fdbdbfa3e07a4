"""The editors service on its own: invitations, re-joining after a removal, one
organization per editor, organization search and the trusted flag's audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from directory.models import AuditEntry, EditorAccount, Organization
from directory.moderation import editors
from tests_support import FIXED_NOW

PASSWORD = "a long editor passphrase"


def _org(session, name: str) -> Organization:
    org = Organization(name=name)
    session.add(org)
    session.flush()
    return org


def test_a_removed_editor_invited_again_rejoins_with_a_new_password_and_new_sessions(
        session):
    org = _org(session, "Riverside Intergroup")
    first = editors.invite_editor(session, organization=org, email="a@example.org",
                                  actor="moderator:m", now=FIXED_NOW)
    editor = editors.accept_invitation(session, token=first.token, password=PASSWORD,
                                       now=FIXED_NOW)
    editors.remove_editor(session, editor=editor, actor="admin:x", now=FIXED_NOW)
    version = editor.session_version
    assert editors.authenticate_editor(session, email="a@example.org", password=PASSWORD,
                                       now=FIXED_NOW) is None
    again = editors.invite_editor(session, organization=org, email="a@example.org",
                                  actor="moderator:m", now=FIXED_NOW)
    rejoined = editors.accept_invitation(session, token=again.token,
                                         password="another long passphrase", now=FIXED_NOW)
    assert rejoined.id == editor.id and rejoined.removed_at is None
    assert rejoined.session_version > version
    assert editors.authenticate_editor(session, email="A@Example.org ",
                                       password="another long passphrase",
                                       now=FIXED_NOW) is not None
    assert editors.authenticate_editor(session, email="a@example.org", password=PASSWORD,
                                       now=FIXED_NOW) is None


def test_an_invitation_cannot_be_used_by_someone_who_meanwhile_edits_elsewhere(session):
    ours, theirs = _org(session, "Riverside Intergroup"), _org(session, "Hillside Services")
    pending = editors.invite_editor(session, organization=ours, email="a@example.org",
                                    actor="moderator:m", now=FIXED_NOW)
    other = editors.invite_editor(session, organization=theirs, email="a@example.org",
                                  actor="moderator:m", now=FIXED_NOW)
    editors.accept_invitation(session, token=other.token, password=PASSWORD, now=FIXED_NOW)
    with pytest.raises(editors.EditorError, match="another organization"):
        editors.accept_invitation(session, token=pending.token, password=PASSWORD,
                                  now=FIXED_NOW)
    editor = session.exec(select(EditorAccount)).one()
    assert editor.organization_id == theirs.id


def test_an_invitation_works_until_it_expires_and_only_once(session):
    org = _org(session, "Riverside Intergroup")
    invitation = editors.invite_editor(session, organization=org, email="a@example.org",
                                       actor="moderator:m", now=FIXED_NOW, hours=2)
    late = FIXED_NOW + timedelta(hours=2)
    assert editors.check_invitation(session, token=invitation.token,
                                    now=late - timedelta(seconds=1)).ok
    assert editors.check_invitation(session, token=invitation.token, now=late).state == \
        "expired"
    editors.accept_invitation(session, token=invitation.token, password=PASSWORD,
                              now=FIXED_NOW)
    assert editors.check_invitation(session, token=invitation.token,
                                    now=FIXED_NOW).state == "used"


def test_organization_search_is_literal_paged_and_counts_editors(session):
    for n in range(editors.ORGANIZATIONS_PER_PAGE + 3):
        _org(session, f"Intergroup {n:03d}")
    _org(session, "100% Recovery")
    rows, total = editors.list_organizations(session, q="intergroup", page=2)
    assert total == editors.ORGANIZATIONS_PER_PAGE + 3 and len(rows) == 3
    rows, total = editors.list_organizations(session, q="%")
    assert [r.organization.name for r in rows] == ["100% Recovery"]
    rows, _ = editors.list_organizations(session, q="_")
    assert rows == []


def test_trusting_is_audited_once_and_only_when_it_changes(session):
    org = _org(session, "Riverside Intergroup")
    editors.set_trusted(session, organization=org, trusted=True, actor="admin:x",
                        now=FIXED_NOW)
    editors.set_trusted(session, organization=org, trusted=True, actor="admin:x",
                        now=FIXED_NOW)
    editors.set_trusted(session, organization=org, trusted=False, actor="admin:x",
                        now=FIXED_NOW)
    actions = session.exec(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["organization trusted", "organization untrusted"]
