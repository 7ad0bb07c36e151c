"""Pure logic behind the coaches: counts, limits, history, restore."""

from __future__ import annotations

import pytest

from exercises.grading.report import Check, Report
from exercises.widgets import logic


def test_subject_line_is_not_counted():
    text = "Subject: Hoping to learn about your work\n\nHello Ms. Diaz, I am a student."
    assert logic.count_words(logic.strip_subject(text)) == 7
    assert logic.strip_subject("subject:x") == ""
    # Only a leading subject line is dropped; a later mention stays.
    assert logic.strip_subject("Hi\nSubject: x") == "Hi\nSubject: x"


def test_count_words_ignores_punctuation_tokens():
    assert logic.count_words("Hello -- world ... 20 minutes!") == 4
    assert logic.count_words("") == 0
    assert logic.count_words("naïve café 🙂 שלום") == 3


def test_length_status_per_kind_and_channel():
    email = "word " * 151
    assert logic.length_status(email, "pitch", "email") == {
        "count": 151, "limit": 150, "unit": "words", "over": True}
    note = "x" * 300
    assert logic.length_status("  " + note + "\n", "pitch", "linkedin-premium") == {
        "count": 300, "limit": 300, "unit": "characters", "over": False}
    assert logic.length_status(note[:201], "pitch", "linkedin") == {
        "count": 201, "limit": 200, "unit": "characters", "over": True}
    assert logic.length_status("a b", "thanks")["limit"] == 150
    assert logic.length_status("Q1?\n\n Q2?\n", "questions") == {
        "count": 2, "limit": None, "unit": "questions", "over": False}
    # The counter reads the list as the grader does: a heading is no question, and two
    # questions on one line are two.
    listed = "My questions:\nWhat do you do all day? How did you start?\nWho else should I ask?"
    assert logic.length_status(listed, "questions")["count"] == 3
    from exercises.grading import grade_questions
    assert grade_questions(listed).meta["count"] == 3
    assert logic.length_status("I want to learn", "goal")["limit"] is None


def test_length_html_says_over_in_words():
    over = logic.length_html({"count": 160, "limit": 150, "unit": "words", "over": True},
                             "pitch", "email")
    assert "160 of 150 words: 10 over the limit" in over and "iic-counter-over" in over
    assert "a Subject: line is not counted" in over
    ok = logic.length_html({"count": 12, "limit": 300, "unit": "characters", "over": False},
                           "pitch", "linkedin")
    assert "12 of 300 characters" in ok and "Subject" not in ok
    assert ">1 question<" in logic.length_html(
        {"count": 1, "limit": None, "unit": "questions", "over": False})


def test_history_rows_show_the_change():
    assert logic.history_rows([45, 70, 70, 60]) == [
        "Draft 1: 45", "Draft 2: 70 (up 25)", "Draft 3: 70 (same)", "Draft 4: 60 (down 10)"]
    assert logic.history_rows([]) == []


def test_history_scores_skip_unusable_entries_and_dedupe():
    history = [{"score": None}, {"score": 40}, "x", {"score": True}, {"score": 40.0},
               {"score": 70}, {}]
    assert logic.history_scores(history) == [40, 40, 70]
    assert logic.dedupe_scores([40, 40, 70, 70, 40]) == [40, 70, 40]
    assert logic.history_scores("junk") == []


def test_history_html_lists_latest_drafts_with_numbers():
    out = logic.history_html(list(range(0, 120, 10)), shown=3)
    assert '<ol start="10">' in out and "Draft 12: 110 (up 10)" in out
    assert "Draft 9:" not in out
    assert "No checked drafts yet" in logic.history_html([])


def test_report_record_keeps_the_text():
    report = Report(kind="goal", text="I want <b>", checks=[Check("goal.x", True, "m")],
                    score=100, level="ready")
    record = logic.report_record(report)
    assert record["text"] == "I want <b>" and record["score"] == 100


def test_restore_exercise_handles_missing_and_junk():
    assert logic.restore_exercise(None) == {"text": "", "options": {}, "report": None,
                                            "scores": []}
    junk = {"text": 5, "options": "x", "report": {"checks": []}, "history": [{"score": 30}]}
    assert logic.restore_exercise(junk) == {"text": "", "options": {}, "report": None,
                                            "scores": [30]}
    good = {"text": "hi", "options": {"channel": "linkedin"},
            "report": {"checks": [{"id": "a"}], "text": "h"}, "history": []}
    assert logic.restore_exercise(good)["report"] == {"checks": [{"id": "a"}], "text": "h"}


def test_notice_html_escapes():
    assert logic.notice_html("") == ""
    out = logic.notice_html("<img src=x onerror=alert(1)> moved aside")
    assert "<img" not in out and 'role="status"' in out


@pytest.mark.parametrize("text", [
    "Subject: Alum question\n\nHi Jo, I am a student.",
    "  \n subj: x y z\nHello there -- friend!",
    "Re: our talk\nThanks",
    "Hello\nSubject: not first",
    "word " * 151,
    "🙂 naïve — test\t\tok",
    "",
])
def test_live_counts_match_the_graders(text):
    from exercises.grading import grade_pitch, grade_thank_you

    meta = grade_pitch(text, channel="email").meta
    assert logic.length_status(text, "pitch", "email")["count"] == meta["words"]
    assert logic.length_status(text, "pitch", "linkedin")["count"] == meta["chars"]
    assert logic.length_status(text, "thanks")["count"] == grade_thank_you(text).meta["words"]
