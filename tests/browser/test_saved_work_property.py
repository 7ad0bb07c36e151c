"""Property test: random JSON values in every saved-work key, read by every reader on
the book's pages (the exercise runtime and its worker, a quiz, the campaign tracker,
the progress page). Whatever is stored: no page error, the other exercises keep working,
and nothing the learner typed is lost (it is shown, or kept in the set-aside list).

The notebook's reader (exercises.storage) gets the same treatment in
tests/test_storage_property.py.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.saved_schema import fit_entry, parse_json, storage_rule

from ..saved_values import NO_SHRINK, json_values, numbers_as_floats, shaped_like
from .conftest import new_offline_context
from .test_inpage_exercises import check, exercise
from .test_progress_page import open_progress
from .test_quiz_static import open_quiz

TYPED = "Thank you for the tour of the lab, Dana. I will read the report you mentioned."
KEYS = ("iic:exercise:pitch", "iic:exercise:goal", "iic:exercise:questions",
        "iic:exercise:constructor", "iic:worksheet:planning", "iic:worksheet:contacts",
        "iic:worksheet:beliefs", "iic:quiz:pitching", "iic:rehearsals", "iic:set-aside")


def raw_for(key: str) -> st.SearchStrategy[str]:
    """What a damaged or foreign store could hold: JSON near the entry's shape, any JSON,
    or text that is not JSON at all."""
    rule = storage_rule(key)
    shaped = shaped_like({"$ref": f"#/$defs/{rule['def']}"})
    return st.one_of(shaped.map(json.dumps), json_values.map(json.dumps),
                     st.sampled_from(["{", "undefined", "NaN", "[1,", '{"text": "a"']))


stores = st.sets(st.sampled_from(KEYS), min_size=3, max_size=len(KEYS)).flatmap(
    lambda keys: st.fixed_dictionaries({k: raw_for(k) for k in sorted(keys)}))


def lost_parts(stored: dict[str, str], aside: list[Any]) -> list[str]:
    """Keys whose stored value did not fit and is not in the set-aside list as it was."""
    # Compared as doubles: JavaScript writes big numbers back with other digits.
    kept = [numbers_as_floats(r.get("value")) for r in aside if isinstance(r, dict)]
    missing = []
    for key, raw in stored.items():
        try:
            value = parse_json(raw)  # refuses NaN, as the page's JSON.parse does
        except ValueError:
            value = raw  # not JSON: kept as the text it was
        if key == "iic:set-aside":
            continue  # the list itself: a bad record in it is dropped, there is no other place
        _, problems = fit_entry(storage_rule(key)["def"], value)
        if problems and numbers_as_floats(value) not in kept:
            missing.append(key)
    return missing


# Each example loads the progress page in a fresh context (about 20 s): four per run keep
# the whole CI run under its 30 minutes, and a new seed each run widens the search over time.
@settings(max_examples=4, deadline=None, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(stores)
def test_random_saved_values_never_break_a_page(browser, site_url: str,
                                                stored: dict[str, str]) -> None:
    context, traffic = new_offline_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/book/progress.html")
        page.evaluate("""values => { localStorage.clear();
            for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); }""",
                      {**stored, "iic:exercise:thanks": json.dumps({"text": TYPED})})

        # The coaches: the typed note is back, and another exercise still checks.
        page.goto(f"{site_url}/book/coaches.html")
        assert exercise(page, "thanks").locator("textarea").input_value() == TYPED
        goal = exercise(page, "goal")
        goal.locator("textarea").fill("I want to learn what a hospital pharmacist does all day.")
        check(goal)
        assert goal.locator(".iic-feedback .iic-score-text").count() == 1

        # A quiz reads its saved answers, shuffles, and checks.
        quiz = open_quiz(page, site_url, "pitching", "pitching")
        quiz.locator("button.iic-quiz-check").click()
        assert quiz.locator(".iic-quiz-score").get_attribute("data-total")

        # The campaign tracker (read by the page and by the worker) still adds people.
        page.goto(f"{site_url}/book/finding-people.html")
        cmap = page.locator('section.iic-exercise[data-kind="contacts"]')
        before = int(cmap.get_attribute("data-iic-mapped") or 0)
        cmap.get_by_label("Name or short description").fill("Aunt Rosa")
        cmap.get_by_role("button", name="Add to my tracker", exact=True).click()
        page.wait_for_function("([el, n]) => Number(el.dataset.iicMapped || 0) > n",
                               arg=[cmap.element_handle(), before], timeout=60_000)
        # The counter also moves when the saved list is first drawn, which can come after
        # `before` was read: wait for the added name itself before reading the list.
        cmap.locator(".iic-contacts-area", has_text="Aunt Rosa").wait_for(timeout=60_000)
        assert "Aunt Rosa" in cmap.locator(".iic-contacts-area").inner_text()

        # The progress page shows and exports everything, the typed note included.
        root = open_progress(page, site_url)
        with page.expect_download() as info:
            root.locator(".iic-progress-export").click()
        exported = json.loads(open(info.value.path(), encoding="utf-8").read())
        assert exported["exercises"]["thanks"]["text"] == TYPED
        assert not lost_parts(stored, exported["set_aside"]), exported["set_aside"]
        traffic.assert_clean()
    finally:
        context.close()
