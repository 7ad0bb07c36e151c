"""Remove what no browser fetches from the built site: sourcemaps, legacy font
formats, the theme's 1.5 MB icon script that the theme's own CSS makes redundant,
the vendored MathJax when no page shows a formula, Font Awesome faces no page uses,
the book theme's translation catalogs, and the sizes of JupyterLite's icon that no
browser tab shows.

Each function returns the bytes it saved (one number per file removed or shrunk), so
the build can say how much it saved. Every removal is checked by the browser tests
(no page asks for a missing file, icons still render).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

SOURCEMAP_COMMENT = re.compile(
    r"\n?(?://[#@] sourceMappingURL=\S+|/\*[#@] sourceMappingURL=\S+ ?\*/)\s*$")

#: Formats older than WOFF2. Every browser that runs Pyodide (WebAssembly) reads
#: WOFF2 and picks it first from each @font-face, so these are never fetched.
LEGACY_FONT_SUFFIXES = (".eot", ".ttf", ".woff", ".svg")

#: pydata-sphinx-theme loads Font Awesome's SVG script only "so that users can add
#: custom icons"; its stylesheet already draws every icon the theme uses from the
#: WOFF2 web font, and the course adds no custom icon.
ICON_SCRIPT = re.compile(
    r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def _remove(path: Path) -> int:
    size = path.stat().st_size
    path.unlink()
    return size


def strip_sourcemaps(root: Path) -> list[int]:
    """Delete ``*.map`` files and the comments that point at them."""
    removed = [_remove(p) for p in sorted(root.rglob("*.map"))]
    for path in list(root.rglob("*.js")) + list(root.rglob("*.mjs")) + list(root.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        tail = text[-300:]
        if "sourceMappingURL" in tail:
            new_tail = SOURCEMAP_COMMENT.sub("\n", tail)
            if new_tail != tail:
                path.write_text(text[: -len(tail)] + new_tail, encoding="utf-8",
                                errors="surrogateescape")
    return removed


def legacy_fonts(font_dir: Path) -> list[int]:
    """Delete a font file when the same font exists as WOFF2 beside it."""
    removed = []
    for woff2 in sorted(font_dir.glob("*.woff2")):
        for suffix in LEGACY_FONT_SUFFIXES:
            twin = woff2.with_suffix(suffix)
            if twin.is_file():
                removed.append(_remove(twin))
    return removed


#: Where the build vendors MathJax (site/vendor_assets.py); 1.2 MB plus fonts.
MATHJAX_DIR = Path("_static") / "vendor" / "mathjax"


def unused_mathjax(html: Path) -> list[int]:
    """Delete the vendored MathJax when no book page loads it.

    Pages without a formula already drop the script (coursesite.drop_unused_mathjax),
    so when none is left nothing can fetch the folder; a page that gains a formula
    keeps it.
    """
    folder = html / MATHJAX_DIR
    if not folder.is_dir():
        return []
    for page in html.rglob("*.html"):
        if "lite" in page.relative_to(html).parts[:1]:
            continue
        if "tex-mml-chtml.js" in page.read_text(encoding="utf-8"):
            return []
    removed = [_remove(p) for p in sorted(folder.rglob("*")) if p.is_file()]
    for sub in sorted((d for d in folder.rglob("*") if d.is_dir()), reverse=True):
        sub.rmdir()
    folder.rmdir()
    return removed


#: Font Awesome's faces that a page fetches only for an element of these classes (the
#: theme's stylesheet declares every face; a browser downloads a face when text uses it).
#: The solid face draws the theme's own icons and always stays.
ICON_FACES = {
    "fa-brands-400.woff2": {"fa-brands", "fab"},
    "fa-regular-400.woff2": {"fa-regular", "far", "fa-classic"},
}
ICON_DIR = Path("_static") / "vendor" / "fontawesome" / "webfonts"
_CLASS_ATTR = re.compile(r"""class\s*=\s*["']([^"']*)["']""")
#: In scripts (icons a script adds): the long class names anywhere, the short ones
#: where Font Awesome's usage puts them ("fab fa-github").
_SCRIPT_ICON = re.compile(r"\b(fa-brands|fa-regular|fa-classic)\b|\b(fab|far)\s+fa-")


def _book_files(html: Path, pattern: str) -> list[Path]:
    return [p for p in html.rglob(pattern)
            if "lite" not in p.relative_to(html).parts[:1]]


def unused_icon_faces(html: Path) -> list[int]:
    """Delete the Font Awesome faces whose classes no book page or script uses."""
    used: set[str] = set()
    for page in _book_files(html, "*.html"):
        for match in _CLASS_ATTR.finditer(page.read_text(encoding="utf-8")):
            used.update(match.group(1).split())
    for script in _book_files(html, "*.js"):
        for match in _SCRIPT_ICON.finditer(script.read_text(encoding="utf-8", errors="replace")):
            used.add(match.group(1) or match.group(2))
    removed = []
    for face, classes in ICON_FACES.items():
        path = html / ICON_DIR / face
        if path.is_file() and not classes & used:
            removed.append(_remove(path))
    return removed


def translation_catalogs(html: Path) -> list[int]:
    """Delete gettext catalogs (.po, .mo) from _static: the book theme keeps its
    translations there, Sphinx reads them while it builds, and no page fetches them."""
    static = html / "_static"
    removed = [_remove(p) for p in sorted(static.rglob("*")) if p.suffix in (".po", ".mo")]
    for folder in sorted((d for d in static.rglob("*") if d.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed


#: The largest icon a browser tab or bookmark shows from a favicon (48 px on
#: high-density screens); install icons come from the web app manifest's PNGs.
FAVICON_MAX_PX = 48


def shrink_icon(path: Path, max_px: int = FAVICON_MAX_PX) -> list[int]:
    """Keep only the images of an .ico file up to ``max_px``; returns the bytes saved.

    JupyterLite's lab favicon carries ten sizes up to 256 px (0.3 MB), most of it in
    sizes no tab draws. The file stays a valid icon with the same small images.
    """
    if not path.is_file():
        return []
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1:
        return []
    entries = [struct.unpack_from("<BBBBHHII", data, 6 + 16 * i) for i in range(count)]
    # A width or height of 0 means 256 px.
    keep = [e for e in entries if (e[0] or 256) <= max_px and (e[1] or 256) <= max_px]
    if not keep or len(keep) == count:
        return []
    out = bytearray(struct.pack("<HHH", 0, 1, len(keep)))
    offset = 6 + 16 * len(keep)
    images = bytearray()
    for w, h, colours, res, planes, bpp, size, at in keep:
        out += struct.pack("<BBBBHHII", w, h, colours, res, planes, bpp, size, offset + len(images))
        images += data[at:at + size]
    path.write_bytes(bytes(out + images))
    return [len(data) - len(out) - len(images)]


def lean_book(html: Path) -> list[int]:
    removed = [s for s in strip_sourcemaps(html) if s]
    script = html / "_static" / "scripts" / "fontawesome.js"
    if script.is_file():
        for page in html.rglob("*.html"):
            if "lite" in page.relative_to(html).parts[:1]:
                continue
            text = page.read_text(encoding="utf-8")
            new = ICON_SCRIPT.sub("", text)
            if new != text:
                page.write_text(new, encoding="utf-8")
        removed.append(_remove(script))
    removed += legacy_fonts(html / ICON_DIR)
    removed += unused_icon_faces(html)
    removed += translation_catalogs(html)
    removed += unused_mathjax(html)
    return removed


def lean_lite(lite: Path) -> list[int]:
    return (strip_sourcemaps(lite) + legacy_fonts(lite / "build")
            + shrink_icon(lite / "lab" / "favicon.ico"))
