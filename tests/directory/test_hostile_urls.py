"""NUL bytes and CR/LF in paths and parameters get a 400, never a 500 (PostgreSQL cannot
store a NUL; a CR/LF would split a redirect's Location header); 405 carries `Allow`."""

from __future__ import annotations

import pytest

SLUG_PATHS = ["/groups/{}", "/groups/{}.ics", "/api/v1/groups/{}", "/groups/{}/report",
              "/admin/groups/{}/edit", "/listings/edit/{}", "/api/v1/hsds/services/{}"]


@pytest.mark.parametrize("template", SLUG_PATHS)
@pytest.mark.parametrize("bad", ["a%00b", "a%0d%0aSet-Cookie:%20x=1", "a%0Ab", "%00"])
def test_control_characters_in_a_slug_get_400(client, make_group, template, bad):
    make_group(slug="real-circle")
    response = client.get(template.format(bad))
    assert response.status_code == 400
    if template.startswith("/api/"):
        assert response.get_json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("path", ["/admin/login", "/admin/", "/groups"])
@pytest.mark.parametrize("value", ["/admin%0d%0aLocation:%20http://evil.example.org",
                                   "/admin%00", "/admin%0a"])
def test_control_characters_in_next_get_400(client, path, value):
    assert client.get(f"{path}?next={value}").status_code == 400


@pytest.mark.parametrize("query", ["q=a%00b", "near=Portland%0d%0a", "topic=%00"])
def test_control_characters_in_search_text_never_give_a_server_error(client, query):
    for path in ("/groups", "/api/v1/groups", "/handout", "/groups.ics"):
        assert client.get(f"{path}?{query}").status_code < 500, path


def test_a_crlf_in_the_login_forms_next_field_never_reaches_a_header(client, login_as,
                                                                       csrf_token, session):
    from directory.moderation.admins import create_admin
    from tests_support import FIXED_NOW

    create_admin(session, email="m@example.org", password="correct horse battery",
                 now=FIXED_NOW)
    session.commit()
    token = csrf_token("/admin/login")
    response = client.post("/admin/login", data={
        "csrf_token": token, "email": "m@example.org", "password": "correct horse battery",
        "next": "/admin/\r\nSet-Cookie: x=1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/")
    assert "Set-Cookie: x" not in str(response.headers)


def test_a_nul_in_the_login_email_is_a_failed_login_not_an_error(client, csrf_token):
    token = csrf_token("/admin/login")
    response = client.post("/admin/login", data={
        "csrf_token": token, "email": "m\x00@example.org", "password": "x" * 12})
    assert response.status_code == 400


@pytest.mark.parametrize("method,path,allowed", [
    ("delete", "/groups", "GET"), ("post", "/api/v1/groups", "GET"),
    ("put", "/submit", "POST"), ("post", "/healthz", "GET"),
])
def test_405_names_the_allowed_methods(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert allowed in [m.strip() for m in response.headers["Allow"].split(",")]
