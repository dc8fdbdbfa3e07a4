"""The owners', editors' and moderators' pages in Spanish and French, compared with the same
page in English (as tests/directory/i18n/test_pages_speak_the_language.py does for seekers):
a moderator and an editor log in, the directory holds a pending new listing, a pending edit,
a report, an organization with an editor and a data source, and every staff page is read in
both languages. A piece of visible text still in English fails the test."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from sqlmodel import select

from directory.models import DataSource, ListingRevision, Organization
from directory.moderation import editors
from tests.directory.i18n.test_pages_speak_the_language import (
    english_leftovers,
    in_both,
    listing_words,
)
from tests.directory.organizations.test_edit_link import approve_all, submit

PASSWORD = "a long editor passphrase"
# Words the fixtures typed (names, sources, people's addresses) and codes shown as data.
FIXTURE_WORDS = {
    "Lakeside Family Circle", "Lakeside Community Services", "Riverside feed",
    "meeting-guide", "https://feeds.example.org/meetings.json", "owner", "moderator",
    "admin", "grief", "America/Chicago", "csv", "YYYY-MM-DD", "Shorter.",
    "A peer-led circle for families of people who drink.", "Harbor Lane Newcomers",
    "It moved to Thursdays.", "flask --app directory send-reminders", "flask import",
    "group_slug", "paused", "harbor-lane-newcomers", "lakeside-family-circle",
    # French words spelt as the English ones
    "Actions", "Action", "Sources", "Incoming", "Contact",
}


def _token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def staff_world(client, session, csrf_token, listing_form, login_as, make_group):
    """A live listing with a pending edit, a pending new listing, an open report, an
    organization with an editor, a data source; the client is logged in as an admin."""
    group = make_group(slug="harbor-circle", name="Harbor Lane Family Circle",
                       contact_email="hello@example.org", contact_phone="+1 555 0100")
    edit_path = submit(client, csrf_token, listing_form, **{"m-0-start_time": "19:00"})
    approve_all(client, session, csrf_token, login_as)
    # The owner changes the start time: a pending edit with a diff.
    form = listing_form(_token(client, edit_path), **{"m-0-start_time": "19:30",
                                                      "description": "Shorter."})
    assert client.post(edit_path, data=form).status_code in (200, 302)
    submit(client, csrf_token, listing_form, group_name="Harbor Lane Newcomers")
    report = {"csrf_token": csrf_token("/groups/harbor-circle/report"), "kind": "wrong-time",
              "details": "It moved to Thursdays."}
    assert client.post("/groups/harbor-circle/report", data=report).status_code == 302
    session.add(DataSource(name="Riverside feed", format="meeting-guide",
                           location="https://feeds.example.org/meetings.json"))
    session.commit()
    organization = session.exec(select(Organization).where(
        Organization.name == "Harbor Lane Community Services")).one()
    return {"group": group, "edit_path": edit_path, "organization": organization}


def _without_data(html: str) -> str:
    """The page without the audit log's raw JSON (recorded data, not interface words)."""
    return re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)


