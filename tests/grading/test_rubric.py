"""The rubric data: one source, its examples hold, its document is current, and no rubric
number is written a second time in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks import model_inputs
from exercises.grading import (
    classify_question,
    grade_goal,
    grade_pitch,
    grade_questions,
    grade_thank_you,
    rubric,
    rubric_doc,
)

REPO = Path(__file__).resolve().parents[2]
SHARED_RUBRIC = REPO.parent / "shared" / "rubric.md"


def _grade(kind: str, example: Any):
    if isinstance(example, dict):
        text = example["text"]
        options = {k: v for k, v in example.items() if k != "text"}
    else:
        text, options = example, {}
    if kind == "pitch":
        return grade_pitch(text, **options)
    if kind == "thanks":
        return grade_thank_you(text)
    if kind == "goal":
        return grade_goal(text)
    if kind == "intro":
        from exercises.grading.intro import grade_intro

        return grade_intro(text)
    return grade_questions(text, **options)


def _check_examples() -> list[Any]:
    cases = []
    for kind in rubric.KINDS:
        for entry in rubric.checks(kind):
            for want in ("pass", "fail"):
                for i, example in enumerate(entry["examples"][want]):
                    cases.append(
                        pytest.param(kind, entry["id"], example, want == "pass",
                                     id=f"{entry['id']}-{want}{i}")
                    )
    return cases


@pytest.mark.parametrize("kind,check_id,example,passes", _check_examples())
def test_check_examples(kind: str, check_id: str, example: Any, passes: bool) -> None:
    check = _grade(kind, example).check(check_id)
    assert check.passed is passes, check.message


def test_every_check_has_examples_both_ways() -> None:
    for kind in rubric.KINDS:
        for entry in rubric.checks(kind):
            assert entry["examples"]["pass"], f"{entry['id']} has no passing example"
            assert entry["examples"]["fail"], f"{entry['id']} has no failing example"


@pytest.mark.parametrize(
    "category,question",
    [
        pytest.param(c, q, id=f"{c}-{i}")
        for c in rubric.categories()
        for i, q in enumerate(rubric.category(c)["examples"])
    ],
)
def test_category_examples(category: str, question: str) -> None:
    assert classify_question(question).category == category


@pytest.mark.parametrize(
    "flag,question,raised",
    [
        pytest.param(f, q, want == "with", id=f"{f}-{want}{i}")
        for f in rubric.flag_ids()
        for want in ("with", "without")
        for i, q in enumerate(rubric.flag(f)["examples"][want])
    ],
)
def test_flag_examples(flag: str, question: str, raised: bool) -> None:
    assert (flag in classify_question(question).flags) is raised


def test_every_category_and_flag_has_examples() -> None:
    for c in rubric.categories():
        assert len(rubric.category(c)["examples"]) >= 3, c
    for f in rubric.flag_ids():
        assert rubric.flag(f)["examples"]["with"] and rubric.flag(f)["examples"]["without"], f


def test_generated_rubric_document_is_current() -> None:
    assert rubric_doc.main(["--check"]) == 0, (
        "docs/rubric.md is stale: run `python -m exercises.grading.rubric_doc` and review the diff"
    )


@pytest.mark.skipif(not SHARED_RUBRIC.is_file(), reason="../shared/rubric.md is not present")
def test_every_contract_check_id_is_in_the_data() -> None:
    contract = set(re.findall(r"`((?:pitch|questions|thanks|goal)\.[a-z_]+)`",
                              SHARED_RUBRIC.read_text(encoding="utf-8")))
    contract |= {f"{k}.spelling" for k in ("pitch", "thanks", "questions")}
    ours = {c["id"] for k in rubric.KINDS for c in rubric.checks(k)}
    assert contract - {"pitch.no_placeholders"} <= ours
    assert contract <= ours


def test_contract_numbers() -> None:
    """The numbers ../shared/rubric.md fixes, read back through the one rubric module."""
    assert rubric.length_limit("pitch", "email") == (150, "words")
    assert rubric.length_limit("pitch", "linkedin") == (200, "characters")
    assert rubric.length_limit("pitch", "linkedin-premium") == (300, "characters")
    assert rubric.length_limit("thanks") == (150, "words")
    assert rubric.min_open_share() == 0.7
    assert rubric.min_core_topics() == 4
    assert [rubric.question_range(m) for m in (30, 20, 15)] == [(5, 12), (4, 8), (3, 6)]
    assert rubric.max_minutes() == 30
    assert (rubric.level_threshold("ready"), rubric.level_threshold("almost")) == (85, 60)
    assert rubric.misspelling_cap() == 3
    assert len(rubric.core_categories()) == 7


# --- no rubric number written twice ------------------------------------------------------

# The distinctive rubric numbers, and where a literal equal to one is NOT a rubric rule.
RUBRIC_NUMBERS = {150, 200, 300, 0.7, 2.5, 85}
NOT_RUBRIC = {
    ("exercises/grading/questions.py", 300): "characters of one question that are classified",
    ("exercises/grading/similarity.py", 300): "characters of a question compared for duplicates",
    ("exercises/grading/names.py", 200): "how far from the end a sign-off name is looked for",
    ("exercises/widgets/worksheet_logic.py", 200): "longest saved name or note in a worksheet",
    ("exercises/campaign/beliefs.py", 300): "longest belief kept",
    ("exercises/campaign/beliefs.py", 200): "most conversation notes kept per belief grid",
    ("exercises/campaign/tracker.py", 200): "longest saved name or field in the tracker",
    ("exercises/campaign/tracker.py", 300): "most contacts kept in the tracker",
    ("site/ext/classroom.py", 200): "the script's place in Sphinx's loading order",
}
CODE_DIRS = ("exercises", "site/ext", "site/build.py", "site/make_notebooks.py")


def _python_files() -> list[Path]:
    out = []
    for d in CODE_DIRS:
        p = REPO / d
        out += [p] if p.is_file() else sorted(p.rglob("*.py"))
    return [f for f in out if "__pycache__" not in f.parts]


def test_no_rubric_number_in_python_code() -> None:
    found = []
    for path in _python_files():
        rel = path.relative_to(REPO).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool)
                and node.value in RUBRIC_NUMBERS
                and (rel, node.value) not in NOT_RUBRIC
            ):
                found.append(f"{rel}:{node.lineno}: {node.value!r}")
    why = "rubric numbers written in code (read them from exercises.grading.rubric):\n"
    assert not found, why + "\n".join(found)


# Numbers with their unit, as a sentence would quote them.
QUOTED = re.compile(
    r"\b(?:150|200|300)\s*(?:words|characters|chars)\b|\b70\s?%|\bat least (?:four|4) (?:of|core)\b"
    r"|\b(?:85|60)\s+(?:and above|or more|points)\b|minutes\s*/\s*(?:6|2\.5)\b"
)


def test_no_rubric_number_quoted_in_code_or_page_assets() -> None:
    files = _python_files() + sorted((REPO / "site" / "ext").rglob("*.js"))
    files += sorted((REPO / "site" / "ext").rglob("*.mjs"))
    files += sorted((REPO / "exercises").rglob("*.js"))
    found = []
    for path in files:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if QUOTED.search(line):
                found.append(f"{path.relative_to(REPO).as_posix()}:{lineno}: {line.strip()}")
    assert not found, "rubric numbers quoted in code (use the rubric data):\n" + "\n".join(found)


def test_question_model_is_current() -> None:
    """The learned model is generated from the labelled questions; a changed cue, feature
    or fixture without regenerating it fails here. Training is deterministic, so the check
    compares what the model was trained from with the files now (benchmarks/model_inputs.py;
    `python -m benchmarks.question_model --check --retrain` trains again instead)."""
    problem = model_inputs.stale("question_model")
    assert problem is None, problem


def test_check_model_is_current() -> None:
    """The same for the pitch, thank-you and goal checks' model: it is trained on every
    labelled pitch, note and goal, so a changed rule or fixture without retraining fails."""
    problem = model_inputs.stale("check_model")
    assert problem is None, problem


def test_every_shared_job_ask_match_holds_a_trigger_word() -> None:
    """The question grader skips the shared job-ask patterns for a question without a
    trigger word (for speed); a pattern added without its trigger would go silent there."""
    import json

    from exercises.grading.questions import _shared_job_pattern, _shared_job_triggers
    from exercises.grading.text import normalise, tokens

    texts: list[str] = []
    for path in sorted((REPO / "tests" / "fixtures" / "grading").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            texts.append(case.get("text", ""))
            texts += [q["text"] for q in case.get("question_labels", [])]
    for kind in rubric.KINDS:
        for spec in rubric.checks(kind):
            for examples in spec.get("examples", {}).values():
                texts += examples
    pattern, triggers = _shared_job_pattern(), _shared_job_triggers()
    silent = []
    for text in texts:
        if not isinstance(text, str):
            continue
        norm = normalise(text)
        # Only a text with no trigger word can hide a silent match; the token check is
        # cheap and clears most texts, so the 300-pattern search runs on the rest alone.
        if {w for w, _ in tokens(norm)} & triggers:
            continue
        m = pattern.search(norm)
        if m:
            silent.append(m.group(0))
    assert not silent, f"shared job asks with no trigger word (add one to the rubric): {silent}"


def test_a_shared_word_list_is_written_once_and_expanded_into_patterns() -> None:
    from exercises.grading import rubric as r

    words = r.general()["shared_words"]["vague_adjectives"]
    written = [p for c in r.checks("goal") for v in c.get("cues", {}).values()
               if isinstance(v, dict) for p in v.get("patterns", []) if "{{" in p]
    assert len(written) >= 3  # the reason for the list: several patterns share it
    expanded = [p for v in r.cues("goal").values() if isinstance(v, dict)
                for p in v.get("patterns", [])]
    assert not any("{{" in p for p in expanded)
    alternation = r.word_list("vague_adjectives")
    assert all(re.fullmatch(alternation, w) for w in words)
    with pytest.raises(KeyError, match="shared_words"):
        r.word_list("no_such_list")
