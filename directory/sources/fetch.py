"""Fetch a data source's feed: an http(s) URL or a local file, conditionally and bounded.

- Conditional: pass the ETag and Last-Modified of the previous fetch; a 304 (or, for a file,
  an unchanged size and modification time) comes back as status "not-modified" with no body,
  so an unchanged feed costs one round trip and changes nothing.
- Bounded: a connect and read timeout, an overall deadline for the whole download, and a
  size cap enforced while streaming (a Content-Length over the cap is refused before the
  body is read; a body without one is cut off as soon as it passes the cap). The cap counts
  decoded bytes, so a small gzip body that inflates to gigabytes is refused too.
- Plain about failure: every problem is a FetchError whose message names the source and what
  went wrong (not reachable, timed out, HTTP 404/500, an HTML page where a feed was
  expected, too big), and whose `kind` a sync report can count.
- Only http and https URLs, or a path on this machine; any other scheme (file://, ftp://,
  javascript:, data:) is refused. A source's location is a moderator's CLI/admin setting, never
  a seeker's parameter, so a local path is allowed, but only written as a path.
"""

from __future__ import annotations

import email.utils
import mimetypes
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import requests

DEFAULT_TIMEOUT = 20.0  # seconds to connect, and between two reads
DEFAULT_DEADLINE = 120.0  # seconds for the whole download
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the largest real feeds are a few MB
CHUNK_BYTES = 64 * 1024
USER_AGENT = "Circles-feed-fetcher/1.0 (peer-support directory; conditional GET)"
ACCEPT = "application/json, text/csv;q=0.9, text/plain;q=0.5, */*;q=0.1"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<title)", re.IGNORECASE)

FetchErrorKind = Literal["scheme", "unreachable", "timeout", "status", "html", "too-big",
                         "not-found", "unreadable"]


