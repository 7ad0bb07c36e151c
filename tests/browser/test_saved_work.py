"""Saved work that cannot break (issue 14): the four cases found by hand, a second tab,
worker errors shown, a 20,000-entry import timed, and keys named like object methods.

Each case is set up exactly as a learner or a foreign file would cause it (a value in
localStorage or a file given to the progress page's import), then the test uses the
page as a learner would and checks that nothing stops working and nothing is lost.
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from .axe import audit, describe
from .test_inpage_exercises import BOOT_MS, PITCH, check, exercise
from .test_progress_page import iic_keys, open_progress, status_says

QUESTIONS = "How did you get into this work?\nWhat does a typical week look like?"


def seed_storage(page: Any, site_url: str, values: dict[str, Any]) -> None:
    """Put raw values into this origin's localStorage (strings are stored as given)."""
    page.goto(f"{site_url}/book/progress.html")
    page.evaluate("""values => { for (const [k, v] of Object.entries(values))
        localStorage.setItem(k, typeof v === 'string' ? v : JSON.stringify(v)); }""", values)


def import_file(page: Any, site_url: str, doc: Any) -> str:
    root = open_progress(page, site_url)
    text = doc if isinstance(doc, str) else json.dumps(doc)
    root.locator("input.iic-progress-file").set_input_files(files=[{
        "name": "interview_work.json", "mimeType": "application/json",
        "buffer": text.encode("utf-8")}])
    return status_says(page, root, "Import finished.")


def set_aside(page: Any) -> list[dict[str, Any]]:
    return json.loads(page.evaluate("localStorage.getItem('iic:set-aside')") or "[]")


def saved(page: Any, key: str) -> Any:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})") or "null")


def assert_coaches_work(page: Any, site_url: str) -> None:
    """Every coach on the coaches page restores, saves typing and checks."""
    page.goto(f"{site_url}/book/coaches.html")
    for kind, text in (("pitch", PITCH), ("questions", QUESTIONS)):
        section = exercise(page, kind)
        section.locator("textarea").fill(text)
        check(section)
        assert section.locator(".iic-feedback .iic-score-text").count() == 1, kind
        assert saved(page, f"iic:exercise:{kind}")["text"] == text


# ---- case 1: options that are not an object --------------------------------------------

CASE_1 = {"format": "iic-saved-work", "version": 1, "exercises": {"pitch": {
    "text": "x", "options": "email", "saved_at": "2030-01-01T00:00:00Z"}}}


