"""Draw the course's icon: a speech bubble on a blue tile, as SVG and as favicon.ico.

Run ``python site/favicon.py`` after changing a shape; both files are committed
(site/ext/static/favicon.svg for pages, site/ext/extra/favicon.ico for the browsers
that ask for /favicon.ico). The same shape list draws both, with the standard
library only (a small supersampling rasteriser and a PNG-in-ICO writer), so no
image library is needed.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = 32  # the drawing's units

# (kind, fill, geometry): rounded rectangles (x, y, w, h, radius), triangles, circles.
SHAPES = [
    ("rect", "#1a5fb4", (0, 0, 32, 32, 7)),
    ("rect", "#ffffff", (5, 6, 22, 15, 4)),
    ("tri", "#ffffff", ((9, 19), (9, 27), (16, 19))),
    ("circle", "#1a5fb4", (10.5, 13.5, 2)),
    ("circle", "#1a5fb4", (16, 13.5, 2)),
    ("circle", "#1a5fb4", (21.5, 13.5, 2)),
]


def svg() -> str:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
             "<title>Informational interviews course</title>"]
    for kind, fill, g in SHAPES:
        if kind == "rect":
            x, y, w, h, r = g
            parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{fill}"/>')
        elif kind == "tri":
            points = " ".join(f"{x},{y}" for x, y in g)
            parts.append(f'<polygon points="{points}" fill="{fill}"/>')
        else:
            cx, cy, r = g
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _inside(kind: str, g: tuple, x: float, y: float) -> bool:
    if kind == "rect":
        rx, ry, w, h, r = g
        if not (rx <= x <= rx + w and ry <= y <= ry + h):
            return False
        cx = min(max(x, rx + r), rx + w - r)
        cy = min(max(y, ry + r), ry + h - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    if kind == "circle":
        cx, cy, r = g
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    (x1, y1), (x2, y2), (x3, y3) = g
    d1 = (x - x2) * (y1 - y2) - (x1 - x2) * (y - y2)
    d2 = (x - x3) * (y2 - y3) - (x2 - x3) * (y - y3)
    d3 = (x - x1) * (y3 - y1) - (x3 - x1) * (y - y1)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


def _rgb(fill: str) -> tuple[int, int, int]:
    return int(fill[1:3], 16), int(fill[3:5], 16), int(fill[5:7], 16)


def raster(px: int, samples: int = 4) -> bytes:
    """RGBA rows (each with PNG's filter byte 0) of the icon at ``px`` pixels."""
    rows = bytearray()
    step = SIZE / px / samples
    for j in range(px):
        rows.append(0)
        for i in range(px):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sj in range(samples):
                for si in range(samples):
                    x = i * SIZE / px + (si + 0.5) * step
                    y = j * SIZE / px + (sj + 0.5) * step
                    colour = None
                    for kind, fill, g in SHAPES:  # painter's order: the last shape wins
                        if _inside(kind, g, x, y):
                            colour = _rgb(fill)
                    if colour:
                        acc[0] += colour[0]
                        acc[1] += colour[1]
                        acc[2] += colour[2]
                        acc[3] += 1
            n = samples * samples
            alpha = acc[3] / n
            if acc[3]:
                rows.extend(round(c / acc[3]) for c in acc[:3])
            else:
                rows.extend((0, 0, 0))
            rows.append(round(255 * alpha))
    return bytes(rows)


def png(px: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", px, px, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raster(px), 9)) + chunk(b"IEND", b""))


def ico(sizes: tuple[int, ...] = (16, 32, 48)) -> bytes:
    images = [png(px) for px in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for px, data in zip(sizes, images, strict=True):
        out += struct.pack("<BBBBHHII", px, px, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


def main() -> None:
    (HERE / "ext" / "static" / "favicon.svg").write_text(svg(), encoding="utf-8")
    (HERE / "ext" / "extra" / "favicon.ico").write_bytes(ico())


if __name__ == "__main__":
    main()