class FetchError(Exception):
    """A feed that could not be fetched; `kind` classifies it, the message explains it."""

    def __init__(self, message: str, *, kind: FetchErrorKind, status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass(frozen=True)
class FetchResult:
    """What a fetch brought back: the body (None when not modified) and its validators."""

    status: Literal["ok", "not-modified"]
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    final_url: str


def is_url(location: str) -> bool:
    """True for an http(s) URL, False for a local path; FetchError for any other scheme."""
    match = _SCHEME.match(location.strip())
    if match is None or _WINDOWS_DRIVE.match(location.strip()):
        return False
    scheme = match.group(1).lower()
    if scheme in ("http", "https"):
        return True
    raise FetchError(
        f"{location[:200]}: the '{scheme}:' scheme is not supported; give an http(s) URL or "
        "a file path", kind="scheme")


def fetch_feed(
    url_or_path: str | Path,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    session: requests.Session | None = None,
) -> FetchResult:
    """Fetch a feed from an http(s) URL or a local file (see the module docstring).

    Parameters
    ----------
    url_or_path: an ``http://`` or ``https://`` URL, or a path on this machine.
    etag, last_modified: the validators of the previous fetch, for a conditional request.
    timeout: seconds to connect and between two reads; deadline: seconds for the whole body.
    max_bytes: the largest body accepted (decoded).

    Returns a FetchResult; raises FetchError.
    """
    if isinstance(url_or_path, Path):
        return _fetch_file(url_or_path, etag=etag, max_bytes=max_bytes)
    location = url_or_path.strip()
    if not location:
        raise FetchError("no URL or file path given", kind="not-found")
    if is_url(location):
        return _fetch_http(location, etag=etag, last_modified=last_modified, timeout=timeout,
                           deadline=deadline, max_bytes=max_bytes, session=session)
    return _fetch_file(Path(location).expanduser(), etag=etag, max_bytes=max_bytes)


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _too_big(where: str, max_bytes: int, size: int | None = None) -> FetchError:
    said = f" ({_size_text(size)})" if size is not None else ""
    return FetchError(f"{where}: the feed is larger than the {_size_text(max_bytes)} limit{said}; "
                      "it was not read", kind="too-big")


def _check_not_html(where: str, content_type: str | None, body: bytes) -> None:
    media = (content_type or "").split(";")[0].strip().lower()
    head = body[:512].lstrip(b"\xef\xbb\xbf")
    if media in ("text/html", "application/xhtml+xml") or _HTML_START.match(head):
        raise FetchError(
            f"{where}: got an HTML page where a JSON or CSV feed was expected (a login page, "
            "an error page or the site's home page?); check the feed's address", kind="html")


def _fetch_http(
    url: str, *, etag: str | None, last_modified: str | None, timeout: float, deadline: float,
    max_bytes: int, session: requests.Session | None,
) -> FetchResult:
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    http = session or requests.Session()
    started = time.monotonic()
    try:
        response = http.get(url, headers=headers, timeout=(timeout, timeout), stream=True,
                            allow_redirects=True)
    except requests.exceptions.Timeout:
        raise FetchError(f"{url}: timed out after {timeout:g} s waiting for the server",
                         kind="timeout") from None
    except requests.exceptions.TooManyRedirects:
        raise FetchError(f"{url}: too many redirects", kind="unreachable") from None
    except requests.exceptions.InvalidURL as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})", kind="unreachable") from None
    except requests.exceptions.ConnectionError as exc:
        raise FetchError(f"{url}: not reachable ({_reason(exc)})", kind="unreachable") from None
    except requests.exceptions.RequestException as exc:
        raise FetchError(f"{url}: the request failed ({exc})", kind="unreachable") from None
    with response:
        final_url = response.url or url
        got_etag = response.headers.get("ETag")
        got_modified = response.headers.get("Last-Modified")
        content_type = response.headers.get("Content-Type")
        if response.status_code == 304:
            return FetchResult("not-modified", None, got_etag or etag,
                               got_modified or last_modified, content_type, final_url)
        if response.status_code >= 400:
            what = {404: "not found", 410: "gone", 401: "needs a login", 403: "forbidden",
                    429: "too many requests; try later"}.get(response.status_code)
            if what is None:
                what = "the server failed" if response.status_code >= 500 else "refused"
            raise FetchError(f"{final_url}: {what} (HTTP {response.status_code})",
                             kind="status", status=response.status_code)
        if response.status_code != 200:
            raise FetchError(f"{final_url}: unexpected HTTP {response.status_code}; a feed "
                             "answers 200", kind="status", status=response.status_code)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes and not response.headers.get(
                "Content-Encoding"):
            raise _too_big(final_url, max_bytes, int(declared))
        body = bytearray()
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                body += chunk
                if len(body) > max_bytes:
                    raise _too_big(final_url, max_bytes)
                if time.monotonic() - started > deadline:
                    raise FetchError(f"{final_url}: the download took longer than "
                                     f"{deadline:g} s; it was stopped", kind="timeout")
        except requests.exceptions.ConnectionError as exc:
            if "timed out" in str(exc).lower():
                raise FetchError(f"{final_url}: timed out after {timeout:g} s waiting for data",
                                 kind="timeout") from None
            raise FetchError(f"{final_url}: the connection broke off ({_reason(exc)})",
                             kind="unreachable") from None
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"{final_url}: the download failed ({_reason(exc)})",
                             kind="unreachable") from None
    data = bytes(body)
    _check_not_html(final_url, content_type, data)
    return FetchResult("ok", data, got_etag, got_modified, content_type, final_url)


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host",
                   "Temporary failure in name resolution", "certificate verify failed",
                   "Connection reset", "timed out"):
        if marker.lower() in text.lower():
            return marker.lower()
    return text[:200]


def file_validators(path: Path) -> tuple[str, str]:
    """(ETag, Last-Modified) of a local file, from its size and modification time."""
    stat = path.stat()
    moment = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"', email.utils.format_datetime(moment,
                                                                                   usegmt=True)


def _fetch_file(path: Path, *, etag: str | None, max_bytes: int) -> FetchResult:
    where = str(path)
    try:
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "no such file"
            raise FetchError(f"{where}: {what}", kind="not-found")
        got_etag, got_modified = file_validators(path)
        content_type = mimetypes.guess_type(path.name)[0]
        if etag is not None and etag == got_etag:
            return FetchResult("not-modified", None, got_etag, got_modified, content_type,
                               where)
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(where, max_bytes, size)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise FetchError(f"{where}: cannot be read ({exc.strerror or exc})",
                         kind="unreadable") from None
    if len(data) > max_bytes:
        raise _too_big(where, max_bytes)
    _check_not_html(where, content_type, data)
    return FetchResult("ok", data, got_etag, got_modified, content_type, where)
