"""The minimal public pages and the health check."""

from __future__ import annotations

import re

from directory import create_app


def test_home_shows_search_box_and_crisis_line(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "What are you looking for help with?" in html
    assert "988" in html


def test_crisis_line_is_configurable(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "CRISIS_LINE": "Call Lifeline on 13 11 14"})
    html = app.test_client().get("/").get_data(as_text=True)
    assert "Call Lifeline on 13 11 14" in re.sub(r"<[^>]+>", "", html)  # the text, as set
    assert '<a href="tel:131114">13 11 14</a>' in html  # its number a tel: link


def test_groups_lists_active_groups_only(client, make_group):
    make_group(name="Open Door Family Circle")
    make_group(name="Paused Circle", status="paused")
    make_group(name="Pending Circle", status="pending")
    html = client.get("/groups").get_data(as_text=True)
    assert "Open Door Family Circle" in html
    assert "Paused Circle" not in html
    assert "Pending Circle" not in html
    assert "1 group" in html


def test_groups_are_paged(client, make_group):
    for i in range(25):
        make_group(name=f"Circle {i:02d}")
    first = client.get("/groups").get_data(as_text=True)
    second = client.get("/groups?page=2").get_data(as_text=True)
    assert "Circle 00" in first and "Circle 20" not in first
    assert "Circle 20" in second and "Circle 00" not in second
    assert "Page 2 of 2" in second


def test_bad_paging_values_are_ignored_with_a_notice(client, make_group):
    make_group(name="Only Circle")
    for query in ("page=0", "page=abc", "per_page=1000", "page=-3", "per_page=" + "9" * 50):
        response = client.get(f"/groups?{query}")
        assert response.status_code == 200, query
        html = response.get_data(as_text=True)
        assert "Only Circle" in html
        assert 'class="notice"' in html, query


def test_group_page_shows_meetings_and_place(client, make_group):
    group = make_group(name="Harbor Lane Family Circle", cost="donation")
    html = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "Harbor Lane Family Circle" in html
    assert "Tuesdays" in html and "7:00 pm–8:30 pm" in html and "(Pacific time)" in html
    assert "America/Los" not in html  # the zone in words, never its IANA name
    # Tuesday 7:00–8:30 pm Pacific: during those 90 minutes a week the page says it is on now.
    assert "Next: Tue " in html or "(started Tue " in html
    # The next meeting's zone in words too, never an abbreviation ("PST" means nothing to
    # most readers and nothing at all in Spanish or French).
    assert re.search(r"(Next: |\(started )Tue \d{1,2} \w{3}, 7:00 pm Pacific time", html), html
    assert "PST" not in html and "PDT" not in html
    assert "120 Alder St" in html
    assert "Donation" in html


def test_group_page_escapes_html_from_listings(client, make_group):
    group = make_group(name="<script>alert(1)</script> Circle",
                       description="<b>bold</b> & <img src=x onerror=alert(1)>")
    html = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html


def test_unknown_or_paused_group_is_404(client, make_group):
    paused = make_group(status="paused")
    assert client.get("/groups/no-such-group").status_code == 404
    assert client.get(f"/groups/{paused.slug}").status_code == 404
    assert "couldn't find" in client.get("/groups/nope").get_data(as_text=True)


def test_healthz_is_ok_with_a_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable():
    app = create_app({
        "TESTING": True,
        # A closed port: the connection is refused at once.
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
    })
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_pages_answer_503_politely_when_the_database_is_unreachable():
    app = create_app({"TESTING": True, "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"})
    response = app.test_client().get("/groups")
    assert response.status_code == 503
    assert "briefly unavailable" in response.get_data(as_text=True)


def test_group_page_names_the_next_meetings_zone_in_the_readers_words(client, make_group):
    group = make_group(name="Harbor Lane Family Circle")
    html = client.get(f"/groups/{group.slug}?hl=es").get_data(as_text=True)
    assert re.search(r"(Próxima: |\(empezó el )mar \d{1,2} \w+\.?, 19:00 hora del Pacífico",
                     html), html
    html = client.get(f"/groups/{group.slug}?hl=fr").get_data(as_text=True)
    assert "19:00 heure du Pacifique" in html
    assert "PST" not in html and "PDT" not in html


def test_search_qr_code_is_titled_in_the_readers_language(client):
    svg = client.get("/groups/qr.svg?topic=grief&hl=fr").get_data(as_text=True)
    assert "<title>Code QR</title>" in svg
    response = client.get("/groups/qr.svg?topic=grief", headers={"Accept-Language": "es"})
    assert "<title>Código QR</title>" in response.get_data(as_text=True)
    assert "Accept-Language" in response.headers["Vary"]
