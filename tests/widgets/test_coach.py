"""The coaches, driven through their widgets as a learner would (callbacks run directly)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from exercises.render import render_css
from exercises.storage import WorkStore
from exercises.widgets import (
    goal_builder,
    pitch_coach,
    question_builder,
    thank_you_coach,
)
from exercises.widgets.coach import CHECK_LABEL
from exercises.widgets.debounce import Debouncer

XSS = "<img src=x onerror=alert(1)>"


def test_pitch_coach_counts_words_then_characters(store_path, fake_grader):
    coach = pitch_coach(store=store_path, save_delay=0)
    coach.text.value = "Subject: Hello there\nHi, I am Ana and I study chemistry."
    assert "8 of 150 words" in coach.count.value
    coach.channel.value = "linkedin"
    assert "of 200 characters" in coach.count.value
    coach.text.value = "x" * 201
    assert "201 of 200 characters: 1 over the limit" in coach.count.value
    coach.channel.value = "linkedin-premium"
    assert "201 of 300 characters" in coach.count.value


def test_check_shows_feedback_and_history(store_path, fake_grader):
    coach = pitch_coach(store=store_path, save_delay=0)
    assert coach.check_button.description == CHECK_LABEL
    assert "No checked drafts yet" in coach.history.value
    coach.text.value = "Hello, I am Ana."
    coach.check_button.click()
    assert "Score 40 of 100: needs more work" in coach.feedback.value
    assert coach.feedback.value.startswith("<style>")
    assert '<mark class="iic-mark"' in coach.feedback.value
    assert "Draft 1: 40" in coach.history.value
    coach.text.value = "Hello, I am Ana. Thank you!"
    coach.check_button.click()
    assert "Score 80 of 100: almost ready" in coach.feedback.value
    assert "Draft 2: 80 (up 40)" in coach.history.value
    assert fake_grader.calls[-1] == ("pitch", "Hello, I am Ana. Thank you!",
                                     {"channel": "email"})


def test_check_saves_and_a_new_coach_restores(store_path, fake_grader):
    coach = pitch_coach(store=store_path, save_delay=0)
    coach.channel.value = "linkedin"
    coach.text.value = "Hi Sam, I am Ana."
    coach.check_button.click()
    saved = WorkStore(store_path).get_exercise("pitch")
    assert saved["text"] == "Hi Sam, I am Ana."
    assert saved["options"] == {"channel": "linkedin"}
    assert saved["report"]["score"] == 40 and saved["report"]["text"] == "Hi Sam, I am Ana."

    again = pitch_coach(store=store_path, save_delay=0)
    assert again.text.value == "Hi Sam, I am Ana."
    assert again.channel.value == "linkedin"
    assert "Score 40 of 100" in again.feedback.value
    assert "Draft 1: 40" in again.history.value
    assert "iic-bare iic-stale" not in again.feedback.value


def test_typing_is_saved_without_check_and_stale_feedback_is_labelled(store_path, fake_grader):
    coach = thank_you_coach(store=store_path, save_delay=0)
    coach.text.value = "Thank you for the chat."
    coach.check_button.click()
    coach.text.value = "Thank you for the chat on Tuesday."  # not checked
    again = thank_you_coach(store=store_path, save_delay=0)
    assert again.text.value == "Thank you for the chat on Tuesday."
    assert "Score 40 of 100" in again.feedback.value  # the last report is still shown
    assert "iic-bare iic-stale" in again.feedback.value
    # Autosaves re-record the last score; the history shows one draft, not two.
    assert "Draft 2" not in again.history.value
    assert len(fake_grader.calls) == 1


def test_option_change_alone_is_saved(store_path, fake_grader):
    coach = question_builder(store=store_path, save_delay=0)
    coach.text.value = "How did you start?"
    coach.minutes.value = 15
    assert WorkStore(store_path).get_exercise("questions")["options"] == {"minutes": 15}
    assert question_builder(store=store_path).minutes.value == 15


def test_learner_text_is_escaped_in_feedback(store_path, fake_grader):
    coach = goal_builder(store=store_path, save_delay=0)
    coach.text.value = XSS
    coach.check_button.click()
    assert "<img" not in coach.feedback.value
    # The fake grader marks the first five characters, so the tag is split by <mark>.
    assert "&lt;img </mark>" in coach.feedback.value
    assert "src=x onerror=alert(1)&gt;</div>" in coach.feedback.value


def test_grader_failure_is_a_message_not_an_exception(store_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("exercises.widgets.coach.grade_report", broken)
    coach = pitch_coach(store=store_path, save_delay=0)
    coach.text.value = "Hi"
    coach.check_button.click()
    assert 'role="alert"' in coach.feedback.value
    assert "something went wrong" in coach.feedback.value
    assert "No checked drafts yet" in coach.history.value


def test_question_builder_passes_minutes_and_shows_coverage(store_path, fake_grader):
    coach = question_builder(store=store_path, save_delay=0)
    coach.minutes.value = 20
    coach.text.value = "How did you start?\nWhat is a typical day?"
    assert "2 questions" in coach.count.value
    coach.check()
    assert fake_grader.calls[-1][2] == {"minutes": 20}
    assert "Topics covered" in coach.feedback.value
    assert "Ideas for missing topics" in coach.feedback.value
    assert "A good order to ask them" in coach.feedback.value


def test_corrupt_store_notice_is_shown(store_path, fake_grader):
    store_path.write_text("{not json", encoding="utf-8")
    coach = pitch_coach(store=store_path, save_delay=0)
    assert "iic-notice" in coach.notice.value
    assert "could not be used" in coach.notice.value
    assert coach.text.value == ""
    assert list(store_path.parent.glob("*.corrupt-*.json"))


def test_a_store_object_is_used_as_is(store_path, fake_grader):
    store = WorkStore(store_path)
    coach = goal_builder(store=store, save_delay=0)
    assert coach.store is store
    coach.text.value = "I want to learn about museum work."
    coach.check_button.click()
    assert store.get_exercise("goal")["report"]["score"] == 40
    assert json.loads(store_path.read_text())["exercises"]["goal"]["text"].startswith("I want")


def test_a_damaged_saved_report_does_not_block_the_coach(store_path, fake_grader):
    store = WorkStore(store_path)
    store.save_exercise("pitch", "Hi", {"channel": "pigeon"},
                        {"checks": [{"id": 3, "evidence": "x"}], "score": "high"})
    coach = pitch_coach(store=store_path, save_delay=0)
    assert coach.text.value == "Hi" and coach.channel.value == "email"


@pytest.mark.parametrize("factory", [pitch_coach, thank_you_coach, goal_builder,
                                     question_builder])
def test_every_coach_exposes_its_parts(store_path, factory):
    coach = factory(store=store_path)
    for name in ("text", "count", "check_button", "feedback", "history", "notice"):
        assert getattr(coach, name) in coach.children
    assert coach.text.description and coach.text.placeholder
    assert "iic-coach" in coach._dom_classes


def test_debouncer_runs_once_after_typing_stops():
    calls = []

    async def main():
        debouncer = Debouncer(lambda: calls.append(1), delay=0.05)
        for _ in range(5):
            debouncer.trigger()
        assert debouncer.pending and calls == []
        await asyncio.sleep(0.12)
        assert calls == [1] and not debouncer.pending
        debouncer.trigger()
        debouncer.flush()
        assert calls == [1, 1]
        debouncer.flush()  # nothing pending: no extra call
        assert calls == [1, 1]

    asyncio.run(main())


def test_debouncer_without_a_loop_runs_at_once():
    calls = []
    Debouncer(lambda: calls.append(1), delay=5).trigger()
    assert calls == [1]



FIXTURES = Path(__file__).parent.parent / "fixtures" / "render"


@pytest.mark.parametrize(("factory", "kind", "name", "options"), [
    (pitch_coach, "pitch", "pitch_email.txt", {"channel": "email"}),
    (pitch_coach, "pitch", "pitch_linkedin.txt", {"channel": "linkedin"}),
    (thank_you_coach, "thanks", "thanks.txt", {}),
    (goal_builder, "goal", "goal.txt", {}),
    (question_builder, "questions", "questions.txt", {"minutes": 20}),
])
def test_real_graders_give_the_same_html_as_the_page(store_path, factory, kind, name, options):
    from exercises.render import grade_and_render

    text = (FIXTURES / name).read_text(encoding="utf-8")
    coach = factory(store=store_path, save_delay=0)
    if "channel" in options:
        coach.channel.value = options["channel"]
    if "minutes" in options:
        coach.minutes.value = options["minutes"]
    coach.text.value = text
    coach.check_button.click()
    page = grade_and_render(kind, text, **options)
    assert coach.feedback.value == f"<style>{render_css()}</style>" + page
    score = WorkStore(store_path).get_exercise(kind)["report"]["score"]
    assert f"Draft 1: {score}" in coach.history.value
