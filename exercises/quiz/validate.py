"""Check quiz banks: ``python -m exercises.quiz.validate [FILES...]``.

With no arguments every bank in ``exercises/quiz/banks/`` is checked. Prints one
``OK`` line per good file and every problem of a bad one; exits 1 if any file is bad,
so it can run in CI and in a pre-commit step. A bank whose right answers bunch up in
one position (see balance.py) is bad too: reorder its options as the message says.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .balance import balance_problems
from .loader import bank_paths
from .schema import QuizError, load_quiz_file


def validate_files(paths: list[Path]) -> tuple[list[str], list[str]]:
    """Return (ok lines, error lines) for the given bank files."""
    ok: list[str] = []
    errors: list[str] = []
    for path in paths:
        try:
            quiz = load_quiz_file(path)
        except QuizError as exc:
            errors.extend(exc.errors)
            continue
        problems = balance_problems(quiz)
        if problems:
            errors.extend(problems)
        else:
            ok.append(f"OK {path.name}: {quiz.total} questions, chapter {quiz.chapter!r}")
    return ok, errors


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] if args else bank_paths()
    if not paths:
        print("no quiz banks found in exercises/quiz/banks/")
        return 0
    ok, errors = validate_files(paths)
    for line in ok:
        print(line)
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        bad = len(paths) - len(ok)
        print(f"{bad} of {len(paths)} bank(s) have errors", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
