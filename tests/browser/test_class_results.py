"""A workshop from end to end: three named learners, then their instructor.

Each learner has a browser of their own (separate storage). They type their name on
the progress page, write a pitch and a question list and check them with the coaches,
take the pitching quiz (each answering differently), fill in the exit ticket on the
workshop page, export their work and make a share code. The instructor then opens
the class results page in a fourth browser and loads the three files, then the three
share codes. The failure counts the page shows must equal those computed in Python
from the same files' reports, the CSV is read back and checked cell by cell, axe
finds no serious or critical problem, and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from exercises.classroom import class_summary, learner_results, summary_csv
from exercises.storage import interview_kit_markdown, parse_document

from .axe import audit, describe
from .test_inpage_exercises import BOOT_MS, check, exercise
from .test_quiz_static import load_bank, open_quiz, pick, planned_answer

LEARNERS = [
    {"name": "Ama Osei", "slug": "ama-osei", "right": 6, "ready": "4",
     "pitch": "Hi Dana, I'm Ama, a second-year nursing student. Professor Hall suggested I "
              "write because you moved from wards into infection control. Could we talk for "
              "20 minutes about how you made that move, whenever suits you? Thank you!",
     "questions": "How did you get into infection control?\nWhat does a normal week look "
                  "like?\nWhat do you enjoy most about the work?\nWhat is hardest about it?"},
    {"name": "Bo Chen", "slug": "bo-chen", "right": 2, "ready": "2",
     "pitch": "hey, can you get me a job at your hospital? i need one soon",
     "questions": "Do you like your job?\nIs the pay good?"},
    {"name": "Carmen Ruiz", "slug": "carmen-ruiz", "right": 4, "ready": "3",
     "pitch": "Dear Mr Patel, I am Carmen and I am changing careers from retail into "
              "accounting. Could we have a quick chat sometime? Thanks.",
     "questions": "What do you do on a typical day?\nHow is the industry changing?\n"
                  "Who else should I talk to?"},
]
CLASS_CODE = "WED-PM"


def wait_saved(section: Any, before: int) -> None:
    section.page.wait_for_function("([el, n]) => Number(el.dataset.iicSaved || 0) > n",
                                   arg=[section.element_handle(), before])


def saved_count(section: Any) -> int:
    return int(section.get_attribute("data-iic-saved") or 0)


def play_learner(context: Any, site_url: str, learner: dict[str, Any],
                 tmp: Path) -> tuple[Path, str]:
    """One learner's session; returns their exported file and share code."""
    page = context.new_page()
    page.goto(f"{site_url}/book/progress.html")
    card = page.locator('[data-iic-classroom="learner-card"][data-iic-ready="1"]')
    card.wait_for()
    n = saved_count(card)
    card.locator('input[data-field="name"]').fill(learner["name"])
    card.locator('input[data-field="class_code"]').fill(CLASS_CODE)
    wait_saved(card, n)

    for chapter, kind in (("pitching", "pitch"), ("questions", "questions")):
        page.goto(f"{site_url}/book/{chapter}.html")
        section = exercise(page, kind)
        section.locator("textarea").fill(learner[kind])
        check(section)
        assert section.locator(".iic-score-text").inner_text().startswith("Score ")

    # The pitching quiz: the first `right` questions right, the rest wrong.
    bank = load_bank("pitching")
    quiz = open_quiz(page, site_url, "pitching", "pitching")
    for i, q in enumerate(bank["questions"]):
        if q["type"] != "ordering":
            pick(quiz, q, planned_answer(q, right=i < learner["right"]))
    quiz.locator("button.iic-quiz-check").click()
    quiz.locator(".iic-quiz-score[data-score]").wait_for()

    # The exit ticket on the workshop page.
    page.goto(f"{site_url}/book/workshop.html")
    ticket = page.locator('[data-iic-classroom="exit-ticket"][data-iic-ready="1"]')
    n = saved_count(ticket)
    ticket.locator('textarea[data-field="learned"]').fill(f"{learner['name']}: ask for 20 "
                                                          "minutes, not a quick chat")
    ticket.locator('textarea[data-field="first_contact"]').fill("My cousin, by Friday")
    ticket.locator('textarea[data-field="unsure"]').fill("How to close on time")
    ticket.locator(f'input[data-field="ready"][value="{learner["ready"]}"]').check()
    wait_saved(ticket, n)

    # Export, then the share code.
    page.goto(f"{site_url}/book/progress.html")
    root = page.locator('.iic-progress[data-iic-ready="1"]')
    root.wait_for()
    with page.expect_download() as info:
        root.locator(".iic-progress-export").click()
    today = page.evaluate("() => new Date().toISOString().slice(0, 10)")
    assert info.value.suggested_filename == f"interview_work-{learner['slug']}-{today}.json"
    path = tmp / info.value.suggested_filename
    info.value.save_as(path)
    # The interview kit is written by the course's Python in the page's worker: the
    # same text the notebook's storage module writes from the exported file.
    with page.expect_download(timeout=BOOT_MS) as kit_info:
        root.locator(".iic-progress-kit").click()
    assert kit_info.value.suggested_filename == f"interview_kit-{learner['slug']}-{today}.md"
    kit = Path(kit_info.value.path()).read_bytes().decode("utf-8")
    assert kit == interview_kit_markdown(parse_document(path.read_text(encoding="utf-8"))[0])
    assert learner["pitch"].split()[0] in kit
    card = page.locator('[data-iic-classroom="learner-card"][data-iic-ready="1"]')
    assert card.locator('input[data-field="name"]').input_value() == learner["name"]
    card.locator("button.iic-share-make").click()
    page.wait_for_function("el => Number(el.dataset.iicShared || 0) > 0",
                           arg=card.element_handle(), timeout=BOOT_MS)
    code = card.locator("textarea.iic-share-code").input_value()
    assert code.startswith("IIC1-")
    violations = audit(page, '[data-iic-classroom="learner-card"]')
    assert not violations, describe(violations)
    page.close()
    return path, code


