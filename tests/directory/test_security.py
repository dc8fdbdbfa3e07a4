"""Security and privacy headers, secrets and logs."""

from __future__ import annotations

import logging

import pytest

from directory import create_app


@pytest.mark.parametrize("path", ["/", "/groups?q=grief", "/groups/nope", "/healthz",
                                  "/api/v1/topics", "/static/css/site.css"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    response.close()  # static files are streamed from an open file
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Permissions-Policy"].startswith("geolocation=(self)")


def test_pages_use_no_inline_script_or_third_party_origin(client):
    for path in ("/", "/groups?q=grief"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "onclick=" not in html and "style=" not in html
        assert "<script src=\"/static/" in html
        import re

        # Nothing the browser would fetch from another origin: scripts, styles, images, frames.
        # (A rel="alternate" link names this page in another language; nothing fetches it.)
        html = re.sub(r'<link rel="(?:alternate|canonical)"[^>]*>', "", html)
        tag = r'<(?:script|img|iframe|link|source)\b[^>]*(?:src|href)="([^"]+)"'
        fetched = re.findall(tag, html)
        assert fetched and all(url.startswith("/") and not url.startswith("//")
                               for url in fetched), fetched


def test_production_cookies_are_secure_and_development_ones_work_on_http(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "production-test-key-0123456789-abcdefghij")
    monkeypatch.setenv("CIRCLES_ENV", "production")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    production = create_app({"DATABASE_URL": "sqlite://"})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    monkeypatch.setenv("CIRCLES_ENV", "development")
    assert create_app({"DATABASE_URL": "sqlite://"}).config["SESSION_COOKIE_SECURE"] is False


def test_proxy_fix_trusts_forwarded_proto_when_configured(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "PROXY_FIX_HOPS": 1})
    response = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


def test_search_terms_never_reach_the_application_log(client, caplog, make_group):
    make_group(name="Secret Words Circle")
    with caplog.at_level(logging.DEBUG):
        client.get("/groups?q=my+secret+shame&near=Portland")
        client.get("/api/v1/groups?q=my+secret+shame")
        client.get("/groups?lat=999&q=my+secret+shame")
    assert "secret" not in caplog.text and "shame" not in caplog.text


def test_development_server_request_log_drops_query_strings(app):
    from werkzeug.serving import WSGIRequestHandler

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("werkzeug")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        request_handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
        request_handler.client_address = ("203.0.113.9", 5555)
        request_handler.requestline = "GET /groups?q=my+secret+shame HTTP/1.1"
        request_handler.log_request(200, 1234)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    lines = [r.getMessage() for r in records]
    assert lines and all("secret" not in line for line in lines)
    assert "/groups?[redacted]" in lines[0]


@pytest.mark.parametrize(
    "path,logged",
    [
        ("/groups?q=my+secret+shame&near=Portland", "/groups"),
        ("/listings/edit/abcDEF123_-xyz", "/listings/edit/[redacted]"),
        ("/listings/edit/abcDEF123/confirm?x=1", "/listings/edit/[redacted]/confirm"),
        ("/groups/eastside-circle", "/groups/[slug]"),
        ("/groups/eastside-circle.ics", "/groups/[slug]"),
        ("/groups/eastside-circle/report", "/groups/[slug]/report"),
        ("/api/v1/groups/eastside-circle", "/api/v1/groups/[slug]"),
        ("/groups/qr.svg", "/groups/qr.svg"),
        ("/groups", "/groups"),
        ("/listings/claim/Zq9-claimtoken", "/listings/claim/[redacted]"),
        ("/organization/invitations/inv1te_t0ken", "/organization/invitations/[redacted]"),
        ("/admin/set-password/0neTimeT0ken?next=/admin", "/admin/set-password/[redacted]"),
        ("/api/v1/hsds/services/6f1c1f9e-1111-4a4a-8b8b-123456789abc",
         "/api/v1/hsds/services/[id]"),
        ("/api/v1/hsds/service_at_locations/6f1c1f9e-2222-4a4a-8b8b-123456789abc",
         "/api/v1/hsds/service_at_locations/[id]"),
        ("/api/v1/hsds/services", "/api/v1/hsds/services"),
        ("/groups/eastside\r\n127.0.0.1 \"GET /admin\" 200", r"/groups/[slug]/admin\x22 200"),
        ("/about\r\nforged \"line\"", r"/about\x0d\x0aforged \x22line\x22"),
        ("/listings/edit/a\x00b", "/listings/edit/[redacted]"),
    ],
)
def test_gunicorn_access_log_drops_queries_edit_tokens_and_group_slugs(
    path, logged, monkeypatch
):
    from directory.gunicorn_logging import redact_path

    monkeypatch.delenv("ACCESS_LOG_PATHS", raising=False)
    assert redact_path(path) == logged


def test_access_log_keeps_group_slugs_only_when_access_log_paths_is_1(monkeypatch):
    from directory.gunicorn_logging import redact_path

    monkeypatch.setenv("ACCESS_LOG_PATHS", "1")
    assert redact_path("/groups/eastside-circle?q=x") == "/groups/eastside-circle"
    assert redact_path("/listings/edit/abc") == "/listings/edit/[redacted]"
    assert redact_path("/listings/claim/abc") == "/listings/claim/[redacted]"
    assert redact_path("/admin/set-password/abc") == "/admin/set-password/[redacted]"
    monkeypatch.setenv("ACCESS_LOG_PATHS", "0")
    assert redact_path("/groups/eastside-circle") == "/groups/[slug]"


@pytest.mark.parametrize("key", [
    "dev-only-not-secret", "changeme", "short-but-random-9f3", "x" * 40, "SECRET",
    "abababababababababababababababab",
    # Placeholders long and varied enough to pass the length and character checks.
    "change-me-to-a-long-random-string-0123456789",
    "your_production_secret_key_goes_here_2026",
    "REPLACE_ME_with_output_of_secrets_token_hex",
    "an-example-key-for-the-docs-please-do-not-use",
])
def test_a_short_or_well_known_secret_key_is_refused_outside_development(monkeypatch, key):
    monkeypatch.setenv("CIRCLES_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": "sqlite://"})


def test_a_long_random_secret_key_starts_and_development_accepts_any(monkeypatch):
    import secrets

    monkeypatch.setenv("CIRCLES_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    assert create_app({"DATABASE_URL": "sqlite://"}).config["SECRET_KEY"]
    monkeypatch.setenv("CIRCLES_ENV", "development")
    monkeypatch.setenv("SECRET_KEY", "dev")
    assert create_app({"DATABASE_URL": "sqlite://"}).config["SECRET_KEY"] == "dev"
