"""What each learned model is trained from, and a fingerprint of those files.

Retraining a model to see whether the stored file is current takes longer with every round
of labelled fixtures (in December 2026, on this project's 2-core machine, about seventeen
minutes for the question model and nine for the check model), and the test run has only one
spare core for it. Training is
deterministic, so a stored model is current exactly when nothing it is trained from has
changed since it was written, and the file is still the one training wrote. Training
records both fingerprints in ``benchmarks/model_inputs.json``; the quick check compares
them again. The input list is wide on purpose (all grader code, the whole rubric, every
labelled fixture, the pinned libraries): a change that does not move the weights costs a
retrain, and one that does is caught unless it comes from outside these files (another
Python version, say; ``--check --retrain`` is the check for that).

    python -m benchmarks.question_model --check            # fingerprints, a second
    python -m benchmarks.question_model --check --retrain  # trains again and compares
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from exercises.grading.generated import write_or_check

REPO = Path(__file__).resolve().parents[1]
RECORD = REPO / "benchmarks" / "model_inputs.json"
GRADING = REPO / "exercises" / "grading"
MODELS = ("question_model", "check_model")


def model_path(model: str) -> Path:
    return GRADING / "data" / f"{model}.json"


def input_files(model: str) -> list[Path]:
    """Every file whose change can change ``model``'s weights."""
    if model not in MODELS:
        raise KeyError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
    files = sorted(GRADING.glob("*.py")) + sorted((GRADING / "rubric").glob("*.json"))
    data = sorted((GRADING / "data").glob("*.json"))
    # The check model grades every text, questions included, so it reads the question
    # model; the question model reads neither.
    files += [p for p in data if p.stem not in MODELS or (model, p.stem) == ("check_model",
                                                                                "question_model")]
    files += sorted((REPO / "tests" / "fixtures" / "grading").glob("*.jsonl"))
    files += [REPO / "benchmarks" / f"{model}.py", REPO / "benchmarks" / "fixture_set.py",
              REPO / "benchmarks" / "model_budget.py", REPO / "requirements.txt"]
    return files


def digest(paths: list[Path]) -> str:
    """sha256 over each file's path (relative to the repository) and bytes, in order."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(REPO).as_posix().encode("utf-8") + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def fingerprint(model: str) -> dict[str, str]:
    return {"inputs": digest(input_files(model)), "model": digest([model_path(model)])}


def _recorded() -> dict[str, dict[str, str]]:
    if not RECORD.is_file():
        return {}
    return json.loads(RECORD.read_text(encoding="utf-8"))


def write_or_check_model(model: str, text: str, check: bool, about: str) -> int:
    """``write_or_check`` for a learned model's file; a write also records its inputs."""
    status = write_or_check(model_path(model), text, f"python -m benchmarks.{model}", check,
                            about)
    if not check:
        record(model)
    return status


def record(model: str) -> None:
    """After training wrote ``model``: remember what it was trained from."""
    entries = _recorded()
    entries[model] = fingerprint(model)
    RECORD.write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def check(model: str) -> int:
    """Exit status of a quick ``--check``: 1, with the reason, when ``model`` is stale."""
    problem = stale(model)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"{model}: nothing it is trained from has changed since training wrote it")
    return 0


def stale(model: str) -> str | None:
    """Why the stored ``model`` is not current, or None when it is."""
    command = f"python -m benchmarks.{model}"
    was = _recorded().get(model)
    if was is None:
        return f"{RECORD.name} has no entry for {model}: run {command}"
    now = fingerprint(model)
    if now["model"] != was["model"]:
        return (f"{model_path(model).relative_to(REPO)} is not the file training wrote "
                f"(edited by hand?): run {command}")
    if now["inputs"] != was["inputs"]:
        return (f"what {model} is trained from (grader code, rubric, labelled fixtures) has "
                f"changed since it was trained: run {command}")
    return None
