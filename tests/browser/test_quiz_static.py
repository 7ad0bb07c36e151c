"""A quiz on a static book page, with no kernel: answer, check, per-option feedback,
score, answers kept across a reload, Try again, and the ordering question solved with
the keyboard alone. Right answers come from the bank, never from this file."""

from __future__ import annotations

import json
from typing import Any

from exercises.grading import rubric

from .conftest import REPO

BANKS = REPO / "exercises" / "quiz" / "banks"
QUIZ_ID = "pitching"


def load_bank(quiz_id: str) -> dict[str, Any]:
    """The bank as a learner reads it: rubric numbers ({rubric_NAME}) put in."""
    text = (BANKS / f"{quiz_id}.json").read_text(encoding="utf-8")
    return json.loads(rubric.substitute(text, "quiz"))


def quiz_selector(quiz_id: str) -> str:
    return f'.iic-quiz[data-quiz-id="{quiz_id}"]'


def open_quiz(page: Any, site_url: str, chapter: str, quiz_id: str) -> Any:
    """Load a chapter page and return its quiz once the script has set it up."""
    page.goto(f"{site_url}/book/{chapter}.html")
    quiz = page.locator(f'{quiz_selector(quiz_id)}[data-iic-ready="1"]')
    quiz.wait_for()
    assert quiz.count() == 1
    return quiz


def right_choices(q: dict[str, Any]) -> list[int]:
    return [i for i, o in enumerate(q["options"]) if o["correct"]]


def planned_answer(q: dict[str, Any], right: bool) -> Any:
    """What the learner picks: option indexes, or True/False for a true/false question."""
    if q["type"] == "truefalse":
        return q["answer"] if right else not q["answer"]
    correct = right_choices(q)
    if right:
        return correct
    return [next(i for i in range(len(q["options"])) if i not in correct)]


def pick(quiz: Any, q: dict[str, Any], answer: Any) -> None:
    """Click the labels (as a learner would) of the planned options."""
    fs = quiz.locator(f'fieldset.iic-quiz-question[data-qid="{q["id"]}"]')
    values = [str(answer).lower()] if isinstance(answer, bool) else [str(i) for i in answer]
    for value in values:
        input_id = fs.locator(f'input.iic-quiz-input[value="{value}"]').get_attribute("id")
        fs.locator(f'label.iic-quiz-label[for="{input_id}"]').click()


def order_of(fs: Any) -> list[int]:
    return [int(x) for x in fs.locator(".iic-quiz-order-item").evaluate_all(
        "els => els.map(e => e.getAttribute('data-item'))")]


def solve_ordering_by_keyboard(page: Any, fs: Any) -> int:
    """Selection sort with the Move up buttons, focused and pressed from the keyboard.

    Alternates Enter and Space; after each press the focus must still be on the moved
    item's button (so repeated presses keep moving it). Returns the number of presses.
    """
    presses = 0
    n = fs.locator(".iic-quiz-order-item").count()
    for target in range(n):
        current = order_of(fs).index(target)
        if current == target:
            continue
        up = fs.locator(f'.iic-quiz-order-item[data-item="{target}"] '
                        'button.iic-quiz-move[data-dir="up"]')
        up.focus()
        for _ in range(current - target):
            page.keyboard.press("Enter" if presses % 2 == 0 else "Space")
            presses += 1
            assert up.evaluate("b => b === document.activeElement"), "focus left the button"
        assert order_of(fs)[target] == target
    return presses


