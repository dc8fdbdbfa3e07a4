"""gunicorn's access log without secrets: no query strings (search terms), no edit tokens,
no group slugs (unless ACCESS_LOG_PATHS=1) — and never an exception.

gunicorn calls the logger for requests it could not even parse (`Content-Length: abc`, a
broken chunk, a header too large): then the WSGI environ lacks PATH_INFO and other keys.
An exception raised here would escape gunicorn's error handler and kill the worker, so
every step below tolerates missing or odd values, and `access()` swallows whatever is left.
"""

from __future__ import annotations

import os
import re

from gunicorn.glogging import Logger

# Paths whose segment is a secret: an edit link, a claim link, an invitation, a one-time
# set-password link. Whoever reads the log must not be able to use them.
TOKEN_PATH = re.compile(
    r"^(/listings/edit|/listings/claim|/organization/invitations|/admin/set-password)/[^/?]+")
# Paths that name one group: /groups/<slug>…, /api/v1/groups/<slug> and the HSDS service
# (one group) or service-at-location. With the client's IP beside it, they would tell which
# group a person looked at.
GROUP_PATH = re.compile(r"^(/api/v1)?/groups/(?!qr\.svg$)[^/?]+")
HSDS_ONE_PATH = re.compile(r"^/api/v1/hsds/(services|service_at_locations)/[^/?]+")


def log_paths_enabled() -> bool:
    """ACCESS_LOG_PATHS=1 keeps group slugs in the access log (for debugging only)."""
    return os.environ.get("ACCESS_LOG_PATHS", "") == "1"


def redact_path(path: object, *, keep_group_slugs: bool | None = None) -> str:
    """The path as it may be logged: query string dropped, private edit tokens hidden and,
    unless ACCESS_LOG_PATHS=1, the group slug of a group page hidden. Never raises."""
    if isinstance(path, bytes):
        path = path.decode("latin-1")
    if not isinstance(path, str):
        return "-"
    # Control characters (a NUL, CR/LF) and quotes would let a request forge log lines or
    # fields: they are written as \xNN escapes.
    path = _escaped(path.split("?", 1)[0])
    path = TOKEN_PATH.sub(lambda m: f"{m.group(1)}/[redacted]", path, count=1)
    if keep_group_slugs is None:
        keep_group_slugs = log_paths_enabled()
    if not keep_group_slugs:
        path = GROUP_PATH.sub(lambda m: f"{m.group(1) or ''}/groups/[slug]", path, count=1)
        path = HSDS_ONE_PATH.sub(lambda m: f"/api/v1/hsds/{m.group(1)}/[id]", path, count=1)
    return path


def _escaped(text: str) -> str:
    return "".join(c if c.isprintable() and c not in '"\\' else f"\\x{ord(c):02x}"
                   if ord(c) < 256 else f"\\u{ord(c):04x}" for c in text)


def _text(value: object) -> str:
    if value is None:
        return "-"
    return _escaped(str(value))


class RedactingLogger(Logger):
    """A gunicorn logger whose access-log atoms never carry search terms, tokens or slugs,
    and whose access() never raises."""

    def atoms(self, resp, req, environ, request_time):  # noqa: ANN001 - gunicorn's types
        try:
            atoms = super().atoms(resp, req, environ, request_time)
        except Exception:  # an environ gunicorn built for a request it could not parse
            atoms = {
                "h": (environ or {}).get("REMOTE_ADDR", "-"),
                "s": str(getattr(resp, "status", "-") or "-").split(" ", 1)[0],
                "b": "-",
                "L": "-",
            }
        method = _text(atoms.get("m"))
        protocol = _text(atoms.get("H"))
        path = redact_path(atoms.get("U"))
        atoms["m"] = method
        atoms["H"] = protocol
        atoms["U"] = path
        atoms["q"] = ""
        atoms["r"] = f"{method} {path} {protocol}"
        atoms["f"] = "-"  # the Referer can carry another page's query string
        atoms["a"] = _text(atoms.get("a"))
        # Request headers ({name}i atoms) may carry cookies or a Referer: none are logged.
        for key in [k for k in atoms if k.startswith("{")]:
            del atoms[key]
        return atoms

    def access(self, resp, req, environ, request_time):  # noqa: ANN001 - gunicorn's types
        try:
            super().access(resp, req, environ, request_time)
        except Exception:  # a log line is never worth a worker
            try:
                self.error("could not write an access-log line for a malformed request")
            except Exception:
                pass
