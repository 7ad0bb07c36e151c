"""A short rehearsal in JupyterLite: pick a persona, start, ask an open question, a
follow-up and a closing question, see the replies and the debrief."""

from __future__ import annotations

from typing import Any

from .lite import KERNEL_BOOT_MS, open_notebook, run_all_cells, wait_idle

OPEN = "What does a typical week look like in your work?"
FOLLOW_UP = "You mentioned that. Could you tell me more about how that came about?"
CLOSE = "Thank you so much for your time. Who else would you suggest I talk to?"
STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def ask(page: Any, chat: Any, question: Any, text: str, *, enter: bool) -> None:
    """Send one question (Enter or the Ask button) and wait for the persona's reply."""
    before = chat.locator(".iic-them").count()
    question.fill(text)
    if enter:
        question.press("Enter")
    else:
        page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n",
        arg=["div.iic-chat[role=log] .iic-msg.iic-them", before], timeout=30_000)
    assert chat.locator(".iic-you").last.inner_text().endswith(text)


def test_rehearsal_runs_in_jupyterlite(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    open_notebook(page, site_url, "practice.ipynb")
    run_all_cells(page)
    persona = page.get_by_label("Persona", exact=True)
    persona.wait_for(state="attached", timeout=KERNEL_BOOT_MS)
    persona.scroll_into_view_if_needed()
    persona.wait_for()

    # Pick the second persona: the profile card follows the choice.
    # (ipywidgets shows the labels with no-break spaces; the value attribute has plain ones.)
    options = persona.locator("option").evaluate_all("els => els.map(e => e.value)")
    assert len(options) >= 6, options
    choice = options[1]
    persona.select_option(value=choice)
    name = choice.split(",")[0].strip()
    # (The widget replaces the card's element, so wait on a locator, not a handle.)
    page.locator(".iic-profile", has_text=name).wait_for(timeout=15_000)
    page.get_by_label("Agreed length", exact=True).select_option(value="15 minutes")

    page.get_by_role("button", name="Start interview").click()
    chat = page.locator("div.iic-chat[role=log]")
    chat.wait_for(timeout=15_000)
    assert chat.get_attribute("aria-live") == "polite"
    assert name in (chat.get_attribute("aria-label") or "")
    assert chat.locator(".iic-msg.iic-them").count() == 1  # the greeting
    question = page.get_by_role("textbox", name="Your question")
    assert question.is_enabled()

    ask(page, chat, question, OPEN, enter=True)
    ask(page, chat, question, FOLLOW_UP, enter=False)
    ask(page, chat, question, CLOSE, enter=True)
    assert chat.locator(".iic-you").count() == 3
    assert chat.locator(".iic-them").count() == 4
    replies = chat.locator(".iic-them p").all_inner_texts()
    assert all(r.strip() for r in replies) and len(set(replies)) == len(replies)

    # The close ends the interview: the debrief appears and names what was done.
    debrief = page.locator("section.iic-debrief")
    debrief.wait_for(timeout=30_000)
    text = debrief.inner_text()
    assert name in text
    assert FOLLOW_UP in text  # the follow-up is quoted back to the learner
    assert "of 15 minutes" in text  # the agreed length chosen above
    assert "Thanked them" in text and "Asked whom else to talk to" in text
    assert question.is_disabled()
    assert page.get_by_role("button", name="Ask", exact=True).is_disabled()
    page.get_by_text("Your transcript and debrief are saved").wait_for(timeout=15_000)

    # Export writes the transcript next to the notebook.
    page.get_by_role("button", name="Export transcript").click()
    page.get_by_text("Transcript saved as rehearsal-").wait_for(timeout=15_000)

    wait_idle(page)
    assert page.locator(STDERR).count() == 0, page.locator(STDERR).all_inner_texts()
    assert not traffic.blocked, traffic.blocked
    assert not traffic.page_errors, traffic.page_errors
