"""QR codes, drawn here as SVG (no third-party service ever sees the link)."""

from __future__ import annotations

import io

import segno

from directory.i18n.text import gettext


def qr_svg(text: str, *, scale: int = 4, title: str | None = None) -> bytes:
    """An SVG QR code for `text`, with medium error correction and a quiet zone; its <title>
    (what a screen reader says) `title`, else "QR code" in the current language."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", scale=scale, border=4, xmldecl=False,
        title=title or gettext("QR code"), dark="#000",
        light="#fff",
    )
    return buffer.getvalue()
