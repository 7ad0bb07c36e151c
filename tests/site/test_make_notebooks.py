"""Chapters become notebooks that open cleanly in JupyterLite: figures embedded as
data URLs (SVG included), every cell trusted, a first cell that says how to run,
and book-only sentences left out."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site"))

from make_notebooks import convert, split_markdown  # noqa: E402

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>t</title></svg>'


def chapter(tmp_path: Path, body: str) -> Path:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "map.svg").write_text(SVG)
    md = tmp_path / "ch.md"
    md.write_text("---\njupytext:\n  text_representation:\n    format_name: myst\n---\n"
                  "# A chapter\n\n" + body)
    return md


def test_figures_are_data_urls_and_every_cell_is_trusted(tmp_path: Path) -> None:
    md = chapter(tmp_path, "```{figure} images/map.svg\n:alt: A map\n\nThe caption.\n```\n\n"
                           "```{exercise} pitch\n```\n")
    nb = convert(md, {})
    sources = "\n".join(c.source for c in nb.cells)
    encoded = base64.b64encode(SVG.encode()).decode()
    assert f"![A map](data:image/svg+xml;base64,{encoded})" in sources
    assert "attachment:" not in sources and not any("attachments" in c for c in nb.cells)
    assert all(c.metadata.get("trusted") is True for c in nb.cells)
    assert "pitch_coach()" in sources


def test_first_cell_says_how_to_run(tmp_path: Path) -> None:
    nb = convert(chapter(tmp_path, "Text.\n"), {})
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert "Run > Run All Cells" in first.source and "*A chapter*" in first.source


def test_first_cell_names_the_kernel_the_notebook_asks_for(tmp_path: Path) -> None:
    # JupyterLab asks for a kernel when a notebook opens before the kernel list has
    # loaded; the learner needs the same name the notebook's metadata carries.
    nb = convert(chapter(tmp_path, "Text.\n"), {})
    kernel = nb.metadata["kernelspec"]["display_name"]
    assert f"choose **{kernel}** and press **Select**" in nb.cells[0].source


def test_book_only_text_is_dropped_and_notebook_text_kept() -> None:
    pieces = split_markdown(
        "Before.\n\n:::{only} html\nThe link under the title.\n:::\n\n"
        ":::{only} notebook\nRun the cell below.\n:::\n\nAfter.")
    text = "\n".join(t for _, t in pieces)
    assert "link under the title" not in text
    assert "Run the cell below." in text and "Before." in text and "After." in text
    assert "Only" not in text


def test_an_unknown_only_expression_fails_the_build() -> None:
    with pytest.raises(ValueError, match="only"):
        split_markdown(":::{only} latex\nx\n:::")


def test_no_chapter_tells_a_notebook_reader_about_the_page() -> None:
    """Sentences about the book page's own layout belong in {only} html blocks."""
    for md in sorted((REPO / "book").glob("*.md")):
        if md.stem == "progress":
            continue
        nb = convert(md, {})
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        for phrase in ("right here on the page", "the link under it", "link under its title"):
            assert phrase not in text, f"{md.name}: {phrase!r} in the notebook"


def test_welcome_chapter_names_the_same_kernel() -> None:
    from make_notebooks import KERNEL_NAME

    welcome = (REPO / "book" / "welcome.md").read_text(encoding="utf-8")
    assert f'choose "{KERNEL_NAME}" and press Select' in welcome