def test_case_1_imported_options_string_keeps_every_coach_working(offline_context,
                                                                  site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    text = import_file(page, site_url, CASE_1)
    assert "Exercises added from the file: Pitch." in text
    assert "could not be read (options)" in text  # said, not hidden
    assert saved(page, "iic:exercise:pitch") == {"text": "x", "saved_at": "2030-01-01T00:00:00Z"}
    assert [r["value"] for r in set_aside(page)] == [CASE_1["exercises"]["pitch"]]
    page.goto(f"{site_url}/book/pitching.html")
    section = exercise(page, "pitch")
    assert section.locator("textarea").input_value() == "x"  # the text came through
    assert_coaches_work(page, site_url)
    traffic.assert_clean()


def test_case_1_options_string_in_storage_is_repaired_on_the_page(offline_context,
                                                                   site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    bad = {"text": "my pitch draft", "options": "email", "saved_at": "2030-01-01T00:00:00Z"}
    for options in ("email", 5, ["email"], None):
        seed_storage(page, site_url, {"iic:exercise:pitch": dict(bad, options=options),
                                      "iic:exercise:thanks": {"text": "Thank you, Dana."}})
        page.goto(f"{site_url}/book/coaches.html")
        pitch = exercise(page, "pitch")
        assert pitch.locator("textarea").input_value() == "my pitch draft"
        status = pitch.locator(".iic-ex-status").inner_text()
        assert "could not be read (options)" in status and "set aside" in status, status
        assert exercise(page, "thanks").locator("textarea").input_value() == "Thank you, Dana."
        assert any(r["value"] == dict(bad, options=options) for r in set_aside(page))
        assert "options" not in saved(page, "iic:exercise:pitch")
    # Typing in the repaired exercise is saved, and Check works there and elsewhere.
    assert_coaches_work(page, site_url)
    traffic.assert_clean()


# ---- case 2: a contact map with a number where a list belongs ---------------------------

def add_contact(page: Any, cmap: Any, name: str, circle: str) -> None:
    before = int(cmap.get_attribute("data-iic-mapped") or 0)
    cmap.get_by_label("Name or short description").fill(name)
    cmap.get_by_label("Circle").select_option(label=circle)
    cmap.get_by_role("button", name="Add to my tracker").click()
    page.wait_for_function("([el, n]) => Number(el.dataset.iicMapped || 0) > n",
                           arg=[cmap.element_handle(), before], timeout=BOOT_MS)


def test_case_2_bad_circle_no_longer_stops_adding_contacts(offline_context,
                                                          site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    seed_storage(page, site_url, {"iic:worksheet:contacts": {
        "circles": {"friends_family": 5, "alumni": [{"name": "Ana", "note": "fair"}]},
        "first_three": ["Ana"]}})
    page.goto(f"{site_url}/book/finding-people.html")
    cmap = page.locator('section.iic-exercise[data-kind="contacts"]')
    assert "could not be read (circles > friends family)" in cmap.locator(
        ".iic-ex-status").inner_text()
    add_contact(page, cmap, "Aunt Rosa", "Friends and family")
    add_contact(page, cmap, "Dr Okoye", "Teachers and professors")
    area = cmap.locator(".iic-contacts-area").inner_text()
    assert "3 people in your tracker" in area and "Ana" in area and "Aunt Rosa" in area
    stored = saved(page, "iic:worksheet:contacts")  # now the campaign tracker's shape
    people = {c["name"]: c for c in stored["contacts"]}
    assert list(people) == ["Ana", "Aunt Rosa", "Dr Okoye"]
    assert people["Aunt Rosa"]["circle"] == "friends_family"
    assert stored["first_three"] == [people["Ana"]["id"]]
    assert any(r["value"]["circles"]["friends_family"] == 5 for r in set_aside(page))
    violations = audit(page, 'section.iic-exercise[data-kind="contacts"]')
    assert not violations, describe(violations)
    traffic.assert_clean()


def test_case_2_imported_and_a_worker_error_is_shown_not_dropped(offline_contexts,
                                                                 site_url: str) -> None:
    # No service worker: once it has cached the grader's worker script it serves it
    # itself, and page.route below never sees the request (the test then timed out
    # whenever the cache was ready before the reload).
    context, traffic = offline_contexts(service_workers="block")
    page = context.new_page()
    import_file(page, site_url, {"format": "iic-saved-work", "version": 1, "worksheets": {
        "contacts": {"circles": {"friends_family": 5}, "saved_at": "2030-01-01T00:00:00Z"}}})
    page.goto(f"{site_url}/book/finding-people.html")
    cmap = page.locator('section.iic-exercise[data-kind="contacts"]')
    add_contact(page, cmap, "Aunt Rosa", "Friends and family")
    assert "1 person in your tracker" in cmap.locator(".iic-contacts-area").inner_text()

    # Now make the worker fail on the contact map (as a bug in it would) and press Add:
    # the learner is told, and the map they had is still there.
    def broken_worker(route: Any) -> None:
        body = route.fetch().text()
        body = body.replace('} else if (type === "campaign") {',
                            '} else if (type === "campaign") { throw new Error("map bug");')
        assert "map bug" in body
        route.fulfill(body=body, content_type="text/javascript")

    page.route("**/iic-worker.mjs", broken_worker)
    page.reload()
    cmap = page.locator('section.iic-exercise[data-kind="contacts"]')
    cmap.get_by_label("Name or short description").fill("Dr Okoye")
    cmap.get_by_role("button", name="Add to my tracker").click()
    page.wait_for_function("el => Number(el.dataset.iicError || 0) >= 1",
                           arg=cmap.element_handle(), timeout=BOOT_MS)
    status = cmap.locator(".iic-ex-status").inner_text()
    assert "could not do that (map bug)" in status and "still saved" in status
    assert [c["name"] for c in saved(page, "iic:worksheet:contacts")["contacts"]] == [
        "Aunt Rosa"]
    traffic.assert_clean()


# ---- case 3: a large import answers quickly --------------------------------------------

def big_file(n: int) -> str:
    entries = {f"x{i:05d}": {"text": f"draft {i}", "options": {}, "history": [],
                             "saved_at": "2030-01-01T00:00:00Z"} for i in range(n)}
    return json.dumps({"format": "iic-saved-work", "version": 1, "exported_at": "",
                       "exercises": entries})


def timed_import(page: Any, site_url: str, text: str) -> tuple[float, float]:
    """(milliseconds the page measured from file choice to answer, wall seconds)."""
    page.goto(f"{site_url}/book/progress.html")
    page.evaluate("localStorage.clear()")
    root = open_progress(page, site_url)
    started = time.perf_counter()
    root.locator("input.iic-progress-file").set_input_files(files=[{
        "name": "interview_work.json", "mimeType": "application/json",
        "buffer": text.encode("utf-8")}])
    page.locator(".iic-progress[data-import-ms]").wait_for(timeout=120_000)
    wall = time.perf_counter() - started
    return float(root.get_attribute("data-import-ms")), wall


def bare_writes_ms(page: Any, text: str) -> float:
    """The floor in this browser, measured now: parse the file and write each entry."""
    return page.evaluate("""text => {
        localStorage.clear();
        const started = performance.now();
        const data = JSON.parse(text);
        for (const [k, v] of Object.entries(data.exercises))
            localStorage.setItem('iic:exercise:' + k, JSON.stringify(v));
        const ms = performance.now() - started;
        localStorage.clear();
        return ms; }""", text)


def test_case_3_twenty_thousand_entries_import_within_two_seconds(offline_context,
                                                                  site_url: str) -> None:
    """Timed in the page, from choosing the file to the answer on screen. Other work on
    the machine only ever adds time, so each size keeps its fastest of three runs."""
    context, traffic = offline_context
    page = context.new_page()
    small, big = big_file(2_000), big_file(20_000)
    small_ms = min(timed_import(page, site_url, small)[0] for _ in range(3))
    runs = [timed_import(page, site_url, big) for _ in range(3)]
    big_ms = min(ms for ms, _ in runs)
    floor_ms = min(bare_writes_ms(page, big) for _ in range(3))
    print(f"\nimport, fastest of 3: 2,000 entries {small_ms:.0f} ms; 20,000 entries "
          f"({len(big) / 1e6:.1f} MB) {big_ms:.0f} ms in the page "
          f"(wall {min(w for _, w in runs):.2f} s); 20,000 / 2,000 = {big_ms / small_ms:.1f}; "
          f"bare parse-and-write floor {floor_ms:.0f} ms, import / floor = "
          f"{big_ms / floor_ms:.1f}")
    assert big_ms < 2000, f"20,000 entries took {big_ms:.0f} ms"
    # Linear, not quadratic: ten times the entries took about a hundred times as long
    # before (3.5 s for 2,000, minutes for 20,000); allow thirty for noise.
    assert big_ms < 30 * max(small_ms, 30), (small_ms, big_ms)
    timed_import(page, site_url, big)  # the state the checks below read
    root = page.locator(".iic-progress")
    status = root.locator(".iic-progress-status").inner_text()
    assert "Exercises added from the file: x00000, x00001, x00002, x00003, x00004 and " \
        "19995 more." in status
    assert len(iic_keys(page)) == 20_000
    assert root.locator(".iic-progress-extra").count() == 51  # 50 rows and a summary row
    traffic.assert_clean()


# ---- case 4: the kit made from a foreign file -----------------------------------------

def test_case_4_kit_from_a_hostile_file_is_escaped(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    hostile = ("<script>alert(1)</script> [win](javascript:alert(2)) | x | "
               "<img src=x onerror=alert(3)>")
    import_file(page, site_url, {"format": "iic-saved-work", "version": 1, "exercises": {
        "pitch": {"text": hostile + "\n# heading", "saved_at": "2030-01-01T00:00:00Z"},
        "questions": {"text": "What | breaks | tables?\n<b>bold</b> question?",
                      "saved_at": "2030-01-01T00:00:00Z"}},
        "worksheets": {"contacts": {"circles": {"alumni": [{"name": "Eve | <i>x</i>",
                                                            "note": "javascript:alert(4)"}]},
                                    "first_three": ["Eve | <i>x</i>"]},
                       "planning": {"from_whom": "[me](javascript:x)"}}})
    root = open_progress(page, site_url)
    with page.expect_download() as info:
        root.locator(".iic-progress-kit").click()
    kit = open(info.value.path(), encoding="utf-8").read()
    assert not re.search(r"(?<!\\)[<>]", kit.replace("\n> ", "\n")), "an unescaped < or >"
    assert "javascript" not in kit.lower()
    assert "> \\<script\\>alert(1)\\</script\\>" in kit
    assert "> \\# heading" in kit
    assert "| Eve \\| \\<i\\>x\\</i\\> | Alumni | (unsafe link removed)(4) | 1 |" in kit
    for row in kit.splitlines():
        if row.startswith("| "):
            assert len(re.findall(r"(?<!\\)\|", row)) == 5, row
    traffic.assert_clean()


# ---- keys named like object methods, and a second tab -----------------------------------

def test_proto_and_constructor_keys_are_plain_names(offline_context, site_url: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    text = import_file(page, site_url, '{"format": "iic-saved-work", "version": 1, '
                       '"exercises": {"constructor": {"text": "c"}, "__proto__": {"text": "p"}},'
                       ' "quizzes": {"constructor": {"score": 1, "total": 2}}}')
    assert "replaced yours" not in text and "was kept" not in text
    assert "Exercises added from the file: constructor." in text
    assert "exercise \u201c__proto__\u201d could not be read" in text
    assert saved(page, "iic:exercise:constructor")["text"] == "c"
    assert saved(page, "iic:quiz:constructor")["score"] == 1
    assert saved(page, "iic:exercise:__proto__") is None
    assert any(r["value"] == {"text": "p"} for r in set_aside(page))
    traffic.assert_clean()


def wait_until(check: Any, seconds: float = 30) -> None:
    """Poll from Python (a page with a fake clock cannot poll for itself)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_second_tab_sees_changes_and_never_silently_overwrites(offline_context,
                                                                 site_url: str) -> None:
    context, traffic = offline_context
    one, two = context.new_page(), context.new_page()
    # Tab two's timers are paused for the second part, so the order of the two saves
    # is fixed: its draft save waits, as it would while a learner keeps typing.
    two.clock.install()
    for page in (one, two):
        page.goto(f"{site_url}/book/conversation.html")
    box_one = exercise(one, "thanks").locator("textarea")
    box_two = exercise(two, "thanks").locator("textarea")
    status_two = exercise(two, "thanks").locator(".iic-ex-status")
    # Typing in one tab shows up in the other, which had nothing unsaved.
    box_one.fill("Thank you for the tour of the lab.")
    wait_until(lambda: box_two.input_value() == "Thank you for the tour of the lab.")
    assert "Updated with the changes made in another tab." in status_two.inner_text()
    # Both tabs edit before either saves; tab one saves first (as when it is closed).
    two.clock.pause_at(datetime.now(UTC) + timedelta(seconds=1))
    box_two.press_sequentially(" Tab two")
    box_one.fill("Tab one's own words.")
    one.evaluate("window.dispatchEvent(new Event('pagehide'))")  # saves at once
    assert "Tab one" in one.evaluate("localStorage.getItem('iic:exercise:thanks')")
    wait_until(lambda: "also changed in another tab" in status_two.inner_text())
    assert box_two.input_value().endswith(" Tab two")  # tab two's typing is untouched
    # Tab two's save comes later: its words are saved and tab one's are set aside, said.
    two.clock.run_for(2000)
    wait_until(lambda: "Tab two" in two.evaluate("localStorage.getItem('iic:exercise:thanks')"))
    kept = [r["value"].get("text") for r in set_aside(two) if isinstance(r["value"], dict)]
    assert "Tab one's own words." in kept
    wait_until(lambda: "that tab's version was set aside" in status_two.inner_text())
    traffic.assert_clean()
