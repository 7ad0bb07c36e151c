"""The book's service worker: which files it precaches, and the worker script itself.

``write_service_worker`` fills the Workbox manifest placeholder of
``site/sw/iic-sw.js`` (``self.__WB_MANIFEST``, Workbox's own convention) with
every file a reader needs offline and writes the result to the site's root:

- every book page (the site root, ``book/``), and the stylesheets, scripts,
  images and fonts those pages load (found by reading the pages and their CSS);
- MathJax's fonts, on a site where a page loads MathJax;
- the page worker and what it loads (``_static/iic-page-runtime.json``):
  Pyodide's core, the lock and the wheels, including those it loads on first use.

Each entry carries a revision (a hash of its bytes), so a new build re-fetches
only what changed and Workbox deletes what is gone. JupyterLite (``lite/``) is
left to its own service worker, except the Pyodide files both share.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PLACEHOLDER = "self.__WB_MANIFEST"
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
MATHJAX = "_static/vendor/mathjax/"
WORKER = "_static/iic-worker.mjs"
RUNTIME = "_static/iic-page-runtime.json"
PYODIDE = "lite/static/pyodide/"
#: Pyodide files the worker imports as modules (the manifest lists what it fetches).
PYODIDE_MODULES = ["pyodide.mjs", "pyodide.asm.mjs"]


class _Assets(HTMLParser):
    """Collects the URLs of what a page loads (not what it links to)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"] or "")
        elif tag == "link" and a.get("href") and (a.get("rel") or "") in (
                "stylesheet", "preload", "modulepreload", "icon", "shortcut icon"):
            self.urls.append(a["href"] or "")
        elif tag in ("img", "source", "video", "audio") and a.get("src"):
            self.urls.append(a["src"] or "")
        elif tag == "object" and a.get("data"):
            self.urls.append(a["data"] or "")


def _local(base: str, url: str) -> str | None:
    """``url`` seen in the file at ``base`` (site-relative) as a site-relative path."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith(("#", "data:")):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    return None if joined.startswith("..") else joined


def pages(html: Path) -> list[str]:
    """The book's pages: the site root and book/ (JupyterLite has its own)."""
    found = [p.name for p in html.glob("*.html")]
    found += [f"book/{p.name}" for p in (html / "book").glob("*.html")]
    return sorted(found)


def page_assets(html: Path, page_list: list[str]) -> set[str]:
    """Everything the pages load, following stylesheets into their url()s."""
    assets: set[str] = set()
    css: list[str] = []
    for page in page_list:
        parser = _Assets()
        parser.feed((html / page).read_text(encoding="utf-8"))
        for url in parser.urls:
            path = _local(page, url)
            if path and (html / path).is_file():
                assets.add(path)
                if path.endswith(".css"):
                    css.append(path)
    while css:
        sheet = css.pop()
        text = (html / sheet).read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            path = _local(sheet, match.group(1) or match.group(2))
            if path and path not in assets and (html / path).is_file():
                assets.add(path)
                if path.endswith(".css"):
                    css.append(path)
    return assets


def precache_paths(html: Path, runtime: dict) -> list[str]:
    page_list = pages(html)
    paths = set(page_list) | page_assets(html, page_list)
    if any(p.startswith(MATHJAX) for p in paths):
        # MathJax loads the fonts a formula needs at run time.
        paths |= {p.relative_to(html).as_posix()
                  for p in (html / MATHJAX).rglob("*.woff*")}
    paths |= {WORKER, RUNTIME}
    paths |= {PYODIDE + name for name in PYODIDE_MODULES + runtime["files"]
              + runtime.get("laterFiles", [])}
    missing = sorted(p for p in paths if not (html / p).is_file())
    if missing:
        raise SystemExit(f"precache: files missing from the site: {missing}")
    return sorted(paths)


def revision(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def write_service_worker(html: Path, template: Path, runtime: dict) -> list[dict]:
    """Write ``iic-sw.js`` at the site root; return its manifest (with sizes)."""
    entries = [{"url": p, "revision": revision(html / p), "size": (html / p).stat().st_size}
               for p in precache_paths(html, runtime)]
    source = template.read_text(encoding="utf-8")
    if source.count(PLACEHOLDER) != 1:
        raise SystemExit(f"{template} must contain {PLACEHOLDER} exactly once")
    manifest = json.dumps([{"url": e["url"], "revision": e["revision"]} for e in entries],
                          indent=0)
    (html / "iic-sw.js").write_text(source.replace(PLACEHOLDER, manifest), encoding="utf-8")
    return entries
