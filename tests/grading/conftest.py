"""Shared helpers for the grader tests: fixture loading."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "grading"


def load_fixture(name: str) -> list[dict]:
    path = FIXTURES / f"{name}.jsonl"
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
