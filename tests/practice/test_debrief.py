"""The debrief: measured level and opening, honest topics, grammatical tips, saved work."""

from __future__ import annotations

import json
import re

import pytest

from exercises.practice import (
    Rehearsal,
    Turn,
    build_debrief,
    load_persona,
    render_debrief,
    transcript_html,
    transcript_markdown,
)
from exercises.practice.debrief import MOMENT_PHRASES, _moment_tip
from exercises.practice.moments import GUIDE, LABELS
from exercises.practice.personas import list_personas, persona_ids
from exercises.storage import WorkStore

NASTY = '<script>alert("x")</script> What do you enjoy & why?'
PRAISE = re.compile(r"\b(?:good|great|well|strong|solid|nice|excellent|brilliant)\b", re.I)


def assert_sentence(s: str) -> None:
    """A tip or strength reads as a whole sentence."""
    assert s[:1].isupper(), s
    assert s.rstrip("\u201d").endswith((".", "?", "!")), s
    assert "  " not in s and "{" not in s and "}" not in s, s
    assert not re.search(r"\b(\w+) \1\b", s, re.I), s  # no doubled word ("the the")
    assert not re.search(r"\byou mentioned \w+;", s, re.I), s  # the "You mentioned mouse;"


def _run() -> Rehearsal:
    r = Rehearsal("amara-okafor", minutes=20, seed=0)
    r.ask(NASTY)
    r.ask("Tell me more about that <img src=x onerror=alert(1)>")
    r.ask("Are you hiring? <b>please</b>")
    r.ask("Thank you for your time! Who else should I talk to?")
    return r


def test_debrief_is_a_pure_function_of_saved_turns():
    r = _run()
    live = r.debrief()
    saved = json.loads(json.dumps(r.transcript()))
    again = build_debrief(r.persona, r.minutes, saved, r.end_reason)
    assert again.to_dict() == live.to_dict()
    assert live.follow_ups == ["Tell me more about that <img src=x onerror=alert(1)>"]
    assert live.job_asks == ["Are you hiring? <b>please</b>"]


def test_rehearsals_saved_before_this_version_still_debrief():
    """Older saved turns have only the old fields; the progress page re-reads them."""
    old = [
        {"number": 1, "question": "How did you get into this?", "reply": "...", "kind": "answer",
         "category": "path", "open_ended": True, "flags": [], "follow_up": False, "cost": 2.5,
         "elapsed": 2.5, "time_note": "", "state": "open"},
        {"number": 2, "question": "Do you like it?", "reply": "Yes.", "kind": "closed",
         "category": "likes", "open_ended": False, "flags": ["closed"], "follow_up": False,
         "cost": 0.5, "elapsed": 3.0, "time_note": "", "state": "open"},
        {"number": 3, "question": "Thanks for your time!", "reply": "...", "kind": "close",
         "category": "other", "open_ended": True, "flags": [], "follow_up": False, "cost": 1.0,
         "elapsed": 4.0, "time_note": "", "state": "ended"},
    ]  # fmt: skip
    d = build_debrief(load_persona("rhys-morgan"), 20, old, "close")
    assert d.categories_covered == ["path"] and d.thanked and d.questions_asked == 2
    assert d.level in ("good", "mixed", "poor")
    render_debrief(d)
    # A debrief dict saved before the level existed renders as well.
    saved = {k: v for k, v in d.to_dict().items() if k not in ("level", "headline", "moments")}
    assert "level" not in saved


def test_html_escapes_learner_text():
    r = _run()
    page = render_debrief(r.debrief())
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>please" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Debrief: your interview with Amara Okafor" in page
    assert "Done" in page and "Not yet" in page  # words, not only icons
    assert 'class="iic-level"' in page and "Overall:" in page
    chat = transcript_html(r)
    assert "&lt;script&gt;" in chat and "<script>alert" not in chat
    assert 'aria-live="polite"' in chat and 'role="log"' in chat


