"""Import and export from the admin."""

from __future__ import annotations

import io

from sqlmodel import select

from directory.models import AuditEntry, Group

CSV = (
    "group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
    "dawn-check-in,Dawn Check-In,stress,online,free,mon,07:00,Europe/London,"
    "https://meet.example.org/dawn\n"
)


def test_import_a_csv_file_then_export_it(client, session, login_as, csrf_token):
    login_as("admin")
    token = csrf_token("/admin/import-export")
    response = client.post("/admin/import", data={
        "csrf_token": token, "file": (io.BytesIO(CSV.encode()), "groups.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "groups.csv: 1 created, 0 updated, 0 unchanged" in page
    assert session.exec(select(Group)).one().slug == "dawn-check-in"
    entry = session.exec(select(AuditEntry)).one()
    assert (entry.action, entry.actor) == ("imported", "moderator:admin@example.org")
    exported = client.get("/admin/export.csv")
    assert exported.mimetype == "text/csv"
    assert "dawn-check-in,Dawn Check-In" in exported.get_data(as_text=True)


def test_a_bad_import_writes_nothing_and_names_row_and_field(client, session, login_as,
                                                            csrf_token):
    login_as("admin")
    bad = CSV.replace("07:00", "25:00")
    response = client.post("/admin/import", data={
        "csrf_token": csrf_token("/admin/import-export"),
        "file": (io.BytesIO(bad.encode()), "bad.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "bad.csv, line 2, field &#39;start_time&#39;" in response.get_data(as_text=True)
    assert session.exec(select(Group)).first() is None


def test_import_needs_a_moderator_and_a_csrf_token(client, session, login_as, csrf_token):
    response = client.post("/admin/import", data={
        "csrf_token": csrf_token(), "file": (io.BytesIO(CSV.encode()), "groups.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 302  # to the login page
    login_as("admin")
    response = client.post("/admin/import", data={
        "file": (io.BytesIO(CSV.encode()), "groups.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert session.exec(select(Group)).first() is None
