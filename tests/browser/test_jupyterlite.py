"""A chapter notebook runs in JupyterLite, offline, and its widget calls into `exercises`."""

from __future__ import annotations

from .lite import KERNEL_BOOT_MS, STDERR, open_notebook, run_all_cells, wait_idle

PITCH = (
    "Subject: Question from a nursing student\n\n"
    "Hi Dana,\n\nI'm Priya, a second-year nursing student. Professor Hall suggested I write. "
    "I read about your move from ward nursing into infection control and would love to hear "
    "how you made it. Could we talk for 20 minutes, whenever suits you? Thank you!\n\nPriya"
)


def test_pitch_notebook_runs_and_the_coach_grades(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    open_notebook(page, site_url, "pitching.ipynb")
    run_all_cells(page)
    coach = page.locator(".iic-coach-pitch")
    coach.locator("textarea").wait_for(timeout=KERNEL_BOOT_MS)
    coach.locator("textarea").fill(PITCH)
    coach.get_by_role("button", name="Check my draft").click()
    score = coach.locator(".iic-score-text")
    score.wait_for(timeout=30_000)
    # The grader's verdict reaches the page: a score in words and named checks.
    assert score.inner_text().startswith("Score ")
    assert coach.locator('li.iic-check[data-check="pitch.time_ask"]').count() == 1
    assert coach.locator("mark.iic-mark").count() >= 1
    # The quiz cell rendered too (same HTML as on the book page).
    assert page.locator('.iic-quiz[data-quiz-id="pitching"]').count() >= 1
    wait_idle(page)
    assert page.locator(STDERR).count() == 0, page.locator(STDERR).all_inner_texts()
    assert not traffic.blocked, traffic.blocked
    assert not traffic.page_errors, traffic.page_errors
