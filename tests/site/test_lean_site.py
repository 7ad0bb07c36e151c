"""lean_site removes what no browser fetches, and nothing a page can ask for: the
vendored MathJax and Font Awesome faces only when no book page uses them, the theme's
translation catalogs, and the icon sizes no tab shows."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site"))

from lean_site import (  # noqa: E402
    ICON_DIR,
    MATHJAX_DIR,
    shrink_icon,
    translation_catalogs,
    unused_icon_faces,
    unused_mathjax,
)


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


def _icon_site(tmp_path: Path, page_html: str, script: str = "") -> Path:
    (tmp_path / ICON_DIR).mkdir(parents=True)
    for face in ("fa-solid-900", "fa-brands-400", "fa-regular-400"):
        (tmp_path / ICON_DIR / f"{face}.woff2").write_bytes(b"f" * 10)
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "a.html").write_text(page_html)
    (tmp_path / "_static" / "a.js").write_text(script)
    (tmp_path / "lite").mkdir()
    (tmp_path / "lite" / "index.html").write_text('<i class="fab fa-github"></i>')
    return tmp_path


def _faces(site: Path) -> set[str]:
    return {p.name.split("-")[1] for p in (site / ICON_DIR).glob("*.woff2")}


def test_icon_faces_no_page_uses_are_removed(tmp_path: Path) -> None:
    # Words in the text are not classes; JupyterLite's pages are not the book's.
    site = _icon_site(tmp_path, '<i class="fa-solid fa-bars"></i><p>a fab far trip</p>',
                      "// how far it has got")
    assert unused_icon_faces(site) == [10, 10]
    assert _faces(site) == {"solid"}


def test_a_face_a_page_or_a_script_uses_stays(tmp_path: Path) -> None:
    site = _icon_site(tmp_path, '<span class="x fab fa-github"></span>',
                      'icon.className = "far fa-clock";')
    assert unused_icon_faces(site) == []
    assert _faces(site) == {"solid", "brands", "regular"}


def test_translation_catalogs_go_and_nothing_else(tmp_path: Path) -> None:
    locale = tmp_path / "_static" / "locales" / "fr" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "booktheme.po").write_text("x" * 7)
    (locale / "booktheme.mo").write_bytes(b"y" * 5)
    (tmp_path / "_static" / "theme.css").write_text("body{}")
    assert sorted(translation_catalogs(tmp_path)) == [5, 7]
    assert not (tmp_path / "_static" / "locales").exists()
    assert (tmp_path / "_static" / "theme.css").is_file()


def _ico(path: Path, sizes: list[int]) -> dict[int, bytes]:
    images = {s: bytes([s % 251]) * (s * 3) for s in sizes}
    head = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, body = b"", b""
    for s in sizes:
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(images[s]),
                               offset + len(body))
        body += images[s]
    path.write_bytes(head + entries + body)
    return images


def _read_ico(path: Path) -> dict[int, bytes]:
    data = path.read_bytes()
    _, kind, count = struct.unpack_from("<HHH", data, 0)
    assert kind == 1
    found = {}
    for i in range(count):
        w, _, _, _, _, _, size, at = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        found[w or 256] = data[at:at + size]
    return found


def test_an_icon_keeps_its_small_images_byte_for_byte(tmp_path: Path) -> None:
    icon = tmp_path / "favicon.ico"
    images = _ico(icon, [16, 32, 48, 192, 256])
    before = icon.stat().st_size
    saved = shrink_icon(icon)
    assert saved == [before - icon.stat().st_size] and saved[0] == len(images[192]) + len(
        images[256]) + 32
    assert _read_ico(icon) == {s: images[s] for s in (16, 32, 48)}


def test_a_small_icon_is_left_alone(tmp_path: Path) -> None:
    icon = tmp_path / "favicon.ico"
    _ico(icon, [16, 32])
    before = icon.read_bytes()
    assert shrink_icon(icon) == [] and icon.read_bytes() == before
    assert shrink_icon(tmp_path / "missing.ico") == []
