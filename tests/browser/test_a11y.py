"""axe-core (npm axe-core, injected from node_modules) finds no serious or critical
WCAG 2.1 A/AA violation in our own components: a quiz on a static page (fresh and with
feedback showing), the pitch coach's report in JupyterLite, and the progress page's
component (with data and with the reset confirmation open). Each run is scoped to our
element, so the theme and JupyterLab's chrome are not judged here."""

from __future__ import annotations

from .axe import audit, describe
from .lite import KERNEL_BOOT_MS, open_notebook
from .test_coach_lite import PITCH, XSS, run_all_cells
from .test_progress_page import open_progress, take_quiz
from .test_quiz_static import load_bank, open_quiz, pick, planned_answer

QUIZ = '.iic-quiz[data-quiz-id="pitching"]'


def test_quiz_on_static_page_has_no_serious_violations(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    quiz = open_quiz(page, site_url, "pitching", "pitching")
    found = audit(page, QUIZ)
    assert not found, describe(found)

    # With feedback showing: one right, one wrong, the rest unanswered.
    bank = load_bank("pitching")
    choice = [q for q in bank["questions"] if q["type"] != "ordering"]
    pick(quiz, choice[0], planned_answer(choice[0], right=True))
    pick(quiz, choice[1], planned_answer(choice[1], right=False))
    quiz.locator("button.iic-quiz-check").click()
    quiz.locator(".iic-quiz-score[data-score]").wait_for()
    found = audit(page, QUIZ)
    assert not found, describe(found)

    # The audit can fail: an unnamed button added to the quiz is reported as critical.
    quiz.evaluate("q => q.insertAdjacentHTML('beforeend', '<button class=iic-probe></button>')")
    assert "button-name" in {v["id"] for v in audit(page, QUIZ)}
    traffic.assert_clean()


def test_progress_component_has_no_serious_violations(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    take_quiz(page, site_url)
    root = open_progress(page, site_url)
    root.locator('.iic-progress-score[data-score]').first.wait_for()
    found = audit(page, ".iic-progress")
    assert not found, describe(found)
    root.locator(".iic-progress-reset").click()
    root.locator(".iic-progress-confirm").wait_for()
    found = audit(page, ".iic-progress")
    assert not found, describe(found)
    traffic.assert_clean()


def test_pitch_coach_report_has_no_serious_violations(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    open_notebook(page, site_url, "pitching.ipynb")
    run_all_cells(page)
    coach = page.locator(".iic-coach-pitch")
    coach.locator("textarea").wait_for(state="attached", timeout=KERNEL_BOOT_MS)
    coach.scroll_into_view_if_needed()
    for text, snippet in ((PITCH, "infection control"), (XSS, "window.__xss=2")):
        coach.locator("textarea").fill(text)
        coach.get_by_role("button", name="Check my draft").click()
        coach.locator("section.iic-report", has_text=snippet).wait_for(timeout=30_000)
        found = audit(page, "section.iic-report")
        assert not found, describe(found)
    assert not traffic.blocked, traffic.blocked
