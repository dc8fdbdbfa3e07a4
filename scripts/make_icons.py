"""Draw Circles' own icons (five people sitting in a circle) into static/icons/: an SVG, PNGs
for the web-app manifest and home screens, and favicon.ico. Standard library only.

    python3 scripts/make_icons.py
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "static" / "icons"
BACKGROUND = (0x1D, 0x5B, 0x79)  # the site's --accent
FOREGROUND = (0xFF, 0xFF, 0xFF)
# Geometry as fractions of the side; everything sits inside the maskable safe zone (r < 0.4).
RING_RADIUS, RING_WIDTH, DOT_RADIUS, DOTS = 0.27, 0.045, 0.085, 5
SUPERSAMPLE = 4


def dots() -> list[tuple[float, float]]:
    return [(0.5 + RING_RADIUS * math.sin(2 * math.pi * i / DOTS),
             0.5 - RING_RADIUS * math.cos(2 * math.pi * i / DOTS)) for i in range(DOTS)]


def covered(x: float, y: float) -> bool:
    if abs(math.hypot(x - 0.5, y - 0.5) - RING_RADIUS) <= RING_WIDTH / 2:
        return True
    return any(math.hypot(x - cx, y - cy) <= DOT_RADIUS for cx, cy in dots())


def png(size: int) -> bytes:
    rows = bytearray()
    n = SUPERSAMPLE
    for py in range(size):
        rows.append(0)  # filter: none
        for px in range(size):
            hits = sum(covered((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)
                       for i in range(n) for j in range(n))
            share = hits / (n * n)
            pairs = zip(BACKGROUND, FOREGROUND, strict=True)
            rows.extend(round(b + (f - b) * share) for b, f in pairs)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (every browser since 2007 reads PNG entries)."""
    head = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data),
                               offset + len(blobs))
        blobs += data
    return head + entries + blobs


def svg() -> str:
    colour = "#" + "".join(f"{b:02x}" for b in BACKGROUND)
    r = DOT_RADIUS * 100
    circles = "".join(f'<circle cx="{cx * 100:.2f}" cy="{cy * 100:.2f}" r="{r:.2f}"/>'
                      for cx, cy in dots())
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
            f'<rect width="100" height="100" rx="18" fill="{colour}"/>'
            f'<circle cx="50" cy="50" r="{RING_RADIUS * 100:.2f}" fill="none" stroke="#fff" '
            f'stroke-width="{RING_WIDTH * 100:.2f}"/><g fill="#fff">{circles}</g></svg>\n')


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(svg(), encoding="utf-8")
    for size in (180, 192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
    (OUT / "favicon.ico").write_bytes(ico({size: png(size) for size in (16, 32, 48)}))


if __name__ == "__main__":
    main()
