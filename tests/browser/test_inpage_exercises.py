"""Exercises on the book page itself: graded in the page's own Pyodide worker,
byte-identical to CPython's renderer, offline, escaped, saved, and honest when
the browser cannot run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercises.render import grade_and_render

from .axe import audit, describe
from .conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "render"
BOOT_MS = 60_000
PITCH = (
    "Hi Dana, I'm Priya, a second-year nursing student. Professor Hall suggested I write. "
    "Could we talk for 20 minutes, whenever suits you? Thank you!"
)


def page_cases() -> list[dict]:
    """Fixture texts the page can express: every valid kind and option value."""
    cases = json.loads((FIXTURES / "cases.json").read_text())["cases"]
    usable = []
    for case in cases:
        if case["kind"] not in ("pitch", "questions", "thanks", "goal"):
            continue
        if case["options"].get("channel", "email") not in ("email", "linkedin", "linkedin-premium"):
            continue
        if case["options"].get("minutes", 30) not in (15, 20, 30):
            continue
        usable.append(case)
    return usable


def first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at {i}: page {a[max(0, i - 60):i + 60]!r} vs CPython {b[max(0, i - 60):i + 60]!r}"


def exercise(page, kind: str):
    return page.locator(f'section.iic-exercise[data-kind="{kind}"]').first


def check(section) -> None:
    """Click Check and wait for this click's feedback to land."""
    before = int(section.get_attribute("data-iic-checked") or 0)
    section.locator("button.iic-check").click()
    section.page.wait_for_function(
        "([el, n]) => Number(el.dataset.iicChecked || 0) > n",
        arg=[section.element_handle(), before], timeout=BOOT_MS)


