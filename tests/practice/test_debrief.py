"""The debrief: pure function of the transcript, JSON-friendly, escaped HTML, saved with work."""

from __future__ import annotations

import json

from exercises.practice import (
    Rehearsal,
    build_debrief,
    render_debrief,
    transcript_html,
    transcript_markdown,
)
from exercises.storage import WorkStore

NASTY = '<script>alert("x")</script> What do you enjoy & why?'


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


def test_html_escapes_learner_text():
    r = _run()
    page = render_debrief(r.debrief())
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>please" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Debrief: your interview with Amara Okafor" in page
    assert "Done" in page and "Not yet" in page  # words, not only icons
    chat = transcript_html(r)
    assert "&lt;script&gt;" in chat and "<script>alert" not in chat
    assert 'aria-live="polite"' in chat and 'role="log"' in chat


def test_markdown_transcript():
    r = _run()
    md = transcript_markdown(r, "2026-11-26T09:00:00Z")
    assert md.startswith("# Practice interview with Amara Okafor")
    assert "**You:** &lt;script&gt;" in md
    assert "## Debrief" in md and "### Try next time" in md
    assert "Tomás Reyes" in md


def test_empty_conversation_debrief():
    r = Rehearsal("rhys-morgan", minutes=15)
    r.end()
    d = r.debrief()
    assert d.questions_asked == 0 and d.categories_covered == []
    assert 2 <= len(d.suggestions) <= 3
    assert "started" in d.encouragement
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
    assert saved["debrief"]["closed_well"] is True
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
