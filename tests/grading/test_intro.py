"""The 30-second introduction grader (``intro.*``): fixtures, input rules, boundaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.grading import rubric
from exercises.grading.intro import grade_intro
from exercises.grading.lexicon import check_specs
from exercises.render import grade_and_render, grade_report

MAX_WORDS = rubric.param("intro.length", "max_words")
MIN_WORDS = rubric.param("intro.length", "min_words")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "practice" / "intros_round1.jsonl"
IDS = [
    "intro.who",
    "intro.exploring",
    "intro.why_them",
    "intro.length",
    "intro.no_job_ask",
    "intro.extra.hands_over",
]
GOOD = (
    "I'm Sam, a second-year chemistry student. I'm trying to choose between lab research and "
    "science policy. You moved from a lab into policy five years ago, so I'd love to hear how "
    "you made that choice."
)


def _fixtures() -> list[dict]:
    return [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("item", _fixtures(), ids=lambda i: i["id"])
def test_fixture_labels(item):
    r = grade_intro(item["text"])
    got = {cid: r.check(cid).passed for cid in item["labels"]}
    assert got == item["labels"]


def test_checks_follow_the_published_specs():
    r = grade_intro(GOOD)
    assert [c.id for c in r.checks] == IDS == [s["id"] for s in check_specs("intro")]
    specs = {s["id"]: s for s in check_specs("intro")}
    for c in r.checks:
        assert c.label == specs[c.id]["label"] and c.weight == specs[c.id]["weight"]
        assert c.passed, c.message
        assert c.tip == ""
    assert r.score == 100 and r.level == "ready" and r.kind == "intro"


def test_the_course_chapter_examples():
    weak = (
        "Hi, I'm Sam. I'm interested in lots of things at the moment and I'm looking for a "
        "job, so anything you can tell me would be great."
    )
    r = grade_intro(weak)
    assert not r.check("intro.exploring").passed and not r.check("intro.why_them").passed
    assert not r.check("intro.no_job_ask").passed and r.level == "needs-work"
    for c in r.checks:
        assert c.passed or c.tip


def test_length_boundaries():
    base = (
        "I'm Sam, a nurse thinking about informatics because your move from the wards inspired me"
    )
    n = len(base.split())

    def text(words: int) -> str:
        return base + " really" * (words - n) + "."

    assert grade_intro(text(MAX_WORDS)).check("intro.length").passed
    assert not grade_intro(text(MAX_WORDS + 1)).check("intro.length").passed
    assert grade_intro(text(MIN_WORDS)).check("intro.length").passed
    short = "I'm Sam, a nurse thinking about informatics."
    assert not grade_intro(short).check("intro.length").passed
    assert "seconds" in grade_intro(text(MAX_WORDS + 10)).check("intro.length").message


def test_evidence_points_at_the_words():
    r = grade_intro(GOOD)
    for c in r.checks:
        for a, b in c.evidence:
            assert 0 <= a < b <= len(GOOD)
    a, b = r.check("intro.who").evidence[0]
    assert GOOD[a:b].startswith("I'm Sam")


def test_empty_and_non_str():
    r = grade_intro("   ")
    assert r.score == 0 and r.level == "needs-work"
    assert all("introduction" in c.message for c in r.checks)
    for bad in (None, b"hi", 3):
        with pytest.raises(TypeError):
            grade_intro(bad)


@given(st.text(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_never_raises_on_any_string(text):
    r = grade_intro(text)
    assert 0 <= r.score <= 100
    json.dumps(r.to_dict())


def test_through_the_renderer():
    assert grade_report("intro", GOOD).kind == "intro"
    html = grade_and_render("intro", "<script>alert(1)</script> I am Jo, exploring law.")
    assert "Feedback on your 30-second introduction" in html and "<script>alert" not in html
    assert "does not take the option" in grade_and_render("intro", GOOD, channel="email")


def test_a_long_paste_is_fast():
    import time

    text = (GOOD + " ") * 5000
    start = time.process_time()
    grade_intro(text)
    assert time.process_time() - start < 2.0
