"""Input rules (rubric: "Input rules for every grader"), report shape, and speed.

Speed tests measure this process's CPU time, so other work on a shared machine does not
make them flaky; benchmarks/graders.py reports wall-clock numbers.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exercises.grading as grading
from exercises.grading import (
    Check,
    QuestionInfo,
    Report,
    classify_question,
    grade_goal,
    grade_pitch,
    grade_questions,
    grade_thank_you,
)
from exercises.grading.lexicon import check_specs
from exercises.grading.questions import split_questions

GRADERS = {
    "pitch": grade_pitch,
    "questions": grade_questions,
    "thanks": grade_thank_you,
    "goal": grade_goal,
}
RUBRIC_IDS = {
    "pitch": [
        "introduces_self",
        "connection",
        "why_them",
        "learning_purpose",
        "no_job_ask",
        "time_ask",
        "flexible_scheduling",
        "concise",
        "polite_close",
        "no_placeholders",
    ],
    "questions": [
        "count_fits_time",
        "mostly_open",
        "coverage",
        "asks_for_referral",
        "no_job_ask",
        "no_googleable",
        "no_duplicates",
        "single_focus",
    ],
    "thanks": [
        "gratitude",
        "specific_detail",
        "next_step",
        "keeps_in_touch",
        "concise",
        "no_job_ask",
        "no_placeholders",
    ],
    "goal": ["names_target", "learning_questions", "not_job_seeking"],
}
CATEGORIES = {
    "path",
    "day_to_day",
    "likes",
    "challenges",
    "trends",
    "fit_skills",
    "advice",
    "referrals",
    "culture",
    "other",
}
FLAGS = {"closed", "job_ask", "googleable", "double_barreled"}


def test_public_api() -> None:
    for name in (
        "grade_pitch",
        "grade_questions",
        "grade_thank_you",
        "grade_goal",
        "classify_question",
        "Report",
        "Check",
        "QuestionInfo",
    ):
        assert hasattr(grading, name)
    assert isinstance(classify_question("What do you enjoy most?"), QuestionInfo)


def _assert_well_formed(report: Report, kind: str) -> None:
    assert isinstance(report, Report)
    assert report.kind == kind
    assert 0 <= report.score <= 100 and isinstance(report.score, int)
    assert report.level in {"ready", "almost", "needs-work"}
    ids = [c.id for c in report.checks]
    for short in RUBRIC_IDS[kind]:
        assert f"{kind}.{short}" in ids
    assert len(ids) == len(set(ids))
    n = len(report.text)
    for c in report.checks:
        assert isinstance(c, Check)
        assert isinstance(c.passed, bool)
        assert c.message and c.label
        assert (c.tip == "") == c.passed
        assert c.weight >= 1
        for a, b in c.evidence:
            assert 0 <= a <= b <= n
    for q in report.questions:
        assert q.category in CATEGORIES
        assert q.flags <= FLAGS
        assert 0 <= q.start <= q.end <= n
        assert report.text[q.start : q.end] == q.text
    removed = report.meta.get("removed_from_order", [])
    assert sorted(report.suggested_order + removed) == list(range(len(report.questions)))
    json.dumps(report.to_dict())


@pytest.mark.parametrize("kind", list(GRADERS))
@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\u00a0"])
def test_empty_input(kind: str, text: str) -> None:
    r = GRADERS[kind](text)
    _assert_well_formed(r, kind)
    assert r.score == 0 and r.level == "needs-work"
    assert all("write" in c.message.lower() for c in r.checks)


@pytest.mark.parametrize("kind", list(GRADERS))
@pytest.mark.parametrize("bad", [None, b"bytes", 42, 3.5, object()])
def test_non_str_raises_type_error(kind: str, bad: object) -> None:
    with pytest.raises(TypeError, match="str"):
        GRADERS[kind](bad)


def test_question_list_inputs() -> None:
    r = grade_questions(["What do you do?", "How did you start?"])
    assert [q.text for q in r.questions] == ["What do you do?", "How did you start?"]
    with pytest.raises(TypeError, match="question 2"):
        grade_questions(["What do you do?", 5])
    with pytest.raises(TypeError):
        classify_question(None)
    with pytest.raises(TypeError):
        grade_questions("What?", minutes="30")
    with pytest.raises(ValueError):
        grade_questions("What?", minutes=0)
    with pytest.raises(ValueError):
        grade_pitch("Hi", channel="fax")


ODD_INPUTS = [
    "<script>alert('x')</script> Thank you! I'm Sam.",
    "\u0645\u0631\u062d\u0628\u0627 \u0643\u064a\u0641 \u062d\u0627\u0644\u0643\u061f"
    " \u05e9\u05dc\u05d5\u05dd",
    "\U0001f600\U0001f469\u200d\U0001f4bb thanks \U0001f64f",
    "\x00\x01\x02 control \x1b[31m chars \x7f",
    "\u0130stanbul \u0130\u0130\u0130 ﬁne ß",  # characters that change length when lower-cased
    "[[[[[[[[[[ {{{{{ <<<<<< ____ XXX",
    "?\n?\n?\n??? ...",
]


@pytest.mark.parametrize("kind", list(GRADERS))
@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_inputs(kind: str, text: str) -> None:
    _assert_well_formed(GRADERS[kind](text), kind)


def test_evidence_offsets_survive_normalising() -> None:
    text = (
        "Hi\u00a0Jo \u2014 I\u2019m Sam, a student. Could we talk for 15\u201320 minutes, "
        "whenever suits you? \u201cThanks!\u201d"
    )
    r = grade_pitch(text)
    ev = r.check("pitch.time_ask").evidence
    assert [text[a:b] for a, b in ev] == ["15\u201320 minutes"]
    name = "\u0130lkay"
    r = grade_pitch(f"Thanks, I'm {name} and {name}. Could we talk for 20 minutes?")
    assert [r.text[a:b] for a, b in r.check("pitch.time_ask").evidence] == ["20 minutes"]


def test_weights_are_published_in_data() -> None:
    for kind in GRADERS:
        specs = {s["id"]: s for s in check_specs(kind)}
        r = GRADERS[kind]("Thank you! I'm Sam, a student. What do you do?")
        for c in r.checks:
            assert c.weight == specs[c.id]["weight"]
            assert c.label == specs[c.id]["label"]
        rubric_min = min(specs[f"{kind}.{s}"]["weight"] for s in RUBRIC_IDS[kind])
        for cid, spec in specs.items():
            if ".extra." in cid:
                assert spec["weight"] < rubric_min


def test_extras_do_not_change_rubric_decisions() -> None:
    # The extras live under *.extra.* ids; removing them leaves the rubric checks as they were.
    r = grade_pitch("Sorry to bother you! I'm Sam, sorry. Could we talk for 20 minutes? Thanks.")
    assert not r.check("pitch.extra.not_over_apologetic").passed
    assert r.check("pitch.time_ask").passed and r.check("pitch.polite_close").passed


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.text(
    alphabet="abc XYZ[]<>{}_?.!,'\"\u2019\u2014\n-0123456789", max_size=400
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, kind=st.sampled_from(list(GRADERS)))
def test_property_any_text_gives_a_well_formed_report(text: str, kind: str) -> None:
    _assert_well_formed(GRADERS[kind](text), kind)


@settings(max_examples=100, deadline=None)
@given(items=st.lists(texts, max_size=25), minutes=st.integers(min_value=1, max_value=240))
def test_property_question_lists(items: list[str], minutes: int) -> None:
    r = grade_questions(items, minutes=minutes)
    _assert_well_formed(r, "questions")


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_property_classify_question(text: str) -> None:
    info = classify_question(text)
    assert info.category in CATEGORIES and info.flags <= FLAGS
    assert info.open_ended == ("closed" not in info.flags)
    json.dumps(info.to_dict())


def _cue_word_soup() -> str:
    """About 1 MB of lines made of category cue words, each line different."""
    import random

    rng = random.Random(1)
    words = (
        "what how do you the best most typical day advice skills like enjoy hardest future "
        "who else should i talk to and hiring founded"
    ).split()
    return "\n".join(" ".join(rng.choice(words) for _ in range(45)) for _ in range(4500))


ADVERSARIAL = [
    _cue_word_soup(),
    "a" * 1_000_000,
    "[" * 500_000 + "x" * 500_000,
    "you " * 250_000,
    "20 minutes " * 90_910,
    ("I'm a " * 40 + "\n") * 4_000,
    "your role at " * 80_000,
    "? " * 500_000,
    ", " * 500_000,
]


#: CPU seconds of 200 rounds of _reference_work() on the machine the 3 s cap below was set
#: on, idle (measured 0.144-0.147 s).
_REFERENCE_IDLE_S = 0.145


def _machine_slowdown() -> float:
    """How much slower plain Python runs now than on that idle machine (at least 1). CI runs
    the model retrains beside the tests: one run measured a 5,000-line list at 3.75 s of CPU
    that takes 2.25 s idle, with the grader unchanged."""
    best = min(_timed(lambda: [_reference_work() for _ in range(200)])[0] for _ in range(2))
    return max(1.0, best / _REFERENCE_IDLE_S)


T = TypeVar("T")


def _timed(work: Callable[[], T]) -> tuple[float, T]:
    """CPU seconds ``work`` took, and what it returned."""
    t0 = time.process_time()
    result = work()
    return time.process_time() - t0, result


def _grows_linearly(grade: Callable[[str], Report], text: str) -> Report:
    """Grade ``text`` and a tenth of it, in the same run: the whole may take at most 20
    times the tenth (linear work is 10 times; a quadratic step would be 100 times) and
    never more than 3 s of CPU on an idle machine (scaled by how much slower plain Python
    runs right now). A ratio, not a fixed budget, so a slower or busier machine does not
    fail it while a quadratic step still does; the quicker of two timings of each size is
    kept, so one scheduling hiccup does not decide."""
    tenth = text[: len(text) // 10]
    grade(tenth)  # warm the caches so both sizes do the same kind of work

    def cpu(t: str) -> tuple[float, Report]:
        return _timed(lambda: grade(t))

    small = min(cpu(tenth)[0] for _ in range(2))
    big, report = cpu(text)
    if big >= 20 * small + 0.05:
        big = min(big, cpu(text)[0])
    if big >= 3.0:
        slowdown = _machine_slowdown()
        assert big < 3.0 * slowdown, f"{big:.2f}s, with plain Python {slowdown:.2f} times slower"
    assert big < 20 * small + 0.05, f"{big:.3f}s for the whole, {small:.3f}s for a tenth"
    return report


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
@pytest.mark.parametrize("kind", list(GRADERS))
def test_one_megabyte_grades_in_linear_time(kind: str, text: str) -> None:
    r = _grows_linearly(GRADERS[kind], text)
    assert 0 <= r.score <= 100


def test_five_thousand_line_question_list() -> None:
    text = "\n".join(
        f"{i}. What did you learn from project {i} in your first year?" for i in range(5000)
    )
    r = _grows_linearly(grade_questions, text)
    assert len(r.questions) == 5000
    assert not r.check("questions.count_fits_time").passed


def _reference_work() -> list[str]:
    # Plain interpreter work of a fixed size: the yardstick for this machine, right now.
    return sorted(str(i * 7919 % 1000) for i in range(3000))


def test_typical_pitch_is_fast() -> None:
    """A typical pitch grades in at most 9 times a fixed piece of plain Python work timed
    alongside it (about 6 times on the machines measured; 3-7 ms). A ratio, not a fixed
    budget: the same code measured 4.1 to 6.8 ms on one machine within minutes, while the
    ratio stayed between 5.6 and 6.0."""
    text = (
        "Subject: Fellow alum curious about hospital pharmacy\n\nHi Dr. Osei,\n\n"
        "I'm a third-year pharmacy student. Professor Lin suggested I contact you because you "
        "moved from retail into hospital pharmacy at Mercy General. Would you have 20 minutes "
        "in the next few weeks to tell me how you made that switch? Happy to work around your "
        "schedule.\n\nThank you,\nAna"
    )
    grade_pitch(text)
    _reference_work()
    pitch, reference = [], []
    for _ in range(50):
        pitch.append(_timed(lambda: grade_pitch(text))[0])
        reference.append(_timed(_reference_work)[0])
    ratio = statistics.median(pitch) / statistics.median(reference)
    assert ratio < 9, f"{ratio:.1f} times the reference work ({statistics.median(pitch):.4f}s)"
    assert statistics.median(pitch) < 0.05


def test_bullets_without_a_space_and_two_numbered_questions_on_one_line() -> None:
    """Lists pasted from Japanese documents use "・" with no space; a question after it still
    starts with its auxiliary (closed). "1. ... 2. ..." on one line is two questions."""
    closed = grade_questions(
        "・Do you like working here?\n・Is it hard?\n・Do you travel?\n"
        "・Did you study EE?\n・What matters most for a new engineer?\n・Can I ask others too?"
    )
    assert not closed.check("questions.mostly_open").passed
    assert split_questions("1. what does ur company do 2. how did u get into it") == [
        "what does ur company do", "how did u get into it"]
    assert split_questions("1. How did you start in 2. years of work?") == [
        "How did you start in 2. years of work?"]


@pytest.mark.parametrize(
    "line,expected",
    [
        # A statement after the question on the same line stays with it.
        (
            "If a role opens up on your team, could you let me know? I'd love to be considered.",
            ["If a role opens up on your team, could you let me know? I'd love to be considered."],
        ),
        # An aside in brackets after a question is part of it.
        ("hardest part? (money?? isolation??)", ["hardest part? (money?? isolation??)"]),
        # A short yes/no check after an open question, "someone" as its subject.
        (
            "How did you learn to write grants? Did someone train you or was it trial and error?",
            ["How did you learn to write grants? Did someone train you or was it trial and error?"],
        ),
        # A heading-like lead does not hide the open question for the follow-up rule.
        (
            "background: how did you land your first book? was it a sample you pitched?",
            ["background: how did you land your first book? was it a sample you pitched?"],
        ),
        # A question written with a full stop, then another question: two questions ...
        (
            "What happens on a normal day inside. What's the most rewarding part?",
            ["What happens on a normal day inside.", "What's the most rewarding part?"],
        ),
        # ... but not after an abbreviation, and not after a request ("Walk me through").
        (
            "How does the grading work, e.g. what separates the two grades?",
            ["How does the grading work, e.g. what separates the two grades?"],
        ),
        (
            "Walk me through a typical week. How much time goes to meetings?",
            ["Walk me through a typical week. How much time goes to meetings?"],
        ),
        # Two different full questions on one line stay two.
        (
            "What is the most fun part? Is there a book you'd recommend?",
            ["What is the most fun part?", "Is there a book you'd recommend?"],
        ),
    ],
)
def test_one_line_splits_as_a_reader_would(line: str, expected: list[str]) -> None:
    assert split_questions(line) == expected


def test_statement_after_a_question_is_not_a_second_question() -> None:
    """ "Is your team hiring? My contract ends in June." asks one thing (a job ask), not
    two; "... ? and is that changing now" still asks a second question."""
    assert "double_barreled" not in classify_question(
        "Is your team hiring right now? My contract ends in June.").flags
    assert "double_barreled" in classify_question(
        "Have most of your projects been government or private? and is that changing now").flags


def test_unnumbered_short_line_in_a_numbered_list_is_a_heading() -> None:
    text = (
        "Day to day\n1. What does a week look like for you?\n2. Which tools do you use?\n"
        "What you like / don't\n3. What's the most fun part of the job?\n"
        "4. What's the most frustrating part?\nTell me about your favourite project"
    )
    assert split_questions(text) == [
        "What does a week look like for you?", "Which tools do you use?",
        "What's the most fun part of the job?", "What's the most frustrating part?",
        "Tell me about your favourite project",
    ]
