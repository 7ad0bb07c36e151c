"""The page worker's manifest: its snapshot key changes with anything that ends up in
the worker's memory, the worker script included (an older worker's snapshot would
look for the course's files where that worker put them)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site"))

from page_runtime import WORKER, write_page_runtime  # noqa: E402

LOCK = {"packages": {
    "exercises": {"name": "exercises", "file_name": "exercises-0.1.0-py3-none-any.whl",
                  "depends": ["spell"]},
    "spell": {"name": "spell", "file_name": "spell-1.0-py3-none-any.whl", "depends": []},
}}


def _site(tmp_path: Path) -> tuple[Path, Path]:
    html, pyodide = tmp_path / "html", tmp_path / "pyodide"
    (html / "_static").mkdir(parents=True)
    pyodide.mkdir()
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip",
                 "pyodide-lock.json", "exercises-0.1.0-py3-none-any.whl",
                 "spell-1.0-py3-none-any.whl"):
        (pyodide / name).write_bytes(name.encode())
    (html / WORKER).write_text("// worker v1")
    return html, pyodide


def _key(html: Path, pyodide: Path) -> str:
    runtime = write_page_runtime(html, pyodide, LOCK, "exercises-0.1.0-py3-none-any.whl",
                                 ["spell"], "314.0.6")
    assert json.loads((html / "_static" / "iic-page-runtime.json").read_text()) == runtime
    return runtime["key"]


def test_the_key_follows_the_worker_and_the_wheels(tmp_path: Path) -> None:
    html, pyodide = _site(tmp_path)
    first = _key(html, pyodide)
    assert first.startswith("314.0.6-") and _key(html, pyodide) == first
    (html / WORKER).write_text("// worker v2: wheels somewhere else")
    second = _key(html, pyodide)
    assert second != first
    (pyodide / "spell-1.0-py3-none-any.whl").write_bytes(b"another word list")
    assert _key(html, pyodide) not in (first, second)
