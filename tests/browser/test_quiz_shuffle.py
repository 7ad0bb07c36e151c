"""Options are shuffled per learner: two learners (two browser profiles) see different
orders, one learner sees the same order on every reload and after moving their saved
work to another browser, and saved answers still line up with the options they chose.
Ordering questions never start solved."""

from __future__ import annotations

import json
from typing import Any

from .test_progress_page import open_progress, status_says
from .test_quiz_static import load_bank, open_quiz, pick, planned_answer, quiz_selector

QUIZ_ID = "pitching"


def shown_orders(quiz: Any) -> dict[str, list[int]]:
    """Per question, the bank indexes in the order the learner sees them."""
    return quiz.evaluate("""q => Object.fromEntries(
        Array.from(q.querySelectorAll('fieldset.iic-quiz-question')).map(fs => [
            fs.dataset.qid,
            fs.dataset.type === 'ordering'
                ? Array.from(fs.querySelectorAll('.iic-quiz-order-item'), li => +li.dataset.item)
                : Array.from(fs.querySelectorAll('input.iic-quiz-input'), i => i.value)
                    .map(v => v === 'true' ? 1 : v === 'false' ? 0 : +v)]))""")


def saved(page: Any) -> dict[str, Any]:
    return json.loads(page.evaluate(f"localStorage.getItem('iic:quiz:{QUIZ_ID}')") or "null")


def reopen(page: Any) -> Any:
    page.reload()
    quiz = page.locator(f'{quiz_selector(QUIZ_ID)}[data-iic-ready="1"]')
    quiz.wait_for()
    return quiz


def test_orders_differ_between_learners_and_stay_for_one(offline_contexts,
                                                          site_url: str) -> None:
    bank = load_bank(QUIZ_ID)
    choice = [q for q in bank["questions"] if q["type"] in ("single", "multiple", "scenario")]
    ordering = [q for q in bank["questions"] if q["type"] == "ordering"]
    assert len(choice) >= 4 and ordering

    # Learner A: a seed is kept in the saved answers on the first visit, before any answer.
    ctx_a, traffic_a = offline_contexts()
    page_a = ctx_a.new_page()
    quiz = open_quiz(page_a, site_url, QUIZ_ID, QUIZ_ID)
    first = shown_orders(quiz)
    seed_a = saved(page_a)["seed"]
    assert isinstance(seed_a, int) and str(seed_a) == quiz.get_attribute("data-seed")
    for q in ordering:
        assert first[q["id"]] != list(range(len(q["items"]))), "ordering starts solved"
    # The shuffle really moves options: across the bank, not every question keeps bank order.
    assert any(first[q["id"]] != sorted(first[q["id"]]) for q in choice)

    # Reloads keep the order.
    for _ in range(2):
        quiz = reopen(page_a)
        assert shown_orders(quiz) == first
    # Answers are saved as bank indexes, so after a reload the same options are ticked,
    # in the same places, and the score is the same.
    planned = {q["id"]: planned_answer(q, right=n % 2 == 0) for n, q in enumerate(choice)}
    for q in choice:
        pick(quiz, q, planned[q["id"]])
    quiz.locator("button.iic-quiz-check").click()
    score = quiz.locator(".iic-quiz-score").get_attribute("data-score")
    record = saved(page_a)
    assert record["seed"] == seed_a
    assert {k: record["answers"][k] for k in planned} == planned
    quiz = reopen(page_a)
    assert shown_orders(quiz) == first
    for q in choice:
        fs = quiz.locator(f'fieldset.iic-quiz-question[data-qid="{q["id"]}"]')
        ticked = fs.locator(".iic-quiz-input").evaluate_all(
            "els => els.filter(e => e.checked).map(e => +e.value)")
        assert sorted(ticked) == planned[q["id"]], q["id"]
    assert quiz.locator(".iic-quiz-score").get_attribute("data-score") == score

    # Learner B, in another profile, gets a different seed and a different order, and
    # their ordering questions do not start solved either.
    ctx_b, traffic_b = offline_contexts()
    page_b = ctx_b.new_page()
    quiz_b = open_quiz(page_b, site_url, QUIZ_ID, QUIZ_ID)
    other = shown_orders(quiz_b)
    assert saved(page_b)["seed"] != seed_a
    assert other != first
    assert [other[q["id"]] for q in choice] != [first[q["id"]] for q in choice]
    for q in ordering:
        assert other[q["id"]] != list(range(len(q["items"])))
    assert shown_orders(reopen(page_b)) == other

    # Learner A also opens another chapter's quiz without answering it: only its seed
    # is saved, and it travels with the export too.
    planning_first = shown_orders(open_quiz(page_a, site_url, "planning", "planning"))

    # Learner A moves to a new browser: importing their saved work brings their order.
    with page_a.expect_download() as info:
        open_progress(page_a, site_url).locator(".iic-progress-export").click()
    exported = open(info.value.path(), encoding="utf-8").read()
    ctx_c, traffic_c = offline_contexts()
    page_c = ctx_c.new_page()
    open_quiz(page_c, site_url, QUIZ_ID, QUIZ_ID)  # a first visit makes its own seed
    root = open_progress(page_c, site_url)
    root.locator("input.iic-progress-file").set_input_files(files=[{
        "name": "interview_work.json", "mimeType": "application/json",
        "buffer": exported.encode("utf-8")}])
    text = status_says(page_c, root, "Import finished.")
    assert "unreadable" not in text, text
    quiz_c = open_quiz(page_c, site_url, QUIZ_ID, QUIZ_ID)
    assert shown_orders(quiz_c) == first
    assert quiz_c.locator(".iic-quiz-score").get_attribute("data-score") == score
    assert shown_orders(open_quiz(page_c, site_url, "planning", "planning")) == planning_first
    for traffic in (traffic_a, traffic_b, traffic_c):
        traffic.assert_clean()
