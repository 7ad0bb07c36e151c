"""Right answers are spread over the option positions of every shipped bank.

The position test of issue 14: no position holds more than 40% of a chapter's right
answers, select-all questions do not put their right options first, and true/false
answers are not all one way. The checker itself is tested on banks built to fail,
so a change to the rule shows up here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from exercises.quiz import list_quizzes, validate_quiz
from exercises.quiz.balance import (
    MAX_SHARE,
    balance_problems,
    correct_positions,
    position_shares,
)


def option(right: bool, n: int) -> dict:
    return {"text": f"option {n}", "correct": right, "feedback": "because"}


def single(qid: str, right_at: int, n: int = 4) -> dict:
    return {"id": qid, "type": "single", "prompt": "p",
            "options": [option(i == right_at, i) for i in range(n)]}


def bank(*questions: dict) -> object:
    return validate_quiz({"id": "t", "title": "t", "chapter": "c", "questions": list(questions)},
                         "t.json")


@pytest.mark.parametrize("quiz", list_quizzes(), ids=lambda q: q.id)
def test_shipped_bank_spreads_its_right_answers(quiz) -> None:
    assert balance_problems(quiz) == []
    shares = position_shares(quiz)
    assert shares and max(shares.values()) <= MAX_SHARE, shares
    # Spread means more than two positions are used, not just "not all first".
    assert len(shares) >= 3


def test_true_false_answers_go_both_ways_across_the_course() -> None:
    answers = Counter(q.answer for quiz in list_quizzes() for q in quiz.questions
                      if q.type == "truefalse")
    assert answers[True] >= 3 and answers[False] >= 3, answers


def test_all_first_fails_and_names_the_position() -> None:
    quiz = bank(*(single(f"q{i}", 0) for i in range(5)))
    problems = balance_problems(quiz)
    assert len(problems) == 1
    assert "5 of 5 right answers (100%) are the first option" in problems[0]
    assert problems[0].startswith("t.json: ")


def test_forty_percent_is_the_limit() -> None:
    # 2 of 5 in one place is exactly 40%: allowed. 3 of 7 (43%) is not.
    ok = bank(single("a", 0), single("b", 0), single("c", 1), single("d", 2), single("e", 3))
    assert balance_problems(ok) == []
    over = bank(single("a", 1), single("b", 1), single("c", 1), single("d", 0), single("e", 2),
                single("f", 3), single("g", 0))
    assert balance_problems(over) == [
        "t.json: 3 of 7 right answers (43%) are the second option; move some so that no "
        "position holds more than 40%"]


def test_select_all_with_the_right_options_first_fails() -> None:
    multi = {"id": "m", "type": "multiple", "prompt": "p",
             "options": [option(True, 0), option(True, 1), option(False, 2), option(False, 3)]}
    quiz = bank(multi, single("a", 2), single("b", 3), single("c", 3), single("d", 2))
    assert correct_positions(quiz) == [0, 1, 2, 3, 3, 2]
    problems = balance_problems(quiz)
    assert problems == ["t.json: questions[0] (m): the right options are simply the first 2; "
                        "mix a wrong option in among them"]
    # All options right is not a pattern to fix (there is no wrong one to mix in).
    every = dict(multi, options=[option(True, i) for i in range(3)])
    assert not [p for p in balance_problems(bank(every, single("a", 3), single("b", 3)))
                if "simply the first" in p]


def test_true_false_all_one_way_fails() -> None:
    def tf(qid: str, answer: bool) -> dict:
        return {"id": qid, "type": "truefalse", "prompt": "p", "answer": answer,
                "feedback": {"true": "t", "false": "f"}}

    spread = [single("a", 0), single("b", 2), single("c", 3), single("d", 2)]
    assert any("true/false questions have the answer false" in p
               for p in balance_problems(bank(tf("x", False), tf("y", False), *spread)))
    assert balance_problems(bank(tf("x", True), tf("y", False), *spread)) == []
    # True counts as the first radio, False as the second.
    assert correct_positions(bank(tf("x", True), tf("y", False))) == [0, 1]