def failures_from_reports(docs: list[dict[str, Any]]) -> Counter[str]:
    """Straight from the files' saved reports, without the summary code."""
    counts: Counter[str] = Counter()
    for doc in docs:
        for entry in doc["exercises"].values():
            report = entry.get("report") or {}
            counts.update({c["id"] for c in report.get("checks", []) if not c["passed"]})
    return counts


def shown_failures(page: Any) -> dict[str, int]:
    return dict(page.locator(".iic-class-checks [data-check]").evaluate_all(
        "els => els.map(e => [e.dataset.check, Number(e.dataset.failed)])"))


def show(page: Any, section: Any) -> None:
    before = int(section.get_attribute("data-iic-shown") or 0)
    section.locator("button.iic-class-show").click()
    page.wait_for_function("([el, n]) => Number(el.dataset.iicShown || 0) > n",
                           arg=[section.element_handle(), before], timeout=BOOT_MS)


def test_three_learners_then_the_class_page(offline_contexts, site_url: str,
                                            tmp_path: Path) -> None:
    played = []
    traffics = []
    for learner in LEARNERS:
        context, traffic = offline_contexts()
        traffics.append(traffic)
        played.append(play_learner(context, site_url, learner, tmp_path))
    files = [p for p, _ in played]
    codes = [c for _, c in played]
    docs = [parse_document(p.read_text(encoding="utf-8"))[0] for p in files]
    assert [d["worksheets"]["learner"]["name"] for d in docs] == [x["name"] for x in LEARNERS]
    assert all(d["worksheets"]["exit-ticket"]["ready"] for d in docs)
    expected = class_summary([learner_results(d) for d in docs])
    from_reports = failures_from_reports(docs)
    assert from_reports, "the weak pitches must fail some checks"

    context, traffic = offline_contexts()
    traffics.append(traffic)
    page = context.new_page()
    page.goto(f"{site_url}/book/class-results.html")
    section = page.locator('[data-iic-classroom="class-results"][data-iic-ready="1"]')
    section.wait_for()
    section.locator("input.iic-class-files").set_input_files([str(p) for p in files])
    page.wait_for_function("el => el.textContent.includes('3 files chosen')",
                           arg=section.locator(".iic-class-chosen").element_handle())
    show(page, section)
    assert section.locator(".iic-class-count").get_attribute("data-learners") == "3"
    assert "3 learners loaded." in section.locator(".iic-class-status").inner_text()

    # The page's failure counts are Python's, from the same reports.
    shown = shown_failures(page)
    assert shown == dict(from_reports)
    assert shown == {c["id"]: c["failed"] for c in expected["checks"]}
    rows = section.locator(".iic-class-learners tbody tr")
    assert rows.count() == 3
    assert rows.locator("th").all_inner_texts() == [x["name"] for x in LEARNERS]
    missed = page.locator(".iic-class-questions [data-missed]").evaluate_all(
        "els => els.map(e => [e.dataset.question, Number(e.dataset.missed)])")
    assert dict(missed) == {f"{q['quiz']}/{q['qid']}": q["missed"]
                            for q in expected["questions"]}
    assert section.locator(".iic-class-exit tbody tr").count() == 3

    # The CSV: one row per learner, the name column, numbers equal to Python's.
    with page.expect_download() as info:
        section.locator("button.iic-class-csv").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8")
    assert text == summary_csv(expected)
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:3] == ["Name", "Class", "Pitch score"]
    assert [r[0] for r in table[1:]] == [x["name"] for x in LEARNERS]
    assert all(r[1] == CLASS_CODE for r in table[1:])
    for row, doc in zip(table[1:], docs, strict=True):
        assert int(row[2]) == doc["exercises"]["pitch"]["report"]["score"]
        assert int(row[table[0].index("Question list score")]) == \
            doc["exercises"]["questions"]["report"]["score"]
        quiz_col = next(i for i, h in enumerate(table[0]) if h.startswith("Quiz: "))
        assert int(row[quiz_col]) == doc["quizzes"]["pitching"]["score"]
        assert row[table[0].index("Readiness (1-5)")] == \
            str(doc["worksheets"]["exit-ticket"]["ready"])

    violations = audit(page, '[data-iic-classroom="class-results"]')
    assert not violations, describe(violations)

    # Names hidden for projecting: none of them on the page any more.
    section.locator("input.iic-class-anon").check()
    page.wait_for_function("el => Number(el.dataset.iicShown) >= 2",
                           arg=section.element_handle(), timeout=BOOT_MS)
    report_text = section.locator(".iic-class-report").inner_text()
    for learner in LEARNERS:
        assert learner["name"] not in report_text.replace(f"{learner['name']}: ask", "")
    assert rows.locator("th").all_inner_texts() == ["Learner 1", "Learner 2", "Learner 3"]
    section.locator("input.iic-class-anon").uncheck()
    page.wait_for_function("el => Number(el.dataset.iicShown) >= 3",
                           arg=section.element_handle(), timeout=BOOT_MS)

    # Clear, then the same class from the three share codes pasted together.
    section.locator("button.iic-class-clear").click()
    assert section.locator(".iic-class-report").inner_text() == ""
    section.locator("textarea.iic-class-codes").fill("\n".join(codes) + "\nIIC1-damaged")
    show(page, section)
    assert section.locator(".iic-class-count").get_attribute("data-learners") == "3"
    assert shown_failures(page) == dict(from_reports)
    problems = section.locator(".iic-class-problems li").all_inner_texts()
    assert problems == ["Pasted codes: This share code is incomplete or damaged: ask the "
                        "learner to copy it again, all of it."]
    with page.expect_download() as info:
        section.locator("button.iic-class-csv").click()
    assert Path(info.value.path()).read_bytes().decode("utf-8") == text

    for t in traffics:
        t.assert_clean()


