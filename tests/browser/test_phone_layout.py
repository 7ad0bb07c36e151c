"""Every page on a phone (360x740 and 390x844), in the state a learner leaves it: every
exercise showing its feedback, every quiz checked, the practice page mid-conversation,
the progress page full. The test fails if the document scrolls sideways, or if any box
hides part of its content (a feedback column, a table column) without a visible hint.
"""

from __future__ import annotations

from typing import Any

import pytest

from .test_book_pages import book_pages
from .test_inpage_exercises import BOOT_MS, PITCH, check
from .test_inpage_rehearsal import wait_for_turns

PHONES = [(360, 740), (390, 844)]
QUESTIONS = ("How did you get started in hospital pharmacy?\n"
             "What does a typical week look like for you, from the first shift to the last?\n"
             "Do you like it?\nWho else would you suggest I talk to?\n"
             "What surprised you most when you began, and what do you wish you had known?")
TEXTS = {
    "pitch": PITCH,
    "questions": QUESTIONS,
    "thanks": "Dear Dana, thank you for the twenty minutes on Tuesday. Your point about "
              "night shifts changed my plan: I will shadow a ward next month. Best, Priya",
    "goal": "I want to learn what a hospital pharmacist does day to day and how they got there.",
}

# Everything sticking out to the right, and every box that clips its content without a
# visible hint just before it (the hint iic-tables.js adds to wide tables).
LAYOUT = """() => {
  const doc = document.scrollingElement;
  const out = {page: doc.scrollWidth - doc.clientWidth, sticking: [], hidden: []};
  const content = document.querySelector('.bd-article') || document.body;
  const width = doc.clientWidth;
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const visible = el => el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
  for (const el of content.querySelectorAll('*')) {
    if (!visible(el) || el.closest('.iic-sr-only, .iic-quiz-visually-hidden, thead')) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      let clipped = false;
      for (let p = el.parentElement; p && p !== content.parentElement; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') { clipped = true; break; }
      }
      if (!clipped) out.sticking.push(name(el) + ' ends at ' + Math.round(box.right));
    }
    const style = getComputedStyle(el);
    // A text box scrolls the text typed into it; that is the box working, not hiding.
    if (el.matches('input, textarea, select')) continue;
    if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)
        && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      const hint = el.previousElementSibling;
      const said = hint && hint.classList.contains('iic-scroll-hint') && !hint.hidden
          && hint.offsetParent !== null;
      if (!said) out.hidden.push(name(el) + ' ' + el.scrollWidth + '>' + el.clientWidth + ': '
          + el.textContent.replace(/\\s+/g, ' ').trim().slice(0, 60));
    }
  }
  return out;
}"""


def assert_fits(page: Any, where: str) -> None:
    got = page.evaluate(LAYOUT)
    assert got["page"] <= 0, f"{where}: the page scrolls sideways by {got['page']} px: {got}"
    assert not got["sticking"], f"{where}: content sticks out: {got['sticking']}"
    assert not got["hidden"], f"{where}: content hidden without a hint: {got['hidden']}"


def answer_quizzes(page: Any) -> int:
    """Pick the first option of every question (some right, some wrong) and check."""
    quizzes = page.locator('.iic-quiz[data-iic-ready="1"]')
    for n in range(quizzes.count()):
        quiz = quizzes.nth(n)
        for fs in quiz.locator("fieldset.iic-quiz-question").all():
            first = fs.locator(".iic-quiz-input").first
            if first.count():
                first.check()
        quiz.locator("button.iic-quiz-check").click()
        assert quiz.locator(".iic-quiz-score[data-score]").count() == 1
    return quizzes.count()


