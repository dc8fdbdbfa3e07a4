"""gunicorn's access log without secrets: no query strings (search terms), no edit tokens."""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

TOKEN_PATH = re.compile(r"^/listings/edit/[^/?]+")


def redact_path(path: str) -> str:
    """The path as it may be logged: query string dropped, private edit tokens hidden."""
    path = path.split("?", 1)[0]
    return TOKEN_PATH.sub("/listings/edit/[redacted]", path)


class RedactingLogger(Logger):
    """A gunicorn logger whose access-log atoms never carry search terms or tokens."""

    def atoms(self, resp, req, environ, request_time):  # noqa: ANN001 - gunicorn's types
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(atoms.get("U", ""))
        atoms["U"] = path
        atoms["q"] = ""
        atoms["r"] = f"{atoms.get('m', '-')} {path} {atoms.get('H', '-')}"
        atoms["f"] = "-"  # the Referer can carry another page's query string
        return atoms
