"""Mail sent outside the reader's own request — verification reminders from `flask
send-reminders`, a moderator's decision, the moderators' notices and digests — is written in
the language its reader used: the owner's at submission, the moderator's at login."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from directory.models import AdminUser, Group, ListingOwner, ListingRevision, utcnow
from directory.moderation.admins import create_admin
from tests_support import FIXED_NOW

PASSWORD = "correct horse battery"


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _submit(client, listing_form, *, hl: str | None, name: str) -> None:
    query = f"?hl={hl}" if hl else ""
    form = listing_form(_token(client, f"/submit{query}"), group_name=name,
                        owner_email=f"{name.split()[0].lower()}@example.org")
    assert client.post(f"/submit{query}", data=form).status_code == 302


def _log_in_moderator(client, session, *, hl: str, email: str) -> None:
    create_admin(session, email=email, password=PASSWORD, role="admin", now=FIXED_NOW)
    session.commit()
    response = client.post(f"/admin/login?hl={hl}", data={
        "csrf_token": _token(client, f"/admin/login?hl={hl}"), "email": email,
        "password": PASSWORD, "next": ""})
    assert response.status_code == 302


def test_a_spanish_submitters_reminder_and_decision_arrive_in_spanish(
    client, session, smtp, runner, listing_form
):
    _submit(client, listing_form, hl="es", name="Marea Circle")
    _submit(client, listing_form, hl=None, name="Harbor Circle")
    owners = {o.email: o.language for o in session.exec(select(ListingOwner))}
    assert owners == {"marea@example.org": "es", "harbor@example.org": "en"}
    smtp.messages.clear()
    # An English-speaking moderator approves both: each owner hears in their own language.
    _log_in_moderator(client, session, hl="en", email="mod@example.org")
    token = _token(client, "/admin/")
    for revision in session.exec(select(ListingRevision)).all():
        assert client.post(f"/admin/revisions/{revision.id}/approve",
                           data={"csrf_token": token}).status_code == 302
    decided = {m["To"]: m for m in smtp.messages}
    assert decided["marea@example.org"]["Subject"] == "Aprobado: Marea Circle"
    assert decided["harbor@example.org"]["Subject"] == "Approved: Harbor Circle"
    smtp.messages.clear()

    for group in session.exec(select(Group)):
        group.last_verified_at = utcnow() - timedelta(days=170)
        session.add(group)
    session.commit()
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    reminders = {m["To"]: m for m in smtp.messages}
    spanish = reminders["marea@example.org"]
    assert spanish["Subject"] == "¿«Marea Circle» sigue siendo correcto?"
    assert "Your Circles listing" not in _body(spanish)
    assert reminders["harbor@example.org"]["Subject"] == "Is \"Harbor Circle\" still accurate?"


def test_a_french_moderator_gets_notices_and_digests_in_french(
    client, session, smtp, runner, listing_form, app
):
    _log_in_moderator(client, session, hl="fr", email="modo@example.org")
    moderator = session.exec(select(AdminUser)).one()
    assert moderator.language == "fr"
    client.post("/admin/settings?hl=fr", data={"csrf_token": _token(client, "/admin/settings"),
                                                "notify": "immediate"})
    smtp.messages.clear()
    _submit(client, listing_form, hl="es", name="Marea Circle")  # a Spanish submitter
    notice = next(m for m in smtp.messages if m["To"] == "modo@example.org")
    assert notice["Subject"] == "Nouvelle fiche proposée : Marea Circle".replace(" :", "\u00a0:")
    assert "connexion de modérateur nécessaire" in _body(notice)

    session.refresh(moderator)
    moderator.notify = "digest"
    moderator.digest_sent_at = None
    session.add(moderator)
    session.commit()
    smtp.messages.clear()
    result = runner.invoke(args=["send-digests"])
    assert result.exit_code == 0, result.output
    [digest] = smtp.messages
    assert digest["Subject"] == "Circles\u00a0: 1 nouvel élément à modérer"
    assert "Nouveautés depuis votre dernier récapitulatif" in _body(digest)


def test_a_spanish_owner_hears_which_changes_were_not_kept_in_spanish(
    client, session, smtp, listing_form, login_as
):
    _submit(client, listing_form, hl="es", name="Marea Circle")
    login_as("admin")
    token = _token(client, "/admin/")
    [new] = session.exec(select(ListingRevision)).all()
    assert client.post(f"/admin/revisions/{new.id}/approve",
                       data={"csrf_token": token}).status_code == 302
    owner_link = next(re.search(r"http://\S+(/listings/edit/\S+)", _body(m)).group(1)
                      for m in smtp.messages if "/listings/edit/" in _body(m))
    form = listing_form(_token(client, owner_link), group_name="Spammy Name!!!",
                        description="Now with childcare.", owner_email="marea@example.org")
    assert client.post(owner_link, data=form).status_code in (200, 302)
    edit = session.exec(select(ListingRevision).where(ListingRevision.status == "pending")
                        ).one()
    smtp.messages.clear()
    response = client.post(f"/admin/revisions/{edit.id}/approve-part", data={
        "csrf_token": token, "accept": ["field:description"],
        "part_reason": "Keep the real name"})  # an English-speaking moderator
    assert response.status_code == 302
    [message] = [m for m in smtp.messages if m["To"] == "marea@example.org"]
    body = _body(message)
    assert "Algunos de tus cambios no se conservaron: Nombre" in body
    assert "group_name" not in body and "Some of your changes" not in body


def _link_token(message) -> str:
    return re.search(r"http://\S+/admin/set-password/(\S+)", _body(message)).group(1)


def test_a_new_staff_accounts_link_speaks_its_language_then_the_one_it_chose(
    client, session, smtp
):
    """An invitation is written in the inviting admin's language (the best guess until the
    new account speaks for itself); once its owner chooses a password in another language,
    a new link comes in that one; "Forgot password" answers in the asker's language."""
    _log_in_moderator(client, session, hl="es", email="jefa@example.org")
    smtp.messages.clear()
    response = client.post("/admin/accounts?hl=es", data={
        "csrf_token": _token(client, "/admin/accounts?hl=es"), "email": "nuevo@example.org",
        "role": "moderator"})
    assert response.status_code == 302
    [invitation] = smtp.messages
    assert invitation["Subject"] == "Tu cuenta de Circles (moderación)"
    assert "jefa@example.org" in _body(invitation)
    newcomer = session.exec(select(AdminUser).where(AdminUser.email == "nuevo@example.org")
                            ).one()
    assert newcomer.language == "es"

    other = client.application.test_client()
    url = f"/admin/set-password/{_link_token(invitation)}?hl=fr"
    response = other.post(url, data={"csrf_token": _token(other, url), "password": PASSWORD,
                                     "password_again": PASSWORD})
    assert response.status_code == 302
    session.refresh(newcomer)
    assert newcomer.language == "fr"

    smtp.messages.clear()
    response = client.post(f"/admin/accounts/{newcomer.id}/link?hl=es", data={
        "csrf_token": _token(client, "/admin/accounts?hl=es")})
    assert response.status_code == 302
    [renewal] = smtp.messages
    assert renewal["Subject"] == "Choisissez un nouveau mot de passe Circles"

    smtp.messages.clear()
    anonymous = client.application.test_client()
    url = "/admin/forgot-password?hl=es"
    response = anonymous.post(url, data={"csrf_token": _token(anonymous, url),
                                         "email": "nuevo@example.org"})
    assert response.status_code == 200
    [reset] = smtp.messages
    assert reset["Subject"] == "Elige una nueva contraseña de Circles"


def test_an_editor_invitation_is_written_in_the_inviters_language(client, session, smtp):
    from directory.models import Organization

    _log_in_moderator(client, session, hl="fr", email="modo@example.org")
    organization = Organization(name="Harbor Lane Community Services")
    session.add(organization)
    session.commit()
    smtp.messages.clear()
    url = f"/admin/organizations/{organization.id}"
    response = client.post(f"{url}/invite?hl=fr", data={
        "csrf_token": _token(client, f"{url}?hl=fr"), "email": "ed@example.org"})
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["Subject"] == ("Invitation\u00a0: modifier les fiches de "
                                  "Harbor Lane Community Services sur Circles")
    assert "vous invite à modifier les fiches" in _body(message)
