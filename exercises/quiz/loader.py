"""Find and load quiz banks shipped inside the package (``exercises/quiz/banks/*.json``).

Banks are read through ``importlib.resources`` so the same code works from a source
checkout, an installed wheel and the Pyodide file system.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .schema import Quiz, QuizError, load_quiz_file, parse_quiz_text

BANKS_PACKAGE = "exercises.quiz"
BANKS_DIR = "banks"


def _banks_root():
    return resources.files(BANKS_PACKAGE) / BANKS_DIR


def bank_names() -> list[str]:
    """Sorted quiz ids of the shipped banks (file stems)."""
    root = _banks_root()
    if not root.is_dir():
        return []
    return sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".json"))


def bank_paths() -> list[Path]:
    """Paths of the shipped bank files (for the validator CLI and tests)."""
    root = Path(str(_banks_root()))
    return sorted(root.glob("*.json")) if root.is_dir() else []


def load_quiz(quiz_id_or_path: str | Path) -> Quiz:
    """Load a quiz by id (``"pitching"``) or by a path to a ``.json`` bank.

    Raises ``QuizError`` naming the file and field when the bank is invalid or missing.
    """
    text = str(quiz_id_or_path)
    if isinstance(quiz_id_or_path, Path) or text.endswith(".json") or "/" in text:
        return load_quiz_file(quiz_id_or_path)
    resource = _banks_root() / f"{text}.json"
    if not resource.is_file():
        known = ", ".join(bank_names()) or "none yet"
        raise QuizError([f"{text}.json: no quiz bank with id {text!r}; known quizzes: {known}"])
    return parse_quiz_text(resource.read_text(encoding="utf-8"), f"{text}.json",
                           expected_id=text)


def list_quizzes() -> list[Quiz]:
    """Every shipped quiz, validated, sorted by id. An invalid bank raises ``QuizError``."""
    return [load_quiz(name) for name in bank_names()]
