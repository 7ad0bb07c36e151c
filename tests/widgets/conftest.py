"""Shared helpers for the widget tests: a tmp store path and a predictable fake grader."""

from __future__ import annotations

from typing import Any

import pytest

from exercises.grading.report import Check, QuestionInfo, Report, level_for


class FakeGrader:
    """Stands in for exercises.grading so widget tests do not depend on grader wording.

    Scores come from ``scores`` in turn; every call is recorded.
    """

    def __init__(self, scores: list[int] | None = None) -> None:
        self.scores = list(scores or [40, 80, 80, 95])
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def __call__(self, kind: str, text: str, **options: Any) -> Report:
        self.calls.append((kind, text, options))
        score = self.scores[min(len(self.calls) - 1, len(self.scores) - 1)]
        end = min(len(text), 5)
        checks = [
            Check(f"{kind}.first", True, "Found a good start.", evidence=[(0, end)], weight=2,
                  label="Good start"),
            Check(f"{kind}.second", False, "Something is missing.", "Add the missing part.",
                  weight=1, label="Missing part"),
        ]
        questions = []
        if kind == "questions":
            pos = 0
            for line in text.splitlines():
                questions.append(QuestionInfo(line, "path", True, set(), pos, pos + len(line)))
                pos += len(line) + 1
        return Report(kind=kind, text=text, checks=checks, score=score, level=level_for(score),
                      questions=questions,
                      suggestions={"trends": ["What is changing?"]} if questions else {},
                      suggested_order=list(range(len(questions))))


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "interview_work.json"


@pytest.fixture
def fake_grader(monkeypatch):
    grader = FakeGrader()
    monkeypatch.setattr("exercises.widgets.coach.grade_report", grader)
    return grader