def test_markdown_transcript():
    r = Rehearsal("amara-okafor", minutes=20, seed=0, intro="I'm Jo, a <b>nurse</b>.")
    r.ask(NASTY)
    r.ask("I'm a nurse thinking about informatics. What's the hardest part?")
    r.ask("Thank you for your time! Who else should I talk to?")
    md = transcript_markdown(r, "2026-11-26T09:00:00Z")
    assert md.startswith("# Practice interview with Amara Okafor")
    assert "**You:** &lt;script&gt;" in md and "&lt;b&gt;nurse" in md
    assert "## Debrief" in md and "### Try next time" in md and "Overall:" in md
    assert "Tomás Reyes" in md and "Asked about you (well)" in md


def test_empty_conversation_debrief():
    r = Rehearsal("rhys-morgan", minutes=15)
    r.end()
    d = r.debrief()
    assert d.questions_asked == 0 and d.categories_covered == []
    assert d.level == "poor" and d.headline == "You did not ask Rhys any questions this time."
    assert 2 <= len(d.suggestions) <= 3
    render_debrief(d)


def test_long_quotes_are_shortened():
    r = Rehearsal("rhys-morgan", minutes=30)
    r.ask("Are you hiring, " + "really " * 60 + "?")
    d = r.debrief()
    assert d.job_asks and len(d.job_asks[0]) <= 140 and d.job_asks[0].endswith("…")


def test_saved_with_other_work(tmp_path):
    store = WorkStore(tmp_path / "interview_work.json")
    r = _run()
    store.add_rehearsal(r.record("2026-11-26T09:00:00Z"))
    again = WorkStore(tmp_path / "interview_work.json")
    [saved] = again.data["rehearsals"]
    assert saved["persona"] == "amara-okafor" and saved["minutes"] == 20
    assert saved["debrief"]["closed_well"] is True and saved["debrief"]["level"]
    assert saved["transcript"][0]["question"] == NASTY


def test_warnings_are_shown_in_words():
    r = Rehearsal("tariq-hassan", minutes=20, seed=2)
    r.ask("What do you like most and what do you like least?")
    r.ask("Where is your firm based?")
    r.ask("Could you put in a word for me for an internship?")
    d = r.debrief()
    assert d.double_barreled == ["What do you like most and what do you like least?"]
    page = render_debrief(d)
    assert page.count("Watch out") == 3
    assert "Questions that asked two things at once" in page


# -- level and opening sentence ---------------------------------------------------------


def T(n, q, kind="answer", category="path", open_ended=True, **kw) -> Turn:
    parts = kw.pop("parts", ["question"])
    answered = kw.pop("answered", category if kind in ("answer", "follow_up") else "")
    return Turn(n, q, "...", kind, category, open_ended, parts=parts, answered=answered,
                elapsed=n * 2.0, **kw)  # fmt: skip


GOOD = [
    T(1, "How did you start?"),
    T(2, "What does a week look like?", category="day_to_day"),
    T(3, "You mentioned the loft; what happened?", kind="follow_up", follow_up=True),
    T(4, "What do you enjoy?", category="likes"),
    T(5, "What's hard?", category="challenges"),
    T(6, "Thank you! Who else should I talk to?", kind="close", category="referrals",
      parts=["thanks", "question"]),
]  # fmt: skip


def test_a_well_run_interview_is_good_and_opens_with_praise():
    d = build_debrief(load_persona("rhys-morgan"), 20, GOOD, "close")
    assert d.level == "good" and d.problems == []
    assert d.headline.startswith("A well-run interview: open questions on four topics")
    for s in d.strengths + d.suggestions + [d.headline]:
        assert_sentence(s)


@pytest.mark.parametrize(
    ("change", "problem", "opening"),
    [
        (lambda ts: ts.insert(0, T(0, "Are you hiring?", kind="job_ask", flags=["job_ask"])),
         "job_asks", "You asked Rhys for a job once"),
        (lambda ts: ts.__setitem__(-1, T(6, "Who else should I talk to?", kind="close",
                                         category="referrals")),
         "no_thanks", "You did not thank Rhys"),
        (lambda ts: ts.insert(5, T(5, "What's next?", category="trends", time_note="up")),
         "ran_over", "The interview ran over"),
        (lambda ts: ts.__setitem__(slice(0, 5), [
            T(i, "Is it hard?", kind="closed", category="challenges", open_ended=False)
            for i in range(5)]),
         "mostly_closed", "Five of your five questions could be answered with yes or no"),
    ],
)  # fmt: skip
def test_a_serious_problem_never_opens_with_praise(change, problem, opening):
    turns = list(GOOD)
    change(turns)
    d = build_debrief(load_persona("rhys-morgan"), 20, turns, "close")
    assert problem in d.problems and d.level != "good"
    assert d.headline.startswith(opening), d.headline
    assert not PRAISE.search(d.headline), d.headline


