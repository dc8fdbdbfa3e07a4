"""Messages the system builds as text — CSV import row errors, sync reports, schema errors,
notes it stores — and the mail of co-owners and editor invitations speak the reader's
language; old stored rows without a code still show their text."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from html import unescape

import pytest
from sqlmodel import select

from directory.i18n import problems
from directory.i18n.problems import Problem
from directory.i18n.text import using_language
from directory.listings.report import RowError
from directory.listings.schema import validate_listing
from directory.models import (
    AuditEntry,
    CoOwner,
    DataSource,
    EditorInvitation,
    ListingOwner,
    SyncReport,
)
from directory.moderation import edit_links, editors
from directory.services import mail
from tests_support import FIXED_NOW

CSV = ("group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
       "dawn-check-in,Dawn Check-In,stress,online,free,,07:00,Europe/London,"
       "https://meet.example.org/dawn\n")


def _text(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", response.get_data(
        as_text=True))))


@pytest.fixture
def outbox(monkeypatch):
    sent: list[dict] = []
    monkeypatch.setattr(mail, "send_mail", lambda settings, **m: sent.append(m) or True)
    return sent


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "bad.csv, línea 2, campo «weekday»:"),
    ("fr", "bad.csv, ligne 2, champ «\u00a0weekday\u00a0»\u00a0:"),
])
def test_a_csv_import_error_on_the_admin_page_speaks_the_language(
        client, session, login_as, csrf_token, lang, said):
    login_as("admin")
    response = client.post(f"/admin/import?hl={lang}", data={
        "csrf_token": csrf_token(f"/admin/import-export?hl={lang}"),
        "file": (io.BytesIO(CSV.encode()), "bad.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
    page = _text(response)
    assert said in page, page
    assert "line 2, field" not in page and "is required" not in page


def test_the_cli_and_logs_keep_the_same_english_text():
    error = RowError("bad.csv", 2, "weekday", Problem("required"))
    assert str(error) == "bad.csv, line 2, field 'weekday': is required"
    with using_language("es"):
        assert problems.render(error.problem()) == \
            "bad.csv, línea 2, campo «weekday»: es obligatorio"
    with using_language("fr"):
        assert problems.render(error.problem()) == \
            "bad.csv, ligne 2, champ «\u00a0weekday\u00a0»\u00a0: est obligatoire"


@pytest.mark.parametrize(("lang", "said", "word"), [
    ("es", "una reunión híbrida necesita un lugar", "híbrida"),
    ("fr", "une réunion hybride a besoin d'un lieu", "hybride"),
])
def test_a_schema_rule_is_said_in_the_language_with_its_values_in_words(lang, said, word):
    _, errors = validate_listing({
        "name": "Harbor", "topics": ["grief"], "format": "hybrid", "cost": "free",
        "meetings": [{"weekday": "mon", "start_time": "19:00",
                      "online": {"url": "https://meet.example.org/h"}}]})
    [(path, message)] = errors
    assert path == ("meetings", 0, "address") and message.code == "needs-place"
    assert str(message).startswith("a hybrid meeting needs a place")
    with using_language(lang):
        assert problems.render(message).startswith(said)
        assert "hybrid meeting" not in problems.render(message) and word in said


def _source(session) -> DataSource:
    source = DataSource(name="county-feed", location="https://feeds.example.org/x.json",
                        format="meeting-guide", topic="alcohol")
    session.add(source)
    session.commit()
    return source


@pytest.mark.parametrize(("lang", "said", "entry_said"), [
    ("es", "no se sincronizó nada: county-feed, entrada 3, campo «day»: reunión",
     "la hora '7pm' se leyó como 19:00"),
    ("fr", "rien n'a été synchronisé\u00a0: county-feed, entrée 3, champ «\u00a0day\u00a0»",
     "l'heure '7pm' a été lue comme 19:00"),
])
def test_a_sync_reports_reason_and_entries_speak_the_language(
        client, session, login_as, lang, said, entry_said):
    login_as("admin")
    source = _source(session)
    inner = Problem("meeting", label="'a'", message=Problem("required"))
    session.add(SyncReport(
        source_id=source.id, started_at=FIXED_NOW, finished_at=FIXED_NOW, outcome="failed",
        message=Problem("nothing-synced", reason=RowError("county-feed", 3, "day", inner,
                                                           "entry").problem()),
        skipped=1, skipped_entries=[{"entry": 4, "field": "time",
                                     "message": "time '7pm' read as 19:00 (the spec gives "
                                                "HH:MM, 24-hour)",
                                     "problem": Problem("time-read-as", value="7pm",
                                                        normal="19:00").stored()}]))
    session.commit()
    stored = session.exec(select(SyncReport)).one()
    assert stored.message.startswith("nothing was synced: county-feed, entry 3")
    assert stored.message_problem["code"] == "nothing-synced"
    page = _text(client.get(f"/admin/sources?hl={lang}"))
    assert said in page and entry_said in page, page
    assert "nothing was synced" not in page and "read as" not in page


def test_an_old_sync_report_without_a_code_shows_its_text(client, session, login_as):
    login_as("admin")
    source = _source(session)
    session.add(SyncReport(source_id=source.id, started_at=FIXED_NOW, outcome="failed",
                           message="the upstream said something odd"))
    session.commit()
    assert "the upstream said something odd" in _text(client.get("/admin/sources?hl=es"))
    # ...and one whose plain text is a message we know is still said in the language.
    session.add(SyncReport(source_id=source.id, started_at=FIXED_NOW + timedelta(hours=1),
                           outcome="unchanged", message="the feed is the same as last time"))
    session.commit()
    assert "el feed es igual que la última vez" in _text(client.get("/admin/sources?hl=es"))


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "no longer in the feed"),
    ("fr", "no longer in the feed"),
])
def test_a_stored_audit_note_is_said_in_the_readers_language(client, session, login_as,
                                                             make_group, lang, said):
    login_as("admin")
    group = make_group()
    session.add(AuditEntry(at=FIXED_NOW, actor="source:county-feed", action="withdrawn",
                           group_id=group.id, group_slug=group.slug,
                           note=Problem("gone-from-feed", source="county-feed")))
    session.add(AuditEntry(at=FIXED_NOW, actor="system", action="withdrawn",
                           group_id=group.id, group_slug=group.slug,
                           note="an old note written before codes"))
    session.commit()
    notes = {e.note: e.note_problem for e in session.exec(select(AuditEntry))}
    assert notes["no longer in the feed of source 'county-feed'"]["code"] == "gone-from-feed"
    assert notes["an old note written before codes"] is None
    page = _text(client.get(f"/admin/audit?hl={lang}"))
    words = {"es": "ya no está en el feed de la fuente «county-feed»",
             "fr": "n'est plus dans le flux de la source «\u00a0county-feed\u00a0»"}[lang]
    assert words in page and said not in page, page
    assert "an old note written before codes" in page


def test_not_kept_is_stored_with_its_code_and_said_in_french():
    reason = Problem("not-kept", parts="group_name", reason="Please keep the name.")
    assert str(reason) == "Not kept: group_name. Please keep the name."
    assert problems.load(reason.stored(), str(reason)) == reason
    with using_language("fr"):
        assert problems.render(str(reason), reason.stored()) == \
            "Non conservé\u00a0: group_name. Please keep the name."
        assert problems.render(str(reason), None) == str(reason)  # old row: its text


def test_a_co_owner_added_from_a_spanish_page_is_mailed_in_spanish(
        client, session, make_group, csrf_token, outbox):
    group = make_group()
    session.add(ListingOwner(group_id=group.id, email="host@example.org", language="es"))
    token = edit_links.issue_link(session, group=group, now=group.created_at,
                                  email="host@example.org")
    session.commit()
    path = f"/listings/edit/{token}"
    response = client.post(f"{path}/co-owners?hl=es", data={
        "csrf_token": csrf_token(f"{path}?hl=es"), "email": "tesorera@example.org"})
    assert response.status_code == 302
    assert session.exec(select(CoOwner)).one().language == "es"
    [message] = outbox
    assert message["to"] == "tesorera@example.org"
    assert "Tu enlace privado" in message["subject"], message["subject"]
    assert "Your private edit link" not in message["body"]


def test_an_invitation_keeps_the_inviters_language_and_its_mail_speaks_it(app, session):
    from directory.models import Organization
    from directory.web.invitations import send_invitation

    organization = Organization(name="Harbor Circles", slug="harbor-circles")
    session.add(organization)
    session.commit()
    invitation = editors.invite_editor(session, organization=organization,
                                       email="nueva@example.org", actor="moderator:a",
                                       now=FIXED_NOW, language="fr")
    session.commit()
    assert session.exec(select(EditorInvitation)).one().language == "fr"
    entry = session.exec(select(AuditEntry)).one()  # the note the system wrote keeps its code
    assert entry.note.startswith("nueva@example.org invited to edit the listings of Harbor")
    with using_language("es"):
        assert problems.render(entry.note, entry.note_problem).startswith(
            "nueva@example.org recibió una invitación para editar las fichas de Harbor")
    sent: list[dict] = []
    import directory.web.invitations as invitations
    with app.test_request_context("/?hl=es"):
        original = invitations.queue_mail
        invitations.queue_mail = lambda **m: sent.append(m)
        try:
            send_invitation(invitation, organization, inviter="Une modératrice")
        finally:
            invitations.queue_mail = original
    [message] = sent
    assert "vous invite" in message["body"], message["body"]


@pytest.mark.parametrize(("lang", "said", "missing"), [
    ("es", "debe ser un número entero de 1 a", "Ningún servicio activo tiene este identificador."),
    ("fr", "doit être un nombre entier de 1 à", "Aucun service actif n'a cet identifiant."),
])
def test_the_hsds_api_takes_hl_and_says_its_errors_in_it(client, lang, said, missing):
    assert client.get(f"/api/v1/hsds/services?hl={lang}").status_code == 200
    assert client.get("/api/v1/hsds/services?hl=xx").status_code == 200  # English, no error
    english = client.get("/api/v1/hsds/services?page=0&colour=red").get_json()["error"]
    assert english["message"] == "Invalid query parameters."
    error = client.get(f"/api/v1/hsds/services?page=0&colour=red&hl={lang}").get_json()["error"]
    assert error["code"] == "invalid_parameter"  # codes stay codes
    by_param = {d["param"]: d["message"] for d in error["details"]}
    assert set(by_param) == {"page", "colour"}
    assert by_param["page"].startswith(said), by_param
    assert "is not a parameter" not in by_param["colour"] and "search" in by_param["colour"]
    assert error["message"] != english["message"]
    gone = client.get(f"/api/v1/hsds/services/not-an-id?hl={lang}")
    assert gone.status_code == 404 and gone.get_json()["error"]["message"] == missing


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "feed.json, entrada 1, campo «day»: reunión 'tue-night': "),
    ("fr", "feed.json, entrée 1, champ «\u00a0day\u00a0»\u00a0: réunion 'tue-night'\u00a0: "),
])
def test_a_meeting_guide_entry_error_speaks_the_language(lang, said):
    from directory.imports import parse_file

    feed = ('[{"slug": "tue-night", "name": "Tuesday Night", "day": 9, "time": "19:00", '
            '"address": "1 Main St", "city": "Springfield", "timezone": "America/Chicago"}]')
    _, errors = parse_file(feed, filename="feed.json", topic="alcohol")
    [error] = errors
    assert str(error) == ("feed.json, entry 1, field 'day': meeting 'tue-night': 9 is not a "
                          "day 0–6 (Sunday = 0)")
    with using_language(lang):
        told = problems.render(error.problem())
    assert told.startswith(said) and "is not a day" not in told, told


GOOD_CSV = CSV.replace(",,07:00", ",mon,07:00")


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "good.csv: 1 creadas, 0 actualizadas, 0 sin cambios"),
    ("fr", "good.csv\u00a0: 1 créée(s), 0 mise(s) à jour, 0 inchangée(s)"),
])
@pytest.mark.parametrize("in_a_job", [False, True])
def test_an_imports_summary_speaks_the_language(app, client, session, login_as, csrf_token,
                                                lang, said, in_a_job):
    app.config["IMPORT_JOB_THRESHOLD"] = 0 if in_a_job else 10**6
    login_as("admin")
    response = client.post(f"/admin/import?hl={lang}", data={
        "csrf_token": csrf_token(f"/admin/import-export?hl={lang}"),
        "file": (io.BytesIO(GOOD_CSV.encode()), "good.csv")},
        content_type="multipart/form-data")
    assert response.status_code in (302, 303)
    page = _text(client.get(response.headers["Location"]))
    assert said in page, page
    assert "created" not in page and "unchanged" not in page


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "bad.csv, línea 2, campo «weekday»:"),
    ("fr", "bad.csv, ligne 2, champ «\u00a0weekday\u00a0»\u00a0:"),
])
def test_a_failed_import_jobs_errors_speak_the_language(app, client, session, login_as,
                                                        csrf_token, lang, said):
    from directory.models import ImportJob

    app.config["IMPORT_JOB_THRESHOLD"] = 0
    login_as("admin")
    response = client.post(f"/admin/import?hl={lang}", data={
        "csrf_token": csrf_token(f"/admin/import-export?hl={lang}"),
        "file": (io.BytesIO(CSV.encode()), "bad.csv")}, content_type="multipart/form-data")
    assert response.status_code == 303
    job = session.exec(select(ImportJob)).one()
    assert job.report["errors"] == ["bad.csv, line 2, field 'weekday': is required (mon, "
                                    "tue, wed, thu, fri, sat or sun)"]
    page = _text(client.get(response.headers["Location"]))
    assert said in page and "line 2, field" not in page, page
    # An old job stored before codes shows its English text.
    job.report = {"errors": ["old.csv, line 3: something odd"], "error_count": 1}
    session.add(job)
    session.commit()
    assert "old.csv, line 3: something odd" in _text(client.get(response.headers["Location"]))


def test_a_removed_meeting_is_said_with_the_readers_weekday_and_clock():
    from datetime import time

    from directory.imports import removed_meeting

    removed = removed_meeting("harbor", (1, time(19, 0), "weekly"))
    assert str(removed) == "harbor: Tuesday 7:00 pm"
    with using_language("es"):
        assert problems.render(problems.load(removed.stored())) == "harbor: martes 19:00"


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "Una reunión híbrida necesita un lugar"),
    ("fr", "Une réunion hybride a besoin d'un lieu"),
])
def test_a_schema_rule_on_the_submission_form_names_its_values_in_the_language(
        client, csrf_token, listing_form, lang, said):
    form = listing_form(csrf_token(f"/submit?hl={lang}"), format="hybrid",
                        **{"m-0-address": "", "m-0-city": "", "m-0-postal_code": "",
                           "m-0-country": "", "m-0-attendance": "hybrid",
                           "m-0-online_url": "https://meet.example.org/h",
                           "m-0-timezone": "America/Chicago"})
    response = client.post(f"/submit?hl={lang}", data=form)
    assert response.status_code == 400
    errors = [re.sub(r"<[^>]+>", "", e) for e in re.findall(
        r'class="field-error"[^>]*>(.*?)</p>', unescape(response.get_data(as_text=True)),
        re.S)]
    assert any(said in e for e in errors), errors
    assert not any(re.search(r"\bhybrid\b", e) for e in errors), errors


@pytest.mark.parametrize(("lang", "said"), [
    ("es", "No se conservó: "),
    ("fr", "Non conservé\u00a0: "),
])
def test_a_not_kept_reason_is_shown_on_the_revision_page_in_the_readers_language(
        client, session, csrf_token, listing_form, login_as, monkeypatch, lang, said):
    from directory.models import ListingRevision
    from directory.moderation.audit import field_words
    from tests.directory.admin.test_approve_in_part import proposed_edit

    monkeypatch.setattr(mail, "send_mail", lambda settings, **m: True)
    revision = proposed_edit(client, session, csrf_token, listing_form, login_as)
    response = client.post(f"/admin/revisions/{revision.id}/approve-part", data={
        "csrf_token": csrf_token(f"/admin/revisions/{revision.id}"),
        "accept": ["field:description", "meeting:0"], "part_reason": "Keep the real name"})
    assert response.status_code == 302
    session.refresh(revision)
    assert revision.reason == "Not kept: group_name. Keep the real name"
    assert revision.reason_problem["code"] == "not-kept"
    page = _text(client.get(f"/admin/revisions/{revision.id}?hl={lang}"))
    with using_language(lang):
        name = field_words("group_name")
    assert f"{said}{name}. Keep the real name" in page, page
    assert "Not kept" not in page and name != "group_name"
    # A reason stored before codes is shown as it was written.
    revision.reason, revision.reason_problem = "Not kept: an old row.", None
    session.add(revision)
    session.commit()
    assert session.get(ListingRevision, revision.id).reason_problem is None
    old = _text(client.get(f"/admin/revisions/{revision.id}?hl={lang}"))
    assert "Not kept: an old row." in old
