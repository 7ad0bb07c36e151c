"""The one saved-work schema and its two readers (Python and the browser's JavaScript).

Unit tests pin what ``fit`` keeps and drops; the property test runs the JavaScript
reader under Node on the same random values as the Python reader and requires the
same kept value, the same dropped paths and the same message, so the two cannot drift.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.saved_merge import merge_documents, time_ms
from exercises.saved_schema import (
    MISSING,
    entry_message,
    fit,
    fit_document,
    fit_entry,
    parse_json,
    schema,
    storage_rule,
)

from .saved_values import NO_SHRINK, cases, documents, numbers_as_floats, run_node


def test_a_bad_part_is_dropped_and_the_rest_kept() -> None:
    # Issue 14, case 1: options as a string used to stop the whole page.
    entry = {"text": "x", "options": "email", "saved_at": "2030-01-01T00:00:00Z"}
    kept, problems = fit_entry("exercise", entry)
    assert kept == {"text": "x", "saved_at": "2030-01-01T00:00:00Z"}
    assert problems == ["options"]


def test_contacts_with_a_number_for_a_circle_keep_the_other_circles() -> None:
    # Issue 14, case 2: {"circles": {"friends_family": 5}} broke every later "Add".
    kept, problems = fit_entry("contacts", {"circles": {
        "friends_family": 5, "alumni": [{"name": "Ana", "note": "met at a fair"}, {"note": "?"}]},
        "first_three": ["Ana", 3]})
    assert kept == {"circles": {"alumni": [{"name": "Ana", "note": "met at a fair"}]},
                    "first_three": ["Ana"]}
    assert problems == ["circles.friends_family", "circles.alumni[1].name", "first_three[1]"]


def test_an_entry_of_the_wrong_type_does_not_fit_at_all() -> None:
    for value in ("text", 3, None, [1], True):
        kept, problems = fit_entry("exercise", value)
        assert kept is MISSING and problems == [""]


def test_names_that_are_object_methods_are_plain_names() -> None:
    kept, problems = fit_entry("document", {"exercises": {
        "constructor": {"text": "a"}, "__proto__": {"text": "b"}, "toString": {"text": "c"}}})
    # "constructor" is a valid name; "__proto__" and "toString" do not match the name
    # pattern (lower case, digits, - and _ only, not first), so they are dropped.
    assert kept["exercises"] == {"constructor": {"text": "a"}}
    assert problems == ["exercises.__proto__", "exercises.toString"]


def test_types_bounds_patterns_and_lengths_match_javascript() -> None:
    assert fit(1.0, {"type": "integer"})[0] == 1.0  # JSON.parse("1.0") is the integer 1
    assert fit(True, {"type": "integer"})[0] is MISSING  # a boolean is not a number
    assert fit(5, {"type": "number", "maximum": 4})[0] is MISSING
    # "$" does not match before a final newline in JavaScript, so not here either.
    assert fit("abc\n", {"type": "string", "pattern": "^[a-z]+$"})[0] is MISSING
    # One emoji is two UTF-16 units, as JavaScript counts string length.
    assert fit("\U0001f600", {"type": "string", "maxLength": 1})[0] is MISSING
    assert fit("\U0001f600", {"type": "string", "maxLength": 2})[0] == "\U0001f600"
    with pytest.raises(ValueError):
        parse_json('{"score": NaN}')


def test_storage_keys_map_to_definitions() -> None:
    assert storage_rule("iic:exercise:pitch")["def"] == "exercise"
    assert storage_rule("iic:worksheet:contacts")["def"] == "contacts"
    assert storage_rule("iic:worksheet:beliefs")["def"] == "beliefs"  # issue 13's grid
    assert storage_rule("iic:worksheet:other")["def"] == "worksheet"
    assert storage_rule("iic:quiz:planning")["section"] == "quizzes"
    assert storage_rule("iic:rehearsals")["def"] == "rehearsals"
    assert storage_rule("iic:exercise:Bad Name") is None
    assert storage_rule("other:key") is None


def test_messages_name_the_entry_and_the_parts() -> None:
    rule = storage_rule("iic:exercise:pitch")
    assert "exercise \u201cpitch\u201d" in entry_message(rule, ["options"])
    assert "(options)" in entry_message(rule, ["options"])
    many = entry_message(rule, ["a", "b", "c", "d", "e"])
    assert "(a, b, c and 2 more)" in many
    assert entry_message(rule, [""]).startswith("Your saved exercise")
    assert entry_message(rule, []) == ""


# ---- the property test: Python and JavaScript give the same answer ---------------------

@settings(max_examples=40, deadline=None, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases)
def test_javascript_reader_agrees_with_python(pairs: list[tuple[str, Any]]) -> None:
    payload = {"schema": schema(),
               "cases": [{"op": "fit", "def": d, "value": v} for d, v in pairs]}
    got = run_node("saved_work_cli.js", payload)
    for (def_name, value), js in zip(pairs, got, strict=True):
        kept, problems = fit_entry(def_name, value)
        py = {"ok": kept is not MISSING, "value": None if kept is MISSING else kept,
              "problems": problems}
        # Objects are compared as values: JavaScript lists integer-like keys first.
        assert js["ok"] == py["ok"], (def_name, value)
        assert numbers_as_floats(js["value"]) == numbers_as_floats(py["value"]), (def_name, value)
        assert sorted(js["problems"]) == sorted(py["problems"]), (def_name, value)


@settings(max_examples=5, deadline=None, phases=NO_SHRINK)
@given(st.lists(st.text(max_size=30) | st.sampled_from([
    "iic:exercise:pitch", "iic:exercise:__proto__", "iic:exercise:constructor",
    "iic:worksheet:planning", "iic:worksheet:contacts", "iic:worksheet:x", "iic:quiz:",
    "iic:quiz:q-1", "iic:rehearsals", "iic:set-aside", "iic:exercise:A"]).map(str),
    min_size=20, max_size=40),
    st.lists(st.text(max_size=8), max_size=6))
def test_javascript_rules_and_messages_agree_with_python(keys: list[str],
                                                         problems: list[str]) -> None:
    payload = {"schema": schema(), "cases": [{"op": "rule", "key": k} for k in keys]
               + [{"op": "message", "key": k, "problems": problems} for k in keys
                  if storage_rule(k)]}
    got = run_node("saved_work_cli.js", payload)
    rules = got[:len(keys)]
    for key, js in zip(keys, rules, strict=True):
        assert js == storage_rule(key), key
    messages = iter(got[len(keys):])
    for key in keys:
        if storage_rule(key):
            assert next(messages) == entry_message(storage_rule(key), problems), key


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(max_examples=25, deadline=None, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(documents, min_size=5, max_size=15))
def test_javascript_document_check_agrees_with_python(docs: list[dict[str, Any]]) -> None:
    got = run_node("saved_work_cli.js", {"schema": schema(),
                    "cases": [{"op": "document", "value": d} for d in docs]})
    for doc, js in zip(docs, got, strict=True):
        kept, dropped = fit_document(doc)
        assert numbers_as_floats(js["doc"]) == numbers_as_floats(kept), doc
        def same_order(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
            # JavaScript visits integer-like keys first, so paths may come in another order.
            return sorted((dict(r, parts=sorted(r["parts"])) for r in records),
                          key=lambda r: r["where"])

        assert numbers_as_floats(same_order(js["dropped"])) == numbers_as_floats(
            same_order(dropped)), doc


times = st.sampled_from([
    "2030-01-01T00:00:00Z", "2030-01-01T00:00:00.5Z", "2030-01-01T00:00:00.123456Z",
    "2026-11-26T09:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T12:00:00Z",
    "2023-02-29T12:00:00Z", "2030-13-01T00:00:00Z", "2030-01-01T24:00:00Z",
    "2030-01-01T00:00:00", "2030-01-01", "Jan 1 2030", "", "1969-12-31T23:59:59Z",
]) | st.text(max_size=8)


def timed(entry: st.SearchStrategy[Any], field: str) -> st.SearchStrategy[Any]:
    """Entries that carry a time from ``times`` most of the time, so merges compare."""
    return st.tuples(entry, times).map(
        lambda pair: {**pair[0], field: pair[1]} if isinstance(pair[0], dict) else pair[0])


history_entries = st.lists(st.fixed_dictionaries({"score": st.integers(0, 100),
                                                  "saved_at": times}), max_size=4)
exercise_entries = timed(st.fixed_dictionaries(
    {"text": st.sampled_from(["a", "b", "c"])}, optional={"history": history_entries}),
    "saved_at")
merge_docs = st.fixed_dictionaries({}, optional={
    "exercises": st.dictionaries(st.sampled_from(["goal", "pitch", "constructor", "x-1"]),
                                 exercise_entries, max_size=4),
    "worksheets": st.dictionaries(st.sampled_from(["planning", "contacts", "beliefs"]),
                                  timed(st.fixed_dictionaries({}), "saved_at"), max_size=3),
    "quizzes": st.dictionaries(
        st.sampled_from(["pitching", "planning", "constructor"]),
        st.fixed_dictionaries({"seed": st.integers(0, 9)}, optional={
            "score": st.integers(0, 3), "total": st.integers(1, 3), "updated": times}),
        max_size=3),
    "rehearsals": st.lists(st.fixed_dictionaries({"persona": st.sampled_from(["a", "b"])}),
                           max_size=3),
    "set_aside": st.lists(st.fixed_dictionaries({"where": st.sampled_from(["x", "y"])}),
                          max_size=2),
})


@settings(max_examples=25, deadline=None, phases=NO_SHRINK)
@given(st.lists(st.tuples(merge_docs, merge_docs), min_size=10, max_size=30),
       st.lists(times, min_size=10, max_size=20))
def test_javascript_merge_agrees_with_python(pairs: list[tuple[dict, dict]],
                                             stamps: list[str]) -> None:
    got = run_node("saved_work_cli.js", {"schema": schema(), "cases": [
        {"op": "merge", "base": a, "incoming": b} for a, b in pairs]
        + [{"op": "time", "value": t} for t in stamps]})
    for (a, b), js in zip(pairs, got, strict=False):
        merged, messages, changed = merge_documents(fit_document(a)[0], fit_document(b)[0])
        assert js["messages"] == messages, (a, b)
        assert js["changed"] == changed, (a, b)
        assert js["doc"] == merged, (a, b)
    for stamp, js in zip(stamps, got[len(pairs):], strict=True):
        assert js == time_ms(stamp), stamp


def test_the_property_test_can_fail() -> None:
    """A changed rule in one reader shows up: the JS reader fed a different schema."""
    changed = json.loads(json.dumps(schema()))
    changed["$defs"]["exercise"]["properties"]["options"]["type"] = "string"
    got = run_node("saved_work_cli.js", {"schema": changed, "cases": [
        {"op": "fit", "def": "exercise", "value": {"text": "x", "options": "email"}}]})
    assert got[0]["problems"] != fit_entry("exercise", {"text": "x", "options": "email"})[1]