def test_two_serious_problems_are_poor():
    turns = [T(1, "Are you hiring?", kind="job_ask", flags=["job_ask"]),
             T(2, "Is it hard?", kind="closed", open_ended=False),
             T(3, "Do you like it?", kind="closed", open_ended=False)]  # fmt: skip
    d = build_debrief(load_persona("rhys-morgan"), 20, turns, "learner")
    assert d.level == "poor" and {"job_asks", "mostly_closed", "no_thanks"} <= set(d.problems)


def test_topics_count_only_through_open_questions_that_got_an_answer():
    turns = [
        T(1, "Did you go to university?", kind="closed", category="path", open_ended=False),
        T(2, "Is it hard?", kind="closed", category="challenges", open_ended=False),
        T(3, "What does your company do?", kind="googleable", category="day_to_day"),
        T(4, "What do you enjoy?", kind="repeat", category="likes"),
        T(5, "What is changing?", category="trends"),
    ]
    d = build_debrief(load_persona("rhys-morgan"), 20, turns, "learner")
    assert d.categories_covered == ["trends"]


def test_the_coverage_goal_follows_the_time_available():
    assert build_debrief(load_persona("priya-raman"), 20, GOOD, "close").coverage_goal == 2
    assert build_debrief(load_persona("rhys-morgan"), 15, GOOD, "close").coverage_goal == 3
    assert build_debrief(load_persona("rhys-morgan"), 30, GOOD, "close").coverage_goal == 4


# -- tips are whole sentences, built from recorded phrases ------------------------------


@pytest.mark.parametrize("pid", persona_ids())
def test_the_missed_detail_tip_reads_well_for_every_detail(pid):
    p = load_persona(pid)
    for a in p.all_answers():
        if a.detail is None:
            continue
        turns = [
            Turn(1, "Tell me about it.", a.text, "answer", a.category, True, parts=["question"],
                 answered=a.category, elapsed=2.0),
            Turn(2, "Is it hard?", "Yes.", "closed", "challenges", False, parts=["question"],
                 elapsed=2.5),
        ]  # fmt: skip
        d = build_debrief(p, 20, turns, "learner")
        [tip] = [s for s in d.suggestions if s.startswith("Listen for details")]
        assert a.detail.phrase in tip and a.detail.ask in tip
        assert_sentence(tip)


@pytest.mark.parametrize("kind", sorted(GUIDE))
@pytest.mark.parametrize("handled", ["poorly", "long", "ignored", "no reply"])
def test_moment_tips_read_well(kind, handled):
    p = next(x for x in list_personas() if x.moment(kind) or kind == "address")
    m = {"kind": kind, "label": LABELS[kind], "said": "", "handled": handled,
         "reply": "" if handled == "no reply" else "Oh, maybe later, what else do you do",
         "guide": GUIDE[kind]}  # fmt: skip
    tip = _moment_tip(m, p.called, p)
    assert_sentence(tip)
    if kind != "address":
        assert MOMENT_PHRASES[kind] in tip and GUIDE[kind] in tip


def test_every_tip_and_strength_in_the_corpus_reads_well():
    from benchmarks.rehearsal_corpus import load_conversations, run_conversation

    for conv in load_conversations():
        _, r = run_conversation(conv)
        d = r.debrief()
        for s in [d.headline, *d.strengths, *d.suggestions]:
            assert_sentence(s)
        assert 1 <= len(d.suggestions) <= 3


def test_the_intro_is_graded_and_shown():
    r = Rehearsal(
        "amara-okafor",
        seed=0,
        intro="I'm Jo, a staff nurse thinking about moving into health informatics. You moved "
        "from intensive care into informatics, so I'd love to hear how you did it.",
    )
    r.ask("How did you get into this work?")
    r.end()
    d = r.debrief()
    assert d.intro["score"] >= 85 and d.intro["level"] == "ready"
    assert "Your 30-second introduction" in render_debrief(d)
    assert r.record()["intro"].startswith("I'm Jo")
