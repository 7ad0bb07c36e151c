"""Report and check objects shared by every grader (see rubric: "The Python interface").

These types are the contract between the graders, the renderer, the widgets, the
in-page runtime and saved work, so they stay small, plain and JSON-friendly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import rubric


@dataclass
class Check:
    """One rubric check: its decision, what was found, how to improve, and where."""

    id: str
    passed: bool
    message: str
    tip: str = ""
    evidence: list[tuple[int, int]] = field(default_factory=list)
    weight: int = 1
    label: str = ""  # short human title, e.g. "Asks for a set amount of time"
    # Extra, check-specific findings, e.g. each misspelling's span and suggestions.
    details: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "passed": bool(self.passed),
            "message": self.message,
            "tip": self.tip,
            "evidence": [[int(a), int(b)] for a, b in self.evidence],
            "weight": self.weight,
            "details": [dict(d) for d in self.details],
        }


@dataclass
class QuestionInfo:
    """One question of a list: its category, whether it is open, and its flags."""

    text: str
    category: str
    open_ended: bool
    flags: set[str] = field(default_factory=set)
    start: int = 0  # offset of the question in the original text
    end: int = 0
    # The grader's own category; differs from ``category`` when the learner re-tagged it.
    graded_category: str = ""
    # The words that point to the grader's category: (start, end) offsets into ``text``.
    topic_evidence: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "open_ended": self.open_ended,
            "flags": sorted(self.flags),
            "span": [self.start, self.end],
            "graded_category": self.graded_category or self.category,
            "topic_evidence": [[int(a), int(b)] for a, b in self.topic_evidence],
        }


def level_for(score: int) -> str:
    """Map a 0-100 score to the rubric's level names (before any cap)."""
    return rubric.level_for(score)


def weighted_score(checks: list[Check]) -> int:
    """The weighted share of passing checks, rounded to a whole number 0-100."""
    total = sum(c.weight for c in checks)
    if total <= 0:
        return 0
    got = sum(c.weight for c in checks if c.passed)
    return int(round(100 * got / total))


@dataclass
class Report:
    """What a grader returns: the score, level and checks for one text.

    ``text`` is the original input so that evidence offsets can be shown;
    ``questions`` and ``suggestions`` are filled by ``grade_questions`` only.
    """

    kind: str  # "pitch" | "questions" | "thanks" | "goal"
    text: str
    checks: list[Check]
    score: int = 0
    level: str = "needs-work"
    questions: list[QuestionInfo] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    suggested_order: list[int] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. channel, word count
    # The level cap that lowered the level, if any: {"id", "level", "sentence"}.
    cap: dict[str, str] | None = None
    # The id of the most important failing check: what the learner should fix first.
    fix_first: str | None = None

    def check(self, check_id: str) -> Check:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "score": self.score,
            "level": self.level,
            "checks": [c.to_dict() for c in self.checks],
            "questions": [q.to_dict() for q in self.questions],
            "suggestions": {k: list(v) for k, v in self.suggestions.items()},
            "suggested_order": list(self.suggested_order),
            "meta": dict(self.meta),
            "cap": dict(self.cap) if self.cap else None,
            "fix_first": self.fix_first,
        }