def test_quiz_on_static_page(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    bank = load_bank(QUIZ_ID)
    questions = bank["questions"]
    quiz = open_quiz(page, site_url, QUIZ_ID, QUIZ_ID)
    # No kernel and no Pyodide on a book page: the quiz is plain HTML+JS.
    assert not [u for u in page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)") if "pyodide" in u]

    # The plan: every question right except one true/false (or else the first choice one).
    wrong_q = next((q for q in questions if q["type"] == "truefalse"),
                   next(q for q in questions if q["type"] != "ordering"))
    expected: dict[str, str] = {}
    picked: dict[str, Any] = {}
    for q in questions:
        fs = quiz.locator(f'fieldset.iic-quiz-question[data-qid="{q["id"]}"]')
        assert fs.get_attribute("data-type") == q["type"]
        if q["type"] == "ordering":
            assert order_of(fs) != list(range(len(q["items"]))), "ordering starts solved"
            assert solve_ordering_by_keyboard(page, fs) > 0
            expected[q["id"]] = "right"
            continue
        right = q is not wrong_q
        picked[q["id"]] = planned_answer(q, right)
        pick(quiz, q, picked[q["id"]])
        expected[q["id"]] = "right" if right else "wrong"
    n_right = sum(v == "right" for v in expected.values())
    assert 0 < n_right < len(questions)

    quiz.locator("button.iic-quiz-check").click()

    def assert_feedback_shown() -> None:
        for q in questions:
            fs = quiz.locator(f'fieldset.iic-quiz-question[data-qid="{q["id"]}"]')
            assert fs.get_attribute("data-result") == expected[q["id"]], q["id"]
            box = fs.locator(".iic-quiz-feedback")
            assert box.get_attribute("aria-live") == "polite"
            verdict = "Correct." if expected[q["id"]] == "right" else "Not quite."
            assert verdict in box.inner_text()
            if q["type"] == "ordering":
                assert fs.locator(".iic-quiz-order-feedback").is_visible()
                assert q["feedback"] in fs.locator(".iic-quiz-order-feedback").inner_text()
                continue
            answer = picked[q["id"]]
            values = [str(answer).lower()] if isinstance(answer, bool) else map(str, answer)
            for value in values:
                item = fs.locator(f'input.iic-quiz-input[value="{value}"]')
                fb = fs.locator(f'#{item.get_attribute("id")}-fb')
                assert fb.is_visible(), (q["id"], value)
                # Screen readers hear the feedback with the option it explains.
                assert item.get_attribute("aria-describedby") == fb.get_attribute("id")
                text = (q["feedback"][value] if q["type"] == "truefalse"
                        else q["options"][int(value)]["feedback"])
                assert text in fb.inner_text()
                option_right = (q["answer"] == (value == "true") if q["type"] == "truefalse"
                                else q["options"][int(value)]["correct"])
                cls = "iic-quiz-fb-right" if option_right else "iic-quiz-fb-wrong"
                assert cls in fb.get_attribute("class")
                word = "Good choice." if option_right else "Not the best choice."
                assert word in fb.inner_text()
            if expected[q["id"]] == "right":
                # Once right, every option explains itself, including the wrong ones.
                assert fs.locator(".iic-quiz-option-feedback:visible").count() == \
                    fs.locator(".iic-quiz-input").count()
            else:
                # While wrong, the unchosen options' feedback stays hidden (no spoilers).
                assert fs.locator(".iic-quiz-option-feedback:visible").count() == 1
        score = quiz.locator(".iic-quiz-score")
        assert score.get_attribute("data-score") == str(n_right)
        assert score.get_attribute("data-total") == str(len(questions))
        assert f"Score: {n_right} of {len(questions)}" in score.inner_text()

    assert_feedback_shown()
    saved = json.loads(page.evaluate(f"localStorage.getItem('iic:quiz:{QUIZ_ID}')"))
    assert saved["score"] == n_right and saved["total"] == len(questions)
    assert saved["answers"][wrong_q["id"]] == picked[wrong_q["id"]]

    # Reload: the same answers are checked again and their feedback is back.
    page.reload()
    quiz = page.locator(f'{quiz_selector(QUIZ_ID)}[data-iic-ready="1"]')
    quiz.wait_for()
    for q in questions:
        fs = quiz.locator(f'fieldset.iic-quiz-question[data-qid="{q["id"]}"]')
        if q["type"] == "ordering":
            assert order_of(fs) == list(range(len(q["items"])))
            continue
        answer = picked[q["id"]]
        want = {str(answer).lower()} if isinstance(answer, bool) else {str(i) for i in answer}
        checked = set(fs.locator(".iic-quiz-input").evaluate_all(
            "els => els.filter(e => e.checked).map(e => e.value)"))
        assert checked == want, q["id"]
    assert_feedback_shown()
    assert "Your answers from" in quiz.locator(".iic-quiz-note").inner_text()

    # Try again clears the form (the saved result stays until the next Check).
    quiz.locator("button.iic-quiz-retry").click()
    assert quiz.locator(".iic-quiz-input:checked").count() == 0
    assert quiz.locator("fieldset.iic-quiz-question[data-result]").count() == 0
    assert quiz.locator(".iic-quiz-option-feedback:visible").count() == 0
    assert quiz.locator(".iic-quiz-order-mark:visible").count() == 0
    assert quiz.locator(".iic-quiz-score").inner_text() == ""
    assert quiz.locator(".iic-quiz-score").get_attribute("data-score") is None
    # Focus goes back to the first control so a keyboard user starts again at the top.
    assert page.evaluate("document.activeElement.matches('.iic-quiz-input, .iic-quiz-move')")

    # Checking an empty form says so per question instead of marking it wrong.
    quiz.locator("button.iic-quiz-check").click()
    choice_q = next(q for q in questions if q["type"] != "ordering")
    fs = quiz.locator(f'fieldset.iic-quiz-question[data-qid="{choice_q["id"]}"]')
    assert fs.get_attribute("data-result") == "unanswered"
    assert "No answer chosen yet." in fs.locator(".iic-quiz-feedback").inner_text()
    traffic.assert_clean()


def test_ordering_move_buttons_announce_and_stop_at_the_ends(offline_context,
                                                            site_url: str) -> None:
    """Keyboard only: Tab reaches the move buttons; moves are announced; the ends say so."""
    context, traffic = offline_context
    page = context.new_page()
    bank = load_bank(QUIZ_ID)
    q = next(q for q in bank["questions"] if q["type"] == "ordering")
    quiz = open_quiz(page, site_url, QUIZ_ID, QUIZ_ID)
    fs = quiz.locator(f'fieldset.iic-quiz-question[data-qid="{q["id"]}"]')
    first_item = fs.locator(".iic-quiz-order-item").first
    first_up = first_item.locator('button.iic-quiz-move[data-dir="up"]')
    assert first_up.get_attribute("aria-disabled") == "true"
    # Tab moves from the first item's Move up button to its Move down button.
    first_up.focus()
    page.keyboard.press("Tab")
    down = first_item.locator('button.iic-quiz-move[data-dir="down"]')
    assert down.evaluate("b => b === document.activeElement")
    text = first_item.locator(".iic-quiz-order-text").inner_text()
    item = first_item.get_attribute("data-item")
    page.keyboard.press("Space")
    assert order_of(fs)[1] == int(item)
    status = quiz.locator(".iic-quiz-status")
    page.wait_for_function("el => el.textContent.includes('is now 2 of')",
                           arg=status.element_handle())
    assert text in status.inner_text()
    # Pressing Move up on the first item moves nothing and says it is already first.
    before = order_of(fs)
    fs.locator(".iic-quiz-order-item").first.locator('[data-dir="up"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.includes('is already first')",
                           arg=status.element_handle())
    assert order_of(fs) == before
    traffic.assert_clean()
