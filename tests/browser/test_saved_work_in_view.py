"""Saved work in view: a finished rehearsal gets a row on the progress page with a
transcript download; the length planned in the worksheet reaches the question coach
and the rehearsal; a "Your work" link sits in every page's header; the site has an
icon. Each screen is checked with axe."""

from __future__ import annotations

import json
import urllib.request

from .axe import audit, describe
from .test_inpage_exercises import BOOT_MS, check, exercise
from .test_inpage_rehearsal import rehearsal, wait_for_turns
from .test_progress_page import open_progress


def test_a_finished_rehearsal_is_listed_with_its_transcript(offline_context,
                                                            site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/practice.html")
    section = rehearsal(page)
    persona = section.get_by_label("Who will you interview?")
    persona.select_option(index=2)
    chosen = persona.input_value()
    name = section.locator(f'.iic-profile-card[data-persona="{chosen}"] .iic-profile strong'
                           ).first.inner_text()
    section.get_by_label("Agreed length").select_option("15")
    section.get_by_role("button", name="Start interview").click()
    wait_for_turns(section, 0)
    box = section.get_by_label("Your question")
    asked = ["How did you first get into this line of work?",
             "What does a <b>typical</b> week look like for you?"]
    for n, text in enumerate(asked, 1):
        box.fill(text)
        box.press("Enter")
        wait_for_turns(section, n)
    section.get_by_role("button", name="End interview").click()
    page.wait_for_function("el => el.dataset.iicEnded === '1'", arg=section.element_handle(),
                           timeout=BOOT_MS)
    record = json.loads(page.evaluate("localStorage.getItem('iic:rehearsals')"))[-1]

    root = open_progress(page, site_url)
    rows = root.locator(".iic-progress-rehearsal")
    assert rows.count() == 1
    assert root.locator(".iic-progress-rehearsals .iic-progress-none").is_hidden()
    row = rows.first
    assert name in row.locator("th").inner_text()
    assert "15 minutes" in row.inner_text()
    assert row.locator(".iic-progress-turns").inner_text() == str(len(record["transcript"]))
    assert row.locator("time").get_attribute("datetime") == record["saved_at"]
    button = row.get_by_role("button", name=f"Download the transcript of your conversation "
                                            f"with {name}")
    with page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == f"rehearsal-{chosen}-{record['saved_at'][:10]}.md"
    transcript = open(info.value.path(), encoding="utf-8").read()
    assert transcript.startswith(f"# Practice interview with {name}\n")
    assert "Agreed length: 15 minutes." in transcript
    assert f"**You:** {asked[0]}" in transcript
    assert "\\<b\\>typical\\</b\\>" in transcript  # learner text escaped
    assert transcript.count("**You:**") == len(record["transcript"])
    # On a phone the row is a card: every cell, the button too, inside the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    violations = audit(page, ".iic-progress")
    assert not violations, describe(violations)
    traffic.assert_clean()


def test_the_planned_length_reaches_the_question_coach_and_the_rehearsal(offline_context,
                                                                         site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/planning.html")
    sheet = page.locator('section.iic-exercise[data-kind="planning"]')
    sheet.get_by_label("15 minutes").check()
    page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('iic:worksheet:planning') || '{}').minutes === 15")
    violations = audit(page, 'section.iic-exercise[data-kind="planning"]')
    assert not violations, describe(violations)

    # The question coach starts at 15 minutes (its default is 30), says why, and grades
    # the list for 15 minutes.
    page.goto(f"{site_url}/book/questions.html")
    coach = exercise(page, "questions")
    assert coach.locator('input[value="15"]').is_checked()
    assert "planning worksheet: 15 minutes" in coach.locator(".iic-ex-status").inner_text()
    coach.locator("textarea").fill("How did you get started?\nWhat is a typical day like?")
    check(coach)
    saved = json.loads(page.evaluate("localStorage.getItem('iic:exercise:questions')"))
    assert saved["options"] == {"minutes": 15}
    violations = audit(page, 'section.iic-exercise[data-kind="questions"]')
    assert not violations, describe(violations)

    # A length chosen in the coach after the plan is kept on the next visit.
    coach.locator('input[value="20"]').check()
    page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('iic:exercise:questions')).options.minutes === 20")
    page.reload()
    assert exercise(page, "questions").locator('input[value="20"]').is_checked()

    # The simulator's agreed length starts at the plan's 15 minutes, and so does the clock.
    page.goto(f"{site_url}/book/practice.html")
    section = rehearsal(page)
    assert section.get_by_label("Agreed length").input_value() == "15"
    assert "planning worksheet: 15 minutes" in section.locator(".iic-ex-status").inner_text()
    section.get_by_role("button", name="Start interview").click()
    wait_for_turns(section, 0)
    assert "of 15 minutes used" in section.locator(".iic-time").inner_text()
    violations = audit(page, 'section.iic-exercise[data-kind="rehearsal"]')
    assert not violations, describe(violations)
    traffic.assert_clean()


def test_your_work_is_one_click_away_in_the_header(offline_contexts, site_url: str) -> None:
    for width, height in ((1280, 800), (390, 844)):
        context, traffic = offline_contexts(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(f"{site_url}/book/pitching.html")
        link = page.locator(".bd-header-article").get_by_role("link", name="Your work")
        assert link.is_visible()
        box = link.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= height  # above the fold
        link.click()
        page.wait_for_url("**/book/progress.html")
        current = page.locator(".bd-header-article").get_by_role("link", name="Your work")
        assert current.get_attribute("aria-current") == "page"
        violations = audit(page, ".bd-header-article")
        assert not violations, describe(violations)
        traffic.assert_clean()


def test_the_site_has_an_icon(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/welcome.html")
    href = page.locator('link[rel="icon"]').get_attribute("href")
    assert href and href.endswith("favicon.svg")
    response = page.request.get(f"{site_url}/_static/favicon.svg")
    assert response.ok and b"<svg" in response.body()
    # Browsers that ask for /favicon.ico get a real icon, not a 404.
    with urllib.request.urlopen(f"{site_url}/favicon.ico") as reply:
        body = reply.read()
    assert body[:4] == b"\x00\x00\x01\x00" and len(body) > 200  # an ICO file
    traffic.assert_clean()
