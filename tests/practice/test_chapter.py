"""The practice chapter's persona table is computed from the persona files."""

from __future__ import annotations

import re
from pathlib import Path

from exercises.practice.personas import list_personas

CHAPTER = Path(__file__).resolve().parents[2] / "book" / "practice.md"


def _table_cell_source() -> str:
    text = CHAPTER.read_text(encoding="utf-8")
    cells = re.findall(r"```\{code-cell\} ipython3\n---\n(.*?)\n---\n(.*?)```", text, re.S)
    [(meta, code)] = [(m, c) for m, c in cells if "list_personas" in c]
    assert "remove-input" in meta  # the reader sees the table, not the code
    return code


def test_the_persona_table_lists_every_persona_the_simulator_loads():
    namespace: dict = {}
    exec(_table_cell_source(), namespace)  # noqa: S102 - our own chapter's cell
    table = namespace["Markdown"]  # the cell's last line builds Markdown(...)
    rows = namespace["rows"]
    assert callable(table)
    body = rows[2:]
    personas = list_personas()
    assert len(body) == len(personas)
    for p, row in zip(personas, body, strict=True):
        assert p.name in row and p.temperament.label in row and p.practise_for in row


def test_the_chapter_guides_every_moment():
    text = CHAPTER.read_text(encoding="utf-8")
    for phrase in (
        "Tell me a bit about yourself",
        "What are you hoping to do next",
        "Send me your CV",
        "We're hiring",
        "I only have ten minutes",
        "runs past the time",
        "wouldn't recommend",
        "A yes that means no",
        "time zone",
    ):
        assert phrase in text, phrase