def fill_exercises(page: Any) -> list[str]:
    """Put every exercise on the page into the state that shows the most."""
    done = []
    for section in page.locator("section.iic-exercise[data-kind]").all():
        kind = section.get_attribute("data-kind")
        section.scroll_into_view_if_needed()
        if kind in TEXTS:
            section.locator("textarea").fill(TEXTS[kind])
            check(section)
            assert section.locator(".iic-feedback .iic-score-text").count() == 1, kind
        elif kind == "planning":
            section.get_by_label("What exactly do you want to find out?").fill(
                "How night shifts are planned, and who decides.")
            section.get_by_label("From whom? (a name or a description)").fill(
                "A pharmacist two years into the job at the teaching hospital")
        elif kind == "contacts":
            # The tracker is on two pages and keeps one list: new names on each, then
            # one person moved along and another open in the edit form.
            page_name = page.url.rsplit("/", 1)[-1].split(".")[0]
            names = [f"Aunt Rosa, who works in hospital administration ({page_name})",
                     f"Dr Okoye ({page_name})"]
            for name, circle in zip(names, ("Friends and family", "Teachers and professors"),
                                    strict=True):
                before = int(section.get_attribute("data-iic-mapped") or 0)
                section.get_by_label("Name or short description").fill(name)
                section.get_by_label("Organisation (optional)").fill(
                    "Northgate University Teaching Hospital Trust")
                section.get_by_label("Circle").select_option(label=circle)
                section.get_by_role("button", name="Add to my tracker").click()
                page.wait_for_function("([el, n]) => Number(el.dataset.iicMapped || 0) > n",
                                       arg=[section.element_handle(), before], timeout=BOOT_MS)
            before = int(section.get_attribute("data-iic-mapped") or 0)
            section.get_by_role("button", name=f"Mark as asked: {names[0]}").click()
            page.wait_for_function("([el, n]) => Number(el.dataset.iicMapped || 0) > n",
                                   arg=[section.element_handle(), before], timeout=BOOT_MS)
            section.get_by_role("button", name=f"Edit: {names[1]}").click()
            section.locator(".iic-edit-form").wait_for(timeout=BOOT_MS)
        elif kind == "beliefs":
            for text in ("I would enjoy spending most of the day with patients, not at a desk",
                         "The night shifts would suit me"):
                before = int(section.get_attribute("data-iic-beliefs") or 0)
                section.get_by_label("A belief, in one sentence").fill(text)
                section.get_by_role("button", name="Add belief").click()
                page.wait_for_function("([el, n]) => Number(el.dataset.iicBeliefs || 0) > n",
                                       arg=[section.element_handle(), before], timeout=BOOT_MS)
        elif kind == "dashboard":
            page.wait_for_function("el => Number(el.dataset.iicDashboard || 0) >= 1",
                                   arg=section.element_handle(), timeout=BOOT_MS)
        elif kind == "rehearsal":
            # Mid-conversation: started, two questions asked, not ended.
            section.get_by_role("button", name="Start interview").click()
            wait_for_turns(section, 0)
            box = section.get_by_label("Your question")
            for n, text in enumerate(("How did you first get into this line of work?",
                                      "What does a typical week look like for you?"), 1):
                box.fill(text)
                box.press("Enter")
                wait_for_turns(section, n)
            assert section.get_attribute("data-iic-ended") is None
        done.append(kind)
    return done


def fill_progress(page: Any) -> None:
    """Saved work of every kind, so each progress table has rows."""
    record = {"persona": "amara-okafor", "minutes": 20, "saved_at": "2030-01-01T10:00:00Z",
              "transcript": [{"question": "How did you start?", "reply": "By chance."}],
              "debrief": {}}
    page.evaluate("""values => { for (const [k, v] of Object.entries(values))
        localStorage.setItem(k, JSON.stringify(v)); }""", {
        "iic:rehearsals": [record, dict(record, persona="someone-from-a-newer-course-version")],
        "iic:exercise:a-very-long-exercise-name-from-a-newer-course": {"text": "x"},
        "iic:exercise:pitch": {"text": "x", "options": "email"},  # shows a set-aside part
    })


@pytest.mark.parametrize("width,height", PHONES, ids=[f"{w}x{h}" for w, h in PHONES])
def test_every_page_fits_a_phone_in_every_state(offline_contexts, site_url: str,
                                                width: int, height: int) -> None:
    context, traffic = offline_contexts(viewport={"width": width, "height": height},
                                        is_mobile=True, has_touch=True)
    page = context.new_page()
    seen = {"quizzes": 0, "kinds": set()}
    pages = [p for p in book_pages() if p != "book/progress.html"] + ["book/progress.html"]
    for path in pages:
        page.goto(f"{site_url}/{path}")
        if path == "index.html":  # the site's root forwards to the first chapter
            page.wait_for_url("**/book/welcome.html")
            page.wait_for_load_state("load")
        if path == "book/progress.html":
            fill_progress(page)
            page.reload()
            page.locator('.iic-progress[data-iic-ready="1"]').wait_for()
            assert page.locator(".iic-progress-rehearsal").count() == 2
        else:
            seen["quizzes"] += answer_quizzes(page)
            seen["kinds"].update(fill_exercises(page))
        assert_fits(page, f"{path} at {width}x{height}")
    # The walk really met every kind of exercise and every quiz.
    assert seen["kinds"] == {"goal", "pitch", "questions", "thanks", "planning", "contacts",
                             "beliefs", "dashboard", "rehearsal"}, seen
    assert seen["quizzes"] >= 7
    traffic.assert_clean()


def test_the_check_finds_what_it_is_for(offline_contexts, site_url: str) -> None:
    """The layout check fails on a wide element, and on a box hiding a column unsaid."""
    context, _ = offline_contexts(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/book/welcome.html")
    assert_fits(page, "welcome")
    page.evaluate("""() => document.querySelector('.bd-article').insertAdjacentHTML('beforeend',
        '<div class=probe-clip style="overflow-x:auto"><table><tr><td style="white-space:nowrap">'
        + 'a long cell '.repeat(30) + '</td><td>hidden column</td></tr></table></div>')""")
    with pytest.raises(AssertionError, match="hidden without a hint"):
        assert_fits(page, "probe")
    page.evaluate("""() => { document.querySelector('.probe-clip').remove();
        document.querySelector('.bd-article').insertAdjacentHTML('beforeend',
        '<p style="width:600px">wide</p>'); }""")
    with pytest.raises(AssertionError, match="scrolls sideways|sticks out"):
        assert_fits(page, "probe")
