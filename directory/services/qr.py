"""QR codes, drawn here as SVG (no third-party service ever sees the link)."""

from __future__ import annotations

import io

import segno


def qr_svg(text: str, *, scale: int = 4) -> bytes:
    """An SVG QR code for `text`, with medium error correction and a quiet zone."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", scale=scale, border=4, xmldecl=False, title="QR code", dark="#000",
        light="#fff",
    )
    return buffer.getvalue()