def test_pitch_is_graded_on_the_page_offline(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/pitching.html")
    section = exercise(page, "pitch")
    section.locator("textarea").fill(PITCH)
    check(section)
    feedback = section.locator(".iic-feedback")
    assert feedback.locator(".iic-score-text").inner_text().startswith("Score ")
    assert feedback.locator('li.iic-check[data-check="pitch.time_ask"]').count() == 1
    assert feedback.locator("mark.iic-mark").count() >= 1
    assert "Checked: score" in section.locator(".iic-ex-status").inner_text()
    # The live count comes from the same Python as the coach in the notebook.
    assert "of 150 words" in section.locator(".iic-ex-count").inner_text()
    traffic.assert_clean()


def test_feedback_is_byte_identical_to_cpython(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/coaches.html")
    compared = set()
    for case in page_cases():
        kind = case["kind"]
        # The page always sends its radio choice, so spell out the defaults.
        defaults = {"pitch": {"channel": "email"}, "questions": {"minutes": 30}}
        options = {**defaults.get(kind, {}), **case["options"]}
        text = (FIXTURES / case["file"]).read_text(encoding="utf-8") if case["file"] else ""
        section = exercise(page, kind)
        section.locator("textarea").fill(text)
        for value in options.values():
            section.locator(f'fieldset.iic-options input[value="{value}"]').check()
        check(section)
        # Compare with exactly the text the page sent (a textarea turns CRLF into LF).
        sent = section.locator("textarea").input_value()
        # The page asks for topic menus on a question list (the learner can re-tag).
        extra = {"retag": True} if kind == "questions" else {}
        expected = grade_and_render(kind, sent, **options, **extra)
        got = section.evaluate("el => el.iicFeedbackSource")
        where = first_difference(got, expected)
        assert got == expected, f"{case['name']}: page and CPython differ {where}"
        compared.add(kind)
    assert compared == {"pitch", "questions", "thanks", "goal"}
    assert len(page_cases()) >= 5
    traffic.assert_clean()


def test_html_in_a_pitch_stays_text(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/pitching.html")
    payload = (PITCH + ' <img src=x onerror="window.__xss=1"> '
               "<script>window.__xss=2</script>")
    section = exercise(page, "pitch")
    section.locator("textarea").fill(payload)
    check(section)
    assert page.evaluate("() => window.__xss") is None
    assert section.locator(".iic-feedback img").count() == 0
    assert section.locator(".iic-feedback script").count() == 0
    assert '<img src=x onerror="window.__xss=1">' in section.locator(".iic-feedback").inner_text()
    traffic.assert_clean()


def test_draft_and_last_score_survive_a_reload(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/pitching.html")
    section = exercise(page, "pitch")
    section.locator("textarea").fill(PITCH)
    section.locator('input[value="linkedin"]').check()
    check(section)
    page.reload()
    section = exercise(page, "pitch")
    assert section.locator("textarea").input_value() == PITCH
    assert section.locator('input[value="linkedin"]').is_checked()
    assert "last check: score" in section.locator(".iic-ex-status").inner_text()
    saved = json.loads(page.evaluate("() => localStorage.getItem('iic:exercise:pitch')"))
    assert saved["text"] == PITCH and saved["options"] == {"channel": "linkedin"}
    assert saved["report"]["kind"] == "pitch" and len(saved["history"]) == 1
    traffic.assert_clean()


def test_unsaved_typing_is_kept_without_a_check(offline_context, site_url: str) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/conversation.html")
    section = exercise(page, "thanks")
    section.locator("textarea").fill("Thank you for the tour of the lab.")
    page.wait_for_function("() => localStorage.getItem('iic:exercise:thanks') !== null")
    page.reload()
    assert exercise(page, "thanks").locator("textarea").input_value() == (
        "Thank you for the tour of the lab.")


def test_no_webassembly_says_so_and_offers_the_notebook(browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script("delete window.WebAssembly;")
    page = context.new_page()
    page.goto(f"{site_url}/book/pitching.html")
    section = exercise(page, "pitch")
    section.locator("textarea").fill(PITCH)  # focus starts the coach, which cannot run here
    status = section.locator(".iic-ex-status")
    page.wait_for_function("el => el.textContent.includes('WebAssembly')",
                           arg=status.element_handle(), timeout=10_000)
    # The button is marked unavailable, and pressing it still explains why.
    section.locator("button.iic-check").click(force=True)
    assert "needs WebAssembly" in status.inner_text()
    link = status.get_by_role("link", name="Practice in your browser")
    assert link.get_attribute("href") == "../lite/notebooks/index.html?path=pitching.ipynb"
    assert section.locator("button.iic-check").get_attribute("aria-disabled") == "true"
    context.close()


def test_a_broken_worker_is_reported_not_silent(browser, site_url: str) -> None:
    context = browser.new_context()
    context.route("**/lite/static/pyodide/exercises-*.whl", lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{site_url}/book/pitching.html")
    section = exercise(page, "pitch")
    section.locator("textarea").fill(PITCH)
    section.locator("button.iic-check").click(force=True)
    status = section.locator(".iic-ex-status")
    page.wait_for_function(
        "el => el.textContent.includes('notebook version')", arg=status.element_handle(),
        timeout=BOOT_MS)
    assert "could not start" in status.inner_text()
    assert status.get_by_role("link", name="Practice in your browser").count() == 1
    context.close()


@pytest.mark.parametrize("kind", ["goal", "pitch", "questions", "thanks"])
def test_no_serious_accessibility_violation(offline_context, site_url: str, kind: str) -> None:
    context, _ = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/coaches.html")
    section = exercise(page, kind)
    sample = {"goal": "goal.txt", "pitch": "pitch_email.txt", "questions": "questions.txt",
              "thanks": "thanks.txt"}[kind]
    section.locator("textarea").fill((FIXTURES / sample).read_text(encoding="utf-8"))
    check(section)
    violations = audit(page, f'section.iic-exercise[data-kind="{kind}"]')
    assert not violations, describe(violations)


def test_all_four_kinds_are_on_the_coaches_page() -> None:
    html = (REPO / "_build" / "html" / "book" / "coaches.html").read_text(encoding="utf-8")
    for kind in ("goal", "pitch", "questions", "thanks"):
        assert f'data-kind="{kind}"' in html
    site = REPO / "_build" / "html"
    runtime = json.loads((site / "_static" / "iic-page-runtime.json").read_text())
    assert Path(site / "lite" / "static" / "pyodide" / runtime["wheel"]).is_file()


def test_a_question_can_be_retagged_and_the_choice_is_kept(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/coaches.html")
    section = exercise(page, "questions")
    questions = ("What drains you most about the job?\nHow did you get started?\n"
                 "What does a normal week look like?\nWhat skills matter most?\n"
                 "Who else should I talk to?")
    section.locator("textarea").fill(questions)
    check(section)
    menu = section.locator("select.iic-retag").first
    graded = menu.get_attribute("data-graded")
    question = menu.get_attribute("data-question")
    choice = "likes" if graded != "likes" else "trends"
    before = int(section.get_attribute("data-iic-checked") or 0)
    menu.select_option(choice)
    page.wait_for_function("([el, n]) => Number(el.dataset.iicChecked || 0) > n",
                           arg=[section.element_handle(), before], timeout=BOOT_MS)
    menu = section.locator("select.iic-retag").first
    assert menu.input_value() == choice
    assert "the coach read it as" in section.locator(".iic-retagged").first.inner_text()
    # Keyboard focus comes back to the menu the learner changed.
    assert page.evaluate("document.activeElement.matches('select.iic-retag')")
    saved = page.evaluate(
        "JSON.parse(localStorage.getItem('iic:exercise:questions')).options.topics")
    assert saved == {question: choice}
    page.reload()
    section = exercise(page, "questions")
    check(section)
    assert section.locator("select.iic-retag").first.input_value() == choice
    result = audit(page, "section.iic-exercise[data-kind=questions]")
    assert not result, describe(result)
    traffic.assert_clean()
