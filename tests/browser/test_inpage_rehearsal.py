"""The rehearsal runs on the Practice page itself, in the page's own worker, offline."""

from __future__ import annotations

import json

from .axe import audit, describe

BOOT_MS = 60_000


def rehearsal(page):
    return page.locator('section.iic-exercise[data-kind="rehearsal"]').first


def wait_for_turns(section, n: int) -> None:
    """Until the chat shows the greeting plus ``n`` replies from the persona."""
    section.page.wait_for_function(
        "([el, n]) => el.querySelectorAll('.iic-msg.iic-them').length >= n + 1",
        arg=[section.element_handle(), n], timeout=BOOT_MS)


def test_a_short_rehearsal_on_the_page(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/practice.html")
    section = rehearsal(page)
    persona = section.get_by_label("Who will you interview?")
    options = persona.locator("option").all_inner_texts()
    assert len(options) >= 6
    persona.select_option(index=1)
    # The profile shown is the chosen person's.
    chosen = persona.input_value()
    assert section.locator(f'.iic-profile-card[data-persona="{chosen}"]').is_visible()
    section.get_by_label("Agreed length").select_option("15")
    section.get_by_role("button", name="Start interview").click()
    wait_for_turns(section, 0)
    assert "of 15 minutes used" in section.locator(".iic-time").inner_text()

    box = section.get_by_label("Your question")
    box.fill("How did you get into this line of work?")
    box.press("Enter")
    wait_for_turns(section, 1)
    box.fill("<b>What</b> does a typical week look like for you?")
    section.get_by_role("button", name="Ask").click()
    wait_for_turns(section, 2)
    # Learner text is shown as text, never as markup.
    assert section.locator(".iic-chat b").count() == 0
    assert "<b>What</b>" in section.locator(".iic-chat").inner_text()
    box.fill("Thank you so much for your time. Who else would you suggest I talk to?")
    box.press("Enter")
    page.wait_for_function("el => el.dataset.iicEnded === '1'", arg=section.element_handle(),
                           timeout=BOOT_MS)
    debrief = section.locator("section.iic-debrief")
    assert debrief.is_visible()
    assert "of 15 minutes" in debrief.inner_text()
    saved = json.loads(page.evaluate("() => localStorage.getItem('iic:rehearsals')"))
    assert len(saved) == 1 and saved[0]["persona"] == chosen
    assert len(saved[0]["transcript"]) == 3
    with page.expect_download() as download:
        section.get_by_role("button", name="Download the transcript").click()
    assert download.value.suggested_filename.endswith(".md")
    violations = audit(page, 'section.iic-exercise[data-kind="rehearsal"]')
    assert not violations, describe(violations)
    traffic.assert_clean()


def test_asking_before_starting_says_what_to_do(offline_context, site_url: str) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/practice.html")
    section = rehearsal(page)
    section.get_by_label("Your question").fill("What do you enjoy most?")
    section.get_by_role("button", name="Ask").click()
    assert "Press Start interview first" in section.locator(".iic-ex-status").inner_text()
