"""write_or_check: the one way docs/rubric.md and the learned models are written or checked."""

from __future__ import annotations

from pathlib import Path

from exercises.grading.generated import write_or_check


def test_stale_then_written_then_current(tmp_path: Path, capsys) -> None:
    path = tmp_path / "model.json"
    assert write_or_check(path, "{}\n", "python -m x", check=True) == 1
    assert "model.json is stale: run python -m x" in capsys.readouterr().err
    assert write_or_check(path, "{}\n", "python -m x", check=False, about="1 KB") == 0
    assert path.read_text(encoding="utf-8") == "{}\n"
    assert "(1 KB)" in capsys.readouterr().out
    assert write_or_check(path, "{}\n", "python -m x", check=True) == 0
    assert write_or_check(path, "[]\n", "python -m x", check=True) == 1
