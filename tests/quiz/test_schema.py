"""Quiz bank validation: every mistake gives a message naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.quiz import QuizError, load_quiz, validate_quiz
from exercises.quiz.loader import bank_paths
from exercises.quiz.schema import load_quiz_file
from exercises.quiz.validate import main as validate_main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "quiz"
SAMPLE = FIXTURES / "sample.json"

# golden bad file -> a fragment the message must contain (file name and JSON path)
BAD = {
    "missing-feedback.json": "missing-feedback.json: questions[0].options[1].feedback: missing; "
                             "every option needs feedback explaining why",
    "empty-feedback.json": "questions[0].options[0].feedback: is empty",
    "two-correct.json": "questions[0].options: 2 options are marked correct",
    "no-correct.json": "questions[0].options: no option is marked correct",
    "one-option.json": "questions[0].options: has 1 option(s)",
    "duplicate-id.json": "questions[1].id: 'q1' is already used by questions[0]",
    "bad-type.json": "questions[0].type: 'singel' is not a question type (did you mean 'single'?)",
    "typo-key.json": "questions[0].promt: unknown key (did you mean 'prompt'?)",
    "truefalse-string.json": "questions[0].answer: must be true or false",
    "truefalse-feedback.json": "questions[0].feedback: must be an object",
    "ordering-short.json": "questions[0].items: has 2 item(s)",
    "ordering-no-feedback.json": "questions[0].feedback: missing; explain the right order",
    "scenario-missing.json": "questions[0].scenario: missing",
    "empty-questions.json": "questions: is empty",
    "not-json.json": "not-json.json: not valid JSON: line 1",
    "duplicate-key.json": "key 'title' appears twice",
    "wrong-id.json": "id: 'something-else' does not match the file name",
    "top-list.json": "top-list.json: the top level must be an object",
}


def test_sample_is_valid() -> None:
    quiz = load_quiz(SAMPLE)
    assert quiz.id == "sample"
    assert [q.type for q in quiz.questions] == [
        "single", "multiple", "truefalse", "ordering", "scenario"]
    assert quiz.total == 5
    assert quiz.questions[1].multi_select and not quiz.questions[0].multi_select


@pytest.mark.parametrize("name,fragment", sorted(BAD.items()))
def test_bad_bank_message(name: str, fragment: str) -> None:
    with pytest.raises(QuizError) as info:
        load_quiz_file(FIXTURES / "bad" / name)
    message = str(info.value)
    assert fragment in message, message
    assert all(line.startswith(name) for line in info.value.errors)


def test_every_bad_fixture_is_covered() -> None:
    assert {p.name for p in (FIXTURES / "bad").glob("*.json")} == set(BAD)


def test_all_errors_reported_at_once() -> None:
    data = {"id": "x", "title": "", "chapter": "c", "extra": 1,
            "questions": [{"id": "q1", "type": "ordering", "prompt": "p", "items": "abc"}]}
    with pytest.raises(QuizError) as info:
        validate_quiz(data, "x.json")
    assert len(info.value.errors) == 4, info.value.errors


def test_scenario_multiple_allows_several_correct() -> None:
    opts = [{"text": t, "correct": True, "feedback": "f"} for t in ("a", "b")]
    quiz = validate_quiz({"id": "s", "title": "t", "chapter": "c", "questions": [
        {"id": "q", "type": "scenario", "scenario": "s", "prompt": "p", "multiple": True,
         "options": opts}]})
    assert quiz.questions[0].multi_select


def test_unknown_quiz_id_names_known_ones() -> None:
    with pytest.raises(QuizError, match="no quiz bank with id 'no-such-quiz'"):
        load_quiz("no-such-quiz")


def test_cli_ok_and_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert validate_main([str(SAMPLE)]) == 0
    assert "OK sample.json" in capsys.readouterr().out
    assert validate_main([str(SAMPLE), str(FIXTURES / "bad" / "two-correct.json")]) == 1
    err = capsys.readouterr().err
    assert "two-correct.json: questions[0].options" in err
    assert "1 of 2 bank(s) have errors" in err


@pytest.mark.parametrize("path", bank_paths(), ids=lambda p: p.name)
def test_shipped_bank_is_valid(path: Path) -> None:
    """Every bank the chapter writers ship must validate (runs in CI)."""
    load_quiz_file(path)
