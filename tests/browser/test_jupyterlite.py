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


def test_a_chapter_figure_renders_and_the_notebook_is_trusted(offline_context,
                                                              site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    open_notebook(page, site_url, "welcome.ipynb")
    figure = page.locator('.jp-MarkdownOutput img[src^="data:image/svg+xml"]').first
    figure.scroll_into_view_if_needed(timeout=30_000)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=figure.element_handle(), timeout=30_000)
    assert "course" in (figure.get_attribute("alt") or "").lower()
    # The first cell says how to run the notebook.
    first = page.locator(".jp-MarkdownOutput").first.inner_text()
    assert "Run All Cells" in first
    # Trusted at build time: the notebook's trust indicator says so.
    status = page.locator(".jp-NotebookTrustedStatus")
    status.wait_for(timeout=30_000)
    assert status.inner_text().strip() == "Trusted"
    assert not [e for e in traffic.console_errors if "mime type" in e]
    assert not traffic.blocked and not traffic.page_errors


def test_notebooks_still_save_after_the_book_installed_its_service_worker(
        browser, site_url: str) -> None:
    """The book's service worker has the root scope; JupyterLite's own (scope lite/)
    must still serve its file API, or the coach could not save the learner's draft."""
    from .test_coach_lite import READ_FILES, check_draft, start_coach, wait_saved

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/book/pitching.html")
    page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=120_000,
                           polling=200)
    page = context.new_page()
    coach = start_coach(page, site_url)
    check_draft(coach, PITCH, "infection control")
    wait_saved(page, "infection control")
    # Read again as a separate step: one read of the browser's storage may come back empty
    # while JupyterLite holds its database, so the file must be seen within a few seconds.
    page.wait_for_function(f"async () => 'interview_work.json' in (await ({READ_FILES})())",
                           timeout=10_000, polling=250)
    wait_idle(page)
    context.close()
