"""Delivery: gzip for HTML and JSON above a size, static files under content-hashed names
cached as immutable, and a strong ETag on the Meeting Guide feed in either encoding."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_html_is_gzipped_for_clients_that_take_it_and_plain_for_others(client, make_group):
    for n in range(5):
        make_group(name=f"Evening Circle {n}")
    plain = client.get("/groups?q=circle")
    packed = client.get("/groups?q=circle", headers=GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    for response in (plain, packed):
        assert "Accept-Encoding" in response.headers["Vary"]
    html = gzip.decompress(packed.data).decode()
    assert "Evening Circle 3" in html and len(packed.data) < len(plain.data) / 2
    assert int(packed.headers["Content-Length"]) == len(packed.data)


def test_json_is_gzipped_above_the_minimum_size_only(app, client, make_group):
    small = client.get("/api/v1/topics", headers={"Accept-Encoding": "gzip"})
    assert len(small.data) > 1024 and small.headers["Content-Encoding"] == "gzip"
    app.config["COMPRESS_MIN_SIZE"] = 10**9
    assert "Content-Encoding" not in client.get("/api/v1/topics", headers=GZIP).headers
    refused = client.get("/api/v1/topics", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_pages_link_static_files_by_content_hash_served_as_immutable(client):
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert {u.rsplit("/", 1)[-1].split(".")[0] for u in urls} >= {"site"}
    for url in urls:
        name = url.removeprefix("/static/")
        stem, digest, ext = name.rsplit(".", 2)
        original = (ROOT / "static" / f"{stem}.{ext}").read_bytes()
        assert digest == hashlib.sha256(original).hexdigest()[:12]
        response = client.get(url)
        assert response.status_code == 200 and response.data == original
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        response.close()
        stale = client.get(f"/static/{stem}.0123456789ab.{ext}")
        assert stale.status_code == 404
    unhashed = client.get("/static/css/site.css")
    assert unhashed.status_code == 200 and unhashed.headers["Cache-Control"] == "no-cache"
    unhashed.close()


def test_feed_has_a_strong_etag_in_either_encoding_and_answers_304(client, make_group):
    for n in range(6):
        make_group(name=f"Feed Circle {n}")
    plain = client.get("/api/v1/meeting-guide.json")
    packed = client.get("/api/v1/meeting-guide.json", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    for response in (plain, packed):
        assert response.headers["ETag"].startswith('"'), "a weak ETag"
    assert plain.headers["ETag"] != packed.headers["ETag"]  # different bytes, different tag
    assert gzip.decompress(packed.data) == plain.data
    again = client.get("/api/v1/meeting-guide.json",
                       headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304
    again = client.get("/api/v1/meeting-guide.json",
                       headers=dict(GZIP, **{"If-None-Match": packed.headers["ETag"]}))
    assert again.status_code == 304 and again.headers["ETag"] == packed.headers["ETag"]
    make_group(name="A New Circle")
    changed = client.get("/api/v1/meeting-guide.json",
                         headers=dict(GZIP, **{"If-None-Match": packed.headers["ETag"]}))
    assert changed.status_code == 200
