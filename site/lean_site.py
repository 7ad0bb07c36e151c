"""Remove what no browser fetches from the built site: sourcemaps, legacy font
formats, the theme's 1.5 MB icon script that the theme's own CSS makes redundant,
and the vendored MathJax when no page shows a formula.

Each function returns the sizes of the files it removed, so the build can say
how much it saved. Every removal is checked by the browser tests (no page asks
for a missing file, icons still render).
"""

from __future__ import annotations

import re
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
    removed += legacy_fonts(html / "_static" / "vendor" / "fontawesome" / "webfonts")
    removed += unused_mathjax(html)
    return removed


def lean_lite(lite: Path) -> list[int]:
    return strip_sourcemaps(lite) + legacy_fonts(lite / "build")
