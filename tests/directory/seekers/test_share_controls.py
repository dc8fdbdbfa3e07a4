"""Share controls on group and results pages: a link that keeps `hl` (a plain link without
JavaScript), a share button the script shows where navigator.share exists, and a title for the
share sheet that never carries the seeker's search words. And a group page's address names its
country in the reader's language."""

from __future__ import annotations

import re
from html import unescape


def share_parts(html: str) -> dict[str, str]:
    field = re.search(r'id="share-url" type="text" readonly value="([^"]+)"', html).group(1)
    button = re.search(r'<button type="button" data-action="share"[^>]*>', html).group(0)
    plain = re.search(r'<p class="share-plain" data-share-plain><a href="([^"]+)">', html)
    return {"url": unescape(field), "button": button, "plain": unescape(plain.group(1))}


def test_the_group_page_offers_its_link_in_the_readers_language(app, client, make_group):
    group = make_group(slug="calm-circle", name="Calm Circle")
    html = client.get(f"/groups/{group.slug}?hl=fr").get_data(as_text=True)
    assert "Partager ce groupe" in html
    parts = share_parts(html)
    base = app.config["BASE_URL"].rstrip("/")
    assert parts["url"] == parts["plain"] == f"{base}/groups/calm-circle?hl=fr"
    assert 'data-title="Calm Circle"' in parts["button"]
    assert "hidden" in parts["button"]  # shown by the script only where navigator.share exists


def test_an_english_group_page_shares_a_link_without_hl(app, client, make_group):
    group = make_group(slug="calm-circle")
    parts = share_parts(client.get(f"/groups/{group.slug}").get_data(as_text=True))
    assert parts["url"] == f"{app.config['BASE_URL'].rstrip('/')}/groups/calm-circle"


def test_the_results_share_title_never_holds_the_search_words(client, make_group):
    make_group(name="Grief Circle", topics=["grief"], description="For grief.")
    html = client.get("/groups?q=my+secret+words&hl=es").get_data(as_text=True)
    parts = share_parts(html)
    assert "secret" in parts["url"] and parts["url"].endswith("hl=es")
    assert parts["plain"] == parts["url"]
    assert 'data-title="Grupos de apoyo"' in parts["button"]


def test_the_group_page_names_the_country_in_the_readers_language(client, make_group):
    from directory.models import Location

    group = make_group(slug="leeds-circle", location=Location(
        name="Hall", address="1 Park Row", city="Leeds", postal_code="LS1 5HN", country="GB"),
        meeting={"timezone": "Europe/London"})
    for lang, name in (("en", "United Kingdom"), ("es", "Reino Unido"), ("fr", "Royaume-Uni")):
        html = client.get(f"/groups/{group.slug}?hl={lang}").get_data(as_text=True)
        address = re.search(r"<address[^>]*>(.*?)</address>", html, re.S).group(1)
        assert address.split("·")[-1].strip() == name
