"""Delivery: gzip for HTML and JSON responses, and static files under content-hashed names
cached for a year as `immutable`.

Why not flask-compress or WhiteNoise: both would be a dependency for ~100 lines whose edge
cases matter here — the API's strong ETags must change with the encoding (a gzip body is a
different representation) yet still match If-None-Match, and WhiteNoise's hashed names
come from Django's collectstatic, which a Flask app does not have. gzip alone: brotli would
need a compiled package for a few per cent more on already small pages.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

from flask import Flask, Response, abort, current_app, g, request, send_from_directory

COMPRESSIBLE = ("text/html", "application/json", "text/css", "text/javascript",
                "application/javascript", "text/calendar", "image/svg+xml", "text/csv",
                "application/geo+json", "application/manifest+json",
                "image/vnd.microsoft.icon")
GZIP_SUFFIX = "-gzip"  # added inside a compressed response's ETag
HASH_LENGTH = 12
HASHED_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{" + str(HASH_LENGTH) + r"})(?P<ext>\.[A-Za-z0-9]+)$")
IMMUTABLE = "public, max-age=31536000, immutable"


# --- compression ------------------------------------------------------------------------------


def _accepts_gzip() -> bool:
    for part in request.headers.get("Accept-Encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            try:
                return float(quality) > 0 if params.strip().startswith("q=") else True
            except ValueError:
                return False
    return False


def _add_vary(response: Response) -> None:
    add_vary(response, "Accept-Encoding")


def add_vary(response: Response, name: str) -> None:
    """Add `name` to the response's one Vary header (merging any Vary headers already set)."""
    values = [v.strip() for header in response.headers.getlist("Vary")
              for v in header.split(",") if v.strip()]
    if name.lower() not in {v.lower() for v in values}:
        values.append(name)
    response.headers["Vary"] = ", ".join(values)


def compress(response: Response) -> Response:
    """gzip the body when the client takes it, the type is textual and it is big enough."""
    if response.status_code == 304:
        etag, weak = response.get_etag()
        if etag and g.get("gzip_tag_sent") and _accepts_gzip():
            response.set_etag(etag + GZIP_SUFFIX, weak=weak)  # the tag the client holds
        return response
    if (response.direct_passthrough or response.is_streamed or response.status_code < 200
            or response.status_code in (204, 206, 304) or request.method == "HEAD"
            or "Content-Encoding" in response.headers
            or response.mimetype not in COMPRESSIBLE):
        return response
    _add_vary(response)  # cached copies differ by encoding, compressed or not
    if not _accepts_gzip():
        return response
    body = response.get_data()
    if len(body) < int(current_app.config["COMPRESS_MIN_SIZE"]):
        return response
    compressed = gzip.compress(body, compresslevel=6, mtime=0)
    if len(compressed) >= len(body):
        return response
    response.set_data(compressed)
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag:  # a strong ETag names exact bytes: the gzip bytes get their own tag
        response.set_etag(etag + GZIP_SUFFIX, weak=weak)
    return response


def _strip_gzip_suffix_from_if_none_match() -> None:
    """A client that cached the gzip representation sends its tag back; the views compare
    with the identity tag, so the suffix is taken off before they look."""
    header = request.environ.get("HTTP_IF_NONE_MATCH")
    if header and GZIP_SUFFIX in header:
        request.environ["HTTP_IF_NONE_MATCH"] = header.replace(GZIP_SUFFIX + '"', '"')
        request.__dict__.pop("if_none_match", None)  # a cached parse of the header
        g.gzip_tag_sent = True


# --- static files under hashed names ----------------------------------------------------------


class StaticFiles:
    """Content hashes of the static folder's files, computed once per process."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._hashes: dict[str, str] = {}

    def digest(self, filename: str) -> str | None:
        if filename not in self._hashes:
            path = (self.folder / filename).resolve()
            if not path.is_file() or self.folder.resolve() not in path.parents:
                return None
            self._hashes[filename] = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]
        return self._hashes[filename]

    def hashed_name(self, filename: str) -> str:
        digest = self.digest(filename)
        if digest is None:
            raise FileNotFoundError(f"no static file {filename!r}")
        stem, dot, ext = filename.rpartition(".")
        return f"{stem}.{digest}.{ext}" if dot else f"{filename}.{digest}"


def init_app(app: Flask) -> None:
    """Install compression (runs after every other after_request: call first) and the
    hashed static route (replacing Flask's own /static/ view)."""
    app.config.setdefault("COMPRESS_MIN_SIZE", 1024)
    files = StaticFiles(Path(app.static_folder))
    app.extensions["circles_static"] = files

    @app.before_request
    def normalise_if_none_match():
        _strip_gzip_suffix_from_if_none_match()

    app.after_request(compress)

    def serve_static(filename: str):
        match = HASHED_NAME.match(filename.rsplit("/", 1)[-1])
        if match:
            folder, _, _ = filename.rpartition("/")
            original = (folder + "/" if folder else "") + match["stem"] + match["ext"]
            if files.digest(original) != match["hash"]:
                abort(404)  # an old hash: that content is gone, never serve other bytes
            response = send_from_directory(app.static_folder, original, max_age=31536000)
            response.headers["Cache-Control"] = IMMUTABLE
            return response
        # Unhashed names (old links, bookmarks) still work, revalidated each time.
        response = send_from_directory(app.static_folder, filename)
        response.headers["Cache-Control"] = "no-cache"
        return response

    app.view_functions["static"] = serve_static

    @app.template_global()
    def asset(filename: str) -> str:
        """The URL of a static file under its content-hashed name (cached forever)."""
        from flask import url_for

        return url_for("static", filename=files.hashed_name(filename))
