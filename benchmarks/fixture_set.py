"""The labelled grader fixtures: loading, grading each text, and the record a golden file
keeps of what the graders said about it.

Fixtures live in ``tests/fixtures/grading/*.jsonl``; the file name's prefix says the kind
(``pitches``, ``thanks``, ``goals``, ``question_lists``, ``questions``). Used by the golden
tests (tests/grading/test_goldens.py), the grader benchmark and the mutation benchmark.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from exercises.grading import (
    classify_question,
    grade_goal,
    grade_pitch,
    grade_questions,
    grade_thank_you,
    rubric,
)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "grading"
GOLDENS = REPO / "tests" / "goldens" / "grading"
KINDS = ("question_lists", "questions", "pitches", "thanks", "goals")


def kind_of(name: str) -> str:
    for kind in KINDS:
        if name == kind or name.startswith(kind + "_"):
            return kind
    raise ValueError(f"no fixture kind for {name!r}")


def names() -> list[str]:
    """Every fixture file's name (without .jsonl), sorted."""
    return sorted(p.stem for p in FIXTURES.glob("*.jsonl"))


def load(name: str) -> list[dict[str, Any]]:
    path = FIXTURES / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


# A fixture file's kind and the rubric's name for the texts it holds.
RUBRIC_KIND = {"pitches": "pitch", "thanks": "thanks", "goals": "goal",
               "question_lists": "questions"}


def label_problems(kind: str, case: dict[str, Any]) -> list[str]:
    """What is wrong with one labelled record's labels, as sentences (empty when nothing is).

    A label under a key the rubric does not know would be skipped by every agreement count, so
    a round written with, say, ``coverage`` instead of ``questions.coverage`` would look
    perfect on the checks it never measured."""
    where = case.get("id", "?")
    if kind == "questions":
        out = []
        if case.get("category") not in rubric.categories():
            out.append(f"{where}: category {case.get('category')!r} is not one of the rubric's")
        out += [f"{where}: flag {f!r} is not one of the rubric's"
                for f in case.get("flags", []) if f not in rubric.flag_ids()]
        return out
    known = {c["id"] for c in rubric.checks(RUBRIC_KIND[kind])}
    out = [f"{where}: label {k!r} is not a {RUBRIC_KIND[kind]} check id (known: "
           f"{', '.join(sorted(known))})" for k in case.get("labels", {}) if k not in known]
    out += [f"{where}: label {k!r} is {v!r}, not true or false"
            for k, v in case.get("labels", {}).items() if not isinstance(v, bool)]
    if "level" in case and case["level"] not in rubric.level_ids():
        out.append(f"{where}: level {case['level']!r} is not one of {rubric.level_ids()}")
    return out


def grade_case(kind: str, case: dict[str, Any]) -> Any:
    if kind == "pitches":
        return grade_pitch(case["text"], channel=case.get("channel", "email"))
    if kind == "thanks":
        return grade_thank_you(case["text"])
    if kind == "goals":
        return grade_goal(case["text"])
    if kind == "question_lists":
        return grade_questions(case.get("items", case.get("text")), minutes=case.get("minutes", 30))
    if kind == "questions":
        return classify_question(case["text"])
    if kind == "intro":
        from exercises.grading.intro import grade_intro

        return grade_intro(case["text"])
    raise ValueError(kind)


def record(kind: str, case: dict[str, Any]) -> dict[str, Any]:
    """Everything the graders decide about one fixture text, and the words they point at."""
    result = grade_case(kind, case)
    if kind == "questions":
        return {
            "category": result.category,
            "flags": sorted(result.flags),
            "topic_words": [list(s) for s in result.topic_evidence],
        }
    out: dict[str, Any] = {
        "score": result.score,
        "level": result.level,
        "cap": result.cap["id"] if result.cap else None,
        "checks": {c.id: c.passed for c in result.checks},
        "evidence": {c.id: [list(s) for s in c.evidence] for c in result.checks if c.evidence},
    }
    if kind == "question_lists":
        out["questions"] = [
            [q.category, sorted(q.flags), [list(s) for s in q.topic_evidence]]
            for q in result.questions
        ]
        out["order"] = list(result.suggested_order)
    return out


def records(name: str) -> dict[str, Any]:
    kind = kind_of(name)
    return {case["id"]: record(kind, case) for case in load(name)}


@cache
def records_once(name: str) -> dict[str, Any]:
    """``records(name)``, graded once per process and shared (do not change what it returns).

    The golden tests and the agreement tests read the same grading of every fixture, and
    grading them all takes minutes. The mutation benchmark changes the rules within one
    process, so it calls ``records``."""
    return records(name)


def golden_path(name: str) -> Path:
    return GOLDENS / f"{name}.json"


def dump(recs: dict[str, Any]) -> str:
    """One line per text, so a rule change shows as a readable diff."""
    lines = [f"{json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in recs.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"