def _compare(client, path: str, lang: str, words: set[str]) -> None:
    english, other = in_both(client, path, lang)
    html = other.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html, path
    leftovers = english_leftovers(_without_data(english.get_data(as_text=True)),
                                  _without_data(html), words)
    assert leftovers == [], f"English left on {path} in {lang}: {leftovers}"


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_moderators_pages_speak_the_language(client, session, staff_world, lang):
    organization = staff_world["organization"]
    pending = session.exec(select(ListingRevision).where(
        ListingRevision.status == "pending")).all()
    assert {r.kind for r in pending} == {"new", "edit"}
    words = listing_words(staff_world["group"]) | FIXTURE_WORDS | {
        r.submitted_by for r in pending}
    for revision in pending:
        _compare(client, f"/admin/revisions/{revision.id}", lang, words)
    for path in ("/admin/", "/admin/?kind=zzz&country=Ohio", "/admin/reports",
                 "/admin/claims", "/admin/stale", "/admin/verify", "/admin/duplicates",
                 "/admin/groups", "/admin/organizations",
                 f"/admin/organizations/{organization.id}", "/admin/audit",
                 "/admin/audit?since=yesterday", "/admin/import-export", "/admin/settings",
                 "/admin/accounts", "/admin/sources", "/admin/groups/harbor-circle/edit"):
        _compare(client, path, lang, words)


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_the_audit_log_says_its_changes_in_the_language(client, session, staff_world, lang):
    edit = session.exec(select(ListingRevision).where(
        ListingRevision.status == "pending", ListingRevision.kind == "edit")).one()
    assert client.post(f"/admin/revisions/{edit.id}/approve",
                       data={"csrf_token": _token(client, "/admin/")}).status_code == 302
    html = unescape(client.get(f"/admin/audit?hl={lang}").get_data(as_text=True))
    said = {"es": "Reunión del martes 19:00: hora de inicio: cambió de 19:00 a 19:30",
            "fr": "Réunion du mardi 19:00\u00a0: heure de début\u00a0: passé de 19:00 à 19:30"}
    assert said[lang] in html, re.findall(r'<ul class="changes">(.*?)</ul>', html, re.S)


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_a_moderators_form_errors_speak_the_language(client, session, staff_world, lang):
    revision = session.exec(select(ListingRevision).where(
        ListingRevision.status == "pending", ListingRevision.kind == "new")).first()
    token = _token(client, "/admin/")
    english = client.post(f"/admin/revisions/{revision.id}/reject?hl=en",
                          data={"csrf_token": token, "reason": ""})
    other = client.post(f"/admin/revisions/{revision.id}/reject?hl={lang}",
                        data={"csrf_token": token, "reason": ""})
    assert english.status_code == other.status_code == 400
    assert "Give the owner a reason" in english.get_data(as_text=True)
    leftovers = english_leftovers(english.get_data(as_text=True), other.get_data(as_text=True),
                                  FIXTURE_WORDS | {revision.submitted_by, "Harbor Lane "
                                                   "Newcomers"})
    assert leftovers == [], leftovers
    bulk = client.post(f"/admin/bulk?hl={lang}", data={"csrf_token": token,
                                                       "bulk_action": "approve"})
    assert bulk.status_code == 400
    assert {"es": "Marca primero al menos un anuncio.",
            "fr": "Cochez d'abord au moins une fiche."}[lang] in \
        bulk.get_data(as_text=True).replace("&#39;", "'")


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_editors_and_owners_pages_speak_the_language(client, session, staff_world, lang):
    organization = staff_world["organization"]
    invitation = editors.invite_editor(session, organization=organization,
                                       email="sec@example.org",
                                       actor="moderator:mod@example.org",
                                       now=datetime.now(UTC))
    session.commit()
    words = listing_words(staff_world["group"]) | FIXTURE_WORDS | {"sec@example.org"}
    url = f"/organization/invitations/{invitation.token}"
    _compare(client, url, lang, words)
    _compare(client, "/organization/invitations/not-a-token", lang, words)
    response = client.post(url, data={"csrf_token": _token(client, url),
                                      "password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302
    for path in ("/organization/", "/organization/editors", "/organization/password",
                 "/organization/listings/harbor-circle/edit", staff_world["edit_path"],
                 "/listings/edit/not-a-real-token"):
        _compare(client, path, lang, words)
    client.post("/organization/logout", data={"csrf_token": _token(client, "/organization/")})
    _compare(client, "/organization/login", lang, words)
    client.post("/admin/logout", data={"csrf_token": _token(client, "/admin/")})
    _compare(client, "/admin/login", lang, words)


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_a_translated_error_still_lands_on_its_field(client, session, staff_world, lang):
    """Which field an error belongs to never depends on its (translated) words."""
    too_short = {"es": "La contraseña debe tener al menos 12 caracteres.",
                 "fr": "Le mot de passe doit faire au moins 12\u00a0caractères."}
    # A staff account's new password (new accounts choose theirs through a link).
    url = f"/admin/password?hl={lang}"
    response = client.post(url, data={
        "csrf_token": _token(client, url), "current_password": "correct horse battery",
        "new_password": "short", "new_password_again": "short"})
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    error = re.search(r'id="new_password-error">(.*?)</p>', html, re.S)
    assert error and too_short[lang].replace("\u00a0", " ") in error.group(1).replace(
        "\u00a0", " ")
    assert not re.search(r'id="current_password-error">', html)
    response = client.post(url, data={
        "csrf_token": _token(client, url), "current_password": "not the password at all",
        "new_password": "a long enough new one", "new_password_again": "a long enough new one"})
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert re.search(r'id="current_password-error">', html)
    assert not re.search(r'id="new_password-error">', html)
    invitation = editors.invite_editor(session, organization=staff_world["organization"],
                                       email="sec@example.org",
                                       actor="moderator:mod@example.org",
                                       now=datetime.now(UTC))
    session.commit()
    url = f"/organization/invitations/{invitation.token}?hl={lang}"
    response = client.post(url, data={"csrf_token": _token(client, url),
                                      "password": "short", "password_again": "short"})
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert re.search(r'id="password-error">', html)
    assert not re.search(r'id="invitation-error">', html)
