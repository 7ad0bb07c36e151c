"""The progress page: it shows a quiz taken on a chapter page, exports the saved-work
JSON, refuses a corrupt import without losing anything, imports a real export back,
and resets only after a confirmation."""

from __future__ import annotations

import json
from typing import Any

from .test_quiz_static import load_bank, open_quiz, pick, planned_answer

QUIZ_ID = "pitching"


def open_progress(page: Any, site_url: str) -> Any:
    page.goto(f"{site_url}/book/progress.html")
    root = page.locator('.iic-progress[data-iic-ready="1"]')
    root.wait_for()
    assert root.count() == 1
    return root


def status_says(page: Any, root: Any, words: str) -> str:
    """Wait until the live status region holds ``words``; return its whole text."""
    status = root.locator(".iic-progress-status")
    assert status.get_attribute("role") == "status"
    page.wait_for_function("([el, w]) => el.textContent.includes(w)",
                           arg=[status.element_handle(), words])
    return status.inner_text()


def iic_keys(page: Any) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('iic:')).map(k => [k, localStorage.getItem(k)]))""")


def take_quiz(page: Any, site_url: str) -> tuple[int, int]:
    """Answer the first two choice questions right and the third wrong; return the score."""
    bank = load_bank(QUIZ_ID)
    quiz = open_quiz(page, site_url, QUIZ_ID, QUIZ_ID)
    choice = [q for q in bank["questions"] if q["type"] != "ordering"][:3]
    for n, q in enumerate(choice):
        pick(quiz, q, planned_answer(q, right=n < 2))
    quiz.locator("button.iic-quiz-check").click()
    score = quiz.locator(".iic-quiz-score")
    assert score.get_attribute("data-score") == "2"
    return 2, len(bank["questions"])


def test_progress_page_shows_exports_imports_and_resets(offline_context,
                                                         site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()

    # Before any quiz: the row is there and says so.
    root = open_progress(page, site_url)
    row = root.locator(f'tr[data-quiz-id="{QUIZ_ID}"]')
    assert row.locator(".iic-progress-score").inner_text() == "Not taken yet"
    assert row.locator(".iic-progress-score").get_attribute("data-score") is None

    score, total = take_quiz(page, site_url)
    root = open_progress(page, site_url)
    row = root.locator(f'tr[data-quiz-id="{QUIZ_ID}"]')
    cell = row.locator(".iic-progress-score")
    assert cell.get_attribute("data-score") == str(score)
    assert cell.get_attribute("data-total") == str(total)
    assert f"{score} of {total}" in cell.inner_text()
    assert row.locator("th").inner_text() == "Pitching"
    saved = iic_keys(page)
    assert f"iic:quiz:{QUIZ_ID}" in saved

    # Export: a download of the saved-work document with this quiz in it.
    with page.expect_download() as info:
        root.locator(".iic-progress-export").click()
    download = info.value
    today = page.evaluate("() => new Date().toISOString().slice(0, 10)")
    assert download.suggested_filename == f"interview_work-{today}.json"
    exported_text = open(download.path(), encoding="utf-8").read()
    exported = json.loads(exported_text)
    assert exported["format"] == "iic-saved-work"
    assert exported["version"] == 1
    assert exported["quizzes"][QUIZ_ID]["score"] == score
    assert exported["quizzes"][QUIZ_ID]["total"] == total
    status_says(page, root, f"exported as interview_work-{today}.json")

    # The interview kit downloads as Markdown and lists the quiz result.
    with page.expect_download() as info:
        root.locator(".iic-progress-kit").click()
    kit = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename == f"interview_kit-{today}.md"
    assert kit.startswith("# My informational interview kit")
    assert f"| {score}/{total} |" in kit

    # Corrupt and foreign files: a clear message, nothing lost.
    file_input = root.locator("input.iic-progress-file")
    file_input.set_input_files(files=[{"name": "interview_work.json",
                                       "mimeType": "application/json",
                                       "buffer": b'{"format": "iic-saved-work", "exerc'}])
    text = status_says(page, root, "Nothing was imported")
    assert "not valid JSON" in text and "unchanged" in text
    assert iic_keys(page) == saved
    assert cell.get_attribute("data-score") == str(score)
    file_input.set_input_files(files=[{"name": "notes.json", "mimeType": "application/json",
                                       "buffer": b'{"format": "something-else", "version": 1}'}])
    text = status_says(page, root, "not saved work from this course")
    assert iic_keys(page) == saved

    # Reset asks first; Cancel keeps everything and hands focus back to Reset.
    reset = root.locator(".iic-progress-reset")
    confirm = root.locator(".iic-progress-confirm")
    assert confirm.is_hidden()
    reset.click()
    assert confirm.is_visible()
    assert reset.get_attribute("aria-expanded") == "true"
    no = root.locator(".iic-progress-confirm-no")
    assert no.evaluate("b => b === document.activeElement"), "the safe choice has focus"
    no.click()
    assert confirm.is_hidden()
    status_says(page, root, "Nothing was deleted.")
    assert reset.evaluate("b => b === document.activeElement")
    assert iic_keys(page) == saved
    assert cell.get_attribute("data-score") == str(score)

    # Escape cancels too.
    reset.click()
    page.keyboard.press("Escape")
    assert confirm.is_hidden()
    assert iic_keys(page) == saved

    # Yes deletes every course key, and the table says so.
    reset.click()
    root.locator(".iic-progress-confirm-yes").click()
    status_says(page, root, "Your saved work was deleted from this browser.")
    assert iic_keys(page) == {}
    assert cell.inner_text() == "Not taken yet"
    assert cell.get_attribute("data-score") is None

    # Importing the export brings the result back (the round trip a learner makes
    # when moving to another machine).
    file_input.set_input_files(files=[{"name": "interview_work.json",
                                       "mimeType": "application/json",
                                       "buffer": exported_text.encode("utf-8")}])
    status_says(page, root, "Import finished.")
    assert cell.get_attribute("data-score") == str(score)
    assert json.loads(iic_keys(page)[f"iic:quiz:{QUIZ_ID}"])["score"] == score

    # And the chapter page shows the imported answers again.
    quiz = open_quiz(page, site_url, QUIZ_ID, QUIZ_ID)
    assert quiz.locator(".iic-quiz-score").get_attribute("data-score") == str(score)
    traffic.assert_clean()
