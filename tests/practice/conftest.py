"""Shared fixtures for the rehearsal tests.

The engine classifies questions with ``exercises.grading.classify_question``.
While that function is not available (it is built in parallel), a tiny stub
stands in so the engine's own logic can be tested; once the real classifier
lands, the stub is never used.
"""

from __future__ import annotations

import re

import pytest

from exercises.grading.report import QuestionInfo
from exercises.practice import engine

try:
    from exercises.grading import classify_question as _real  # noqa: F401

    HAVE_CLASSIFIER = True
except ImportError:
    HAVE_CLASSIFIER = False

_STUB_RULES = [
    ("job_ask", r"\b(hiring|job opening|internship|refer me|put in a word|resume|résumé|a job)\b"),
    (
        "googleable",
        r"\b(founded|how many employees|headquarter|what does your (company|organi[sz]ation) do)\b",
    ),
]
_STUB_CATS = [
    ("referrals", r"\b(who else|anyone else|someone else|other people)\b"),
    ("path", r"\b(get into|got into|start|path|background|become)\b"),
    ("day_to_day", r"\b(typical|day|week|tasks|projects)\b"),
    ("likes", r"\b(enjoy|like|love|rewarding)\b"),
    ("challenges", r"\b(hard|challeng|frustrat|downside|not so great)\b"),
    ("trends", r"\b(chang|future|trend)\b"),
    ("fit_skills", r"\b(skills|qualities|do well|training)\b"),
    ("advice", r"\b(advice|differently|recommend)\b"),
    ("culture", r"\b(culture|balance|values)\b"),
]
_CLOSED = re.compile(
    r"^(do|does|did|is|are|was|were|can|could|will|would|should|have|has|may|might)\b"
    r"(?!.*\b(tell|describe|explain|share|walk me through)\b)"
)


def stub_classify(text: str) -> QuestionInfo:
    low = text.lower().strip()
    flags = {f for f, rx in _STUB_RULES if re.search(rx, low)}
    cat = next((c for c, rx in _STUB_CATS if re.search(rx.rstrip("\\b") + ")", low)), "other")
    if _CLOSED.search(low):
        flags.add("closed")
    if re.search(r"\band (what|how|why)\b", low):
        flags.add("double_barreled")
    return QuestionInfo(text, cat, "closed" not in flags, flags)


@pytest.fixture(autouse=True)
def _classifier(monkeypatch):
    if not HAVE_CLASSIFIER:
        monkeypatch.setattr(engine, "_classifier", lambda: stub_classify)
    yield
