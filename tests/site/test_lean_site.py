"""lean_site removes the vendored MathJax only when no book page loads it."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site"))

from lean_site import MATHJAX_DIR, unused_mathjax  # noqa: E402


def _site(tmp_path: Path, page_html: str) -> Path:
    (tmp_path / MATHJAX_DIR / "output" / "chtml" / "fonts").mkdir(parents=True)
    (tmp_path / MATHJAX_DIR / "tex-mml-chtml.js").write_text("x" * 100)
    (tmp_path / MATHJAX_DIR / "output" / "chtml" / "fonts" / "a.woff").write_text("y" * 10)
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "a.html").write_text(page_html)
    # JupyterLite's pages are not the book's: a mention there keeps nothing.
    (tmp_path / "lite").mkdir()
    (tmp_path / "lite" / "index.html").write_text("tex-mml-chtml.js")
    return tmp_path


def test_removed_when_no_page_loads_it(tmp_path: Path) -> None:
    site = _site(tmp_path, "<p>no formula</p>")
    assert sorted(unused_mathjax(site)) == [10, 100]
    assert not (site / MATHJAX_DIR).exists()


def test_kept_when_a_page_loads_it(tmp_path: Path) -> None:
    site = _site(tmp_path, '<script src="../_static/vendor/mathjax/tex-mml-chtml.js"></script>')
    assert unused_mathjax(site) == []
    assert (site / MATHJAX_DIR / "tex-mml-chtml.js").is_file()


def test_nothing_to_do_without_the_folder(tmp_path: Path) -> None:
    assert unused_mathjax(tmp_path) == []
