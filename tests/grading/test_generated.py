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


def _tree(root: Path) -> None:
    """The smallest repository model_inputs can fingerprint."""
    for rel, text in {
        "exercises/grading/grader.py": "RULE = 1\n",
        "exercises/grading/rubric/pitch.json": "{}\n",
        "exercises/grading/data/other_language_words.json": "[]\n",
        "exercises/grading/data/question_model.json": '{"w": 1}\n',
        "exercises/grading/data/check_model.json": '{"w": 2}\n',
        "tests/fixtures/grading/pitches_rw1.jsonl": '{"id": "a"}\n',
        "tests/fixtures/grading/sealed/s9/pitches.jsonl": '{"id": "sealed"}\n',
        "benchmarks/question_model.py": "", "benchmarks/check_model.py": "",
        "benchmarks/fixture_set.py": "", "benchmarks/model_budget.py": "",
        "requirements.txt": "lib==1\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def test_a_model_is_stale_when_what_it_learns_from_or_the_file_itself_changes(
        tmp_path: Path, monkeypatch) -> None:
    from benchmarks import model_inputs as mi

    _tree(tmp_path)
    monkeypatch.setattr(mi, "REPO", tmp_path)
    monkeypatch.setattr(mi, "GRADING", tmp_path / "exercises" / "grading")
    monkeypatch.setattr(mi, "RECORD", tmp_path / "benchmarks" / "model_inputs.json")
    assert "no entry for question_model" in mi.stale("question_model")
    for model in mi.MODELS:
        mi.record(model)
        assert mi.stale(model) is None
    # Sealed rounds are not training data: adding one leaves both models current.
    (tmp_path / "tests/fixtures/grading/sealed/s9/pitches.jsonl").write_text("{}\n")
    assert mi.stale("question_model") is None and mi.stale("check_model") is None
    fixture = tmp_path / "tests/fixtures/grading/pitches_rw1.jsonl"
    fixture.write_text('{"id": "b"}\n', encoding="utf-8")
    assert "has changed since it was trained" in mi.stale("check_model")
    fixture.write_text('{"id": "a"}\n', encoding="utf-8")
    assert mi.stale("check_model") is None
    # A hand-edited model is caught even though nothing it learns from changed ...
    (tmp_path / "exercises/grading/data/question_model.json").write_text('{"w": 9}\n')
    assert "edited by hand" in mi.stale("question_model")
    # ... and a retrained question model makes the check model, which reads it, stale.
    mi.record("question_model")
    assert mi.stale("question_model") is None
    assert "has changed since it was trained" in mi.stale("check_model")
    assert mi.check("check_model") == 1