def test_exit_ticket_group_plan_and_import_guard(offline_contexts, site_url: str,
                                                 tmp_path: Path) -> None:
    """The workshop page's planner and ticket, and another learner's file at import."""
    context, traffic = offline_contexts()
    page = context.new_page()
    page.goto(f"{site_url}/book/workshop.html")
    plan = page.locator('[data-iic-classroom="group-plan"][data-iic-ready="1"]')
    plan.wait_for()
    assert plan.locator(".iic-plan-summary").inner_text() == "25 learners: 7 trios and 2 pairs."
    plan.locator("input.iic-plan-n").fill("13")
    assert plan.locator(".iic-plan-summary").inner_text() == "13 learners: 3 trios and 2 pairs."
    observer = plan.locator("tr", has_text="Observer checklist").locator("td").first
    assert observer.inner_text() == "9"
    plan.locator('input[type="radio"][value="60"]').check()
    assert plan.locator(".iic-plan-summary").inner_text() == "13 learners: 1 trio and 5 pairs."
    for selector in ('[data-iic-classroom="group-plan"]', '[data-iic-classroom="exit-ticket"]'):
        violations = audit(page, selector)
        assert not violations, describe(violations)

    ticket = page.locator('[data-iic-classroom="exit-ticket"][data-iic-ready="1"]')
    n = saved_count(ticket)
    ticket.locator('textarea[data-field="unsure"]').fill("Closing on time")
    wait_saved(ticket, n)
    page.reload()
    assert page.locator('textarea[data-field="unsure"]').input_value() == "Closing on time"

    # This browser belongs to Dee; a file of Eli's asks first, and Cancel keeps all.
    page.goto(f"{site_url}/book/progress.html")
    card = page.locator('[data-iic-classroom="learner-card"][data-iic-ready="1"]')
    n = saved_count(card)
    card.locator('input[data-field="name"]').fill("Dee")
    wait_saved(card, n)
    before = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    eli = {"format": "iic-saved-work", "version": 1, "exported_at": "2026-12-01T10:00:00Z",
           "exercises": {}, "rehearsals": [], "quizzes": {},
           "worksheets": {"learner": {"name": "Eli", "saved_at": "2030-01-01T00:00:00Z"},
                          "exit-ticket": {"unsure": "Eli's worry",
                                          "saved_at": "2030-01-01T00:00:00Z"}}}
    root = page.locator('.iic-progress[data-iic-ready="1"]')
    root.locator("input.iic-progress-file").set_input_files(files=[{
        "name": "eli.json", "mimeType": "application/json",
        "buffer": json.dumps(eli).encode()}])
    other = root.locator(".iic-progress-other")
    other.wait_for()
    assert "Eli\u2019s work" in other.inner_text() and "Dee\u2019s" in other.inner_text()
    other.locator("button.iic-progress-other-no").click()
    assert other.is_hidden()
    assert page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())") == before

    # Import anyway: Eli's newer ticket comes in, but the name stays Dee.
    root.locator("input.iic-progress-file").set_input_files(files=[{
        "name": "eli.json", "mimeType": "application/json",
        "buffer": json.dumps(eli).encode()}])
    other.wait_for()
    other.locator("button.iic-progress-other-yes").click()
    page.wait_for_function("() => (localStorage.getItem('iic:worksheet:exit-ticket') || '')"
                           ".includes(\"Eli's worry\")")
    learner = json.loads(page.evaluate("() => localStorage.getItem('iic:worksheet:learner')"))
    assert learner["name"] == "Dee"
    traffic.assert_clean()
