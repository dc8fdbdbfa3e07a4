"""Claim a listing, recover a lost edit link, rotate it, co-owners, expiry and renewal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from directory.models import (
    AuditEntry,
    ClaimRequest,
    CoOwner,
    EditToken,
    ListingOwner,
    utcnow,
)
from directory.moderation import edit_links
from directory.services import mail

NEUTRAL_CLAIM = "If this listing has a contact e-mail address, a one-time link is on its way"
NEUTRAL_RECOVER = "If that address looks after a listing, fresh edit links are on their way"


@pytest.fixture
def outbox(monkeypatch):
    """Every mail the app sends, instead of sending it."""
    sent: list[dict] = []

    def fake_send(settings, *, to, subject, body, logger):
        sent.append({"to": to, "subject": subject, "body": body})
        return True

    monkeypatch.setattr(mail, "send_mail", fake_send)
    return sent


def link_in(body: str, kind: str = "edit") -> str:
    return re.search(rf"http://[^/\s]+(/listings/{kind}/[A-Za-z0-9_\-]+)", body).group(1)


def give_owner(session, group, email, *, created_at=None):
    session.add(ListingOwner(group_id=group.id, email=email))
    token = edit_links.issue_link(session, group=group, now=created_at or group.created_at,
                                  email=email)
    session.commit()
    return f"/listings/edit/{token}"


def actions(session, group):
    return [e.action for e in session.exec(
        select(AuditEntry).where(AuditEntry.group_id == group.id).order_by(AuditEntry.id))]


def test_every_group_page_links_to_its_claim_page(client, make_group):
    group = make_group()
    page = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert f'href="/groups/{group.slug}/claim"' in page
    assert "Is this your group?" in page
    assert client.get(f"/groups/{group.slug}/claim").status_code == 200


def test_claim_mails_a_one_time_link_to_the_contact_address_that_makes_an_owner(
    client, session, make_group, csrf_token, outbox
):
    group = make_group(contact_email="Secretary@example.org")
    url = f"/groups/{group.slug}/claim"
    response = client.post(url, data={"csrf_token": csrf_token(url),
                                      "email": "claimant@example.org", "explanation": "I'm it"})
    assert response.status_code == 200
    assert NEUTRAL_CLAIM in response.get_data(as_text=True)
    assert [m["to"] for m in outbox] == ["secretary@example.org"]
    claim_path = link_in(outbox[0]["body"], "claim")
    raw = claim_path.rsplit("/", 1)[1]
    stored = session.exec(select(EditToken).where(EditToken.purpose == "claim")).one()
    assert stored.token_hash == edit_links.hash_token(raw) and raw not in stored.token_hash

    # Opening the link (a mail scanner might) does not use it up.
    assert client.get(claim_path).status_code == 200
    assert client.get(claim_path).status_code == 200
    response = client.post(claim_path, data={"csrf_token": csrf_token(claim_path)})
    assert response.status_code == 302
    edit_path = response.headers["Location"]
    assert client.get(edit_path).status_code == 200
    assert session.get(ListingOwner, group.id).email == "secretary@example.org"

    again = client.post(claim_path, data={"csrf_token": csrf_token("/listings/recover")})
    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)
    assert {"claim link issued", "claim link used", "owner set", "edit link issued"} <= set(
        actions(session, group))


def test_claim_without_a_contact_address_goes_to_a_moderator_who_can_approve_it(
    client, session, make_group, csrf_token, outbox, login_as
):
    group = make_group(contact_email=None)
    url = f"/groups/{group.slug}/claim"
    response = client.post(url, data={"csrf_token": csrf_token(url),
                                      "email": "claimant@example.org",
                                      "explanation": "I chair the group; call 555-0142."})
    assert NEUTRAL_CLAIM in response.get_data(as_text=True)
    assert outbox == []
    claim = session.exec(select(ClaimRequest)).one()
    assert claim.explanation == "I chair the group; call 555-0142."

    login_as("moderator")
    page = client.get("/admin/claims").get_data(as_text=True)
    assert "claimant@example.org" in page and "I chair the group" in page
    response = client.post(f"/admin/claims/{claim.id}/approve",
                           data={"csrf_token": csrf_token("/admin/claims")})
    assert response.status_code == 302
    assert [m["to"] for m in outbox] == ["claimant@example.org"]
    claim_path = link_in(outbox[0]["body"], "claim")
    assert client.post(claim_path, data={"csrf_token": csrf_token(claim_path)}
                       ).status_code == 302
    assert session.get(ListingOwner, group.id).email == "claimant@example.org"
    assert "claim approved" in actions(session, group)


def test_claims_for_unknown_slugs_answer_the_same_neutral_message(
    client, make_group, csrf_token, outbox
):
    token = csrf_token("/listings/recover")
    response = client.post("/groups/no-such-group/claim", data={
        "csrf_token": token, "email": "someone@example.org", "explanation": ""})
    assert response.status_code == 200
    assert NEUTRAL_CLAIM in response.get_data(as_text=True)
    assert outbox == []


def test_a_claim_needs_a_real_address(client, make_group, csrf_token):
    group = make_group()
    url = f"/groups/{group.slug}/claim"
    response = client.post(url, data={"csrf_token": csrf_token(url), "email": "not-an-address",
                                      "explanation": "kept text"})
    assert response.status_code == 400
    assert "kept text" in response.get_data(as_text=True)


def test_recovery_mails_fresh_links_only_to_a_matching_address_and_says_the_same_always(
    client, session, make_group, csrf_token, outbox
):
    owned = make_group(contact_email=None)
    give_owner(session, owned, "host@example.org")
    contact = make_group(contact_email="host@example.org")
    other = make_group(contact_email="someone-else@example.org")
    token = csrf_token("/listings/recover")

    answers = []
    for email, listing in [("HOST@example.org ", ""), ("stranger@example.org", ""),
                           ("host@example.org", f"http://x.example/groups/{other.slug}"),
                           ("host@example.org", "no-such-listing")]:
        response = client.post("/listings/recover", data={
            "csrf_token": token, "email": email, "listing": listing})
        assert response.status_code == 200
        answers.append(response.get_data(as_text=True))
    assert all(NEUTRAL_RECOVER in a for a in answers)
    assert len(set(answers)) == 1  # nothing tells the cases apart
    assert [m["to"] for m in outbox] == ["host@example.org"]
    body = outbox[0]["body"]
    assert owned.name in body and contact.name in body and other.name not in body
    links = re.findall(r"/listings/edit/[A-Za-z0-9_\-]+", body)
    assert len(links) == 2
    assert all(client.get(link).status_code == 200 for link in links)


def test_recovery_is_rate_limited(app, client, make_group, csrf_token, outbox):
    app.config["RECOVER_RATE_LIMIT"] = "2/hour"
    token = csrf_token("/listings/recover")
    codes = [client.post("/listings/recover", data={
        "csrf_token": token, "email": "a@example.org"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_claims_are_rate_limited(app, client, make_group, csrf_token, outbox):
    app.config["CLAIM_RATE_LIMIT"] = "1/hour"
    group = make_group()
    url = f"/groups/{group.slug}/claim"
    token = csrf_token(url)
    codes = [client.post(url, data={"csrf_token": token, "email": "a@example.org"}
                         ).status_code for _ in range(2)]
    assert codes == [200, 429]


def test_rotating_a_link_stops_the_old_one_and_mails_the_new_one(
    client, session, make_group, csrf_token, outbox
):
    group = make_group()
    old = give_owner(session, group, "host@example.org")
    response = client.post(f"{old}/rotate", data={"csrf_token": csrf_token(old)})
    assert response.status_code == 302
    new = response.headers["Location"].split("?")[0]
    assert new != old
    gone = client.get(old)
    assert gone.status_code == 410 and "was replaced" in gone.get_data(as_text=True)
    assert client.get(new).status_code == 200
    assert link_in(outbox[0]["body"]) == new and outbox[0]["to"] == "host@example.org"
    assert "edit link revoked" in actions(session, group)


def test_a_co_owner_gets_a_link_of_their_own_which_removal_revokes(
    client, session, make_group, csrf_token, outbox
):
    group = make_group()
    path = give_owner(session, group, "host@example.org")
    response = client.post(f"{path}/co-owners", data={
        "csrf_token": csrf_token(path), "email": "Treasurer@example.org"})
    assert response.status_code == 302
    assert [m["to"] for m in outbox] == ["treasurer@example.org"]
    co_path = link_in(outbox[0]["body"])
    assert client.get(co_path).status_code == 200
    assert "treasurer@example.org" in client.get(path).get_data(as_text=True)

    co = session.exec(select(CoOwner)).one()
    response = client.post(f"{path}/co-owners/{co.id}/remove",
                           data={"csrf_token": csrf_token(path)})
    assert response.status_code == 302
    assert client.get(co_path).status_code == 410
    assert client.get(path).status_code == 200


def test_a_bad_co_owner_address_is_a_400_on_the_edit_page(client, session, make_group,
                                                          csrf_token):
    group = make_group()
    path = give_owner(session, group, "host@example.org")
    response = client.post(f"{path}/co-owners", data={"csrf_token": csrf_token(path),
                                                      "email": "nope"})
    assert response.status_code == 400
    assert 'id="co_owner_email-error"' in response.get_data(as_text=True)


def test_an_expired_link_gives_a_clear_page_and_renews_by_mail_to_its_address(
    app, client, session, make_group, csrf_token, outbox
):
    app.config["EDIT_LINK_DAYS"] = 30
    group = make_group()
    path = give_owner(session, group, "host@example.org",
                      created_at=utcnow() - timedelta(days=31))
    response = client.get(path)
    assert response.status_code == 410
    assert "has expired" in response.get_data(as_text=True)
    renew = client.post(f"{path}/renew", data={"csrf_token": csrf_token("/listings/recover")})
    assert renew.status_code == 200
    assert [m["to"] for m in outbox] == ["host@example.org"]
    fresh = link_in(outbox[0]["body"])
    assert client.get(fresh).status_code == 200
    assert client.get(path).status_code == 410
    assert client.post(f"{path}/confirm", data={"csrf_token": csrf_token("/listings/recover")}
                       ).status_code == 410


def test_a_claim_link_expires_after_the_configured_hours(app, client, session, make_group,
                                                         csrf_token):
    app.config["CLAIM_LINK_HOURS"] = 1
    group = make_group()
    token = edit_links.issue_link(
        session, group=group, now=utcnow() - timedelta(hours=2),
        email="host@example.org", purpose="claim")
    session.commit()
    response = client.post(f"/listings/claim/{token}",
                           data={"csrf_token": csrf_token("/listings/recover")})
    assert response.status_code == 410
    assert session.get(ListingOwner, group.id) is None


def test_unknown_and_garbage_links_are_404_never_500(client, csrf_token):
    token = csrf_token("/listings/recover")
    for path in ("/listings/claim/nope", "/listings/claim/" + "x" * 300,
                 "/listings/edit/nope/renew", "/listings/edit/nope/rotate",
                 "/listings/edit/nope/co-owners"):
        assert client.post(path, data={"csrf_token": token}).status_code == 404, path
    assert client.get("/listings/claim/nope").status_code == 404
