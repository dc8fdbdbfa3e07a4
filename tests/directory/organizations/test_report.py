"""Seekers report a problem with a listing."""

from __future__ import annotations

import logging

from sqlmodel import select

from directory.models import Report


def test_report_form_files_a_report_for_the_moderators(client, session, make_group,
                                                       csrf_token, caplog):
    group = make_group()
    caplog.set_level(logging.DEBUG)
    page = client.get(f"/groups/{group.slug}/report")
    assert page.status_code == 200
    response = client.post(f"/groups/{group.slug}/report", data={
        "csrf_token": csrf_token(f"/groups/{group.slug}/report"), "kind": "did-not-meet",
        "details": "Nobody there on the 3rd",
    })
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).status_code == 200
    report = session.exec(select(Report)).one()
    assert (report.group_id, report.kind, report.status) == (group.id, "did-not-meet", "open")
    assert "Nobody there on the 3rd" not in caplog.text


def test_bad_report_is_400_with_the_text_kept(client, make_group, csrf_token, session):
    group = make_group()
    token = csrf_token(f"/groups/{group.slug}/report")
    response = client.post(f"/groups/{group.slug}/report", data={
        "csrf_token": token, "kind": "aliens", "details": "<b>kept</b>"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="kind-error"' in html
    assert "&lt;b&gt;kept&lt;/b&gt;" in html
    too_long = client.post(f"/groups/{group.slug}/report", data={
        "csrf_token": token, "kind": "other", "details": "x" * 2001})
    assert too_long.status_code == 400
    assert session.exec(select(Report)).first() is None


def test_report_without_csrf_token_is_400_with_the_text_kept(client, make_group, session):
    group = make_group()
    response = client.post(f"/groups/{group.slug}/report",
                           data={"kind": "other", "details": "The room moved"})
    assert response.status_code == 400
    assert "The room moved" in response.get_data(as_text=True)
    assert session.exec(select(Report)).first() is None


def test_report_on_an_unknown_group_is_404(client):
    assert client.get("/groups/no-such-group/report").status_code == 404


def test_reports_are_rate_limited(app, client, make_group, csrf_token):
    app.config["REPORT_RATE_LIMIT"] = "2/hour"
    group = make_group()
    token = csrf_token(f"/groups/{group.slug}/report")
    form = {"csrf_token": token, "kind": "link-broken", "details": ""}
    assert client.post(f"/groups/{group.slug}/report", data=form).status_code == 302
    assert client.post(f"/groups/{group.slug}/report", data=form).status_code == 302
    limited = client.post(f"/groups/{group.slug}/report", data=form)
    assert limited.status_code == 429
    assert "Too many requests" in limited.get_data(as_text=True)


def test_report_honeypot_stores_nothing(client, make_group, csrf_token, session):
    group = make_group()
    client.post(f"/groups/{group.slug}/report", data={
        "csrf_token": csrf_token(f"/groups/{group.slug}/report"), "kind": "other",
        "details": "buy pills", "homepage": "http://spam.example"})
    assert session.exec(select(Report)).first() is None
